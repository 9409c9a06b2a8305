"""Characters of a PDF page: opening the file, pdfium's text layer (pdfminer fills in
text objects pdfium drops), fake-bold duplicates, the page statistics that send a
garbled page to OCR, and the characters OCR reads."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from extractor.errors import CorruptPdf, EmptyPdf, EncryptedPdf
from extractor.ingest.pdf.layout import Char

# ----------------------------------------------------------------------------- open


def _open(data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _refusal(data, str(exc)) from exc
    except Exception as exc:  # ctypes/OSError from a badly broken file
        raise CorruptPdf("the PDF cannot be opened", detail=repr(exc)) from exc


def _refusal(data: bytes, pdfium_message: str) -> CorruptPdf | EmptyPdf | EncryptedPdf:
    """Why pdfium refused the file, decided by pdfminer reading the same bytes.

    pdfium's error code is process-wide state that a failed load does not always set
    (a well-formed PDF with zero pages fails with the previous file's code), so its
    message says nothing reliable about this file."""
    import io

    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
        pages = sum(1 for _ in PDFPage.create_pages(doc))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        return EncryptedPdf(
            "the PDF is encrypted with a password; remove the password and try again",
            detail=f"{type(exc).__name__}: {exc}"[:500],
        )
    except Exception:
        pages = None
    if pages == 0:
        return EmptyPdf("the PDF has no pages")
    return CorruptPdf("the PDF is damaged or not a PDF and cannot be opened",
                      detail=pdfium_message)


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


def _has_images(page) -> bool:
    import pypdfium2.raw as R

    for _ in page.get_objects(filter=(R.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        return True
    return False
