"""Job workers: threads that poll the jobs table, claim a job, run the extraction
off the request thread, and store the result or the typed failure.

Executors:
- "process" (default): each worker thread owns one child process (spawned, so it
  is safe next to uvicorn's threads) that imports the pipeline once and serves
  jobs over a pipe (`extractor.runner`). The child stops an extraction at the
  time budget itself (a typed error; the process stays warm); a job still running
  `kill_grace_s` later gets its child killed; a child that dies is replaced and
  the job retried (up to max_attempts).
- "inline": the extraction runs in a helper thread of this process (tests, dev).

Several workers run by default (`Settings.workers`); with two or more, worker 0
takes only small documents, so one slow job never holds the service. A job whose
document is deleted is cancelled: at once by `WorkerPool.cancel` in this process,
at the next heartbeat elsewhere. At start-up, jobs left `running` by a dead
process of this machine are re-queued at once (others when their heartbeat goes
stale).

`python -m api.worker` runs workers without the HTTP server.
"""

from __future__ import annotations

import logging
import os
import queue
import signal
import socket
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Callable

from api import jobqueue, repo
from api.db import Database
from api.liveness import pid_alive
from api.settings import Settings
from api.storage import BlobStore
from extractor.runner import Outcome, ProcessRunner, load_fn, run_one, supervise

log = logging.getLogger("api.worker")

# A job's progress (pages done) is written at most this often, plus its first and last report.
PROGRESS_EVERY_S = 0.25


class InlineRunner:
    """Runs the extraction in a helper thread of this process (tests and dev)."""

    def __init__(self, fn: Callable) -> None:
        self.fn = fn
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="extract")

    def run(self, path: str, filename: str | None, opts: dict, *, timeout: float,
            beat: Callable[[], None], beat_every: float, stop: threading.Event,
            cancel: threading.Event | None = None,
            progress: Callable[[int, int], None] | None = None) -> Outcome:
        # the extraction thread queues its page reports; they are passed on from here
        reports: queue.SimpleQueue[tuple[int, int]] = queue.SimpleQueue()
        fut = self.pool.submit(run_one, self.fn, path, filename, opts,
                               (lambda d, t: reports.put((d, t))) if progress else None)

        def poll(seconds: float) -> Outcome | None:
            try:
                outcome = fut.result(timeout=seconds)
            except FutureTimeout:
                outcome = None
            while progress is not None and not reports.empty():
                progress(*reports.get())
            return outcome

        def abandon() -> None:  # a thread cannot be killed: leave it, use a fresh one
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = ThreadPoolExecutor(1, thread_name_prefix="extract")

        return supervise(poll, timeout=timeout, budget=opts.get("time_budget_s") or timeout,
                         beat=beat, beat_every=beat_every, stop=stop,
                         cancel=cancel or threading.Event(), abandon=abandon)

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def worker_is_dead(worker_id: str, *, own_prefix: str | None = None) -> bool:
    """True when `worker_id` (host:pid:tag:n) names a process of this machine that is
    gone: its pid no longer runs, or it is this process's pid under another tag (an
    earlier life of this process id, as in a restarted container). A worker of
    another machine is never declared dead here: its heartbeat decides."""
    parts = worker_id.rsplit(":", 3)
    if len(parts) != 4 or parts[0] != socket.gethostname():
        return False
    try:
        pid = int(parts[1])
    except ValueError:
        return False
    if pid == os.getpid():
        return own_prefix is not None and not worker_id.startswith(own_prefix + ":")
    return not pid_alive(pid)


class _ProgressWriter:
    """A running job's page reports written to its row: at most one write every
    PROGRESS_EVERY_S, the first and the last report always; a report held back is written
    by the next report or by `flush` (the heartbeat)."""

    def __init__(self, write: Callable[[int, int], object], job_id: int) -> None:
        self._write, self._job_id = write, job_id
        self._unsaved: tuple[int, int] | None = None
        self._last = 0.0

    def report(self, done: int, total: int) -> None:
        self._unsaved = (done, total)
        if 0 < done < total and time.monotonic() - self._last < PROGRESS_EVERY_S:
            return
        self.flush()

    def flush(self) -> None:
        if self._unsaved is None:
            return
        (done, total), self._unsaved = self._unsaved, None
        self._last = time.monotonic()
        try:
            self._write(done, total)
        except Exception:
            log.warning("progress not recorded for job %s", self._job_id)


