"""Plain data types that ingestion produces. No spaCy, no pydantic here.

Ingestion turns bytes into `IngestedDocument`: body lines in reading order,
each with one box per character for PDF input, plus page furniture. The
normaliser (`extractor.normalize`) joins the lines into the returned text and
keeps an offset map back to pages and boxes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from extractor import limits
from extractor.errors import TooLarge

PDF = "application/pdf"
TEXT = "text/plain"

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points

# Told (pages done, pages total) while a document is read; a page is done once its text
# is final (text layer or OCR). The count never goes back; the last call has done == total.
Progress = Callable[[int, int], None]


@dataclass
class Line:
    """One visual line (PDF) or one physical line (text) of body text.

    `boxes` has one entry per character of `text` (PDF), or is None (text).
    `joins_next` says whether the next line continues this one without a break:
    True (a wrap: join with no space), False (a paragraph break), or None when
    the ingestor cannot tell and the normaliser should decide from the text.
    """

    text: str
    page: int | None = None
    boxes: list[Box] | None = None
    joins_next: bool | None = None
    # What the source marks this line as (HTML, DOCX): title | heading | paragraph |
    # list_item | table | caption | metadata; None when the format says nothing (text, PDF).
    label: str | None = None
    css_path: str | None = None  # HTML: a CSS selector of the element the line came from
    paragraph: int | None = None  # DOCX: index of the paragraph in the document body


@dataclass
class MetadataField:
    """One label/value pair of a page's metadata table (索引号, 发文机关, 成文日期 …).

    `key` is the canonical key (see extractor/data/page_metadata_labels.tsv);
    `line` indexes `IngestedDocument.lines`, whose text holds `value`.
    """

    label: str
    key: str
    value: str
    line: int


@dataclass
class PageInfo:
    number: int
    width: float
    height: float
    ocr: bool = False


@dataclass
class FurnitureItem:
    kind: str  # header | footer | page_number | navigation | script | hidden | duplicate | page_title
    text: str
    page: int
    bbox: Box | None = None


@dataclass
class TableInfo:
    """A table found on a PDF page: cell texts row by row, with cell boxes."""

    page: int
    bbox: Box | None
    rows: list[list[str]]
    cell_boxes: list[list[Box | None]] = field(default_factory=list)
    ruled: bool = True


@dataclass
class IngestedDocument:
    media_type: str
    sha256: str
    filename: str | None
    lines: list[Line]
    pages: list[PageInfo] = field(default_factory=list)
    furniture: list[FurnitureItem] = field(default_factory=list)
    tables: list[TableInfo] = field(default_factory=list)
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    metadata: list[MetadataField] = field(default_factory=list)

    @property
    def has_layout(self) -> bool:
        """Fixed-layout input (PDF, OFD): lines carry pages and per-character boxes."""
        return self.media_type in ("application/pdf", "application/ofd")

    @property
    def is_pdf(self) -> bool:
        return self.media_type == PDF

    @property
    def ocr_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.ocr]


@dataclass
class IngestOptions:
    """Limits for one document (defaults: `extractor.limits`). The API sets its own."""

    max_bytes: int = limits.MAX_BYTES
    max_pages: int = limits.MAX_PAGES
    max_text_chars: int = limits.MAX_TEXT_CHARS
    time_budget_s: float | None = None
    ocr: bool = True
    ocr_dpi: int = 200
    progress: Progress | None = field(default=None, compare=False, repr=False)

    def check_text_chars(self, n_chars: int) -> None:
        """Refuse a document whose text is longer than the pipeline takes (`too_large`)."""
        if n_chars > self.max_text_chars:
            raise TooLarge(limits.text_too_long_message(n_chars, self.max_text_chars))


class PageProgress:
    """Counts the pages of one document whose text is final and tells `options.progress`.

    A page is counted once however often it is marked, so the count only grows."""

    def __init__(self, callback: Progress | None, total: int) -> None:
        self.callback, self.total = callback, total
        self.done: set[int] = set()
        if callback is not None:
            callback(0, total)

    def mark(self, *pages: int) -> None:
        new = set(pages) - self.done
        if not new:
            return
        self.done |= new
        if self.callback is not None:
            self.callback(len(self.done), self.total)
