"""Checks that the structured backends (HTML, DOCX, OFD) share."""

from __future__ import annotations

from extractor.errors import TooLarge
from extractor.ingest.types import IngestOptions, Line

MAX_TEXT_CHARS = 1_000_000  # the text limit of one document when the options carry none


def check_text_limit(lines: list[Line], options: IngestOptions) -> None:
    """`TooLarge` when the lines hold more text than one document may have."""
    limit = getattr(options, "max_text_chars", MAX_TEXT_CHARS)
    n_chars = sum(len(ln.text) + 1 for ln in lines)
    if n_chars > limit:
        raise TooLarge(f"the text has {n_chars} characters; the limit is {limit}")
