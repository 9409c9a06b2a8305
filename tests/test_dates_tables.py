"""Dates in tables laid out one cell per line (commentary pasted from a web table): the
line-alone rule (a date on a line of its own is ``other``) does not apply to a table's
rows. A row headed by a past date and naming parties is a dated happening (``event``);
a row whose other cells are figures dates those figures (left out); a lone date line
outside a table stays ``other``.

Cases are tables written for this test, after the structure of the holdout commentary."""

from __future__ import annotations

import pytest

from extractor.pipelines.components.dates import find_date_mentions

HEAD = "某某行业观察\n发布时间：2011-08-02\n发布人：\n"
DEALS = "近年来国内企业签署的长期合同如下。\n时间\n买方\n卖方\n合同量(万吨/年)\n"


def _roles(body: str, kind: str = "research_report") -> list[tuple[str, str]]:
    return [(f["role"], f["value"])
            for _, f in find_date_mentions(HEAD + body, kind=kind) if f["role"] != "published"]


@pytest.mark.parametrize(
    "body,expected",
    [
        # a table of deals: each row's date is an event
        (DEALS + "2010年5月甲公司乙能源\n300\n2009年3月丙公司丁集团\n150\n2008年12月甲公司戊公司\n90\n",
         [("event", "2010-05"), ("event", "2009-03"), ("event", "2008-12")]),
        # rows headed by a year alone are dated happenings too
        (DEALS + "2010年甲公司乙能源\n300\n2009年丙公司丁集团\n150\n2008年甲公司戊公司\n90\n",
         [("event", "2010"), ("event", "2009"), ("event", "2008")]),
        # a table of monthly figures: the dates are the figures' periods
        ("各月产量如下。\n2010年5月 30万吨\n2010年6月 32万吨\n2010年7月 35万吨\n", []),
        # a lone date line (a heading) outside a table stays other
        ("行情回顾\n2010年5月\n本月市场整体平稳，价格小幅波动，成交清淡。\n", [("other", "2010-05")]),
    ],
)
def test_table_rows(body, expected):
    assert _roles(body) == expected


def test_rows_after_the_report_are_not_events():
    body = DEALS + "2012年5月甲公司乙能源\n300\n2012年3月丙公司丁集团\n150\n2012年1月甲公司戊公司\n90\n"
    assert all(role != "event" for role, _ in _roles(body))
