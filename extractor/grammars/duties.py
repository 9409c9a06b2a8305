"""Grammar of duties in laws and regulations: which organ an article makes act.

A law assigns duties in prose, article by article (第五条 国务院能源主管部门负责…的统一
监管). The annotation rule (corpora/README.md, "laws as annotated") is syntactic: an organ
gets a duty when it is the SUBJECT or the 由-AGENT of an act, powers (可以/有权) and penalty
clauses (由X责令改正) included. This grammar reads organ MENTIONS (gazetteer agencies and
`grammars/organs` names; it never looks for organs itself) and decides their roles:

- groups: mentions joined by 、 和 及 及其 以及 与 或者 act together (co-subjects are each lead);
- a group that opens a clause (after 。；： ， or an item label, optionally after 并/同时) is a
  subject; a group right after 由 (并由, 应当由) is an agent; both are `lead`, or `shared` when
  the group is followed by 按照职责分工 / 在各自的职责范围内 / 按照各自的职责 / 共同 / 分别, or
  when generic 有关 organs do the part that concerns them (有关部门…履行相关的职能);
- a group after 会同 / 商 (X会同Y…), in 在Y(的)指导下, or a subject whose whole predicate is
  配合 / 参与 / 予以协助 (X负责，Y配合), is a `participant` of a sentence that has a lead;
- no role: an organ inside a modifier or a condition. A subject whose clause goes on to a
  short verb and 的 (国务院地质矿产主管部门规定填写的其他表格, X批准的, X认定…的) modifies a noun;
  a subject inside a condition (X有下列情形之一的，对…给予处分) acts only when the clause
  after the condition opens with a modal (X发现…的，应当…); an agent in a clause that ends
  with 的 (对应当由X核查的，…) is in a condition; an organ after 经 / 报 / 向 / 提请 / 接受 / 按照
  is no subject at all (经X批准, 报X备案, 向X申请: the grammar only gives roles to subjects,
  agents and partners); an organ followed by its staff (登记管理机关工作人员收受财物,
  X及其工作人员, X从事…工作的人员) is none, nor is a group that opens a topic whose act has
  another agent (X的预案的制定，由Z决定);
- one organ: a part written after its organ (X设在…的Y, X中级别高的Y, X的派出机构).

`find_duties(text, articles, mentions)` returns one `Duty` per article that assigns one,
with every organ in its role; `parse_duties(text)` runs it on a text with its own mentions
(`extractor.agencies` + `grammars/organs`), for the EXAMPLES table and tests.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple

from extractor.grammars.organs import dependents


class Mention(NamedTuple):
    start: int
    end: int
    name: str  # as written, without line breaks
    canonical: str | None  # None: a generic or functional organ


class Article(NamedTuple):
    number: str  # 五 for 第五条
    start: int
    end: int


@dataclass
class Duty:
    task: str
    start: int  # evidence: the first clause that assigns a duty
    end: int
    lead: list[Mention] = field(default_factory=list)
    participants: list[Mention] = field(default_factory=list)
    shared: list[Mention] = field(default_factory=list)


SENTENCE_END = "。；;！？\n：:"
CLAUSE_END = "，,"
JOINERS = frozenset({"、", "和", "及", "及其", "以及", "与", "或者", "或", ",", "，"} - {",", "，"})
LABEL = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+条)?\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]"
    r"|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d))?\s*"
)
# a directive in a policy task: X要…, X牵头, X发挥牵头作用, X负责…, X会同Y…, X按照职责分工…
DIRECTIVE_RIGHT = re.compile(
    r"^(?:要|应当|须|需)?(?:牵头|发挥牵头作用|负责(?!人|同志)|会同|按照职责分工|按职责分工|在各自职责范围内)"
    r"|^(?:要|应当|须)(?![^，。；]*的[，,])|^在[^，。；]{1,30}?指导下"
)
# a place before the organ only locates it: 矿业权所在地的X, 由所在地X, 由所涉及行政区域的X;
# never after a verb that makes the organ its object (通知…所在地的X, 抄送当地X)
OBJECT_VERB = r"(?:通知|告知|抄告|抄送|送交|移交|提交|交由|函告|征求|商请)"
LOCATIVE = rf"(?:(?!{OBJECT_VERB})[^，。；由经报向对将]{{0,10}}?(?:所在地|所涉及行政区域|当地)的?)"
SUBJECT_LEFT = re.compile(rf"(?:并|同时|但是|另外|其中|也|对此)?{LOCATIVE}?")
AGENT_LEFT = re.compile(rf"(?<!理)由(?:{LOCATIVE}|[^，。；由]{{0,20}}的)?$")  # 由X, 由Y授权的X
PARTNER_LEFT = re.compile(r"(?:会同|经商|商)$")
GUIDE_RIGHT = re.compile(r"^的?指导下")
PARTNER_RIGHT = re.compile(r"^(?:应当|要)?(?:予以|积极|给予)?(?:配合|参与|参加|协助|支持)(?:[，,。；;]|$)")
SHARED_RIGHT = re.compile(
    r"^(?:要|应当)?(?:依法)?(?:(?:按照|依照|依据|按|依)(?:各自的?)?职责(?:分工)?(?!权限)|在各自的?职责范围内|共同|分别)"
)
# the departments concerned doing the part that concerns them: 有关部门依照…，履行相关的监管职能
# (as 在各自职责范围内负责有关的工作) share the duty
REMIT_RIGHT = re.compile(r"^[^。；;]*?(?:履行|负责)(?:相关|有关)的?")
MODAL = re.compile(r"^(?:应当|应|可以|必须|须|不得|有权|要|负责|责令)")
MODAL_ANY = re.compile(r"应当|可以|必须|不得|有权|负责")
CONDITION_END = re.compile(r"的[，,：:]")
# the group modifies the noun after it: 由X委托的省级人民政府…
# (由X颁发的出口许可证件, X要求提交的其他资料)
MODIFIES = re.compile(
    r"^(?:依法)?(?:规定|批准|授权|指定|认定|确定|委托|颁发|核发|出具|作出|制定|发布|下达|审批|审定|同意"
    r"|公布|要求)[\u4e00-\u9fff]{0,2}的|^[^，。；]{0,10}的其他"
)
# the organ's staff, not the organ: X工作人员, X及其工作人员, X(及其)从事…工作的人员
STAFF = re.compile(
    r"^(?:的|所属)|^(?:及其)?(?:(?:从事|负责)[^，。；的]{1,10}工作的)?(?:工作人员|人员|负责人|主要负责人|负责同志)"
)
# a subject whose clause reaches a short verb and 的 modifies a noun: X规定的, X批准的
MODIFIER_VERB = re.compile(
    r"^(?:依法)?(?:未|不)?(?:规定|批准|授权|指定|认定|确定|制定|下达|公布|发布|颁发|审批|审查|核定|"
    r"列举|组织|同意)[\u4e00-\u9fff]{0,6}$"
)
# the group opens a topic whose act has another agent: X、Y的预案的制定，由Z决定
# (a nominal clause: …的<noun>, no modal or directive before the comma)
TOPIC = re.compile(
    rf"^(?:(?!{MODAL_ANY.pattern}|要|须|牵头|会同)[^，,])*的[^，,的]{{1,6}}[，,](?:应当|并)?由"
)
MASK = "□"
# items of a list that are no mention (扶贫办 in 发展改革委、扶贫办、商务部) keep the list one group
_JOIN = r"(?:、|和|及其|及|以及|与|或者)"
LIST_GAP = re.compile(rf"{_JOIN}(?:(?:(?!要|应当|负责|会同|由|的)[\u4e00-\u9fff]){{1,8}}{_JOIN}){{1,3}}")
ETC = re.compile(r"^等(?:[一二三四五六七八九十\d]+个)?(?:有关)?(?:部门|单位)?")  # X、Y等部门要…


def _part_of(text: str, prev: Mention, m: Mention) -> bool:
    """Does organ `m` name a part of organ `prev` written just before it? 设在 (X设在各省的Y),
    the partitive 中 (X中级别高的Y), or a dependent organ after 的 (X的派出机构)."""
    between = text[prev.end : m.start]
    if between == "":
        return text.startswith("设在", m.start) or (m.canonical is None and m.name.startswith("中"))
    return m.canonical is None and (between == "中" or (between == "的" and m.name in dependents()))


def merge_mentions(mentions: Iterable[Mention], text: str | None = None) -> list[Mention]:
    """Left to right; of overlapping mentions the longest wins (国务院财政部门 over 国务院).
    With `text`, an organ written right after another names a part of it and the two are
    one organ (国家煤矿安全监察机构设在省、自治区、直辖市的煤矿安全监察机构,
    发证机关中级别高的机关, 国务院X主管部门的派出机构: `_part_of`)."""
    ms = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    named = [m.start for m in ms if m.canonical]
    # a generic organ over a list of named agencies (发展改革委、商务部、财政部等部门) is the list
    listed = {
        id(m) for m in ms if m.canonical is None
        and bisect_left(named, m.end) - bisect_left(named, m.start) >= 2
    }
    out: list[Mention] = []
    for m in ms:
        if id(m) in listed or (out and m.start < out[-1].end):
            continue
        if text is not None and out and _part_of(text, out[-1], m):
            p = out.pop()
            m = Mention(p.start, m.end, p.name + text[p.end : m.start] + m.name, None)
        out.append(m)
    return out


def _groups(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    groups: list[list[Mention]] = []
    for m in mentions:
        if groups:
            between = text[groups[-1][-1].end : m.start]
            if (between.strip() in JOINERS or LIST_GAP.fullmatch(between)) and not any(
                    c in SENTENCE_END for c in between):
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


def _bounds(text: str, i: int, lo: int, hi: int, stops: str) -> tuple[int, int]:
    s = i
    while s > lo and text[s - 1] not in stops:
        s -= 1
    e = i
    while e < hi and text[e] not in stops:
        e += 1
    return s, e


def _subject_acts(masked: str, g_end: int, s_end: int) -> bool:
    """Does a clause-opening group act, or is it inside a modifier or a condition?"""
    right = masked[g_end:s_end]
    if STAFF.match(right) or MODIFIES.match(right) or TOPIC.match(right):
        return False
    cond, modal = CONDITION_END.search(right), MODAL_ANY.search(right)
    if cond and (modal is None or cond.start() < modal.start()):
        # X有下列情形之一的，对…给予处分 / X发现…的，应当… / X…要求…进行生产的；
        return bool(MODAL.match(right[cond.end() :].lstrip()))
    if right.rstrip().endswith(("的", "的除外")):
        return False  # …的； / X规定可以…的除外 (an exception, not an act)
    k = right.find("的")
    if k < 0:
        return True
    after = right[k + 1 :]
    if after[:1] in "，,":
        return bool(MODAL.match(after[1:].lstrip()))
    seg = re.sub(r"(?:会同|和|、|及)?□+", "", right[:k])
    return not MODIFIER_VERB.match(seg)


def find_duties(
    text: str, articles: Iterable[Article], mentions: Iterable[Mention], *,
    directive: bool = False, skip: Iterable[tuple[int, int]] = (),
) -> list[Duty]:
    """One Duty per article that assigns a duty to an organ (see the module doc).

    `directive=True` is the reading of a task in a policy document (the `articles` are
    then its task headings): an organ acts only as the subject that OPENS a sentence
    (or 由X) followed by a directive (X要…, X牵头, X发挥牵头作用, X负责…, X会同Y…), not as
    the subject of any clause; mentions inside `skip` spans (the clauses another grammar
    read) and inside brackets are left alone."""
    ms = merge_mentions(mentions, text)
    skipped = sorted(skip)
    if directive:
        ms = [m for m in ms if not _covered(skipped, m.start) and not _in_brackets(text, m.start)]
    masked = list(text)
    for m in ms:
        masked[m.start : m.end] = MASK * (m.end - m.start)
    mtext = "".join(masked)
    starts = [m.start for m in ms]
    out: list[Duty] = []
    for art in articles:
        lo, hi = bisect_left(starts, art.start), bisect_left(starts, art.end)
        inside = [m for m in ms[lo:hi] if m.end <= art.end]
        duty = Duty(art.number, 0, 0)
        lead_sentences: set[int] = set()
        found: list[tuple[str, list[Mention], int, int]] = []
        for g in _groups(text, inside):
            g_start, g_end = g[0].start, g[-1].end
            s_start, s_end = _bounds(text, g_start, art.start, art.end, SENTENCE_END)
            c_start, c_end = _bounds(text, g_start, s_start, s_end, SENTENCE_END + CLAUSE_END)
            if text[s_end : s_end + 1] in ("\n", "") and not any(
                ch in "，,。" for ch in text[s_start:s_end]
            ):
                continue  # a heading or a table line, not a clause
            left = LABEL.sub("", text[c_start:g_start].strip()).strip()
            right = ETC.sub("", text[g_end:s_end].lstrip())
            role = None
            if directive and not PARTNER_LEFT.search(left) and not left.endswith("在") and not (
                    not left and PARTNER_RIGHT.match(right)):  # …，Y配合，
                if not (DIRECTIVE_RIGHT.match(right) and (
                        (not left and not LABEL.sub("", text[s_start:g_start].strip()))
                        or left in ("由", "请由"))):
                    continue
            if SUBJECT_LEFT.fullmatch(left):
                if _subject_acts(mtext, g_end, s_end):
                    role = "lead"
            elif AGENT_LEFT.search(left):
                _, ce = _bounds(text, g_end, s_start, s_end, SENTENCE_END + CLAUSE_END)
                if not text[g_end:ce].rstrip().endswith("的") and not MODIFIES.match(right):
                    role = "lead"
            elif PARTNER_LEFT.search(left) or (left.endswith("在") and GUIDE_RIGHT.match(right)):
                role = "participants"
            if role == "lead" and (SHARED_RIGHT.match(right) or (
                    REMIT_RIGHT.match(right) and all(m.canonical is None and "有关" in m.name for m in g))):
                role = "shared"
            elif role == "lead" and PARTNER_RIGHT.match(right):
                role = "participants"  # X负责，Y配合 / Y予以协助
            if role in ("lead", "shared"):
                lead_sentences.add(s_start)
            if role:
                found.append((role, g, s_start, s_end))
        for role, g, s_start, s_end in found:
            if role == "participants" and s_start not in lead_sentences:
                continue
            have = {m.canonical or m.name for m in getattr(duty, role)}
            getattr(duty, role).extend(m for m in g if (m.canonical or m.name) not in have)
            if not duty.end:
                duty.start, duty.end = g[0].start, s_end
        if duty.lead or duty.shared:
            out.append(duty)
    return out


def _covered(spans: list[tuple[int, int]], i: int) -> bool:
    k = bisect_left(spans, (i + 1,)) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


def _in_brackets(text: str, i: int) -> bool:
    """Is `i` inside an open （…） of its line?"""
    ls = text.rfind("\n", 0, i) + 1
    seg = text[ls:i]
    return seg.count("（") + seg.count("(") > seg.count("）") + seg.count(")")


ARTICLE_RE = re.compile(r"第(?P<num>[一二三四五六七八九十百零〇\d]+)条")


def own_mentions(text: str) -> list[Mention]:
    """The mentions the pipeline's mention layer would give (gazetteer agencies and
    generic / functional organs), found here for EXAMPLES and tests."""
    from extractor.agencies import find_agencies
    from extractor.grammars.organs import find_organs

    out = [Mention(a.start, a.end, a.surface, a.canonical or None) for a in find_agencies(text)]
    return out + [Mention(o.start, o.end, o.name, None) for o in find_organs(text)]


def parse_duties(text: str) -> list[Duty]:
    """`find_duties` on `text` with its own mentions; articles are 第X条 headings, or the
    whole text as article "" when there is none (for EXAMPLES and tests)."""
    heads = list(ARTICLE_RE.finditer(text))
    if heads:
        articles = [Article(h.group("num"), h.start(), heads[i + 1].start() if i + 1 < len(heads)
                            else len(text)) for i, h in enumerate(heads)]
    else:
        articles = [Article("", 0, len(text))]
    return find_duties(text, articles, own_mentions(text))


def parse_directives(text: str) -> list[Duty]:
    """`find_duties(directive=True)` on `text` as one policy task (for DIRECTIVE_EXAMPLES)."""
    return find_duties(text, [Article("", 0, len(text))], own_mentions(text), directive=True)


def summary(duties: list[Duty]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(lead, participants, shared) names over all duties; for tests."""
    def names(role: str) -> tuple[str, ...]:
        return tuple(m.canonical or m.name for d in duties for m in getattr(d, role))
    return names("lead"), names("participants"), names("shared")


