"""Grammar of responsibility clauses: the parenthesis that closes a task.

    （工业和信息化部、国家发展改革委牵头，生态环境部参加）      lead + participants
    （工业和信息化部牵头，生态环境部、市场监管总局配合）        lead + participants
    （自然资源部、国家发展改革委按职责分工负责）                shared
    （由自然资源部牵头，有关部门参加）                          lead (有关部门 is no agency)
    （自然资源部会同生态环境部负责）                            lead + participants
    （商务部负责，海关总署配合）                                lead + participants
                                                               (a bare 负责 alone: shared)
    （责任单位：商务部；配合单位：海关总署）                    lead + participants
    （自然资源部牵头，国家能源局予以支持）                      lead + participants
    （各部门按职责分工负责） / (国务院各部门分别负责,年内持续推进)  all_departments
    【责任单位：自然资源部、生态环境部】                        shared (square brackets)
    （责任单位：工业和信息化部（牵头）、财政部）                lead + shared (the marker
                                                               leads, its list shares)

A clause is a bracketed text (full- or half-width brackets, mixed: "（…)" is
accepted) whose body parses completely as parts separated by ，,；; where a part
is <agency list><role word>, 由<agency list><role word>, or <agency list>会同
<agency list>[role word]. Agency lists are names from `extractor.agencies`
(whitespace and line breaks inside a name are ignored) joined by 、 和 及 与,
optionally closed by 等(N个)部门; references that name nobody (有关部门, 各省级人民政府,
有关中央企业: `GENERIC`) may stand in a list and add nothing. After one complete part, a trailing note
without agencies (年内持续推进, 2025年底前完成) is allowed.

Prose (`find_clauses(..., prose=True)`): a sentence that OPENS with the same
grammar is a clause too, the task text may follow the role word
(由X牵头，Y参加… / X负责，Y配合，开展… / 牵头单位：X；配合单位：Y /
各地区、各有关部门要按照职责分工…); X会同Y followed by the task verb counts only
in the first sentence of a numbered item (三、X会同Y加强…). Generic references
(有关部门, 各州、市人民政府, 省直有关部门, 各设区市工业和信息化局) that lead or take
part are kept as references without a canonical name; sharing generic
references add nothing, except 省直有关部门 (every department). A bare 负责 (or a
责任单位：label) next to 配合/参加/予以支持 makes the 负责 agencies the lead
(X负责，Y配合). In prose the task text may sit between them: X负责<task>，Y予以支持
(a later part of the sentence that is an agency list closed by a participant word).

Near-misses that are not clauses: （尾矿库治理牵头部门） (no agency; 牵头 is
followed by 部门), （自然资源部） (no role word), （以下简称…）, prose
"按照职责分工负责" without brackets (file 11), （有关部门按职责分工负责） (no agency).

Inside brackets 落实 and 指导 are participant words: （X牵头，各地区人民政府落实） and
（X、Y指导，Z负责）: the guiding X、Y take part (as 在X指导下 in laws), the 负责 Z leads (as in
X负责，Y配合); a 负责 / 按职责分工负责 part stays as it is. In prose both open a task text
(X落实…, X指导各地…) and are no role.

A document may note that the first agency of each list leads (（X、Y负责。列第一位者为牵头单位，
下同）): from that note on, the first agency of a clause without a lead is its lead.

`find_clauses(text)` returns every clause with its parts; `parse_clause(s)`
parses one bracketed string (what `EXAMPLES` exercises). The parser of one body and
the grammar's word lists are in `responsibility_body`.
"""

from __future__ import annotations

import re

from extractor.agencies import AgencyMatch, find_agencies_in
from extractor.grammars.responsibility_body import (
    CLAUSE_RE,
    HEADING_LABEL,
    OPEN,
    LABELS,
    ROLE_TABLE,
    UNCLOSED_CLAUSE_RE,
    Clause,
    parse_body,
)


def parse_clause(s: str) -> Clause | None:
    """Parse one bracketed clause string (the whole string), None when it is none."""
    m = CLAUSE_RE.fullmatch(s.strip())
    if not m:
        return None
    off = s.index(m.group("body"))
    c = parse_body(m.group("body"), off)
    if c is None:
        return None
    c.start, c.end = s.index(m.group(0)), s.index(m.group(0)) + len(m.group(0))
    return c


