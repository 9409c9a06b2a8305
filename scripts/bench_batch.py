"""Batch throughput on this machine: documents/s and pages/s for `extractor batch`
over the samples and the real corpus texts, one worker vs every core, in one run.

    .venv/bin/python scripts/bench_batch.py [--repeat N] [--workers N]

Not a test: it prints figures (the README records them). Each configuration starts
from an empty output file; worker start-up (the pipeline loaded once per process)
is inside the measured time, as it is for a real batch. OCR is off (scanned samples
are counted as typed failures) so the figure is the text-layer throughput.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EXTRACTOR_SHARED", ROOT.parent / "shared"))


def corpus(dst: Path, repeat: int) -> int:
    """Copies of the text-layer sample PDFs and the raw corpus texts; each copy gets a
    distinct trailing byte so that sha256 de-duplication does not skip it."""
    files = [p for p in sorted((SHARED / "samples").glob("*.pdf")) if "scanned" not in p.name]
    files += sorted((SHARED / "corpus" / "raw").glob("*.txt"))
    n = 0
    for r in range(repeat):
        for p in files:
            data = p.read_bytes()
            data += b"\n" * (r + 1) if p.suffix == ".txt" else b"\n%" + str(r).encode() + b"\n"
            (dst / f"{r:02d}_{p.name}").write_bytes(data)
            n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from extractor.batch import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        n = corpus(src, args.repeat)
        rows = []
        for workers in sorted({1, args.workers}):
            out = Path(tmp) / f"out{workers}.jsonl"
            s = run_batch([str(src)], out, workers=workers, ocr=False, progress=False,
                          log=lambda s: None)
            rows.append((workers, s))
        print(f"{n} documents ({args.repeat}x the text-layer samples and corpus/raw), "
              f"{os.cpu_count()} cores")
        print("| workers | documents | pages | failed | seconds | documents/s | pages/s |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for w, s in rows:
            d = s.as_dict()
            print(f"| {w} | {s.done} | {s.pages} | {sum(s.errors.values())} | {s.seconds:.1f} | "
                  f"{d['documents_per_s']:.2f} | {d['pages_per_s']:.2f} |")
        if len(rows) == 2:
            print(f"scaling {rows[0][0]} -> {rows[1][0]} workers: "
                  f"{rows[0][1].seconds / rows[1][1].seconds:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
