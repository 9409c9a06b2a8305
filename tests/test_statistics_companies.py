"""A region that begins a company's name written without a legal suffix is not the figure's
region, when the structure around the name says it is a company (a list closed by 等钢厂, a
role only a company has, a stock code, the antecedent of 该公司, the object of 持有…股权);
without such a cue the region stays (河北钢铁产量 is Hebei's steel output).
Synthetic sentences with invented brands."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_components
from extractor.pipelines.base import spans
from extractor.pipelines.components.statistics import _COMPANY_AFTER, _COMPANY_CUES


def stats(text: str) -> dict[str, dict]:
    doc = run_components(text, "ex_statistics")
    return {s.text: dict(s._.fields) for s in spans(doc, "statistics")}


@pytest.mark.parametrize(
    "text,surface,region",
    [
        # companies: the cue says so
        ("以浙江华锐为例，该公司的单位成本已经降到30美元。", "30美元", None),
        ("以浙江华锐为例，该公司成本较低。浙江华锐的产能达到5000吨。", "5000吨", None),  # the name recurs
        ("甲钢、乙钢、山东金岭等钢厂每吨上调幅度达到80元。", "80元", None),
        ("山东金岭等企业的产能合计120万吨。", "120万吨", None),
        ("某上市公司持有广东新创光电61.5%的股权。", "61.5%", None),
        ("湖南金瑞旗下矿山的产量达到3万吨。", "3万吨", None),
        ("四川天岳(600999)去年实现净利润2.5亿元。", "2.5亿元", None),
        # regions: no company cue
        ("今年河北钢铁产量达到2.8亿吨。", "2.8亿吨", "河北"),
        ("山东钢铁企业的产量增长了5%。", "5%", "山东"),
        ("河北等钢厂集中的省份，产量达到2.8亿吨。", "2.8亿吨", "河北"),
        ("江苏光伏产业实现产值1988亿元。", "1988亿元", "江苏"),
    ],
)
def test_region_starting_a_company_name(text, surface, region):
    got = {k: v for k, v in stats(text).items() if k.endswith(surface)}
    assert len(got) == 1, list(got)
    (fields,) = got.values()
    assert fields["region"] == region, fields


_PIECE = st.sampled_from(["浙江", "华锐", "甲钢", "、", "等", "钢厂", "企业", "旗下", "董事长", "董事会", "副总裁", "股价",
                          "(", "600999", ")", "股票代码：", "为例", "，", "该公司", "披露", "发布公告", "公告称", "产量"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECE, max_size=14))
def test_company_cues_hold_a_word_of_every_branch(pieces):
    """_COMPANY_CUES is the pre-check before _COMPANY_AFTER: wherever the pattern matches, a cue is in
    the same window (the cues are made from the pattern's own word tuples, so they cannot drift)."""
    text = "".join(pieces)
    if _COMPANY_AFTER.match(text, 0, 40):
        assert _COMPANY_CUES.search(text, 0, 40)
