"""Running headers, footers and page numbers: the same text in the top or bottom band
of many pages, or a page-number pattern, is moved out of the body into `furniture`."""

from __future__ import annotations

import re

from extractor.ingest.pdf.layout import PageLayout, Row, Segment
from extractor.ingest.types import FurnitureItem

# Top and bottom bands of the page (share of the height) where furniture lives.
FURNITURE_BAND = 0.12
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～]*\d{1,4}[-—–－~～]*"
    r"|第\d{1,4}页(?:[,，/]?共\d{1,4}页)?|共\d{1,4}页[,，/]?第\d{1,4}页"
    r"|\d{1,4}/\d{1,4}|[Pp]age\d{1,4}(?:of\d{1,4})?"
    r"|[-—–－]*[ivxlcIVXLC]{1,6}[-—–－]*)$"
)


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def find_furniture(layouts: list[PageLayout]) -> list[FurnitureItem]:
    """Remove running headers, footers and page numbers from `layouts`; return them."""
    n_pages = len(layouts)
    # candidates: (page index, row index, segment, zone)
    cands: list[tuple[int, int, Segment, str]] = []
    for pi, lay in enumerate(layouts):
        h = lay.info.height
        rows = lay.rows
        for ri in range(min(2, len(rows))):
            if rows[ri].bottom <= h * FURNITURE_BAND:
                for s in rows[ri].segments:
                    cands.append((pi, ri, s, "header"))
        for ri in range(len(rows) - 1, max(len(rows) - 3, -1), -1):
            if rows[ri].top >= h * (1 - FURNITURE_BAND):
                for s in rows[ri].segments:
                    cands.append((pi, ri, s, "footer"))
    counts: dict[tuple[str, str], set[int]] = {}
    for pi, _ri, s, zone in cands:
        counts.setdefault((zone, _mask(s.text)), set()).add(pi)
    need = max(2, int(0.4 * n_pages + 0.999))
    found: list[FurnitureItem] = []
    remove: dict[int, set[int]] = {}
    for pi, _ri, s, zone in cands:
        key = _mask(s.text)
        if _PAGE_NUMBER.match(key.replace("#", "1")) and _PAGE_NUMBER.match(re.sub(r"\s+", "", s.text)):
            kind = "page_number"
        elif n_pages >= 2 and len(counts[(zone, key)]) >= need:
            kind = zone
        else:
            continue
        found.append(FurnitureItem(kind=kind, text=s.text.strip(), page=layouts[pi].info.number,
                                   bbox=(s.x0, s.top, s.x1, s.bottom)))
        remove.setdefault(pi, set()).add(id(s))
    for pi, ids in remove.items():
        lay = layouts[pi]
        rows = []
        for r in lay.rows:
            segs = [s for s in r.segments if id(s) not in ids]
            if segs:
                rows.append(Row(segs))
        lay.rows = rows
    found.sort(key=lambda f: (f.page, f.bbox[1] if f.bbox else 0, f.bbox[0] if f.bbox else 0))
    return found
