"""A name may be longer than MAX_NAME characters before its ending when it is built of a name and its
units (grammars/institutions.py `_with_sub_bodies`): a body right after a name, with a sub-body ending
(a branch, an anchored ending such as 委员会, a research unit), joins it, each part bounded as a name is;
a clause before an ending is still no name, and a clause after a name (`inst_link`: 与, 下属, 成立 …) is
no unit of it. Synthetic sentences of our own (the bodies are invented unless listed)."""

from __future__ import annotations

import pytest

from extractor.grammars.institutions import MAX_NAME, MAX_UNITS, find_institution_names


@pytest.mark.parametrize(
    "text,expected",
    [
        # a made parent + a committee: longer than MAX_NAME before the ending, read whole
        ("据青海省有色金属行业协会稀土专业委员会秘书长表示，产量下降。",
         [("青海省有色金属行业协会稀土专业委员会", "青海省有色金属行业协会稀土专业委员会")]),
        ("青海省有色金属工业协会再生金属与稀土分会会长表示，回收量增加。",  # 与 inside the unit's name
         [("青海省有色金属工业协会再生金属与稀土分会", "青海省有色金属工业协会再生金属与稀土分会")]),
        # units chain: a committee of a branch
        ("据青海省有色金属行业协会稀土专业委员会光伏分会统计，装机增长。",
         [("青海省有色金属行业协会稀土专业委员会光伏分会", "青海省有色金属行业协会稀土专业委员会光伏分会")]),
        # a listed parent by its short name + a branch: its canonical + the branch
        ("中电联燃料分会会长表示，库存充足。", [("中电联燃料分会", "中国电力企业联合会燃料分会")]),
        # a listed parent + a unit of more than MAX_BRANCH characters: each part bounded as a name is
        ("据中国物流与采购联合会大宗商品交易市场流通分会统计，库存增加。",
         [("中国物流与采购联合会大宗商品交易市场流通分会", "中国物流与采购联合会大宗商品交易市场流通分会")]),
        # a government body's research unit
        ("据国家发展和改革委员会能源研究所研究员表示，电价平稳。",
         [("国家发展和改革委员会能源研究所", "国家发展和改革委员会能源研究所")]),
        # a conjunction or a verb of relation after a name: two bodies, or a unit named without its parent
        ("中国有色金属工业协会与青海省稀土专业委员会联合发布报告。",
         [("中国有色金属工业协会", "中国有色金属工业协会"), ("青海省稀土专业委员会", "青海省稀土专业委员会")]),
        ("中国有色金属工业协会与稀土专业委员会发布报告。", [("中国有色金属工业协会", "中国有色金属工业协会")]),
        ("中国有色金属工业协会下属稀土专业委员会发布报告。", [("中国有色金属工业协会", "中国有色金属工业协会")]),
        ("中电联下属燃料分会表示，库存充足。", [("中电联", "中国电力企业联合会"),
                                  ("燃料分会", "中国电力企业联合会燃料分会")]),
        # a clause before an ending is still no name
        ("今年以来该地区多家大型企业纷纷加入了青海省有色金属行业协会。",
         [("青海省有色金属行业协会", "青海省有色金属行业协会")]),
    ],
)
def test_a_name_and_its_units_are_one_name(text, expected):
    assert [(n.surface, n.canonical) for n in find_institution_names(text)] == expected


def test_the_whole_may_be_longer_than_max_name_but_no_chain_of_units_is_a_name():
    text = "据青海省有色金属行业协会稀土专业委员会秘书长表示"
    (name,) = find_institution_names(text)
    assert len(name.surface) - len("委员会") > MAX_NAME
    chain = "青海省有色金属行业协会" + "光伏分会" * (MAX_UNITS + 2) + "表示"
    (first, *_) = find_institution_names(chain)
    assert first.surface.startswith("青海省有色金属行业协会光伏分会")
    assert len(first.surface) <= MAX_NAME + 4 + MAX_UNITS * len("光伏分会") < len(chain) - len("表示")
