"""One responsibility clause body (`extractor.grammars.responsibility`): the role words,
labels and generic references of the grammar, and `parse_body`, which reads an agency
list with its role word part by part (see the grammar's docstring for what it accepts)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.agencies import AgencyMatch, find_agencies

OPEN = "（(【"
CLOSE = "）)】"
# a lead marker after one agency of a list: 责任单位：X（牵头）、Y、Z
LEAD_MARK = re.compile(r"[（(]牵头[）)]")
CLAUSE_RE = re.compile(rf"[{OPEN}](?P<body>(?:[^{OPEN}{CLOSE}]|{LEAD_MARK.pattern}){{2,400}})[{CLOSE}]")
# OCR drops closing brackets: an opened clause whose body ends with a role word at
# the end of its line (…按职责分工负责⏎) is taken as closed there.
UNCLOSED_CLAUSE_RE = re.compile(
    r"[（(](?P<body>[^（）()\n]{2,400}?(?:负责|参加|配合|牵头|参与))[ \t]*(?=\n|$)"
)

# role words, longest first within each role
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "lead": ("牵头负责", "负责牵头", "牵头"),
    "participants": (
        "予以支持", "给予支持", "予以配合", "予以协助", "积极配合", "协助配合", "配合支持",
        "支持配合", "参加", "配合", "参与", "协助", "协同", "组织落实", "落实", "指导",
    ),
    "shared": (
        "按照职责分工负责", "按职责分工负责", "按照职责分工分别负责", "按职责分工分别负责",
        "按照职责分别负责", "按职责分别负责", "按照职责负责", "按职责负责", "按照职责分工",
        "按职责分工", "依职责分工负责", "依照职责分工负责", "依据职责分工负责", "依职责负责",
        "按照各自职责负责", "按各自职责负责", "分别负责", "共同负责", "负责",
    ),
}
# phrases meaning every department (all_departments); checked before GENERIC
ALL_DEPARTMENTS = (
    "国务院各部门", "中央和国家机关各部门", "各地区各有关部门", "各地区、各有关部门",
    "各地区各部门", "各地区、各部门", "各有关部门",
    "各部门", "各部委",
)
# department references that name nobody in particular: allowed, contribute nothing
# every department of the province/city when they share (按职责分工); a named reference
# when they lead or take part (各州、市人民政府负责，省直有关部门配合)
SOFT_ALL = re.compile(r"(?:省直|市直|县直)各?(?:有关)?(?:部门|单位)")
GENERIC = re.compile(
    r"(?:国务院|国家)?(?:其他)?(?:各|有关|相关|其他)(?:地方各级|省级|地区|地方|各级|中央)?"
    r"(?:人民政府|政府|主管部门|部门|单位|企业|机构|行业协会)"
    r"|(?:地方各级|省级|地方|各级)(?:人民政府|政府)"
    r"|各(?:州、市|市、县|市州|市县|设区市|县（市、区）|县\(市、区\)|盟行政公署、市|盟市|盟、市"
    r"|乡镇|乡（镇）|乡\(镇\)|乡、镇|市|县|区|地|州)(?:人民政府|政府)"
    r"|各(?:设区市|省级|市级|县级|市|县)[\u4e00-\u9fff]{2,10}?(?:局|厅|委员会|委)"
    r"|(?:(?!会同|牵头|负责|配合|参加)[\u4e00-\u9fff]){2,10}?主管部门"
    r"|(?:自然资源|生态环境|工业和信息化|经济和信息化|商务|财政|应急管理|市场监督管理|发展和改革|发展改革)"
    r"(?:局|厅|委员会|委)"
)
# a generic reference in a lead / participant role is kept as a named reference
# (canonical None): 各州、市人民政府负责，省直有关部门配合
# a heading label before a prose clause: 三、国家发展改革委…按职责分工负责…
HEADING_LABEL = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d))[ \t\u3000]*"
)
SEPARATORS = "、，,；; \t\n\u3000"
CONJUNCTIONS = ("以及", "和", "及", "与")
ETC = re.compile(r"等(?:[一二三四五六七八九十\d]+个?)?(?:部门|单位)?")

ROLE_TABLE = sorted(
    ((w, role) for role, words in ROLE_WORDS.items() for w in words), key=lambda x: -len(x[0])
)
_ROLE_WORDS = tuple(w for w, _ in ROLE_TABLE)
_ROLE_OF = dict(ROLE_TABLE)


@dataclass
class Clause:
    start: int  # the opening bracket
    end: int  # after the closing bracket
    lead: list[AgencyMatch] = field(default_factory=list)
    participants: list[AgencyMatch] = field(default_factory=list)
    shared: list[AgencyMatch] = field(default_factory=list)
    all_departments: bool = False


_WORDS_RE: dict[tuple[str, ...], re.Pattern] = {}


def _startswith_any(s: str, i: int, words: tuple[str, ...]) -> str | None:
    """The first of `words` (in their order) that `s` has at `i`, else None: one regex
    match of the words' alternation (tried in order, like a loop over them)."""
    rx = _WORDS_RE.get(words)
    if rx is None:
        rx = _WORDS_RE[words] = re.compile("|".join(map(re.escape, words)))
    m = rx.match(s, i)
    return m.group(0) if m else None


