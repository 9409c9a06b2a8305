"""One number of the quantity grammar (`extractor.grammars.quantity`): NUMBER
[magnitude] [余|多] [unit] at an offset of the folded text, Chinese numerals and
approximate numerals (三五天) included, the context checks on its unit, and the
normalisation of value and unit (see the grammar's docstring)."""

from __future__ import annotations

import re
from typing import NamedTuple

from extractor.grammars.numerals import CN_BIG, CN_CHARS, CN_DIGITS, CN_UNITS, cn_to_number
from extractor.grammars.quantity_lexicon import ARABIC, CN_RUN, CN_THOUSANDS, regexes, tables

# ------------------------------------------------------------------ scanning


class Part(NamedTuple):
    start: int
    end: int  # end of number [+ magnitude] [+ mid] [+ unit]
    num_end: int
    value: float
    mag_text: str
    mag: float
    unit: str | None  # without magnitude
    mid: str | None
    mid_span: tuple[int, int] | None
    chinese: bool
    ok_year_check: bool
    value_hi: float | None = None  # approximate numerals: 三五 -> 3..5
    unit_start: int = -1  # where the unit starts (-1: no unit)


# GB/T 15835 approximate numerals: two neighbouring digits without 顿号 (三五天, 十三四吨,
# 七八十种, 两三个); 三五 is the one non-adjacent pair in use.
_APPROX = re.compile(
    "^(?P<pre>[一二三四五六七八九]?十)?(?P<a>[一两二三四五六七八])(?P<b>[两二三四五六七八九])(?P<unit>[十百千]?)$"
)


def cn_approx(s: str) -> tuple[float, float] | None:
    """三五 -> (3, 5), 十三四 -> (13, 14), 七八十 -> (70, 80); None otherwise."""
    m = _APPROX.match(s)
    if not m:
        return None
    a, b = CN_DIGITS[m.group("a")], CN_DIGITS[m.group("b")]
    if not (b - a == 1 or (a, b) == (3, 5)):
        return None
    if m.group("pre") and m.group("unit"):
        return None
    base = cn_to_number(m.group("pre")) if m.group("pre") else 0.0
    unit = CN_UNITS[m.group("unit")] if m.group("unit") else 1
    return base + a * unit, base + b * unit


def _is_year_like(numtext: str) -> bool:
    return bool(re.fullmatch(r"[12]\d{3}", numtext))


def _unit_at(w: str, j: int) -> re.Match | None:
    m = regexes().unit.match(w, j)
    if not m:
        return None
    term = m.group(0)
    if term[-1].isascii() and term[-1].isalpha() and m.end() < len(w) and w[m.end()].isascii() and w[m.end()].isalpha():
        return None  # 5G, 10000 hp
    return m


