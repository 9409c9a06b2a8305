"""`extractor batch`: a directory or glob of documents -> one JSON line per document.

- Every core: N worker processes (`extractor.runner.ProcessRunner`), each loads the
  pipeline once; a document that overruns the time budget gets its process killed
  and a typed `time_budget_exceeded` error, and the batch goes on.
- Past one machine: `--engine dask --address tcp://scheduler:8786` sends the same
  work to a Dask cluster (`--address local` starts a local one with N workers).
- Output: `OUT.jsonl` holds one `ExtractionResult` per line, in the published
  schema; `OUT.errors.jsonl` one typed error per failed document.
- Resumable: a re-run skips documents whose sha256 is already in `OUT.jsonl`
  (a torn last line from a killed run is cut off first) and retries the failures.
- Order: `--order input` (default: lines follow the input order, whatever finishes
  first) or `--order completion`.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import queue
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SUFFIXES = frozenset({".pdf", ".txt", ".text", ".html", ".htm", ".docx", ".ofd"})
EXTRACT_FN = "extractor.core:extract"


@dataclass(frozen=True)
class Item:
    index: int
    path: str
    sha256: str


@dataclass
class Summary:
    documents: int = 0
    done: int = 0
    skipped: int = 0
    duplicates: int = 0
    pages: int = 0
    errors: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["errors"] = dict(sorted(self.errors.items()))
        d["documents_per_s"] = round(self.done / self.seconds, 3) if self.seconds else None
        d["pages_per_s"] = round(self.pages / self.seconds, 3) if self.seconds else None
        return d

    def format(self) -> str:
        d = self.as_dict()
        errs = ", ".join(f"{k} {v}" for k, v in d["errors"].items()) or "none"
        return (
            f"{self.documents} documents: {self.done} extracted, {sum(self.errors.values())} "
            f"failed ({errs}), {self.skipped} already done, {self.duplicates} duplicates; "
            f"{self.pages} pages in {self.seconds:.1f} s "
            f"({d['documents_per_s'] or 0:g} documents/s, {d['pages_per_s'] or 0:g} pages/s)"
        )


def discover(inputs: Iterable[str]) -> list[Path]:
    """Files named, files under directories (by suffix, recursively), glob matches;
    in a stable order (sorted within each input), each file once."""
    out: list[Path] = []
    seen: set[Path] = set()
    for spec in inputs:
        p = Path(spec)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in SUFFIXES)
        elif p.exists():
            found = [p]
        elif glob.has_magic(spec):
            found = sorted(Path(q) for q in glob.glob(spec, recursive=True) if Path(q).is_file())
        else:
            found = [p]  # missing: reported as a typed not_found error
        for q in found:
            key = q.resolve()
            if key not in seen:
                seen.add(key)
                out.append(q)
    return out


def sha256_file(path: Path) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def done_hashes(out: Path) -> set[str]:
    """sha256 of the documents already in OUT; a torn last line is cut off first."""
    if not out.is_file():
        return set()
    with open(out, "rb+") as f:
        data = f.read()
        if data and not data.endswith(b"\n"):
            cut = data.rfind(b"\n") + 1
            f.truncate(cut)
            data = data[:cut]
    hashes = set()
    for line in data.splitlines():
        try:
            hashes.add(json.loads(line)["source"]["sha256"])
        except (ValueError, KeyError, TypeError):
            continue
    return hashes


def _options(max_pages: int, time_budget: float | None, ocr: bool) -> dict:
    return {"max_pages": max_pages, "time_budget_s": time_budget, "ocr": ocr}


def _missing(item: Item) -> dict:
    return {"ok": False, "code": "not_found", "message": f"no such file: {item.path}"}


def run_local(
    items: list[Item], workers: int, opts: dict, timeout: float,
    on_pages: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[Item, dict]]:
    """(item, outcome) as documents finish, on `workers` child processes. `on_pages(more
    done, more total)` hears of pages as ingestion reads them (from the worker threads)."""
    from extractor.runner import ProcessRunner

    todo: queue.Queue = queue.Queue()
    for it in items:
        todo.put(it)
    done: queue.Queue = queue.Queue()
    stop = threading.Event()

    def work() -> None:
        runner = ProcessRunner(EXTRACT_FN)
        try:
            while not stop.is_set():
                try:
                    it = todo.get_nowait()
                except queue.Empty:
                    return
                out = runner.run(it.path, Path(it.path).name, opts, timeout=timeout,
                                 beat=lambda: None, beat_every=1.0, stop=stop,
                                 progress=_page_deltas(on_pages) if on_pages else None)
                done.put((it, out))
        finally:
            runner.close()

    threads = [threading.Thread(target=work, daemon=True, name=f"batch-{i}")
               for i in range(max(1, min(workers, len(items))))]
    for t in threads:
        t.start()
    try:
        for _ in range(len(items)):
            yield done.get()
    finally:
        stop.set()
        for t in threads:
            t.join(10)


def _page_deltas(on_pages: Callable[[int, int], None]) -> Callable[[int, int], None]:
    """One document's (done, total) reports as increments of the batch's page counts."""
    last = [0, 0]

    def report(done: int, total: int) -> None:
        on_pages(done - last[0], total - last[1])
        last[:] = [done, total]

    return report


def _dask_task(path: str, opts: dict) -> dict:
    """Runs inside a Dask worker process: the pipeline is cached per process."""
    from extractor.runner import load_fn, run_one

    return run_one(load_fn(EXTRACT_FN), path, Path(path).name, opts)


def run_dask(
    items: list[Item], address: str, workers: int, opts: dict
) -> Iterator[tuple[Item, dict]]:
    """(item, outcome) as documents finish on a Dask cluster.

    `address` is a scheduler address (tcp://host:8786), "auto" (DASK_SCHEDULER_ADDRESS)
    or "local" (a LocalCluster of `workers` single-threaded processes). The per-document
    time budget is the extractor's own (`time_budget_s`); Dask cannot kill one task.
    The files must be readable at the same path on every worker (a shared filesystem)."""
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    elif address == "auto":
        client = Client(os.environ.get("DASK_SCHEDULER_ADDRESS"))
    else:
        client = Client(address)
    try:
        futures = {client.submit(_dask_task, it.path, opts, key=f"extract-{it.sha256}-{it.index}",
                                 pure=False): it for it in items}
        for fut in as_completed(futures):
            it = futures[fut]
            try:
                out = fut.result()
            except Exception as exc:  # a worker died under the task
                out = {"ok": False, "code": "worker_crashed",
                       "message": f"the Dask task failed: {type(exc).__name__}"}
            yield it, out
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_batch(
    inputs: list[str],
    out: Path,
    *,
    errors_path: Path | None = None,
    workers: int | None = None,
    engine: str = "local",
    address: str = "local",
    order: str = "input",
    max_pages: int = 500,
    time_budget: float = 300.0,
    ocr: bool = True,
    progress: bool | None = None,
    log: Callable[[str], None] = lambda s: print(s, file=sys.stderr),
) -> Summary:
    """Extract every document of `inputs` into `out` (JSONL); return the summary."""
    t0 = time.monotonic()
    workers = workers or os.cpu_count() or 1
    errors_path = errors_path or out.with_name(out.stem + ".errors.jsonl")
    summary = Summary()
    already = done_hashes(out)
    items: list[Item] = []
    missing: list[Item] = []
    seen: set[str] = set()
    for i, p in enumerate(discover(inputs)):
        summary.documents += 1
        sha = sha256_file(p)
        if sha is None:
            missing.append(Item(i, str(p), ""))
        elif sha in already:
            summary.skipped += 1
        elif sha in seen:
            summary.duplicates += 1
        else:
            seen.add(sha)
            items.append(Item(i, str(p), sha))
    opts = _options(max_pages, time_budget, ocr)
    if engine == "dask":
        stream = run_dask(items, address, workers, opts)
    elif engine != "local":
        raise ValueError(f"unknown engine {engine!r} (local, dask)")

    from tqdm import tqdm

    # progress None: shown on a terminal only
    bar = tqdm(total=len(items) + len(missing), unit="doc", file=sys.stderr, smoothing=0.1,
               disable=None if progress is None else not progress)
    # pages read so far by the local workers, under the documents bar
    page_bar = tqdm(total=0, unit="page", file=sys.stderr, position=1, leave=False,
                    disable=bar.disable or engine != "local")
    page_lock = threading.Lock()

    def on_pages(more_done: int, more_total: int) -> None:
        with page_lock:
            page_bar.total += more_total
            page_bar.update(more_done)

    if engine == "local":
        stream = run_local(items, workers, opts, timeout=time_budget,
                           on_pages=None if page_bar.disable else on_pages)
    out.parent.mkdir(parents=True, exist_ok=True)
    pending: dict[int, tuple[Item, dict]] = {}
    order_ix = [it.index for it in sorted(items + missing, key=lambda x: x.index)]
    next_pos = 0
    with open(out, "a", encoding="utf-8") as fout, open(errors_path, "w", encoding="utf-8") as ferr:

        def write(it: Item, res: dict) -> None:
            if res.get("ok"):
                fout.write(res["result"].rstrip("\n") + "\n")
                summary.done += 1
                summary.pages += res.get("pages") or 0
            else:
                summary.errors[res.get("code", "extraction_failed")] += 1
                ferr.write(json.dumps({"path": it.path, "sha256": it.sha256 or None,
                                       "code": res.get("code"), "message": res.get("message")},
                                      ensure_ascii=False) + "\n")

        def results() -> Iterator[tuple[Item, dict]]:
            for it in missing:
                yield it, _missing(it)
            yield from stream

        for it, res in results():
            bar.update(1)
            bar.set_postfix(pages=summary.pages + (res.get("pages") or 0), refresh=False)
            if order == "completion":
                write(it, res)
                continue
            pending[it.index] = (it, res)
            while next_pos < len(order_ix) and order_ix[next_pos] in pending:
                write(*pending.pop(order_ix[next_pos]))
                next_pos += 1
            fout.flush()
        for ix in order_ix[next_pos:]:  # an interrupted stream leaves nothing behind
            if ix in pending:
                write(*pending.pop(ix))
    page_bar.close()
    bar.close()
    summary.seconds = time.monotonic() - t0
    log(summary.format())
    return summary