LABELS = re.compile(
    r"(?P<lead>牵头单位|牵头部门)[：:]|(?P<shared>责任单位|负责单位|主责单位|责任部门)[：:]"
    r"|(?P<participants>配合单位|参与单位|参加单位|协同单位|配合部门)[：:]"
)
MODALS = ("要", "应当", "应", "须", "需")
# role words only inside brackets: in prose 落实 / 指导 open a task text (X落实…,
# X指导各地…), no role
BRACKET_ONLY = frozenset({"落实", "组织落实", "指导"})
# an official of the agency, not a role: X负责人表示, X负责同志介绍, X有关负责人
OFFICIAL = re.compile(r"(?:牵头)?负责(?:人|同志)")


def parse_body(
    body: str, offset: int, *, home: dict[str, str] | None = None, prose: bool = False,
    at_heading: bool = False, agencies: list[AgencyMatch] | None = None,
) -> Clause | None:
    """Parse a clause body; agency offsets are shifted by `offset`.

    `prose`: the body is a sentence, not a parenthesis: labels (牵头单位：…) are
    allowed, a role word may be followed by the task text (负责本地区…), and the
    clause ends at the first token that is not part of the grammar. `Clause.end`
    is then the end of the last parsed token (relative to `offset`).
    `at_heading`: the sentence opens a numbered item (三、X会同Y加强…), where
    X会同Y followed by the task verb is a clause even without a role word.
    `agencies`: `find_agencies(body, home=home)` when the caller has it already.
    """
    if agencies is None:
        agencies = find_agencies(body, home=home)
    matches = {m.start: m for m in agencies}
    ws = set(" \t\n\u3000")
    clause = Clause(0, 0)
    group: list[AgencyMatch] = []
    group_all = False
    group_nonempty = False  # generic references count as a group member
    pending_participants: list[AgencyMatch] | None = None  # after 会同
    label_role: str | None = None  # after 牵头单位：
    label_plain = False  # the label is 责任单位：… (like a bare 负责)
    plain: list[AgencyMatch] = []  # assigned by a bare 负责 (X负责，Y配合 -> X leads)
    generic: list[AgencyMatch] = []  # 有关部门, 各州、市人民政府 … (canonical "")
    parts = 0
    marked = False  # a 牵头 marker was read (X（牵头）、Y)
    at_part_start = True
    last_end = 0
    i, n = 0, len(body)

    def assign(role: str, agencies: list[AgencyMatch], all_flag: bool) -> None:
        getattr(clause, role).extend(a for a in agencies if a.canonical not in
                                     {x.canonical for x in getattr(clause, role)})
        if all_flag or (role == "shared" and any(a.type == "soft_all" for a in agencies)):
            clause.all_departments = True

    def close_label() -> None:
        nonlocal group, group_all, group_nonempty, label_role, parts, label_plain
        if not label_role:
            return
        if group_nonempty:
            assign(label_role, group, group_all)
            if label_plain:
                plain.extend(group)
            parts += 1
        group, group_all, group_nonempty, label_role, label_plain = [], False, False, None, False

    def tail_participants(k: int) -> tuple[list[AgencyMatch], int] | None:
        """X负责<task>，Y予以支持: the agencies and end of a later part `Y<participant word>`."""
        for p in (j + 1 for j in range(k, n) if body[j] in "，,；;"):
            got: list[AgencyMatch] = []
            while p < n:
                if body[p] in "、 \t\u3000":
                    p += 1
                    continue
                c = _startswith_any(body, p, CONJUNCTIONS)
                if c and got:
                    p += len(c)
                    continue
                a = matches.get(p)
                g = SOFT_ALL.match(body, p) or GENERIC.match(body, p)
                if a is not None and not (g and g.end() > a.end):
                    got.append(a)
                    p = a.end
                    continue
                if g:
                    got.append(AgencyMatch(g.start(), g.end(), g.group(0), "", "other",
                                           "generic", g.group(0)))
                    generic.append(got[-1])
                    p = g.end()
                    continue
                break
            if not got:
                continue
            w = _startswith_any(body, p, ROLE_WORDS["participants"])
            if w and (p + len(w) >= n or body[p + len(w)] in "，,；;。"):
                return got, p + len(w)
        return None

    while i < n:
        ch = body[i]
        if ch in ws:
            i += 1
            continue
        lab = LABELS.match(body, i)
        if lab:
            close_label()
            label_role = lab.lastgroup
            label_plain = label_role == "shared"
            at_part_start = False
            i = lab.end()
            continue
        w = _startswith_any(body, i, ALL_DEPARTMENTS)
        if w:  # before agencies: 国务院各部门 is not 国务院
            group_all = group_nonempty = True
            at_part_start = False
            i += len(w)
            last_end = i
            continue
        m = matches.get(i)
        g = GENERIC.match(body, i)
        if m is not None and g and g.end() > m.end:
            m = None  # 国务院商务主管部门 is a generic reference, not 国务院
        if m is not None:  # offsets of find_agencies(body) are into `body`
            group.append(m)
            group_nonempty = True
            at_part_start = False
            i = last_end = m.end
            mark = LEAD_MARK.match(body, i)
            if mark:  # X（牵头）: X leads, the rest of its list keeps the list's role
                assign("lead", [group.pop()], False)
                marked = True
                i = last_end = mark.end()
            continue
        g = kind = None
        for pattern, kind in ((SOFT_ALL, "soft_all"), (GENERIC, "generic")):
            g = pattern.match(body, i)
            if g:
                break
        if g:
            group_nonempty = True
            at_part_start = False
            generic.append(AgencyMatch(g.start(), g.end(), g.group(0), "", "other",
                                       kind, g.group(0)))
            group.append(generic[-1])
            i = last_end = g.end()
            continue
        if at_part_start and (body.startswith("由", i) or (prose and body.startswith("请", i))):
            i += 1
            continue
        if group_nonempty and not label_role and body.startswith("会同", i):
            pending_participants = []
            assign("lead", group, group_all)
            group, group_all = [], False
            i += 2
            continue
        if prose and group_nonempty and not label_role:
            w = _startswith_any(body, i, MODALS)
            if w and _startswith_any(body, i + len(w), _ROLE_WORDS):
                i += len(w)
                continue
        w = _startswith_any(body, i, _ROLE_WORDS)
        if w in BRACKET_ONLY and prose:
            w = None
        if w and OFFICIAL.match(body, i):
            return None  # 国家能源局负责同志表示…: the agency's official speaks
        if w and group_nonempty and not label_role:
            role = _ROLE_OF[w]
            j = i + len(w)
            # the role word must close the part (prose: or start the task text)
            k = j
            while k < n and body[k] in ws:
                k += 1
            closes = k >= n or body[k] in "，,；;。、"
            if not closes and (not prose or body.startswith(("解释", "组织实施本"), k)):
                return None  # 由财政部负责解释 is no task assignment
            if pending_participants is not None:
                assign("participants", group, group_all)
                pending_participants = None
            else:
                assign(role, group, group_all)
                if w == "负责":
                    plain.extend(group)
            group, group_all, group_nonempty = [], False, False
            parts += 1
            at_part_start = True
            i = last_end = j
            if not closes:
                tail = tail_participants(k) if prose and w == "负责" else None
                if tail:
                    assign("participants", tail[0], False)
                    last_end = tail[1]
                break
            continue
        if group_nonempty:
            e = ETC.match(body, i)
            if e and e.end() > i:
                i = e.end()
                continue
        if label_role and ch in "；;":
            close_label()
            i += 1
            continue
        if ch in SEPARATORS or _startswith_any(body, i, CONJUNCTIONS):
            i += len(_startswith_any(body, i, CONJUNCTIONS) or ch)
            continue
        if label_role:
            break
        if at_heading and pending_participants is not None and group_nonempty:
            break  # 三、省商务厅会同昆明海关加强…: X leads, Y takes part
        if parts and at_part_start and not group_nonempty:
            # trailing note after a complete part: 年内持续推进
            if not prose and find_agencies(body[i:]):
                return None
            break
        return None
    close_label()
    if pending_participants is not None and group:
        assign("participants", group, group_all)
        group = []
        parts += 1
    if marked:  # （X（牵头）、Y、Z）: the marker is the role word, the others share the task
        if group:
            assign("shared", group, group_all)
        parts += 1
    if not parts:
        return None
    gen = {id(a) for a in generic}
    plain_shared = list(clause.shared)
    clause.shared = [a for a in clause.shared if id(a) not in gen]
    if plain and not clause.lead and clause.participants:
        keep = {id(a) for a in plain}
        clause.lead = [a for a in plain_shared if id(a) in keep]
        clause.shared = [a for a in clause.shared if id(a) not in keep]
    # a clause needs a named agency, every department, or someone who leads / takes part
    if not (clause.shared or clause.lead or clause.participants or clause.all_departments):
        return None
    for role in ("lead", "participants", "shared"):
        setattr(clause, role, [
            AgencyMatch(a.start + offset, a.end + offset, a.surface, a.canonical, a.level,
                        a.type, a.name, a.weak, a.pattern)
            for a in getattr(clause, role)
        ])
    clause.end = last_end
    return clause
