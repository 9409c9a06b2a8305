"""The quantity grammar: EXAMPLES table, round-trip properties, corpus checks."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.grammars.quantity import (
    EXAMPLES,
    cn_to_number,
    find_quantities,
    fold,
    parse_quantity,
)


def _close(a, b) -> bool:
    if isinstance(b, float) and a is not None:
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def _check(q, expected: dict) -> None:
    for key, want in expected.items():
        got = getattr(q, key)
        assert _close(got, want), f"{key}: got {got!r}, want {want!r} in {q.text!r}"


@pytest.mark.parametrize("text,expected", EXAMPLES, ids=[t for t, _ in EXAMPLES])
def test_examples(text, expected):
    found = find_quantities(text)
    assert len(found) == len(expected), [q.text for q in found]
    for q, exp in zip(found, expected):
        assert text[q.start : q.end] == q.text
        _check(q, exp)


@pytest.mark.parametrize(
    "s,value",
    [("二十五万", 250000), ("十五", 15), ("三十", 30), ("一百", 100), ("一千二百", 1200),
     ("两万", 20000), ("三点五", 3.5), ("二〇二五", 2025), ("一万亿", 1e12), ("三亿五千万", 350000000),
     ("一百零五", 105), ("十五五", None), ("万", None), ("一二", None)],
)
def test_cn_to_number(s, value):
    assert cn_to_number(s) == value


def test_fold_keeps_length():
    s = "１。８亿吨，增长５％，−3"
    assert len(fold(s)) == len(s)


@pytest.mark.parametrize(
    "s",
    ["1500万吨以上", "不高于 13000 千瓦时/吨", "3%—5%", "1~2个", "500kA及以上", "二十五万立方米", "百分之二十", "30"],
)
def test_parse_quantity_whole_string(s):
    q = parse_quantity(s)
    assert q is not None and q.text == s.strip()


@pytest.mark.parametrize("s", ["2027年", "到2027年", "〔2025〕62号", "第3号", "一、", "", "再生铝产量1500万吨"])
def test_parse_quantity_rejects(s):
    assert parse_quantity(s) is None


def test_bare_mode_keeps_plain_numbers_but_not_years():
    got = [q.text for q in find_quantities("比值7.99，2027年，指数51.6", bare=True)]
    assert got == ["7.99", "51.6"]


# --- round trip: render a random quantity as text, parse it back -------------

UNITS = [  # unit as written, normalized unit, factor to it, magnitude allowed
    ("吨", "t", 1.0, True),
    ("公斤", "t", 0.001, True),
    ("千瓦时/吨", "kWh/t", 1.0, False),
    ("千瓦时", "kWh", 1.0, True),
    ("元/吨", "CNY/t", 1.0, True),
    ("美元/吨", "USD/t", 1.0, False),
    ("立方米", "m3", 1.0, True),
    ("%", "%", 1.0, False),
    ("个百分点", "pp", 1.0, False),
    ("kA", "kA", 1.0, False),
    ("个", "个", 1.0, False),
    ("吨/年", "t/a", 1.0, True),
    ("ppm", "ppm", 1.0, False),
]
MAGS = [("", 1.0), ("万", 1e4), ("亿", 1e8), ("万亿", 1e12)]
BEFORE = [("", None), ("不高于", "<="), ("不低于", ">="), ("超过", ">"), ("约", "~"), ("≥", ">="),
          ("<", "<"), ("不超过", "<="), ("达到", "="), ("提升至", "=")]
AFTER = [("", None), ("以上", ">="), ("以下", "<="), ("左右", "~"), ("及以上", ">=")]


@st.composite
def rendered(draw):
    whole = draw(st.integers(min_value=1, max_value=99999))
    decimals = draw(st.sampled_from([0, 0, 1, 2]))
    frac = draw(st.integers(min_value=0, max_value=10**decimals - 1)) if decimals else 0
    num = f"{whole}.{frac:0{decimals}d}" if decimals else str(whole)
    value = float(num)
    if not decimals and whole >= 1000 and draw(st.booleans()):
        num = f"{whole:,}"
    if draw(st.booleans()):  # full-width digits
        num = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in num)
    unit, nunit, factor, mag_ok = draw(st.sampled_from(UNITS))
    mag, mult = draw(st.sampled_from(MAGS)) if mag_ok else ("", 1.0)
    before, brel = draw(st.sampled_from(BEFORE))
    after, arel = draw(st.sampled_from(AFTER))
    space = draw(st.sampled_from(["", " "]))
    text = f"{before}{space}{num}{space}{mag}{unit}{space}{after}"
    return text, value, mag + unit, nunit, value * mult * factor, before or None, after or None


@settings(max_examples=200, deadline=None)
@given(rendered())
def test_round_trip(case):
    text, value, unit, nunit, nvalue, before, after = case
    q = parse_quantity(text)
    assert q is not None, text
    assert q.value == value
    assert q.unit == unit
    assert q.normalized_unit == nunit
    assert math.isclose(q.normalized_value, nvalue, rel_tol=1e-9)
    written = {c.text for c in q.comparators}
    assert written == {c for c in (before, after) if c}
    if after and after != "左右":
        assert q.comparator == after
    elif before and not after:
        assert q.comparator == before


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=0, max_value=9999),
    st.integers(min_value=1, max_value=9999),
    st.sampled_from(["—", "～", "~", "-", "至"]),
    st.sampled_from(["%", "万吨", "个", "元/吨", "亿立方米"]),
)
def test_range_round_trip(a, delta, sep, unit):
    b = a + delta
    q = parse_quantity(f"{a}{sep}{b}{unit}")
    assert q is not None
    assert (q.value, q.value_max, q.unit) == (a, b, unit)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1900, max_value=2100), st.sampled_from(["到", "展望", "", "截至", "于"]))
def test_years_are_never_quantities(year, lead):
    assert find_quantities(f"{lead}{year}年，") == []
    assert find_quantities(f"（{year}—{year + 5}年）") == []


# --- seed and corpus ---------------------------------------------------------


def test_notice_003_quantities(seeds_dir):
    text = fold((seeds_dir / "notice_003.txt").read_text(encoding="utf-8"))
    by_text = {q.text: q for q in find_quantities(text)}
    assert by_text["3%—5%"].value_max == 5
    assert by_text["1500 万吨以上"].normalized_value == 1.5e7
    assert by_text["不高于 13000 千瓦时/吨"].normalized_unit == "kWh/t"
    assert by_text["500kA 及以上"].comparator == "及以上"
    assert by_text["1~2个"].value_max == 2
    assert all(not re.fullmatch(r"\d{4}", str(int(q.value))) or q.unit != "年" for q in by_text.values())


CORPUS_EXPECT = [
    ("04_ndrc_nea_oil_gas_15th_plan.txt", "4.4 亿吨油当量", dict(normalized_value=4.4e8, normalized_unit="toe")),
    ("04_ndrc_nea_oil_gas_15th_plan.txt", "1140 亿立方米/年", dict(normalized_unit="m3/a")),
    ("07_nea_ordos_coalbed_methane_plan.txt", "6000亿立方米以上", dict(comparator="以上", normalized_value=6e11)),
    ("07_nea_ordos_coalbed_methane_plan.txt", "160亿立方米以上", dict(value=160)),
    ("10_law_resource_tax_law_2019.txt", "低于二十五万立方米", dict(normalized_value=250000)),
    ("10_law_resource_tax_law_2019.txt", "每立方米三十克以上", dict(unit="克/立方米", value=30)),
    ("10_law_resource_tax_law_2019.txt", "百分之二十以下", dict(value=20, comparator="以下")),
    ("18_gov_2020_work_report_task_division_excerpt.txt", "900万人以上", dict(normalized_value=9e6)),
    ("18_gov_2020_work_report_task_division_excerpt.txt", "6%左右", dict(comparator="左右")),
    ("21_eb2011_coke_futures_outlook.txt", "1。8亿吨", dict(value=1.8, normalized_value=1.8e8)),
    ("21_eb2011_coke_futures_outlook.txt", "0。8亿吨", dict(value=0.8)),
    ("23_eb2011_jiangxi_rare_earth_output.txt", "118.45万元/吨", dict(normalized_value=1184500)),
    ("28_zgkyb_2024_tungsten_quota_news.txt", "11万4000吨", dict(value=114000)),
    ("28_zgkyb_2024_tungsten_quota_news.txt", "十五个", dict(value=15, unit="个")),
]


@pytest.fixture(scope="module")
def corpus_quantities(corpus_raw_dir):
    out = {}
    for path in sorted(corpus_raw_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out[path.name] = (text, find_quantities(text))
    return out


@pytest.mark.parametrize("name,surface,expected", CORPUS_EXPECT, ids=[s for _, s, _ in CORPUS_EXPECT])
def test_corpus_quantity(corpus_quantities, name, surface, expected):
    _, qs = corpus_quantities[name]
    hits = [q for q in qs if q.text == surface]
    assert hits, [q.text for q in qs]
    _check(hits[0], expected)


def test_corpus_no_years_dates_or_doc_numbers(corpus_quantities):
    assert len(corpus_quantities) == 28
    for name, (text, qs) in corpus_quantities.items():
        for q in qs:
            assert text[q.start : q.end] == q.text
            after = text[q.end : q.end + 1]
            assert not (q.unit is None and after in "年号月"), (name, q.text)
            assert not (q.unit == "年" and q.value >= 1000), (name, q.text)
            assert not (q.unit == "日" and text[q.start - 1 : q.start] == "月"), (name, q.text)
            assert "〔" not in q.text and "号" not in q.text, (name, q.text)


# --- Chinese numerals round trip ----------------------------------------------

_CN = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Standard reading of 0 < n < 10^8 (一百零五, 二十五万, 十五)."""

    def section(k: int) -> str:
        out, zero = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = k // value % 10
            if d:
                if zero and out:
                    out += "零"
                out += _CN[d] + unit
                zero = False
            else:
                zero = True
        return out

    hi, lo = divmod(n, 10_000)
    s = ""
    if hi:
        s = section(hi) + "万"
        if lo and lo < 1000:
            s += "零"
    if lo:
        s += section(lo)
    if s.startswith("一十"):
        s = s[1:]
    return s


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_round_trip(n):
    cn = to_chinese(n)
    assert cn_to_number(cn) == n, cn
    found = find_quantities(f"共{cn}吨")
    assert len(found) == 1 and found[0].normalized_value == n, (cn, found)


