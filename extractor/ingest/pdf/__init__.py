"""PDF ingestion: bytes -> `IngestedDocument` (body lines with a box per character).

pypdfium2 gives each character with its box about ten times faster than
pdfplumber, so it does the work here. pdfminer (under pdfplumber) is run only on
a page where pdfium skipped a text object (seen with one-character strings of a
non-embedded CID font), to read the missing characters, and on a file pdfium
refuses, to tell an encrypted, empty or corrupt PDF apart (pdfium's error code is
process-wide state that a refused load does not always set).

Steps, per page:
1. characters from the text layer (pdfium's generated spaces and line breaks
   are skipped; we decide spaces and breaks from geometry), fake-bold
   duplicates dropped;
2. garbled or missing text layers (U+FFFD, unmapped glyphs, private-use
   characters, no CJK on a page of a Chinese document, only spaces) go to OCR
   (`extractor.ingest.ocr`), whose line boxes are spread over the characters;
3. characters are grouped into rows (same baseline) and rows into segments
   (split at gaps wider than 1.5 em);
then, for the whole document:
4. running headers, footers and page numbers are found (same text in the top or
   bottom band of many pages, or a page-number pattern) and moved to
   `furniture`;
5. two-column pages are detected from a vertical gutter and read column by
   column;
6. each line gets `joins_next` from the geometry: it reaches the right edge of
   its column and the next line is not indented (a Chinese wrap);
7. rows of two or more aligned segments become `TableInfo`s (and stay in the
   body as one line per row, cells separated by one space).

Modules: `chars` (opening, steps 1-2), `layout` (geometry types, step 3),
`furniture` (4), `columns` (5), `joins` (6), `tables` (7), `reader` (the steps
in order, limits and typed errors).
"""

from __future__ import annotations

from extractor.ingest.pdf.chars import (
    _PageStats,
    dedupe_chars,
    garbled_reason,
    ocr_chars,
    page_stats,
)
from extractor.ingest.pdf.columns import find_gutter, order_page
from extractor.ingest.pdf.furniture import find_furniture
from extractor.ingest.pdf.joins import joins, uses_indent
from extractor.ingest.pdf.layout import Char, PageLayout, Row, Segment, build_rows
from extractor.ingest.pdf.reader import ingest_pdf
from extractor.ingest.pdf.tables import find_tables

__all__ = [
    "Char",
    "PageLayout",
    "Row",
    "Segment",
    "_PageStats",
    "build_rows",
    "dedupe_chars",
    "find_furniture",
    "find_gutter",
    "find_tables",
    "garbled_reason",
    "ingest_pdf",
    "joins",
    "ocr_chars",
    "order_page",
    "page_stats",
    "uses_indent",
]
