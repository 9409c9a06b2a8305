"""Calls the clause grammar detects (recall) and the look-alikes it leaves (precision): one
parametrised case per rule of `grammars/forecast_clause.py` / `components/forecasts.py` added for
the wordings the commentary writes, in sentences of our own (no article text)."""

from __future__ import annotations

import pytest

from extractor.grammars.forecast_clause import direction_of, first_direction, level_era
from extractor.pipelines.base import spans


def forecasts(components, text):
    return [(f["horizon"], f["subject"], f["direction"])
            for f in (dict(s._.fields or {}) for s in spans(components(text, "ex_forecasts"), "forecasts"))]


@pytest.mark.parametrize(
    "text,calls",
    [
        # a marked change denied is flat (the change is where the subject ends)
        ("锂盐价格以后不会出现太大波动。", [("unspecified", "锂盐价格", "flat")]),
        # … also read from the object of 令; an owner before 的 owns both paired metrics
        ("运力的增加并不会在短期内令经销商的运输成本及价格发生显著变化。",
         [("short", "经销商运输成本", "flat"), ("short", "经销商价格", "flat")]),
        # without an owner before 的 the pair keeps its commodity
        ("国内的锌需求及价格仍有望持续反弹。", [("unspecified", "国内锌需求", "up"), ("unspecified", "国内锌价格", "up")]),
        # a reason given after its main clause states its own call
        ("电池厂商纷纷表示反对，因为新规将导致电池成本大幅上升。", [("unspecified", "电池成本", "up")]),
        # an era of a level entered: the owner's quantity, up for 高 and down for 低
        ("随着矿价上涨，冶炼厂将迎来高成本时代。", [("unspecified", "冶炼厂成本", "up")]),
        ("加工企业将进入低利润阶段。", [("unspecified", "加工企业利润", "down")]),
        # a tendency word is a call by itself (under a calendar anchor too)
        ("发布时间：2012-05-10\n下半年锌价仍趋涨。", [("medium", "锌价", "up")]),
        # a quantity said to be hit with a modal is down; 批发价 is a price noun
        ("“矿价跌了一成，国内锌锭批发价必然受到影响”。", [("unspecified", "国内锌锭批发价", "down")]),
        # a supply-demand imbalance growing sharper is up (a structural 矛盾 is no quantity)
        ("受运力紧张影响，国内电煤供需矛盾将更加突出。", [("unspecified", "国内电煤供需矛盾", "up")]),
        # a state that cannot be changed persists (an oversupply: down, as 过剩格局难改)
        ("短期来看，检修对产能的限制还远未能改变锌冶炼企业产能过剩的态势。", [("short", "锌冶炼企业产能过剩", "down")]),
        # a level that goes on: up for 高, down for 低; 生产 before 高 and a market noun qualifies it
        ("在这样的情况下，锌冶炼生产高成本仍将持续。", [("unspecified", "锌冶炼生产成本", "up")]),
        ("钢厂低利润还会继续下去。", [("unspecified", "钢厂利润", "down")]),
        # a count of years from now is an anchor; its time is no part of the subject
        ("发布时间：2012-05-10\n全球储能5年后的装机量有望大幅增长。", [("long", "全球储能装机量", "up")]),
        # a failing support under a modal of its own is a call that the quantity stays
        ("料消费旺季也难以带动更多锌的消费。", [("unspecified", "锌消费", "down")]),
        # 将近一步 is 将 and a slip for 进一步 (将近 before an amount is "nearly")
        ("发布时间：2012-05-10\n下半年需求放缓将近一步令锌锭产量增速继续放缓。", [("medium", "锌锭产量增速", "down")]),
        # a view verb on a product alone is a call on it as written (no 价格 added)
        ("门窗五金或看涨。", [("unspecified", "门窗五金", "up")]),
        # an object read after its verb keeps its qualifiers when a market mention closes it
        ("新的计价方式将进一步抬升冶炼厂的锌精矿采购成本。", [("unspecified", "冶炼厂锌精矿采购成本", "up")]),
        ("鞍钢布局华南，也是看好省内及周边地区的钢材需求。", [("unspecified", "省内及周边地区钢材需求", "up")]),
        # a trend growing clearer is a call, like a trend already formed
        ("分析师认为，目前锌价下跌的趋势更加明显。", [("unspecified", "锌价", "down")]),
        # a forecast revised is a call on what is forecast
        ("发布时间：2012-05-10\n锌冶炼代表企业2012年盈利预测均被下调。", [("medium", "锌冶炼代表企业盈利", "down")]),
        # … and when the object moves, the call is on it
        ("锌锭需求增加将使冶炼厂利润继续下降。", [("unspecified", "冶炼厂利润", "down")]),
        # 出厂价 does not cut 出厂价格
        ("发布时间：2012-05-10\n下半年物价局将上调天然气出厂价格。", [("medium", "天然气出厂价格", "up")]),
    ],
)
def test_calls_detected(components, text, calls):
    assert forecasts(components, text) == calls