def part_at(w: str, i: int, chinese: bool) -> Part | None:
    """Parse NUMBER [magnitude] [余|多] [unit] at i."""
    rx = regexes()
    t = tables()
    value_hi = None
    if not chinese:
        m = ARABIC.match(w, i)
        if not m:
            return None
        numtext = m.group(0)
        value = float(numtext.replace(",", "").replace(" ", ""))
        j = m.end()
        frac = _share_fraction(w, i, m)
        if frac is not None:
            return frac
        cm = _cn_thousands(w, i, j)
        if cm is not None:
            numtext, j = cm.group(0), cm.end()
            value = float(numtext.replace("，", ""))
        num_end = j
        sp = 1 if w[j : j + 1] == " " else 0
        mag_text, mag = "", 1.0
        mid, mid_span = _mid_before_magnitude(w, j)
        if mid:
            j, sp = mid_span[1], 0
        mm = rx.mag.match(w, j + sp)
        um0 = _unit_at(w, j + sp) if mm else None
        if mm and (um0 is None or len(um0.group(0)) < len(mm.group(0))):
            mag_text, mag = mm.group(0), t.magnitudes[mm.group(0)]
            j = mm.end()
            # mixed number: 11万4000吨, 3亿4500万吨
            m2 = _DIGITS.match(w, j)
            if m2 and not mid and float(m2.group(0)) < mag:
                v2 = float(m2.group(0))
                k = m2.end()
                mm2 = rx.mag.match(w, k)
                mag2 = 1.0
                if mm2 and t.magnitudes[mm2.group(0)] < mag:
                    mag2 = t.magnitudes[mm2.group(0)]
                    k = mm2.end()
                value = value * mag + v2 * mag2
                mag_text, mag = "", 1.0
                j = k
                num_end = k
            sp = 0
        elif mid:  # 多 without a magnitude after it: the ordinary path below
            mid, mid_span, j, sp = None, None, num_end, 1 if w[num_end : num_end + 1] == " " else 0
        ok_year = _is_year_like(numtext) and not mag_text
    else:
        if w[i] == "半":  # START admits it only as a share (近半, 过半数)
            return _share(i, i + 1, 1, 2, True)
        if w.startswith("百分之", i):
            m = CN_RUN.match(w, i + 3)
            if not m:
                return None
            v = cn_to_number(m.group(0))
            if v is None:
                return None
            return Part(i, m.end(), m.end(), v, "", 1.0, "%", None, None, True, False)
        m = CN_RUN.match(w, i)
        if not m:
            return None
        s = m.group(0)
        share = _cn_share(w, i, m)
        if share is not None:
            return share
        mag_text, mag = "", 1.0
        value = None
        value_hi = None
        if s[0] in CN_BIG or s in ("百", "千", "佰", "仟"):
            if not _BARE_ROUND.search(w, max(0, i - 2), i) or s not in t.magnitudes and s not in "百千":
                return None  # 千米桥 (a place name), 万一
            if s in t.magnitudes:  # 过亿吨, 近万亿
                value, mag_text, mag = 1.0, s, t.magnitudes[s]
            else:  # 近百家
                value = float(CN_UNITS[s])
        for big in ("万亿", "亿", "万") if value is None else ():
            head = s[: -len(big)]
            if s.endswith(big) and head and not any(c in CN_BIG for c in head):
                hv = cn_to_number(head)
                if hv is None and cn_approx(head):
                    hv, value_hi = cn_approx(head)
                if hv is not None:
                    value, mag_text, mag = hv, big, t.magnitudes[big]
                break
        if value is None:
            value = cn_to_number(s)
        if value is None and cn_approx(s):
            value, value_hi = cn_approx(s)
        if value is None:
            return None
        j = m.end()
        num_end = j
        sp = 0
        ok_year = False
        mid, mid_span = None, None
        if not mag_text:  # 三十多万吨
            mid, mid_span = _mid_before_magnitude(w, j)
            if mid:
                mm = rx.mag.match(w, mid_span[1])
                mag_text, mag = mm.group(0), t.magnitudes[mm.group(0)]
                j = mm.end()
    # mid comparator (3万余吨, 10多个, 1亿多度) only when a unit follows it
    md = rx.mid.match(w, j + sp) if not mid else None
    if md and _unit_at(w, md.end()):
        mid, mid_span = md.group(0), (md.start(), md.end())
        j, sp = md.end(), 0
    unit, unit_start = None, -1
    um = _unit_at(w, j + sp)
    if um is None and not chinese and w[j : j + 2] == "  ":
        um = _unit_at(w, j + 2)  # 185万  吨 (PDF spacing)
    if um:
        unit, unit_start = um.group(0), um.start()
        j = um.end()
    return Part(i, j, num_end, value, mag_text, mag, unit, mid, mid_span, chinese, ok_year, value_hi,
                unit_start)


_DIGITS = re.compile(r"\d+(?![\d.])")
# a bare 百/千/万/亿 counts as one of it after an approximation word (近百家, 过亿吨, 接近百元,
# 逾千万); the word itself is read as the quantity's comparator
_BARE_ROUND = re.compile(r"(?<![最附邻通不越度跨错路])(?<!(?<!已)经)[近过逾超]$")


