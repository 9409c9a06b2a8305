"""PDF ingestion: bytes -> `IngestedDocument` (body lines with a box per character).

pypdfium2 gives each character with its box about ten times faster than
pdfplumber, so it does the work here. pdfminer (under pdfplumber) is run only on
a page where pdfium skipped a text object (seen with one-character strings of a
non-embedded CID font), to read the missing characters; pdfplumber only tells an
empty PDF from a corrupt one.

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
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from statistics import median

from extractor.errors import (
    CorruptPdf,
    EmptyPdf,
    EncryptedPdf,
    NoTextLayer,
    TimeBudgetExceeded,
    TooManyPages,
)
from extractor.ingest.types import (
    PDF,
    Box,
    FurnitureItem,
    IngestedDocument,
    IngestOptions,
    Line,
    PageInfo,
    TableInfo,
)

# Gap between two characters of one row (in em) that splits the row into segments.
SEGMENT_GAP_EM = 1.5
# Gap (in em) inside a segment that gets a space character of its own.
SPACE_GAP_EM = 0.6
# Top and bottom bands of the page (share of the height) where furniture lives.
FURNITURE_BAND = 0.12
_HEADING_START = re.compile(
    r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、]\D|第[一二三四五六七八九十百零〇\d]+[章节条]"
    r"|附件|附表|[图表]\s*\d"
)

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～]*\d{1,4}[-—–－~～]*"
    r"|第\d{1,4}页(?:[,，/]?共\d{1,4}页)?|共\d{1,4}页[,，/]?第\d{1,4}页"
    r"|\d{1,4}/\d{1,4}|[Pp]age\d{1,4}(?:of\d{1,4})?"
    r"|[-—–－]*[ivxlcIVXLC]{1,6}[-—–－]*)$"
)


@dataclass(slots=True)
class Char:
    c: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float


@dataclass
class Segment:
    chars: list[Char]
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        cs = self.chars
        self.x0 = min(c.x0 for c in cs)
        self.x1 = max(c.x1 for c in cs)
        self.top = min(c.top for c in cs)
        self.bottom = max(c.bottom for c in cs)
        sizes = sorted(c.size for c in cs)
        self.size = sizes[len(sizes) // 2]

    @property
    def text(self) -> str:
        return "".join(c.c for c in self.chars)


class _VerticalExtent:
    """`top`/`bottom` of anything made of `segments`."""

    segments: list[Segment]

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)


@dataclass
class Row(_VerticalExtent):
    segments: list[Segment]


@dataclass
class PageLayout:
    info: PageInfo
    rows: list[Row] = field(default_factory=list)


@dataclass
class _Line(_VerticalExtent):
    """A body line before it becomes a `Line`: its segments and its column."""

    page: int
    segments: list[Segment]
    col_left: float
    col_right: float
    column: int  # 0 single/left, 1 right, -1 spanning

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def size(self) -> float:
        return max(s.size for s in self.segments)


# ----------------------------------------------------------------------------- open


def _open(data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise EncryptedPdf(
                "the PDF is encrypted with a password; remove the password and try again",
                detail=msg,
            ) from exc
        if _plumber_page_count(data) == 0:
            raise EmptyPdf("the PDF has no pages") from exc
        raise CorruptPdf("the PDF is damaged or not a PDF and cannot be opened", detail=msg) from exc
    except Exception as exc:  # ctypes/OSError from a badly broken file
        raise CorruptPdf("the PDF cannot be opened", detail=repr(exc)) from exc


def _plumber_page_count(data: bytes) -> int | None:
    """Page count as pdfminer sees it (pdfium refuses a PDF with zero pages), or None."""
    import io

    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return len(pdf.pages)
    except Exception:
        return None


# ----------------------------------------------------------------------------- characters


def _text_chars(page, textpage, origin: tuple[float, float]) -> tuple[list[Char], int, list]:
    """Characters of the text layer, top-left origin; the count of unmapped glyphs; and
    the origins (x, y in PDF space) of text objects that gave pdfium no characters."""
    import ctypes

    import pypdfium2.raw as R

    left, top_y = origin
    n = R.FPDFText_CountChars(textpage)
    get_u = R.FPDFText_GetUnicode
    is_gen = R.FPDFText_IsGenerated
    bad_map = R.FPDFText_HasUnicodeMapError
    get_size = R.FPDFText_GetFontSize
    get_box = R.FPDFText_GetLooseCharBox
    # the same C function, returning the handle as an int (no pointer object per char)
    get_obj = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
        ctypes.cast(R.FPDFText_GetTextObject, ctypes.c_void_p).value
    )
    tp_handle = ctypes.cast(textpage.raw if hasattr(textpage, "raw") else textpage, ctypes.c_void_p)
    rect = R.FS_RECTF()
    out: list[Char] = []
    unmapped = 0
    objs: set[int] = set()
    last_obj = None
    skip_low = False
    for i in range(n):
        u = get_u(textpage, i)
        if u == 0 or u in (10, 13) or is_gen(textpage, i) == 1:
            continue
        o = get_obj(tp_handle, i) or 0
        if o != last_obj:
            last_obj = o
            objs.add(o)
        if bad_map(textpage, i) == 1:
            unmapped += 1
        if not get_box(textpage, i, rect):
            continue
        if 0xD800 <= u <= 0xDBFF:  # a high surrogate: the low one follows at i + 1
            lo = get_u(textpage, i + 1) if i + 1 < n else 0
            if 0xDC00 <= lo <= 0xDFFF:
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                skip_low = True
            else:
                u = 0xFFFD
        elif 0xDC00 <= u <= 0xDFFF:
            if skip_low:
                skip_low = False
                continue
            u = 0xFFFD
        try:
            c = chr(u)
        except ValueError:
            c = "\ufffd"
        size = get_size(textpage, i) or (rect.top - rect.bottom)
        x0, x1 = rect.left - left, rect.right - left
        t, b = top_y - rect.top, top_y - rect.bottom
        if x1 < x0:
            x0, x1 = x1, x0
        if b < t:
            t, b = b, t
        if b - t < 0.5:  # degenerate box (e.g. a space): give it the font height
            b = t + max(size, 1.0)
        out.append(Char(c, x0, t, x1, b, size if size > 0 else b - t))
    # pdfium silently drops some text objects (seen: a one-character Tj of a
    # non-embedded CID font); note where they are so pdfplumber can fill them in
    missing = []
    for obj in page.get_objects(filter=(R.FPDF_PAGEOBJ_TEXT,), max_depth=2):
        if (ctypes.cast(obj.raw, ctypes.c_void_p).value or 0) not in objs:
            try:
                l, b, r, t = obj.get_bounds()
            except Exception:
                continue
            # an object that starts where a character ends is most likely a space
            # (LibreOffice writes those as text objects of their own)
            ox, oy = l - left, top_y - b
            if any(abs(ch.x1 - ox) < 0.6 and ch.top - 1 <= oy <= ch.bottom + 1 for ch in out):
                continue
            missing.append((l, b, r, t))
    return out, unmapped, missing


class _MinerPages:
    """pdfminer over the same bytes, opened on first use, to read characters pdfium
    skipped. Only characters whose origin lies at a skipped text object are built."""

    def __init__(self, data: bytes) -> None:
        import io

        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfinterp import PDFResourceManager
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        self._fp = io.BytesIO(data)
        self._doc = PDFDocument(PDFParser(self._fp))
        self._pages = list(PDFPage.create_pages(self._doc))
        self._rsrc = PDFResourceManager(caching=True)

    def chars_at(self, index: int, areas: list[tuple[float, float, float, float]]
                 ) -> list[tuple[str, float, float, float, float, float]]:
        """(text, x0, y0, x1, y1, size) in PDF space for characters whose origin lies in
        one of `areas` (left, bottom, right, top)."""
        from pdfminer.converter import PDFLayoutAnalyzer
        from pdfminer.layout import LTChar
        from pdfminer.pdfinterp import PDFPageInterpreter
        from pdfminer.pdftypes import PDFException

        found: list[tuple[str, float, float, float, float, float]] = []

        class Device(PDFLayoutAnalyzer):
            def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
                ox, oy = matrix[4], matrix[5]
                near = any(l - 0.5 <= ox <= r + 0.5 and b - 0.5 <= oy <= t + 0.5 for l, b, r, t in areas)
                if not near and not font.is_vertical():
                    return font.char_width(cid) * fontsize * scaling
                try:
                    text = font.to_unichr(cid)
                except Exception:
                    text = ""  # pdfminer cannot map it either: leave it out
                item = LTChar(matrix, font, fontsize, scaling, rise, text, font.char_width(cid),
                              font.char_disp(cid), ncs, graphicstate)
                if near:
                    found.append((text, item.x0, item.y0, item.x1, item.y1, item.size))
                return item.adv

            def paint_path(self, *args, **kwargs):
                return None

            def render_image(self, *args, **kwargs):
                return None

        dev = Device(self._rsrc)
        try:
            PDFPageInterpreter(self._rsrc, dev).process_page(self._pages[index])
        except PDFException:
            pass
        return found

    def close(self) -> None:
        self._fp.close()


def _fill_dropped(miner: _MinerPages, index: int, chars: list[Char], missing: list,
                  origin: tuple[float, float]) -> list[Char]:
    """Add the characters pdfium dropped, read by pdfminer at the dropped objects' origins."""
    left, top_y = origin
    added: list[Char] = []
    have = {(c.c, round(c.x0), round(c.top)) for c in chars}
    for text, px0, py0, px1, py1, size in miner.chars_at(index, missing):
        if len(text) != 1 or text.isspace():
            continue
        x0, x1 = px0 - left, px1 - left
        top, bottom = top_y - py1, top_y - py0
        if any((text, round(x0) + dx, round(top) + dy) in have for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
            continue
        added.append(Char(text, x0, top, x1, bottom, float(size or bottom - top)))
    return chars + added


def dedupe_chars(chars: list[Char], tol: float = 1.0) -> list[Char]:
    """Drop fake-bold duplicates: the same character drawn again at about the same place."""
    seen: dict[tuple[str, int, int], list[Char]] = {}
    out: list[Char] = []
    for ch in chars:
        if ch.c.isspace():
            out.append(ch)
            continue
        t = max(tol, ch.size * 0.15)
        fx, fy = ch.x0 / t, ch.top / t
        kx, ky = int(fx), int(fy)
        # a duplicate within `t` lies in this cell or the neighbour on the near side
        nx = kx + 1 if fx - kx > 0.5 else kx - 1
        ny = ky + 1 if fy - ky > 0.5 else ky - 1
        dup = False
        for key in ((ch.c, kx, ky), (ch.c, nx, ky), (ch.c, kx, ny), (ch.c, nx, ny)):
            for o in seen.get(key, ()):
                if abs(o.x0 - ch.x0) <= t and abs(o.top - ch.top) <= t:
                    dup = True
                    break
            if dup:
                break
        if dup:
            continue
        seen.setdefault((ch.c, kx, ky), []).append(ch)
        out.append(ch)
    return out


def _is_cjk(c: str) -> bool:
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF or 0xF900 <= o <= 0xFAFF


def _is_odd(c: str) -> bool:
    """A character that a sound text layer rarely contains."""
    o = ord(c)
    return (
        c == "\ufffd"
        or 0xE000 <= o <= 0xF8FF
        or 0xF0000 <= o
        or (o < 32 and c not in "\t")
        or 0x80 <= o < 0xA0
    )


@dataclass
class _PageStats:
    n: int = 0
    visible: int = 0
    cjk: int = 0
    odd: int = 0
    unmapped: int = 0
    cid: bool = False


def page_stats(chars: list[Char], unmapped: int) -> _PageStats:
    s = _PageStats(n=len(chars), unmapped=unmapped)
    for ch in chars:
        c = ch.c
        if c.isspace():
            continue
        s.visible += 1
        if _is_cjk(c):
            s.cjk += 1
        elif _is_odd(c):
            s.odd += 1
    if s.visible and "(cid:" in "".join(ch.c for ch in chars):
        s.cid = True
    return s


def garbled_reason(s: _PageStats, chinese_doc: bool) -> str | None:
    """Why a page's text layer cannot be trusted (None when it is fine)."""
    if s.n == 0:
        return "no text layer"
    if s.visible == 0:
        return "text layer has only spaces"
    if s.cid:
        return "text layer has (cid:N) placeholders"
    if (s.odd + s.unmapped) / s.visible > 0.05:
        return "text layer has unmapped glyphs (U+FFFD, private-use or control characters)"
    if chinese_doc and s.visible >= 40 and s.cjk / s.visible < 0.05:
        return "almost no Chinese characters on a page of a Chinese document"
    return None


# ----------------------------------------------------------------------------- rows and segments


def build_rows(chars: list[Char]) -> list[Row]:
    """Group characters into rows (shared baseline band), then split rows at wide gaps."""
    if not chars:
        return []
    items = sorted(chars, key=lambda c: (c.top + c.bottom) / 2)
    rows: list[list[Char]] = []
    cur: list[Char] = [items[0]]
    center = (items[0].top + items[0].bottom) / 2
    height = items[0].bottom - items[0].top
    for ch in items[1:]:
        cy = (ch.top + ch.bottom) / 2
        h = ch.bottom - ch.top
        if abs(cy - center) <= 0.4 * max(min(h, height), 1.0):
            cur.append(ch)
            n = len(cur)
            center += (cy - center) / n
            height = max(height, h)
        else:
            rows.append(cur)
            cur = [ch]
            center, height = cy, h
    rows.append(cur)
    out: list[Row] = []
    for r in rows:
        r.sort(key=lambda c: c.x0)
        segs = _split_segments(r)
        if segs:
            out.append(Row(segs))
    out.sort(key=lambda r: r.top)
    return out


def _split_segments(chars: list[Char]) -> list[Segment]:
    segs: list[list[Char]] = []
    cur: list[Char] = []
    last_x1 = None
    for ch in chars:
        if last_x1 is not None and ch.x0 - last_x1 > SEGMENT_GAP_EM * max(ch.size, 1.0):
            if cur:
                segs.append(cur)
            cur = []
        cur.append(ch)
        if not ch.c.isspace() or last_x1 is None:
            last_x1 = ch.x1 if last_x1 is None else max(last_x1, ch.x1)
    if cur:
        segs.append(cur)
    out = []
    for s in segs:
        while s and s[0].c.isspace():
            s.pop(0)
        while s and s[-1].c.isspace():
            s.pop()
        if s:
            out.append(Segment(_with_gap_spaces(s)))
    return out


def _with_gap_spaces(chars: list[Char]) -> list[Char]:
    """Insert a space (with the gap as its box) where two characters stand apart."""
    out: list[Char] = [chars[0]]
    for ch in chars[1:]:
        prev = out[-1]
        gap = ch.x0 - prev.x1
        if (
            gap > SPACE_GAP_EM * max(ch.size, 1.0)
            and not prev.c.isspace()
            and not ch.c.isspace()
        ):
            out.append(Char(" ", prev.x1, min(prev.top, ch.top), ch.x0, max(prev.bottom, ch.bottom), ch.size))
        out.append(ch)
    return out


# ----------------------------------------------------------------------------- OCR


# OCR line boxes are taller than the type: about 1.35 times the font size here.
OCR_BOX_PER_EM = 1.35


def ocr_chars(page, dpi: int) -> list[Char]:
    """Characters from OCR, each with its share of the line box. Lines of about the
    page's usual height get one font size, so that size changes mean headings, not
    OCR box jitter."""
    from extractor.ingest.ocr import ocr_page, split_line_box

    lines = [ln for ln in ocr_page(page, dpi=dpi) if ln.text.strip()]
    if not lines:
        return []
    usual = median(ln.box[3] - ln.box[1] for ln in lines)
    out: list[Char] = []
    for line in lines:
        text = line.text.strip()
        boxes = split_line_box(text, line.box)
        height = line.box[3] - line.box[1]
        size = (usual if abs(height - usual) <= 0.2 * usual else height) / OCR_BOX_PER_EM
        for c, b in zip(text, boxes, strict=True):
            out.append(Char(c, b[0], b[1], b[2], b[3], size))
    return out


# ----------------------------------------------------------------------------- furniture


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


# ----------------------------------------------------------------------------- columns


def find_gutter(rows: list[Row]) -> tuple[float, float] | None:
    """An x-range that splits the page into two text columns, or None."""
    segs = [s for r in rows for s in r.segments]
    if len(rows) < 8:
        return None
    lo = min(s.x0 for s in segs)
    hi = max(s.x1 for s in segs)
    width = hi - lo
    if width < 100:
        return None
    nbins = int(width) + 1
    diff = [0] * (nbins + 1)
    for r in rows:  # rows covering each 1-pt bin (segments of a row do not overlap)
        for s in r.segments:
            diff[int(s.x0 - lo)] += 1
            diff[min(nbins, int(s.x1 - lo) + 1)] -= 1
    cover = [0] * nbins
    run = 0
    for x in range(nbins):
        run += diff[x]
        cover[x] = run
    limit = 0.1 * len(rows)
    best: tuple[int, int] | None = None
    start = None
    for x in range(int(width * 0.3), int(width * 0.7) + 1):
        if x < nbins and cover[x] <= limit:
            if start is None:
                start = x
        else:
            if start is not None and (best is None or x - start > best[1] - best[0]):
                best = (start, x)
            start = None
    if start is not None and (best is None or int(width * 0.7) + 1 - start > best[1] - best[0]):
        best = (start, int(width * 0.7) + 1)
    if best is None or best[1] - best[0] < 6:
        return None
    g0, g1 = lo + best[0], lo + best[1]
    mid = (g0 + g1) / 2
    left = [s for s in segs if s.x1 <= mid]
    right = [s for s in segs if s.x0 >= mid]
    if len(left) < 5 or len(right) < 5:
        return None
    # text columns fill their width: many left lines end near the gutter (a table does not)
    full = sum(1 for s in left if s.x1 >= g0 - 2.5 * s.size)
    if full < 0.3 * len(left):
        return None
    return g0, g1


def order_page(lay: PageLayout) -> list[_Line]:
    """Body lines of one page in reading order."""
    rows = lay.rows
    if not rows:
        return []
    gutter = find_gutter(rows)
    allsegs = [s for r in rows for s in r.segments]
    lo = _low(s.x0 for s in allsegs)
    hi = _high(s.x1 for s in allsegs)
    page = lay.info.number
    if gutter is None:
        return [_Line(page, r.segments, lo, hi, 0) for r in rows]
    g0, g1 = gutter
    mid = (g0 + g1) / 2
    lsegs = [s for s in allsegs if s.x1 <= mid]
    rsegs = [s for s in allsegs if s.x0 >= mid]
    lbounds = (_low(s.x0 for s in lsegs), _high(s.x1 for s in lsegs))
    rbounds = (_low(s.x0 for s in rsegs), _high(s.x1 for s in rsegs))
    out: list[_Line] = []
    left: list[_Line] = []
    right: list[_Line] = []
    for r in rows:
        ls = [s for s in r.segments if s.x1 <= mid]
        rs = [s for s in r.segments if s.x0 >= mid]
        span = [s for s in r.segments if s.x1 > mid and s.x0 < mid]
        if span:
            out += left + right
            left, right = [], []
            out.append(_Line(page, r.segments, lo, hi, -1))
            continue
        if ls:
            left.append(_Line(page, ls, *lbounds, 0))
        if rs:
            right.append(_Line(page, rs, *rbounds, 1))
    out += left + right
    return out


def _low(xs) -> float:
    v = sorted(xs)
    return v[max(0, int(len(v) * 0.05) - 1)] if len(v) > 20 else v[0]


def _high(xs) -> float:
    """The usual right edge: the median of the longer half of the lines (a few lines
    overhang the edge with punctuation or Latin text)."""
    v = sorted(xs)
    upper = v[len(v) // 2 :]
    return upper[len(upper) // 2] if len(v) >= 6 else v[-1]


# ----------------------------------------------------------------------------- joins


def uses_indent(lines: list[_Line]) -> bool:
    """True when paragraphs start with a first-line indent (about 2 em) in this document."""
    n = 0
    for ln in lines:
        if len(ln.segments) != 1:
            continue
        d = (ln.x0 - ln.col_left) / max(ln.size, 1.0)
        if 1.5 <= d <= 2.6:
            n += 1
    return n >= 2 and n >= 0.03 * len(lines)


def joins(cur: _Line, nxt: _Line | None, indent_style: bool) -> bool | None:
    """Does `nxt` continue the paragraph of `cur` (a wrap)?"""
    if nxt is None:
        return False
    if len(cur.segments) > 1 or len(nxt.segments) > 1:
        return False
    size = cur.size
    if abs(size - nxt.size) > 0.15 * size:
        return False
    if nxt.page == cur.page and nxt.column == cur.column:
        gap = nxt.top - cur.bottom
        if gap > 1.2 * size or gap < -0.5 * size:
            return False
    if cur.x1 + _first_unit_width(nxt) < cur.col_right - 0.5 * size:
        return False  # the next line's first word would have fit: the paragraph ends here
    if nxt.x0 > nxt.col_left + 0.8 * nxt.size:
        return False  # the next line is indented (or centred): a new paragraph
    if indent_style:
        return True
    # Without first-line indents a full line that ends a sentence is ambiguous. A wrap
    # after a sentence end is more common than a paragraph that exactly fills its last
    # line, unless the next line opens like a heading or list item.
    if _HEADING_START.match(nxt.segments[0].text):
        return False
    return True


_NO_LINE_START = frozenset("，。、；：？！）》」』〕】”’%％,.;:?!)]}")


def _first_unit_width(ln: _Line) -> float:
    """Width of what a line breaker must move as one piece to the start of `ln`: a run
    of Latin letters and digits, or one character, plus punctuation that may not start
    a line."""
    chars = ln.segments[0].chars
    k = 0
    while k < len(chars) and (chars[k].c.isascii() and chars[k].c.isalnum() or chars[k].c in ".-—–/%"):
        k += 1
    k = max(k, 1)
    while k < len(chars) and chars[k].c in _NO_LINE_START:
        k += 1
    return chars[k - 1].x1 - chars[0].x0


def _to_line(ln: _Line, joins_next: bool | None) -> Line:
    chars: list[Char] = []
    for i, s in enumerate(ln.segments):
        if i:
            prev = chars[-1]
            first = s.chars[0]
            chars.append(Char(" ", prev.x1, min(prev.top, first.top), first.x0,
                              max(prev.bottom, first.bottom), first.size))
        chars.extend(s.chars)
    return Line(
        text="".join(c.c for c in chars),
        page=ln.page,
        boxes=[(c.x0, c.top, c.x1, c.bottom) for c in chars],  # rounded when evidence is built
        joins_next=joins_next,
    )


# ----------------------------------------------------------------------------- tables


def find_tables(lines: list[_Line], path_boxes: dict[int, list[Box]]) -> list[TableInfo]:
    """Runs of two or more consecutive lines with two or more aligned segments."""
    tables: list[TableInfo] = []
    i = 0
    while i < len(lines):
        if len(lines[i].segments) < 2:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(lines)
            and len(lines[j + 1].segments) >= 2
            and lines[j + 1].page == lines[i].page
        ):
            j += 1
        run = lines[i : j + 1]
        if len(run) >= 2:
            t = _table_from_run(run, path_boxes.get(run[0].page, []))
            if t is not None:
                tables.append(t)
        i = j + 1
    return tables


def _table_from_run(run: list[_Line], paths: list[Box]) -> TableInfo | None:
    bbox = (
        min(ln.x0 for ln in run),
        min(ln.top for ln in run),
        max(ln.x1 for ln in run),
        max(ln.bottom for ln in run),
    )
    near = [
        p for p in paths
        if p[0] <= bbox[2] + 6 and p[2] >= bbox[0] - 6 and p[1] <= bbox[3] + 6 and p[3] >= bbox[1] - 6
    ]
    ruled = bool(near)
    # column boundaries: vertical rules when the table has them
    xs: list[float] = []
    for p in sorted(near, key=lambda p: p[0]):
        if p[2] - p[0] <= 2.5 and p[3] - p[1] >= 0.5 * (bbox[3] - bbox[1]):
            x = (p[0] + p[2]) / 2
            if not xs or x - xs[-1] > 3:
                xs.append(x)
    counts = {len(ln.segments) for ln in run}
    if len(xs) >= 3:
        spans = [[a, b] for a, b in zip(xs, xs[1:], strict=False)]

        def column_of(s: Segment) -> int:
            c = (s.x0 + s.x1) / 2
            return min(range(len(spans)), key=lambda k: 0 if spans[k][0] <= c <= spans[k][1]
                       else min(abs(c - spans[k][0]), abs(c - spans[k][1])))
    elif len(counts) == 1:
        spans = [[s.x0, s.x1] for s in run[0].segments]

        def column_of(s: Segment) -> int:
            return next(k for ln in run for k, t in enumerate(ln.segments) if t is s)
    else:
        # the segments of the row with the most cells; other cells go to the column they
        # overlap most, or the nearest one
        ref = max(run, key=lambda ln: len(ln.segments))
        spans = [[s.x0, s.x1] for s in ref.segments]

        def column_of(s: Segment) -> int:
            def score(sp: list[float]) -> tuple[float, float]:
                overlap = min(s.x1, sp[1]) - max(s.x0, sp[0])
                return (overlap, -abs((s.x0 + s.x1) / 2 - (sp[0] + sp[1]) / 2))

            return max(range(len(spans)), key=lambda k: score(spans[k]))

    rows: list[list[str]] = []
    cell_boxes: list[list[Box | None]] = []
    for ln in run:
        texts = [""] * len(spans)
        boxes: list[Box | None] = [None] * len(spans)
        for s in ln.segments:
            k = column_of(s)
            texts[k] = (texts[k] + " " + s.text).strip()
            b = (s.x0, s.top, s.x1, s.bottom)
            ob = boxes[k]
            boxes[k] = b if ob is None else (min(ob[0], b[0]), min(ob[1], b[1]), max(ob[2], b[2]), max(ob[3], b[3]))
        rows.append(texts)
        cell_boxes.append(boxes)
    return TableInfo(page=run[0].page, bbox=tuple(round(v, 2) for v in bbox), rows=rows,
                     cell_boxes=cell_boxes, ruled=ruled)


def _path_boxes(page, origin: tuple[float, float]) -> list[Box]:
    import pypdfium2.raw as R

    left, top_y = origin
    out: list[Box] = []
    for obj in page.get_objects(filter=(R.FPDF_PAGEOBJ_PATH,), max_depth=2):
        try:
            l, b, r, t = obj.get_bounds()
        except Exception:
            continue
        out.append((l - left, top_y - t, r - left, top_y - b))
    return out


def _has_images(page) -> bool:
    import pypdfium2.raw as R

    for _ in page.get_objects(filter=(R.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        return True
    return False


# ----------------------------------------------------------------------------- main


def ingest_pdf(
    data: bytes, *, sha256: str, filename: str | None, options: IngestOptions
) -> IngestedDocument:
    """Read a PDF into body lines (reading order, a box per character), furniture and tables."""
    t0 = time.monotonic()
    pdf = _open(data)
    try:
        return _ingest(pdf, data, sha256=sha256, filename=filename, options=options, t0=t0)
    finally:
        pdf.close()


def _ingest(pdf, data: bytes, *, sha256, filename, options: IngestOptions, t0: float) -> IngestedDocument:
    plumber_box: list = []  # the pdfminer reader, if one had to be opened
    try:
        return _ingest_pages(pdf, data, sha256=sha256, filename=filename, options=options, t0=t0,
                             plumber_box=plumber_box)
    finally:
        for p in plumber_box:
            p.close()


def _ingest_pages(pdf, data: bytes, *, sha256, filename, options: IngestOptions, t0: float,
                  plumber_box: list) -> IngestedDocument:
    n_pages = len(pdf)
    if n_pages == 0:
        if b"%%EOF" not in data[-2048:]:
            raise CorruptPdf("the PDF is truncated or damaged: no pages could be read")
        raise EmptyPdf("the PDF has no pages")
    if n_pages > options.max_pages:
        raise TooManyPages(f"the PDF has {n_pages} pages; the limit is {options.max_pages}")
    warnings: list[str] = []
    layouts: list[PageLayout] = []
    pending: list[tuple[int, str]] = []  # (page index, reason) for pages that need OCR
    page_chars: list[list[Char]] = []
    stats: list[_PageStats] = []
    origins: list[tuple[float, float]] = []
    path_boxes: dict[int, list[Box]] = {}
    plumber: _MinerPages | None = None  # opened only when pdfium drops text objects

    for i in range(n_pages):
        _check_budget(options, t0, i)
        try:
            page = pdf[i]
            # boxes are in unrotated page space (as pdfplumber's), so is the page size
            cl, cb, cr, ct = page.get_cropbox()
            width, height = cr - cl, ct - cb
            origin = (cl, ct)
            textpage = page.get_textpage()
            chars, unmapped, missing = _text_chars(page, textpage, origin)
            textpage.close()
        except Exception as exc:
            raise CorruptPdf(f"page {i + 1} of the PDF cannot be read", detail=repr(exc)) from exc
        if missing:
            try:
                if plumber is None:
                    plumber = _MinerPages(data)
                    plumber_box.append(plumber)
                chars = _fill_dropped(plumber, i, chars, missing, origin)
            except Exception as exc:  # keep what pdfium read
                warnings.append(f"page {i + 1}: text pdfium skipped could not be recovered ({exc!r})")
        chars = dedupe_chars(chars)
        layouts.append(PageLayout(PageInfo(number=i + 1, width=round(width, 2), height=round(height, 2))))
        page_chars.append(chars)
        stats.append(page_stats(chars, unmapped))
        origins.append(origin)
        page.close()

    chinese_pages = sum(1 for s in stats if s.visible >= 40 and s.cjk / s.visible >= 0.3)
    chinese_doc = chinese_pages >= max(1, len(stats) // 3)
    for i, s in enumerate(stats):
        reason = garbled_reason(s, chinese_doc)
        if reason is not None:
            pending.append((i, reason))

    if pending:
        need_ocr = []
        for i, reason in pending:
            page = pdf[i]
            empty = stats[i].n == 0 or stats[i].visible == 0
            if empty and not _has_images(page):
                page.close()
                page_chars[i] = []
                continue  # a blank page
            page.close()
            need_ocr.append((i, reason))
        if need_ocr and not options.ocr:
            if len(need_ocr) == n_pages or all(stats[k].visible == 0 for k in range(n_pages) if k not in {p for p, _ in need_ocr}):
                raise NoTextLayer(
                    "the PDF has no usable text layer (scanned or garbled pages) and OCR is disabled",
                    detail="; ".join(f"page {i + 1}: {r}" for i, r in need_ocr[:5]),
                )
            for i, reason in need_ocr:
                warnings.append(f"page {i + 1} skipped ({reason}); OCR is disabled")
                page_chars[i] = []
        elif need_ocr:
            for i, reason in need_ocr:
                _check_budget(options, t0, i)
                page = pdf[i]
                try:
                    page_chars[i] = dedupe_chars(ocr_chars(page, options.ocr_dpi))
                finally:
                    page.close()
                layouts[i].info.ocr = True
                warnings.append(f"page {i + 1} was read with OCR ({reason})")

    for i, chars in enumerate(page_chars):
        layouts[i].rows = build_rows(chars)

    furniture = find_furniture(layouts)
    ordered: list[_Line] = []
    for lay in layouts:
        ordered += order_page(lay)
    if not ordered:
        if any(l.info.ocr for l in layouts):
            warnings.append("OCR found no text")
        else:
            raise NoTextLayer("the PDF has no text on any page")

    indent_style = uses_indent(ordered)
    lines = [
        _to_line(ln, joins(ln, ordered[k + 1] if k + 1 < len(ordered) else None, indent_style))
        for k, ln in enumerate(ordered)
    ]
    table_pages = {ln.page for ln in ordered if len(ln.segments) >= 2}
    for p in table_pages:
        page = pdf[p - 1]
        path_boxes[p] = _path_boxes(page, origins[p - 1])
        page.close()
    tables = find_tables(ordered, path_boxes)
    return IngestedDocument(
        media_type=PDF,
        sha256=sha256,
        filename=filename,
        lines=lines,
        pages=[lay.info for lay in layouts],
        furniture=furniture,
        tables=tables,
        warnings=warnings,
    )


def _check_budget(options: IngestOptions, t0: float, page_index: int) -> None:
    if options.time_budget_s is not None and time.monotonic() - t0 > options.time_budget_s:
        raise TimeBudgetExceeded(
            f"the time budget of {options.time_budget_s:g} s ran out at page {page_index + 1}"
        )
