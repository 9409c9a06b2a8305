"""Heading grammar of Chinese official documents: 第X章 / 第X节 / 第X条 / 一、 /（一）/ 1. /（1）/ 专栏N.

A heading starts a line (after optional whitespace and Markdown `#` marks, which
are not part of the label). Numbering forms and their rank (lower = higher):

    rank 0  第一章          chapter        path token 第一章
    rank 1  第一节          section        path token 第一节
    rank 2  第一条          article        path token 第一条 (needs a space after 条)
    rank 3  一、            cn             path token 一
    rank 4  （一） (一)      paren_cn       path token （一）  (half-width brackets accepted)
    rank 5  1. 1、 1． "4. " arabic        path token 1
    rank 6  （1） (1)        paren_arabic   path token （1）
    rank 5  专栏1 / 专栏 1   box            path token 专栏1 (a sibling of the numbered items)

The level is the depth in the hierarchy (1 = top), found with a stack: a heading
closes every open heading of the same or a lower rank. Items inside a box that
restart at 1 are the box's children; an item that continues the outer numbering
(10. after 专栏3 that follows 9.) closes the box.

The title is the heading text up to the first 。 for inline headings
("5. 优化电解铝产能布局。…" -> 优化电解铝产能布局), else the rest of the line; a
long first sentence is cut at the first comma. Articles (第X条) have no title.
A box whose line holds no title takes the next line ("专栏 1" / "油气战略保障基地").
A line that starts with 附件 / 附表 / 附注 / 备注 closes every open heading (what
follows is an annex or notes, not part of the last task).

Role: `box` for a 专栏 and the items inside it; `task` for arabic items under a
heading titled 重点任务 / 主要任务 / 保障措施 (… 任务 / 措施), and for any numbered
heading whose own paragraph carries a responsibility clause; `body` otherwise.

`parse_sections(text)` returns the headings with offsets; `parse_heading(line)`
parses one line (what `EXAMPLES` exercises).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from extractor.grammars.responsibility import find_clauses

_CN_NUM = "一二三四五六七八九十百零〇"
_LEAD = re.compile(r"[ \t\u3000\u00a0]*(?:#+[ \t\u3000]*)?")

# (kind, rank, regex). Group "num" is the number; the match end is where the title starts.
PATTERNS: list[tuple[str, int, re.Pattern]] = [
    ("chapter", 0, re.compile(rf"第(?P<num>[{_CN_NUM}\d]{{1,4}})章[ \t\u3000]*")),
    ("section", 1, re.compile(rf"第(?P<num>[{_CN_NUM}\d]{{1,4}})节[ \t\u3000]*")),
    ("article", 2, re.compile(rf"第(?P<num>[{_CN_NUM}\d]{{1,5}})条(?:[ \t\u3000]+|$)")),
    ("cn", 3, re.compile(r"(?P<num>[一二三四五六七八九十]{1,3})[、．.][ \t\u3000]*(?=\S)")),
    ("paren_cn", 4, re.compile(r"[（(][ \t\u3000]*(?P<num>[一二三四五六七八九十]{1,3})[ \t\u3000]*[）)][ \t\u3000]*(?=\S)")),
    ("arabic", 5, re.compile(r"(?P<num>\d{1,2})[.．、](?![\d.．])[ \t\u3000]*(?=\S)")),
    ("paren_arabic", 6, re.compile(r"[（(][ \t\u3000]*(?P<num>\d{1,2})[ \t\u3000]*[）)][ \t\u3000]*(?=\S)")),
    ("box", 5, re.compile(r"专栏[ \t\u3000]*(?P<num>\d{1,2}|[一二三四五六七八九十]{1,3})(?![\d])[ \t\u3000：:]*")),
]
RANK = {k: r for k, r, _ in PATTERNS}
# 附件 / 附表 / 备注 / 附注 lines end the hierarchy of the main text.
ANNEX = re.compile(r"[ \t\u3000]*(?:#+[ \t\u3000]*)?(?:附件|附表|附注|备注|附[：:])[\d一二三四五六七八九十 \t：:]*(?:$|\S)")
TASK_PARENT = re.compile(r"任务|措施|重点工作|分工")
TITLE_MAX = 40


@dataclass(frozen=True)
class HeadingLine:
    """One heading line, offsets relative to the line."""

    kind: str
    label: str  # the numbering as written, e.g. （七） (七) 4. 专栏 1
    number: str
    title: str
    label_start: int
    label_end: int
    title_end: int  # end of the title in the line (evidence end)


@dataclass
class Section:
    kind: str
    rank: float
    label: str
    number: str
    title: str
    start: int  # evidence start (label)
    end: int  # evidence end (title end)
    line_start: int
    line_end: int
    scope_end: int = 0  # end of the section's content (next heading of same or higher rank)
    level: int = 1
    path: str = ""
    role: str = "body"
    parent: int | None = None  # index into the list
    children: list[int] = field(default_factory=list)

    @property
    def token(self) -> str:
        if self.kind in ("cn", "arabic"):
            return self.number
        if self.kind == "paren_cn" or self.kind == "paren_arabic":
            return f"（{self.number}）"
        if self.kind == "box":
            return f"专栏{self.number}"
        return self.label


def _squeeze_cjk(s: str) -> str:
    return re.sub(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])", "", s)


def _title(rest: str) -> tuple[str, int]:
    """(title, length in `rest` of the evidence) for the text after a label."""
    stripped = rest.rstrip()
    cut = len(stripped)
    m = re.search(r"[。！？]", stripped)
    if m:
        cut = m.start()
    head = stripped[:cut]
    if len(head) > TITLE_MAX:
        c = re.search(r"[，,；;：:]", head)
        cut = c.start() if c and c.start() <= TITLE_MAX else TITLE_MAX
        head = stripped[:cut]
    head = head.rstrip("：:；; \t\u3000")
    return head, len(head)


def parse_heading(line: str) -> HeadingLine | None:
    """Parse one line as a heading, None when it is not one."""
    lead = _LEAD.match(line)
    pos = lead.end() if lead else 0
    for kind, _rank, rx in PATTERNS:
        m = rx.match(line, pos)
        if not m:
            continue
        label = line[pos : m.end()].rstrip(" \t\u3000：:")
        rest = line[m.end() :]
        if kind == "article":
            title, tlen = "", 0
            title_end = pos + len(label)
        else:
            title, tlen = _title(rest)
            title_end = m.end() + tlen if tlen else pos + len(label)
        return HeadingLine(
            kind=kind,
            label=label,
            number=m.group("num"),
            title=_squeeze_cjk(title),
            label_start=pos,
            label_end=pos + len(label),
            title_end=title_end,
        )
    return None


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def _has_clause(text: str) -> bool:
    return bool(find_clauses(text))


def parse_sections(text: str) -> tuple[Section, ...]:
    """Every heading of `text` with level, path, role and scope (ex_sections runs it once per
    document; the components read its spans)."""
    out: list[Section] = []
    stack: list[int] = []  # indices into out
    lines = list(_lines(text))
    for li, (ls, line) in enumerate(lines):
        h = parse_heading(line)
        if h is None:
            if ANNEX.match(line):  # an annex or notes: close every open heading
                while stack:
                    out[stack.pop()].scope_end = ls
            continue
        rank: float = RANK[h.kind]
        title = h.title
        end = ls + h.title_end
        if h.kind == "box" and not title and li + 1 < len(lines):
            nxt = lines[li + 1][1].strip()
            if nxt and parse_heading(nxt) is None and len(nxt) <= TITLE_MAX:
                title = _squeeze_cjk(nxt)
        # inside a box: items restarting at 1 are its children
        if h.kind == "arabic" and stack and out[stack[-1]].kind in ("box", "box_item"):
            top = out[stack[-1]]
            box_i = stack[-1] if top.kind == "box" else top.parent
            box = out[box_i]
            prev = [out[c] for c in box.children if out[c].kind == "box_item"]
            want = int(prev[-1].number) + 1 if prev else 1
            if h.number.isdigit() and int(h.number) == want:
                rank = 5.5
        sec = Section(
            kind="box_item" if rank == 5.5 else h.kind,
            rank=rank,
            label=h.label,
            number=h.number,
            title=title,
            start=ls + h.label_start,
            end=max(end, ls + h.label_end),
            line_start=ls,
            line_end=ls + len(line),
        )
        while stack and out[stack[-1]].rank >= rank:
            out[stack.pop()].scope_end = ls
        sec.parent = stack[-1] if stack else None
        sec.level = len(stack) + 1
        idx = len(out)
        out.append(sec)
        if sec.parent is not None:
            out[sec.parent].children.append(idx)
        stack.append(idx)
    for i in stack:
        out[i].scope_end = len(text)
    for sec in out:
        tokens = [sec.token if sec.kind != "box_item" else sec.number]
        p = sec.parent
        while p is not None:
            tokens.append(out[p].token if out[p].kind != "box_item" else out[p].number)
            p = out[p].parent
        sec.path = ".".join(reversed(tokens))
        # role
        anc = []
        p = sec.parent
        while p is not None:
            anc.append(out[p])
            p = out[p].parent
        if sec.kind in ("box", "box_item") or any(a.kind == "box" for a in anc):
            sec.role = "box"
        elif sec.kind == "arabic" and any(TASK_PARENT.search(a.title) for a in anc):
            sec.role = "task"
        else:
            # own paragraph: up to the first child or the scope end
            own_end = out[sec.children[0]].line_start if sec.children else sec.scope_end
            if sec.kind not in ("chapter", "section") and _has_clause(text[sec.start : own_end]):
                sec.role = "task"
    return tuple(out)


class SectionTree:
    """`innermost` for many offsets: the sections of one `parse_sections` result, in order.

    Scopes nest, so the deepest section holding an offset is the last section that
    starts at or before it, or the first of its ancestors whose scope reaches it: a
    bisection and a walk up the tree instead of a pass over every section."""

    def __init__(self, sections) -> None:
        self.sections = list(sections)
        self._starts = [s.start for s in self.sections]

    def innermost(self, offset: int) -> Section | None:
        k: int | None = bisect_right(self._starts, offset) - 1
        while k is not None and k >= 0:
            sec = self.sections[k]
            if sec.start <= offset < sec.scope_end:
                return sec
            k = sec.parent
        return None


def innermost(sections: tuple[Section, ...], offset: int) -> Section | None:
    """The deepest section whose scope contains `offset`."""
    best = None
    for sec in sections:
        if sec.start <= offset < sec.scope_end and (best is None or sec.level > best.level):
            best = sec
    return best


# (line, (kind, label, number, title) or None)
EXAMPLES: list[tuple[str, tuple[str, str, str, str] | None]] = [
    ("一、总体要求", ("cn", "一、", "一", "总体要求")),
    ("## 二、重点任务", ("cn", "二、", "二", "重点任务")),
    ("### （一）强化资源保障基础", ("paren_cn", "（一）", "一", "强化资源保障基础")),
    ("### (七) 深化对外开放合作", ("paren_cn", "(七)", "七", "深化对外开放合作")),
    ("(一)总体要求和主要预期目标。", ("paren_cn", "(一)", "一", "总体要求和主要预期目标")),
    ("5. 优化电解铝产能布局。坚持电解铝产能总量约束。", ("arabic", "5.", "5", "优化电解铝产能布局")),
    ("4. 稳慎建设氧化铝项目。结合区域资源保障", ("arabic", "4.", "4", "稳慎建设氧化铝项目")),
    ("13.推进数字化应用。落实《原材料工业数字化转型工作方案》", ("arabic", "13.", "13", "推进数字化应用")),
    ("1、加强组织领导", ("arabic", "1、", "1", "加强组织领导")),
    ("（1）加强监测", ("paren_arabic", "（1）", "1", "加强监测")),
    ("### 专栏1 重点地区发展方向", ("box", "专栏1", "1", "重点地区发展方向")),
    ("专栏 1", ("box", "专栏 1", "1", "")),
    ("第一章 总 则", ("chapter", "第一章", "一", "总则")),
    ("第三条 矿产品出口管理应当遵循统筹兼顾、保障安全的原则。", ("article", "第三条", "三", "")),
    ("第八章 附 则", ("chapter", "第八章", "八", "附则")),
    ("　　一、完善尾矿库风险排查机制", ("cn", "一、", "一", "完善尾矿库风险排查机制")),
    ("十二、加强组织保障和督促检查。各有关省份", ("cn", "十二、", "十二", "加强组织保障和督促检查")),
    # not headings
    ("1.5亿吨以上", None),
    ("2026年9月3日", None),
    ("铝是重要的基础原材料。", None),
    ("第五条第三项中的出口数量", None),
    ("（2025—2027年）", None),
    ("（本文有删减）", None),
    ("11 川气出川第三通道系统 遵义—贵阳 190", None),
    ("# 铝产业高质量发展实施方案（2025—2027年）", None),
]
