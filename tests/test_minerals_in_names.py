"""A mineral character inside an institution name (the names ex_institution_mentions found
before ex_minerals) is part of the name, not a mention of the mineral (short synthetic
sentences of our own, after the names in corpora/holdout commentary)."""

from __future__ import annotations

import pytest

from conftest import run_components


def canonicals(text: str) -> set[str]:
    doc = run_components(text, "ex_institution_mentions", "ex_minerals")
    return {(s._.fields or {})["canonical"] for s in doc.spans.get("minerals", [])}


@pytest.mark.parametrize(
    "text,present,absent",
    [
        # an association's branch: its name holds 铅 and 锌
        ("中国有色金属工业协会铅锌分会副会长表示，行业整合将提速。", set(), {"铅", "锌"}),
        # a data provider's name holds 金 and 银
        ("据金银岛资讯监测，本周市场成交清淡。", set(), {"金", "银"}),
        # the same minerals outside a name still count
        ("据金银岛资讯监测，本周铅锌价格小幅上涨。", {"铅", "锌"}, {"金", "银"}),
    ],
)
def test_minerals_inside_institution_names(text, present, absent):
    got = canonicals(text)
    assert present <= got
    assert not (absent & got)


def test_policy_pipeline_without_institution_mentions():
    # the component reads institution names when present; without them it finds minerals as before
    doc = run_components("各地要加强铅锌资源保护。", "ex_minerals")
    assert {(s._.fields or {})["canonical"] for s in doc.spans.get("minerals", [])} >= {"铅", "锌"}


@pytest.mark.parametrize(
    "text,present,absent",
    [
        # company names (block rows of minerals.tsv, like 中国石油): the name holds the character
        ("中国铝业与地方企业共同成立合资公司。", set(), {"铝", "铝土矿"}),
        ("被中铝收编的几家企业仍在生产。", set(), {"铝", "铝土矿"}),
        ("重组后攀钢钒钛将转向矿业。", set(), {"钒", "钛"}),
        ("每年从康菲石油开发的项目进口气源。", set(), {"石油"}),
        ("鞍钢与金达必正式签署了合资协议。", set(), {"金"}),
        # product words that are no minerals
        ("展品包括电热膜、地热电缆和电暖器。", set(), {"地热"}),
        ("煤制天然气项目一哄而上。", set(), {"天然气"}),
        # the minerals themselves still count
        ("国内铝和铜价格同步上涨，天然气供应偏紧。", {"铝", "铜", "天然气"}, set()),
    ],
)
def test_names_and_products_hide_their_characters(text, present, absent):
    from extractor.minerals import find_minerals

    got = {m.entry.canonical for m in find_minerals(text)}
    assert present <= got
    assert not (absent & got)