# (article text, (lead, participants, shared)); names are canonical for gazetteer agencies
EXAMPLES: list[tuple[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]] = [
    # subjects
    ("县级以上人民政府应当统一安排本行政区域内矿渣堆场的巡查。", (("县级以上人民政府",), (), ())),
    ("国务院能源主管部门负责油气管网公平开放的统一监管。", (("国务院能源主管部门",), (), ())),
    ("县级以上人民政府及其有关部门要制止未取得许可的采石场继续开工。",
     (("县级以上人民政府", "有关部门"), (), ())),
    ("乡镇人民政府在本辖区查到无证开采砂石的，应当立即予以制止。", (("乡镇人民政府",), (), ())),
    ("省、自治区、直辖市人民政府可以按本地情况另订实施办法。", (("省、自治区、直辖市人民政府",), (), ())),
    # agents, penalty clauses
    ("开采以下矿产，由国务院自然资源主管部门核准，颁发开采许可证：", (("国务院自然资源主管部门",), (), ())),
    ("资源税由税务机关征收。", (("税务机关",), (), ())),
    ("未按期报送资料的，由登记管理机关责令补报；逾期仍不补报的，由原发证机关吊销其采矿许可证。",
     (("登记管理机关", "原发证机关"), (), ())),
    ("本细则由地质矿产部负责释义。", (("地质矿产部",), (), ())),
    ("采场当地的县级人民政府自然资源主管部门应当每季度公布开采单位名单。",
     (("县级人民政府自然资源主管部门",), (), ())),
    ("废弃尾矿库的管理单位不明时，由尾矿库当地的县级以上地方人民政府负责组织闭库。",
     (("县级以上地方人民政府",), (), ())),
    ("公民可以向有关部门举报违法排污，接到举报的部门应当在五日内答复。", (("接到举报的部门",), (), ())),
    # partners
    ("实施细则由财政部会同海关总署另行规定。", (("财政部",), ("海关总署",), ())),
    ("补贴标准由财政部商国务院其他有关部门测算。", (("财政部",), ("国务院其他有关部门",), ())),
    ("国家矿山安全监察机构每年在国务院应急管理部门指导下组织编写非煤矿山检查手册。",
     (("国家矿山安全监察机构",), ("国务院应急管理部门",), ())),
    ("国务院和县级以上地方各级人民政府管理机关事务工作的机构每年会同同级有关部门检查公共建筑节能。",
     (("国务院和县级以上地方各级人民政府管理机关事务工作的机构",), ("同级有关部门",), ())),
    ("商务部负责出口许可管理，海关总署配合。", (("商务部",), ("海关总署",), ())),
    ("县级以上地方人民政府应当协助并接受煤矿安全监察机构的年度抽查。", (("县级以上地方人民政府",), (), ())),
    # shared
    ("国务院有关部门要在各自的职责范围内做好稀土收储的协调。", ((), (), ("国务院有关部门",))),
    ("国务院有关部门根据本条例的授权，履行相关的统计职能。", ((), (), ("国务院有关部门",))),
    ("县级以上人民政府其他有关部门负责有关的节能监督工作。", ((), (), ("县级以上人民政府其他有关部门",))),
    ("国务院能源主管部门依照本法履行相关的监管职能。", (("国务院能源主管部门",), (), ())),  # a named organ leads
    ("收费标准的修订，由国务院价格主管部门和国务院自然资源主管部门共同提出，报国务院核定。",
     ((), (), ("国务院价格主管部门", "国务院自然资源主管部门"))),
    # co-subjects and X及其Y
    ("发展改革委、商务部、财政部等部门要加强统筹协调。",
     (("国家发展和改革委员会", "商务部", "财政部"), (), ())),
    ("国家矿山安全监察机构及其设在地方的矿山安全监察机构应当定期抽查尾矿库。",
     (("国家矿山安全监察机构", "设在地方的矿山安全监察机构"), (), ())),
    # no duty: approvals, filings, applications, modifiers, conditions, staff
    ("经县级人民政府地质矿产主管部门和同级财政部门同意，可以缓交采矿权价款。", ((), (), ())),
    ("储量核实报告报登记管理机关备案。", ((), (), ())),
    ("探矿权人应当向登记管理机关报告勘查进度。", ((), (), ())),
    ("（三）国务院地质矿产主管部门规定填写的其他表格。", ((), (), ())),
    ("国务院财政部门和国务院地质矿产主管部门确定的其他缓缴情形。", ((), (), ())),
    ("登记管理机关工作人员玩忽职守、收受财物的，依法给予处分。", ((), (), ())),
    ("县级以上人民政府有关部门未按期公布检查结果的，对主要负责人予以通报：",
     ((), (), ())),
    ("对应当由其他有关部门核查的，移送其他有关部门办理。", ((), (), ())),
    ("公共机构应当建立节水台账。", ((), (), ())),
    ("煤矿企业安全生产管理部门应当建立安全设备台账。", ((), (), ())),
    ("进口企业应当向海关提交由国务院商务主管部门核发的配额证明。", ((), (), ())),
    ("（五）审批管理机关要求补充的其他说明。", ((), (), ())),
    ("一个勘查区块只发一个探矿权证，国务院和国务院自然资源主管部门另行批准分块发证的除外。", ((), (), ())),
    ("国务院地质矿产主管部门发证矿种名录\n1 铜矿", ((), (), ())),  # a heading, not a clause
    # an agent after a modifier of its own: 由<place>的X, 由<organ>授权的X
    ("滞纳金由采场当地的县级人民政府负责地质矿产管理工作的部门统一收缴。",
     (("县级人民政府负责地质矿产管理工作的部门",), (), ())),
    ("复垦保证金由国务院地质矿产主管部门委托的省级人民政府地质矿产主管部门统一征收。",
     (("省级人民政府地质矿产主管部门",), (), ())),
    # a condition before the act: the subject acts when the next clause opens with a modal
    ("负责核发前款所列证照的部门，一旦发现矿山无证开采的，应当责令该矿山立即停止作业。",
     (("负责核发前款所列证照的部门",), (), ())),
    ("国务院能源主管部门和其他有关部门未依法公开监管信息的，由本级人民政府督促整改。",
     (("本级人民政府",), (), ())),
    ("国家煤矿安全监察机构设在省、自治区、直辖市的煤矿安全监察机构，对所辖区域的违法行为负有查处的职责。",
     (("国家煤矿安全监察机构设在省、自治区、直辖市的煤矿安全监察机构",), (), ())),
    ("矿山企业可以提请县级以上地方人民政府协调解决。", ((), (), ())),
    # the organ's staff is not the organ: X(及其)从事…工作的人员, X及其工作人员
    ("监管机构从事稽查工作的人员应当依法回避。", ((), (), ())),
    ("监管机构及其从事稽查工作的人员依法开展检查，被查单位予以配合。", ((), (), ())),
    ("国务院能源主管部门和其他部门及其工作人员不得泄露企业报送的经营数据。", ((), (), ())),
    # a topic whose act has another agent: X的Y的编制，由Z决定
    ("县级人民政府储备方案的编制，由省级人民政府统一部署。", (("省级人民政府",), (), ())),
    ("国务院能源主管部门根据需要，由派出机构实施检查。", (("国务院能源主管部门", "派出机构"), (), ())),
    # a part of an organ is one organ: X的派出机构, X中级别高的Y
    ("国务院能源主管部门的派出机构在授权范围内负责辖区的监管。",
     (("国务院能源主管部门的派出机构",), (), ())),
    ("国务院能源主管部门经国务院同意，可以在重点区域设置派出机构。", (("国务院能源主管部门",), (), ())),
    ("双方协商不成的，由受理的机关中级别高的机关裁决。", (("受理的机关中级别高的机关",), (), ())),
    # 有关 before a level of government: the governments concerned
    ("发生供应中断时，有关人民政府应当启动应急响应。", (("有关人民政府",), (), ())),
    ("国务院能源主管部门会同有关省、自治区、直辖市人民政府编制区域规划。",
     (("国务院能源主管部门",), ("有关省、自治区、直辖市人民政府",), ())),
    ("登记管理机关可以吊销许可证，并通知工商行政管理部门。", (("登记管理机关",), (), ())),  # 工商 is no 商
    # an organ told of something is no subject, even with a locative before it
    ("登记管理机关应当将审批意见通知勘查区块所在地的县级人民政府地质矿产主管部门。", (("登记管理机关",), (), ())),
]