def _cn_thousands(w: str, i: int, j: int) -> re.Match | None:
    """2，100万吨: full-width commas as thousands separators, only where a magnitude or a
    unit follows the last group and the number is not the tail of a list (1，2，100吨)."""
    if w[j : j + 1] != "，" or (i >= 2 and w[i - 1] == "，" and w[i - 2].isdigit()):
        return None
    cm = CN_THOUSANDS.match(w, i)
    if cm is None or cm.end() <= j:
        return None
    k = cm.end() + (1 if w[cm.end() : cm.end() + 1] == " " else 0)
    if regexes().mag.match(w, k) or _unit_at(w, k):
        return cm
    return None


def _mid_before_magnitude(w: str, j: int) -> tuple[str | None, tuple[int, int] | None]:
    """多/余 between a number and its magnitude (5000多万元, 20多亿, 三十多万吨)."""
    rx = regexes()
    md = rx.mid.match(w, j)
    if md and rx.mag.match(w, md.end()):
        return md.group(0), (md.start(), md.end())
    return None, None


# ------------------------------------------------------------ shares as percentages
# corpora/README.md: fractions as percentages (四分之一 -> 25 %), 一半 -> 50 %.

_CN_FRACTION_DEN = re.compile(f"分之([{CN_CHARS}]+)")
# an Arabic fraction is a share only after one of these (占全球的1/4, 约1/3, 超过1/2) …
_SHARE_BEFORE = "的占约近逾超过足到达为有"
# … and before punctuation, the end, one of these (1/3左右, 1/4以上的) or a verb whose subject
# the share is (年收入的1/4来自中国, 仅有1/4达到); 1/3焦煤 is a grade
_SHARE_AFTER = re.compile(r"[的多强弱]|以上|以下|以内|左右|上下|不到|来自|达到|用于|属于|是|为|被|将|已|都")
_ARABIC_DEN = re.compile(r"/(\d{1,3})(?![\d./])")


def _share(i: int, end: int, num: float, den: float, chinese: bool) -> Part | None:
    if not den or num <= 0 or num > den:
        return None
    v = round(num / den * 100, 2)
    return Part(i, end, end, v, "", 1.0, "%", None, None, chinese, False, None, end)


def _cn_share(w: str, i: int, m: re.Match) -> Part | None:
    """四分之一 -> 25 %, 三分之二 -> 66.67 %, 一半 -> 50 % (not 另一半, 一半是)."""
    fm = _CN_FRACTION_DEN.match(w, m.end())
    if fm:
        num, den = cn_to_number(fm.group(1)) or 0, cn_to_number(m.group(0)) or 0
        return _share(i, fm.end(), num, den, True)
    if m.group(0) == "一" and w.startswith("半", m.end()):
        if (i and w[i - 1] in "另这那") or w[m.end() + 1 : m.end() + 2] in ("是", "儿"):
            return None
        return _share(i, m.end() + 1, 1, 2, True)
    return None


def _share_fraction(w: str, i: int, m: re.Match) -> Part | None:
    """1/4 -> 25 % where it is a share (see _SHARE_BEFORE / _SHARE_AFTER); else None."""
    dm = _ARABIC_DEN.match(w, m.end())
    if not dm or not i or w[i - 1] not in _SHARE_BEFORE or "." in m.group(0) or "," in m.group(0):
        return None
    k = dm.end()
    nxt = w[k : k + 1]
    if nxt and "\u4e00" <= nxt <= "\u9fff" and not _SHARE_AFTER.match(w, k):
        return None
    return _share(i, k, float(m.group(0)), float(dm.group(1)), False)


def unit_ok(w: str, p: Part) -> bool:
    """Context checks on the unit (years, dates, classifiers after Chinese numerals)."""
    t = tables()
    if p.unit is None:
        return True
    first = p.unit.split("/")[0]
    info = t.units.get(first)
    if info is None:
        return False
    if p.chinese and p.unit != "%":
        if not info.cn:
            return False
        numtext = w[p.start : p.num_end]
        if info.cn10 and p.value * p.mag < 10 and len(numtext) < 2:
            return False
    if first == "年":
        if p.ok_year_check:
            return False
        if w[p.end : p.end + 1] in ("代", "度", "级", "底", "初", "末"):
            return False
        if w[p.end : p.end + 2] in ("规划", "计划"):  # 第十五个五年规划
            return False
    if first in CONTEXT_UNITS:
        return CONTEXT_UNITS[first](w, p)
    if first == "日":
        k = p.start - 1
        while k >= 0 and w[k] == " ":
            k -= 1
        if k >= 0 and w[k] in "月(（第":  # 5月27日, 昨日(9日)
            return False
        if w[p.end : p.end + 1] in (")", "）"):
            return False
    return True


