"""A news headline with the page's dateline under it may ask or exclaim (？/！); a first line
that ends a sentence (。/；) is running text, not a headline. Synthetic headlines of our own."""

from __future__ import annotations

import pytest

from extractor.pipelines.components.title import find_title

DATELINE = "\n发布时间：2011-04-14\n发布人：\n正文第一句话在这里，说明事情的来龙去脉。\n"


@pytest.mark.parametrize(
    "headline",
    [
        "铜价还能涨多久？浅谈下半年供需格局",
        "煤价四个月暴涨50%  拐点到了吗？",
        "钢厂限产！螺纹钢价格应声上扬",
    ],
)
def test_headline_may_ask_or_exclaim(headline):
    found = find_title(headline + DATELINE)
    assert found is not None and found[2] == headline


def test_a_sentence_is_no_headline():
    assert find_title("本周铜价继续上涨。" + DATELINE) is None
