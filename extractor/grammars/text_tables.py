"""Tables written as text, in two layouts:

- a 表N caption line, then rows of cells (one row a line);
- one cell a line (a web table flattened to text): a title line, a header line of column
  names with their units in brackets (年产量(万吨)出口量(万吨)), then each row as its label
  line followed by its value lines, one value a line (a row may have no value; a value a
  wrapped line glued to its label, 某某项目360, is split off again).

`text_tables(text)` finds both (at least two rows with a numeric cell); `TABLE_CAPTION` /
`FIGURE_CAPTION` match the caption lines of tables and figures. A table's cells are
statistics of the table (grammars' callers read `rows`), never running-text numbers.
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
    """A 表N caption line followed by rows of 2+ cells, at least one numeric after the header;
    a header line of `name(unit)` columns followed by one cell a line (`line_table`)."""
    paras = paragraphs(text)
    out: list[TextTable] = []
    i = 0
    while i < len(paras):
        s, e = paras[i]
        m = TABLE_CAPTION.match(text[s:e])
        if not m or len(text[s:e]) > 60:
            found = line_table(text, paras, i)
            if found is not None and (not out or out[-1].end <= found[0].start):
                out.append(found[0])
                i = found[1]
            else:
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


# -- one cell a line -----------------------------------------------------------

# a column name with its unit in brackets (年供应量(万吨), 产量（吨）); a header line is only these
_COLUMN = re.compile(r"\s*(?P<name>[^\s()（），。；;：:,、]{1,12}?)\s*[（(](?P<unit>[^（）()\s]{1,6})[)）]")
# a value line: one number, with an optional comparator (> 15, 约300) or percent sign
_VALUE_LINE = re.compile(r"^\s*(?:[<>≤≥＜＞]=?|约)?\s*[-+−]?\d[\d,]*(?:\.\d+)?\s*(?:%|％)?\s*$")
# a row label with its value glued on (a wrapped line joined back): 2 digits or more after a
# letter or a CJK character that is no date or ordinal word (2010年, 3月, 二期 stay labels)
_GLUED_VALUE = re.compile(r"(?<=[A-Za-z\u4e00-\u9fff])(?<![年月日号期季度第])\d{2,}(?:\.\d+)?$")
_PROSE = re.compile(r"[，,。；;！!？?：:]")  # a line with clause punctuation is running text
_MAX_LABEL = 60
_MAX_TITLE = 40


def _header_columns(text: str, s: int, e: int) -> list[tuple[str, int, int]] | None:
    """The columns of a header line made of `name(unit)` only, else None."""
    cols, pos = [], s
    while pos < e:
        m = _COLUMN.match(text, pos, e)
        if not m:
            return None if text[pos:e].strip() else cols or None
        cols.append((text[m.start("name") : m.end()], m.start("name"), m.end()))
        pos = m.end()
    return cols or None


def _label_line(line: str) -> bool:
    return bool(line.strip()) and len(line) <= _MAX_LABEL and not _PROSE.search(line) and not _VALUE_LINE.match(line)


def line_table(text: str, paras: list[tuple[int, int]], i: int) -> tuple[TextTable, int] | None:
    """The one-cell-a-line table whose header line is paragraph `i` (the title, when there is
    one, is the line before): (table, index of the first paragraph after it), else None."""
    hs, he = paras[i]
    header = _header_columns(text, hs, he)
    if header is None:
        return None
    rows: list[list[tuple[str, int, int]]] = [[("", hs, hs), *header]]
    values, j = 0, i + 1
    while j < len(paras):
        s, e = paras[j]
        line = text[s:e]
        if _VALUE_LINE.match(line):
            if len(rows) == 1:
                rows.append([("", s, s)])  # a value before any row label
            vs = s + len(line) - len(line.lstrip())
            rows[-1].append((line.strip(), vs, vs + len(line.strip())))
            values += 1
        elif _label_line(line):
            ls = s + len(line) - len(line.lstrip())
            label = line.strip()
            glued = _GLUED_VALUE.search(label)
            if glued and glued.start() > 0:
                rows.append([(label[: glued.start()], ls, ls + glued.start()),
                             (glued.group(0), ls + glued.start(), ls + len(label))])
                values += 1
            else:
                rows.append([(label, ls, ls + len(label))])
        else:
            break
        j += 1
    while len(rows) > 1 and len(rows[-1]) == 1:  # a trailing label with no value is no row of it
        rows.pop()
        j -= 1
    if values < 2:
        return None
    start, cap_s, cap_e = hs, hs, he
    if i > 0:
        ts, te = paras[i - 1]
        title = text[ts:te].strip()
        if title and len(title) <= _MAX_TITLE and not _PROSE.search(title) and not _VALUE_LINE.match(title):
            cap_s = ts + len(text[ts:te]) - len(text[ts:te].lstrip())
            start, cap_e = cap_s, cap_s + len(title)
    caption = text[cap_s:cap_e]
    return TextTable(label=caption, caption=caption, caption_start=cap_s, caption_end=cap_e,
                     start=start, end=paras[j - 1][1], rows=rows), j


# One-cell-a-line tables (sentences written for this table): text -> (caption, [(row label,
# [cells])]) of the table found, or None when the lines are no such table.
EXAMPLES: list[tuple[str, tuple[str, list[tuple[str, list[str]]]] | None]] = [
    ("钢厂新签长协一览\n年供应量(万吨)合同年限(年)\n甲钢与乙矿\n120\n丙钢与丁矿\n80\n> 10\n下文继续讨论。",
     ("钢厂新签长协一览", [("甲钢与乙矿", ["120"]), ("丙钢与丁矿", ["80", "> 10"])])),
    # a row without a value, and a value glued to a long label (a wrapped line joined back)
    ("主要铜矿产量\n产量（吨）\n一号矿区\n二号矿区新建选矿厂扩建项目350\n三号矿区\n42.5\n",
     ("主要铜矿产量", [("一号矿区", []), ("二号矿区新建选矿厂扩建项目", ["350"]), ("三号矿区", ["42.5"])])),
    # no title line: the header is the caption
    ("据统计，各厂情况如下。\n开工率(%)\n东厂\n85\n西厂\n78\n",
     ("开工率(%)", [("东厂", ["85"]), ("西厂", ["78"])])),
    # 2010年 / 二期 end a label, they are no glued value
    ("项目进度\n投资(亿元)\n2010年二期\n15\n三期工程2011年\n20\n", ("项目进度", [("2010年二期", ["15"]), ("三期工程2011年", ["20"])])),
    # one value is no table; a header of prose is none either
    ("产量(万吨)\n东厂\n85\n", None),
    ("今年产量(万吨)增长，出口下降。\n东厂\n85\n西厂\n78\n", None),
]
