"""Agency gazetteer and matcher: `find_agencies(text)`.

Stable API (also used outside the agencies component, e.g. policy events):

    find_agencies(text) -> list[AgencyMatch]

returns every agency mention in `text`, left to right, longest match first and
non-overlapping. Each `AgencyMatch` has `start`/`end` (code-point offsets into
`text`, so `text[start:end] == surface`), `surface` (exactly as written,
whitespace included), `name` (the surface without whitespace), `canonical`
(full name from `data/agencies.tsv`, without the 中华人民共和国 prefix) and
`level` (central | provincial | municipal | county).

What is recognised:
- every name and alias of `data/agencies.tsv` (State Council bodies after the
  2023 reform, signboards, party and other central organs, predecessors, the
  直属海关), found whole with an Aho-Corasick index over characters, so names
  that jieba would split (工业和信息化部) are one match;
- PATTERN rows: provincial organs ({省}自然资源厅 -> 山西省自然资源厅,
  广东省国土资源厅, {省}人民政府办公厅), vertical branches (国家矿山安全监察局山西局,
  国家能源局山西监管办公室 / 山西能源监管办), and prefecture / county organs found by
  their suffix (太原市人民政府, 吉县人民政府, 鄂尔多斯市自然资源局);
- names spread by whitespace: letter-spaced signatures (自 然 资 源 部, 水  利  部)
  and names broken by a line break (自\\n然资源部). Whitespace between two CJK
  characters is ignored while matching; the offsets stay exact.

What is rejected: 商务部门 / 自然资源部门 (a name followed by 门), short names
inside document numbers (工信部联原〔2025〕62号, 国办发〔2026〕24号), weak
short names used for local organs (各省能源局, 省发展改革委, 兵团发展改革委), and
generic local references (市人民政府, 县级以上人民政府, 各设区的市人民政府).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

# the gazetteer's data lives in agency_gazetteer.py; alias_table is re-exported as
# part of this module's API
from extractor.agency_gazetteer import (  # noqa: F401
    _LOCAL_UNITS,
    _WS,
    AgencyEntry,
    _alt,
    _index,
    _pattern_matches,
    _patterns,
    _provinces,
    _provinces_longest_first,
    alias_table,
    clause_lead_chars,
    clause_leads,
)
from extractor.grammars.text_units import CharIndex, Hits, drop_runs

LEVELS = ("central", "provincial", "municipal", "county")

_WS_DELETE = {ord(ch): None for ch in _WS}
_CJK = re.compile(r"[\u4e00-\u9fff]")
# The general office of a central organ issues in its own name (自然资源部办公厅, 国家能源局综合司).
_SUB_OFFICE = re.compile(r"办公厅|综合司")
# Before a weak short name (能源局, 发改委, 国资委 ...) these mean a local organ.
_LOCAL_PREV = frozenset("省市县区州盟旗级各地团）)厅局")
# A short name followed by a 机关代字 tail and a bracketed year is a document number.
_DOCNO_TAIL = re.compile(r"[\u4e00-\u9fff]{0,5}\s*[〔\[［(（]\s*\d{4}\s*[〕\]］)）]")
# Characters that cannot belong to a prefecture / county name (walking back from 市/县):
# punctuation, units, and one-character function words (的, 在, 了, 把, 据 …).
_NAME_STOP = frozenset(
    "的各级以该其所有关相当地省市县区盟旗、，,。；;：:（）()《》“”\"'及或向对由经报在将为是等"
    "请送至给抄了这把被让据而但"
)
_UNIT_LEVEL = {
    "市": "municipal", "州": "municipal", "自治州": "municipal", "盟": "municipal",
    "地区": "municipal", "县": "county", "自治县": "county", "区": "county",
    "旗": "county", "自治旗": "county",
}
# In the enumeration before a weak short name, these mark a list of local organs.
_LOCAL_LIST = re.compile(r"[省县州盟旗]|(?<![超城])市(?!场)|所在地|兵团|地方|各地|各级")
_GENERIC_PLACE = ("直辖", "计划单列", "副省级", "地级", "县级", "设区")
_BAD_DISTRICT = ("自治", "开发", "园", "保护", "示范", "试验", "实验", "功能", "合作", "景")


@dataclass(frozen=True)
class AgencyMatch:
    """One agency mention: `text[start:end] == surface`."""

    start: int
    end: int
    surface: str
    canonical: str
    level: str
    type: str = ""
    name: str = ""  # the surface with whitespace removed
    weak: bool = False  # matched by a weak short name (能源局, 发改委 ...)
    pattern: bool = False  # matched by a naming pattern, not a literal gazetteer name


class _Cand(NamedTuple):
    start: int  # compact offsets
    end: int
    entry: AgencyEntry
    weak: bool
    pattern: bool
    priority: int  # tie-break at equal (start, length): higher wins



def lookup(name: str) -> AgencyEntry | None:
    """The gazetteer entry for an exact name or alias (whitespace ignored), else None."""
    key = "".join(ch for ch in name if ch not in _WS)
    hit = alias_table().get(key)
    if hit:
        return hit[0]
    found = find_agencies(key)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(key):
        m = found[0]
        return AgencyEntry(m.canonical, m.level, m.type)
    return None


def canonical_name(name: str) -> str | None:
    """Canonical full name of an agency name or alias, None when unknown."""
    entry = lookup(name)
    return entry.canonical if entry else None


# --- matching -----------------------------------------------------------------


_WS_BETWEEN_CJK = re.compile(
    "(?<=[\u4e00-\u9fff])[" + "".join(sorted(_WS)) + "]+(?=[\u4e00-\u9fff])"
)


def _compact(text: str) -> tuple[str, list[int]]:
    """`text` without whitespace that sits between two CJK characters (unless it holds
    a blank line), and the offset map."""
    return drop_runs(text, _WS_BETWEEN_CJK, keep=lambda m: "\n\n" in m.group(0))


# The longest place name walked back over before a unit (鄂尔多斯市, 浦东新区), and before an
# autonomous unit (恩施土家族苗族自治州, 双江拉祜族佤族布朗族傣族自治县).
_MAX_PLACE = 5
_MAX_AUTONOMOUS_PLACE = 12
# Units that hold a county-level unit after them: 赣州市于都县, 和田地区于田县, 恩施州利川市.
_PREFECTURE_UNITS = ("自治州", "地区", "市", "州", "盟")
_COUNTY_UNITS = frozenset(("县", "区", "旗", "自治县", "自治旗", "市"))


def _no_break(_k: int) -> bool:
    return False


def _line_breaks(text: str, pos: list[int]):
    """`is_break(k)`: a line break was dropped between compact[k-1] and compact[k]."""

    def is_break(k: int) -> bool:
        if k <= 0 or k >= len(pos) or pos[k] - pos[k - 1] <= 1:
            return False
        a, b = pos[k - 1] + 1, pos[k]
        return text.find("\n", a, b) >= 0 or text.find("\r", a, b) >= 0

    return is_break


def _lead_end(compact: str, i: int, last: int) -> int:
    """The end of the last clause-opening word (今天, 据悉: `clause_leads`) that starts in
    compact[i:last] and ends by `last`, else -1."""
    leads = clause_leads()
    cut = -1
    for k in range(i, last - 1):
        for n in (3, 2):
            if k + n <= last and compact[k : k + n] in leads:
                cut = k + n
                break
    return cut


def _short_province_end(compact: str, i: int, last: int) -> tuple[int, str] | None:
    """A province written short (江西, 内蒙古) that ends at k in (i, last]: (k, its full name)."""
    _, short = _provinces()
    lengths = _short_lengths()
    for k in range(i + 1, last + 1):
        for n in lengths:
            canon = short.get(compact[max(0, k - n) : k])
            if canon:
                return k, canon
    return None


@lru_cache(maxsize=1)
def _short_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(p) for p in _provinces()[1]}, reverse=True))


def _local_name(compact: str, unit_start: int, unit: str, is_break=_no_break,
                depth: int = 0) -> tuple[int, str] | None:
    """Where the place name of a 市/县/区 unit starts, walking back from the unit, and the
    place as its canonical is written (without the unit): (start, place).

    A place name begins at a region mention or after a clause boundary: the start of the
    text, a line break (never crossed: 标题\\n赣州市政府 is 赣州市政府), a character that is not
    CJK, a one-character function word (`_NAME_STOP`) or a clause-opening word (今天, 据悉:
    `clause_leads`). Without such a boundary within reach it keeps the two characters next
    to the unit (太原市), or the name after a province written short (江西赣州市 ->
    江西省赣州市). A province (江西省, 内蒙古自治区) or, before a county-level unit, a
    prefecture (赣州市于都县, 和田地区于田县) right before the name belongs to it."""
    limit = _MAX_AUTONOMOUS_PLACE if unit.startswith("自治") else _MAX_PLACE
    i = unit_start
    while i > 0 and unit_start - i < limit and not is_break(i):
        ch = compact[i - 1]
        if not _CJK.match(ch) or ch in _NAME_STOP:
            break
        i -= 1
    at_boundary = (i == 0 or is_break(i) or not _CJK.match(compact[i - 1])
                   or compact[i - 1] in _NAME_STOP)
    min_len = 1 if unit in ("县", "旗") else 2
    # a clause-opening word in the run, or one the walk stopped inside (今天鄂尔多斯市, 据悉…)
    lead = _lead_end(compact, i if i == 0 or is_break(i) else max(0, i - 2), unit_start - min_len)
    prefix = ""
    if lead < 0 and unit_start - i >= 3 and compact[i] in clause_lead_chars():
        lead = i + 1  # 从赣州市政府 (从化区, 于都县 stay whole)
    if lead >= 0:
        i, at_boundary = lead, True  # 今天赣州市政府, 会议要求太原市人民政府
    elif not at_boundary and unit_start - i > 2:
        got = _short_province_end(compact, i, unit_start - 2)
        if got:  # 江西赣州市: the name after the province, which it keeps
            k, prefix = got
            i = k
        else:  # no clear left boundary: keep the two characters next to the unit (太原市)
            i = unit_start - 2
    name = compact[i:unit_start]
    if not (at_boundary or prefix):
        min_len = 2
    if len(name) < min_len:
        return None
    if unit == "区" and name.endswith(_BAD_DISTRICT):
        return None
    if name.endswith(_GENERIC_PLACE) or "国家" in name or name.endswith(("和", "与", "及")):
        return None  # 直辖市人民政府, 计划单列市, 其他国家和地区政府
    full, short = _provinces()
    if name + unit in full:
        return None  # 上海市人民政府 is provincial (province pattern)
    if prefix:
        n = next(n for n in _short_lengths() if short.get(compact[max(0, i - n) : i]) == prefix)
        return i - n, prefix + name
    if i == 0 or is_break(i) or lead >= 0:
        return i, name
    if depth == 0 and unit in _COUNTY_UNITS:
        for u in _PREFECTURE_UNITS:  # 赣州市于都县: the prefecture before the county
            if compact.startswith(u, i - len(u)):
                outer = _local_name(compact, i - len(u), u, is_break, depth + 1)
                if outer is not None:
                    return outer[0], outer[1] + u + name
                break
    for p in _provinces_longest_first():
        if i - len(p) >= 0 and compact.startswith(p, i - len(p)):
            return i - len(p), full[p] + name
    return i, name


_LIST_STOPS = "，。：；,;:\n"


def _local_list(start: int, stops: CharIndex, local: Hits) -> bool:
    """True when the enumeration holding `start` speaks of local organs (各省…、发展改革委);
    `stops`: where the `_LIST_STOPS` are in the compact text, `local`: its `_LOCAL_LIST` words
    (found once: a long enumeration of weak names searched per name was quadratic)."""
    return local.inside(stops.last(0, start) + 1, start)


def _candidates(compact: str, is_break=_no_break) -> list[_Cand]:
    cands: list[_Cand] = []
    stops: CharIndex | None = None  # built on the first weak name
    local: Hits | None = None
    for s, e, (entry, weak) in _index().hits(compact):
        nxt = compact[e : e + 1]
        if nxt == "门" and compact[e - 1] == "部":
            continue  # 商务部门, 自然资源部门
        if e - s <= 4 and _DOCNO_TAIL.match(compact, e):
            continue  # 工信部联原〔2025〕62号, 国办发〔2026〕24号
        if weak and s > 0 and compact[s - 1] in _LOCAL_PREV:
            continue  # 各省能源局, 兵团发展改革委
        if weak and stops is None:
            stops, local = CharIndex(compact, _LIST_STOPS), Hits(compact, _LOCAL_LIST)
        if weak and (compact.startswith(("门", "主管", "部门", "系统"), e) or _local_list(s, stops, local)):
            continue  # 发展改革委主管部门; 当地财政局、发展改革委、交通局
        cands.append(_Cand(s, e, entry, weak, False, 1))
        if entry.level == "central" and not weak:
            sub = _SUB_OFFICE.match(compact, e)
            if sub and not entry.canonical.endswith(("办公厅", "办公室")):
                sub_entry = AgencyEntry(entry.canonical + sub.group(0), "central", "办事机构",
                                        entry.canonical)
                cands.append(_Cand(s, sub.end(), sub_entry, False, False, 1))
    others, prov, local = _patterns()
    for pat in others:
        if pat.needles and not any(n in compact for n in pat.needles):
            continue  # no form's literal part is in the text: the regex cannot match
        for m in _pattern_matches(pat, compact):
            group = next(g for g, v in m.groupdict().items() if v)
            canon = pat.forms[group].replace(pat.placeholder, m.group(group))
            entry = AgencyEntry(canon, pat.level, pat.type, pat.parent)
            cands.append(_Cand(m.start(), m.end(), entry, False, True, 3))
    if prov is not None:
        full, _ = _provinces()
        for m in prov.regex.finditer(compact):
            canon = full[m.group("p")] + prov.forms[m.group("s")]
            entry = AgencyEntry(canon, "provincial", *prov.kinds.get(m.group("s"), ("地方", "")))
            cands.append(_Cand(m.start(), m.end(), entry, False, True, 2))
    if local is not None:
        for m in local.regex.finditer(compact):
            unit = m.group("u")
            got = _local_name(compact, m.start(), unit, is_break)
            if got is None:
                continue
            start, place = got
            canon = place + unit + local.forms[m.group("s")]
            entry = AgencyEntry(canon, _UNIT_LEVEL[unit], "地方")
            cands.append(_Cand(start, m.end(), entry, False, True, 0))
    return cands


@lru_cache(maxsize=1)
def _relative_regex() -> re.Pattern:
    _, prov, local = _patterns()
    prov_s = _alt(prov.forms) if prov else "(?!)"
    local_s = _alt(local.forms) if local else "(?!)"
    return re.compile(
        f"(?:(?P<pu>自治区|省)(?P<ps>{prov_s})|(?P<lu>市|县|区|盟|旗)(?P<ls>{local_s})"
        f"|(?P<ru>区)(?P<rs>{prov_s}))"
    )


_RELATIVE_ANY = re.compile(
    r"(?P<u>自治区|省|市|县|盟)(?P<s>(?!政府|人民政府)[\u4e00-\u9fff]{2,10}?(?:厅|局|委员会|办公室))"
    r"(?![\u4e00-\u9fff]{0,2}(?:厅|局))"
)


def _province_home(home: dict[str, str], unit: str) -> str | None:
    """The home province for a 省… / 自治区… / 区… reference (自治区… only in an autonomous region)."""
    place = home.get("省")
    if unit in ("自治区", "区") and not (place or "").endswith("自治区"):
        return None
    return place


def _not_relative(compact: str, s: int, is_break) -> bool:
    """True when the character before a 省…/市… at `s` on its line makes it no reference to the
    document's own place: 各设区市…, 县级市…, or part of a named place (赣州市工信局)."""
    if s == 0 or is_break(s):
        return False
    ch = compact[s - 1]
    return ch in "各区级设本地" or (_CJK.match(ch) is not None and ch not in _NAME_STOP)