# --- shares, 多/余 before a magnitude, lists ------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=999), st.data())
def test_chinese_fraction_is_a_percentage(den, data):
    num = data.draw(st.integers(min_value=1, max_value=den))
    comp = data.draw(st.sampled_from(["", "约", "近", "超过", "不足"]))
    text = f"占全国的{comp}{to_chinese(den)}分之{to_chinese(num)}，"
    (q,) = find_quantities(text)
    assert (q.value, q.unit, q.normalized_unit) == (round(num / den * 100, 2), "%", "%"), text
    assert q.text == f"{comp}{to_chinese(den)}分之{to_chinese(num)}"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=999), st.data())
def test_arabic_share_is_a_percentage(den, data):
    num = data.draw(st.integers(min_value=1, max_value=den))
    before = data.draw(st.sampled_from(["的", "占", "约", "近", "超过"]))
    after = data.draw(st.sampled_from(["，", "。", "", "左右", "以上的"]))
    (q,) = find_quantities(f"产量{before}{num}/{den}{after}")
    assert (q.value, q.unit) == (round(num / den * 100, 2), "%")
    # not a share: a grade (1/3焦煤), a date-like or a bare ratio
    assert find_quantities(f"气煤和{num}/{den}焦煤") == []


@pytest.mark.parametrize("text", ["1/3焦煤", "和1/4", "比值为1.5/2", "的1/2/3", "的3/2，"])
def test_arabic_fraction_only_as_a_share(text):
    assert [q.unit for q in find_quantities(text)] != ["%"]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=99999),
    st.sampled_from(["多", "余"]),
    st.sampled_from([("万", 1e4), ("亿", 1e8), ("万亿", 1e12)]),
    st.sampled_from([("", None, 1.0), ("元", "CNY", 1.0), ("吨", "t", 1.0), ("公斤", "t", 0.001)]),
)
def test_mid_comparator_before_a_magnitude(n, mid, mag, unit):
    (mag_text, mult), (u, nu, factor) = mag, unit
    (q,) = find_quantities(f"累计{n}{mid}{mag_text}{u}，")
    assert (q.value, q.unit, q.comparator, q.comparator_position) == (n, mag_text + u, mid, "mid")
    assert q.normalized_unit == nu
    assert math.isclose(q.normalized_value, n * mult * factor, rel_tol=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.integers(min_value=1, max_value=9999).map(str),
                  st.decimals(min_value=1, max_value=9999, places=2).map(str)),
        min_size=2, max_size=5,
    ),
    st.sampled_from(["和", "、", "与", "及"]),
    st.sampled_from([("个百分点", "pp", 1.0), ("%", "%", 1.0), ("万吨", "t", 1e4), ("亿元", "CNY", 1e8)]),
    st.sampled_from([("", None), ("分别下降", "down"), ("同比增长", "up")]),
)
def test_a_unit_written_once_covers_the_list(nums, sep, unit, change):
    (u, nu, mult), (word, direction) = unit, change
    text = f"{word}{sep.join(nums)}{u}。"
    qs = find_quantities(text)
    assert [q.value for q in qs] == [float(x) for x in nums], text
    for q in qs:
        assert (q.unit, q.normalized_unit, q.direction) == (u, nu, direction), text
        assert math.isclose(q.normalized_value, q.value * mult, rel_tol=1e-9)


