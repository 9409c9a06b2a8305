"""Shared context for the research-report components (pure functions over the text).

- `excluded_sections(text)`: the disclaimer and company-blurb paragraphs; no statistic,
  forecast or target is taken from them (`in_excluded(text, offset)`).
- `sentence_bounds` / `clause_bounds`: the sentence (。！？\\n) and clause (also ，；：)
  around an offset.
- `reference_date(text)`: the year (and month) a bare month like 7月 belongs to.
- `find_periods(text)`: period expressions (2025年7月, 7月份, 1-4月, 上半年, 一季度 …).
- `region_mentions(text)`: gazetteer regions with overlapping organisation names dropped.
- `mineral_mentions(doc)`: from `doc.spans["minerals"]` when the minerals component ran,
  else a small fallback lexicon of commodity words.
- `text_tables(text)`: tables written as text: a 表N caption line, then rows of cells.
- `quantities(text)`: the shared quantity grammar, adapted to one small record type.

Everything is cached on the text, so every component sees the same answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.gazetteers import regions

# --- sections to keep out -----------------------------------------------------

DISCLAIMER_CUES = re.compile(
    r"免责声明|本(文|报告)中的(信息|资料)|来源于公开资料|不作任何保证|不构成(任何)?(对任何人的)?投资建议|"
    r"不构成[^。]{0,20}(推荐|依据|邀约|要约)|仅供(内部)?参考|不承担任何(法律)?责任|私自转载|未经(书面)?授权|"
    r"版权(归|所有)|风险自负|据此(投资|操作|入市)|投资有风险|追究其法律责任|初次发布时的判断"
)
PROFILE_CUES = re.compile(
    r"立足|秉承|致力于|理念|宗旨|投研内核|成立于|注册资本|是一家|专注于|助力|客户提供|全方位|一站式|综合(金融)?服务"
)
DISCLAIMER_HEADING = re.compile(r"^\s*(免责声明|法律声明|重要声明|分析师声明|特别声明)\s*[：:]?\s*$")
PROFILE_HEADING = re.compile(r"^\s*(公司简介|关于我们|研究所简介|机构简介)\s*[：:]?\s*$")
HEADING = re.compile(
    r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[、.．，,]\s*|第[一二三四五六七八九十]+[章节])"
)


@dataclass(frozen=True)
class Excluded:
    start: int
    end: int
    role: str  # disclaimer | company_profile
    heading: str | None = None


def paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end))
        pos = end + 1
    return out


@lru_cache(maxsize=64)
def excluded_sections(text: str) -> tuple[Excluded, ...]:
    """Disclaimer and company-profile paragraphs, merged when adjacent."""
    raw: list[Excluded] = []
    mode: str | None = None  # after a 免责声明 heading every paragraph is disclaimer
    heading: str | None = None
    for s, e in paragraphs(text):
        para = text[s:e]
        if DISCLAIMER_HEADING.match(para):
            mode, heading = "disclaimer", para.strip(" ：:")
            raw.append(Excluded(s, e, "disclaimer", heading))
            continue
        if PROFILE_HEADING.match(para):
            mode, heading = "company_profile", para.strip(" ：:")
            raw.append(Excluded(s, e, "company_profile", heading))
            continue
        if mode and HEADING.match(para) and len(para) < 40:
            mode = heading = None
        n_disc = len({m.group(0) for m in DISCLAIMER_CUES.finditer(para)})
        n_prof = len({m.group(0) for m in PROFILE_CUES.finditer(para)})
        if n_disc >= 2 or (n_disc == 1 and len(para) < 80):
            raw.append(Excluded(s, e, "disclaimer", heading if mode == "disclaimer" else None))
        elif n_prof >= 2 and re.search(r"期货|证券|研究所|研究院|公司|集团|机构|资讯", para):
            raw.append(Excluded(s, e, "company_profile", heading if mode == "company_profile" else None))
        elif mode:
            raw.append(Excluded(s, e, mode, heading))
    merged: list[Excluded] = []
    for ex in raw:
        if merged and merged[-1].role == ex.role and text[merged[-1].end : ex.start].strip() == "":
            prev = merged[-1]
            merged[-1] = Excluded(prev.start, ex.end, prev.role, prev.heading or ex.heading)
        else:
            merged.append(ex)
    return tuple(merged)


def in_excluded(text: str, start: int, end: int | None = None) -> str | None:
    """The role (disclaimer, company_profile) of the section holding [start, end), else None."""
    end = start + 1 if end is None else end
    for ex in excluded_sections(text):
        if start < ex.end and end > ex.start:
            return ex.role
    return None


# --- sentences and clauses ----------------------------------------------------

SENT_END = "。！？!?\n"
CLAUSE_END = SENT_END + "，,；;：:"


def _bounds(text: str, pos: int, stops: str) -> tuple[int, int]:
    s = pos
    while s > 0 and text[s - 1] not in stops:
        s -= 1
    e = pos
    while e < len(text) and text[e] not in stops:
        e += 1
    return s, e


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    return _bounds(text, pos, SENT_END)


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause around `pos`; a comma inside a number (1,000) does not end it."""
    s, e = _bounds(text, pos, CLAUSE_END)
    while s > 0 and text[s - 1] == "," and s >= 2 and text[s - 2].isdigit() and text[s : s + 1].isdigit():
        s, _ = _bounds(text, s - 1, CLAUSE_END)
    return s, e