def _relative(compact: str, home: dict[str, str], is_break=_no_break) -> list[_Cand]:
    """省工业和信息化厅 / 市工信局 without a place name, resolved to the document's home place.

    In an autonomous region 自治区工业和信息化厅 (and 区发展改革委 when the document
    has no district of its own) is the region's organ; 盟… resolves like 市….
    """
    out = []
    _, prov, local = _patterns()
    seen = set()
    for m in _relative_regex().finditer(compact):
        s = m.start()
        if _not_relative(compact, s, is_break):
            continue  # 各设区市…, 县级市…, or part of a named place
        lu = m.group("lu")
        if lu == "区" and not home.get("区"):
            # 区发展改革委 in an autonomous region without a district issuer: the region
            rm = re.compile(f"区(?P<rs>{_alt(prov.forms)})").match(compact, s) if prov else None
            if rm:
                m, lu = rm, None
        if lu is None:
            place = _province_home(home, m.groupdict().get("pu") or "区")
            suffix = m.groupdict().get("ps") or m.group("rs")
            if place and prov:
                canon = place + prov.forms[suffix]
                entry = AgencyEntry(canon, "provincial", *prov.kinds.get(suffix, ("地方", "")))
                out.append(_Cand(s, m.end(), entry, False, True, -1))
        else:
            place = home.get(lu)
            if place and local:
                unit = next((u for u in _LOCAL_UNITS if place.endswith(u)), lu)
                canon = place + local.forms[m.group("ls")]
                entry = AgencyEntry(canon, _UNIT_LEVEL.get(unit, "municipal"), "地方")
                out.append(_Cand(s, m.end(), entry, False, True, -1))
        seen.add(s)
    # any other 省X厅/局 (省地方金融管理局): the name as written after the place
    for m in _RELATIVE_ANY.finditer(compact):
        s = m.start()
        if s in seen or _not_relative(compact, s, is_break):
            continue
        unit = m.group("u")
        place = _province_home(home, unit) if unit in ("省", "自治区") else home.get(unit)
        if not place:
            continue
        level = ("provincial" if unit in ("省", "自治区")
                 else ("county" if unit == "县" else "municipal"))
        canon = place + m.group("s")
        entry = _full_name(canon) or AgencyEntry(canon, level, "地方")
        out.append(_Cand(s, m.end(), entry, False, True, -2))
    return out