def test_headline_transitive_object(components):
    """A headline phrase whose verb is transitive is a call on its object."""
    text = "新港口启用降低铁矿石运输成本\n\n发布时间：2012-05-10\n码头今日开港。"
    assert forecasts(components, text) == [("unspecified", "铁矿石运输成本", "down")]


def test_headline_era(components):
    text = "矿山定价方式又变 钢厂迎来高成本时代\n\n发布时间：2012-05-10\n矿山今日公布新的定价方式。"
    assert forecasts(components, text) == [("unspecified", "钢厂成本", "up")]


@pytest.mark.parametrize(
    "text",
    [
        # a likelihood changed by what happened: no call on the subject before the verb
        "近日锌锭批发价出现的下滑则增加了下调电价的可能性。",
        # firms hit is a firm's fate, not a market quantity
        "生产锌锭的冶炼企业都会受到影响。",
        # a cause before 影响 is a cause, not a hit
        "锌价将受库存下降的影响。",
        "钢铁行业产品结构性矛盾将更加突出。",
        # years after a past point tell a past (the anchor needs a forward marker)
        "发布时间：2012-05-10\n2008年签约时成本假设为每吨30美元，四年后，成本已升至每吨45美元。",
        # a factor for a move is no call (corpora/README.md, commentary forecasts rule 1)
        "库存下降将对锌价形成有力支撑。",
        "降息为铜价的进一步上涨提供支撑。",
        "现有订单难以支撑冶炼厂利润的改善。",
        # an industry's condition without a quantity is no call (rule 2)
        "发布时间：2012-05-10\n铝加工业下半年运行将面临较大困难。",
        "锂电装备行业高景气将延续到明年。",
        "发布时间：2012-05-10\n下半年型材过剩和产品同质化竞争将更加激烈。",
        "锌锭库存将近三成来自进口。",
        # one move offsetting another is no call on either
        "因此锌锭价格的上涨很大一部分将弥补精矿成本的增加。",
        # a move before 将使 is the cause; the object is not said to move
        "锌锭需求增加将使供应显得捉襟见肘。",
        # a premise opening the sentence stays a premise
        "因为锌价将上涨，冶炼厂纷纷扩产。",
    ],
)
def test_no_call(components, text):
    assert forecasts(components, text) == []


@pytest.mark.parametrize(
    "clause,direction",
    [
        ("价格不会出现太大波动", "flat"),
        ("成本难以发生明显变化", "flat"),
        ("价格将出现大幅上涨", "up"),  # no denial: the move is the move
        ("钢厂迎来高成本时代", "up"),
        ("冶炼厂进入低利润阶段", "down"),
    ],
)
def test_directions(clause, direction):
    assert direction_of(clause) == direction


def test_the_denied_change_and_the_era_end_the_subject():
    text = "锂盐价格不会出现太大波动"
    assert text[: first_direction(text, 0, len(text))] == "锂盐价格不会"
    assert level_era("钢厂迎来高成本时代", 0, 9) == (2, "成本", "up")
