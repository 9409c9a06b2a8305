"""References: 《》 document titles with their numbers, on examples, the seed and the corpus."""

from __future__ import annotations

import pytest

from conftest import normalized_text, pipeline
from extractor.pipelines.components.references import is_document_title

COMPONENT = "ex_references"


def _refs(doc):
    out = []
    for s in doc.spans["references"]:
        assert s.text.startswith("《") and s.text.endswith("》")
        out.append((s._.fields["title"], s._.fields["doc_number"]))
    return out


@pytest.mark.parametrize(
    "title,expected",
    [
        ("关于加快煤矿智能化发展的指导意见", True),
        ("铝产业高质量发展实施方案（2025—2027年）", True),
        ("有色金属行业智能工厂（矿山）建设指南", True),
        ("中华人民共和国能源法", True),
        ("中国履行〈关于消耗臭氧层物质的蒙特利尔议定书〉国家方案（2025—2030年）", True),
        ("能源资源勘探开发利用进口税收优惠政策项下有关项目及进口商品确认表", True),
        ("政府工作报告", True),
        ("第一财经日报", False),
        ("人民日报", False),
        ("国际金融报", False),
        ("每日经济新闻", False),
        ("求是", False),
        ("通知", False),
        ("红楼梦", False),
    ],
)
def test_is_document_title(title, expected):
    assert is_document_title(title) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("国家发展改革委等部门《关于加快煤矿智能化发展的指导意见》（发改能源〔2020〕283号）印发以来",
         [("关于加快煤矿智能化发展的指导意见", "发改能源〔2020〕283号")]),
        # a number in ASCII brackets, a mismatched closing bracket
        ("《某某通知》(财关税〔2021〕17号)，", [("某某通知", "财关税〔2021〕17号")]),
        # nested 〈〉 is part of the title
        ("《中国履行〈关于消耗臭氧层物质的蒙特利尔议定书〉国家方案（2025—2030年）》",
         [("中国履行〈关于消耗臭氧层物质的蒙特利尔议定书〉国家方案（2025—2030年）", None)]),
        # newspapers are not documents
        ("据《第一财经日报》报道，《关于促进稀土行业持续健康发展的若干意见》提出",
         [("关于促进稀土行业持续健康发展的若干意见", None)]),
        # an alias and its later uses are not new references
        ("《财政部关于某政策的通知》（财关税〔2026〕16号，以下简称《通知》）。《通知》第四条规定",
         [("财政部关于某政策的通知", "财关税〔2026〕16号")]),
        # one reference per title; the number of a later occurrence is kept
        ("落实《工业互联网安全分类分级管理办法》。推动《工业互联网安全分类分级管理办法》（工信部网安〔2024〕1号）",
         [("工业互联网安全分类分级管理办法", "工信部网安〔2024〕1号")]),
        # a number in brackets that does not follow right after the title is not its number
        ("《某某办法》和有关规定（国发〔2020〕6号）", [("某某办法", None)]),
        ("没有书名号的文本。", []),
    ],
)
def test_references(components, text, expected):
    assert _refs(components(text, COMPONENT)) == expected


def test_own_title_is_skipped_and_the_attached_document_kept(components):
    text = "石油天然气发展“十五五”规划\n本规划依据《石油天然气发展“十五五”规划》和《新型能源体系建设“十五五”规划》编制。"
    doc = components(text, "ex_title", COMPONENT)
    assert _refs(doc) == [("新型能源体系建设“十五五”规划", None)]
    text = "关于印发《铝产业高质量发展实施方案》的通知\n现将《铝产业高质量发展实施方案》印发给你们。"
    doc = components(text, "ex_title", COMPONENT)
    assert _refs(doc) == [("铝产业高质量发展实施方案", None)]
    assert doc.spans["references"][0].start_char == text.index("《")
    assert doc.spans["references"][0]._.fields["relation"] == "attached"


@pytest.mark.parametrize(
    "text,relations",
    [
        ("关于印发《A实施方案》的通知\n依据《B管理办法》制定。", ["attached", "cited"]),
        ("国家能源局关于转发《C指导意见》的通知\n请落实。", ["attached"]),
        ("关于加强D工作的通知\n根据《E条例》，现通知如下。", ["cited"]),
    ],
)
def test_references_attached_vs_cited(components, text, relations):
    doc = components(text, "ex_title", COMPONENT)
    assert [s._.fields["relation"] for s in doc.spans["references"]] == relations