@lru_cache(maxsize=4096)
def _full_name(name: str) -> AgencyEntry | None:
    """The gazetteer's entry for a reference completed with its place (省税务局 in a 江西省
    document -> 江西省税务局), when the whole name is one: a vertically managed organ's
    branch is named by its row (国家税务总局{省}税务局, alias {省}税务局 ->
    国家税务总局江西省税务局), not by the place + the words as written."""
    found = find_agencies(name, weak=False)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(name):
        a = found[0]
        return AgencyEntry(a.canonical, a.level, a.type)
    return None


def home_places(agencies) -> dict[str, str]:
    """The document's own places from its (issuing) agencies: {"省": "江西省", "市": "赣州市"}.

    `agencies` are AgencyMatch-like objects with `canonical` and `level`; the first
    provincial / municipal / county one gives the place of 省… (自治区…) / 市… (盟…) /
    县… / 区… / 旗… references: 内蒙古自治区人民政府办公厅 -> {"省": "内蒙古自治区"},
    阿拉善盟自然资源局 -> {"市": "阿拉善盟", "盟": "阿拉善盟"}.
    """
    home: dict[str, str] = {}
    for a in agencies:
        canon = a.canonical
        prov = next((p for p in _provinces_longest_first() if canon.startswith(p)), None)
        if prov is None and a.level == "provincial":  # a national organ's branch: 国家税务总局江西省税务局
            prov = next((p for p in _provinces_longest_first() if p in canon), None)
            canon = canon[canon.index(prov):] if prov else canon
        if prov and prov.endswith(("省", "自治区")):
            home.setdefault("省", prov)
        elif prov and prov.endswith("市"):  # 直辖市: 市… means the city itself
            home.setdefault("市", prov)
        rest = canon[len(prov):] if prov else canon
        if a.level == "municipal":
            m = re.match(r".{1,6}?(?:市|自治州|地区|盟)", rest) or re.match(r".{1,6}?州", rest)
            if m:
                home.setdefault("市", m.group(0))
                if m.group(0).endswith("盟"):
                    home.setdefault("盟", m.group(0))
        elif a.level == "county":
            m = re.match(r".{1,8}?(?:县|区|旗)", rest)
            if m:
                home.setdefault({"县": "县", "旗": "旗"}.get(m.group(0)[-1], "区"), m.group(0))
    return home


