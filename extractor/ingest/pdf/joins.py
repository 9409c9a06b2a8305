"""Does a line continue into the next one (a wrap) or end its paragraph? Decided from
the geometry; then each body line becomes a `Line` with one box per character."""

from __future__ import annotations

import re

from extractor.ingest.pdf.layout import Char, _Line
from extractor.ingest.types import Line

_HEADING_START = re.compile(
    r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、]\D|第[一二三四五六七八九十百零〇\d]+[章节条]"
    r"|附件|附表|[图表]\s*\d"
)


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
