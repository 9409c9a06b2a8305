"""Forecast subjects from market-quantity mentions (grammars/forecast_market.py and the
subject resolution in grammars/forecast_subject.py), over the grammar's EXAMPLES, the data
file and short sentences of our own with the structures of the dev commentary (no sentence is
copied from a document)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.gazetteers import read_tsv
from extractor.grammars.forecast_clause import EXAMPLES as CLAUSE_EXAMPLES
from extractor.grammars.forecast_market import EXAMPLES, market_quantities
from extractor.grammars.forecast_words import _alternation, forecast_cues
from extractor.grammars.text_units import ByStart
from extractor.minerals import find_minerals
from extractor.pipelines.base import spans

KINDS = {"market_noun", "market_stem", "qualifier", "np_stop", "np_word", "view", "forward", "down", "up", "flat", "suffix", "continue", "adverbial",
         "transitive", "price_move", "trend", "not_quantity", "past_negation", "past_habit", "prospect", "prospect_verb",
         "subject_head", "subject_head_not", "degree", "whole_word"}


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
        ("国内锌价中枢有望上移", "国内锌价中枢", "price", "锌"),  # a stem compound and a suffix word
        ("社会库存将进一步下降", "社会库存", "stock", "社会"),  # 会 inside a word of the data
        ("能源价格将上涨", "能源价格", "price", "能源"),
        ("四大下游加工业利润或均向下", "下游加工业利润", "profit", "下游加工业"),  # a count is no name
        ("势必推高工厂的用电成本", "工厂用电成本", "cost", "工厂用电"),  # an owner before 的
        ("承受较重的成本压力", "成本", "cost", ""),  # an adjective before 的 is no owner
        ("金价产量", "金价", "price", "金"),  # a mention never reaches into the one before it
        ("受原料价格上行影响", "原料价格", "price", "原料"),  # the passive 受 is no part of the phrase
        ("在建产能", "产能", "volume", ""),  # one character before a modal is a word's end, no phrase
        ("再生铝价格", "再生铝价格", "price", "再生铝"),  # a mineral mention is read whole
        ("可再生能源价格", "可再生能源价格", "price", "可再生能源"),  # an np_word longer than two
    ],
)
def test_market_quantity_parts(text, subject, kind, commodity):
    q = market_quantities(text, ByStart(find_minerals(text)))[0]
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
    "text,calls",
    [
        # a cut string is replaced by the market quantity of the clause; a bare noun takes the
        # commodity named before
        ("锌矿市场正遭受持续压制，价格很可能进一步下探。", [("unspecified", "锌矿价格", "down")]),
        # the object of a transitive cue
        ("减产可能会引起电解铜产量的回落。", [("unspecified", "电解铜产量", "down")]),
        ("减产可能压缩供应，进而成为进一步推高铝材价格的推手。", [("unspecified", "铝材价格", "up")]),
        # a view verb is a call; on a product alone it is a call on its price
        ("行业观察：淘汰过剩产能 铝型材或看涨", [("unspecified", "铝型材", "up")]),
        ("受原料价格上行影响，卫浴配件的价格也在近期看涨。", [("short", "卫浴配件价格", "up")]),
        # a price move takes the price mention before it in the line, not the cause
        ("锡价冲至年内高点 需求疲弱又见回落风险", [("unspecified", "锡价", "down")]),
        # a modal of certainty
        ("发布时间：2012-05-10\n下半年冶炼企业亏损面势必扩大。", [("medium", "冶炼企业亏损面", "up")]),
        # an anaphoric trend continues the move of the clause before
        ("发布时间：2012-05-10\n上半年，企业用气成本不断攀升，下半年这种趋势预计会持续下去。",
         [("medium", "企业用气成本", "up")]),
        # the mineral mention starts the subject (not the words before it)
        ("发布时间：2012-05-10\n不锈钢的主要原料镍铁现货价格年内将有10%-20%的涨幅。", [("medium", "镍铁现货价格", "up")]),
        ("冶炼厂生产将会逐步受限。", [("unspecified", "冶炼厂生产", "down")]),
        # a move after an inner cause (因为…而), on the price of the sector named before
        ("对于以铝材为主要原料的门窗行业，也可能因为承受较大的成本压力而被迫提价。", [("unspecified", "门窗价格", "up")]),
        # a modal before an adverbial clause governs the verb after it
        ("光伏市场会随着未来3年补贴政策的落实，带动1万吨的多晶硅需求。", [("long", "多晶硅需求", "up")]),
        # … whatever word opens the adverbial clause; its own move (增加) is no call
        ("汽车市场将由于新能源车型的增加，带动2万吨的钴需求。", [("unspecified", "钴需求", "up")]),
        # a demonstrative and a trend noun carry the previous clause's move on, whatever its direction
        ("发布时间：2012-05-10\n上半年，冶炼厂原料成本持续下滑，下半年该态势仍将延续。", [("medium", "冶炼厂原料成本", "down")]),
        ("近两月，锌价快速走高，此轮涨势短期内有望维持。", [("short", "锌价", "up")]),
    ],
)
def test_forecast_subjects_from_mentions(components, text, calls):
    got = [(f["horizon"], f["subject"], f["direction"]) for f in forecasts(components, text)]
    assert got == calls


@pytest.mark.parametrize(
    "text",
    [
        "未来的镍供应能否满足需求的增长，仍有疑问。",  # a question
        "贸易商看涨心态渐浓。",  # a mood
        "也不宜过分看空后市。",  # advice
        "一路看涨的年报里总有几笔糊涂账。",  # a view verb as a modifier
        "虽然企业生产经营面临较大困难。",  # a concession
        "冶炼厂此前已将每吨电解锌的电耗从3300度降至3100度。",  # no market quantity moves
        "库存的高企和终端需求的疲弱让上下游都开始谨慎观望。",  # people are made to wait
        "因此该集团进军南美后不会有太大压力。",  # a time clause is no subject
        "包括浙江在内的9个省市工业用气价格将于8月1日上调。",  # a scheduled change
        "眼下如果铜材减产，价格势必继续走高。",  # a condition after a time adverb
    ],
)
def test_no_forecast(components, text):
    assert forecasts(components, text) == []


_ALPHABET = "铜铝锌价格需求产量的钢市场现货企业生产成本国内将会可能下跌上涨，。、和123万吨五金社能源看涨"
_NOUNS = re.compile(_alternation([*forecast_cues("market_noun"), *forecast_cues("market_stem")]))


@given(st.text(alphabet=_ALPHABET, max_size=40))
@settings(max_examples=300, deadline=None)
def test_market_quantities_are_disjoint_phrases_of_the_text(text):
    """Mentions never overlap, stay inside the text, never cross a clause mark and hold a
    market noun or a stem (what the grammar promises, not how it reads them)."""
    qs = market_quantities(text, ByStart(find_minerals(text)))
    for a, b in zip(qs, qs[1:]):
        assert a.end <= b.start
    for q in qs:
        assert 0 <= q.start < q.end <= len(text)
        assert not set(text[q.start:q.end]) & set("，。")
        assert _NOUNS.search(q.subject)


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


@pytest.mark.parametrize(
    "text,metals,listed",
    [
        ("铝和锌有望反弹", ["铝", "锌"], "铝和锌"),
        ("铜、铅与锌短期内或将走强", ["铜", "铅", "锌"], "铜、铅与锌"),
        ("镍及钴仍将偏弱", ["镍", "钴"], "镍及钴"),
        ("铝有望反弹", ["铝"], None),  # one commodity is no list
        ("铝和锌需求有望回升", ["铝", "锌"], None),  # a noun after the list: the mention is the subject
        ("铝材厂和锌有望反弹", ["铝", "锌"], None),  # the list starts at a mention
    ],
)
def test_commodity_list_over_given_mineral_spans(text, metals, listed):
    """The list is read from the mineral spans given (not from the mineral finder)."""
    from types import SimpleNamespace

    from extractor.grammars.forecast_subject import commodity_list

    spans_ = [SimpleNamespace(start=text.index(m), end=text.index(m) + len(m)) for m in metals]
    dm = next(k for k, ch in enumerate(text) if ch in "反走偏回")
    assert commodity_list(text, SimpleNamespace(minerals=ByStart(spans_)), 0, dm) == listed


@pytest.mark.parametrize(
    "text,calls",
    [
        # a span of years opening the sentence is its horizon; a subject that only says where
        # takes the quantity after the verb
        ("发布时间：2012-05-10\n据测算，从2013到2018年的6年间，我国将新增光热发电装机容量3万兆瓦。",
         [("long", "我国光热发电装机容量", "up")]),
        # the paragraph's time goes on into the next sentence when that one names none
        ("发布时间：2012-05-10\n到2016年全球锂盐产量将增加一倍。从结构看，海外锂盐产量将上升到全球的六成。",
         [("long", "全球锂盐产量", "up"), ("long", "海外锂盐产量", "up")]),
        # … but not across a paragraph, nor into a sentence with a time of its own
        ("发布时间：2012-05-10\n到2016年全球锂盐产量将增加一倍。\n海外锂盐产量将上升到全球的六成。",
         [("long", "全球锂盐产量", "up"), ("unspecified", "海外锂盐产量", "up")]),
        # a region linked by 地区的 stays with its commodity
        ("俄罗斯地区的天然气供给难以恢复。", [("unspecified", "俄罗斯地区天然气供给", "flat")]),
        # a share between the owner and the noun is no part of the mention
        ("铅酸电池约三成的市场空间将会被钠电池替代。", [("unspecified", "铅酸电池市场空间", "down")]),
        # the room for a move is small: a flat call without a modal
        ("后期锂盐价格反弹空间较为有限。", [("unspecified", "锂盐价格", "flat")]),
        # a clause's own year overrides the bucket of the anchor before it
        ("发布时间：2012-05-10\n短期内锂盐价格仍将上涨，预计锂盐今年价格仍将维持高位运行。",
         [("short", "锂盐价格", "up"), ("medium", "锂盐价格", "flat")]),
        # the hope before a subject is no part of it; a level's adjective before the noun neither
        ("寄希望锂盐价格短期内快速反弹并不现实。", [("short", "锂盐价格", "flat")]),
        # the chain position before a commodity mention is no part of the quantity
        ("上游碳酸锂市场有望持续走高。", [("unspecified", "碳酸锂市场", "up")]),
        # a move to a share of a total is a call on the quantity as written (no 占比 added: corpora/README.md,
        # subjects as written); 国外 is a scope word
        ("发布时间：2012-05-10\n到2016年国外锂盐产量将上升到全球产量的三成。从结构看，国外锂盐产量将上升到全球产量的30%至40%。",
         [("long", "国外锂盐产量", "up"), ("long", "国外锂盐产量", "up")]),
        # the share is read from the clause's quantity span, its comparator with it
        ("海外锌矿产量将升至全球总量的约30%。", [("unspecified", "海外锌矿产量", "up")]),
        # a clause taking its subject from the clause before takes its time too; the base of a
        # comparison (同比去年) names no period; an adjective before 的 stays, the 的 goes (as written)
        ("发布时间：2012-05-10\n2012年全球锂电池新的出货量将会突破50亿只，同比去年将增长20%。",
         [("medium", "全球锂电池新出货量", "up")]),
        # a vague count (未来几年) is an anchor; 新增 before the noun qualifies it when the move
        # comes later; a multiple of the present level is a rise; 每年 is no part of the subject
        ("发布时间：2012-05-10\n未来几年储能装机量会有较大增长，每年的新增储能装机量将是目前水平的五倍以上。",
         [("long", "储能装机量", "up"), ("long", "新增储能装机量", "up")]),
        # the paragraph's time goes on across a scenario clause's own year
        ("发布时间：2012-05-10\n未来几年储能装机量会有较大增长。按照2020年储能替代发电量的3%，每年新增的储能装机量也将是目前的五倍。",
         [("long", "储能装机量", "up"), ("long", "新增储能装机量", "up")]),
        # a spread without its commodity takes the one named before
        ("发布时间：2012-05-10\n由于海外对中国钨的需求减少，由出口限制导致的内外价差将逐步回落。",
         [("unspecified", "钨内外价差", "down")]),
        # a clause referring back to the call dates it
        ("发布时间：2012-05-10\n锂盐价格也将在暴涨后进行回调，这一拐点最早也会在明年同期出现。",
         [("medium", "锂盐价格", "down")]),
        # a high level that will not recede is held
        ("碳酸锂价格高位难退。", [("unspecified", "碳酸锂价格", "flat")]),
        # two metrics of one owner are two calls
        ("国内碳酸锂需求及价格仍有望持续反弹。",
         [("unspecified", "国内碳酸锂需求", "up"), ("unspecified", "国内碳酸锂价格", "up")]),
        # a demonstrative goes and no sector is supplied for it (as written); a room that widens is a rise
        ("钠电池产业规模增长很快。而未来，该产业的市场空间将更加广阔。",
         [("unspecified", "产业市场空间", "up")]),
        # a clause opening with 或 is an alternative to the call before it
        ("锌价或将走强，或美元走势无力支撑锌价。", [("unspecified", "锌价", "up")]),
        # a supply growing tight is less of it
        ("检修将使华南地区成品油资源更加紧张。", [("unspecified", "华南地区成品油资源", "down")]),
        # a lone 或 before the move is a modal
        ("碳酸锂价格或上涨。", [("unspecified", "碳酸锂价格", "up")]),
        ("锂电企业高成本仍将持续上升。", [("unspecified", "锂电企业成本", "up")]),
    ],
)
def test_forecast_horizons_and_mentions(components, text, calls):
    got = [(f["horizon"], f["subject"], f["direction"]) for f in forecasts(components, text)]
    assert got == calls


@pytest.mark.parametrize(
    "text,calls",
    [
        # an industry's growth phase is a call on the sector's growth; a span of years is long
        ("发布时间：2012-05-10\n2012年-2016年储能行业会迎来新一轮增长期。", [("long", "储能行业", "up")]),
        ("发布时间：2012-05-10\n今年四季度锂电业将走出衰退期。", [("medium", "锂电业", "up")]),
        ("这预示着稀土永磁产业开始进入衰退期。", [("unspecified", "稀土永磁产业", "down")]),
        # 增长期 holds no 长期 horizon
        ("发布时间：2012-05-10\n氢能产业或将进入高速增长期。", [("unspecified", "氢能产业", "up")]),
    ],
)
def test_industry_prospects(components, text, calls):
    got = [(f["horizon"], f["subject"], f["direction"]) for f in forecasts(components, text)]
    assert got == calls


@pytest.mark.parametrize(
    "text",
    [
        "光伏电站面对不断上涨的组件价格却无力转嫁。",  # a move that qualifies a noun states no move
        "寒潮并未对当前的天然气价格形成支撑。",  # a negated past
        "原来每过半年组件价格就会下降一成。",  # what used to happen
        "亚洲市场仍将保持在全球锂电市场的领先地位。",  # a rank held, no quantity
        "安全、能耗标准将提高。",  # a rule raised
        "美元或将延续下跌趋势。",  # a currency
        "该集团计划到2016年将其年产能扩大至500万吨。",  # 将其: a company's plan, not a modal
        "“原来每过半年组件价格就会下降一成。”",  # … also inside a quotation
        "铝加工行业将加速洗牌。",  # what is sped up is no market quantity
        "需求回落使部分矿山停产或关闭。",  # 或 after the move joins two verbs
        "或美元走势无力支撑原油。",  # a clause opening with 或 offers an alternative
        "当库存降到低位后，钢厂利润也会增加。",  # 当…后: a condition
        "储能行业或将获长期利好。",  # an industry's condition without a quantity (corpora/README rule 2)
        "发布时间：2012-03-08\n出口：2011年形成了恢复性的增长，有可能同比增加5%。",  # an estimate of a year over
    ],
)
def test_no_forecast_outside_the_scope(components, text):
    assert forecasts(components, text) == []


@pytest.mark.parametrize("clause,test,expected", CLAUSE_EXAMPLES)
def test_clause_examples(clause, test, expected):
    from extractor.grammars import forecast_clause as fc

    if test == "prospect":
        assert fc.prospect_direction(clause) == expected
    elif test == "modifier":
        assert fc.modifier_only(clause, 0, len(clause)) is expected
    elif test == "modal":
        m = fc.modal_before_move(clause)
        assert (m.group(0) if m else None) == expected
    else:
        assert fc.direction_of(clause) == expected


def test_subject_head_reads_the_market_nouns_and_keeps_only_its_difference():
    from extractor.grammars.forecast_subject import SUBJECT_HEAD

    nouns, own, not_head = (set(forecast_cues(k)) for k in ("market_noun", "subject_head", "subject_head_not"))
    assert own and not own & nouns  # subject_head holds only words that are no market noun
    assert not_head <= nouns
    assert all(SUBJECT_HEAD.search(w) for w in (nouns | own) - not_head)
    assert not any(SUBJECT_HEAD.search(w) for w in not_head)