SENTENCE_RE = re.compile(r"[^。！？\n]+")
_COMMA_BY = re.compile(r"[，,](?=由)")
HEADED_TITLE = re.compile(
    r"[ \t\u3000]*(?:#+[ \t\u3000]*)?" + HEADING_LABEL.pattern + r"[^。\n]{1,40}。[ \t\u3000]*"
)


_ROLE_ANY = re.compile("会同|" + "|".join(re.escape(w) for w, _ in ROLE_TABLE))


def _has_role(s: str) -> bool:
    return bool(_ROLE_ANY.search(s) or LABELS.search(s))


def find_clauses(
    text: str, *, home: dict[str, str] | None = None, prose: bool = False
) -> list[Clause]:
    """Every responsibility clause in `text`, left to right.

    Bracketed clauses always; with `prose=True` also sentences that open with a
    clause (由X牵头，Y参加… / X负责，Y配合，开展… / X、Y按职责分工负责。 /
    牵头单位：X；配合单位：Y / 各地区、各有关部门要按照职责分工…). `home`
    resolves 省…/市… references (see `extractor.agencies.home_places`).

    The agencies of every body the grammar may parse are found in one pass
    (`find_agencies_in`), not once per body.
    """
    out = []
    matches = list(CLAUSE_RE.finditer(text))
    closed = [(m.start(), m.end()) for m in matches]
    matches += [
        m for m in UNCLOSED_CLAUSE_RE.finditer(text)
        if not any(s <= m.start() < e for s, e in closed)
    ]
    matches.sort(key=lambda m: m.start())
    matches = [m for m in matches if _has_role(m.group("body"))]  # cheap pre-filter
    # prose: (sentence match, heading label, right after a heading title, starts)
    sentences = []
    if prose:
        for m in SENTENCE_RE.finditer(text):
            sent = m.group(0)
            if not _has_role(sent):
                continue
            lead = len(sent) - len(sent.lstrip(" \t\u3000"))
            h = HEADING_LABEL.match(sent, lead)
            # the sentence right after a heading title (三、严格出口管理。X会同Y加强…)
            ls = text.rfind("\n", 0, m.start()) + 1
            after_title = bool(HEADED_TITLE.fullmatch(text, ls, m.start()))
            starts = [h.end() if h else lead]
            # …，由X牵头，Y参与 inside a sentence
            starts += [c.end() for c in _COMMA_BY.finditer(sent)]
            sentences.append((m, h, after_title, [(k, st) for k, st in enumerate(starts)
                                                  if sent[st : st + 1] not in OPEN]))
    found = iter(find_agencies_in(
        [m.group("body") for m in matches]
        + [m.group(0)[st:] for m, _, _, starts in sentences for _, st in starts],
        home=home,
    ))
    for m in matches:
        c = parse_body(m.group("body"), m.start("body"), home=home, agencies=next(found))
        if c is not None:
            c.start, c.end = m.start(), m.end()
            out.append(c)
    for m, h, after_title, starts in sentences:
        sent = m.group(0)
        agencies = [next(found) for _ in starts]
        for (k, st), ags in zip(starts, agencies, strict=True):
            c = parse_body(sent[st:], m.start() + st, home=home, prose=True,
                            at_heading=k == 0 and (h is not None or after_title), agencies=ags)
            if c is not None:
                c.start, c.end = m.start() + st, m.start() + st + c.end
                out.append(c)
                break
    if prose:
        out.sort(key=lambda c: c.start)
    _first_listed_leads(text, out)
    return out


# a document's note that the first agency of each list leads (列第一位者为牵头单位 and the like)
FIRST_LEADS = re.compile(r"(?:列|排)(?:在)?第一位(?:的|者)?(?:单位|部门)?为牵头(?:单位|部门)")


