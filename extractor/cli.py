"""Command line: `extractor extract FILE...`, `extractor schema`, `extractor eval`,
`extractor reprocess` (asks a running service to re-extract outdated results).

Thin: parses arguments, calls the library, prints. Bad input prints
`error[<code>]: <message>` on stderr and exits non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from extractor import limits
from extractor.errors import ExtractorError
from extractor.models import DocumentKind

EXIT_OK = 0
EXIT_USAGE = 64
EXIT_PARTIAL = 1  # some inputs failed, others were written
EXIT_INTERNAL = 70  # a bug, not bad input


def _dump(result, fmt: str) -> str:
    if fmt == "jsonl":
        return result.model_dump_json() + "\n"
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def cmd_extract(args: argparse.Namespace) -> int:
    from extractor.core import extract
    from extractor.ingest import IngestOptions
    from extractor.limits import time_budget

    budget = args.time_budget if args.time_budget and args.time_budget > 0 else None
    options = IngestOptions(max_pages=args.max_pages, time_budget_s=budget, ocr=not args.no_ocr)
    out_path = Path(args.output) if args.output else None
    multi_json = args.format == "json" and len(args.files) > 1
    if out_path and out_path.is_dir():
        per_file_dir = out_path
    elif multi_json and out_path and not out_path.suffix:
        out_path.mkdir(parents=True, exist_ok=True)
        per_file_dir = out_path
    else:
        per_file_dir = None
    failures = 0
    chunks: list[str] = []
    for f in args.files:
        try:
            with time_budget(budget):
                result = extract(f, kind=args.kind, options=options)
        except ExtractorError as exc:
            failures += 1
            print(f"error[{exc.code}]: {f}: {exc.message}", file=sys.stderr)
            last_code = exc.exit_code
            continue
        except Exception as exc:  # a bug: report it, keep the other files' results
            if os.environ.get("EXTRACTOR_DEBUG"):
                raise
            failures += 1
            print(
                f"error[internal_error]: {f}: {type(exc).__name__}: {exc} "
                "(a bug; set EXTRACTOR_DEBUG=1 for the traceback)",
                file=sys.stderr,
            )
            last_code = EXIT_INTERNAL
            continue
        text = _dump(result, args.format)
        if per_file_dir is not None:
            ext = ".jsonl" if args.format == "jsonl" else ".json"
            (per_file_dir / (Path(f).name + ext)).write_text(text, encoding="utf-8")
        else:
            chunks.append(text)
    if per_file_dir is None:
        if args.format == "json" and len(chunks) > 1:
            body = "[\n" + ",\n".join(c.rstrip("\n") for c in chunks) + "\n]\n"
        else:
            body = "".join(chunks)
        if out_path:
            out_path.write_text(body, encoding="utf-8")
        elif body:
            sys.stdout.write(body)
    if failures == 0:
        return EXIT_OK
    if failures == len(args.files):
        return last_code
    return EXIT_PARTIAL


def cmd_schema(args: argparse.Namespace) -> int:
    from extractor import schema

    if args.write:
        for p in schema.write(Path(args.write) if args.write != "-" else schema.SCHEMA_DIR):
            print(p)
        return EXIT_OK
    sys.stdout.write(schema.dumps(schema.schemas()["extraction_result.schema.json"]))
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from extractor import evaluate

    return evaluate.main(args)


def cmd_reprocess(args: argparse.Namespace) -> int:
    """Ask a running service to re-extract stored documents made by an older extractor.

    Talks HTTP (`POST /v1/admin/reprocess`): the service owns the database and runs the
    jobs in the background; the library never imports the service."""
    import urllib.error
    import urllib.request

    url = args.url.rstrip("/") + "/v1/admin/reprocess" + ("?all=true" if args.all else "")
    key = args.api_key or os.environ.get("EXTRACTOR_API_KEY")
    req = urllib.request.Request(url, method="POST", data=b"",
                                 headers={"X-API-Key": key} if key else {})
    try:
        with urllib.request.urlopen(req, timeout=args.timeout) as resp:
            body = json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        try:
            problem = json.loads(exc.read().decode("utf-8"))
        except ValueError:
            problem = {}
        code = problem.get("code") or f"http_{exc.code}"
        print(f"error[{code}]: {problem.get('detail') or exc.reason}", file=sys.stderr)
        return 2
    except (urllib.error.URLError, OSError) as exc:
        print(f"error[service_unavailable]: {url}: {getattr(exc, 'reason', exc)}",
              file=sys.stderr)
        return 69
    print(f"{body['queued']} re-extraction job(s) queued, {body['already_queued']} already "
          f"queued (extractor {body['current_version']})")
    for doc_id in body["documents"]:
        print(doc_id)
    return EXIT_OK


def cmd_labelstudio(args: argparse.Namespace) -> int:
    from extractor import labelstudio

    return labelstudio.main(args)


def cmd_batch(args: argparse.Namespace) -> int:
    from extractor.batch import run_batch

    summary = run_batch(
        args.inputs, Path(args.output),
        errors_path=Path(args.errors) if args.errors else None,
        workers=args.workers, engine=args.engine, address=args.address, order=args.order,
        max_pages=args.max_pages, time_budget=args.time_budget, ocr=not args.no_ocr,
        progress=False if args.no_progress else None,
    )
    if args.summary_json:
        Path(args.summary_json).write_text(json.dumps(summary.as_dict(), indent=2) + "\n",
                                           encoding="utf-8")
    failed = sum(summary.errors.values())
    if failed and not summary.done and not summary.skipped:
        return 2
    return EXIT_PARTIAL if failed else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from extractor import graph

    try:
        g = graph.build_graph(graph.read_jsonl(Path(p) for p in args.inputs))
    except FileNotFoundError as exc:
        print(f"error[not_found]: {exc.filename}: no such file", file=sys.stderr)
        return 3
    except (ValueError, KeyError, TypeError) as exc:
        print(f"error[invalid_results]: the input is not JSONL of extraction results "
              f"({type(exc).__name__}: {exc})", file=sys.stderr)
        return 2
    if args.format == "csv-graph":
        for p in graph.write_csv_graph(g, Path(args.output)):
            print(p)
    else:
        text = json.dumps(graph.to_jsonld(g), ensure_ascii=False, indent=1) + "\n"
        if args.output and args.output != "-":
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="extractor", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="extract one or more PDF/text files to JSON")
    e.add_argument("files", nargs="+", metavar="FILE",
                   help="PDF, text, HTML (.html, .htm), Word (.docx) or OFD files")
    e.add_argument("--format", choices=["json", "jsonl"], default="json")
    e.add_argument("-o", "--output", help="output file (or directory for several files)")
    e.add_argument("--kind", choices=[k.value for k in DocumentKind])
    e.add_argument("--max-pages", type=int, default=limits.MAX_PAGES)
    e.add_argument("--time-budget", type=float, default=limits.TIME_BUDGET_S,
                   help="seconds per document (default %(default)g; 0: no limit)")
    e.add_argument("--no-ocr", action="store_true", help="fail on pages without a text layer")
    e.set_defaults(func=cmd_extract)

    s = sub.add_parser("schema", help="print the JSON Schema of the result")
    s.add_argument("--write", nargs="?", const="-", help="write schemas/*.json (or to DIR)")
    s.set_defaults(func=cmd_schema)

    v = sub.add_parser("eval", help="score predictions against an annotated corpus")
    v.add_argument("corpus", help="corpus directory (e.g. corpora/)")
    v.add_argument("--pred", help="directory of prediction JSON files (default: run the extractor)")
    v.add_argument("--json", dest="json_out", help="also write the scores as JSON to this file")
    v.add_argument(
        "--baseline", help="fail (exit 1) when a per-field F1 falls below this baseline JSON"
    )
    v.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    v.add_argument("--details", action="store_true", help="also list missed/extra values per document")
    v.set_defaults(func=cmd_eval)

    b = sub.add_parser("batch", help="a directory or glob of documents -> JSONL, on every core")
    b.add_argument("inputs", nargs="+", metavar="INPUT_DIR_OR_GLOB")
    b.add_argument("-o", "--output", required=True, help="the JSONL file (appended: resumable)")
    b.add_argument("--errors", help="typed errors file (default: OUT.errors.jsonl)")
    b.add_argument("--workers", type=int, default=None, help="worker processes (default: cores)")
    b.add_argument("--engine", choices=["local", "dask"], default="local")
    b.add_argument("--address", default="local",
                   help="Dask scheduler: tcp://host:8786, auto (DASK_SCHEDULER_ADDRESS), local")
    b.add_argument("--order", choices=["input", "completion"], default="input")
    b.add_argument("--max-pages", type=int, default=500)
    b.add_argument("--time-budget", type=float, default=300.0, help="seconds per document")
    b.add_argument("--no-ocr", action="store_true")
    b.add_argument("--no-progress", action="store_true")
    b.add_argument("--summary-json", help="also write the summary as JSON here")
    b.set_defaults(func=cmd_batch)

    x = sub.add_parser("export", help="JSONL results -> a graph (Neo4j CSV or JSON-LD)")
    x.add_argument("inputs", nargs="+", metavar="RESULTS.jsonl")
    x.add_argument("--format", choices=["csv-graph", "jsonld"], required=True)
    x.add_argument("-o", "--output", help="folder (csv-graph) or file (jsonld; default stdout)")
    x.set_defaults(func=cmd_export)

    r = sub.add_parser(
        "reprocess",
        help="re-extract stored documents whose result is older than this extractor",
        description="Queues background re-extraction jobs in a running service "
        "(POST /v1/admin/reprocess); previous results stay readable until replaced.",
    )
    r.add_argument("--url", default="http://127.0.0.1:8000", help="the service")
    r.add_argument("--api-key", help="default: $EXTRACTOR_API_KEY")
    r.add_argument("--all", action="store_true", help="every done document, whatever its version")
    r.add_argument("--timeout", type=float, default=60.0)
    r.set_defaults(func=cmd_reprocess)

    ls = sub.add_parser("labelstudio", help="Label Studio tasks out, corrected gold back in")
    ls_sub = ls.add_subparsers(dest="ls_command", required=True)
    lx = ls_sub.add_parser("export", help="corpus + predictions -> Label Studio tasks JSON")
    lx.add_argument("corpus", help="corpus directory (e.g. corpora/synthetic)")
    lx.add_argument("--pred", help="directory of prediction JSON files (default: run the extractor)")
    lx.add_argument("-o", "--output", required=True, help="tasks JSON file to write")
    lx.add_argument("--config", help="also write the labelling config XML here")
    li = ls_sub.add_parser("import", help="Label Studio JSON export -> gold.json files")
    li.add_argument("export", help="the JSON export from Label Studio")
    li.add_argument("-o", "--output", required=True, help="corpus set directory to write into")
    ls.set_defaults(func=cmd_labelstudio)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return EXIT_USAGE if exc.code else EXIT_OK
    try:
        return args.func(args)
    except ExtractorError as exc:
        print(f"error[{exc.code}]: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `extractor ... | head`: the reader went away
        sys.stderr.close()
        return 141


if __name__ == "__main__":
    sys.exit(main())
