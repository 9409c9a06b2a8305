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

import logging
import os
import signal
import socket
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Callable

from api import repo
from api.db import Database
from api.settings import Settings
from api.storage import BlobStore
from extractor.runner import Outcome, ProcessRunner, load_fn, run_one

log = logging.getLogger("api.worker")

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
