"""OFD input (GB/T 33190, the Chinese fixed-layout format): pages -> lines with boxes.

Read with ofdkit (Apache-2.0, standard library only): it resolves the package
(OFD.xml -> Document.xml -> pages, templates, composite objects) and gives each
page's text runs with their position (millimetres, origin top-left, `y` the
baseline), font size and advance width. Here the runs become lines as PDF
characters do: runs whose baselines are within half a font size are one line,
read left to right (a gap wider than a quarter of the font size is a space); a
vertical step over 2.2 font sizes ends a paragraph (`joins_next=False`), other
line ends are left to the normaliser. Each character gets a box in PDF points
(advance widths shared out over the run, full-width characters twice as wide as
half-width ones; top and bottom from the baseline and the font size), so
evidence has pages and boxes as for PDF. One column only: multi-column OFD pages
are read line by line across the columns.

A file that is not an OFD package is `CorruptOfd`; one without text (a scan) is
`NoContent`.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile

from extractor.errors import CorruptOfd, NoContent, TooManyPages
from extractor.ingest.common import check_text_limit
from extractor.ingest.types import Box, IngestedDocument, IngestOptions, Line, PageInfo

OFD = "application/ofd"
PT_PER_MM = 72 / 25.4
SAME_LINE = 0.5  # share of the font size
WORD_GAP = 0.25
PARAGRAPH_GAP = 2.2
ASCENT, DESCENT = 0.88, 0.12  # shares of the font size above / below the baseline


def looks_like_ofd(data: bytes, filename: str | None = None) -> bool:
    """A ZIP with OFD.xml (read from the first 64 KB of local headers), or named .ofd."""
    named = (filename or "").lower().endswith(".ofd")
    if not data.startswith(b"PK\x03\x04"):
        return named
    if named or b"OFD.xml" in data[:65536]:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return any(n.lower() == "ofd.xml" for n in zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _weight(c: str) -> float:
    return 2.0 if unicodedata.east_asian_width(c) in ("W", "F") else 1.0


def _char_boxes(text: str, x: float, y: float, size: float, width: float) -> list[Box]:
    """One box per character of a run, in PDF points."""
    weights = [_weight(c) for c in text]
    total = sum(weights) or 1.0
    step = (width if width > 0 else size * len(text)) / total
    top, bottom = (y - size * ASCENT) * PT_PER_MM, (y + size * DESCENT) * PT_PER_MM
    boxes, cx = [], x
    for w in weights:
        boxes.append((cx * PT_PER_MM, top, (cx + w * step) * PT_PER_MM, bottom))
        cx += w * step
    return boxes


def _page_lines(runs, page_no: int) -> list[Line]:
    runs = [r for r in runs if r.text and r.text.strip()]
    runs.sort(key=lambda r: (r.y, r.x))
    groups: list[list] = []
    for r in runs:
        size = max(r.size, 1.0)
        if groups and abs(groups[-1][0].y - r.y) < SAME_LINE * size:
            groups[-1].append(r)
        else:
            groups.append([r])
    lines: list[Line] = []
    prev_y = prev_size = None
    for g in groups:
        g.sort(key=lambda r: r.x)
        text: list[str] = []
        boxes: list[Box] = []
        end_x = None
        for r in g:
            size = max(r.size, 1.0)
            if end_x is not None and r.x - end_x > WORD_GAP * size:
                text.append(" ")
                b = boxes[-1]
                boxes.append((b[2], b[1], r.x * PT_PER_MM, b[3]))
            text.append(r.text)
            boxes.extend(_char_boxes(r.text, r.x, r.y, size, r.width))
            end_x = r.x + (r.width if r.width > 0 else size * len(r.text))
        y, size = g[0].y, max(g[0].size, 1.0)
        if lines and prev_y is not None and y - prev_y > PARAGRAPH_GAP * max(size, prev_size or 0):
            lines[-1].joins_next = False
        lines.append(Line(text="".join(text), page=page_no, boxes=boxes))
        prev_y, prev_size = y, size
    return lines


def ingest_ofd(
    data: bytes,
    *,
    sha256: str,
    filename: str | None,
    options: IngestOptions,
) -> IngestedDocument:
    """The OFD backend (see the module docstring)."""
    import ofdkit

    try:
        document = ofdkit.open(data)
    except (ofdkit.OFDError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CorruptOfd(
            f"{filename or 'the input'} is not a readable OFD document",
            detail=f"{type(exc).__name__}: {str(exc)[:200]}",
        ) from exc
    with document:
        if len(document.pages) > options.max_pages:
            raise TooManyPages(
                f"the document has {len(document.pages)} pages; the limit is {options.max_pages}"
            )
        lines: list[Line] = []
        pages: list[PageInfo] = []
        try:
            for page in document.pages:
                no = page.index + 1
                x0, y0, w, h = page.box
                pages.append(PageInfo(number=no, width=w * PT_PER_MM, height=h * PT_PER_MM))
                visible = [
                    r for r in page.runs
                    if x0 - 5 <= r.x <= x0 + w + 5 and y0 - 5 <= r.y <= y0 + h + 5
                ]
                lines.extend(_page_lines(visible, no))
        except (ofdkit.OFDError, KeyError, ValueError) as exc:
            raise CorruptOfd(
                f"{filename or 'the input'} has an unreadable page", detail=str(exc)[:200]
            ) from exc
        warnings = list(document.warnings)
    check_text_limit(lines, options)
    if not lines:
        raise NoContent(
            f"{filename or 'the OFD document'} has no text (a scan? OFD images are not OCR'd)"
        )
    return IngestedDocument(
        media_type=OFD,
        sha256=sha256,
        filename=filename,
        lines=lines,
        pages=pages,
        warnings=warnings,
    )
