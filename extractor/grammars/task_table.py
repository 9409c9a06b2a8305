"""Grammar of task-division tables (分工表): one task a row, its agencies in role columns.

    序号    重点任务            牵头单位          配合单位
    1       加强资源保护        省自然资源厅      省公安厅、省生态环境厅

A header row names at least one role column (牵头单位 / 牵头部门: lead; 责任单位 / 负责单位 /
主责单位 / 责任部门: shared; 配合单位 / 参与单位 / 协同单位 / 配合部门: participants). Each
role cell is read by the clause grammar as the body `<header>：<cell>`, so a cell reads like
the label it stands under (责任单位：X（牵头）、Y: X leads; generic references such as
各设区市人民政府 are kept when they lead or take part), and a row with 责任单位 and 配合单位 but
no 牵头单位 makes its 责任单位 agencies the lead (as 责任单位：X；配合单位：Y in prose).
The task is the 序号 cell when the table has one, else the row's ordinal; the title is the
task column (重点任务 / 工作任务 / 任务 / 工作内容 / 主要任务 / 具体措施).

The same table reaches the text in three shapes, read into one grid of cells (each cell a
list of pieces of the text, so a cell wrapped over lines is one cell):
- one row a line (`_line_grids`): cells separated by tabs (an HTML or DOCX table flattened
  by ingest) or by runs of two or more spaces (text laid out in columns). In a tab table a
  line with the header's number of cells is a row; in a space-aligned one each cell goes
  to the header column it starts under, so a line with fewer cells fits too.
- a PDF table (`_pdf_grids`, `TableInfo` rows from ingest, whose segments are already in
  their columns): each row is found as its body line (the cells joined by one space).
- one cell a line (`_flat_grids`, a web table copied as text): the header names one a line
  from 序号 on, then each row from its number (1, 2, …) to the next one; blank lines are
  empty cells when that gives the header's number of cells, else they are skipped.
In every shape a row whose 序号 cell (else its first cell) is empty continues the row
above: its pieces are added to the cells they stand in (省公安厅、省生态 + 环境厅 reads
省生态环境厅). A row whose cells do not fit the header is skipped (precision first).

`find_task_rows(text, home=..., tables=...)` returns one `TaskRow` per row that names an
agency; `tables` are the PDF's tables, rows of cell texts. A name wrapped over two lines of a cell has the
evidence from its first piece to its last (`surface` is the name without what lies between).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from extractor.agencies import AgencyMatch
from extractor.grammars.numerals import cn_int
from extractor.grammars.responsibility_body import Clause, parse_body

ROLE_HEADERS = {
    "牵头单位": "lead", "牵头部门": "lead",
    "责任单位": "shared", "负责单位": "shared", "主责单位": "shared", "责任部门": "shared",
    "配合单位": "participants", "参与单位": "participants", "协同单位": "participants",
    "配合部门": "participants",
}
NUMBER_HEADERS = ("序号", "编号")
TITLE_HEADERS = ("重点任务", "工作任务", "主要任务", "工作内容", "具体措施", "任务")
_HEADER_HINT = re.compile("|".join(ROLE_HEADERS))
_CELL_SPLIT = re.compile(r"\t| {2,}|\u3000+")
_NUMBER = re.compile(r"^[（(]?[\d一二三四五六七八九十]{1,4}[)）.．、]?$")
# a header name of the one-cell-a-line shape: a short word, no punctuation
_HEADER_WORD = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
_WS = " \t\u3000\r"

Piece = tuple[int, int]  # offsets of a piece of a cell in the text
Row = list[list[Piece]]  # one list of pieces per header column


@dataclass
class TaskRow:
    task: str
    title: str | None
    clause: Clause  # offsets into the text; start/end: from the row's first piece to its last


@dataclass
class _Grid:
    header: list[str]
    rows: list[Row]


def _lines(text: str) -> Iterable[tuple[int, int]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line.rstrip("\r"))
        pos += len(line) + 1


def _strip(text: str, s: int, e: int) -> Piece:
    while s < e and text[s] in _WS:
        s += 1
    while e > s and text[e - 1] in _WS:
        e -= 1
    return s, e


def _cells(text: str, s: int, e: int) -> list[Piece]:
    """The cells of the line text[s:e], stripped (empty cells kept)."""
    out, pos = [], s
    for m in _CELL_SPLIT.finditer(text, s, e):
        out.append(_strip(text, pos, m.start()))
        pos = m.end()
    out.append(_strip(text, pos, e))
    return out


def _width(s: str) -> int:
    """Display width: wide (CJK) characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _header_of(names: Sequence[str]) -> bool:
    return len(names) >= 2 and any(n in ROLE_HEADERS for n in names)


