"""Running an evaluation: predictions (the extractor, or a directory of result
JSON files) scored against every corpus entry, and the `extractor eval` command."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from extractor.evaluate.corpus import CorpusDoc, load_corpus
from extractor.evaluate.ratchet import check_ratchet
from extractor.evaluate.report import format_details, format_markdown, format_table, scores_json
from extractor.evaluate.scoring import Scores, score_doc, summarise


def predict(doc: CorpusDoc) -> dict:
    """Run the extractor on one corpus entry (the pipelines are cached per process)."""
    from extractor.core import extract

    result = extract(doc.input_path)
    return result.model_dump(mode="json")


def load_prediction(pred_dir: Path, doc: CorpusDoc) -> dict:
    for name in (f"{doc.doc_id}.json", f"{doc.source_path.name}.json"):
        p = pred_dir / name
        if p.is_file():
            return json.loads(p.read_text(encoding="utf-8"))
    return {}


def evaluate(
    corpus: str | Path,
    pred_dir: str | Path | None = None,
    predictor: Callable[[CorpusDoc], dict] | None = None,
) -> dict:
    """Score the whole corpus; returns the summary dict (see `summarise`)."""
    docs = load_corpus(corpus)
    scores = Scores()
    by_set: dict[str, Scores] = {}
    errors = {}
    t0 = time.perf_counter()
    for doc in docs:
        try:
            if pred_dir is not None:
                pred = load_prediction(Path(pred_dir), doc)
            else:
                pred = (predictor or predict)(doc)
        except Exception as exc:  # a crash scores as an empty prediction
            errors[doc.doc_id] = f"{type(exc).__name__}: {exc}"
            pred = {}
        gold = doc.gold.model_dump(mode="json")
        score_doc(gold, pred, scores, doc.doc_id)
        score_doc(gold, pred, by_set.setdefault(doc.meta.set, Scores()), doc.doc_id)
    summary = summarise(scores, len(docs))
    summary["sets"] = _count_sets(docs)
    summary["by_set"] = {
        name: {
            field: {
                "strict_f1": v["strict"]["f1"],
                "soft_f1": v["soft"]["f1"],
                "support": v["support"],
            }
            for field, v in summarise(sc, 0)["fields"].items()
            if "." not in field
        }
        for name, sc in sorted(by_set.items())
    }
    summary["errors"] = errors
    summary["seconds"] = round(time.perf_counter() - t0, 2)
    summary["per_doc"] = scores.per_doc
    return summary


def _count_sets(docs: list[CorpusDoc]) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in docs:
        out[d.meta.set] = out.get(d.meta.set, 0) + 1
    return out


def main(args) -> int:
    """`extractor eval CORPUS [--pred DIR] [--json OUT] [--baseline FILE]`."""
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"error: no corpus directory {corpus}", file=sys.stderr)
        return 64
    summary = evaluate(corpus, pred_dir=getattr(args, "pred", None))
    if getattr(args, "details", False):
        print(format_details(summary))
        print()
    print(format_markdown(summary) if getattr(args, "markdown", False) else format_table(summary))
    base = getattr(args, "baseline", None)
    fell = []
    if base:  # read before --json may overwrite the same file
        fell = check_ratchet(summary, json.loads(Path(base).read_text(encoding="utf-8")))
    out = getattr(args, "json_out", None)
    if out:
        Path(out).write_text(scores_json(summary), encoding="utf-8")
    for line in fell:
        print(f"REGRESSION: {line}", file=sys.stderr)
    return 1 if fell else 0
