"""OCR for image-only or garbled PDF pages (RapidOCR + onnxruntime, offline).

The engine is loaded once per process, on first use. The angle classifier is
off (`Global.use_cls False`): on these documents it dropped or garbled whole
lines. Pages are rendered with pypdfium2 at `dpi` (capped for poster-size
pages) and each recognised line comes back with its box in PDF points,
origin top-left.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from extractor.errors import OcrUnavailable
from extractor.ingest.types import Box

# A rendered page never gets larger than this many pixels (poster-size pages
# are rendered at a lower resolution instead).
MAX_PIXELS = 5000 * 5000
MAX_SIDE = 8000

_engine = None
_lock = threading.Lock()
_run_lock = threading.Lock()  # one page at a time: the engine is not documented as thread-safe


# The recogniser often reads Chinese full-width punctuation as its ASCII twin
# （ -> (. Next to a CJK character the full-width form is what was printed.
_FULL_WIDTH = {"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or c in "《》“”、。（）〔〕"


def restore_cjk_punctuation(text: str) -> str:
    """Map ASCII punctuation in Chinese context to full width; length is kept.

    A bracket pair is converted as a pair when the character before it, or its
    content, is Chinese (人工智能(AI)模型 -> 人工智能（AI）模型); a lone bracket and
    other marks when a neighbour is Chinese.
    """
    out = list(text)
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for i, c in enumerate(text):
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            pairs[stack.pop()] = i
    paired = set(pairs) | set(pairs.values())
    for o, e in pairs.items():
        before = text[o - 1] if o else ""
        if _is_cjk(before) or any(_is_cjk(ch) for ch in text[o + 1 : e]):
            out[o], out[e] = "（", "）"
    for i, c in enumerate(text):
        if c not in _FULL_WIDTH or i in paired:
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if _is_cjk(before) or _is_cjk(after):
            out[i] = _FULL_WIDTH[c]
    return "".join(out)


@dataclass
class OcrLine:
    text: str
    box: Box  # x0, top, x1, bottom in PDF points
    score: float


def get_engine():
    """Return the process-wide RapidOCR engine, loading it on first use."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                try:
                    from rapidocr import RapidOCR
                except Exception as exc:  # ImportError, or onnxruntime failing to load
                    raise OcrUnavailable(
                        "OCR is needed for this PDF but rapidocr/onnxruntime is not available",
                        detail=str(exc),
                    ) from exc
                try:
                    _engine = RapidOCR(
                        params={"Global.use_cls": False, "Global.log_level": "warning"}
                    )
                except Exception as exc:
                    raise OcrUnavailable("the OCR engine failed to load", detail=str(exc)) from exc
    return _engine


def render_scale(width_pt: float, height_pt: float, dpi: int) -> float:
    """Pixels per point for rendering: `dpi`, reduced for very large pages."""
    scale = dpi / 72
    w, h = width_pt * scale, height_pt * scale
    shrink = min(1.0, MAX_SIDE / max(w, h, 1.0), (MAX_PIXELS / max(w * h, 1.0)) ** 0.5)
    return scale * shrink


def ocr_page(page, *, dpi: int = 200) -> list[OcrLine]:
    """OCR one pypdfium2 page; return its lines (top-to-bottom as the engine found them)."""
    import numpy as np

    engine = get_engine()
    width, height = page.get_size()
    scale = render_scale(width, height, dpi)
    bitmap = page.render(scale=scale)
    img = np.asarray(bitmap.to_pil().convert("RGB"))
    bitmap.close()
    with _run_lock:
        result = engine(img)
    if result.boxes is None or result.txts is None:
        return []
    lines: list[OcrLine] = []
    for quad, text, score in zip(result.boxes, result.txts, result.scores, strict=False):
        if not text or not text.strip():
            continue
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        box = (
            max(0.0, min(xs) / scale),
            max(0.0, min(ys) / scale),
            min(width, max(xs) / scale),
            min(height, max(ys) / scale),
        )
        lines.append(OcrLine(text=restore_cjk_punctuation(text), box=box, score=float(score)))
    return lines


def char_weight(c: str) -> float:
    """Relative advance width used to spread a line box over its characters."""
    if c.isspace():
        return 0.5
    o = ord(c)
    if o < 0x2E80 and not (0x2000 <= o <= 0x206F):
        return 0.55  # ASCII, Latin, digits: about half an em
    return 1.0


def split_line_box(text: str, box: Box) -> list[Box]:
    """Distribute a line box over its characters in proportion to their widths."""
    x0, top, x1, bottom = box
    weights = [char_weight(c) for c in text]
    total = sum(weights) or 1.0
    out: list[Box] = []
    x = x0
    for w in weights:
        nx = x + (x1 - x0) * w / total
        out.append((x, top, nx, bottom))
        x = nx
    return out