@pytest.mark.parametrize(
    "text,unit",
    [("用电量1200度", "度"), ("电耗从14500度", "度"), ("节约800度电", "度"), ("用电2.5万度", "万度"),
     ("气温零下5度", None), ("30度高温", None), ("45度角", None), ("炉温1600度", None),
     ("电价上调0.4分", "分"), ("每吨上涨3角", "角"), ("电价仅涨四厘", "厘"), ("9时30分", None),
     ("开会5分钟", None), ("电价1.5分之", None), ("价格十分稳定", None), ("5厘米", None)],
)
def test_context_units(text, unit):
    got = [q.unit for q in find_quantities(text) if q.unit and q.unit[-1] in "度分角厘"]
    assert got == ([unit] if unit else []), text


# --- robustness: arbitrary text never crashes and spans are consistent ---------

_ALPHABET = list("分之半度角厘多余和电价") + list("0123456789０１５.。,，-—~～至%％万亿千百十一二两三五七九零〇吨米元个年月日号第以上下约近超过不高于低于及每立方千瓦时/kAt（）〔〕《》、：；\n ")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=40).map("".join), st.booleans())
def test_fuzz_spans(text, bare):
    qs = find_quantities(text, bare=bare)
    last = 0
    for q in qs:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= last
        assert text[q.start : q.end] == q.text
        assert q.value_max is None or q.value_max >= q.value
        last = q.end


