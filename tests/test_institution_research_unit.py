"""A research unit written after an institution's name, with or without a stock code in brackets
between them, is one institution (institution_cues.tsv `inst_unit` rows with value `research`):
a listed name keeps its canonical, an unlisted one takes the unit word. Short synthetic sentences
of our own (the codes are invented where the firm is invented)."""

from __future__ import annotations

import pytest

from extractor.grammars.institutions import find_institution_names, inst_cues
from extractor.pipelines.base import spans


@pytest.mark.parametrize(
    "text,expected",
    [
        # listed banks and brokers: the code does not split the name from its unit
        ("招商银行(600036)金融研究中心发布报告称，息差将收窄。", [("招商银行(600036)金融研究中心", "招商银行")]),
        ("中国银行(601988)研究院指出，出口增速回落。", [("中国银行(601988)研究院", "中国银行")]),
        ("中国交通银行(601328)金融研究中心发布季度展望。", [("交通银行(601328)金融研究中心", "交通银行")]),
        ("中信证券（600030）研究部认为，铜价将上涨。", [("中信证券（600030）研究部", "中信证券")]),
        ("招商银行（600036.SH）研究院预计，利率下行。", [("招商银行（600036.SH）研究院", "招商银行")]),
        ("中国银行(03988.HK)研究院表示，汇率平稳。", [("中国银行(03988.HK)研究院", "中国银行")]),
        ("永安期货 (600927) 研究院分析师表示，库存下降。", [("永安期货 (600927) 研究院", "永安期货")]),
        # listed, no code: the unit is still part of the name
        ("华鑫期货研究所分析师表示，铝价承压。", [("华鑫期货研究所", "华鑫期货")]),
        ("中信证券研究部认为，需求回暖。", [("中信证券研究部", "中信证券")]),
        # unlisted names: the unit word joins the name, with or without a code
        ("华瑞银行(600999)研究院表示，信贷增速放缓。", [("华瑞银行(600999)研究院", "华瑞银行研究院")]),
        ("华瑞银行研究院表示，信贷增速放缓。", [("华瑞银行研究院", "华瑞银行研究院")]),
        ("青松证券(600998)金融研究中心认为，估值偏低。", [("青松证券(600998)金融研究中心", "青松证券金融研究中心")]),
        # a code without a unit is not part of the name; a unit word not right after it is not either
        ("招商银行(600036)表示，息差将收窄。", [("招商银行", "招商银行")]),
        ("招商银行(600036)发布公告，其研究院表示。", [("招商银行", "招商银行")]),
    ],
)
def test_a_research_unit_joins_the_name_before_it(text, expected):
    assert [(n.surface, n.canonical) for n in find_institution_names(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("招商银行(600036)金融研究中心发布报告称，息差将收窄。", [("招商银行", "quoted")]),
        ("中国银行(601988)研究院指出，出口增速回落。", [("中国银行", "quoted")]),
    ],
)
def test_the_unit_is_one_quoted_institution(components, text, expected):
    doc = components(text, "ex_institution")
    assert [(s._.fields["canonical"], s._.fields["role"]) for s in spans(doc, "institutions")] == expected


def test_every_research_unit_is_a_unit_word():
    units = inst_cues("inst_unit")
    research = [k for k, v in units.items() if v == "research"]
    assert {"研究所", "研究院", "研究中心", "金融研究中心", "研究部"} <= set(research)
    assert all(v in ("", "research", "legal_form") for v in units.values())
    assert {k for k, v in units.items() if v == "legal_form"} == {"有限公司", "有限责任公司", "股份有限公司"}


@pytest.mark.parametrize(
    "text,expected",
    [
        # a legal form between the company's name and its research unit: a listed name keeps its canonical
        ("中信建投期货有限公司研究发展部认为，铜价将上涨。", [("中信建投期货有限公司研究发展部", "中信建投期货")]),
        ("中信证券股份有限公司研究部认为，需求回暖。", [("中信证券股份有限公司研究部", "中信证券")]),
        ("中信建投期货研究发展部认为，库存下降。", [("中信建投期货研究发展部", "中信建投期货")]),
        # an unlisted one: the name + the unit word, without the legal form
        ("青松证券股份有限公司研究所认为，估值偏低。", [("青松证券股份有限公司研究所", "青松证券研究所")]),
        ("青松期货有限公司研究发展部认为，铝价承压。", [("青松期货有限公司研究发展部", "青松期货研究发展部")]),
        ("青松期货有限责任公司研究院表示，需求平稳。", [("青松期货有限责任公司研究院", "青松期货研究院")]),
        # a research unit of an operating company is an institution of its own (the company is none)
        ("青松集团有限公司战略研究部认为，煤价将回落。", [("青松集团有限公司战略研究部", "青松集团战略研究部")]),
        ("青松集团研究部认为，煤价将回落。", [("青松集团研究部", "青松集团研究部")]),
        # a listed firm's research desk, named by a qualifier before its unit word, is the firm
        ("中信证券宏观研究部认为，利率下行。", [("中信证券宏观研究部", "中信证券")]),
        ("中信证券股份有限公司固定收益研究部认为，利率下行。", [("中信证券股份有限公司固定收益研究部", "中信证券")]),
        # an association's research unit is a body of its own; a conjunction joins two names
        ("中国钢铁工业协会信息研究所表示，库存下降。", [("中国钢铁工业协会信息研究所", "中国钢铁工业协会信息研究所")]),
        ("中信证券和青松研究所认为，利率下行。", [("中信证券", "中信证券"), ("青松研究所", "青松研究所")]),
        # a legal form without a unit is no part of a made name; a unit word alone is no name
        ("青松集团有限公司认为，煤价将回落。", []),
        ("公司研究部认为，煤价将回落。", []),
        ("该行研究部认为，利率下行。", []),
    ],
)
def test_a_legal_form_stands_between_a_name_and_its_research_unit(text, expected):
    assert [(n.surface, n.canonical) for n in find_institution_names(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("中信建投期货有限公司研究发展部认为，铜价将上涨。", [("中信建投期货", "quoted")]),
        ("青松期货有限公司研究发展部认为，铝价承压。", [("青松期货研究发展部", "quoted")]),
        ("据青海省有色金属行业协会稀土专业委员会统计，产量下降。", [("青海省有色金属行业协会稀土专业委员会", "quoted")]),
    ],
)
def test_a_unit_after_a_legal_form_or_a_long_name_is_one_quoted_institution(components, text, expected):
    doc = components(text, "ex_institution")
    assert [(s._.fields["canonical"], s._.fields["role"]) for s in spans(doc, "institutions")] == expected