def _first_listed_leads(text: str, clauses: list[Clause]) -> None:
    """After a 列第一位者为牵头单位 note (its own clause and every later one), the first agency
    of a clause without a lead leads; the others keep their role."""
    note = FIRST_LEADS.search(text)
    if note is None:
        return
    for c in clauses:
        if c.end > note.start() and not c.lead and c.shared:
            c.lead, c.shared = c.shared[:1], c.shared[1:]


def _names(items: list[AgencyMatch]) -> tuple[str, ...]:
    return tuple(a.canonical or a.name for a in items)


def summary(c: Clause | None) -> tuple | None:
    """(lead, participants, shared, all_departments) canonical names; for tests."""
    if c is None:
        return None
    return (_names(c.lead), _names(c.participants), _names(c.shared), c.all_departments)


_NDRC, _MIIT, _MEE = "国家发展和改革委员会", "工业和信息化部", "生态环境部"

# prose sentences: (sentence, summary or None); parsed with prose=True
PROSE_EXAMPLES: list[tuple[str, tuple | None]] = [
    ("由工业和信息化部、国家发展改革委牵头，生态环境部、应急管理部按职责分工负责。",
     ((_MIIT, _NDRC), (), (_MEE, "应急管理部"), False)),
    ("国家矿山安监局负责，应急管理部配合，开展铜矿山安全生产专项整治。",
     (("国家矿山安全监察局",), ("应急管理部",), (), False)),
    ("各地区、各有关部门要按照职责分工，抓好本方案落实。", ((), (), (), True)),
    ("牵头单位：工业和信息化部；配合单位：国家发展改革委、商务部", ((_MIIT,), (_NDRC, "商务部"), (), False)),
    ("责任单位：水利部、自然资源部", ((), (), ("水利部", "自然资源部"), False)),
    ("自然资源部会同生态环境部负责本地区指标执行情况的监督检查。", (("自然资源部",), (_MEE,), (), False)),
    ("生态环境部、自然资源部按职责分工负责。", ((), (), (_MEE, "自然资源部"), False)),
    ("五、交通运输部、工业和信息化部按职责分工负责名单的审核和公布。", ((), (), ("交通运输部", _MIIT), False)),
    ("研究制定财税支持政策，由国家能源局牵头，财政部、税务总局参与。",
     (("国家能源局",), ("财政部", "国家税务总局"), (), False)),
    ("国家矿山安全监察局湖南局、生态环境部依职责负责。", ((), (), ("国家矿山安全监察局湖南局", _MEE), False)),
    ("各市州人民政府和省直有关部门要按照职责分工，细化工作措施。", ((), (), (), True)),
    ("四、各州、市人民政府负责，省直有关部门配合，保障重点项目用地。",
     (("各州、市人民政府",), ("省直有关部门",), (), False)),
    ("三、商务部会同昆明海关加强镓锗物项出口许可管理。", (("商务部",), ("昆明海关",), (), False)),
    ("三、严格出口管理。商务部会同昆明海关加强镓锗物项出口许可管理。", (("商务部",), ("昆明海关",), (), False)),
    # X负责<task>，Y予以支持 / 配合: X leads, Y takes part
    ("四、各盟行政公署、市人民政府负责落实项目用地、用能，自然资源部、国家能源局予以支持。",
     (("各盟行政公署、市人民政府",), ("自然资源部", "国家能源局"), (), False)),
    ("商务部负责出口许可管理，加强事中事后监管，海关总署配合。", (("商务部",), ("海关总署",), (), False)),
    ("各乡镇人民政府负责，县直有关部门配合，保障项目用地。",
     (("各乡镇人民政府",), ("县直有关部门",), (), False)),
    ("三、财政部落实资金保障。", None),  # 落实 is a role word only in brackets
    ("三、国家发展改革委指导各地区开展项目遴选。", None),  # so is 指导
    # 负责牵头 leads; 负责人 / 负责同志 are the agency's officials, no role
    ("国家能源局负责牵头组织产能核查。", (("国家能源局",), (), (), False)),
    ("（国家能源局负责牵头，财政部配合）", (("国家能源局",), ("财政部",), (), False)),
    ("国家能源局负责同志介绍了今年的工作安排。", None),
    ("财政部负责人表示，将加大资金支持。", None),
    # the later part must close with its role word and name an agency
    ("商务部负责出口许可管理，海关总署配合做好查验工作。", ((), (), ("商务部",), False)),
    ("财政部负责资金保障，企业予以支持。", ((), (), ("财政部",), False)),
    ("各设区市工业和信息化局会同自然资源局负责本地区指标执行情况的监督检查。",
     (("各设区市工业和信息化局",), ("自然资源局",), (), False)),
    ("二、请各省级发展改革委会同工业和信息化主管部门组织推荐。",
     (("各省级发展改革委",), ("工业和信息化主管部门",), (), False)),
    # not clauses
    ("国家能源局会同各方起草了工作要点。", None),
    ("自然资源部作为深海勘查试点工程的主管单位。", None),
    ("本办法由财政部负责解释。", None),
    ("具体办法另行制定，由财政部负责解释。", None),
    ("各产粮省份农业主管部门要会同有关部门，做好统筹安排。", None),
    ("其他部门按照职责分工做好钨品出口管理工作。", None),
    ("国务院商务主管部门负责稀土产品出口许可工作。", None),
    ("国家能源局会同相关单位，持续完善联席会议制度。", None),
    ("本办法由财政部负责解释，有关部门予以配合。", None),
]

