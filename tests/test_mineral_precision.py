"""Mineral mentions that are not minerals: chemical compounds, names of bodies, word-class
blocks (short synthetic sentences of our own, after the classes of false positives on
corpora/blind2)."""

from __future__ import annotations

import pytest

from extractor.minerals import find_minerals, in_compound


def catalogue(text: str) -> set[str]:
    out = set()
    for m in find_minerals(text):
        e = m.entry
        out.add(e.parent or e.canonical)
    return out


# (text, catalogue/parent names expected, names that must not appear)
CASES = [
    # compounds: the element next to 酸 names a chemical
    ("以磷酸铁锂和锰酸锂为正极材料", set(), {"磷", "铁", "锰"}),  # 铁锂: the lithium of LFP counts
    ("仅次于合成氨和磷酸", set(), {"磷"}),
    ("硝酸银溶液", set(), {"银"}),
    # compounds that are products keep their mineral
    ("碳酸锂价格上涨", {"锂"}, set()),
    ("硫酸镍产量", {"镍"}, set()),
    ("铅酸电池产能受到影响", {"铅"}, set()),
    ("铅酸蓄电池企业", {"铅"}, set()),
    ("沪铅和磷矿石", {"铅", "磷"}, set()),
    # names of bodies
    ("美国钢铁工人联合会要求调查", set(), {"铁"}),
    ("中国稀土学会、中国钢铁工业协会举办论坛", set(), {"稀土", "铁"}),
    ("生产钛白粉的龙蟒集团等企业", {"钛"}, set()),
    ("中国铝业集团公告", set(), {"铝土矿", "铝"}),
    ("江西铜业(600362)和厦门钨业（600549.SH）涨停", set(), {"铜", "钨"}),  # stock codes mark company names
    ("铜价(元/吨)上涨", {"铜"}, set()),
    # person names
    ("知名服装企业的林锡源直言，成本上涨", set(), {"锡"}),
    ("王铁表示，需求平稳", set(), {"铁"}),
    ("沪锡表示震荡，铜说明需求", {"锡", "铜"}, set()),  # 沪 is no surname; 铜 has none before it
    ("马钢铁矿石采购量", {"铁"}, set()),  # a two-character term is never a name
    # word classes
    ("建筑五金产品的价格看涨", set(), {"金"}),
    ("产业进入黄金增长期", set(), {"金"}),
    ("对煤气设备的需求", set(), {"煤"}),
    ("黄金价格和煤炭价格", {"金", "煤"}, set()),
    ("龙骨以轻钢镀锌材质为主", {"铁", "锌"}, set()),
]


@pytest.mark.parametrize("text,want,never", CASES, ids=[c[0] for c in CASES])
def test_mineral_precision(text, want, never):
    got = catalogue(text)
    assert want <= got, got
    assert not (never & got), got


@pytest.mark.parametrize("text,start,end,expected", [
    ("磷酸", 0, 1, True), ("锰酸锂", 2, 3, True), ("铅价", 0, 1, False), ("碳酸锂", 0, 3, False),
])
def test_in_compound(text, start, end, expected):
    assert in_compound(text, start, end) is expected