# The masks as first written, with the look-behind first; MASKS moves it after the
# first character (faster to search). Both must find the same spans.
_MASKS_LOOKBEHIND_FIRST = [
    r"(?<!\d)[12]\d{3}\s?年\s?(?:[-—–~～至到]|——)\s?[12]\d{3}\s?年?",
    r"(?<!\d)[12]\d{3}\s?(?:[-—–~～至到]|——)\s?[12]\d{3}\s?年",
    r"(?<!\d)[12]\d{3}\s?年(?![代度级])",
    r"[〇零○一二三四五六七八九0]{4}\s?年",
    r"(?<!\d)\d{4}\s?[-/.]\s?\d{1,2}\s?[-/.]\s?\d{1,2}(?!\d)",
    r"(?<!\d)\d{1,2}\s?(?:[-—–~～至到]|——)\s?\d{1,2}\s?月",
    r"(?<!\d)\d{1,2}\s?月\s?\d{1,2}\s?[日号]",
    r"(?<!\d)\d{1,2}\s?月(?:份|底|初|末|中|上旬|中旬|下旬)?",
    r"[〔\[［(（]\s?\d{4}\s?[〕\]］)）]\s?\d+\s?号",
    r"第\s?[\d一二三四五六七八九十百千〇零]+\s?(?:[号期批条款章节项届次个位名年天日周]|季度)",
    r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?",
    r"(?<![\d.])\d+号",
]


