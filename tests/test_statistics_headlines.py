"""Headline figures about the future: a cue in the headline marks them like any clause; a
headline figure with no time of its own has the `projected` of the body figure it repeats (same
value and unit; corpora/README.md rule 6 of 2026-12-06): projected when the body states it as a
projection, dated or not (an undated consequence, 每度上涨1分，每吨…将增加约90元, too), and not
when the body's figure is a past observation or another figure. Synthetic pieces."""

from __future__ import annotations

import pytest

from conftest import run_components
from extractor.pipelines.base import spans

HEAD = "\n发布时间：2011-06-03\n发布人：-\n"


def headline_figure(text: str) -> dict:
    doc = run_components(text, "ex_statistics")
    first = [s for s in spans(doc, "statistics") if s.start_char < text.index("\n")]
    assert len(first) == 1, [s.text for s in spans(doc, "statistics")]
    return dict(first[0]._.fields)


@pytest.mark.parametrize(
    "text,projected,horizon",
    [
        # the headline's own cue or year
        ("甲矿业明年产量将达50万吨" + HEAD + "正文没有数字。", True, "明年"),
        ("甲矿业产量有望突破50万吨 价格或回落" + HEAD + "正文没有数字。", True, None),
        ("2015年乙产品产量控制在10万吨以内" + HEAD + "正文没有数字。", True, "2015年"),
        # the body's dated projection of the same figure
        ("乙公司抛20亿美元采购单" + HEAD + "乙公司透露，计划今年采购金额增至20亿美元。", True, "今年"),
        ("新规划发布 自给率提高到80%" + HEAD + "规划提出，到2015年，自给率提高到80%。", True, "2015年"),
        # the body's undated consequence, projected (rule 6: the headline repeats it)
        ("每吨产品成本增加90元" + HEAD + "电价每度上涨1分，每吨产品的成本将增加约90元。", True, None),
        # the body's figure is past, or another figure
        ("乙公司采购额达20亿美元" + HEAD + "去年乙公司采购金额增至20亿美元。", False, None),
        ("乙公司抛20亿美元采购单" + HEAD + "乙公司透露，计划今年采购金额增至30亿美元。", False, None),
    ],
)
def test_headline_projection(text, projected, horizon):
    fields = headline_figure(text)
    assert fields["projected"] is projected, fields
    assert fields["horizon"] == horizon, fields
