"""Direction idioms, market nouns and judged moves of data/forecast_cues.tsv and the clause
grammar, read as word classes, over short sentences of our own with the structures of the dev
commentary (no sentence is copied from a document)."""

from __future__ import annotations

import pytest

from extractor.grammars.forecast_clause import direction_of
from tests.test_forecast_market import forecasts

REPORT = "发布时间：2012-05-10\n"


@pytest.mark.parametrize(
    "clause,direction",
    [
        ("锌价仍趋涨", "up"),
        ("铝价有望小幅续涨", "up"),
        ("企业效益应该会稳中有升", "up"),
        ("镍价可能继续走跌", "down"),
        ("铜价或将续跌", "down"),
        ("锡价已跌无可跌", "flat"),
        ("钢价有望企稳", "flat"),
    ],
)
def test_direction_idioms(clause, direction):
    assert direction_of(clause) == direction


@pytest.mark.parametrize(
    "text,calls",
    [
        # market nouns of the new classes
        ("未来五年光伏装机量将持续增长。", [("long", "光伏装机量", "up")]),
        ("光伏装机容量将增长。", [("unspecified", "光伏装机容量", "up")]),
        ("铝加工企业的业绩有望稳中有升。", [("unspecified", "铝加工企业业绩", "up")]),
        ("未来五年大型矿山的产量比重将继续上升。", [("long", "大型矿山产量比重", "up")]),
        ("国内钴市场规模有望扩大。", [("unspecified", "国内钴市场规模", "up")]),
        # a figure reached years ahead is a call on the trend
        (REPORT + "到2016年全球锂产量将达到50万吨左右。", [("long", "全球锂产量", "up")]),
        ("未来五年国内钴市场规模有望达300亿元。", [("long", "国内钴市场规模", "up")]),
        # a relative phrase (未来几年) is a time, not part of the subject; nor a premise without its comma
        ("未来几年风电装机量会有较大增长。", [("long", "风电装机量", "up")]),
        ("在这一背景下未来几年风电装机量会有较大增长。", [("long", "风电装机量", "up")]),
        # two metrics of one owner: one call on each (as the holdout gold reads them)
        ("国内镍需求及价格仍有望持续反弹。", [("unspecified", "国内镍需求", "up"), ("unspecified", "国内镍价格", "up")]),
        # this week is the call's time, not its subject
        ("预计本周锌期货仍将处于盘整阶段。", [("short", "锌期货", "flat")]),
        # a trend judged settled is a call
        ("国内锌市场需求下降态势已确定。", [("unspecified", "国内锌市场需求", "down")]),
        # a move judged unrealistic, a recovery judged hard: the level holds
        ("寄希望锌价短期内就快速反弹显然不太现实。", [("short", "锌价", "flat")]),
        ("该地区的铜矿供给难以恢复。", [("unspecified", "铜矿供给", "flat")]),
        # a topic label that is the metric itself is not doubled
        ("出口：\n今年出口有可能同比增加5%-8%。", [("medium", "出口", "up")]),
    ],
)
def test_calls(components, text, calls):
    got = [(f["horizon"], f["subject"], f["direction"]) for f in forecasts(components, text)]
    assert got == calls


@pytest.mark.parametrize(
    "text",
    [
        "“假如明年仍没有新项目投产，那么铜的供应缺口将继续扩大。",  # a quoted condition
        REPORT + "按此推算，全年锌产量将达到500万吨。",  # an in-year estimate is a projected statistic
        # 有限 in a company name (有限公司, 有限责任公司) is no flat call
        REPORT + "江苏省某市某某电池科技有限公司、广西某市某某蓄电池有限责任公司污染物收集、处理设施不完善或不正常运行。",
    ],
)
def test_no_call(components, text):
    assert forecasts(components, text) == []


# --- the first-character look-ahead (forecast_words.leading) ---------------------------------

import re  # noqa: E402
from pathlib import Path  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import extractor.grammars.forecast_subject  # noqa: E402,F401  (leads its patterns into LED)
from extractor.grammars.forecast_market import _grammar  # noqa: E402