# --- dates and periods --------------------------------------------------------

_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|[-./](\d{1,2})[-./](\d{1,2}))")
_PUB_LINE = re.compile(r"^(?:发布时间|发布日期|日期|时间)\s*[:：\t ]\s*((?:19|20)\d{2})[-./年](\d{1,2})", re.M)
_DATELINE = re.compile(r"^\s*((?:19|20)\d{2})[.\-/](\d{1,2})[.\-/]\d{1,2}\s", re.M)


@dataclass(frozen=True)
class RefDate:
    year: int | None
    month: int | None
    source: str  # published | first_date | first_year | none


@lru_cache(maxsize=64)
def reference_date(text: str, furniture: tuple[str, ...] = ()) -> RefDate:
    """The year a bare month (7月) belongs to: the publication date line, a date in the
    header furniture, else the first full date of the text, else its first year."""
    for pat in (_PUB_LINE, _DATELINE):
        m = pat.search(text[:600])
        if m:
            return RefDate(int(m.group(1)), int(m.group(2)), "published")
    for f in furniture:
        m = _FULL_DATE.search(f)
        if m:
            return RefDate(int(m.group(1)), int(m.group(2) or m.group(4) or 0) or None, "published")
    m = _FULL_DATE.search(text)
    if m:
        return RefDate(int(m.group(1)), int(m.group(2) or m.group(4) or 0) or None, "first_date")
    m = re.search(r"((?:19|20)\d{2})\s*年", text)
    if m:
        return RefDate(int(m.group(1)), None, "first_year")
    return RefDate(None, None, "none")


def infer_year(month: int, ref: RefDate) -> int | None:
    if ref.year is None:
        return None
    if ref.month is not None and month > ref.month + 1:
        return ref.year - 1  # a month after the reference month: last year's
    return ref.year


_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4}
_PERIOD = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年(?:度)?|(?P<rel>今年|去年|明年|当年|全年))?\s*"
    r"(?:(?P<m1>\d{1,2})\s*[-~—～至到]\s*(?P<m2>\d{1,2})\s*月(?:份)?"
    r"|(?P<m>\d{1,2})\s*月(?:份)?(?!\s*\d{1,2}\s*日)(?:(?P<d>\d{1,2})日)?"
    r"|(?P<h>上半年|下半年)"
    r"|(?:第)?(?P<q>[一二三四1-4])\s*季度)"
)
_NOT_PERIOD_AFTER = re.compile(r"\s*(份)?(合约|底以来|以来|初以来|中旬以来|开始|起)")
_YEAR_ONLY = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年(?:度|全年)?(?![\d\s]*月)")


@dataclass(frozen=True)
class Period:
    start: int
    end: int
    value: str
    inferred: bool


