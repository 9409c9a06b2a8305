"""Job workers: threads that poll the jobs table, claim a job, run the extraction
off the request thread, and store the result or the typed failure.

Executors:
- "process" (default): each worker thread owns one child process (spawned, so it
  is safe next to uvicorn's threads) that imports the pipeline once and serves
  jobs over a pipe. A job that overruns its time budget gets its child killed;
  a child that dies is replaced and the job retried (up to max_attempts).
- "inline": the extraction runs in a helper thread of this process (tests, dev).

`python -m api.worker` runs workers without the HTTP server.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing as mp
import os
import signal
import socket
import threading
import time
import traceback
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any, Callable

from api import repo
from api.db import Database
from api.settings import Settings
from api.storage import BlobStore

log = logging.getLogger("api.worker")

Outcome = dict[str, Any]  # {"ok": True, "result": json} | {"ok": False, "code", "message", ...}


def load_fn(path: str) -> Callable:
    module, _, attr = path.partition(":")
    return getattr(importlib.import_module(module), attr)


def _count_pdf_pages(data: bytes) -> int | None:
    try:
        import pypdfium2

        pdf = pypdfium2.PdfDocument(data)
        try:
            return len(pdf)
        finally:
            pdf.close()
    except Exception:  # encrypted, corrupt, no pdfium: the library reports it
        return None


def run_one(fn: Callable, path: str, filename: str | None, opts: dict) -> Outcome:
    """Run the extraction on one stored file. Never raises."""
    from extractor.errors import ExtractorError, TooManyPages
    from extractor.ingest import IngestOptions

    try:
        data = Path(path).read_bytes()
        if data[:1024].lstrip().startswith(b"%PDF-"):
            pages = _count_pdf_pages(data)
            if pages is not None and pages > opts["max_pages"]:
                raise TooManyPages(f"the PDF has {pages} pages; the limit is {opts['max_pages']}")
        result = fn(data, filename=filename, options=IngestOptions(**opts))
        return {"ok": True, "result": result.model_dump_json()}
    except ExtractorError as exc:
        return {"ok": False, "code": exc.code, "message": exc.message, "detail": exc.detail}
    except MemoryError:
        return {"ok": False, "code": "extraction_failed", "message": "out of memory"}
    except Exception as exc:  # a bug in a component: a failed job, never a 500
        tb = traceback.format_exc(limit=8)
        log.warning("extraction failed: %s", tb)
        return {"ok": False, "code": "extraction_failed",
                "message": "the extraction failed unexpectedly",
                "detail": f"{type(exc).__name__}: {exc}"[:2000]}


def _warm_up(fn_path: str) -> None:
    if fn_path == "extractor.core:extract":
        from extractor.pipelines import PIPELINES, get_pipeline

        for kind in PIPELINES:
            get_pipeline(kind)


def _child_main(conn, fn_path: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    try:
        fn = load_fn(fn_path)
        _warm_up(fn_path)
    except Exception as exc:
        conn.send({"ready": False, "error": f"{type(exc).__name__}: {exc}"})
        return
    conn.send({"ready": True})
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        conn.send(run_one(fn, *msg))


class ProcessRunner:
    """One long-lived child process: the pipeline is loaded once per process."""

    def __init__(self, fn_path: str, start_timeout_s: float = 300.0) -> None:
        self.fn_path = fn_path
        self.start_timeout_s = start_timeout_s
        self.proc = None
        self.conn = None

    def _start(self, beat: Callable[[], None], stop: threading.Event) -> Outcome | None:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=_child_main, args=(child, self.fn_path), daemon=True,
                                name="extractor-child")
        self.proc.start()
        child.close()
        self.conn = parent
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline and not stop.is_set():
            if parent.poll(1.0):
                try:
                    msg = parent.recv()
                except EOFError:
                    break
                if msg.get("ready"):
                    return None
                self.close()
                return {"ok": False, "code": "extraction_failed",
                        "message": "the pipeline could not be loaded", "detail": msg.get("error")}
            if not self.proc.is_alive():
                break
            beat()
        self.close()
        if stop.is_set():
            return {"ok": False, "code": "interrupted", "requeue": True, "count": False}
        return {"ok": False, "code": "worker_crashed", "message": "the worker process died",
                "requeue": True, "count": True}

    def run(self, path: str, filename: str | None, opts: dict, *, timeout: float,
            beat: Callable[[], None], beat_every: float, stop: threading.Event) -> Outcome:
        if self.proc is None or not self.proc.is_alive():
            failed = self._start(beat, stop)
            if failed:
                return failed
        try:
            self.conn.send((path, filename, opts))
        except (OSError, BrokenPipeError):
            self.close()
            return {"ok": False, "code": "worker_crashed", "message": "the worker process died",
                    "requeue": True, "count": True}
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.close()
                return {"ok": False, "code": "time_budget_exceeded",
                        "message": f"the extraction took longer than {timeout:g} s"}
            if stop.is_set():
                self.close()
                return {"ok": False, "code": "interrupted", "requeue": True, "count": False}
            try:
                if self.conn.poll(min(beat_every, remaining)):
                    return self.conn.recv()
            except (EOFError, OSError):
                pass
            if not self.proc.is_alive():
                self.close()
                return {"ok": False, "code": "worker_crashed",
                        "message": "the worker process died during the extraction",
                        "requeue": True, "count": True}
            beat()

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            except OSError:
                pass
            self.conn = None
        if self.proc is not None:
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join(5)
            self.proc = None


class InlineRunner:
    """Runs the extraction in a helper thread of this process (tests and dev)."""

    def __init__(self, fn: Callable) -> None:
        self.fn = fn
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="extract")

    def run(self, path: str, filename: str | None, opts: dict, *, timeout: float,
            beat: Callable[[], None], beat_every: float, stop: threading.Event) -> Outcome:
        fut = self.pool.submit(run_one, self.fn, path, filename, opts)
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                # a thread cannot be killed: abandon it and use a fresh one
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool = ThreadPoolExecutor(1, thread_name_prefix="extract")
                return {"ok": False, "code": "time_budget_exceeded",
                        "message": f"the extraction took longer than {timeout:g} s"}
            if stop.is_set():  # shutting down: the job goes back to the queue
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool = ThreadPoolExecutor(1, thread_name_prefix="extract")
                return {"ok": False, "code": "interrupted", "requeue": True, "count": False}
            try:
                return fut.result(timeout=min(beat_every, remaining))
            except FutureTimeout:
                beat()

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


class WorkerPool:
    def __init__(self, db: Database, store: BlobStore, settings: Settings,
                 extract_fn: Callable | None = None) -> None:
        self.db, self.store, self.settings = db, store, settings
        self.extract_fn = extract_fn
        self.stop_event = threading.Event()
        self.wake = threading.Event()
        self.threads: list[threading.Thread] = []
        self.prefix = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"

    def _runner(self):
        if self.settings.executor == "inline" or self.extract_fn is not None:
            return InlineRunner(self.extract_fn or load_fn(self.settings.extract_fn))
        return ProcessRunner(self.settings.extract_fn)

    def start(self) -> None:
        repo.requeue_stale(self.db, self.settings.stale_after_s)
        for i in range(max(1, self.settings.workers)):
            t = threading.Thread(target=self._loop, args=(f"{self.prefix}:{i}",),
                                 name=f"worker-{i}", daemon=True)
            t.start()
            self.threads.append(t)

    def notify(self) -> None:
        self.wake.set()

    def alive(self) -> int:
        return sum(t.is_alive() for t in self.threads)

    def stop(self, timeout: float = 10.0) -> None:
        self.stop_event.set()
        self.wake.set()
        for t in self.threads:
            t.join(timeout)
        self.threads = []

    def _loop(self, worker_id: str) -> None:
        runner = self._runner()
        last_reap = time.monotonic()
        try:
            while not self.stop_event.is_set():
                try:
                    if time.monotonic() - last_reap > self.settings.stale_after_s / 2:
                        repo.requeue_stale(self.db, self.settings.stale_after_s)
                        last_reap = time.monotonic()
                    job = repo.claim_job(self.db, worker_id)
                except Exception:  # database briefly unavailable: try again later
                    log.exception("worker %s: polling failed", worker_id)
                    self.stop_event.wait(self.settings.poll_interval_s * 4)
                    continue
                if job is None:
                    self.wake.wait(self.settings.poll_interval_s)
                    self.wake.clear()
                    continue
                try:
                    self._process(job, worker_id, runner)
                except Exception:
                    log.exception("worker %s: job %s", worker_id, job.id)
                    try:
                        repo.fail_job(self.db, job.id, worker_id, "extraction_failed",
                                      "the job could not be completed")
                    except Exception:
                        log.exception("worker %s: could not record the failure", worker_id)
        finally:
            runner.close()

    def _process(self, job, worker_id: str, runner) -> None:
        from extractor.models import ExtractionResult

        state = repo.get_document(self.db, job.document_id)
        if state is None:
            return
        doc = state.doc
        path = self.store.path(doc.sha256)
        if not path.is_file():
            repo.fail_job(self.db, job.id, worker_id, "blob_missing",
                          "the stored file is missing")
            return
        s = self.settings
        opts = {"max_bytes": s.max_upload_bytes, "max_pages": s.max_pages,
                "time_budget_s": s.time_budget_s}

        def beat() -> None:
            try:
                repo.heartbeat(self.db, job.id, worker_id)
            except Exception:
                log.warning("heartbeat failed for job %s", job.id)

        outcome = runner.run(str(path), doc.filename, opts, timeout=s.time_budget_s,
                             beat=beat, beat_every=s.heartbeat_s, stop=self.stop_event)
        if outcome.get("ok"):
            try:
                result = ExtractionResult.model_validate_json(outcome["result"])
            except Exception as exc:
                repo.fail_job(self.db, job.id, worker_id, "extraction_failed",
                              "the result does not match the published schema", str(exc)[:2000])
                return
            repo.complete_job(self.db, job.id, worker_id, result)
            return
        if outcome.get("requeue"):
            if outcome.get("count") and job.attempts >= job.max_attempts:
                repo.fail_job(self.db, job.id, worker_id, outcome["code"],
                              f"{outcome.get('message')} (attempt {job.attempts})")
            else:
                repo.requeue(self.db, job.id, worker_id, count_attempt=bool(outcome.get("count")))
                self.wake.set()
            return
        repo.fail_job(self.db, job.id, worker_id, outcome["code"],
                      outcome.get("message") or outcome["code"], outcome.get("detail"))


def main() -> None:  # pragma: no cover - exercised by hand
    logging.basicConfig(level=logging.INFO)
    settings = Settings.from_env()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.db_url)
    db.migrate()
    pool = WorkerPool(db, BlobStore(settings.blob_dir), settings)
    pool.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    pool.stop()


if __name__ == "__main__":  # pragma: no cover
    main()
