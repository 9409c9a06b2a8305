"""The limits one document must fit in: one place, read by ingestion, the pipelines,
the CLI and the API (which may lower or raise them through its settings).

Every limit, when exceeded, is a typed error whose message states the limit
(`extractor.errors.TooLarge`, `TooManyPages`, `TimeBudgetExceeded`), never an
internal error. This module imports nothing of ours so that any layer can use it.
"""

from __future__ import annotations

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
