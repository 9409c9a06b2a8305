"""Checks that the structured backends (HTML, DOCX, OFD) share."""

from __future__ import annotations

from extractor.errors import TooLarge
from extractor.ingest.types import IngestOptions, Line

MAX_TEXT_CHARS = 1_000_000  # the text limit of one document when the options carry none


def text_limit(options: IngestOptions) -> int:
    return getattr(options, "max_text_chars", MAX_TEXT_CHARS)


def check_text_limit(lines: list[Line], options: IngestOptions) -> None:
    """`TooLarge` when the lines hold more text than one document may have."""
    limit = text_limit(options)
    n_chars = sum(len(ln.text) + 1 for ln in lines)
    if n_chars > limit:
        raise TooLarge(f"the text has {n_chars} characters; the limit is {limit}")


def over_text_limit(limit: int) -> TooLarge:
    """The error a backend raises when it stops reading early, past the limit."""
    return TooLarge(f"the text has more than {limit} characters; the limit is {limit}")
