"""Forecast subjects from market-quantity mentions (grammars/forecast_market.py and the
subject resolution in grammars/forecast_subject.py), over the grammar's EXAMPLES, the data
file and short sentences of our own written after the structures of the dev commentary."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.gazetteers import read_tsv
from extractor.grammars.forecast_market import EXAMPLES, market_quantities
from extractor.grammars.text_units import ByStart
from extractor.minerals import find_minerals
from extractor.pipelines.base import spans

KINDS = {"market_noun", "market_stem", "qualifier", "np_stop", "np_word", "view", "forward", "down", "up", "suffix", "time_adverb",
         "transitive", "price_move", "trend"}


def forecasts(components, text):
    return [dict(s._.fields or {}) for s in spans(components(text, "ex_forecasts"), "forecasts")]


@pytest.mark.parametrize("text,subjects,minerals", EXAMPLES)
def test_market_quantity_examples(text, subjects, minerals):
    found = find_minerals(text)
    assert [text[m.start:m.end] for m in found] == minerals  # the mentions the example assumes
    assert [q.subject for q in market_quantities(text, ByStart(found))] == subjects


@pytest.mark.parametrize(
    "text,subject,kind,commodity",
    [
        ("国内铜价中枢有望上移", "国内铜价中枢", "price", "铜"),  # a stem compound and a suffix
        ("社会库存将进一步下降", "社会库存", "stock", "社会"),  # 会 inside a word of the data
        ("能源价格将上涨", "能源价格", "price", "能源"),
        ("三大中游制造业盈利或均向下", "中游制造业盈利", "profit", "中游制造业"),  # a count is no name
        ("必然抬高企业的用水成本", "企业用水成本", "cost", "企业用水"),  # an owner before 的
        ("承受较大的成本压力", "成本", "cost", ""),  # an adjective before 的 is no owner
    ],
)
def test_market_quantity_parts(text, subject, kind, commodity):
    (q,) = market_quantities(text, ByStart(find_minerals(text)))
    assert (q.subject, q.kind, q.commodity) == (subject, kind, commodity)


def test_forecast_cues_data_is_well_formed():
    rows = read_tsv("forecast_cues.tsv")
    assert {r["kind"] for r in rows} <= KINDS
    dupes = [k for k, n in Counter((r["cue"], r["kind"]) for r in rows).items() if n > 1]
    assert dupes == []
    for r in rows:
        if r["kind"] == "market_noun":
            assert r["value"] in {"price", "volume", "cost", "profit", "stock", "market"}, r
        if r["kind"] == "view":
            assert r["value"] in {"up", "down"}, r


@pytest.mark.parametrize(
    "text,horizon,subject,direction",
    [
        # a cut string is replaced by the market quantity of the clause; a bare noun takes the
        # commodity named before
        ("铜矿市场正受到持续打压，价格很可能进一步下探。", "unspecified", "铜矿价格", "down"),
        # the object of a transitive cue
        ("限产可能会导致电解铝产量的下跌。", "unspecified", "电解铝产量", "down"),
        ("限产可能减少供应，进而成为进一步推高钢材价格的推手。", "unspecified", "钢材价格", "up"),
        # a view verb is a call; on a product alone it is a call on its price
        ("行业观察：淘汰落后产能 钢结构件或看涨", "unspecified", "钢结构件价格", "up"),
        ("受原料价格走高影响，五金配件的价格也在近期看涨。", "short", "五金配件价格", "up"),
        # a price move takes the price mention before it in the line, not the cause
        ("锌价冲至年内高位 需求不稳又见回落风险", "unspecified", "锌价", "down"),
        # a modal of certainty
        ("发布时间：2011-08-24\n下半年企业亏损面势必扩大。", "medium", "企业亏损面", "up"),
        # an anaphoric trend continues the move of the clause before
        ("发布时间：2011-08-24\n上半年，企业用电成本节节攀升，下半年这种趋势预计会持续下去。", "medium", "企业用电成本", "up"),
        # the mineral mention starts the subject (not the words before it)
        ("发布时间：2011-08-24\n钛白粉的主要原料钛精矿现货价格年内将有10%-20%的涨幅。", "medium", "钛精矿现货价格", "up"),
        ("钢厂生产将会逐步受限。", "unspecified", "钢厂生产", "down"),
        # a move after an inner cause (因为…而), on the price of the sentence's topic
        ("对于以铝材为主要原料的门窗行业，也可能因为承受较大的成本压力而被迫提价。", "unspecified", "门窗价格", "up"),
        # a modal before an adverbial clause governs the verb after it
        ("储能市场会随着未来3年补贴政策的落实，带动2万吨的碳酸锂需求。", "long", "碳酸锂需求", "up"),
    ],
)
def test_forecast_subjects_from_mentions(components, text, horizon, subject, direction):
    got = [(f["horizon"], f["subject"], f["direction"]) for f in forecasts(components, text)]
    assert (horizon, subject, direction) in got


@pytest.mark.parametrize(
    "text",
    [
        "未来的铜供应能否满足需求的增长，仍有疑问。",  # a question
        "商家看涨心态趋重。",  # a mood
        "也不能过分看空后市。",  # advice
        "一路看涨的财报中总有一笔糊涂账。",  # a view verb as a modifier
        "虽然企业生产经营面临很大困难。",  # a concession
        "铝厂之前已将每吨电解铝的电耗从14500度降至13000度。",  # no market quantity moves
        "资金链的紧张和下游需求的不明朗让产业链上下游都开始谨慎观望。",  # people are made to wait
        "因此该公司落子欧洲后不会有太大压力。",  # a time clause is no subject
        "包括江苏在内的12个省市工业用电价格将于7月1日上调。",  # a scheduled change
        "现在如果铝材减产，价格势必继续走高。",  # a condition after a time word
    ],
)
def test_no_forecast(components, text):
    assert forecasts(components, text) == []


_ALPHABET = "铜价格需求产量的钢市场现货企业生产成本国内将会可能下跌上涨，。123万吨五金社能源看涨"


@given(st.text(alphabet=_ALPHABET, max_size=40))
@settings(max_examples=200, deadline=None)
def test_market_quantities_are_ordered_spans_of_the_text(text):
    qs = market_quantities(text, ByStart(find_minerals(text)))
    for a, b in zip(qs, qs[1:]):
        assert a.end <= b.start
    for q in qs:
        assert 0 <= q.start < q.end <= len(text)
        assert q.subject and q.subject == text[q.start:q.end].replace("的", "")
        assert q.kind in {"price", "volume", "cost", "profit", "stock", "market"}


@pytest.mark.parametrize(
    "text,calls",
    [
        # a list of commodity mentions is the subject; a move only prices make is on their price
        ("铝、锌有望反弹。", [("unspecified", "铝、锌价格", "up")]),
        ("铝和锌有望反弹。", [("unspecified", "铝和锌价格", "up")]),
        ("铜与铅短期内仍将走强。", [("short", "铜与铅", "up")]),
        # the commodities of a list share the market noun after them
        ("铜、铝和锌需求有望回升。", [("unspecified", "铜、铝和锌需求", "up")]),
        # a price move with no price mention takes the sector named before it
        ("对于以铜材为原料的阀门行业，也可能被迫提价。", [("unspecified", "阀门价格", "up")]),
    ],
)
def test_commodity_lists_and_sectors(components, text, calls):
    got = [(f["horizon"], f["subject"], f["direction"]) for f in forecasts(components, text)]
    assert got == calls


@pytest.mark.parametrize("unit,n", [("对的", 6000), ("对于", 6000), ("行业", 6000), ("铜和", 4000), ("的价格", 4000)])
def test_hostile_repetitions_return(components, unit, n):
    """Long repetitions of the words the subject rules look for (a quadratic rule hangs on them)."""
    text = unit * n + "门窗行业，可能提价。"
    got = forecasts(components, text)
    assert all(f["direction"] in {"up", "down", "flat"} for f in got)
