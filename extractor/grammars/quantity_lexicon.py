"""Lexicon of the quantity grammar (`extractor.grammars.quantity`): the tables of
data/units.tsv (units, magnitudes, comparators, range markers, direction words), the
regexes built from them, 1:1 character folding and the masks of text that never holds
a quantity (years, dates, document numbers, times)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from extractor.gazetteers import read_tsv
from extractor.grammars.numerals import CN_CHARS

# --------------------------------------------------------------------------- data


class UnitInfo(NamedTuple):
    term: str
    symbol: str
    multiplier: float | None
    base: str
    cn: bool  # allowed after Chinese numerals
    cn10: bool  # classifier: Chinese numeral must be >= 10
    den: bool  # allowed as denominator
    keep: bool  # keep the symbol as numerator of a compound unit (g/m3, not t/m3)


class CompInfo(NamedTuple):
    term: str
    relation: str
    position: str
    not_after: str
    not_before: str


@dataclass(frozen=True)
class _Tables:
    units: dict[str, UnitInfo]
    magnitudes: dict[str, float]
    comparators: dict[str, CompInfo]
    ranges: tuple[str, ...]
    directions: dict[str, str]
    indices: dict[str, bool]  # index word -> also named after an a:b ratio (7：1的汇率); longest first


def _alt(terms) -> str:
    return "|".join(re.escape(t) for t in sorted(set(terms), key=lambda t: (-len(t), t)))


@lru_cache(maxsize=1)
def tables() -> _Tables:
    units: dict[str, UnitInfo] = {}
    mags: dict[str, float] = {}
    comps: dict[str, CompInfo] = {}
    ranges: list[str] = []
    dirs: dict[str, str] = {}
    indices: dict[str, bool] = {}
    for row in read_tsv("units.tsv"):
        term, cat = row["term"], row["category"]
        flags = {f.strip() for f in row["flags"].split(",") if f.strip()}
        if cat == "unit":
            mult = float(row["multiplier"]) if row["multiplier"] else None
            units[term] = UnitInfo(
                term, row["symbol"], mult, row["base"] or row["symbol"],
                "cn" in flags or "cn10" in flags, "cn10" in flags, "den" in flags, "keep" in flags,
            )
        elif cat == "magnitude":
            mags[term] = float(row["multiplier"])
        elif cat == "comparator":
            opts = dict(f.split("=", 1) for f in flags if "=" in f)
            comps[term] = CompInfo(
                term, row["symbol"], row["position"], opts.get("not_after", ""),
                opts.get("not_before", ""),
            )
        elif cat == "range":
            ranges.append(term)
        elif cat == "direction":
            dirs[term] = row["symbol"]
        elif cat == "index":
            indices[term] = "ratio" in flags
    # longest first, sorted once: the reading after an index word is the longest that starts there
    indices = dict(sorted(indices.items(), key=lambda kv: len(kv[0]), reverse=True))
    return _Tables(units, mags, comps, tuple(ranges), dirs, indices)


# ------------------------------------------------------------------ regexes

_FOLD = {chr(0xFF10 + i): str(i) for i in range(10)}
_FOLD.update({"．": ".", "％": "%", "−": "-", "﹣": "-", "－": "-", "／": "/", "，": "，"})
_FOLD_TABLE = str.maketrans(_FOLD)
# the characters folding changes: replaced where they are (str.translate looks up every
# character of the text in the table)
_FOLDED = re.compile("[" + "".join(re.escape(k) for k, v in _FOLD.items() if k != v) + "]")

# a decimal point may follow one stray space (1 .4亿, a typesetting gap): the value reads
# without it
ARABIC = re.compile(r"(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?: ?\.\d+)?")
# a full-width comma as thousands separator (2，100万吨): only 1-3 digits, then groups of
# exactly three, with a magnitude or unit right after (`quantity_parts.part_at` checks it;
# 2，100 alone may be a list)
CN_THOUSANDS = re.compile(r"\d{1,3}(?:，\d{3})+(?:\.\d+)?(?![\d，.])")
CN_RUN = re.compile(f"[{CN_CHARS}]+(?:点[〇零○一二三四五六七八九]+[万亿]*)?")
# 半 after an approximation word is a share (近半, 过半数 -> 50 %); not a half unit (近半年, 过半小时)
# nor a word (通过半导体, 附近半岛)
HALF = ("(?<=[近过超逾])(?<![最附邻通经越度不跨错路][近过])"
        "半(?![年天月日个小钟分秒斤吨导岛径壁山路途夜价成拉])")
START = re.compile(f"\\d|百分之|[{CN_CHARS}]|{HALF}")

# Regions that never hold quantities (years, dates, doc numbers, times). A look-behind
# comes after the first character ([12](?<!\d[12]) for (?<!\d)[12]): the same matches,
# and the regex engine can skip to a possible first character instead of trying the
# look-behind at every offset of the text (tests/test_quantity.py checks the two forms).
MASKS = [
    re.compile(r"[12](?<!\d[12])\d{3}\s?年\s?(?:[-—–~～至到]|——)\s?[12]\d{3}\s?年?"),  # 2025年至2027年
    re.compile(r"[12](?<!\d[12])\d{3}\s?(?:[-—–~～至到]|——)\s?[12]\d{3}\s?年"),  # 2026—2030年
    re.compile(r"[12](?<!\d[12])\d{3}\s?年(?![代度级])"),  # 2027年
    re.compile(r"[〇零○一二三四五六七八九0]{4}\s?年"),  # 二〇二五年, 二000年
    re.compile(r"\d(?<!\d\d)\d{3}\s?[-/.]\s?\d{1,2}\s?[-/.]\s?\d{1,2}(?!\d)"),  # 2024-05-21
    re.compile(r"\d(?<!\d\d)\d?\s?(?:[-—–~～至到]|——)\s?\d{1,2}\s?月"),  # 1—4月
    re.compile(r"\d(?<!\d\d)\d?\s?月\s?\d{1,2}\s?[日号]"),  # 5月27日
    re.compile(r"\d(?<!\d\d)\d?\s?月(?:份|底|初|末|中|上旬|中旬|下旬)?"),  # 4月份
    re.compile(r"[〔\[［(（]\s?\d{4}\s?[〕\]］)）]\s?\d+\s?号"),  # 〔2025〕62号
    re.compile(r"第\s?[\d一二三四五六七八九十百千〇零]+\s?(?:[号期批条款章节项届次个位名年天日周]|季度)"),
    re.compile(r"\d(?<!\d\d)\d?:\d{2}(?::\d{2})?"),  # 10:30
    re.compile(r"\d(?<![\d.]\d)\d*号"),  # 62号, 令第242号
]


@dataclass(frozen=True)
class Regexes:
    unit: re.Pattern
    den: re.Pattern
    mag: re.Pattern
    mid: re.Pattern
    suffix: re.Pattern
    prefix: re.Pattern
    per: re.Pattern
    rng: re.Pattern
    direction: re.Pattern
    cjk_dot: re.Pattern
    index_before: re.Pattern
    ratio_index_after: re.Pattern


@lru_cache(maxsize=1)
def regexes() -> Regexes:
    t = tables()
    units = list(t.units)
    dens = [u for u, info in t.units.items() if info.den]
    suffix = [c for c, i in t.comparators.items() if i.position == "after"]
    prefix = [c for c, i in t.comparators.items() if i.position == "before"]
    mid = [c for c, i in t.comparators.items() if i.position == "mid"]
    unit = f"(?:{_alt(units)})(?:/(?:{_alt(dens)}))?"
    return Regexes(
        unit=re.compile(unit),
        den=re.compile(_alt(dens)),
        mag=re.compile(_alt(t.magnitudes)),
        mid=re.compile(_alt(mid)),
        suffix=re.compile(f" ?({_alt(suffix)})"),
        prefix=re.compile(f"({_alt(prefix)}) ?$"),
        per=re.compile(f"每 ?({_alt(dens)}) ?$"),
        rng=re.compile(f" ?(?:——|{_alt(t.ranges)}) ?"),
        direction=re.compile(f"({_alt(t.directions)})(?:了|为)? ?$"),
        cjk_dot=re.compile(f"。(?<=\\d。)(?=\\d{{1,2}} ?(?:{_alt(t.magnitudes)}|{unit}))"),
        # an index word, then at most 10 characters up to the number: no comma or clause end, no
        # other number but a date (指数(PMI)从5月份的61.2, 美指收盘81.3, 汇率假设是欧元兑美元1:1.3)
        index_before=re.compile(f"(?:{_alt(t.indices)})(?:[^\\d，,。；;！？!?：:\\n]|\\d{{1,2}}月份?){{0,10}}$"),
        ratio_index_after=re.compile(f"的?(?:{_alt(i for i, r in t.indices.items() if r)})"),
    )


def fold(text: str) -> str:
    """1:1 character folding: full-width digits and signs, 。 as a decimal point."""
    w = _FOLDED.sub(lambda m: _FOLD[m.group(0)], text)  # = text.translate(_FOLD_TABLE)
    return regexes().cjk_dot.sub(".", w)


def masked(w: str) -> bytearray:
    """1 where a mask (a year, a date, a doc number …) covers the character, else 0."""
    mask = bytearray(len(w))
    for rx in MASKS:
        for m in rx.finditer(w):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return mask
