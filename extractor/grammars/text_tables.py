"""Tables written as text: a 表N caption line, then rows of cells (one row a line).

`text_tables(text)` finds them (at least two rows, a numeric cell after the header);
`TABLE_CAPTION` / `FIGURE_CAPTION` match the caption lines of tables and figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.grammars.text_units import paragraphs

# OCR may glue the label to a year (表12025 年7月…): the label takes at most 2 digits
TABLE_CAPTION = re.compile(r"^\s*(?P<label>表\s*\d{1,2}?)(?=\D|(?:19|20)\d{2}\s*年)\s*[：:.．、]?\s*(?P<caption>[^\n]*?)\s*$")
FIGURE_CAPTION = re.compile(r"^\s*(?P<label>图\s*\d{1,2}?)(?=\D|(?:19|20)\d{2}\s*年)\s*[：:.．、]?\s*(?P<caption>[^\n]*?)\s*$")
_CELL_SPLIT = re.compile(r"\t+| {1,}|\u3000+")
_NUMERIC_CELL = re.compile(r"^[-+−]?\d[\d,]*(\.\d+)?\s*(%|％)?$")


@dataclass
class TextTable:
    label: str
    caption: str
    caption_start: int
    caption_end: int
    start: int  # first char of the caption line
    end: int  # last char of the last row
    rows: list[list[tuple[str, int, int]]] = field(default_factory=list)  # (cell, start, end)


def _cells(text: str, s: int, e: int) -> list[tuple[str, int, int]]:
    out, pos = [], s
    for part in _CELL_SPLIT.split(text[s:e]):
        idx = text.index(part, pos, e) if part else pos
        if part:
            out.append((part, idx, idx + len(part)))
            pos = idx + len(part)
    return out


def text_tables(text: str) -> tuple[TextTable, ...]:
    """A 表N caption line followed by rows of 2+ cells, at least one numeric after the header."""
    paras = paragraphs(text)
    out: list[TextTable] = []
    i = 0
    while i < len(paras):
        s, e = paras[i]
        m = TABLE_CAPTION.match(text[s:e])
        if not m or len(text[s:e]) > 60:
            i += 1
            continue
        rows = []
        j = i + 1
        while j < len(paras):
            rs, re_ = paras[j]
            line = text[rs:re_]
            cells = _cells(text, rs, re_)
            if len(cells) < 2 or len(line) > 80 or TABLE_CAPTION.match(line) or FIGURE_CAPTION.match(line):
                break
            if rows and not any(_NUMERIC_CELL.match(c[0]) for c in cells[1:]):
                break
            rows.append(cells)
            j += 1
        if len(rows) >= 2:
            ls = m.start("label") + s
            out.append(
                TextTable(
                    label=re.sub(r"\s+", "", m.group("label")),
                    caption=m.group("caption"),
                    caption_start=s + m.start("caption") if m.group("caption") else ls,
                    caption_end=s + m.end("caption") if m.group("caption") else s + m.end("label"),
                    start=ls,
                    end=paras[j - 1][1],
                    rows=rows,
                )
            )
            i = j
        else:
            i += 1
    return tuple(out)


def in_text_table(tables, pos: int) -> TextTable | None:
    """The table of `tables` (from `text_tables`) that holds `pos`."""
    for t in tables:
        if t.start <= pos < t.end:
            return t
    return None
