"""The limits one document must fit in: one place, read by ingestion, the pipelines,
the CLI and the API (which may lower or raise them through its settings).

Every limit, when exceeded, is a typed error whose message states the limit
(`extractor.errors.TooLarge`, `TooManyPages`, `TimeBudgetExceeded`), never an
internal error. This module imports only `extractor.errors` (which imports nothing)
so that any layer can use it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from extractor.errors import TimeBudgetExceeded

# Bytes of one input file (CLI file or API upload).
MAX_BYTES = 50 * 1024 * 1024

# Characters of text one document may have after decoding (text) or reading
# (PDF). The spaCy pipelines are built with `nlp.max_length = MAX_TEXT_CHARS`,
# so a text that passes ingestion is never refused by spaCy (E088).
MAX_TEXT_CHARS = 1_000_000

# Pages of one PDF.
MAX_PAGES = 500

# Seconds one document may take end to end. The CLI applies it by default
# (`--time-budget`, 0 = none); the API applies it in the worker and, as the last
# line of defence, kills a worker process that overruns it.
TIME_BUDGET_S = 300.0


def text_too_long_message(n_chars: int, limit: int = MAX_TEXT_CHARS) -> str:
    """The message of the `too_large` error for a text of `n_chars` characters."""
    return f"the text has {n_chars} characters; the limit is {limit}"


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Stop the block with `TimeBudgetExceeded` once it has run `seconds`.

    A SIGALRM timer: it interrupts Python code and the regex engine, but not one long
    call into C (a page render, an OCR inference), which ends first. Only the main
    thread of a process can receive it; elsewhere (threads, no SIGALRM) this does
    nothing and the caller needs another guard (the API kills a worker process that
    overruns). The signal repeats every half second until the block ends, so a broad
    `except Exception` in the block cannot swallow it for good, and whatever the block
    raises after the budget ran out is reported as `TimeBudgetExceeded`.
    """
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    expired = False
    message = f"the time budget of {seconds:g} s ran out"

    def on_alarm(signum, frame):  # noqa: ARG001
        nonlocal expired
        expired = True
        raise TimeBudgetExceeded(message)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield
    except TimeBudgetExceeded:
        raise
    except BaseException as exc:
        if expired:
            raise TimeBudgetExceeded(message, detail=f"{type(exc).__name__}: {exc}"[:500]) from exc
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
