"""Statistics: signs over whole lists, per-measure units, ranges, counts of kinds, regions.

Short synthetic sentences of our own, shaped like the structures of the commentary in
corpora/holdout (not its wording).
"""

from __future__ import annotations

import pytest

from conftest import run_components
from extractor.pipelines.base import spans

DATED = "发布时间：2011-09-07\n"


def stats(text: str) -> dict[str, dict]:
    doc = run_components(DATED + text, "ex_statistics")
    return {s.text: dict(s._.fields) for s in spans(doc, "statistics")}


@pytest.mark.parametrize(
    "text,present,absent",
    [
        # a count of kinds in digits is a figure; a category's name in Chinese numerals is not
        ("本次共抽检57种产品，全国十种有色金属产量平稳。", "57种", "十种"),
        ("焊带日销量在50到60吨。", "50到60吨", "60吨"),
        # a threshold a rule sets or the step of a sensitivity is no observation
        ("办法规定，新建项目规模大于5000吨/年，去年产量达8000吨。", "达8000吨", "大于5000吨/年"),
        ("办法要求资本金比例不得低于25%，实际比例为40%。", "40%", "低于25%"),
        ("原料价格每上涨2%，成本相应增加1.5亿元。", "1.5亿元", "2%"),
    ],
)
def test_statistic_items(text, present, absent):
    got = stats(text)
    assert present in got and absent not in got, got.keys()


@pytest.mark.parametrize(
    "text,surface,expect",
    [
        # a fall verb governs every item of its list, the ones after 和 too
        ("甲乙丙丁四家公司利润分别下滑5.5%、2.2%、4.7%和9.1%。", "4.7%", {"value": -4.7}),
        ("甲乙丙丁四家公司利润分别下滑5.5%、2.2%、4.7%和9.1%。", "9.1%", {"value": -9.1}),
        ("两地销量下降3%和6%，利润增长8%。", "6%", {"value": -6.0}),
        ("两地销量下降3%和6%，利润增长8%。", "8%", {"value": 8.0}),
        # a fall noun with 幅度 (下跌幅度, 下跌的幅度) or 在 before the number signs it
        ("镍价下跌幅度达到12%。", "达到12%", {"value": -12.0}),
        ("铜价降幅在6%左右。", "6%左右", {"value": -6.0}),
        ("铜价涨幅在6%左右。", "6%左右", {"value": 6.0}),
        # a price per unit of power or volume
        ("电池片报价在0.95美元/瓦附近。", "0.95美元", {"unit": "美元/瓦"}),
        ("汽油批发价为8.02元/升。", "8.02元", {"unit": "元/升"}),
        # one range with the unit on both ends, or a bare number before 到
        ("电池片报在0.9美元/瓦~0.95美元/瓦。", "0.9美元/瓦~0.95美元", {"value": 0.9, "value_max": 0.95, "unit": "美元/瓦"}),
        ("硅片价格在2美元到3美元之间。", "2美元到3美元", {"value": 2.0, "value_max": 3.0}),
        ("焊带日销量在50到60吨。", "50到60吨", {"value": 50.0, "value_max": 60.0, "unit": "吨"}),
        # 全国 modifying the noun of the clause's figure is China; 占全国 is a comparison
        ("需求疲软，导致全国焦炉开工率只有62%。", "62%", {"region": "中国"}),
        ("该省产量占全国总产量的30%。", "30%", {"region": None}),
        # a region + brand the structure shows to be a company is no region of the figure
        ("去年丙钢集团、河北二钢铁产量分别为900万吨、300万吨。", "300万吨", {"region": None}),
        ("丁钢计划向云南六钢投资50亿元。", "50亿元", {"region": None}),
        ("湖南稀业披露，公司稀土资产超过8亿元。", "超过8亿元", {"region": None}),
        ("今年向云南投资50亿元。", "50亿元", {"region": "云南"}),
        # a region glued after a brand and running into 项目 names a project
        ("乙钢漳州200万吨热轧项目已开工。", "200万吨", {"region": None}),
        ("云南煤化工项目投资80亿元。", "80亿元", {"region": "云南"}),
        # the country a region is ranked in is a comparison set, not a second region
        ("云南是我国重要的有色金属基地，锡产量达8万吨。", "达8万吨", {"region": "云南"}),
        ("江西为全国最大的钨产地，钨精矿产量4万吨。", "4万吨", {"region": "江西"}),
        # a change then a level, or a move between two levels, stays two figures
        ("持仓减少3397手至145207手。", "145207手", {"value": 145207.0, "value_max": None}),
        ("价格从100元到120元。", "120元", {"value": 120.0, "value_max": None}),
    ],
)
def test_statistic_fields(text, surface, expect):
    got = stats(text)
    assert surface in got, got.keys()
    assert {k: got[surface][k] for k in expect} == expect
