"""Quantity grammar: numbers with magnitude, unit, range and comparator.

Pure functions over a string; no spaCy. The data (units, magnitudes, comparators,
range markers, direction words) lives in `extractor/data/units.tsv`.

API
---
`find_quantities(text, *, bare=False) -> list[Quantity]`
    Every quantity in `text`, left to right, non-overlapping. Offsets are code
    points into `text` (the input is folded 1:1, so offsets never shift).
    With `bare=False` (default) a number counts only when it has a unit, a
    magnitude (1.4亿), the 百分之 form, or an inequality comparator (1 以上);
    `bare=True` also returns plain numbers (for table cells).
`parse_quantity(s) -> Quantity | None`
    `s` (stripped) must be exactly one quantity; else None.

What a quantity looks like (parts in brackets are optional)::

    [comparator] [sign] NUMBER [magnitude] [余|多] [unit[/unit]] [range NUMBER [magnitude] [unit]] [comparator]

- NUMBER: ASCII or full-width digits, thousands separators (1,500), a decimal
  point, the full-width "。" used as a decimal point when a magnitude or unit
  follows (1。5亿吨, as in corpus file 21), mixed forms (11万4000吨), or Chinese
  numerals on the span only (二十五万立方米, 百分之二十, 十五个省份, 每立方米三十克)
  and approximate numerals (三五天 -> 3..5, 十三四吨 -> 13..14, 七八十种 -> 70..80).
  Chinese numerals need a unit; classifiers (个, 家, 项 …) need a Chinese
  numeral of at least 十, so 四个意识 / 一种 are not quantities.
- `unit` is kept as written with its magnitude (万吨, 亿立方米, 万元/吨, 千瓦时/吨);
  `value` is the number as written (1500 for 1500万吨) and `magnitude` its
  multiplier (1e4). Mixed numbers are resolved: 11万4000吨 -> value 114000, unit 吨.
  百分之二十 -> value 20, unit "%".
- Ranges (3%—5%, 1~2个, 5-10%, 3%～5%, 300~400万吨, 3万～5万吨): `value` is the
  low end, `value_max` the high end; a unit or magnitude written once applies to
  both ends (GB/T 15835 unit elision).
- Comparators before (不高于 13000) or after (30%以上, 500kA 及以上) the number, or
  between number, magnitude and unit (3万余吨, 5000多万元, 20多亿, 1亿多度).
  `comparators` lists all of them; `comparator` / `comparator_position` /
  `relation` name the governing one (an inequality beats an approximation, which
  beats a target-level verb: 提升至30%以上 -> 以上, >=).
- Normalisation (`normalized_value`, `normalized_unit`): mass -> t, energy ->
  kWh (tce / toe kept), power -> kW, money -> CNY (USD kept), volume -> m3,
  % stays %, 个百分点 -> pp; compound units are kept compound (kWh/t, CNY/t, t/a).
  Units without a factor (个, 人, toe) keep their symbol; the value is then only
  multiplied by the magnitude.
- `direction` is "up" / "down" from a sign (−9.89%) or a change word right
  before the number (同比增长30.15%, 下降13.5%, 下跌了65元, 跌幅为0.55%); the value
  stays as written except for an explicit sign. A change word covers a list
  (下降11.40%和9.85%: both down; a sign does not).
- Lists: a unit and magnitude written once after the last number of a list (和 与 及
  以及 、, a hard line wrap after the joiner allowed) belong to every number (61.35和47.08个百分点,
  1.2、1.5和2亿吨), and a unit written short before the full one is the full one
  (1.6个和0.8个百分点); the span of each number stays its own.
- Shares are percentages (corpora/README.md): 四分之一 -> 25 %, 三分之一 -> 33.33 %
  (two decimals), 一半 -> 50 % (not 另一半 / 一半是), and an Arabic 1/4 only where it is a
  share (after 的 占 约 近 超过 …, before punctuation or 以上/左右/的: not 1/3焦煤).
- Units that need their context (`quantity_parts.CONTEXT_UNITS`): 度 is kWh after a
  magnitude (4.7万亿度), before 电 or after an electricity word in its clause
  (电耗从14500度), never near a temperature or angle word (零下5度, 30度高温, 45度角);
  分/角/厘 are money (0.01/0.1/0.001 CNY) after a price word in their clause
  (电价上调0.4分, 每吨成本上涨3角, 电价上调仅四厘), not in 8时40分, 5分钟, 十分.

Modules: `quantity_lexicon` (the units.tsv tables, the regexes built from them, folding
and masks), `quantity_parts` (one number with its magnitude and unit, the unit checks,
normalisation), this one (the scan that joins parts into ranges with comparators, sign
and direction; the API; EXAMPLES).

A number with no unit is a quantity (`unit` None, `reading` set) only as the reading of an
index, a ratio or a rate (the `index` rows of units.tsv: PMI回落至49.5, 美指收盘81.3, 比值为8.12;
at most 10 characters after the word, with no comma and no number but a date between), as the
next number a comparison word ties to such a reading (从5月份的61.2降至58.4, …为8.12，高于前一日
8.05), as an a:b ratio with 1 on one side (value: the other side) after an index word or
before a ratio word (7：1的汇率, 欧元兑美元1:1.3), or as a range of readings before 区间/范围
(在3100—3250的区间内). A year (1900-2099), a Chinese numeral and a number after 第 never are.

Never quantities: years (2027年, 二〇二五年, 2026—2030年), dates (2024-05-21,
5月27日, 1—4月), times, document numbers (〔2025〕62号, 第242号), ordinals (第3批),
list numbers (1. 一、), numbers glued to Latin letters (HCFC-22, PM2.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extractor.grammars.numerals import CN_BIG, CN_CHARS
from extractor.grammars.numerals import cn_to_number as cn_to_number  # re-exported
from extractor.grammars.quantity_lexicon import ARABIC, START, fold, masked, regexes, tables
from extractor.grammars.quantity_lexicon import MASKS as MASKS  # re-exported
from extractor.grammars.quantity_parts import (
    Part,
    clean,
    normalize_value,
    part_at,
    unit_ok,
    without_unit,
)

# ------------------------------------------------------------------ the result


@dataclass(frozen=True)
class Comparator:
    text: str
    relation: str  # >=, <=, >, <, ~, =
    position: str  # before | after | mid
    start: int
    end: int


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float
    value_max: float | None = None
    unit: str | None = None
    magnitude: float = 1.0
    comparator: str | None = None
    comparator_position: str | None = None
    relation: str | None = None
    comparators: tuple[Comparator, ...] = ()
    normalized_value: float | None = None
    normalized_value_max: float | None = None
    normalized_unit: str | None = None
    direction: str | None = None
    chinese: bool = False
    number_start: int = 0
    number_end: int = 0
    approximate: bool = field(default=False)
    reading: str | None = None  # the index a unitless number reads (PMI回落至49.5 -> PMI)

    def as_dict(self) -> dict:
        """Plain fields, handy for tests and for the model fields of a span."""
        return {
            "text": self.text,
            "value": self.value,
            "value_max": self.value_max,
            "unit": self.unit,
            "comparator": self.comparator,
            "normalized_value": self.normalized_value,
            "normalized_value_max": self.normalized_value_max,
            "normalized_unit": self.normalized_unit,
        }


_PRIORITY = {">=": 0, "<=": 0, ">": 0, "<": 0, "~": 1, "=": 2}


def _scan(text: str, bare: bool) -> list[Quantity]:
    w = fold(text)
    mask = masked(w)
    out: list[Quantity] = []
    pos = 0
    while True:
        sm = START.search(w, pos)
        if not sm:
            break
        i = sm.start()
        chinese = not w[i].isdigit()
        if mask[i]:
            pos = i + 1
            continue
        prev = w[i - 1] if i else ""
        # not inside another number or a Latin identifier
        if prev and (prev.isdigit() or prev in ".," or (prev.isascii() and prev.isalpha())):
            pos = _skip_number(w, i)
            continue
        if not chinese and prev == "-" and i >= 2 and w[i - 2].isascii() and w[i - 2].isalnum():
            pos = _skip_number(w, i)  # HCFC-22
            continue
        if chinese and prev and prev in CN_CHARS:
            pos = i + 1
            continue
        q, nxt = _at(w, text, i, chinese, mask, bare, out[-1] if out else None)
        if q is not None:
            if out and q.direction is None and out[-1].direction and w[out[-1].start] not in "+-" \
                    and _in_list(w, out[-1], q):
                q = replace(q, direction=out[-1].direction)  # 下降11.40%和9.85%
            out.append(q)
            pos = q.end
        else:
            pos = max(nxt, i + 1)
    return _with_doublings(w, out)


# 翻番 / 翻一番 doubles (2 倍), 翻两番 doubles twice (4 倍): corpora/README.md rule 5; 翻了两倍 is read
# as written by the scan (两倍)
_DOUBLING = re.compile(r"翻(一|两)?番")
_DOUBLING_TIMES = {None: 2.0, "一": 2.0, "两": 4.0}


def _with_doublings(w: str, found: list[Quantity]) -> list[Quantity]:
    extra = [Quantity(m.start(), m.end(), m.group(0), _DOUBLING_TIMES[m.group(1)], unit="倍",
                      normalized_value=_DOUBLING_TIMES[m.group(1)], normalized_unit="倍", direction="up",
                      chinese=True, number_start=m.start(), number_end=m.end())
             for m in _DOUBLING.finditer(w)
             if not any(q.start < m.end() and m.start() < q.end for q in found)]
    return sorted(found + extra, key=lambda q: q.start) if extra else found


def _skip_number(w: str, i: int) -> int:
    m = ARABIC.match(w, i)
    return m.end() if m else i + 1


def _at(w: str, text: str, i: int, chinese: bool, mask: list[bool], bare: bool, prev: Quantity | None = None):
    t = tables()
    rx = regexes()
    p1 = part_at(w, i, chinese)
    if p1 is None:
        return None, _skip_number(w, i)
    if not unit_ok(w, p1):
        bare_p1 = without_unit(w, p1)
        if bare_p1 is None:
            return None, p1.num_end
        p1 = bare_p1
    lo, hi = p1, None
    # range
    rm = rx.rng.match(w, p1.end)
    if rm and rm.end() < len(w) and not mask[rm.end()]:
        j = rm.end()
        ch2 = not w[j].isdigit()
        if ch2 == chinese and (w[j].isdigit() or (w[j] in CN_CHARS and w[j] not in CN_BIG)):
            p2 = part_at(w, j, ch2)
            if p2 is not None and unit_ok(w, p2):
                u1, u2 = p1.unit, p2.unit
                ok = False
                if u1 is None and u2 is not None:
                    ok = True
                elif u1 is not None and u1 == u2 and p1.mag == p2.mag:
                    ok = True
                elif u1 is not None and u2 is not None and u2.startswith(u1 + "/") and p1.mag == p2.mag:
                    ok = True  # 3000元至3500元/吨: the denominator written once, at the end
                elif u1 is None and u2 is None and (p2.mag_text or p1.mag_text):
                    ok = True
                elif u1 is None and u2 is None and (bare or _RANGE_NOUN.match(w, p2.end)):
                    ok = True  # 在3100—3250的区间内: a range of readings (a price band, no unit)
                if ok:
                    mag1 = p1.mag if p1.mag_text else p2.mag
                    if p1.value * mag1 < p2.value * p2.mag:
                        hi = p2
                        lo = p1._replace(mag=mag1, mag_text=p1.mag_text or p2.mag_text, unit=p2.unit)
    if hi is None and lo.unit is None and not lo.mag_text and not chinese:
        lo = _shared_unit(w, lo, mask)
    elif hi is None and lo.unit is not None and not chinese:
        lo = _completed_unit(w, lo, mask)
    last = hi or lo
    if last.unit is None and last.end < len(w) and w[last.end].isascii() and w[last.end].isalpha() and not bare:
        return None, last.end
    start, end = lo.start, last.end
    ratio = None
    if hi is None and last.unit is None and not lo.mag_text and not chinese and not bare:
        ratio = _ratio_after(w, lo)  # 7：1, 1:1.3
        if ratio is not None:
            end = ratio[1]
    comps: list[Comparator] = []
    direction = None
    # sign
    value = lo.value
    if not chinese and start >= 1 and w[start - 1] in "+-" and (
        start < 2 or not (w[start - 2].isascii() and w[start - 2].isalnum())
    ):
        if hi is None:
            if w[start - 1] == "-":
                value = -value
                direction = "down"
            else:
                direction = "up"
            start -= 1
    # 每立方米三十克: per-unit prefix
    unit_written = None
    pm = rx.per.search(w[max(0, start - 8) : start])
    per_den = None
    if pm and last.unit and "/" not in last.unit:
        per_den = pm.group(1)
        start = start - (len(pm.group(0)))
    # suffix comparator
    sm = rx.suffix.match(w, end)
    if sm:
        info = t.comparators[sm.group(1)]
        after = w[sm.end() : sm.end() + 1]
        if not (info.not_before and after and after in info.not_before):
            comps.append(Comparator(text[sm.start(1) : sm.end(1)], info.relation, "after", sm.start(1), sm.end(1)))
            end = sm.end()
    elif _trailing_mid(w, end, last):  # 3角多。 两倍多，(not 5吨多晶硅)
        comps.append(Comparator(text[end], t.comparators[w[end]].relation, "after", end, end + 1))
        end += 1
    if lo.mid:
        comps.append(Comparator(lo.mid, t.comparators[lo.mid].relation, "mid", *lo.mid_span))
    # prefix comparator
    pre = rx.prefix.search(w[max(0, start - 6) : start])
    pstart = start
    if pre:
        word = pre.group(1)
        info = t.comparators[word]
        ws = start - len(pre.group(0))
        before = w[ws - 1] if ws > 0 else ""
        nxt = w[ws + len(word) : ws + len(word) + 1]
        if not (info.not_after and before and before in info.not_after) and not (
            info.not_before and nxt and nxt in info.not_before
        ):
            comps.insert(0, Comparator(word, info.relation, "before", ws, ws + len(word)))
            pstart = ws
    # direction word right before (outside the span)
    if direction is None:
        dm = rx.direction.search(w[max(0, pstart - 4) : pstart])
        if dm:
            direction = t.directions[dm.group(1)]
    # acceptance
    has_unit = last.unit is not None or bool(last.mag_text) or bool(lo.mag_text)
    has_ineq = any(c.relation in (">=", "<=", ">", "<") and c.position != "mid" for c in comps)
    reading = None
    if not bare and not has_unit and not chinese and not (lo.ok_year_check and 1900 <= lo.value < 2100) \
            and w[start - 1 : start] != "第":
        if hi is not None and _RANGE_NOUN.match(w, hi.end):
            reading = "区间"
        else:
            reading = _index_reading(w, pstart, lo.start, end, prev, ratio is not None)
        if ratio is not None and reading is None:
            end = last.end
    if not bare and not has_unit and not has_ineq and reading is None:
        return None, last.end
    if ratio is not None and reading is not None:
        value = ratio[0]
    elif reading is not None and hi is None and "." not in w[lo.start : lo.num_end]:
        dec = _CJK_DECIMAL.match(w, end)  # 指数初值为51。1，: the full-width 。 as a decimal point
        if dec is not None:
            value, end = float(w[lo.start : lo.num_end].replace(",", "") + "." + dec.group(1)), dec.end()
    if bare and not has_unit and not comps:
        line_start = i == 0 or w[i - 1] == "\n"
        if line_start and w[last.end : last.end + 1] in (".", "、", "．"):
            return None, last.end
    # unit as written
    if last.unit is not None:
        unit_written = (lo.mag_text or "") + last.unit
        base_unit = last.unit
    elif lo.mag_text:
        unit_written, base_unit = lo.mag_text, None
    else:
        unit_written, base_unit = None, None
    if per_den:
        unit_written = unit_written + "/" + per_den
        base_unit = (base_unit or "") + "/" + per_den
    mag = lo.mag if (last.unit is not None or lo.mag_text) else 1.0
    approx_hi = lo.value_hi if hi is None else None  # 三五天, 十三四吨
    hi_value = hi.value if hi else approx_hi
    hi_mag = hi.mag if hi else mag
    if base_unit is None:
        nv, nu = clean(value * mag), None
        nvm = clean(hi_value * hi_mag) if hi_value is not None else None
    else:
        nv, nu = normalize_value(value, mag, base_unit)
        nvm = normalize_value(hi_value, hi_mag, base_unit)[0] if hi_value is not None else None
    gov = None
    if comps:
        gov = sorted(comps, key=lambda c: (_PRIORITY.get(c.relation, 3), c.position != "after"))[0]
    q = Quantity(
        start=pstart,
        end=end,
        text=text[pstart:end],
        value=clean(value),
        value_max=clean(hi_value) if hi_value is not None else None,
        unit=unit_written,
        magnitude=mag,
        comparator=gov.text if gov else None,
        comparator_position=gov.position if gov else None,
        relation=gov.relation if gov else None,
        comparators=tuple(comps),
        normalized_value=nv,
        normalized_value_max=nvm,
        normalized_unit=nu,
        direction=direction,
        chinese=chinese,
        number_start=lo.start,
        number_end=last.num_end,
        approximate=approx_hi is not None or any(c.relation == "~" for c in comps),
        reading=reading,
    )
    return q, end


# a unitless reading: the number after an index word (units.tsv `index` rows: PMI回落至49.5,
# 美指收盘81.3, 比值为8.12), the next number a comparison ties to such a reading (从5月份的
# 61.2降至58.4, 为8.12，高于前一日8.05), or an a:b ratio with 1 on one side before a ratio
# word (7：1的汇率); a year-like integer never is one (指数2011)
_RANGE_NOUN = re.compile(r"的?(?:区间|范围)")
_CJK_DECIMAL = re.compile(r"。(\d{1,2})(?![\d月日年号时点、.])")
_CHAINED = re.compile(r"[^\d。；;！？!?\n]{0,10}")
_CHAIN_WORD = re.compile(r"至|到|于|较|为")
_RATIO = re.compile(r"[:：](\d+(?:\.\d+)?)(?![\d.:：])")


def _ratio_after(w: str, lo: Part) -> tuple[float, int] | None:
    """An a:b ratio with 1 on one side starting at the number `lo`: (the other side, end)."""
    m = _RATIO.match(w, lo.num_end)
    if m is None or (lo.value != 1 and float(m.group(1)) != 1):
        return None
    return (float(m.group(1)) if lo.value == 1 else lo.value), m.end()


def _index_reading(w: str, start: int, num: int, end: int, prev: Quantity | None, ratio: bool) -> str | None:
    rx = regexes()
    m = rx.index_before.search(w, max(0, start - 24), start)
    if m is not None:
        return next(k for k in tables().indices if w.startswith(k, m.start()))  # longest first
    if prev is not None and prev.reading and prev.end <= start:
        gap = _CHAINED.fullmatch(w, prev.end, num)
        if gap is not None and _CHAIN_WORD.search(gap.group(0)):
            return prev.reading
    if ratio:
        am = rx.ratio_index_after.match(w, end)
        if am is not None:
            return am.group(0).lstrip("的")
    return None


# GB/T 15835 unit elision in a list: 61.35和47.08个百分点, 1.2、1.5和2亿吨 (each number
# takes the unit and magnitude written after the last one); at most _LIST_MAX numbers.
_LIST_SEP = re.compile(r" ?(?:以及|和|与|及|、)[ \n]?")  # a hard line wrap after the joiner (8.6%和\n5.3%)
_LIST_MAX = 6


def _shared_unit(w: str, p: Part, mask) -> Part:
    if p.start and w[p.start - 1] == "第":
        return p
    k = p.end
    for _ in range(_LIST_MAX):
        sep = _LIST_SEP.match(w, k)
        if not sep or sep.end() >= len(w) or not w[sep.end()].isdigit() or mask[sep.end()]:
            return p
        nxt = part_at(w, sep.end(), False)
        if nxt is None or nxt.value_hi is not None:
            return p
        if nxt.unit is None and not nxt.mag_text:
            k = nxt.end
            continue
        if not unit_ok(w, nxt) or nxt.mid:
            return p
        return p._replace(unit=nxt.unit, mag_text=nxt.mag_text, mag=nxt.mag)
    return p


def _completed_unit(w: str, p: Part, mask) -> Part:
    """1.6个和0.8个百分点: a unit that is the head of the next list item's unit is that
    unit written short (the list's unit written once in full, GB/T 15835 elision)."""
    sep = _LIST_SEP.match(w, p.end)
    if not sep or sep.end() >= len(w) or not w[sep.end()].isdigit() or mask[sep.end()]:
        return p
    nxt = part_at(w, sep.end(), False)
    if nxt is None or nxt.unit is None or nxt.mag_text != p.mag_text or nxt.value_hi is not None:
        return p
    if len(nxt.unit) > len(p.unit) and nxt.unit.startswith(p.unit) and unit_ok(w, nxt):
        return p._replace(unit=nxt.unit)
    return p


def _trailing_mid(w: str, end: int, last: Part) -> bool:
    """多/余 right after a unit, at the end of the phrase (before punctuation or 的)."""
    if last.unit is None or last.mid or w[end : end + 1] not in ("多", "余"):
        return False
    nxt = w[end + 1 : end + 2]
    return not nxt or nxt == "的" or not ("\u4e00" <= nxt <= "\u9fff")


def _in_list(w: str, a: Quantity, b: Quantity) -> bool:
    """b follows a in a list (a, b separated by 和/与/及/、 only)."""
    sep = _LIST_SEP.fullmatch(w, a.end, b.start)
    return sep is not None


def find_quantities(text: str, *, bare: bool = False) -> list[Quantity]:
    """All quantities in `text`, left to right (see the module docstring)."""
    return _scan(text, bare)


def parse_quantity(s: str) -> Quantity | None:
    """`s` as one quantity (surrounding whitespace ignored), or None."""
    body = s.strip()
    if not body:
        return None
    off = len(s) - len(s.lstrip())
    qs = _scan(s, True)
    if len(qs) == 1 and qs[0].start == off and qs[0].end == off + len(body):
        return qs[0]
    return None


# --------------------------------------------------------------------- examples
# (text, expected): expected is the list of quantities find_quantities() returns,
# each a dict of the fields to check ([] = no quantity). Tests parametrise this.

EXAMPLES: list[tuple[str, list[dict]]] = [
    # notice_003 targets
    ("力争国内铝土矿资源量增长 3%—5%，", [dict(text="3%—5%", value=3, value_max=5, unit="%", direction="up")]),
    ("再生铝产量 1500 万吨以上。", [dict(text="1500 万吨以上", value=1500, unit="万吨", comparator="以上",
                                      comparator_position="after", relation=">=",
                                      normalized_value=1.5e7, normalized_unit="t")]),
    ("产能占比提升至 30%以上，", [dict(text="提升至 30%以上", value=30, unit="%", comparator="以上", relation=">=")]),
    ("铝液交流电耗不高于 13000 千瓦时/吨、", [dict(text="不高于 13000 千瓦时/吨", value=13000, unit="千瓦时/吨",
                                              comparator="不高于", comparator_position="before", relation="<=",
                                              normalized_value=13000, normalized_unit="kWh/t")]),
    ("鼓励采用 500kA 及以上电解槽", [dict(text="500kA 及以上", value=500, unit="kA", comparator="及以上")]),
    ("力争打造1~2个煤铝共采示范性矿山", [dict(text="1~2个", value=1, value_max=2, unit="个")]),
    # ranges
    ("增长5-10%", [dict(value=5, value_max=10, unit="%")]),
    # doublings (corpora/README.md rule 5: 翻番 is 2 倍)
    ("投资额将比去年翻一番", [dict(text="翻一番", value=2, unit="倍")]),
    ("在疆投资将翻番。", [dict(text="翻番", value=2, unit="倍")]),
    ("到2020年产值翻两番", [dict(text="翻两番", value=4, unit="倍")]),
    ("价格翻了两倍多", [dict(value=2, unit="倍")]),
    # tonnes of contained metal, lithium carbonate equivalent
    ("镍矿产量为12.5万金属吨", [dict(text="12.5万金属吨", value=12.5, unit="万金属吨", normalized_value=1.25e5,
                                    normalized_unit="t")]),
    ("需求约为25万吨LCE", [dict(text="约为25万吨LCE", value=25, unit="万吨LCE", normalized_unit="tLCE")]),
    ("提高3%～5%", [dict(value=3, value_max=5, unit="%")]),
    ("300~400万吨", [dict(value=300, value_max=400, unit="万吨", normalized_value=3e6, normalized_value_max=4e6)]),
    ("3万～5万吨", [dict(value=3, value_max=5, unit="万吨", normalized_value=3e4, normalized_value_max=5e4)]),
    ("在4766元-4866元间窄幅波动", [dict(value=4766, value_max=4866, unit="元", normalized_unit="CNY")]),
    ("30%至40%", [dict(value=30, value_max=40, unit="%")]),
    ("在3000元至3500元/吨之间", [dict(text="3000元至3500元/吨", value=3000, value_max=3500, unit="元/吨",
                                     normalized_unit="CNY/t")]),
    # magnitudes and compound units
    ("国内油气供应量 4.4 亿吨油当量①", [dict(value=4.4, unit="亿吨油当量", normalized_value=4.4e8, normalized_unit="toe")]),
    ("涨至118.45万元/吨", [dict(value=118.45, unit="万元/吨", normalized_value=1184500, normalized_unit="CNY/t")]),
    ("钨矿开采总量控制指标为11万4000吨", [dict(value=114000, unit="吨", normalized_value=114000, normalized_unit="t")]),
    ("接卸能力 2 亿吨/年", [dict(value=2, unit="亿吨/年", normalized_value=2e8, normalized_unit="t/a")]),
    ("进口天然气能力 1140 亿立方米/年", [dict(value=1140, unit="亿立方米/年", normalized_value=1.14e11, normalized_unit="m3/a")]),
    ("镝价格涨至7690元/公斤", [dict(value=7690, unit="元/公斤", normalized_value=7.69e6, normalized_unit="CNY/t")]),
    ("LME 9322.50美元/吨", [dict(value=9322.5, unit="美元/吨", normalized_unit="USD/t")]),
    # per-unit prices: a denominator of power or shares; currencies by ISO code
    ("报价3500元/兆瓦", [dict(value=3500, unit="元/兆瓦", normalized_unit="CNY/kW")]),
    ("每股15澳元", [dict(text="每股15澳元", value=15, unit="澳元/股", normalized_unit="AUD/股")]),
    ("总价35亿澳元", [dict(value=35, unit="亿澳元", normalized_value=3.5e9, normalized_unit="AUD")]),
    ("约合20亿港元", [dict(value=20, unit="亿港元", normalized_unit="HKD")]),
    ("装机3G瓦", [dict(value=3, unit="G瓦", normalized_value=3e6, normalized_unit="kW")]),
    ("产量1.4亿千伏安时", [dict(value=1.4, unit="亿千伏安时", normalized_value=1.4e8, normalized_unit="kVAh")]),
    ("成交量 12,345 手", [dict(value=12345, unit="手")]),
    ("可再生能源发电量达到1.87万亿千瓦时", [dict(value=1.87, unit="万亿千瓦时", comparator="达到", relation="=",
                                              normalized_value=1.87e12, normalized_unit="kWh")]),
    ("总人口1.4亿", [dict(value=1.4, unit="亿", normalized_value=1.4e8, normalized_unit=None)]),
    ("含量不超过 50ppm", [dict(value=50, unit="ppm", comparator="不超过", normalized_unit="ppm")]),
    ("提高2个百分点", [dict(value=2, unit="个百分点", normalized_unit="pp", direction="up")]),
    ("下降3KG/吨", [dict(value=3, unit="KG/吨", normalized_unit="kg/t", direction="down")]),
    ("累计 3万余吨", [dict(value=3, unit="万吨", comparator="余", comparator_position="mid")]),
    # comparators
    ("全年新增就业1100万人以上", [dict(value=1100, unit="万人", comparator="以上", normalized_value=1.1e7, normalized_unit="人")]),
    ("城镇调查失业率6%左右", [dict(value=6, unit="%", comparator="左右", relation="~")]),
    ("占全国消费比重超过 13%", [dict(value=13, unit="%", comparator="超过", relation=">")]),
    ("含量<0.5%", [dict(value=0.5, comparator="<", relation="<")]),
    ("≥ 95%", [dict(value=95, comparator="≥")]),
    ("约30%", [dict(value=30, comparator="约", relation="~")]),
    ("逾10万吨", [dict(value=10, unit="万吨", comparator="逾")]),
    ("近5年", [dict(value=5, unit="年", comparator="近")]),
    ("最近3天", [dict(value=3, unit="天", comparator=None)]),
    ("储量接替率保持 1 以上", [dict(value=1, unit=None, comparator="以上")]),
    ("控制在5%以内", [dict(value=5, comparator="以内", relation="<=")]),
    # signs and direction
    ("环比−9.89%", [dict(value=-9.89, unit="%", direction="down")]),
    ("同比增长30.15%", [dict(value=30.15, direction="up")]),
    ("售价下跌2.06%", [dict(value=2.06, direction="down")]),
    ("当日下跌了48元，跌幅0.27%", [dict(value=48, direction="down"), dict(value=0.27, direction="down")]),
    ("涨幅为0.55%", [dict(value=0.55, direction="up")]),
    # full-width digits, 。 as decimal point, thousands separators
    ("新增１５００万吨", [dict(value=1500, unit="万吨")]),
    ("全国铁矿石进口总量将增加1。5亿吨，", [dict(text="1。5亿吨", value=1.5, unit="亿吨", normalized_value=1.5e8)]),
    ("5。5MM热轧卷板", [dict(value=5.5, unit="MM")]),
    ("完成100。2025年起", []),
    ("产量1,500吨", [dict(value=1500, unit="吨")]),
    ("产能2，100万吨", [dict(text="2，100万吨", value=2100, unit="万吨", normalized_value=2.1e7)]),
    ("产量12，345.5吨", [dict(value=12345.5, unit="吨")]),
    ("分别为1，2，100万吨", [dict(text="100万吨", value=100)]),  # a list, not 2，100
    ("序号2，100", []),
    ("产量达到1 .4亿千伏安时", [dict(value=1.4, unit="亿千伏安时", normalized_value=1.4e8)]),
    # Chinese numerals
    ("日产量低于二十五万立方米的气井", [dict(text="低于二十五万立方米", value=25, unit="万立方米",
                                             normalized_value=250000, normalized_unit="m3", chinese=True)]),
    ("减征百分之二十资源税", [dict(text="百分之二十", value=20, unit="%", normalized_unit="%")]),
    ("回落到设计产能的百分之二十以下", [dict(value=20, unit="%", comparator="以下")]),
    ("二氧化硫浓度在每立方米三十克以上的烟气", [dict(text="每立方米三十克以上", value=30, unit="克/立方米",
                                                   comparator="以上", normalized_unit="g/m3")]),
    ("涉及江西、湖南等十五个省份", [dict(text="十五个", value=15, unit="个")]),
    ("设计开采年限超过十五年", [dict(value=15, unit="年", comparator="超过")]),
    ("两万吨", [dict(value=2, unit="万吨", normalized_value=20000)]),
    ("三五天", [dict(value=3, value_max=5, unit="天", approximate=True)]),
    ("十三四吨", [dict(value=13, value_max=14, unit="吨", normalized_value_max=14)]),
    ("七八十种", [dict(value=70, value_max=80, unit="种")]),
    ("两三个百分点", [dict(value=2, value_max=3, unit="个百分点")]),
    ("七八万吨", [dict(value=7, value_max=8, unit="万吨", normalized_value_max=80000)]),
    ("“十四五”规划", []),
    ("三点五亿元", [dict(value=3.5, unit="亿元", normalized_value=3.5e8, normalized_unit="CNY")]),
    ("三至五年", [dict(value=3, value_max=5, unit="年", normalized_unit="a")]),
    ("二十五万至三十万立方米", [dict(value=25, value_max=30, unit="万立方米", normalized_value_max=300000)]),
    ("一千二百吨", [dict(value=1200, unit="吨")]),
    ("3亿4500万吨", [dict(value=345000000, unit="吨", normalized_value=345000000)]),
    ("3.5万~4万吨", [dict(value=3.5, value_max=4, unit="万吨", normalized_value=35000, normalized_value_max=40000)]),
    ("约1。5亿吨", [dict(value=1.5, comparator="约", normalized_value=1.5e8)]),
    ("有望升至≈11000美元", [dict(value=11000, comparator="≈", relation="~", normalized_unit="USD")]),
    ("占比35%及以上", [dict(value=35, comparator="及以上", relation=">=")]),
    ("成本上升了2.4元人民币/千瓦时", [dict(value=2.4, unit="元人民币/千瓦时", normalized_unit="CNY/kWh")]),
    ("节约2082亿元人民币", [dict(value=2082, unit="亿元人民币", normalized_value=2.082e11, normalized_unit="CNY")]),
    ("能量密度只有100Wh/kg左右", [dict(value=100, unit="Wh/kg", comparator="左右")]),
    ("成本降至2元/Wh", [dict(value=2, unit="元/Wh", normalized_unit="CNY/kWh")]),
    ("持有7489.5万股股权", [dict(value=7489.5, unit="万股", normalized_value=74895000)]),
    ("每月采购硅片30万片", [dict(value=30, unit="万片")]),
    ("4条生产线", [dict(value=4, unit="条")]),
    ("第4条", []),
    ("每年每千瓦330元", [dict(text="每千瓦330元", value=330, unit="元/千瓦", normalized_unit="CNY/kW")]),
    ("降低13.5个百分点", [dict(value=13.5, unit="个百分点", normalized_unit="pp", direction="down")]),
    ("三十多家企业", [dict(value=30, unit="家", comparator="多")]),
    ("完成投资100亿元以上", [dict(value=100, unit="亿元", normalized_value=1e10, comparator="以上")]),
    # 多/余 between the number and its magnitude
    ("项目投资3000多万元", [dict(text="3000多万元", value=3000, unit="万元", comparator="多",
                                comparator_position="mid", normalized_value=3e7,
                                normalized_unit="CNY")]),
    ("年产800余万吨", [dict(value=800, unit="万吨", comparator="余", normalized_value=8e6)]),
    ("累计亏损50多亿", [dict(text="50多亿", value=50, unit="亿", comparator="多", normalized_value=5e9,
                            normalized_unit=None)]),
    ("二十多万吨", [dict(value=20, unit="万吨", comparator="多", normalized_value=200000, chinese=True)]),
    ("全年用电2亿多度", [dict(text="2亿多度", value=2, unit="亿度", comparator="多", normalized_unit="kWh")]),
    ("价格10多分钟内", []),
    ("每吨上涨3角多。", [dict(text="3角多", value=3, unit="角", comparator="多", comparator_position="after")]),
    ("价格翻了两倍多，", [dict(text="两倍多", value=2, unit="倍", comparator="多", relation=">")]),
    ("年产5吨多晶硅", [dict(text="5吨", comparator=None)]),
    # shares as percentages (corpora/README.md: 四分之一 -> 25 %)
    ("仅相当于五分之一", [dict(text="五分之一", value=20, unit="%", normalized_value=20, normalized_unit="%")]),
    ("占全国的三分之二以上", [dict(text="三分之二以上", value=66.67, unit="%", comparator="以上")]),
    ("约占三分之一左右", [dict(value=33.33, unit="%", comparator="左右")]),
    ("千分之五", [dict(value=0.5, unit="%")]),
    ("成本的近一半", [dict(text="近一半", value=50, unit="%", comparator="近")]),
    ("超过一半的企业", [dict(text="超过一半", value=50, unit="%", comparator="超过", relation=">")]),
    ("另一半是进口", []),
    ("产能近半集中在赣州", [dict(text="近半", value=50, unit="%", comparator="近")]),
    ("过半数企业亏损", [dict(text="过半", value=50, unit="%", comparator="过", relation=">")]),
    ("近半年来价格下跌", []),
    ("通过半导体企业", []),
    ("半数以上", []),
    ("产量占全球的1/4，", [dict(text="1/4", value=25, unit="%")]),
    ("约1/3左右", [dict(text="约1/3左右", value=33.33, unit="%", comparator="左右")]),
    ("年收入的1/4来自中国", [dict(text="1/4", value=25, unit="%")]),
    ("仅有1/4达到了这个水平", [dict(text="1/4", value=25, unit="%")]),
    ("气煤和1/3焦煤", []),
    ("价格十分稳定", []),
    # a bare 百/千/万/亿 after an approximation word is one of it (近百家 = ~100家, 过亿吨 = >1亿吨)
    ("全市近百家企业", [dict(text="近百家", value=100, unit="家", comparator="近", relation="~", approximate=True)]),
    ("产能已经过亿吨，", [dict(text="过亿吨", value=1, unit="亿吨", comparator="过", relation=">",
                               normalized_value=1e8)]),
    ("投资近万亿", [dict(text="近万亿", value=1, unit="万亿", comparator="近", normalized_value=1e12)]),
    ("涨幅接近百元", [dict(text="接近百元", value=100, unit="元", comparator="接近")]),
    ("经过3年努力", [dict(text="3年", comparator=None)]),
    ("经过百年发展", []),
    ("百家争鸣", []),
    ("千米桥", []),
    ("万一", []),
    # 度 as kWh where electricity is meant
    ("用电量达到6.1万亿度", [dict(value=6.1, unit="万亿度", normalized_value=6.1e12, normalized_unit="kWh")]),
    ("吨铝电耗13500度", [dict(value=13500, unit="度", normalized_value=13500, normalized_unit="kWh")]),
    ("每月节约800度电", [dict(value=800, unit="度", normalized_unit="kWh")]),
    ("工业电价0.6元/度", [dict(value=0.6, unit="元/度", normalized_unit="CNY/kWh")]),
    ("零下5度", []),
    ("出现35度高温", []),
    ("倾斜45度角", []),
    ("电炉温度1600度", []),
    ("价格一度回落", []),
    # 分/角/厘 as money where a price is meant
    ("电价上调0.5分", [dict(value=0.5, unit="分", normalized_value=0.005, normalized_unit="CNY")]),
    ("每吨成本增加4角，", [dict(value=4, unit="角", normalized_value=0.4, normalized_unit="CNY")]),
    ("电价仅上调三厘，", [dict(text="三厘", value=3, unit="厘", normalized_value=0.003, chinese=True)]),
    ("每千瓦时加价1分钱", [dict(value=1, unit="分", normalized_unit="CNY")]),
    ("上午9时30分开盘", []),
    ("每吨价格5厘米", []),
    ("得分5万分", [dict(text="5万", value=5, unit="万")]),
    # a unit written once after a list (GB/T 15835 elision); a change word covers the list
    ("分别下降12.5和8.25个百分点", [dict(text="12.5", value=12.5, unit="个百分点", normalized_unit="pp",
                                          direction="down"),
                                     dict(value=8.25, unit="个百分点", direction="down")]),
    ("分别为1.2、1.5和2亿吨", [dict(text="1.2", unit="亿吨", normalized_value=1.2e8),
                               dict(text="1.5", normalized_value=1.5e8),
                               dict(text="2亿吨", normalized_value=2e8)]),
    ("同比下降3.5%和2.1%", [dict(value=3.5, direction="down"), dict(value=2.1, direction="down")]),
    ("同比分别下降8.6%和\n5.3%", [dict(value=8.6, direction="down"), dict(value=5.3, direction="down")]),
    ("-3%和5%", [dict(value=-3, direction="down"), dict(value=5, direction=None)]),
    ("第1和2名", [dict(text="2名", value=2)]),
    ("增速1.6个和0.8个百分点", [dict(text="1.6个", value=1.6, unit="个百分点", normalized_unit="pp"),
                                dict(value=0.8, unit="个百分点")]),
    ("分别有3个和5个", [dict(value=3, unit="个"), dict(value=5, unit="个")]),
    ("2010和2011年", []),
    # a unitless reading after an index, ratio or rate word (units.tsv `index` rows), the next
    # number a comparison ties to it, a 1-sided a:b ratio before a ratio word, a range of readings
    ("上月制造业PMI回落至49.5，", [dict(text="49.5", value=49.5, unit=None, reading="PMI")]),
    ("景气指数从5月份的61.2降至58.4，", [dict(text="61.2", reading="指数"),
                                        dict(value=58.4, unit=None, reading="指数")]),
    ("美指收盘81.3，", [dict(value=81.3, reading="美指")]),
    ("景气指数初值为49。8，创新低", [dict(text="49。8", value=49.8, reading="指数")]),
    ("景气指数为50。3月份以来", [dict(text="50", value=50)]),
    ("两地铝价比值为8.12，高于前一日8.05，", [dict(value=8.12, reading="比值"), dict(value=8.05, reading="比值")]),
    ("按欧元与美元1:1.3的汇率计算", [dict(text="1:1.3", value=1.3, unit=None, reading="汇率")]),
    ("按人民币与美元7：1的汇率计算", [dict(text="7：1", value=7, reading="汇率")]),
    ("该合约将在3100—3250的区间内波动", [dict(text="3100—3250", value=3100, value_max=3250, unit=None,
                                             reading="区间")]),
    ("PMI为50.1，同比增长3", [dict(value=50.1, reading="PMI")]),  # a bare 3 after a change word: no reading
    ("指数基金2011", []),  # a year is no reading
    ("比值为10，以及3", [dict(value=10)]),
    ("比分2:1", []),  # not an index word
    ("上午10:30指数开盘", []),
    ("第3—5区间", []),
    ("共有3—5个区间", [dict(value=3, value_max=5, unit="个", reading=None)]),
    ("销量12", []),
    # negatives: years, dates, doc numbers, ordinals, list numbers, identifiers
    ("2026-2030", []),
    ("2024年05月21日", []),
    ("截至2024年底", []),
    ("3月份", []),
    ("5G网络", []),
    ("CO2排放", []),
    ("第二十五条", []),
    ("第一年", []),
    ("第3季度", []),
    ("两个维护", []),
    ("到2027年，", []),
    ("到 2027 年，", []),
    ("（2025—2027年）", []),
    ("2025年至2027年", []),
    ("二〇二五年", []),
    ("二000年四月二十四日", []),
    ("成文日期：2025-03-11", []),
    ("截至5月27日", []),
    ("1—4月份", []),
    ("工信部联原〔2025〕62号", []),
    ("工信部联原（2025）62号", []),
    ("国务院令第242号", []),
    ("第3批", []),
    ("一、总体要求", []),
    ("1.加快推动", []),
    ("四个意识", []),
    ("一种新模式", []),
    ("“十五五”时期", []),
    ("HCFC-22", []),
    ("PM2.5浓度", []),
    ("渤中 19—6 气田", []),
    ("沪铅1109合约", []),
    ("进一步", []),
    ("党的二十大", []),
]
