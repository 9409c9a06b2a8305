"""Energy words that name no mineral (可再生能源, 新能源, 清洁能源) give no mineral mention, and
product forms written with a process word (电解锌, 电解铜) count as their metal at catalogue level
(corpora/README.md, minerals: 铝/氧化铝/电解铝 -> 铝土矿). Short synthetic sentences of our own."""

from __future__ import annotations

import pytest

from extractor.compare import catalogue
from extractor.minerals import find_minerals


@pytest.mark.parametrize(
    "text",
    [
        "下半年可再生能源价格将继续下降。",
        "再生能源装机容量增长两成。",
        "新能源汽车销量回升，清洁能源占比提高。",
        "能源价格上涨推高生产成本。",
    ],
)
def test_energy_words_name_no_mineral(text):
    assert [m.surface for m in find_minerals(text)] == []


@pytest.mark.parametrize(
    "text,top",
    [
        ("预计下半年电解锌价格将上涨。", "锌"),
        ("电解铜库存下降。", "铜"),
        ("电解镍进口增加。", "镍"),
        ("电解铝产量增长。", "铝土矿"),
        ("再生铜和再生铝的供应增加。", "铜"),  # 再生 + a metal is a secondary metal, unlike 再生能源
    ],
)
def test_a_process_word_before_a_metal_counts_as_the_metal(text, top):
    tops = {catalogue(m.entry.parent or m.entry.canonical) for m in find_minerals(text)}
    assert top in tops