# ------------------------------------------------- units that need their context
# 度 is a kilowatt-hour only after a magnitude (4.7万亿度), before 电 (1000度电) or after an
# electricity word in its clause (电耗从14500度), never near a temperature or an angle word
# (零下5度, 30度高温, 45度角); 分/角/厘 are money only after a price word in their clause
# (电价上调0.4分, 每吨钢材成本会增加5角多, 电价上调仅四厘), never in a time (8时40分), and
# before punctuation or 钱/多/左右/以上/的 (not 5分钟, 3分之1, 十分重要). A number whose unit fails
# these checks keeps its other parts (5万分 -> 5万), see `without_unit`.

_CLAUSE_END = "，。；！？,;!?\n"
_POWER_WORDS = re.compile("电|千瓦时")
_HEAT_WORDS = re.compile("温|摄氏|零下|零上|角|纬|经|坡|倾|沸|熔|烧")
_PRICE_WORDS = re.compile(r"价|元|钱|费|成本|每(?:吨|度|千瓦时|公斤|千克|斤|立方米|股|桶)")
_SUBUNIT_NEXT = "钱多余左以的"


def _left_clause(w: str, start: int, width: int = 16) -> str:
    lo = max(0, start - width)
    k = max(w.rfind(c, lo, start) for c in _CLAUSE_END)
    return w[max(lo, k + 1) : start]


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _energy_ok(w: str, p: Part) -> bool:
    left = _left_clause(w, p.start)
    right = w[p.end : p.end + 6]
    if _HEAT_WORDS.search(left) or "温" in right or right[:1] == "角":
        return False
    return bool(p.mag_text) or right[:1] == "电" or bool(_POWER_WORDS.search(left))


def _money_subunit_ok(w: str, p: Part) -> bool:
    nxt = w[p.end : p.end + 1]
    if nxt and _is_cjk(nxt) and nxt not in _SUBUNIT_NEXT:
        return False
    if p.start and w[p.start - 1] in "时点:：":
        return False
    if p.chinese and w[p.start : p.num_end] == "十":  # 十分
        return False
    return bool(_PRICE_WORDS.search(_left_clause(w, p.start)))


CONTEXT_UNITS = {
    "度": _energy_ok, "分": _money_subunit_ok, "角": _money_subunit_ok, "厘": _money_subunit_ok,
}


def without_unit(w: str, p: Part) -> Part | None:
    """`p` without a context unit it failed (5万分 -> 5万); None for any other unit."""
    if p.unit is None or p.unit.split("/")[0] not in CONTEXT_UNITS:
        return None
    end, mid, mid_span = p.unit_start, p.mid, p.mid_span
    if mid_span and mid_span[1] == end:  # 10多分钟: the 多 went with the unit
        end, mid, mid_span = mid_span[0], None, None
    while end > p.num_end and w[end - 1] == " ":
        end -= 1
    return p._replace(end=end, unit=None, unit_start=-1, mid=mid, mid_span=mid_span)


def normalize_value(value: float, mag: float, unit: str | None) -> tuple[float | None, str | None]:
    t = tables()
    if unit is None:
        return clean(value * mag), None
    num, _, den = unit.partition("/")
    ni = t.units.get(num)
    if ni is None:
        return None, None
    if not den:
        if ni.multiplier is None:
            return clean(value * mag), ni.symbol
        return clean(value * mag * ni.multiplier), ni.base
    di = t.units.get(den)
    if di is None:
        return None, None
    if ni.multiplier is not None and di.multiplier is not None and ni.base != di.base and not ni.keep:
        return clean(value * mag * ni.multiplier / di.multiplier), f"{ni.base}/{di.base}"
    return clean(value * mag), f"{ni.symbol}/{di.symbol}"


def clean(x: float) -> float:
    return float(f"{x:.12g}")
