"""Duties in laws: organ mentions (grammars/organs.py), the duties grammar
(grammars/duties.py) and their use by `ex_responsibilities` on article documents."""

from __future__ import annotations

import pytest

from conftest import pipeline
from extractor.grammars import duties, organs
from extractor.grammars.duties import Article, Mention, find_duties, parse_duties, summary
from extractor.grammars.organs import find_organs


@pytest.mark.parametrize("text,want", organs.EXAMPLES, ids=[t[:20] for t, _ in organs.EXAMPLES])
def test_organ_examples(text, want):
    found = find_organs(text)
    assert [o.name for o in found] == want
    for o in found:
        assert text[o.start : o.end] == o.name


@pytest.mark.parametrize("text,want", duties.EXAMPLES, ids=[t[:20] for t, _ in duties.EXAMPLES])
def test_duty_examples(text, want):
    assert summary(parse_duties(text)) == want


@pytest.mark.parametrize("text,want", [e for e in duties.EXAMPLES if any(e[1])],
                         ids=[t[:20] for t, w in duties.EXAMPLES if any(w)])
def test_duty_examples_as_articles(text, want):
    """The same sentence as the second article of a law: task = the article number,
    offsets into the whole text, nothing from the article before."""
    law = f"第一条 为了加强管理，制定本条例。\n第二条 {text}\n"
    got = parse_duties(law)
    assert summary(got) == want
    assert {d.task for d in got} == {"二"}
    for d in got:
        for m in d.lead + d.participants + d.shared:
            assert law[m.start : m.end].replace("\n", "") == m.name


def test_a_mention_the_organ_grammar_did_not_find_is_not_invented():
    """The duties grammar only gives roles to the mentions it is handed."""
    text = "第三条 资源税由税务机关征收。"
    assert find_duties(text, [Article("三", 0, len(text))], []) == []
    m = Mention(text.index("税务机关"), text.index("税务机关") + 4, "税务机关", None)
    [d] = find_duties(text, [Article("三", 0, len(text))], [m])
    assert (d.task, d.lead) == ("三", [m])


def test_overlapping_mentions_keep_the_longest():
    a = Mention(0, 3, "国务院", "国务院")
    b = Mention(0, 9, "国务院财政部门", None)
    assert duties.merge_mentions([a, b]) == [b]


LAW = """矿产资源管理条例

第一条 为了加强矿产资源管理，制定本条例。
第二条 国务院地质矿产主管部门会同国务院财政部门负责全国矿产资源补偿费的征收管理工作。国务院有关部门在各自的职责范围内负责有关工作。
第三条 采矿权人应当向登记管理机关申请登记；登记管理机关应当自收到申请之日起40日内作出决定。
第四条 违反本条例规定的，由县级以上人民政府负责地质矿产管理工作的部门责令改正。
第五条 采矿权人应当将年度报告报登记管理机关备案。
"""


def test_pipeline_gives_one_item_per_duty_article():
    doc = pipeline("ex_responsibilities")(LAW)
    items = {sp._.fields["task"]: sp._.fields for sp in doc.spans["responsibilities"]}
    assert sorted(items) == ["三", "二", "四"]
    names = lambda role, t: [a["name"] for a in items[t][role]]  # noqa: E731
    assert names("lead", "二") == ["国务院地质矿产主管部门"]
    assert names("participants", "二") == ["国务院财政部门"]
    assert names("shared", "二") == ["国务院有关部门"]
    assert names("lead", "三") == ["登记管理机关"]
    assert names("lead", "四") == ["县级以上人民政府负责地质矿产管理工作的部门"]
    assert all(a["canonical"] is None for f in items.values() for a in f["lead"])
    organ_names = [sp.text for sp in doc.spans["organ_mentions"]]
    assert "登记管理机关" in organ_names


def test_gazetteer_agencies_keep_their_canonical_name():
    text = "条例\n\n第一条 为了管理，制定本条例。\n第二条 具体办法由财政部会同海关总署制定。\n"
    doc = pipeline("ex_responsibilities")(text)
    [f] = [sp._.fields for sp in doc.spans["responsibilities"]]
    assert [(a["name"], a["canonical"]) for a in f["lead"]] == [("财政部", "财政部")]
    assert [a["canonical"] for a in f["participants"]] == ["海关总署"]


def test_documents_without_articles_get_no_law_duties():
    text = "关于加强管理的通知\n\n一、登记管理机关应当加强监督检查。\n"
    doc = pipeline("ex_responsibilities")(text)
    assert "responsibilities" not in doc.spans or not list(doc.spans["responsibilities"])


# --- policy tasks: directives ---------------------------------------------------------


@pytest.mark.parametrize("text,want", duties.DIRECTIVE_EXAMPLES,
                         ids=[t[:20] for t, _ in duties.DIRECTIVE_EXAMPLES])
def test_directive_examples(text, want):
    assert summary(duties.parse_directives(text)) == want


POLICY = """关于加强矿产资源保障的实施方案

一、总体要求
坚持系统观念。国家能源局去年印发了行动方案。
二、重点任务
（一）加强资源勘查。自然资源部要加强战略性矿产资源勘查，提高保障能力。
（二）推进绿色开采。国家能源局发挥牵头作用，会同生态环境部制定绿色矿山标准。
（三）强化出口管理。（商务部牵头，海关总署参加）
"""


def test_pipeline_reads_directives_only_in_tasks_and_outside_clauses():
    doc = pipeline("ex_responsibilities")(POLICY)
    got = sorted(
        (f["task"], tuple(a["canonical"] for a in f["lead"]),
         tuple(a["canonical"] for a in f["participants"]))
        for f in (sp._.fields for sp in doc.spans["responsibilities"])
    )
    # 一 is no task (国家能源局 narrates there); 三's bracket is the clause grammar's, once
    assert got == [
        ("一", ("自然资源部",), ()),
        ("三", ("商务部",), ("海关总署",)),
        ("二", ("国家能源局",), ("生态环境部",)),
    ]


PROVINCIAL = """湖北省人民政府办公厅关于推进磷化工转型的实施方案

二、重点任务
（一）保障要素供给。省自然资源厅、省生态环境厅要加快审批，保障项目落地。
（二）加强统筹。市发展改革委要做好衔接。
（三）加强监管。应急管理部要指导开展专项检查。

湖北省人民政府办公厅
2025年4月8日
"""


def test_directives_name_the_issuers_own_province():
    """省X厅 in a task of a provincial document is the issuer's province; 市X委 names no
    place there (the issuer has no city) and stays out."""
    doc = pipeline("ex_responsibilities")(PROVINCIAL)
    got = sorted((f["task"], tuple(a["canonical"] for a in f["lead"]))
                 for f in (sp._.fields for sp in doc.spans["responsibilities"]))
    assert got == [("一", ("湖北省自然资源厅", "湖北省生态环境厅")), ("三", ("应急管理部",))]


def test_items_of_an_article_are_the_article_not_a_task():
    """（三）X会同Y… inside 第十二条 is a modifier of a list of cases: the clause grammar
    (X会同Y at a numbered item) does not read it, and the duties grammar gives no duty."""
    text = ("条例\n\n第十一条 为了管理，制定本条例。\n第十二条 采矿权人有下列情形之一的，经批准，可以免缴：\n"
            "（一）从废石中回收矿产品的；\n（二）国务院地质矿产主管部门会同国务院财政部门认定免缴的其他情形。\n")
    doc = pipeline("ex_responsibilities")(text)
    assert "responsibilities" not in doc.spans or list(doc.spans["responsibilities"]) == []