def _number_column(header: Sequence[str]) -> int | None:
    return next((k for k, n in enumerate(header) if n in NUMBER_HEADERS), None)


def _line_grids(text: str) -> list[_Grid]:
    """Tables with one row a line (tabs or aligned columns)."""
    grids: list[_Grid] = []
    grid: _Grid | None = None
    bounds: list[int] | None = None  # aligned columns: display column where each one starts
    blank = False  # the line before was blank
    for s, e in _lines(text):
        cells = _cells(text, s, e)
        names = [text[a:b] for a, b in cells]
        if _header_of(names):
            grid = _Grid(names, [])
            grids.append(grid)
            bounds = None
            if "\t" not in text[s:e]:
                starts = [_width(text[s:a]) for a, _ in cells]
                ends = [_width(text[s:b]) for _, b in cells]
                # a column begins halfway between the end of one header name and the next
                bounds = [0] + [(ends[k] + starts[k + 1]) // 2 for k in range(len(cells) - 1)]
            continue
        if grid is None:
            continue
        if not text[s:e].strip():
            blank = True
            if bounds is not None and _number_column(grid.header) is None:
                grid = None  # an aligned table without numbers ends at a blank line
            continue
        after_blank, blank = blank, False
        if len(cells) == len(grid.header) and (bounds is None or text[s] not in _WS):
            grid.rows.append([[c] if c[0] < c[1] else [] for c in cells])
            continue
        if bounds is not None:
            row: Row = [[] for _ in grid.header]
            for a, b in cells:
                if a < b:
                    col = _width(text[s:a])
                    row[max(k for k, x in enumerate(bounds) if x <= col)].append((a, b))
            key = _number_column(grid.header)
            # a new row (a number), or a row's wrapped lines (no number, no blank line before:
            # a signature set to the right below the table is none)
            if key is None or (row[key] and _NUMBER.match(text[slice(*row[key][0])])) or (
                    not row[key] and not after_blank):
                grid.rows.append(row)
                continue
        grid = None  # the table ended
    return grids


def _pdf_grids(text: str, tables: Sequence[Sequence[Sequence[str]]]) -> list[_Grid]:
    """PDF tables (the cell texts of `TableInfo` rows, normalised as the text is): each row
    found as its body line, its cells in that line."""
    grids: list[_Grid] = []
    pos = 0
    for t in tables:
        rows = [[c.strip() for c in r] for r in t]
        head = next((i for i, r in enumerate(rows) if _header_of([re.sub(r"\s", "", c) for c in r])), None)
        if head is not None:
            grid = _Grid([re.sub(r"\s", "", c) for c in rows[head]], [])
            grids.append(grid)
            rows = rows[head + 1:]
        elif rows and grids and len(grids[-1].header) == len(rows[0]):
            grid = grids[-1]  # the table goes on over a page without repeating its header
        else:
            continue
        for r in rows:
            got = _pdf_row(text, r, pos)
            if got is None:
                break  # the text is not the table's: read no more of it
            row, pos = got
            grid.rows.append(row)
    return grids


def _pdf_row(text: str, cells: list[str], pos: int) -> tuple[Row, int] | None:
    """A PDF table row in the text: its body line (the cells joined by one space) at or
    after `pos`, with the offsets of its cells; None when the text has no such line."""
    line = " ".join(c for c in cells if c)
    at = _find_line(text, line, pos)
    if at is None:
        return None
    end, q, row = at + len(line), at, []
    for c in cells:
        k = text.find(c, q, end) if c else -1
        row.append([(k, k + len(c))] if k >= 0 else [])
        q = k + len(c) if k >= 0 else q
    return row, end


def _find_line(text: str, line: str, pos: int) -> int | None:
    """The offset of `line` as a whole line of `text` at or after `pos`."""
    k = text.find(line, pos)
    while k >= 0:
        end = k + len(line)
        if (k == 0 or text[k - 1] == "\n") and (end == len(text) or text[end] in "\r\n"):
            return k
        k = text.find(line, k + 1)
    return None


def _number_is(s: str, n: int) -> bool:
    return bool(_NUMBER.match(s)) and cn_int(s.strip("（()）.．、")) == n


def _flat_grids(text: str) -> list[_Grid]:
    """Tables with one cell a line: 序号, the other header names, then the rows."""
    lines = [_strip(text, s, e) for s, e in _lines(text)]
    words = [text[s:e] for s, e in lines]
    grids: list[_Grid] = []
    i = 0
    while i < len(lines):
        if words[i] not in NUMBER_HEADERS:
            i += 1
            continue
        j = i + 1
        header = [words[i]]
        while j < len(lines) and (not words[j] or _HEADER_WORD.match(words[j])) and not _number_is(words[j], 1):
            if words[j]:
                header.append(words[j])
            j += 1
        if not _header_of(header) or j >= len(lines) or not _number_is(words[j], 1):
            i += 1
            continue
        grid = _Grid(header, [])
        n, size = 1, len(header)
        spaced = int(any(not words[k] for k in range(i, j)))  # blank lines between the cells
        while j < len(lines) and _number_is(words[j], n):
            nxt = next((k for k in range(j + 1, min(len(lines), j + 3 * size)) if _number_is(words[k], n + 1)),
                       None)
            if nxt is None:  # the last row: its lines up to a wider gap than the table's own
                body, raw, filled, blanks = [], [], [], 0
                for k in range(j + 1, len(lines)):
                    blanks = 0 if words[k] else blanks + 1
                    if blanks > spaced or len(filled) == size - 1:
                        break
                    if words[k]:
                        filled.append(k)
            else:
                body = list(range(j + 1, nxt))
                raw = list(body)  # blank lines kept: an empty last cell
                filled = [k for k in body if words[k]]
                while body and not words[body[-1]]:
                    body.pop()
                while body and not words[body[0]]:
                    body.pop(0)
            cells = next((c for c in (filled, body, raw) if len(c) == size - 1), None)
            if cells is not None:
                grid.rows.append([[lines[j]]] + [[lines[k]] if words[k] else [] for k in cells])
            if nxt is None:
                j = (cells[-1] + 1) if cells else len(lines)
                break
            j, n = nxt, n + 1
        grids.append(grid)
        i = j
    return grids


def _merged(grid: _Grid) -> list[Row]:
    """The rows with continuation rows (an empty 序号 cell, else an empty first cell) added
    to the row above, piece by piece into their columns."""
    key = _number_column(grid.header) or 0
    out: list[Row] = []
    for r in grid.rows:
        if not r[key] and out:
            for k, pieces in enumerate(r):
                out[-1][k].extend(pieces)
        elif r[key]:
            out.append([list(p) for p in r])
    return out


def _joined(text: str, pieces: list[Piece]) -> tuple[str, list[int]]:
    """The pieces of a cell as one string (a wrapped line joins without a space) and the
    text offset of each of its characters."""
    chars, pos = [], []
    for a, b in pieces:
        chars.append(text[a:b])
        pos.extend(range(a, b))
    return "".join(chars), pos


def _moved(a: AgencyMatch, pos: list[int]) -> AgencyMatch:
    return replace(a, start=pos[a.start], end=pos[a.end - 1] + 1)


def _read_row(text: str, row: Row, roles: dict[int, str], home) -> Clause | None:
    """The clause of one row: each role cell parsed as `<header>：<cell>`."""
    pieces = [p for cell in row for p in cell]
    c_row = Clause(min(a for a, _ in pieces), max(b for _, b in pieces))
    responsible = False  # agencies under a 责任单位 column
    for k, head in roles.items():
        cell, pos = _joined(text, row[k])
        if not cell:
            continue
        label = f"{head}："
        c = parse_body(label + cell, -len(label), home=home)
        if c is None:
            continue
        c_row.lead += [_moved(a, pos) for a in c.lead]
        c_row.participants += [_moved(a, pos) for a in c.participants]
        c_row.shared += [_moved(a, pos) for a in c.shared]
        c_row.all_departments |= c.all_departments
        responsible |= ROLE_HEADERS[head] == "shared" and bool(c.shared)
    if responsible and not c_row.lead and c_row.participants:
        c_row.lead, c_row.shared = c_row.shared, []
    if not (c_row.lead or c_row.participants or c_row.shared or c_row.all_departments):
        return None
    return c_row


def find_task_rows(
    text: str, *, home: dict[str, str] | None = None, tables: Sequence[Sequence[Sequence[str]]] = ()
) -> list[TaskRow]:
    """Every row of a task-division table in `text` that names an agency (see the module doc)."""
    if not _HEADER_HINT.search(text):
        return []
    out: list[TaskRow] = []
    for grid in _line_grids(text) + _flat_grids(text) + _pdf_grids(text, tables):
        roles = {k: n for k, n in enumerate(grid.header) if n in ROLE_HEADERS}
        number = _number_column(grid.header)
        title = next((k for k, n in enumerate(grid.header) if n in TITLE_HEADERS), None)
        for ordinal, row in enumerate(_merged(grid), 1):
            num = _joined(text, row[number])[0] if number is not None else ""
            task = num.strip("（()）.．、") if _NUMBER.match(num) else str(ordinal)
            name = _joined(text, row[title])[0] if title is not None else ""
            c = _read_row(text, row, roles, home)
            if c is not None and not any(r.clause.start < c.end and c.start < r.clause.end for r in out):
                out.append(TaskRow(task, name or None, c))
    return sorted(out, key=lambda r: r.clause.start)


# (table text, [(task, (lead, participants, shared))]) with canonical names; home 省 = 江西省
EXAMPLES: list[tuple[str, list[tuple[str, tuple[tuple[str, ...], ...]]]]] = [
    ("序号\t重点任务\t牵头单位\t配合单位\n1\t加强资源保护\t省自然资源厅\t省公安厅、省生态环境厅\n"
     "2\t推进技术改造\t省工业和信息化厅\t省科技厅\n",
     [("1", (("江西省自然资源厅",), ("江西省公安厅", "江西省生态环境厅"), ())),
      ("2", (("江西省工业和信息化厅",), ("江西省科学技术厅",), ()))]),
    # 责任单位 with 配合单位 and no 牵头单位: the responsible units lead
    ("序号\t工作任务\t责任单位\t配合单位\n1\t完善储备\t省发展改革委\t省财政厅\n",
     [("1", (("江西省发展和改革委员会",), ("江西省财政厅",), ()))]),
    # 责任单位 alone share; a （牵头） marker leads; an empty cell and a row without agencies
    ("重点任务  责任单位\n培育龙头企业  省工业和信息化厅（牵头）、省商务厅\n优化服务  \n加强宣传  有关媒体\n",
     [("1", (("江西省工业和信息化厅",), (), ("江西省商务厅",)))]),
    # generic references take part; the table ends at a line of another shape
    ("序号\t任务\t牵头单位\t配合单位\n1\t保障用地\t省自然资源厅\t各设区市人民政府\n本方案自印发之日起施行。\n2\t不是表格",
     [("1", (("江西省自然资源厅",), ("各设区市人民政府",), ()))]),
    # no role column: no table
    ("序号\t任务\t完成时限\n1\t保障用地\t2026年底\n", []),
    # aligned columns: a signature set to the right after a blank line is not a wrapped cell
    ("序号  重点任务        牵头单位        配合单位\n1     保障用地        省自然资源厅    省财政厅\n\n"
     "                                      江西省人民政府办公厅\n",
     [("1", (("江西省自然资源厅",), ("江西省财政厅",), ()))]),
]

# The same table in the shapes it reaches the text in: every one reads as the first one.
SHAPES_WANT = [("1", (("江西省自然资源厅",), ("江西省公安厅", "江西省生态环境厅"), ())),
               ("2", (("江西省工业和信息化厅",), ("江西省科学技术厅",), ()))]
SHAPES: list[tuple[str, str]] = [
    ("clean", "序号\t重点任务\t牵头单位\t配合单位\n1\t加强资源保护\t省自然资源厅\t省公安厅、省生态环境厅\n"
              "2\t推进技术改造\t省工业和信息化厅\t省科技厅\n"),
    # cells wrapped over lines, the next line's pieces in the same columns (empty 序号)
    ("tabs, wrapped", "序号\t重点任务\t牵头单位\t配合单位\n1\t加强资源保护和\t省自然资源厅\t省公安厅、省生态\n"
                      "\t合理开发\t\t环境厅\n2\t推进技术改造\t省工业和信息化\t省科技厅\n\t\t厅\t\n"),
    ("aligned, wrapped", "序号  重点任务        牵头单位        配合单位\n"
                         "1     加强资源保护和  省自然资源厅    省公安厅、省生态\n"
                         "      合理开发                        环境厅\n"
                         "2     推进技术改造    省工业和信息    省科技厅\n"
                         "                      化厅\n"
                         "本方案自印发之日起施行，省商务厅  省财政厅\n"),
    # one cell a line (a web table copied as text), with and without blank lines between
    ("one cell a line", "序号\n重点任务\n牵头单位\n配合单位\n1\n加强资源保护\n省自然资源厅\n"
                        "省公安厅、省生态环境厅\n2\n推进技术改造\n省工业和信息化厅\n省科技厅\n"),
    ("one cell a line, blank lines", "序号\n\n重点任务\n\n牵头单位\n\n配合单位\n\n1\n\n加强资源保护\n\n省自然资源厅\n\n"
                                     "省公安厅、省生态环境厅\n\n2\n\n推进技术改造\n\n省工业和信息化厅\n\n省科技厅\n\n"
                                     "三、保障措施\n"),
]

# one cell a line: an empty cell is a blank line; a row that does not fit is skipped
FLAT_EXAMPLES: list[tuple[str, list[tuple[str, tuple[tuple[str, ...], ...]]]]] = [
    ("序号\n任务\n牵头单位\n配合单位\n1\n保障用地\n省自然资源厅\n\n2\n完善储备\n省发展改革委\n省财政厅\n",
     [("1", (("江西省自然资源厅",), (), ())), ("2", (("江西省发展和改革委员会",), ("江西省财政厅",), ()))]),
    ("序号\n任务\n牵头单位\n配合单位\n1\n保障用地\n省自然资源厅\n省财政厅\n说明\n2\n完善储备\n省发展改革委\n省财政厅\n",
     [("2", (("江西省发展和改革委员会",), ("江西省财政厅",), ()))]),
    # the last row ends at a gap wider than the table's: a signature below is no cell
    ("序号\n任务\n牵头单位\n配合单位\n1\n保障用地\n省自然资源厅\n\n\n江西省人民政府办公厅\n",
     []),
    ("序号\n任务\n牵头单位\n配合单位\n1\n保障用地\n省自然资源厅\n省财政厅\n\n江西省人民政府办公厅\n",
     [("1", (("江西省自然资源厅",), ("江西省财政厅",), ()))]),
    # header words without a role column, or no row 1 after them: no table
    ("序号\n任务\n完成时限\n1\n保障用地\n2026年底\n", []),
    ("序号\n牵头单位\n省自然资源厅\n", []),
]
