#!/usr/bin/env python3
"""Speed and memory of extraction (a script, not a test): `make bench`.

    .venv/bin/python scripts/bench.py [--runs 3] [--no-ocr] [--baseline DIR]

Prints, every figure measured in this one run:
- PDF: pages/s and peak memory of `extractor.extract()` on ../shared/samples/long_20pages.pdf,
  of `extractor.ingest()` alone, of bare pypdfium2 text extraction (open, load each page,
  its text page, `get_text_range()`) and of bare pdfplumber `extract_text()`; the ratios
  of extract() to each, and of the two libraries to each other (the floor under the first);
- text: characters/s of `extract()` on each seed (../shared/samples/seeds/notice_003.txt,
  a policy notice, and report_000.txt, a research report: they run different pipelines)
  repeated to about 100k characters, of the spaCy pipeline alone
  (`nlp(prepare_doc(...))`, one core, warm), and a line per stage (ingest, normalise,
  make_doc, each component); with `--baseline DIR` (another checkout, e.g. main) the same
  text figures for DIR, measured in a subprocess of this run, and the ratios;
- cold start: wall time of `extractor extract notice_simple.pdf` in a new process (and of
  `import spacy` alone, the floor under it);
- peak RSS of one worker without OCR: a new process that extracts long_20pages.pdf and
  the 100k text with OCR off;
- OCR pages/s on a scanned sample (report_table_scanned.pdf) unless --no-ocr.

Timings are medians over `--runs` runs after one warm-up run.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples"
TEXT_CHARS = 100_000


def use_tree(root: Path) -> None:
    """Import `extractor` from `root` (not from the editable install of this tree)."""
    sys.path.insert(0, str(root))
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]


SEEDS = {"notice": "notice_003.txt", "report": "report_000.txt"}


def seed_text(which: str = "notice") -> str:
    seed = (SAMPLES / "seeds" / SEEDS[which]).read_text(encoding="utf-8")
    return ((seed.rstrip("\n") + "\n") * (TEXT_CHARS // len(seed) + 1))[: TEXT_CHARS + len(seed)]


def plumber_text(path: Path) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(path) as pdf:
        for pg in pdf.pages:
            n += len(pg.extract_text() or "")
            pg.close()
    return n


def pdfium_text(path: Path) -> int:
    import pypdfium2 as pdfium

    n = 0
    doc = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            n += len(tp.get_text_range())
            tp.close()
            page.close()
    finally:
        doc.close()
    return n


def full_extract(path: Path) -> int:
    from extractor.core import extract

    return len(extract(path).model_dump_json())


def ingest_only(path: Path) -> int:
    from extractor.ingest import ingest

    return len(ingest(path).lines)


def timed(fn, arg, runs: int) -> tuple[float, float]:
    """(median seconds, traced peak MiB of one run)."""
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        fn(arg)
        ts.append(time.perf_counter() - t)
    tracemalloc.start()
    fn(arg)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(ts), peak / 2**20


def text_figures(runs: int, which: str = "notice") -> dict:
    """Seconds for the 100k-character text made of one seed: whole extract, pipeline, each stage."""
    from extractor.classify import classify
    from extractor.core import extract
    from extractor.ingest import ingest
    from extractor.normalize import normalize
    from extractor.pipelines import get_pipeline

    try:
        from extractor.pipelines.base import prepare_doc
    except ImportError:  # a tree from before prepare_doc (main at c12c08e)
        def prepare_doc(nlp, text, layout=None):
            doc = nlp.make_doc(text)
            doc._.meta = {"media_type": "text/plain", "kind": "policy_notice", "furniture": [], "tables": []}
            return doc

    text = seed_text(which)
    data = text.encode("utf-8")
    extract(data[:20000].decode("utf-8", "ignore").encode(), filename="warm.txt")  # loads everything
    kind = classify(normalize(ingest(data, filename="bench.txt")).text)[0]
    nlp = get_pipeline(kind)
    stages: dict[str, list[float]] = {}

    def lap(name: str, t0: float) -> float:
        t1 = time.perf_counter()
        stages.setdefault(name, []).append(t1 - t0)
        return t1

    whole, pipe = [], []
    for _ in range(runs):
        t = time.perf_counter()
        extract(data, filename="bench.txt")
        whole.append(time.perf_counter() - t)
        t = time.perf_counter()
        ing = ingest(data, filename="bench.txt")
        t = lap("ingest", t)
        norm = normalize(ing)
        t = lap("normalize", t)
        t0 = t
        doc = prepare_doc(nlp, norm.text)
        t = lap("make_doc", t)
        for name, proc in nlp.pipeline:
            doc = proc(doc)
            t = lap(name, t)
        pipe.append(t - t0)
    return {
        "seed": SEEDS[which],
        "chars": len(text),
        "kind": kind,
        "extract": statistics.median(whole),
        "pipeline": statistics.median(pipe),
        "stages": {k: statistics.median(v) for k, v in stages.items()},
    }


def text_figures_of(root: Path, runs: int, which: str = "notice") -> dict:
    """`text_figures` for another checkout, in a subprocess of this run."""
    out = subprocess.run(
        [sys.executable, __file__, "--text-json", "--root", str(root), "--runs", str(runs),
         "--seed", which],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def print_text(label: str, f: dict, base: dict | None) -> None:
    n = f["chars"]
    print(f"{label}: {f.get('seed', 'notice_003.txt')} repeated = {n} characters ({f['kind']}), "
          "median of runs")

    def row(name: str, secs: float, bsecs: float | None) -> None:
        line = f"  {name:28s} {secs * 1000:8.1f} ms {n / secs / 1000:8.0f}k chars/s"
        if bsecs is not None:
            line += f"   baseline {bsecs * 1000:8.1f} ms  x{bsecs / secs:5.2f}"
        print(line)

    row("extractor.extract()", f["extract"], base and base["extract"])
    row("pipeline (make_doc + pipes)", f["pipeline"], base and base["pipeline"])
    for name, secs in f["stages"].items():
        row("  " + name, secs, base and base["stages"].get(name))


def cold_start(runs: int) -> tuple[float, float]:
    """(median seconds of `extractor extract notice_simple.pdf`, of `import spacy`)."""
    cmd = [sys.executable, "-m", "extractor", "extract", str(SAMPLES / "notice_simple.pdf")]
    ts, sp = [], []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True)
        ts.append(time.perf_counter() - t)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import spacy"], capture_output=True, check=True)
        sp.append(time.perf_counter() - t)
    return statistics.median(ts), statistics.median(sp)


WORKER = """
import resource, sys
from extractor.core import extract
from extractor.ingest import IngestOptions
extract(sys.argv[1], options=IngestOptions(ocr=False))
extract(sys.stdin.buffer.read(), filename="bench.txt", options=IngestOptions(ocr=False))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def worker_rss() -> float:
    """Peak RSS (MiB) of a new process that extracts the PDF and the text, OCR off."""
    out = subprocess.run(
        [sys.executable, "-c", WORKER, str(SAMPLES / "long_20pages.pdf")],
        input=seed_text().encode("utf-8"), cwd=ROOT, capture_output=True, check=True,
    )
    return float(out.stdout.decode().strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pdf", default=str(SAMPLES / "long_20pages.pdf"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scanned", default=str(SAMPLES / "report_table_scanned.pdf"))
    ap.add_argument("--ocr-pages", type=int, default=2)
    ap.add_argument("--no-ocr", action="store_true")
    ap.add_argument("--baseline", help="another checkout (e.g. a worktree of main) to compare the text figures with")
    ap.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    ap.add_argument("--text-json", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--seed", choices=sorted(SEEDS), default="notice", help=argparse.SUPPRESS)
    a = ap.parse_args()

    if a.text_json:  # the subprocess of --baseline
        use_tree(Path(a.root))
        print(json.dumps(text_figures(a.runs, a.seed)))
        return 0
    use_tree(ROOT)

    import pypdfium2 as pdfium

    path = Path(a.pdf)
    n = len(pdfium.PdfDocument(str(path)))

    t = time.perf_counter()
    full_extract(path)  # warm-up: loads spaCy, the pipeline and the gazetteers
    warm = time.perf_counter() - t
    plumber_text(path)
    pdfium_text(path)

    ts_full, mem_full = timed(full_extract, path, a.runs)
    ts_ing, mem_ing = timed(ingest_only, path, a.runs)
    ts_pm, mem_pm = timed(pdfium_text, path, a.runs)
    ts_pl, mem_pl = timed(plumber_text, path, a.runs)
    print(f"{path.name}: {n} pages, median of {a.runs} runs (first run with pipeline load {warm:.2f}s)")
    print(f"  extractor.extract()          {ts_full:7.3f}s {n / ts_full:7.1f} pages/s  peak traced {mem_full:6.1f} MiB")
    print(f"  extractor.ingest() only      {ts_ing:7.3f}s {n / ts_ing:7.1f} pages/s  peak traced {mem_ing:6.1f} MiB")
    print(f"  pypdfium2 bare text          {ts_pm:7.3f}s {n / ts_pm:7.1f} pages/s  peak traced {mem_pm:6.1f} MiB")
    print(f"  pdfplumber extract_text()    {ts_pl:7.3f}s {n / ts_pl:7.1f} pages/s  peak traced {mem_pl:6.1f} MiB")
    print(f"  ratio extract/pypdfium2      {ts_full / ts_pm:7.2f}x the time of bare pypdfium2")
    print(f"  ratio extract/pdfplumber     {ts_pl / ts_full:7.2f}x faster" if ts_full < ts_pl
          else f"  ratio extract/pdfplumber     {ts_full / ts_pl:7.2f}x SLOWER")
    print(f"  ratio pdfplumber/pypdfium2   {ts_pl / ts_pm:7.2f}x (the most extract() could gain over pdfplumber)")

    for which in SEEDS:  # a policy notice and a research report: different pipelines
        base = text_figures_of(Path(a.baseline), a.runs, which) if a.baseline else None
        print_text(f"text input ({which})", text_figures(a.runs, which), base)

    cold, spacy_import = cold_start(a.runs)
    print(f"cold start `extractor extract notice_simple.pdf`: {cold:.2f}s (of which `import spacy` alone: "
          f"{spacy_import:.2f}s)")
    print(f"peak RSS of one worker without OCR (long_20pages.pdf + the 100k text): {worker_rss():.0f} MiB")

    if not a.no_ocr:
        from extractor.ingest import ocr
        from extractor.ingest.pdf import ocr_chars

        t = time.perf_counter()
        ocr.get_engine()
        load = time.perf_counter() - t
        doc = pdfium.PdfDocument(a.scanned)
        k = min(a.ocr_pages, len(doc))
        t = time.perf_counter()
        chars = 0
        for i in range(k):
            page = doc[i]
            chars += len(ocr_chars(page, 200))
            page.close()
        dt = time.perf_counter() - t
        print(f"OCR {Path(a.scanned).name}: {k} pages at 200 dpi in {dt:.2f}s = {k / dt:.3f} pages/s "
              f"({dt / k:.2f} s/page, {chars} chars; engine load {load:.2f}s)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"this process peak RSS {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
