"""One number of the quantity grammar (`extractor.grammars.quantity`): NUMBER
[magnitude] [余|多] [unit] at an offset of the folded text, Chinese numerals and
approximate numerals (三五天) included, the context checks on its unit, and the
normalisation of value and unit (see the grammar's docstring)."""

from __future__ import annotations

import re
from typing import NamedTuple

from extractor.grammars.numerals import CN_BIG, CN_DIGITS, CN_UNITS, cn_to_number
from extractor.grammars.quantity_lexicon import ARABIC, CN_RUN, regexes, tables

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
        value = float(numtext.replace(",", ""))
        j = m.end()
        num_end = j
        sp = 1 if w[j : j + 1] == " " else 0
        mag_text, mag = "", 1.0
        mm = rx.mag.match(w, j + sp)
        um0 = _unit_at(w, j + sp) if mm else None
        if mm and (um0 is None or len(um0.group(0)) < len(mm.group(0))):
            mag_text, mag = mm.group(0), t.magnitudes[mm.group(0)]
            j = mm.end()
            # mixed number: 11万4000吨, 3亿4500万吨
            m2 = re.compile(r"\d+(?![\d.])").match(w, j)
            if m2 and float(m2.group(0)) < mag:
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
        ok_year = _is_year_like(numtext) and not mag_text
    else:
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
        if s[0] in CN_BIG or s in ("百", "千", "佰", "仟"):
            return None  # 千米桥 (a place name), 万一
        mag_text, mag = "", 1.0
        value = None
        value_hi = None
        for big in ("万亿", "亿", "万"):
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
    # mid comparator (3万余吨, 10多个) only when a unit follows it
    mid, mid_span = None, None
    md = rx.mid.match(w, j + sp)
    if md and _unit_at(w, md.end()):
        mid, mid_span = md.group(0), (md.start(), md.end())
        j, sp = md.end(), 0
    unit = None
    um = _unit_at(w, j + sp)
    if um is None and not chinese and w[j : j + 2] == "  ":
        um = _unit_at(w, j + 2)  # 185万  吨 (PDF spacing)
    if um:
        unit = um.group(0)
        j = um.end()
    return Part(i, j, num_end, value, mag_text, mag, unit, mid, mid_span, chinese, ok_year, value_hi)


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
    if first == "日":
        k = p.start - 1
        while k >= 0 and w[k] == " ":
            k -= 1
        if k >= 0 and w[k] in "月(（第":  # 5月27日, 昨日(9日)
            return False
        if w[p.end : p.end + 1] in (")", "）"):
            return False
    return True


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
