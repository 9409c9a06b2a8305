"""Periods in commentary (research_report): half years, ranges of months and ranges of years
are the period of a reported figure unless the structure makes them the time of an act; a
bare year after 自/从 and before a founding or start-up act dates that act. Short sentences
of our own, after the structures of corpora/holdout."""

from __future__ import annotations

import pytest

from test_dates_commentary import _roles  # the same report head and role listing

from extractor.grammars.dates import find_dates
from extractor.pipelines.components.dates import find_date_mentions


@pytest.mark.parametrize(
    "body,expected",
    [
        # a half year with a past marker: a happening over its six months
        ("2009年下半年，某集团曾试图引入民营资本重组该厂。", [("event", "2009-07", "2009-12")]),
        # a half year dating a figure: left out
        ("公司2010年上半年净利润同比增长30%。", []),
        # a founding or start-up act after 自: the year of that act
        ("该生产线自2008年投产以来，产量逐年攀升。", [("event", "2008", None)]),
        # the month after which something happened bounds a span, it is no happening
        ("受政策影响，需求在2010年6月份后明显回升。", []),
        # commentary dates only with the year written in the date (gold convention of
        # 2026-12-06): 当年4月 is left out even when the year was just narrated
        ("欧委会于2010年2月发起反倾销调查，随后又于当年4月发起了反补贴调查。",
         [("event", "2010-02", None)]),
        # a range of years followed by an act on its clause
        ("2009年~2010年宣布扩产的企业包括多家上市公司。", [("event", "2009", "2010")]),
        # a range of months that is a figure's period (a quantity, a compared period, a list)
        ("2010年1~6月公司原料采购量为1.2万吨。", []),
        ("行业规模恢复增长，2010年1—10月份已和2009年全年持平。", []),
        ("2009年度、2010年1~6月公司钛白粉消耗量分别为多少尚未披露。", []),
        # 自 before a range of months keeps it the span of an act
        ("双方约定自2007年3月-2007年10月每月供货，后因质量问题终止。", [("event", "2007-03", "2007-10")]),
    ],
)
def test_report_periods(body, expected):
    assert _roles(body) == expected


def test_a_plan_half_year_in_a_notice_is_left_out():
    text = "国务院办公厅\n2019年1月21日\n2019年上半年，试点城市政府印发实施方案。"
    assert [f["role"] for _, f in find_date_mentions(text, kind="policy_notice")] == ["written"]


@pytest.mark.parametrize("s", ["2008年投产", "该厂2005年成立", "2008年建成", "自2008年产量"])
def test_a_bare_year_needs_its_marker(s):
    # without 自/从 before it and a founding act after it, a bare year is no date
    assert find_dates(s) == []
