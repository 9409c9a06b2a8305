"""Institutions found by structure, not by list: a category noun before a name, a local body
word as a name ending, a province as the subject of a publication verb, a speaker near a body,
the names of a 发布人 line, the canonical rule of institutions.tsv. Short synthetic sentences of
our own, one per general rule (classes of misses on corpora/blind2)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from conftest import run_components
from extractor.gazetteers import read_tsv, word_class
from extractor.grammars.institutions import find_institution_names, inst_cues, listed
from extractor.grammars.regions import region_mentions
from extractor.pipelines.base import records, spans


def _roles(doc) -> list[tuple[str, str]]:
    return [(s._.fields["canonical"], s._.fields["role"]) for s in spans(doc, "institutions")]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a category noun introduces a name no list gives: Latin, or in quotes
        ("根据某指数机构ABX的数据，矿价连续两周下跌。", [("ABX", "quoted")]),
        ("据一家钢铁交易平台“北方钢联”提供的市场报告，钢价将回调。", [("北方钢联", "quoted")]),
        ("据评级机构“穆迪”发布的报告，评级下调。", [("穆迪", "quoted")]),  # listed: its canonical
        ("该机构CEO表示，需求稳定。", []),
        ("据咨询机构Wood Mackenzie统计，铜矿供应增加。", [("伍德麦肯兹", "quoted")]),  # a Latin name of several words
        ("据研究机构Alpha Metal Research的数据，需求增加。", [("Alpha Metal Research", "quoted")]),  # no name after the category noun: CEO is a title word, not quoted
        # a local body word ends a made name; its full form is the canonical
        ("据湖南省环保厅7月29日披露，省内企业共有58家，停产整治的有10家。", [("湖南省环境保护厅", "quoted")]),
        ("江西省住建厅数据显示，新开工面积下降。", [("江西省住房和城乡建设厅", "quoted")]),
        ("当地环保局表示将加强检查。", []),  # 当地: a description, not a name
        # a province as the subject of a publication verb is its government; its policy is the topic
        ("浙江省发布的上半年数据显示，工业利润下降。", [("浙江省人民政府", "quoted")]),
        ("浙江省发布《关于加强铅蓄电池污染防治的通知》。", []),
        ("江西省公布今年稀土开采总量控制指标。", []),  # a measure of its own, no data word
        ("在浙江省召开的会议上，企业代表发言。", []),
        # near a body is not the body; an official of a body is quoted, unless the policy is the topic
        ("一位接近于工信部的人士告诉记者，准入条件将发布。", []),
        ("湖北省经信委一位官员告诉记者，成本上升。", [("湖北省经济和信息化委员会", "quoted")]),
        ("工信部原材料司官员将对《新材料产业规划》进行解读。", []),
        ("欧洲央行不会加息的言论打压油价。", [("欧洲中央银行", "quoted")]),
        # a made name begins after the last function word before its ending; a listed name is the name
        ("记者从河北省冶金行业协会了解到，钢厂减产。", [("河北省冶金行业协会", "quoted")]),
        ("据悉山西省煤炭工业协会统计，产量增长。", [("山西省煤炭工业协会", "quoted")]),
        ("届时将邀请国金证券分析师发言。", [("国金证券", "quoted")]),
        ("企业把数据上报，进一步修改后上报。", []),
        # a local agency built by a naming pattern loses the clause words the pattern walked back over
        ("今天赣州市政府表示，将加强管理。", [("赣州市人民政府", "quoted")]),
        ("标题\n赣州市政府表示，将加强管理。", [("赣州市人民政府", "quoted")]),
        ("本月宁波市政府表示，将加强管理。", [("宁波市人民政府", "quoted")]),  # a time word of the class
        # every institution name on a 发布人 line publishes
        ("标题\n发布人：-中国证券网-上海证券报\n正文。", [("上海证券报", "publisher"), ("中国证券网", "publisher")]),
        # a part no list names and no ending makes is not an organisation (金融界 is left out of the
        # list on purpose: also "the financial sector"); a person is no publisher
        ("标题\n发布人：-金融界-证券时报\n正文。", [("证券时报", "publisher")]),
        ("标题\n发布人：张丽\n正文。", []),  # a person
        # a person, a reporter or the paper's own desk beside the paper publishes nothing (names invented)
        ("标题\n发布人：王小明-证券时报\n正文。", [("证券时报", "publisher")]),
        ("标题\n发布人：-证券时报-记者王小明\n正文。", [("证券时报", "publisher")]),
        ("标题\n发布人：本报综合-上海证券报\n正文。", [("上海证券报", "publisher")]),
        ("标题\n发布人：-东方钢铁网-记者李佳\n正文。", [("东方钢铁网", "publisher")]),  # made by its ending
        ("标题\n发布人：-东方钢铁网-证券时报\n正文。", [("证券时报", "publisher"), ("东方钢铁网", "publisher")]),
        # short names of listed bodies
        ("中国涂料协会钛白粉行业分会副秘书长表示，价格将上涨。", [("中国涂料工业协会钛白粉行业分会", "quoted")]),
        ("高盛商品团队的预测，钛精矿价格将上涨。", [("高盛集团", "quoted")]),
        ("全国工商联石油商会秘书长对记者说，成本不高。", [("全国工商联石油业商会", "quoted")]),
    ],
)
def test_structure(components, text, expected):
    assert _roles(components(text, "ex_institution")) == expected


def test_every_local_body_word_is_a_name_ending():
    suffix, local = inst_cues("inst_suffix"), inst_cues("inst_local")
    assert set(local) <= set(suffix), set(local) - set(suffix)


def test_every_word_allowed_inside_names_is_a_connective():
    # inst_in_name lifts a connective's ban inside a made name: a word of no class lifts nothing
    in_name = set(inst_cues("inst_in_name"))
    assert in_name and in_name <= set(word_class("connective")), in_name - set(word_class("connective"))


def test_every_category_word_has_a_kind():
    kinds = {r["kind"] for r in read_tsv("institutions.tsv")}
    assert inst_cues("inst_category") and set(inst_cues("inst_category").values()) <= kinds


def test_industrial_associations_answer_to_their_short_form():
    """institutions.tsv rule: 中国X工业协会 is also written 中国X协会 (unless another body has that name)."""
    rows = [r for r in read_tsv("institutions.tsv") if r["kind"] == "association"]
    for r in rows:
        if re.fullmatch(r"中国.+工业协会", r["canonical"]):
            short = r["canonical"].replace("工业协会", "协会")
            hits = [h for h in listed().finditer(short) if h.start == 0 and h.end == len(short)]
            assert hits and hits[0].value.kind == "association", short


@pytest.mark.parametrize("short,full", [
    ("高盛", "高盛集团"), ("汇丰", "汇丰控股"), ("野村", "野村控股"), ("花旗", "花旗集团"), ("瑞银", "瑞银集团"),
    ("麦格理", "麦格理集团"), ("大摩", "摩根士丹利"),
])
def test_international_banks_carry_the_group_name(short, full):
    names = find_institution_names(short + "认为")
    assert [n.canonical for n in names] == [full]


@pytest.mark.parametrize("text,surface", [
    ("记者从河北省冶金行业协会了解到", "河北省冶金行业协会"),
    ("主管工业的省经济和信息化委员会分析", "省经济和信息化委员会"),
    ("届时将邀请国金证券", "国金证券"),
])
def test_made_name_starts_after_the_last_function_word(text, surface):
    assert [n.surface for n in find_institution_names(text)] == [surface]


@pytest.mark.parametrize("text,surfaces", [
    ("目前该公司正等待破产委员会对破产案的财产分析", []),  # a committee named after nothing
    ("村民委员会表示", []),
    ("上海市仲裁委员会表示", ["上海市仲裁委员会"]),
    ("中国可再生能源学会光伏专业委员会副主任表示", ["中国可再生能源学会光伏专业委员会"]),
    ("国际斯德哥尔摩商会仲裁委员会裁定", ["国际斯德哥尔摩商会仲裁委员会"]),
])
def test_a_committee_is_named_after_its_place_or_parent(text, surfaces):
    assert [n.surface for n in find_institution_names(text)] == surfaces


def test_regional_government_reads_the_region_mentions():
    """A province that publishes data is its government; the province is the region mention the
    pipeline found (ex_region_mentions), the institution grammar does not scan the text for it."""
    text = "浙江省发布的上半年数据显示，产量增长5%。"
    doc = run_components(text, "ex_institution_mentions")
    (region,) = records(doc, "region_mentions")
    (name,) = records(doc, "institution_mentions")
    assert (name.start, name.end, name.canonical) == (region.start, region.end, "浙江省人民政府")
    assert find_institution_names(text) == []  # no region mentions given: none is looked for
    moved = [replace(region, canonical="江苏省")]  # the grammar names what the mention says
    (name,) = find_institution_names(text, moved)
    assert name.canonical == "江苏省人民政府"


def test_role_noun_evidence_is_the_named_mention():
    """主办方发言人表示 quotes the institution the role noun was bound to; its evidence is where the
    institution is named, not the role noun."""
    text = "展会的主办方中国机床工具工业协会是全国性组织。会上，主办方发言人表示，订单增加。"
    doc = run_components(text, "ex_institution")
    (span,) = spans(doc, "institutions")
    assert (span.text, span._.fields["name"], span._.fields["role"]) == ("中国机床工具工业协会", "中国机床工具工业协会", "quoted")


def test_a_running_header_names_a_local_government_without_its_province():
    """The running header is not in the text: ex_institution finds its region mentions itself,
    so 江西赣州市副市长 there is 赣州市 (the province before the city is dropped, as in the body)."""
    from extractor.pipelines.base import Furniture, Layout

    header = "江西赣州市副市长谈产业发展"
    assert [n.surface for n in find_institution_names(header, region_mentions(header))] == ["赣州市"]
    doc = run_components("赣州市副市长表示，今年产量增长5%。", "ex_institution",
                         layout=Layout(furniture=(Furniture("header", header, 1),)))
    (f,) = [x for x in spans(doc, "institution")]
    assert (f._.fields["canonical"], f._.fields["source"], f.text) == ("赣州市人民政府", "header", "赣州市")