class WorkerPool:
    def __init__(self, db: Database, store: BlobStore, settings: Settings,
                 extract_fn: Callable | None = None) -> None:
        self.db, self.store, self.settings = db, store, settings
        self.extract_fn = extract_fn
        self.stop_event = threading.Event()
        self.wake = threading.Event()
        self.threads: list[threading.Thread] = []
        self.prefix = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        # worker id -> (document id, cancel event) of the job it runs now
        self._current: dict[str, tuple[str, threading.Event]] = {}
        self._current_lock = threading.Lock()

    def _runner(self):
        if self.settings.executor == "inline" or self.extract_fn is not None:
            return InlineRunner(self.extract_fn or load_fn(self.settings.extract_fn))
        return ProcessRunner(self.settings.extract_fn)

    def requeue_orphans(self) -> int:
        """Jobs left `running` by a crashed process of this machine go back to the queue."""
        return jobqueue.requeue_orphans(
            self.db, lambda w: worker_is_dead(w, own_prefix=self.prefix))

    def start(self) -> None:
        self.requeue_orphans()
        jobqueue.requeue_stale(self.db, self.settings.stale_after_s)
        n = max(1, self.settings.workers)
        for i in range(n):
            # with two workers or more, worker 0 keeps to small documents
            small_only = n >= 2 and i == 0 and self.settings.small_job_bytes > 0
            t = threading.Thread(
                target=self._loop, name=f"worker-{i}", daemon=True,
                args=(f"{self.prefix}:{i}", self.settings.small_job_bytes if small_only else None),
            )
            t.start()
            self.threads.append(t)

    def notify(self) -> None:
        self.wake.set()

    def alive(self) -> int:
        return sum(t.is_alive() for t in self.threads)

    def busy(self) -> int:
        """Workers of this pool running a job now."""
        with self._current_lock:
            return len(self._current)

    def cancel(self, doc_id: str) -> bool:
        """Stop the job of this document if a worker of this pool runs it (the worker
        kills its process or abandons its thread). Workers elsewhere notice at their
        next heartbeat, which fails once the job row is gone."""
        with self._current_lock:
            events = [ev for d, ev in self._current.values() if d == doc_id]
        for ev in events:
            ev.set()
        return bool(events)

    def stop(self, timeout: float = 10.0) -> None:
        self.stop_event.set()
        self.wake.set()
        for t in self.threads:
            t.join(timeout)
        self.threads = []

    def _loop(self, worker_id: str, max_bytes: int | None = None) -> None:
        runner = self._runner()
        last_reap = time.monotonic()
        try:
            while not self.stop_event.is_set():
                try:
                    if time.monotonic() - last_reap > self.settings.stale_after_s / 2:
                        jobqueue.requeue_stale(self.db, self.settings.stale_after_s)
                        last_reap = time.monotonic()
                    job = jobqueue.claim_job(self.db, worker_id, max_bytes=max_bytes)
                except Exception:  # database briefly unavailable: try again later
                    log.exception("worker %s: polling failed", worker_id)
                    self.stop_event.wait(self.settings.poll_interval_s * 4)
                    continue
                if job is None:
                    self.wake.wait(self.settings.poll_interval_s)
                    self.wake.clear()
                    continue
                cancel = threading.Event()
                with self._current_lock:
                    self._current[worker_id] = (job.document_id, cancel)
                try:
                    self._process(job, worker_id, runner, cancel)
                except Exception:
                    log.exception("worker %s: job %s", worker_id, job.id)
                    try:
                        jobqueue.fail_job(self.db, job.id, worker_id, "extraction_failed",
                                      "the job could not be completed")
                    except Exception:
                        log.exception("worker %s: could not record the failure", worker_id)
                finally:
                    with self._current_lock:
                        self._current.pop(worker_id, None)
        finally:
            runner.close()

    def _process(self, job, worker_id: str, runner, cancel: threading.Event) -> None:
        from extractor.models import ExtractionResult

        state = repo.get_document(self.db, job.document_id)
        if state is None:
            return
        doc = state.doc
        path = self.store.path(doc.sha256)
        if not path.is_file():
            jobqueue.fail_job(self.db, job.id, worker_id, "blob_missing",
                          "the stored file is missing")
            return
        s = self.settings
        opts = {"max_bytes": s.max_upload_bytes, "max_pages": s.max_pages,
                "time_budget_s": s.time_budget_s}
        if doc.requested_kind:
            opts["kind"] = doc.requested_kind

        progress = _ProgressWriter(
            lambda done, total: jobqueue.job_progress(self.db, job.id, worker_id, done, total),
            job.id)

        def beat() -> None:
            progress.flush()
            try:
                if not jobqueue.heartbeat(self.db, job.id, worker_id):
                    cancel.set()  # deleted, or re-queued to another worker: stop
            except Exception:
                log.warning("heartbeat failed for job %s", job.id)

        timeout = s.time_budget_s + (s.kill_grace_s if isinstance(runner, ProcessRunner) else 0)
        outcome = runner.run(str(path), doc.filename, opts, timeout=timeout,
                             beat=beat, beat_every=s.heartbeat_s, stop=self.stop_event,
                             cancel=cancel, progress=progress.report)
        if outcome.get("cancelled"):
            log.info("worker %s: job %s cancelled", worker_id, job.id)
            return
        if outcome.get("ok"):
            try:
                result = ExtractionResult.model_validate_json(outcome["result"])
            except Exception as exc:
                jobqueue.fail_job(self.db, job.id, worker_id, "extraction_failed",
                              "the result does not match the published schema", str(exc)[:2000])
                return
            jobqueue.complete_job(self.db, job.id, worker_id, result)
            return
        if outcome.get("requeue"):
            if outcome.get("count") and job.attempts >= job.max_attempts:
                jobqueue.fail_job(self.db, job.id, worker_id, outcome["code"],
                              f"{outcome.get('message')} (attempt {job.attempts})")
            else:
                jobqueue.requeue(self.db, job.id, worker_id, count_attempt=bool(outcome.get("count")))
                self.wake.set()
            return
        jobqueue.fail_job(self.db, job.id, worker_id, outcome["code"],
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
