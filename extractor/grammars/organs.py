"""Grammar of generic and functional organs: the organs laws name by their function.

Laws and regulations rarely name a ministry; they name an organ by level and function
(国务院地质矿产主管部门, 县级以上地方人民政府负责地质矿产管理工作的部门, 登记管理机关,
国家电力监管机构). Those names have no canonical form; `find_organs(text)` returns each one
as written. Gazetteer agencies (国务院, 财政部) are `extractor.agencies`' business; an organ
that contains one (国务院财政部门 contains 国务院) is longer and wins where they overlap.

What an organ name looks like (parts in brackets are optional)::

    [SCOPE(和SCOPE)*[的]] [FUNCTION] [DOMAIN] HEAD      (a functional organ)
    SCOPE_GOV                                          (a level of government)

- SCOPE: an administrative level (国务院, 县级以上地方人民政府, 同级, 省、自治区、直辖市);
  SCOPE_GOV: a level that is itself an organ (县级以上人民政府, 有关地方人民政府), also after
  有关 (有关省、自治区、直辖市人民政府: the governments concerned).
- FUNCTION: 负有…职责的, 负责…的 / 管理…的 (管理能源工作的), 设在…的, 指定的, 授权(的),
  or (without a level, heads 部门/机关 only) any short relative clause ending in 的
  (作出处罚决定的机关, 颁发证照的部门).
- DOMAIN: the nouns before the head (地质矿产, 财政、税务和对外贸易等, 生态环境等有关), never
  containing a `stop` word (由, 向, 会同, 人民政府 …) nor starting with a conjunction.
- an organ named by its function alone (`organ` rows: 海关).
- HEAD: 主管部门, 行政主管部门, 部门, 机关; 机构 only after a supervising domain
  (矿山安全监察机构, 电力监管机构) or a function clause (管理机关事务工作的机构).

The level words, heads and stop words are data: `extractor/data/organs.tsv`. Names in its
`exclude` rows (公共机构, 国家机关) are not organs. Coordinated levels under one head stay one
organ (国务院和县级以上地方各级人民政府管理机关事务工作的机构); X及其Y, X和Y, X、Y are
separate organs (the duties grammar groups them). `dependent` rows (派出机构) name organs that
exist only as a part of another: the duties grammar joins X的派出机构 into one organ.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "organs.tsv"
_CJK = "\u4e00-\u9fff"


@dataclass(frozen=True)
class OrganMention:
    """One generic or functional organ: `text[start:end] == name` (canonical is None)."""

    start: int
    end: int
    name: str


@lru_cache(maxsize=1)
def _rows() -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    with DATA.open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            out.setdefault(row[0], []).append(tuple(c for c in row[1:] if c))
    return out


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def organ_regex() -> re.Pattern:
    rows = _rows()
    gov = [r[0] for r in rows["scope_gov"]]
    unit = f"(?:{_alt(gov + [r[0] for r in rows['scope']])})"
    scope = f"(?:{unit}(?:和{unit}){{0,3}}的?)"
    stop = "|".join(r[0] for r in rows["stop"])
    free = f"(?:(?!{stop})[{_CJK}])"  # a domain or clause character
    domain = f"(?![和及或与、以])(?:(?!{stop})[{_CJK}、]){{1,48}}?"  # bounded: linear in the text
    func = (
        r"(?:负有[^，。；：\s]{1,30}?职责的|(?:依法)?(?:负责|管理)[^，。；：的\s]{1,30}?的"
        r"|设在[^，。；：的\s]{1,15}的|指定的|授权的?)"
    )
    # a relative clause (作出处罚决定的机关), never a place (所涉及行政区域的, 矿区所在地的)
    locative = "|".join(r[0] for r in rows.get("locative", []))
    generic_func = f"(?:(?!{locative}){free}){{2,15}}的"
    heads_any = _alt(r[1] for r in rows["head"] if r[0] == "any")
    heads_strict = _alt(r[1] for r in rows["head"] if r[0] == "strict")
    strict_domain = f"(?:(?:{domain})?(?:{_alt(r[0] for r in rows['strict_domain'])}))"
    fd = f"{func}(?:{domain})?"
    head = f"(?:{heads_any}|{heads_strict})"
    return re.compile(
        # a level, then a function and/or a domain, then the head
        f"(?P<scoped>{scope}(?:{fd}{head}|{func}?{strict_domain}(?:{heads_strict})"
        f"|{domain}(?:{heads_any})))"
        # a level of government alone (with 有关: the levels concerned), or an organ named by
        # its function alone (海关)
        f"|(?P<gov>(?:有关)?(?:{_alt(gov)})|{_alt(r[0] for r in rows.get('organ', []))})"
        # no level: a function clause or a domain before the head
        f"|(?P<bare>{fd}{head}|{strict_domain}(?:{heads_strict})"
        f"|{generic_func}(?:{domain})?(?:{heads_any})|{domain}(?:{heads_any}))"
    )


@lru_cache(maxsize=1)
def _boundary() -> re.Pattern:
    """What an organ name may follow inside a run of characters: a stop word or a conjunction."""
    stop = "|".join(r[0] for r in _rows()["stop"])
    return re.compile(f"(?:{stop}|和|及|或|与|、|其)")


# No part of an organ name crosses a comma, a full stop, a semicolon, a colon or white
# space (the domain and clause parts exclude them, and no word in organs.tsv has one),
# and every name ends with a head (部门, 机关 …) or is a level of government or an organ
# word: a run of text between two such stops that holds none of these words holds no
# organ, and no start in it is tried.
_SEGMENT = re.compile(r"[^，。；：\s]+")


@lru_cache(maxsize=1)
def _terminal() -> re.Pattern:
    """The words an organ name ends with: heads, levels of government, organ words."""
    rows = _rows()
    words = [r[1] for r in rows["head"]] + [r[0] for r in rows["scope_gov"]]
    words += [r[0] for r in rows.get("organ", [])]
    assert not any(_SEGMENT.fullmatch(w) is None for w in words), "an organ word holds a stop"
    return re.compile(_alt(words))


def _starts(text: str) -> list[int]:
    """Offsets where an organ name may start: after a non-CJK character, a stop word or
    a conjunction (会同同级有关部门 -> 同级有关部门, not 同同级有关部门), inside a run
    of text (`_SEGMENT`) that holds a word an organ name ends with (`_terminal`).

    Boundary matches never cross a segment (no stop word holds a separator), so
    finding them segment by segment gives the same offsets as over the whole text."""
    boundary, terminal = _boundary(), _terminal()
    out: list[int] = []
    for seg in _SEGMENT.finditer(text):
        a, b = seg.span()
        if terminal.search(text, a, b) is None:
            continue
        ends = {m.end() for m in boundary.finditer(text, a, b)}
        out.extend(i for i in range(a, b)
                   if i == 0 or i in ends or not ("\u4e00" <= text[i - 1] <= "\u9fff"))
    return out


def _excluded() -> frozenset[str]:
    return frozenset(r[0] for r in _rows().get("exclude", []))


def find_organs(text: str) -> list[OrganMention]:
    """Every generic or functional organ in `text`, left to right, non-overlapping."""
    out = []
    excluded = _excluded()
    rx, pos = organ_regex(), 0
    for i in _starts(text):
        if i < pos:
            continue
        m = rx.match(text, i)
        if m is None:
            continue
        name = m.group(0)
        twice = re.match(r"(\w{2,5})和\1", name)
        if twice:  # 国务院和国务院自然资源主管部门: two organs, the level named again
            m = rx.match(text, i + len(twice.group(1)) + 1)
            if m is None:
                continue
            name = m.group(0)
        pos = m.end()
        if name in excluded or any(name.endswith(x) and len(x) >= 4 for x in excluded):
            continue
        out.append(OrganMention(m.start(), m.end(), name))
    return out


def dependents() -> frozenset[str]:
    """Organs that exist only as a part of another (派出机构): X的<dependent> names one organ."""
    return frozenset(r[0] for r in _rows().get("dependent", []))


def parse_organ(s: str) -> str | None:
    """The organ name when `s` (stripped) is exactly one organ, else None."""
    s = s.strip()
    found = find_organs(s)
    return found[0].name if len(found) == 1 and found[0].name == s else None


# (text, the organs found in it, left to right)
EXAMPLES: list[tuple[str, list[str]]] = [
    ("国务院地质矿产主管部门", ["国务院地质矿产主管部门"]),
    ("县级以上地方人民政府负责地质矿产管理工作的部门", ["县级以上地方人民政府负责地质矿产管理工作的部门"]),
    ("县级以上人民政府负有煤矿安全生产监督管理职责的部门",
     ["县级以上人民政府负有煤矿安全生产监督管理职责的部门"]),
    ("国务院和县级以上地方各级人民政府管理机关事务工作的机构",
     ["国务院和县级以上地方各级人民政府管理机关事务工作的机构"]),
    ("国务院和省级人民政府的政府采购监督管理部门", ["国务院和省级人民政府的政府采购监督管理部门"]),
    ("国务院财政、税务和对外贸易等主管部门", ["国务院财政、税务和对外贸易等主管部门"]),
    ("国务院生态环境等有关主管部门", ["国务院生态环境等有关主管部门"]),
    ("国务院循环经济发展综合管理部门", ["国务院循环经济发展综合管理部门"]),
    ("国家电力监管机构", ["国家电力监管机构"]),
    ("国家矿山安全监察机构及其设在地方的矿山安全监察机构", ["国家矿山安全监察机构", "设在地方的矿山安全监察机构"]),
    ("由登记管理机关收取", ["登记管理机关"]),
    ("由原发证机关注销勘查许可证", ["原发证机关"]),
    ("资源税由税务机关征收", ["税务机关"]),
    ("国务院指定的部门负责", ["国务院指定的部门"]),
    ("由国务院或国务院授权有关部门牵头核查", ["国务院授权有关部门"]),
    ("县级以上地方人民政府必须", ["县级以上地方人民政府"]),
    ("省、自治区、直辖市人民政府有权", ["省、自治区、直辖市人民政府"]),
    ("县级以上人民政府及其有关部门", ["县级以上人民政府", "有关部门"]),
    ("县级以上人民政府及其水利等主管部门可以", ["县级以上人民政府", "水利等主管部门"]),
    ("由采场当地的县级人民政府负责地质矿产管理工作的部门统一收缴",
     ["县级人民政府负责地质矿产管理工作的部门"]),
    ("作出处罚决定的机关可以依法申请强制执行", ["作出处罚决定的机关"]),
    ("前款所列核发证照的部门，应当督促", ["前款所列核发证照的部门"]),
    ("在同级管理节水工作的部门指导下", ["同级管理节水工作的部门"]),
    ("会同同级有关部门", ["同级有关部门"]),
    ("由县级以上地方人民政府市场监督管理部门责令停止销售", ["县级以上地方人民政府市场监督管理部门"]),
    ("向登记管理机关申请", ["登记管理机关"]),
    ("各级人民政府应当加强领导", ["各级人民政府"]),
    ("由机关事务管理部门负责", ["机关事务管理部门"]),
    ("各省（自治区、直辖市）要加强", ["各省（自治区、直辖市）"]),
    ("各省、自治区、直辖市人民政府", ["各省、自治区、直辖市人民政府"]),
    ("国务院能源主管部门的派出机构", ["国务院能源主管部门", "派出机构"]),
    ("国务院国有资产监督管理机构", ["国务院国有资产监督管理机构"]),
    ("国务院和国务院自然资源主管部门另有规定", ["国务院自然资源主管部门"]),
    ("外交、公安等国家有关部门", ["外交、公安等国家有关部门"]),
    ("有关人民政府应当组织抢修", ["有关人民政府"]),
    ("会同有关省、自治区、直辖市人民政府编制", ["有关省、自治区、直辖市人民政府"]),
    ("经批准，设立派出机构", ["派出机构"]),
    ("可以设置监督管理机构", ["监督管理机构"]),
    ("并通知工商行政管理部门", ["工商行政管理部门"]),
    ("可以委托省级人民政府能源主管部门实施", ["省级人民政府能源主管部门"]),
    ("将结果抄送国务院自然资源主管部门", ["国务院自然资源主管部门"]),
    ("由海关实施监管", ["海关"]),
    # not organs
    ("公共机构应当建立节水台账", []),
    ("由具有相应资质的评估机构出具评估报告", []),
    ("选矿企业应当设立安全生产管理机构", []),
    ("国家机关及使用财政资金的其他单位", []),
    ("国务院批准的合作区域", []),
    ("矿山安全生产技术服务机构", []),
]
