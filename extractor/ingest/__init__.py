"""Ingestion: bytes -> `IngestedDocument` (lines, pages, boxes, furniture).

This package does not import spaCy.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractor.errors import EmptyInput, InputNotFound, TooLarge, UnsupportedMediaType
from extractor.ingest.text import decode_text, looks_binary, text_lines
from extractor.ingest.types import IngestedDocument, IngestOptions, Line

__all__ = ["IngestedDocument", "IngestOptions", "Line", "ingest", "read_source"]

PDF = "application/pdf"
TEXT = "text/plain"
HTML = "text/html"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OFD = "application/ofd"


def read_source(src: str | Path | bytes, filename: str | None = None) -> tuple[bytes, str | None]:
    """Read a path or take bytes; return (data, filename)."""
    if isinstance(src, bytes | bytearray | memoryview):
        return bytes(src), filename
    path = Path(src)
    if not path.is_file():
        raise InputNotFound(f"no such file: {path}")
    return path.read_bytes(), filename or path.name


def sniff(data: bytes, filename: str | None = None) -> str:
    """Decide the media type from the bytes (the filename only breaks ties)."""
    head = data[:1024].lstrip(b"\x00\t\r\n ")
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return PDF
    if filename and filename.lower().endswith(".pdf"):
        # Named .pdf but no PDF header: a corrupt or mislabelled file.
        from extractor.errors import CorruptPdf

        raise CorruptPdf(f"{filename} has no PDF header", detail="missing %PDF-")
    from extractor.ingest.docx import looks_like_docx
    from extractor.ingest.ofd import looks_like_ofd

    if looks_like_ofd(data, filename):
        return OFD
    if looks_like_docx(data, filename):
        return DOCX
    if looks_binary(data):
        raise UnsupportedMediaType(
            "not a PDF or a text file", detail=f"starts with {data[:8]!r}"
        )
    from extractor.ingest.html import looks_like_html

    if looks_like_html(data, filename):
        return HTML
    return TEXT


def ingest(
    src: str | Path | bytes,
    *,
    filename: str | None = None,
    options: IngestOptions | None = None,
) -> IngestedDocument:
    options = options or IngestOptions()
    data, filename = read_source(src, filename)
    if len(data) > options.max_bytes:
        raise TooLarge(f"input is {len(data)} bytes; the limit is {options.max_bytes}")
    if not data.strip():
        raise EmptyInput("the input is empty")
    sha = hashlib.sha256(data).hexdigest()
    media_type = sniff(data, filename)
    if media_type == HTML:
        from extractor.ingest.html import ingest_html

        return ingest_html(data, sha256=sha, filename=filename, options=options)
    if media_type == OFD:
        from extractor.ingest.ofd import ingest_ofd

        return ingest_ofd(data, sha256=sha, filename=filename, options=options)
    if media_type == DOCX:
        from extractor.ingest.docx import ingest_docx

        return ingest_docx(data, sha256=sha, filename=filename, options=options)
    if media_type == PDF:
        from extractor.ingest.pdf import ingest_pdf

        return ingest_pdf(data, sha256=sha, filename=filename, options=options)
    text, encoding = decode_text(data)
    return IngestedDocument(
        media_type=TEXT,
        sha256=sha,
        filename=filename,
        lines=text_lines(text),
        encoding=encoding,
    )
