"""Checks that the backends with lines of their own (PDF, HTML, DOCX, OFD) share."""

from __future__ import annotations

from extractor.errors import TooLarge
from extractor.ingest.types import IngestOptions, Line


def text_limit(options: IngestOptions) -> int:
    """Characters of text one document may have (`extractor.limits.MAX_TEXT_CHARS`)."""
    return options.max_text_chars


def check_text_limit(lines: list[Line], options: IngestOptions) -> None:
    """`TooLarge` when the lines hold more text than one document may have."""
    options.check_text_chars(sum(len(ln.text) + 1 for ln in lines))


def over_text_limit(limit: int) -> TooLarge:
    """The error a backend raises when it stops reading early, past the limit."""
    return TooLarge(f"the text has more than {limit} characters; the limit is {limit}")