def find_agencies(
    text: str, *, weak: bool = True, home: dict[str, str] | None = None
) -> list[AgencyMatch]:
    """Every agency mention in `text`, left to right (see the module docstring).

    `weak=False` drops matches made by weak short names (能源局, 发改委, 国资委 ...).
    `home` (see `home_places`) resolves references without a place name to the
    document's own place: with {"省": "江西省"}, 省工业和信息化厅 -> 江西省工业和信息化厅;
    with {"市": "赣州市"}, 市工信局 -> 赣州市工业和信息化局; with {"省": "内蒙古自治区"},
    自治区发展改革委 (and 区发展改革委 when there is no home 区) -> 内蒙古自治区发展和改革委员会
    (自治区… only resolves when the home province is an autonomous region). Without
    `home` they are not matched.
    """
    if not text:
        return []
    compact, pos = _compact(text)
    is_break = _line_breaks(text, pos)
    cands = _candidates(compact, is_break)
    if home:
        cands.extend(_relative(compact, home, is_break))
    if not weak:
        cands = [c for c in cands if not c.weak]
    cands.sort(key=lambda c: (c.start, -(c.end - c.start), -c.priority))
    out: list[AgencyMatch] = []
    last = 0
    for c in cands:
        if c.start < last:
            continue
        start, end = pos[c.start], pos[c.end - 1] + 1
        surface = text[start:end]
        out.append(
            AgencyMatch(
                start=start,
                end=end,
                surface=surface,
                canonical=c.entry.canonical,
                level=c.entry.level,
                type=c.entry.type,
                name=surface.translate(_WS_DELETE),
                weak=c.weak,
                pattern=c.pattern,
            )
        )
        last = c.end
    return out