_grammar()  # the market-noun pattern is built (and led) on first use
from extractor.grammars.forecast_words import LED, first_chars, leading  # noqa: E402


def _matches(rx: re.Pattern, text: str, pos: int = 0, endpos: int | None = None):
    endpos = len(text) if endpos is None else endpos
    return [(m.span(), m.groups(), m.groupdict()) for m in rx.finditer(text, pos, endpos)]


def _alphabet() -> str:
    """Every character the led patterns name, and some they do not."""
    chars = {ch for rx, _ in LED for ch in rx.pattern if ord(ch) > 127}
    return "".join(sorted(chars)) + "0123456789 .-，。年月"


@pytest.mark.parametrize(
    "pattern,expected",
    [
        ("明年|来年", "[明来]"),
        (r"(?<![去前])(?:今年)?(?:年内|全年)", "[今年全]"),  # a look-behind adds no character
        (r"\s*上半年", r"[\s上]"),
        (r"(?:19|20)\d{2}", "[12]"),
        (r"[一-四]季度", "[一-四]"),
        ("a?", None),  # may match empty
        (r".年", None),  # any character
        (r"[^，]年", None),  # a negated class
        (r"\S{2}风险", None),
    ],
)
def test_first_chars_of_a_pattern(pattern, expected):
    assert first_chars(pattern) == expected


def test_leading_leaves_a_pattern_it_cannot_lead():
    rx = re.compile(r".年")
    assert leading(rx) is rx


def test_the_led_patterns_are_the_hot_ones():
    assert len(LED) >= 10  # UP/DOWN/FLAT, the anchors, CANDIDATE, FORWARD, LACK, _TIME_ANY, SUBJ_END …


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_led_pattern_finds_what_the_pattern_finds(data):
    """finditer (spans and groups, with pos / endpos), match, sub and split of each led pattern
    equal the pattern's own on text made of the characters the patterns name."""
    text = data.draw(st.text(alphabet=_alphabet(), max_size=40))
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    for rx, led in LED:
        assert _matches(led, text, pos, endpos) == _matches(rx, text, pos, endpos), rx.pattern
        m, n = rx.match(text, pos, endpos), led.match(text, pos, endpos)
        assert (m and (m.span(), m.groups())) == (n and (n.span(), n.groups())), rx.pattern
        assert led.sub("", text) == rx.sub("", text)
        assert led.split(text) == rx.split(text)


def test_led_patterns_agree_on_the_commentaries():
    """The same matches on every commentary of ../shared/corpus/raw2 and the report seed."""
    shared = Path(__file__).resolve().parents[1].parent / "shared"
    paths = sorted((shared / "corpus" / "raw2").glob("eb_*.txt")) + [shared / "samples" / "seeds" / "report_000.txt"]
    texts = [p.read_text(encoding="utf-8") for p in paths if p.exists()]
    if not texts:
        pytest.skip("../shared is not beside the checkout")
    for text in texts:
        for rx, led in LED:
            assert _matches(led, text) == _matches(rx, text), rx.pattern


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="2019年 今本上下半年月", max_size=30))
def test_every_half_year_period_holds_its_word(text):
    """horizon.ended reads _PERIOD only when 上半年 is in the clause: every match holds it."""
    from extractor.grammars.horizon import _PERIOD

    assert all("上半年" in m.group(0) for m in _PERIOD.finditer(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="铜价下行的风险将加大可能性概率受需求影响因为由于而上涨，", max_size=30))
def test_a_clause_without_the_words_has_no_likelier_move_nor_cause(text):
    """direction_of and modifier_only skip _LIKELIER, without_cause skips CAUSE, in a clause
    without their words: every match holds one of them."""
    from extractor.grammars.forecast_clause import (
        _CAUSE_WORDS, _LIKELIER, _LIKELIER_WORDS, CAUSE, without_cause,
    )

    assert all(any(w in m.group(0) for w in _LIKELIER_WORDS) for m in _LIKELIER.finditer(text))
    assert all(any(w in m.group(0) for w in _CAUSE_WORDS) for m in CAUSE.finditer(text))
    assert without_cause(text) == CAUSE.sub("", text)
