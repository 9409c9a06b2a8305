"""Normalisation: ingested lines -> the returned text plus an offset map.

Every character of `NormalizedText.text` maps back to the line it came from
and, for PDF input, to its page and box, so any span `[start, end)` of the text
can be turned into evidence (page, union box, one box per visual line).

What changes:
- wrapped lines are joined with no space (自然资\\n源 -> 自然资源); paragraphs are
  separated by one "\\n"; blank lines and leading/trailing whitespace go;
- full-width ASCII letters, digits and space become half-width (２０２５ -> 2025);
  Kangxi radicals and CJK compatibility ideographs become unified ideographs
  (⽅ -> 方); zero-width characters and the BOM are dropped;
- Chinese punctuation (，。（）〔〕《》、) is kept as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from extractor.gazetteers import doc_type_pattern
from extractor.ingest.types import Box, IngestedDocument, Line

_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_SPACES = frozenset("\u00a0\u2002\u2003\u2009\u3000\x0b\x0c")
# the ranges normalize_char maps: full-width ASCII, and CJK radicals and compatibility
# ideographs (their one-character NFKC forms); every other character maps to itself
_FULLWIDTH = (0xFF01, 0xFF5E)
# small form variants (﹪ ﹢ ﹣ ﹤ …): their one-character NFKC forms, under the same rule as
# full-width ASCII (signs become ASCII; Chinese punctuation such as ﹐ ﹑ ﹝ is kept)
_SMALL_FORMS = (0xFE50, 0xFE6B)
_ASCII_SIGNS = "%+-./<=>@#&*_~^|$"
_NFKC_RANGES = ((0x2F00, 0x2FDF), (0x2E80, 0x2EFF), (0xF900, 0xFAFF))
_TERMINAL = frozenset("。；！？：…”」』）)》;!?:")
_HEADING = re.compile(
    r"^(#+\s*|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、，,]\s*\S"
    r"|[（(]\d+[）)]|第[一二三四五六七八九十百零〇\d]+[章节条]|专栏|附件|附表|图\s*\d|表\s*\d"
    r"|[\u4e00-\u9fff][\u4e00-\u9fff ]{1,7}[：:]|[\u4e00-\u9fff]{2,10}\t)"
)
# A line of space-separated names (the signature of a joint notice:
# 财政部 国家发展改革委 工业和信息化部) starts a block of its own.
_NAME_LIST = re.compile(r"^[\u4e00-\u9fff]{2,16}(?: +[\u4e00-\u9fff]{2,16})+$")
# A title line (关于…的通知) ends its block; so does a number on a line of its own.
_TITLE_END = re.compile(doc_type_pattern("title_line") + "$")
_DOC_NUMBER_LINE = re.compile(r"^[(（]?[\u4e00-\u9fff]{1,16}\s*[〔\[（(【﹝［]\s*\d{4}\s*[〕\]）)】﹞］]\s*\d+\s*号[)）]?$")
# A dated entry of a header (1998年2月12日 国务院令第241号发布 / 2009年12月26日 …修正) and a
# markup comment (<!-- INFO END -->) start lines of their own.
_DATED_ENTRY = re.compile(
    r"^(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月"
    r"[一二三四五六七八九十]{1,3}日)[ \t\u3000]|^<!--"
)
_INDENT = re.compile(r"^(\u3000|  |\t)")
# A line shorter than this (in characters) is not taken as a wrapped line.
WRAP_MIN_CHARS = 28


class Loc(NamedTuple):
    """A character range of the document text, resolved to Evidence by the assembler."""

    start: int
    end: int


@lru_cache(maxsize=4096)
def normalize_char(c: str) -> str:
    """Return the normalised form of one character ('' to drop it)."""
    if c in _DROP:
        return ""
    if c in _SPACES:
        return " "
    o = ord(c)
    if _FULLWIDTH[0] <= o <= _FULLWIDTH[1]:
        # Full-width ASCII: letters, digits and a few symbols become half-width;
        # Chinese punctuation that lives here (，：；（）！？) is kept.
        h = chr(o - 0xFEE0)
        if h.isalnum() or h in _ASCII_SIGNS:
            return h
        return c
    if _SMALL_FORMS[0] <= o <= _SMALL_FORMS[1]:
        h = unicodedata.normalize("NFKC", c)
        return h if len(h) == 1 and h in _ASCII_SIGNS else c
    if any(lo <= o <= hi for lo, hi in _NFKC_RANGES):
        n = unicodedata.normalize("NFKC", c)
        if len(n) == 1:
            return n
    return c


def is_wrap(prev: str, cur: str, *, indented: bool = False) -> bool:
    """Decide from text alone whether `cur` continues the wrapped line `prev`.

    `indented` says the raw `cur` line began with a paragraph indent (two
    spaces, a full-width space or a tab): a new paragraph, not a wrap.
    """
    if not prev or not cur or indented:
        return False
    if prev[-1] in _TERMINAL:
        return False
    if len(prev) < WRAP_MIN_CHARS:
        return False
    if "\t" in prev or "\t" in cur:  # header fields and table rows
        return False
    if _TITLE_END.search(prev) or _DOC_NUMBER_LINE.match(cur):
        return False
    if _HEADING.match(cur) or _NAME_LIST.match(cur) or _DATED_ENTRY.match(cur):
        return False
    return True


@dataclass
class NormalizedText:
    text: str
    line_of: list[int] = field(default_factory=list)
    page_of: list[int] = field(default_factory=list)  # 0 = no page
    box_of: list[Box | None] = field(default_factory=list)

    def evidence(self, start: int, end: int) -> dict:
        """Evidence dict for `text[start:end]`: page, union box, a box per line."""
        ev: dict = {"start": start, "end": end, "page": None, "bbox": None, "boxes": []}
        if not self.page_of:
            return ev
        groups: dict[tuple[int, int], list[Box]] = {}
        order: list[tuple[int, int]] = []
        for i in range(start, min(end, len(self.text))):
            box = self.box_of[i]
            if box is None or not self.page_of[i]:
                continue
            key = (self.page_of[i], self.line_of[i])
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append(box)
        if not order:
            return ev
        boxes = []
        for key in order:
            bs = groups[key]
            boxes.append(
                {
                    "page": key[0],
                    "bbox": _bbox_dict(
                        (
                            min(b[0] for b in bs),
                            min(b[1] for b in bs),
                            max(b[2] for b in bs),
                            max(b[3] for b in bs),
                        )
                    ),
                }
            )
        first_page = order[0][0]
        same = [b["bbox"] for b in boxes if b["page"] == first_page]
        ev["page"] = first_page
        ev["bbox"] = {
            "x0": min(b["x0"] for b in same),
            "top": min(b["top"] for b in same),
            "x1": max(b["x1"] for b in same),
            "bottom": max(b["bottom"] for b in same),
        }
        ev["boxes"] = boxes
        return ev


def _bbox_dict(b: Box) -> dict:
    return {"x0": round(b[0], 2), "top": round(b[1], 2), "x1": round(b[2], 2), "bottom": round(b[3], 2)}


def _latin_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


class _CharTable(dict):
    """`normalize_char` as a `str.translate` table, filled on first sight of a character."""

    def __missing__(self, o: int) -> str | None:
        n = normalize_char(chr(o)) or None  # None drops the character
        self[o] = n
        return n


_TABLE = _CharTable()


def _changing_chars() -> re.Pattern:
    """The characters `normalize_char` changes (dropped, spaces, full-width ASCII, small
    form variants, CJK radicals and compatibility ideographs with one-character NFKC
    forms): every other character maps to itself, so a line without these is already clean."""
    candidates = set(_DROP) | set(_SPACES)
    for lo, hi in (_FULLWIDTH, _SMALL_FORMS, *_NFKC_RANGES):
        candidates.update(chr(o) for o in range(lo, hi + 1))
    changing = sorted(c for c in candidates if normalize_char(c) != c)
    return re.compile("[" + "".join(re.escape(c) for c in changing) + "]")


_CHANGING = _changing_chars()


def _clean_line(line: Line) -> tuple[str, list[Box | None]]:
    """The normalised text of a line, stripped, and the box of each of its characters."""
    text = line.text
    if _CHANGING.search(text):
        text = text.translate(_TABLE)  # normalize_char maps one char to one or none
    boxes: list[Box | None]
    if line.boxes is None:
        boxes = [None] * len(text)
    else:
        kept = range(len(line.text)) if len(text) == len(line.text) else [
            j for j, c in enumerate(line.text) if _TABLE[ord(c)] is not None
        ]
        boxes = [line.boxes[j] if j < len(line.boxes) else None for j in kept]
    lo = len(text) - len(text.lstrip())
    hi = len(text.rstrip())
    if lo >= hi:
        return "", []
    return text[lo:hi], boxes[lo:hi]


def normalize(doc: IngestedDocument) -> NormalizedText:
    """Join the ingested lines into one text with an offset map."""
    chars: list[str] = []
    line_of: list[int] = []
    page_of: list[int] = []
    box_of: list[Box | None] = []
    with_boxes = doc.has_layout

    prev: Line | None = None
    prev_text = ""
    for li, line in enumerate(doc.lines):
        cur_text, cur_boxes = _clean_line(line)
        if not cur_text:
            continue  # a blank line: the next line's separator is decided as usual
        if prev is not None:
            if prev.joins_next is True:
                sep = ""
            elif prev.joins_next is False:
                sep = "\n"
            else:
                indented = bool(_INDENT.match(line.text))
                sep = "" if is_wrap(prev_text, cur_text, indented=indented) else "\n"
            if sep == "" and _latin_letter(prev_text[-1]) and _latin_letter(cur_text[0]):
                sep = " "  # an English word wrapped: keep the space
            chars.append(sep)
            line_of.extend([-1] * len(sep))
            page_of.extend([0] * len(sep))
            box_of.extend([None] * len(sep))
        chars.append(cur_text)
        line_of.extend([li] * len(cur_text))
        page_of.extend([line.page or 0] * len(cur_text))
        box_of.extend(cur_boxes)
        prev = line
        prev_text = cur_text
    text = "".join(chars)
    if not with_boxes:
        return NormalizedText(text=text, line_of=line_of)
    return NormalizedText(text=text, line_of=line_of, page_of=page_of, box_of=box_of)