@lru_cache(maxsize=64)
def find_periods(text: str, furniture: tuple[str, ...] = ()) -> tuple[Period, ...]:
    ref = reference_date(text, furniture)
    out: list[Period] = []
    taken: list[tuple[int, int]] = []
    for m in _PERIOD.finditer(text):
        if not (m.group("m1") or m.group("m") or m.group("h") or m.group("q")):
            continue
        if _NOT_PERIOD_AFTER.match(text, m.end()):
            continue  # 9月合约 (a contract month), 4月底以来 (a starting point)
        year: int | None = int(m.group("y")) if m.group("y") else None
        inferred = False
        rel = m.group("rel")
        if year is None and rel and ref.year is not None:
            year = {"今年": ref.year, "当年": ref.year, "全年": ref.year, "去年": ref.year - 1, "明年": ref.year + 1}[rel]
            inferred = True
        if m.group("m1"):
            m1, m2 = int(m.group("m1")), int(m.group("m2"))
            if not (1 <= m1 < m2 <= 12):
                continue
            if year is None:
                year, inferred = infer_year(m2, ref), True
            value = f"{year}-{m1:02d}/{year}-{m2:02d}" if year else f"{m1:02d}/{m2:02d}"
        elif m.group("m"):
            mo = int(m.group("m"))
            if not 1 <= mo <= 12:
                continue
            if year is None:
                year, inferred = infer_year(mo, ref), True
            value = f"{year}-{mo:02d}" if year else f"--{mo:02d}"
            if m.group("d"):
                value += f"-{int(m.group('d')):02d}"
        elif m.group("h"):
            if year is None:
                year, inferred = ref.year, True
            value = f"{year}-H{1 if m.group('h') == '上半年' else 2}"
        else:
            q = m.group("q")
            qn = _CN_NUM.get(q) or int(q)
            if year is None:
                year, inferred = ref.year, True
            value = f"{year}-Q{qn}"
        if year is None:
            inferred = False
        s = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        out.append(Period(s, m.end(), value, inferred))
        taken.append((s, m.end()))
    for m in _YEAR_ONLY.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        out.append(Period(m.start(), m.end(), m.group("y"), False))
    out.sort(key=lambda p: p.start)
    return tuple(out)


# --- regions ------------------------------------------------------------------

# A region name inside an organisation name is not a statement about that region.
_ORG_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,10}?(有色工程|价值指数|交通银行|银行|集团|公司|研究院|研究所|研究中心|交易所|期货|证券|日报|报社)")


_NAME_TAIL = re.compile(r"时间|[\u4e00-\u9fff]{0,4}?(交易所|银行|大学|日报|晚报|集团|股份|有限公司)|[\u4e00-\u9fff]{0,1}公司")


@dataclass(frozen=True)
class RegionMention:
    start: int
    end: int
    surface: str
    canonical: str
    kind: str


@lru_cache(maxsize=64)
def region_mentions(text: str) -> tuple[RegionMention, ...]:
    out = []
    for m in regions().finditer(text):
        if m.value.canonical == "中国" and _ORG_AFTER.match(text[m.end : m.end + 16]):
            continue
        if _NAME_TAIL.match(text, m.end):
            continue  # 北京时间, 上海期货交易所, 法国巴黎银行: part of a name
        if m.surface == "国内" and text[m.end : m.end + 1] == "外":
            continue  # 国内外: at home and abroad
        out.append(RegionMention(m.start, m.end, m.surface, m.value.canonical, m.value.kind))
    return tuple(out)


def short_region(canonical: str) -> str:
    """山西省 -> 山西, 广西壮族自治区 -> 广西 (the form the statistics use)."""
    for suf in ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"):
        if canonical.endswith(suf) and len(canonical) > len(suf) + 1:
            return canonical[: -len(suf)]
    return canonical


# --- minerals -----------------------------------------------------------------

FALLBACK_MINERALS = [
    "铝土矿", "氧化铝", "电解铝", "原铝", "铝", "镓", "锗", "铜精矿", "精炼铜", "电解铜", "废铜", "铜",
    "精炼铅", "精铅", "铅精矿", "铅", "锌", "镍", "锡", "钨精矿", "钨", "钼", "锑", "稀土氧化物", "稀土",
    "钕", "镝", "锂", "钴", "原煤", "炼焦煤", "焦煤", "焦炭", "煤炭", "煤", "原油", "天然气", "铁矿石",
    "螺纹钢", "粗钢", "钢材", "陶瓷土", "耐火粘土", "高岭土", "铁矾土", "黄金", "白银",
]


@dataclass(frozen=True)
class MineralMention:
    start: int
    end: int
    canonical: str


