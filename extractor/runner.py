"""Run one extraction at a boundary: never raises, returns a typed outcome.

`run_one` calls the extractor on one file and turns every failure into
`{"ok": False, "code", "message", "detail"}`; `ProcessRunner` keeps one child
process (spawned, the pipeline loaded once) that serves such runs over a pipe;
the child stops a run at its time budget itself (a typed error, the process stays
warm), the parent kills it when a run overruns the timeout it was given (the last
line of defence) or is cancelled, and starts a fresh one on the next call. The
service's job workers and `extractor batch` both run documents this way.

Progress: a run can be given `progress(pages_done, pages_total)`; ingestion reports
pages as their text is read (`IngestOptions.progress`). The child sends each report
over the pipe ahead of the outcome, the inline runner queues them, and either runner
calls `progress` from the supervising thread (the caller's), never after the outcome.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing as mp
import signal
import threading
import time
import traceback
from pathlib import Path
from typing import Any, Callable

log = logging.getLogger("extractor.runner")

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


def run_one(fn: Callable, path: str, filename: str | None, opts: dict,
            progress: Callable[[int, int], None] | None = None) -> Outcome:
    """Run the extraction on one stored file. Never raises."""
    from extractor.errors import ExtractorError, TooManyPages
    from extractor.ingest import IngestOptions
    from extractor.limits import time_budget

    try:
        data = Path(path).read_bytes()
        if data[:1024].lstrip().startswith(b"%PDF-"):
            pages = _count_pdf_pages(data)
            if pages is not None and pages > opts["max_pages"]:
                raise TooManyPages(f"the PDF has {pages} pages; the limit is {opts['max_pages']}")
        opts = dict(opts)
        kind = opts.pop("kind", None)  # a kind the caller asked for (skips classification)
        # in a child process (main thread) the budget stops the extraction itself and
        # the process stays warm; in a thread it does nothing and the caller gives up
        with time_budget(opts.get("time_budget_s")):
            result = fn(data, filename=filename,
                        options=IngestOptions(**opts, progress=progress),
                        **({"kind": kind} if kind else {}))
        return {"ok": True, "result": result.model_dump_json(), "pages": result.source.pages}
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
        from extractor.pipelines import get_pipeline

        get_pipeline()  # the one pipeline extract() runs (mentions, then the kind's interpretation)


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
        path, filename, opts, *want = msg

        def report(done: int, total: int) -> None:
            conn.send({"progress": (done, total)})

        conn.send(run_one(fn, path, filename, opts, report if want and want[0] else None))


# How often a runner looks at its job while it waits (cancel, stop, a dead child).
POLL_SLICE_S = 0.1


def supervise(poll: Callable[[float], Outcome | None], *, timeout: float, budget: float,
               beat: Callable[[], None], beat_every: float, stop: threading.Event,
               cancel: threading.Event, abandon: Callable[[], None]) -> Outcome:
    """Wait for `poll(seconds)` to return the outcome, beating every `beat_every`; give
    the job up (`abandon()`) at the timeout, on shutdown or when it is cancelled."""
    deadline = time.monotonic() + timeout
    next_beat = time.monotonic() + beat_every
    while True:
        now = time.monotonic()
        if now >= deadline:
            abandon()
            return {"ok": False, "code": "time_budget_exceeded",
                    "message": f"the extraction took longer than {budget:g} s"}
        if stop.is_set():  # shutting down: the job goes back to the queue
            abandon()
            return {"ok": False, "code": "interrupted", "requeue": True, "count": False}
        if cancel.is_set():  # the document was deleted (or the job is no longer ours)
            abandon()
            return {"ok": False, "code": "cancelled", "cancelled": True}
        outcome = poll(min(POLL_SLICE_S, deadline - now))
        if outcome is not None:
            return outcome
        if time.monotonic() >= next_beat:
            beat()
            next_beat = time.monotonic() + beat_every


class ProcessRunner:
    """One long-lived child process: the pipeline is loaded once per process."""

    def __init__(self, fn_path: str, start_timeout_s: float = 300.0) -> None:
        self.fn_path = fn_path
        self.start_timeout_s = start_timeout_s
        self.proc = None
        self.conn = None

    def _start(self, beat: Callable[[], None], stop: threading.Event,
               cancel: threading.Event) -> Outcome | None:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=_child_main, args=(child, self.fn_path), daemon=True,
                                name="extractor-child")
        self.proc.start()
        child.close()
        self.conn = parent
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline and not stop.is_set() and not cancel.is_set():
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
        if cancel.is_set():
            return {"ok": False, "code": "cancelled", "cancelled": True}
        if stop.is_set():
            return {"ok": False, "code": "interrupted", "requeue": True, "count": False}
        return {"ok": False, "code": "worker_crashed", "message": "the worker process died",
                "requeue": True, "count": True}

    def run(self, path: str, filename: str | None, opts: dict, *, timeout: float,
            beat: Callable[[], None], beat_every: float, stop: threading.Event,
            cancel: threading.Event | None = None,
            progress: Callable[[int, int], None] | None = None) -> Outcome:
        cancel = cancel or threading.Event()
        if self.proc is None or not self.proc.is_alive():
            failed = self._start(beat, stop, cancel)
            if failed:
                return failed
        try:
            self.conn.send((path, filename, opts, progress is not None))
        except (OSError, BrokenPipeError):
            self.close()
            return {"ok": False, "code": "worker_crashed", "message": "the worker process died",
                    "requeue": True, "count": True}

        def poll(seconds: float) -> Outcome | None:
            try:
                if self.conn.poll(seconds):
                    msg = self.conn.recv()
                    if "progress" not in msg:
                        return msg
                    if progress is not None:
                        progress(*msg["progress"])
                    return None
            except (EOFError, OSError):
                pass
            if not self.proc.is_alive():
                self.close()
                return {"ok": False, "code": "worker_crashed",
                        "message": "the worker process died during the extraction",
                        "requeue": True, "count": True}
            return None

        # the child stops itself at the budget (a typed error, the process stays warm);
        # killing it after a grace period is the last line of defence
        return supervise(poll, timeout=timeout, budget=opts.get("time_budget_s") or timeout,
                         beat=beat, beat_every=beat_every, stop=stop, cancel=cancel,
                         abandon=self.close)

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