# every string of up to four of these pieces (38k strings): each mask's digit, date and
# range forms, with digits or a dot before them
_MASK_PIECES = ["1", "12", "2024", ".", ":", "-", "—", "至", " ", "年", "月", "日", "号", "份"]


def test_masks_match_their_lookbehind_first_form():
    from itertools import product

    from extractor.grammars.quantity import MASKS

    firsts = [re.compile(p) for p in _MASKS_LOOKBEHIND_FIRST]
    longer = ("12024-1-1，12024.12.12 112:30 1.5号 112月5日 112月份 312—4月 11999年 "
              "12024年至2025年 12024—2030年")
    cases = ["".join(parts) for n in range(1, 5) for parts in product(_MASK_PIECES, repeat=n)]
    cases += [longer[a:b] for a in range(len(longer))
              for b in range(a + 1, min(len(longer), a + 16) + 1)]
    for w in cases:
        for rx, first in zip(MASKS, firsts, strict=True):
            got, want = [m.span() for m in rx.finditer(w)], [m.span() for m in first.finditer(w)]
            assert got == want, (rx.pattern, w)


@settings(max_examples=300)
@given(st.text(alphabet="0123456789１。.万亿吨元% 年", max_size=30))
def test_cjk_decimal_point_matches_its_lookbehind_first_form(s):
    from extractor.grammars.quantity import regexes

    new = regexes().cjk_dot
    old = re.compile(new.pattern.replace("。(?<=\\d。)", "(?<=\\d)。", 1))
    assert old.pattern != new.pattern
    assert [m.span() for m in new.finditer(s)] == [m.span() for m in old.finditer(s)]


def test_folding_replaces_what_the_table_translates():
    """fold replaces only the characters the folding table changes: the same text as
    str.translate with the table, over every code point."""
    from extractor.grammars.quantity_lexicon import _FOLD, _FOLD_TABLE, _FOLDED

    every = "".join(chr(o) for o in range(0x110000) if not 0xD800 <= o <= 0xDFFF)
    assert _FOLDED.sub(lambda m: _FOLD[m.group(0)], every) == every.translate(_FOLD_TABLE)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1000, max_value=999_999_999), st.sampled_from(["万吨", "吨", "亿元", "元/吨"]))
def test_full_width_thousands_separator(n, unit):
    """2，100万吨: full-width commas between groups of three read as one number before a unit."""
    q = parse_quantity(f"{n:,}".replace(",", "，") + unit)
    assert q is not None and (q.value, q.unit) == (n, unit)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=99_999), st.integers(min_value=1, max_value=99))
def test_space_before_the_decimal_point(a, b):
    """1 .4亿吨: a stray space before the decimal point does not split the number."""
    q = parse_quantity(f"{a} .{b}亿吨")
    assert q is not None and q.value == float(f"{a}.{b}") and q.unit == "亿吨"
