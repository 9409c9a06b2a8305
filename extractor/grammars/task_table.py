"""Grammar of task-division tables (分工表): one task a row, its agencies in role columns.

    序号    重点任务            牵头单位          配合单位
    1       加强资源保护        省自然资源厅      省公安厅、省生态环境厅

A header row names at least one role column (牵头单位 / 牵头部门: lead; 责任单位 / 负责单位 /
主责单位 / 责任部门: shared; 配合单位 / 参与单位 / 协同单位 / 配合部门: participants); the rows
under it, one a line, have the header's number of cells. Cells are separated by tabs (an HTML
or DOCX table flattened by ingest, one row a line) or by runs of two or more spaces. Each
role cell is read by the clause grammar as the body `<header>：<cell>`, so a cell reads like
the label it stands under (责任单位：X（牵头）、Y: X leads; generic references such as
各设区市人民政府 are kept when they lead or take part), and a row with 责任单位 and 配合单位 but
no 牵头单位 makes its 责任单位 agencies the lead (as 责任单位：X；配合单位：Y in prose).
The task is the 序号 cell when the table has one, else the row's ordinal; the title is the
task column (重点任务 / 工作任务 / 任务 / 工作内容 / 主要任务 / 具体措施).

`find_task_rows(text, home=...)` returns one `TaskRow` per row that names an agency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass
class TaskRow:
    task: str
    title: str | None
    clause: Clause  # offsets into the text; start/end: the row line


def _cells(text: str, s: int, e: int) -> list[tuple[str, int, int]]:
    """The cells of the line text[s:e] with their offsets (empty cells kept)."""
    out, pos = [], s
    for m in _CELL_SPLIT.finditer(text, s, e):
        out.append((text[pos : m.start()].strip(), pos, m.start()))
        pos = m.end()
    out.append((text[pos:e].strip(), pos, e))
    return out


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line.rstrip("\r"))
        pos += len(line) + 1


def _read_row(text: str, cells, roles: dict[int, str], home) -> Clause | None:
    """The clause of one row: each role cell parsed as `<header>：<cell>`."""
    row = Clause(cells[0][1], cells[-1][2])
    responsible = False  # agencies under a 责任单位 column
    for k, head in roles.items():
        cell, cs, ce = cells[k]
        if not cell:
            continue
        lead = text.index(cell, cs, ce)
        label = f"{head}："
        c = parse_body(label + cell, lead - len(label), home=home)
        if c is None:
            continue
        row.lead += c.lead
        row.participants += c.participants
        row.shared += c.shared
        row.all_departments |= c.all_departments
        responsible |= ROLE_HEADERS[head] == "shared" and bool(c.shared)
    if responsible and not row.lead and row.participants:
        row.lead, row.shared = row.shared, []
    if not (row.lead or row.participants or row.shared or row.all_departments):
        return None
    return row


def find_task_rows(text: str, *, home: dict[str, str] | None = None) -> list[TaskRow]:
    """Every row of a task-division table in `text` that names an agency (see the module doc)."""
    if not _HEADER_HINT.search(text):
        return []
    out: list[TaskRow] = []
    header: list[str] | None = None
    roles: dict[int, str] = {}
    ordinal = 0
    for s, e in _lines(text):
        cells = _cells(text, s, e)
        names = [c[0] for c in cells]
        if len(cells) >= 2 and any(n in ROLE_HEADERS for n in names):
            header, ordinal = names, 0
            roles = {k: n for k, n in enumerate(names) if n in ROLE_HEADERS}
            continue
        if header is None:
            continue
        if len(cells) != len(header):
            if text[s:e].strip():
                header = None  # the table ended
            continue
        ordinal += 1
        number = next((cells[k][0] for k, n in enumerate(header) if n in NUMBER_HEADERS), None)
        task = number.strip("（()）.．、") if number and _NUMBER.match(number) else str(ordinal)
        title = next((cells[k][0] for k, n in enumerate(header) if n in TITLE_HEADERS), None)
        c = _read_row(text, cells, roles, home)
        if c is not None:
            out.append(TaskRow(task, title or None, c))
    return out


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
]
