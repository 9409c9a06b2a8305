"""Two conventions of corpora/README.md (institutions, decided 2026-12-06, third session), read by
general rules of grammars/institutions.py over synthetic sentences of our own (names of people and
of unlisted bodies invented):

- a branch of an association (`inst_branch`: 分会) is its own institution that keeps its parent:
  canonical = the parent's canonical (from institutions.tsv and its short names) + the branch; a
  branch written alone takes the last association before it in its paragraph; a ministry's
  department (…司) stays its ministry;
- a research unit of a company (某某集团战略研究院) is an institution although the company is not.
"""

from __future__ import annotations

import pytest

from extractor.grammars.institutions import find_institution_names, inst_cues
from extractor.pipelines.base import spans


@pytest.mark.parametrize(
    "text,expected",
    [
        # a listed parent by its short name: its canonical + the branch
        ("中电联燃料分会会长赵某对记者表示，电煤库存充足。", [("中电联燃料分会", "中国电力企业联合会燃料分会")]),
        ("中国有色金属协会铜业分会副会长表示，铜价偏高。", [("中国有色金属协会铜业分会", "中国有色金属工业协会铜业分会")]),
        ("中国涂料协会颜料行业分会秘书长表示，需求回暖。", [("中国涂料协会颜料行业分会", "中国涂料工业协会颜料行业分会")]),
        # the parent's full name and a listed branch keep their canonical
        ("中国电力企业联合会燃料分会发布报告。", [("中国电力企业联合会燃料分会", "中国电力企业联合会燃料分会")]),
        ("据锂业分会统计，产量增长。", [("锂业分会", "中国有色金属工业协会锂业分会")]),
        # the name begins at its parent, not at the clause before it
        ("今年3月起中国电器工业协会电池分会着手起草标准。", [("中国电器工业协会电池分会", "中国电器工业协会电池分会")]),
        # an unlisted parent, anchored by its place: the name as written
        ("宁波市模具行业协会注塑分会秘书长表示，订单减少。", [("宁波市模具行业协会注塑分会", "宁波市模具行业协会注塑分会")]),
        # a branch written alone: the last association of its paragraph is its parent
        ("按照中国五金制品协会的部署，刀具分会加强了自律。", [("中国五金制品协会", "中国五金制品协会"),
                                               ("刀具分会", "中国五金制品协会刀具分会")]),
        ("一份中电联下属的燃料分会的报告显示，库存回升。", [("中电联", "中国电力企业联合会"),
                                              ("燃料分会", "中国电力企业联合会燃料分会")]),
        # no parent in the paragraph, or a deictic: no name
        ("冷轧分会秘书长表示，需求回暖。", []),
        ("中国五金制品协会召开会议。\n刀具分会秘书长表示，需求回暖。", [("中国五金制品协会", "中国五金制品协会")]),
        ("本分会会员企业增加。", []),
    ],
)
def test_a_branch_keeps_its_parent(text, expected):
    assert [(n.surface, n.canonical) for n in find_institution_names(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("青松集团战略研究院院长周某认为，煤价将回落。", [("青松集团战略研究院", "research")]),
        ("华东能源有限公司技术研究院指出，电价平稳。", [("华东能源有限公司技术研究院", "research")]),
        ("青松集团研究中心主任表示，库存偏高。", [("青松集团研究中心", "research")]),
        # a company's other units, a unit of no named company, a description: none
        ("青松集团销售公司经理表示，订单增加。", []),
        ("集团研究院院长表示，煤价将回落。", []),
        ("某煤业集团经济研究院院长表示，煤价将回落。", []),
    ],
)
def test_a_research_unit_of_a_company_is_an_institution(text, expected):
    assert [(n.surface, n.kind) for n in find_institution_names(text)] == expected


def _roles(doc) -> list[tuple[str, str]]:
    return [(s._.fields["canonical"], s._.fields["role"]) for s in spans(doc, "institutions")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("中电联燃料分会会长赵某对记者表示，电煤库存充足。", [("中国电力企业联合会燃料分会", "quoted")]),
        # a ministry's department stays its ministry
        ("国家发改委价格司副司长钱某撰文指出，电价将理顺。", [("国家发展和改革委员会", "quoted")]),
        ("青松集团战略研究院院长周某认为，煤价将回落。", [("青松集团战略研究院", "quoted")]),
        # an association naming itself (本分会) after its name in the paragraph writes the piece
        ("标题\n按照中国五金制品协会的部署，刀具分会结合本分会会员企业的情况，加强了自律。",
         [("中国五金制品协会刀具分会", "publisher")]),
        # 日本, 资本 are words, not 本 + an ending
        ("标题\n中国钢铁工业协会表示，日本协会代表到访。", [("中国钢铁工业协会", "quoted")]),
    ],
)
def test_roles(components, text, expected):
    assert _roles(components(text, "ex_institution")) == expected


def test_every_branch_ending_is_a_name_ending_that_needs_an_anchor():
    branch = set(inst_cues("inst_branch"))
    assert branch and branch <= set(inst_cues("inst_suffix")) and branch <= set(inst_cues("inst_anchored"))
    assert all(inst_cues("inst_suffix")[b] == "association" for b in branch)
