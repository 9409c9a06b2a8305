"""Dated happenings in commentary (research_report): any narrated act with an explicit
year before the report's own date is an event; the date of a figure is not.

Cases are short sentences written for this test, after the structures of the
commentary corpus (corpora/blind2, corpora/unseen u_eb*)."""

from __future__ import annotations

import pytest

from extractor.pipelines.components.dates import find_date_mentions

HEAD = "某某行业观察\n发布时间：2011-08-02\n发布人：\n"


def _roles(body: str, kind: str = "research_report") -> list[tuple[str, str, str | None]]:
    return [(f["role"], f["value"], f.get("value_end"))
            for _, f in find_date_mentions(HEAD + body, kind=kind) if f["role"] != "published"]


@pytest.mark.parametrize(
    "body,expected",
    [
        # a narrated act with no act word of the policy list
        ("经整改后，该厂于2011年6月24日恢复试生产。", [("event", "2011-06-24", None)]),
        ("2011年3月中旬的时候，某集团董事长宣布将扩大产能。", [("event", "2011-03", None)]),
        ("2007年10月收到第一批货，因检验不合格，公司拒收。", [("event", "2007-10", None)]),
        # the date alone before a comma: the next clause is its clause
        ("2009年7月，某石油公司又收购了一家日本炼厂。", [("event", "2009-07", None)]),
        # 于 makes a month the time of an act, a figure in its clause notwithstanding
        ("对方承诺分期还款，于2008年9月退回保证金15万美元后又终止还款。", [("event", "2008-09", None)]),
        # a year alone with a past marker
        ("早在2008年，国资委就曾发文允许电力企业经营煤炭。", [("event", "2008", None)]),
        # a range of months that ended before the report
        ("双方约定自2007年3月-2007年10月每月供货，后因质量问题终止。", [("event", "2007-03", "2007-10")]),
        # the date of a figure, not a happening
        ("2010年10月，我国进口多晶硅数量已经超过3万吨。", []),
        ("2010年6月30日的评估报告显示，资产总计较上年有所下降。", []),
        ("截至2010年10月，国内已有多家企业停产整顿。", []),
        ("2010年9月以来，国内钢材价格持续走高。", []),
        ("在2010年末，社会库存仍处高位。", []),
        # after the report's date: not a past happening
        ("该项目计划于2011年12月正式投入运营。", []),
        # a year alone is left out (the year of a figure, far more often than an act) …
        ("2009年国内铜产量继续增长。", []),
        ("2009年国内产量增长了10%。", []),
        ("刚刚过去的2010年，原料价格一路推高了成本。", []),  # a year framing a span
        ("投资额较2009年公布的数字增加了一倍。", []),  # the base of a comparison
        ("公司在2010年仍通过技术改造控制成本。", []),  # 通过: by means of
        ("该厂2012年就完成了改造。", []),  # after the report
        # … unless its own clause narrates a happening (an act, 了, 已, 被, or 曾 in its sentence)
        ("该公司在2009年就对项目做了大量论证工作。", [("event", "2009", None)]),
        ("该厂在2010年被批准为高新技术企业。", [("event", "2010", None)]),
        ("该市仅在2008年为了应对危机，曾进行过收储研究。", [("event", "2008", None)]),
        # an act before a figure of its clause: the figure is what the act moved
        ("早在2010年，某集团就曾与3家企业签署合作协议。", [("event", "2010", None)]),
        ("2010年6月，某公司从原股东手中收购了该厂45%的股权。", [("event", "2010-06", None)]),
        # a report has no span of days of its own: a measure's span is a happening
        # (one that starts after the report is, like any date after it, left out)
        ("有关部门决定自2011年7月1日至12月31日开展专项整治。", [("event", "2011-07-01", "2011-12-31")]),
        ("有关部门决定自2011年9月1日至12月31日开展专项整治。", []),
        # 前后 makes a year approximate: no deadline
        ("到2015年前后，电池成本可降至每瓦时2元。", []),
        # a caption or subtitle with its date dates the figures under it
        ("表1 2010年5月各地产量\n地区 产量\n甲 30\n", []),
        ("——2010年5月市场月报\n本月市场整体平稳，价格小幅波动。\n", []),
        ("由于2010年10月以来电价上调，冶炼成本上升。", []),
    ],
)
def test_commentary_events(body, expected):
    assert _roles(body) == expected


def test_policy_documents_keep_their_rules():
    # a month range in a policy document stays a period (only day ranges become events)
    text = "某省人民政府办公厅关于开展专项整治的通知\n各市：\n整治自2011年3月-2011年10月开展。\n某省人民政府办公厅\n2011年12月1日"
    got = [(f["role"], f["value"]) for _, f in find_date_mentions(text, kind="policy_notice")]
    assert ("period", "2011-03") in got


@pytest.mark.parametrize(
    "text,expected",
    [("早在2008年，国资委就曾发文", [("2008年", "2008", "year")]),
     ("早在 2008 年", [("2008 年", "2008", "year")]),
     ("早在2008年5月，", [("2008年5月", "2008-05", "month")]),
     ("2008年国内产量", [])],  # a bare year without a marker stays no date
)
def test_a_year_after_early_is_a_date(text, expected):
    from extractor.grammars.dates import find_dates

    assert [(p.text, p.value, p.precision) for p in find_dates(text)] == expected
