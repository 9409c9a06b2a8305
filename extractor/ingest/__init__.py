"""Ingestion: bytes -> `IngestedDocument` (lines, pages, boxes, furniture).

This package does not import spaCy.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
from collections.abc import Callable
from pathlib import Path

from extractor.errors import EmptyInput, InputNotFound, TooLarge, UnsupportedMediaType
from extractor.ingest.text import ingest_text, looks_binary
from extractor.ingest.types import PDF, TEXT, IngestedDocument, IngestOptions, Line, Progress

__all__ = ["BACKENDS", "IngestedDocument", "IngestOptions", "Line", "Progress", "ingest",
           "read_source"]

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


Backend = Callable[..., IngestedDocument]


def _lazy(module: str, name: str) -> Backend:
    """A backend imported on first use (pdfium, lxml, python-docx load only when needed)."""

    def run(data: bytes, *, sha256: str, filename: str | None,
            options: IngestOptions) -> IngestedDocument:
        backend = getattr(importlib.import_module(module), name)
        return backend(data, sha256=sha256, filename=filename, options=options)

    return run


# One backend per media type: (bytes, sha256=, filename=, options=) -> IngestedDocument.
# `sniff` decides the media type; a new format adds its sniff rule and an entry here.
BACKENDS: dict[str, Backend] = {
    PDF: _lazy("extractor.ingest.pdf", "ingest_pdf"),
    HTML: _lazy("extractor.ingest.html", "ingest_html"),
    DOCX: _lazy("extractor.ingest.docx", "ingest_docx"),
    OFD: _lazy("extractor.ingest.ofd", "ingest_ofd"),
    TEXT: ingest_text,
}


def ingest(
    src: str | Path | bytes,
    *,
    filename: str | None = None,
    options: IngestOptions | None = None,
) -> IngestedDocument:
    options = options or IngestOptions()
    data, filename = read_source(src, filename)
    if len(data) > options.max_bytes:
        raise TooLarge(f"the input is {len(data)} bytes; the limit is {options.max_bytes}")
    if not data.strip():
        raise EmptyInput("the input is empty")
    sha = hashlib.sha256(data).hexdigest()
    media_type = sniff(data, filename)
    if options.progress is None:
        return BACKENDS[media_type](data, sha256=sha, filename=filename, options=options)
    return _with_progress(BACKENDS[media_type], data, sha, filename, options)


def _with_progress(backend: Backend, data: bytes, sha: str, filename: str | None,
                   options: IngestOptions) -> IngestedDocument:
    """Run `backend` passing its page reports on (the PDF backend reports page by page);
    when it returns, every page is done: a backend that did not say so (text, HTML, DOCX:
    one page; OFD: its pages at once) is reported done here."""
    tell = options.progress
    last: list[tuple[int, int]] = []

    def relay(done: int, total: int) -> None:
        last[:] = [(done, total)]
        tell(done, total)

    doc = backend(data, sha256=sha, filename=filename,
                  options=dataclasses.replace(options, progress=relay))
    total = last[0][1] if last else max(1, len(doc.pages))
    if not last or last[0][0] != total:
        tell(total, total)
    return doc