# (clause, (lead, participants, shared, all_departments) canonical names, or None)
EXAMPLES: list[tuple[str, tuple | None]] = [
    ("（工业和信息化部、国家发展改革委牵头，生态环境部参加）", ((_MIIT, _NDRC), (_MEE,), (), False)),
    ("（工业和信息化部牵头，生态环境部、市场监管总局参加）",
     ((_MIIT,), (_MEE, "国家市场监督管理总局"), (), False)),
    ("（工业和信息化部牵头，生态环境部、市场监管总局配合）",
     ((_MIIT,), (_MEE, "国家市场监督管理总局"), (), False)),
    ("（工业和信息化部、国家发展改革委牵头，自\n然资源部、应急管理部、国务院国资委、国家矿山安监局参加)",
     ((_MIIT, _NDRC), ("自然资源部", "应急管理部", "国务院国有资产监督管理委员会", "国家矿山安全监察局"), (), False)),
    ("（自然资源部、国家发展改革委按职责分工负责）", ((), (), ("自然资源部", _NDRC), False)),
    ("(国家发展改革委、商务部按职责分工负责)", ((), (), (_NDRC, "商务部"), False)),
    ("（自然资源部、生态环境部按照职责分工负责）", ((), (), ("自然资源部", _MEE), False)),
    ("（由自然资源部牵头，有关部门参加）", (("自然资源部",), ("有关部门",), (), False)),
    ("（牵头单位：自然资源部；参与单位：工业和信息化部、财政部）", (("自然资源部",), (_MIIT, "财政部"), (), False)),
    ("（由工业和信息化部牵头）", ((_MIIT,), (), (), False)),
    ("（自然资源部会同生态环境部负责）", (("自然资源部",), (_MEE,), (), False)),
    ("（自然资源部会同生态环境部）", (("自然资源部",), (_MEE,), (), False)),
    ("（商务部负责，海关总署配合）", (("商务部",), ("海关总署",), (), False)),
    ("（商务部负责）", ((), (), ("商务部",), False)),
    ("（商务部按职责分工负责，海关总署配合）", ((), ("海关总署",), ("商务部",), False)),
    ("（工业和信息化部等部门按职责分工负责）", ((), (), (_MIIT,), False)),
    ("（各部门按职责分工负责）", ((), (), (), True)),
    ("(国务院各部门分别负责,年内持续推进)", ((), (), (), True)),
    ("（工业和信息化部牵头，各有关部门按职责分工负责）", ((_MIIT,), (), (), True)),
    ("（生态环境部、商务部、工业和信息化部、海关总署、中国证监会、市场监管总局、国家发展改革委按职责分工负责）",
     ((), (), (_MEE, "商务部", _MIIT, "海关总署", "中国证券监督管理委员会", "国家市场监督管理总局", _NDRC), False)),
    ("（自 然 资 源 部牵头）", (("自然资源部",), (), (), False)),
    ("（工业和信息化部牵头、生态环境部参加）", ((_MIIT,), (_MEE,), (), False)),
    ("（国家能源局、国家发展改革委牵头，各省级人民政府负责）", (("国家能源局", _NDRC), (), (), False)),
    ("（自然资源部牵头，地方各级人民政府、有关中央企业按职责分工负责）", (("自然资源部",), (), (), False)),
    ("（山西省自然资源厅牵头，太原市人民政府配合）",
     (("山西省自然资源厅",), ("太原市人民政府",), (), False)),
    ("（责任单位：自然资源部；配合单位：生态环境部、商务部）",
     (("自然资源部",), (_MEE, "商务部"), (), False)),
    ("（责任单位：自然资源部、生态环境部）", ((), (), ("自然资源部", _MEE), False)),
    ("（商务部负责，海关总署予以配合）", (("商务部",), ("海关总署",), (), False)),
    ("（自然资源部牵头，国家发展改革委给予支持）", (("自然资源部",), (_NDRC,), (), False)),
    ("（国家能源局牵头，各乡镇人民政府配合）", (("国家能源局",), ("各乡镇人民政府",), (), False)),
    ("（各盟行政公署、市人民政府负责，自然资源部予以支持）",
     (("各盟行政公署、市人民政府",), ("自然资源部",), (), False)),
    # square brackets, and a 牵头 marker after one agency of a list: it leads, the rest share
    ("【责任单位：自然资源部、生态环境部】", ((), (), ("自然资源部", _MEE), False)),
    ("（责任单位：工业和信息化部（牵头）、财政部、国家发展改革委）", ((_MIIT,), (), ("财政部", _NDRC), False)),
    ("（工业和信息化部（牵头）、商务部、海关总署）", ((_MIIT,), (), ("商务部", "海关总署"), False)),
    ("（牵头单位：商务部；责任单位：海关总署（牵头）、财政部）", (("商务部", "海关总署"), (), ("财政部",), False)),
    ("【自然资源部牵头，财政部参加】", (("自然资源部",), ("财政部",), (), False)),
    # 落实 (carry out) takes part inside brackets; in prose it opens the task text
    ("（自然资源部牵头，各省级自然资源主管部门落实）", (("自然资源部",), ("各省级自然资源主管部门",), (), False)),
    ("（商务部牵头，海关总署组织落实）", (("商务部",), ("海关总署",), (), False)),
    # 落实 after a lead or a shared part: the governments that carry it out take part
    ("（商务部牵头，各地区人民政府落实）", (("商务部",), ("各地区人民政府",), (), False)),
    ("（商务部、海关总署按职责分工负责，各地区人民政府落实）",
     ((), ("各地区人民政府",), ("商务部", "海关总署"), False)),
    ("（财政部牵头，商务部按职责分工负责，各设区市人民政府落实）",
     (("财政部",), ("各设区市人民政府",), ("商务部",), False)),
    # 指导 (guide) takes part, like 在X指导下 in laws; the 负责 agency then leads (as X负责，Y配合)
    ("（商务部、国家发展改革委指导，财政部负责）", (("财政部",), ("商务部", _NDRC), (), False)),
    ("（财政部牵头，商务部指导）", (("财政部",), ("商务部",), (), False)),
    ("（国家发展改革委指导，财政部、商务部按职责分工负责）", ((), (_NDRC,), ("财政部", "商务部"), False)),
    # near-misses
    ("（抓好落实）", None),
    ("（牵头）", None),
    ("【自然资源部】", None),
    ("（给予支持）", None),
    ("（各街道办事处按职责分工负责）", None),
    ("（尾矿库治理牵头部门）", None),
    ("（自然资源部）", None),
    ("（以下简称鄂东区域）", None),
    ("（2025—2027年）", None),
    ("（国能发科技〔2024〕18号）", None),
    ("（有关部门按职责分工负责）", None),
    ("（生态环境部负责解释）", None),
    ("（自然资源部牵头部门）", None),
    ("（或工程竣工结算）", None),
]