# a task of a policy document read with directive=True: (task text, (lead, participants, shared))
DIRECTIVE_EXAMPLES: list[tuple[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]] = [
    ("5. 加强资源勘查。自然资源部要加强战略性矿产资源勘查，提高保障能力。", (("自然资源部",), (), ())),
    ("6. 加强勘查。自然资源部要加强勘查，由财政部给予资金支持。", (("自然资源部",), (), ())),
    ("11. 统筹协调。发展改革委、扶贫办、商务部等部门要加强统筹协调。",
     (("国家发展和改革委员会", "商务部"), (), ())),
    ("9. 统筹协调。发展改革委、商务部、财政部等部门要加强统筹协调。",
     (("国家发展和改革委员会", "商务部", "财政部"), (), ())),
    ("10. 加强领导。各地区、各部门要提高认识。", ((), (), ())),  # every department: not one organ
    ("（三）推进绿色开采。国家能源局发挥牵头作用，会同生态环境部制定绿色矿山标准。",
     (("国家能源局",), ("生态环境部",), ())),
    ("（四）完善储备体系。由国家粮食和物资储备局负责，财政部配合，完善储备轮换机制。",
     (("国家粮食和物资储备局",), ("财政部",), ())),
    ("6. 强化监管。工业和信息化部会同市场监管总局开展专项检查。",
     (("工业和信息化部",), ("国家市场监督管理总局",), ())),
    ("7. 规范秩序。国家矿山安监局在应急管理部指导下，组织开展专项整治。",
     (("国家矿山安全监察局",), ("应急管理部",), ())),
    ("8. 加强协同。生态环境部、自然资源部要在各自职责范围内加强监管。", ((), (), ("生态环境部", "自然资源部"))),
    # not directives: narration, organs that do not open the sentence, conditions
    ("2. 进展情况。国家能源局去年印发了行动方案。", ((), (), ())),
    ("5. 加强调度。国家能源局负责同志定期听取汇报。", ((), (), ())),  # an official, not the organ
    ("3. 加强督导。督促企业向自然资源部报送数据。", ((), (), ())),
    ("4. 完善机制。对符合条件的项目，商务部要予以支持的，按规定办理。", ((), (), ())),
]