# A list stop that is neither CJK, nor white space, nor a Latin letter, and is in no
# agency name: joined by it, pieces of text do not see each other (see find_agencies_in).
_PIECE_SEP = "。"


def find_agencies_in(
    pieces: Sequence[str], *, home: dict[str, str] | None = None
) -> list[list[AgencyMatch]]:
    """`[find_agencies(p, home=home) for p in pieces]`, found in one pass.

    The pieces are joined by 。 and matched once. Nothing of the matcher reads across
    a 。: no name holds one, whitespace next to it is not between two CJK characters,
    the walk back of a local name and the province before it stop at it (it is not
    CJK), every look at the character before a name (各省能源局, 县级市…) sees a
    non-CJK character that is none of the words it looks for, as at the start of a
    piece, the enumeration of a weak name starts after it (a list stop), as at the start
    of a piece, and every look after a name (部门, 〔2025〕) fails on it as at the end of
    a piece. So each piece gets exactly the matches it gets alone; offsets are into the
    piece. (Many short calls cost far more than one over the same characters.)"""
    if not pieces:
        return []
    joined = _PIECE_SEP.join(pieces)
    starts, at = [], 0
    for p in pieces:
        starts.append(at)
        at += len(p) + len(_PIECE_SEP)
    out: list[list[AgencyMatch]] = [[] for _ in pieces]
    for a in find_agencies(joined, home=home):
        k = bisect_right(starts, a.start) - 1
        off = starts[k]
        out[k].append(AgencyMatch(a.start - off, a.end - off, a.surface, a.canonical, a.level,
                                  a.type, a.name, a.weak, a.pattern))
    return out


__all__ = [
    "AgencyEntry",
    "AgencyMatch",
    "alias_table",
    "canonical_name",
    "find_agencies",
    "find_agencies_in",
    "home_places",
    "lookup",
]