@lru_cache(maxsize=64)
def _fallback_mineral_mentions(text: str) -> tuple[MineralMention, ...]:
    pat = re.compile("|".join(sorted(map(re.escape, FALLBACK_MINERALS), key=len, reverse=True)))
    return tuple(MineralMention(m.start(), m.end(), m.group(0)) for m in pat.finditer(text))


def mineral_mentions(doc) -> list[MineralMention]:
    """Every mineral mention: the minerals component's spans when it ran, else a lexicon."""
    found: list[MineralMention] = []
    text = doc._.text
    if "minerals" in doc.spans and len(doc.spans["minerals"]):
        for sp in doc.spans["minerals"]:
            f = sp._.fields or {}
            canon = f.get("canonical") or sp.text
            locs = f.get("mentions") or [(sp.start_char, sp.end_char)]
            for loc in locs:
                s, e = (loc[0], loc[1]) if isinstance(loc, tuple | list) else (loc.start, loc.end)
                found.append(MineralMention(s, e, canon))
        found.sort(key=lambda m: m.start)
        # keep product words the catalogue lacks (螺纹钢, 焦炭) from the fallback lexicon
        extra = [m for m in _fallback_mineral_mentions(text)
                 if not any(f.start < m.end and m.start < f.end for f in found)]
        return sorted(found + extra, key=lambda m: m.start)
    return list(_fallback_mineral_mentions(text))


# --- tables written as text ---------------------------------------------------

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


@lru_cache(maxsize=64)
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


def in_text_table(text: str, pos: int) -> TextTable | None:
    for t in text_tables(text):
        if t.start <= pos < t.end:
            return t
    return None


# --- quantities ---------------------------------------------------------------


@dataclass(frozen=True)
class Qty:
    start: int
    end: int
    text: str
    value: float | None
    value_max: float | None
    unit: str | None
    comparator: str | None
    normalized_value: float | None
    normalized_value_max: float | None
    normalized_unit: str | None
    direction: str | None = None


def _adapt(q, base: int = 0) -> Qty:
    g = lambda *names: next((getattr(q, n) for n in names if getattr(q, n, None) is not None), None)  # noqa: E731
    start = g("start")
    end = g("end")
    return Qty(
        start=(start or 0) + base,
        end=(end or 0) + base,
        text=g("text", "surface") or "",
        value=g("value"),
        value_max=g("value_max"),
        unit=g("unit"),
        comparator=g("comparator"),
        normalized_value=g("normalized_value"),
        normalized_value_max=g("normalized_value_max"),
        normalized_unit=g("normalized_unit"),
        direction=g("direction"),
    )


def quantity_grammar_available() -> bool:
    try:
        from extractor.grammars import quantity  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=64)
def quantities(text: str) -> tuple[Qty, ...]:
    """Every quantity of the text (empty when the quantity grammar is not there yet)."""
    try:
        from extractor.grammars.quantity import find_quantities
    except ImportError:
        return ()
    return tuple(_adapt(q) for q in find_quantities(text))


def parse_quantity(s: str) -> Qty | None:
    try:
        from extractor.grammars.quantity import parse_quantity as pq
    except ImportError:
        return None
    q = pq(s)
    return None if q is None else _adapt(q)


def in_closed_parens(text: str, pos: int, before: int) -> bool:
    """True when `pos` lies in a bracket group (…) / （…） that closes before `before`."""
    depth_open = -1
    for i in range(pos - 1, max(-1, pos - 40), -1):
        c = text[i]
        if c in ")）":
            return False
        if c in "(（":
            depth_open = i
            break
    if depth_open < 0:
        return False
    for j in range(pos, min(len(text), before)):
        if text[j] in ")）":
            return True
    return False


# --- spans --------------------------------------------------------------------


def add_span_unique(doc, key: str, start: int, end: int, label: str, fields: dict):
    """`base.add_span` (kept as the one call site of the report components).

    Until a62576c spaCy keyed span extensions by (start_char, end_char) only, so two
    spans on the same characters shared `_.fields` (a policy event on the title's
    characters turned the title into a policy event). `base.add_span` now gives every
    span its own id, so nothing needs nudging here; the wrapper stays so the components
    have one place to change if the storage changes again.
    """
    from extractor.pipelines.base import add_span

    return add_span(doc, key, start, end, label, fields)
