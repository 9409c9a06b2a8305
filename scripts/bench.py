#!/usr/bin/env python3
"""Speed and memory of PDF extraction (a script, not a test).

    .venv/bin/python scripts/bench.py [--runs 3] [--ocr-pages 2] [--no-ocr]

Prints, for ../shared/samples/long_20pages.pdf:
- pages/s and peak memory of the full `extractor.extract()` (ingest + pipeline),
- pages/s and peak memory of bare pdfplumber `extract_text()` in the same run,
- the ratio (extract / pdfplumber; above 1 means we are faster);
and pages/s of OCR pages on a scanned sample (report_table_scanned.pdf).

Timings are medians over `--runs` runs after one warm-up run; the pipeline and
the OCR engine are loaded in the warm-up, so load time is reported apart.
Peak memory is traced Python allocations (tracemalloc) during one run, plus
the process peak RSS at the end.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLES = ROOT.parent / "shared" / "samples"


def plumber_text(path: Path) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(path) as pdf:
        for pg in pdf.pages:
            n += len(pg.extract_text() or "")
            pg.close()
    return n


def full_extract(path: Path) -> int:
    from extractor.core import extract

    return len(extract(path).model_dump_json())


def ingest_only(path: Path) -> int:
    from extractor.ingest import ingest

    return len(ingest(path).lines)


def timed(fn, path: Path, runs: int) -> tuple[float, float]:
    """(median seconds, traced peak MiB of one run)."""
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        fn(path)
        ts.append(time.perf_counter() - t)
    tracemalloc.start()
    fn(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(ts), peak / 2**20


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pdf", default=str(SAMPLES / "long_20pages.pdf"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scanned", default=str(SAMPLES / "report_table_scanned.pdf"))
    ap.add_argument("--ocr-pages", type=int, default=2)
    ap.add_argument("--no-ocr", action="store_true")
    a = ap.parse_args()

    import pypdfium2 as pdfium

    path = Path(a.pdf)
    n = len(pdfium.PdfDocument(str(path)))

    t = time.perf_counter()
    full_extract(path)  # warm-up: loads spaCy, the pipeline and the gazetteers
    warm = time.perf_counter() - t
    plumber_text(path)

    ts_full, mem_full = timed(full_extract, path, a.runs)
    ts_ing, mem_ing = timed(ingest_only, path, a.runs)
    ts_pl, mem_pl = timed(plumber_text, path, a.runs)
    print(f"{path.name}: {n} pages, median of {a.runs} runs (first run with pipeline load {warm:.2f}s)")
    print(f"  extractor.extract()          {ts_full:7.3f}s {n / ts_full:7.1f} pages/s  peak traced {mem_full:6.1f} MiB")
    print(f"  extractor.ingest() only      {ts_ing:7.3f}s {n / ts_ing:7.1f} pages/s  peak traced {mem_ing:6.1f} MiB")
    print(f"  pdfplumber extract_text()    {ts_pl:7.3f}s {n / ts_pl:7.1f} pages/s  peak traced {mem_pl:6.1f} MiB")
    print(f"  ratio extract/pdfplumber     {ts_pl / ts_full:7.2f}x faster" if ts_full < ts_pl
          else f"  ratio extract/pdfplumber     {ts_full / ts_pl:7.2f}x SLOWER")

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
    print(f"process peak RSS {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