NOTICE_003 = [
    "铝产业高质量发展实施方案（2025—2027年）",
    "原材料工业数字化转型工作方案（2024—2026年）",
    "有色金属行业智能工厂（矿山）建设指南",
    "关于深入推进矿山智能化建设 促进矿山安全发展的指导意见",
    "工业互联网安全分类分级管理办法",
    "工业领域数据安全能力提升实施方案（2024—2026年）",
]


def test_seed_notice_003(seeds_dir, components):
    doc = components(normalized_text(seeds_dir / "notice_003.txt"), "ex_title", COMPONENT)
    titles = [t for t, _ in _refs(doc)]
    assert titles == NOTICE_003  # in text order, each once


# file -> {title: doc_number} that must come out, and titles that must not
CORPUS: dict[str, tuple[dict, set]] = {
    "01_nea_coal_mine_intelligent.txt": (
        {"关于加快煤矿智能化发展的指导意见": "发改能源〔2020〕283号", "煤矿智能化标准体系建设指南": "国能发科技〔2024〕18号",
         "煤矿智能化建设指南": None}, set()),
    "02_miit_ndrc_electronics_15th_plan_notice.txt": ({"电子信息制造业发展“十五五”规划": None}, set()),
    "03_gov_office_sme_payment_arrears.txt": ({"保障中小企业款项支付条例": None}, set()),
    "05_mee_hcfc22_ban_announcement.txt": (
        {"保护臭氧层维也纳公约": None, "消耗臭氧层物质管理条例": None,
         "中国履行〈关于消耗臭氧层物质的蒙特利尔议定书〉国家方案（2025—2030年）": None}, set()),
    "06_nea_oil_gas_pipeline_open_access_notice.txt": (
        {"中华人民共和国能源法": None, "油气管网设施公平开放信息公开与报送办法": None}, set()),
    "08_mof_energy_resources_import_tax_measures.txt": (
        {"财政部 海关总署 税务总局关于“十五五”期间能源资源勘探开发利用进口税收优惠政策的通知": "财关税〔2026〕16号",
         "财政部 海关总署 税务总局关于“十四五”期间能源资源勘探开发利用进口税收政策的通知": "财关税〔2021〕17号",
         "财政部 中国人民银行 海关总署关于印发〈进口税收先征后返管理办法〉的通知": "财预〔2014〕373号"},
        {"通知"}),
    "10_law_resource_tax_law_2019.txt": ({"资源税税目税率表": None}, {"税目税率表"}),
    "11_reg_dual_use_export_control_2024.txt": ({"中华人民共和国出口管制法": None}, set()),
    "12_reg_mining_right_transfer_measures.txt": ({"中华人民共和国矿产资源法": None}, set()),
    "14_gd_tungsten_quota_demand_letter.txt": (
        {"自然资源部 工业和信息化部关于下达2018年度稀土矿钨矿开采总量控制指标的通知": "自然资发〔2018〕49号"}, set()),
    "16_mlr_mineral_reserve_scale_standard_excerpt.txt": ({"矿产资源储量规模划分标准": None}, set()),
    "17_nea_announcement_2026_3_repeal_list.txt": (
        {"电力辅助服务管理办法": "国能发监管规〔2021〕61号", "承装（修、试）电力设施许可证管理办法": "国家发展改革委令2025年第30号"},
        set()),
    "18_gov_2020_work_report_task_division_excerpt.txt": ({"政府工作报告": None}, set()),
    "20_eb2011_rebar_futures_short_view.txt": ({"关于坚决遏制部分城市房价过快上涨的通知": None}, set()),
    "23_eb2011_jiangxi_rare_earth_output.txt": ({"关于促进稀土行业持续健康发展的若干意见": None}, {"第一财经日报"}),
    "25_eb2011_rare_earth_export_quota.txt": ({}, {"国际金融报", "每日经济新闻", "金融时报"}),
}


@pytest.fixture(scope="module")
def corpus_docs(corpus_raw_dir):
    return {
        name: pipeline("ex_title", COMPONENT)(normalized_text(corpus_raw_dir / name)) for name in CORPUS
    }


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_references(corpus_docs, name):
    want, not_wanted = CORPUS[name]
    got = dict(_refs(corpus_docs[name]))
    for title, number in want.items():
        assert title in got, (title, sorted(got))
        assert got[title] == number, title
    assert not (not_wanted & set(got))
    assert len(got) == len(corpus_docs[name].spans["references"])  # each title once
