"""Agency gazetteer (data/agencies.tsv), `find_agencies`, and the `ex_agencies` issuers."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import NOTICE_003_AGENCIES, normalized_text, pipeline
from extractor import models as m
from extractor.agencies import alias_table, canonical_name, find_agencies, find_agencies_in, lookup
from extractor.gazetteers import read_tsv
from extractor.pipelines.components.agencies import find_issuers

ROWS = read_tsv("agencies.tsv")
LITERAL = [r for r in ROWS if "{" not in r["canonical"]]
PATTERN = [r for r in ROWS if "{" in r["canonical"]]


def _names(row: dict) -> list[str]:
    return [row["canonical"]] + [
        a for col in ("aliases", "weak_aliases") for a in row[col].split(";") if a.strip()
    ]


# --- the data file ------------------------------------------------------------


def test_every_alias_maps_to_exactly_one_canonical():
    owners: dict[str, set[str]] = defaultdict(set)
    for row in LITERAL:
        for name in _names(row):
            owners[name].add(row["canonical"])
    collisions = {k: v for k, v in owners.items() if len(v) > 1}
    assert not collisions
    canon = Counter(r["canonical"] for r in ROWS)
    assert [c for c, n in canon.items() if n > 1] == []


def test_pattern_forms_are_unique():
    forms = Counter(name for row in PATTERN for name in _names(row))
    assert [f for f, n in forms.items() if n > 1] == []


def test_rows_are_well_formed():
    levels = {"central", "provincial", "municipal", "county"}
    for row in ROWS:
        assert row["level"] in levels, row
        assert row["type"], row
        assert not row["canonical"].startswith("中华人民共和国"), row
        for name in _names(row):
            assert name == name.strip() and " " not in name, row


def test_state_council_structure_after_the_2023_reform():
    """国发〔2023〕5号/6号: 26 组成部门, 1 直属特设, 14 直属机构, 1 办事机构, 7 直属事业单位, 17 国家局."""
    types = Counter(r["type"] for r in LITERAL)
    assert types["国务院组成部门"] == 26
    assert types["国务院直属特设机构"] == 1
    assert types["国务院直属机构"] == 14
    assert types["国务院办事机构"] == 1
    assert types["国务院直属事业单位"] == 7
    assert types["国家局"] == 17


def test_prefixed_form_is_an_alias():
    for row in LITERAL:
        if row["type"] == "国务院组成部门" and row["canonical"] != "中国人民银行":
            assert "中华人民共和国" + row["canonical"] in row["aliases"].split(";"), row


CANONICAL = [
    ("国家发展改革委", "国家发展和改革委员会"),
    ("发改委", "国家发展和改革委员会"),
    ("中华人民共和国国家发展和改革委员会", "国家发展和改革委员会"),
    ("国务院国资委", "国务院国有资产监督管理委员会"),
    ("市场监管总局", "国家市场监督管理总局"),
    ("国家矿山安监局", "国家矿山安全监察局"),
    ("中国证监会", "中国证券监督管理委员会"),
    ("海关总署", "海关总署"),
    ("工信部", "工业和信息化部"),
    ("税务总局", "国家税务总局"),
    ("科技部", "科学技术部"),
    ("国家网信办", "中央网络安全和信息化委员会办公室"),
    ("中办", "中共中央办公厅"),
    ("国办", "国务院办公厅"),
    ("自 然 资 源 部", "自然资源部"),
    ("国土资源部", "国土资源部"),
    ("山西省自然资源厅", "山西省自然资源厅"),
    ("山西能源监管办", "国家能源局山西监管办公室"),
    ("不存在的部", None),
]


@pytest.mark.parametrize("name,canonical", CANONICAL)
def test_canonical_name(name, canonical):
    assert canonical_name(name) == canonical


def test_alias_table_covers_every_literal_name():
    table = alias_table()
    for row in LITERAL:
        for name in _names(row):
            assert table[name][0].canonical == row["canonical"]


# --- find_agencies ------------------------------------------------------------

# (text, [(surface, canonical, level)])
POSITIVE = [
    ("工业和信息化部", [("工业和信息化部", "工业和信息化部", "central")]),
    ("国家发展和改革委员会", [("国家发展和改革委员会", "国家发展和改革委员会", "central")]),
    ("工业和信息化部 国家发展改革委关于印发", [
        ("工业和信息化部", "工业和信息化部", "central"),
        ("国家发展改革委", "国家发展和改革委员会", "central")]),
    ("国家发展改革委\n自 然 资 源 部\n水  利  部\n2026年7月2日", [
        ("国家发展改革委", "国家发展和改革委员会", "central"),
        ("自 然 资 源 部", "自然资源部", "central"),
        ("水  利  部", "水利部", "central")]),
    ("（工业和信息化部牵头，自\n然资源部参加）", [
        ("工业和信息化部", "工业和信息化部", "central"),
        ("自\n然资源部", "自然资源部", "central")]),
    ("广东省国土资源厅关于统计钨矿综合利用指标需求的函",
     [("广东省国土资源厅", "广东省国土资源厅", "provincial")]),
    ("山西省自然资源厅", [("山西省自然资源厅", "山西省自然资源厅", "provincial")]),
    ("山西省人民政府办公厅", [("山西省人民政府办公厅", "山西省人民政府办公厅", "provincial")]),
    ("内蒙古自治区人民政府", [("内蒙古自治区人民政府", "内蒙古自治区人民政府", "provincial")]),
    ("上海市海洋局、山东省海洋局", [
        ("上海市海洋局", "上海市海洋局", "provincial"),
        ("山东省海洋局", "山东省海洋局", "provincial")]),
    ("太原市人民政府", [("太原市人民政府", "太原市人民政府", "municipal")]),
    ("经太原市人民政府批准", [("太原市人民政府", "太原市人民政府", "municipal")]),
    ("鄂尔多斯市自然资源局", [("鄂尔多斯市自然资源局", "鄂尔多斯市自然资源局", "municipal")]),
    ("山西省太原市人民政府", [("山西省太原市人民政府", "山西省太原市人民政府", "municipal")]),
    ("吉县人民政府", [("吉县人民政府", "吉县人民政府", "county")]),
    ("浦东新区人民政府", [("浦东新区人民政府", "浦东新区人民政府", "county")]),
    ("国家矿山安全监察局山西局", [("国家矿山安全监察局山西局", "国家矿山安全监察局山西局", "provincial")]),
    ("国家矿山安监局山西局", [("国家矿山安监局山西局", "国家矿山安全监察局山西局", "provincial")]),
    ("海关总署广东分署、各直属海关", [("海关总署广东分署", "海关总署广东分署", "provincial")]),
    ("国家税务总局山西省税务局", [("国家税务总局山西省税务局", "国家税务总局山西省税务局", "provincial")]),
    ("太原海关", [("太原海关", "太原海关", "provincial")]),
    ("财政部山西监管局", [("财政部山西监管局", "财政部山西监管局", "provincial")]),
    ("国家能源局各派出机构", [("国家能源局", "国家能源局", "central")]),
    ("国家发展改革委令2025年第30号", [("国家发展改革委", "国家发展和改革委员会", "central")]),
    ("由能源局负责", [("能源局", "国家能源局", "central")]),
    ("由国家发展改革委、能源局负责", [
        ("国家发展改革委", "国家发展和改革委员会", "central"), ("能源局", "国家能源局", "central")]),
    ("统计局最新数据显示", [("统计局", "国家统计局", "central")]),
    ("市场监管总局、能源局", [
        ("市场监管总局", "国家市场监督管理总局", "central"), ("能源局", "国家能源局", "central")]),
    ("中共中央办公厅 国务院办公厅", [
        ("中共中央办公厅", "中共中央办公厅", "central"),
        ("国务院办公厅", "国务院办公厅", "central")]),
]


@pytest.mark.parametrize("text,want", POSITIVE, ids=[t[:12] for t, _ in POSITIVE])
def test_find_agencies(text, want):
    got = find_agencies(text)
    assert [(a.surface, a.canonical, a.level) for a in got] == want
    for a in got:
        assert text[a.start : a.end] == a.surface
        assert a.name == "".join(a.surface.split())


NEGATIVE = [
    "商务部门",
    "商务主管部门",
    "自然资源部门",
    "各部门按职责分工负责",
    "有关部门和单位",
    "工信部联原（2025）62号",
    "国办发〔2026〕24号",
    "各产煤省（自治区）能源局",
    "省发展改革委",
    "新疆生产建设兵团发展改革委",
    "市人民政府",
    "县级以上人民政府",
    "各设区的市人民政府",
    "各地级以上市人民政府",
    "安全部署",
    "国家安全部门",
    "经济技术开发区人民政府",
    "省、自治区、直辖市人民政府",
    "铝合金人行过街天桥",
    "其他国家和地区政府",
    "新疆生产建设兵团工业和信息化、发展改革委主管部门",
    "项目所在地发展改革委、能源局、直属海关",
    "新疆生产建设兵团财政局、发展改革委、工业和信息化局",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_find_agencies_rejects(text):
    assert find_agencies(text) == []


def test_find_agencies_weak_switch():
    assert [a.canonical for a in find_agencies("能源局")] == ["国家能源局"]
    assert find_agencies("能源局", weak=False) == []


def test_lookup_returns_entry():
    e = lookup("国家矿山安监局")
    assert e is not None and (e.canonical, e.level, e.type) == ("国家矿山安全监察局", "central", "国家局")


def test_whole_names_jieba_would_split():
    """jieba cuts 工业和信息化部 into 工业/和/信息化/部; the index finds it whole."""
    for name in ("工业和信息化部", "国家发展和改革委员会", "人力资源和社会保障部", "国家粮食和物资储备局"):
        got = find_agencies(f"由{name}负责")
        assert [(a.surface, a.start) for a in got] == [(name, 1)]


# --- issuers ------------------------------------------------------------------



def _issuer_spans(nlp, text):
    doc = nlp(text)
    out = []
    for sp in doc.spans["issuing_agencies"] if "issuing_agencies" in doc.spans else []:
        item = m.Agency.model_validate(
            {**sp._.fields, "evidence": {"start": sp.start_char, "end": sp.end_char}}
        )
        assert text[item.evidence.start : item.evidence.end] == item.name
        out.append(item)
    return out


def test_notice_003_has_exactly_ten_issuers(seeds_dir):
    text = normalized_text(seeds_dir / "notice_003.txt")
    got = _issuer_spans(pipeline("ex_agencies"), text)
    assert len(got) == 10
    assert {(a.name, a.canonical) for a in got} == set(NOTICE_003_AGENCIES.items())
    assert {a.source for a in got} == {"header"}
    assert all(a.level == "central" for a in got)


def test_notice_003_sub_unit_and_body_are_not_issuers(seeds_dir):
    text = normalized_text(seeds_dir / "notice_003.txt")
    names = {i.match.canonical for i in find_issuers(text)}
    assert "教育部" not in names and "中国证券监督管理委员会" not in names  # body clauses only
    assert "海关总署广东分署" not in names  # addressee line


def test_signature_and_title_without_header():
    text = (
        "国家发展改革委、自然资源部、水利部关于印发\n《海水淡化产业发展行动方案》的通知\n"
        "各省发展改革委：\n现予印发。抄送：生态环境部。\n国家发展改革委\n自 然 资 源 部\n水  利  部\n2026年7月2日"
    )
    # the signature is preferred over the title; letter-spaced names keep their surface
    got = {(i.match.surface, i.source) for i in find_issuers(text)}
    assert got == {("国家发展改革委", "signature"), ("自 然 资 源 部", "signature"), ("水  利  部", "signature")}
    # without the signature the title gives them
    head = text.split("国家发展改革委\n自")[0]
    got = {(i.match.surface, i.match.canonical, i.source) for i in find_issuers(head)}
    assert got == {
        ("国家发展改革委", "国家发展和改革委员会", "title"),
        ("自然资源部", "自然资源部", "title"),
        ("水利部", "水利部", "title"),
    }


ISSUER_CASES = [
    ("发文机关：国家能源局\n标题：国家能源局关于…的通知", {("国家能源局", "header")}),
    ("发布机构：原材料工业司\n", set()),
    ("来源：最高人民法院\n", set()),
    ("工业和信息化部等十部门关于印发《铝产业方案》的通知\n", {("工业和信息化部", "title")}),
    ("两部门关于印发《规划》的通知\n", set()),
    ("特此公告。\n生态环境部\n2026年9月2日\n抄送：国家发展改革委、工业和信息化部。\n生态环境部办公厅2026年9月2日印发",
     {("生态环境部", "signature")}),
    ("统计表财政部 国家发展改革委 税务总局2026年2月13日\n",
     {("财政部", "signature"), ("国家发展和改革委员会", "signature"), ("国家税务总局", "signature")}),
    ("1998年2月12日 中华人民共和国国务院令第242号发布\n第一条 为了…", {("国务院", "header")}),
    ("国家发展改革委、国家能源局等部门《关于加快煤矿智能化发展的指导意见》印发以来", set()),
    ("广东省国土资源厅\n2018年8月9日\n", {("广东省国土资源厅", "signature")}),
    # an order's heading names its issuer; the officer who signs it is a person
    ("中华人民共和国国务院令\n第707号\n现公布修订后的《某条例》，自2019年1月1日起施行。\n总理  李克强\n2018年12月18日\n",
     {("国务院", "header")}),
    ("国家发展和改革委员会令\n2025年第30号\n《某办法》已经审议通过，现予公布。\n主任  某某\n2024年12月1日\n",
     {("国家发展和改革委员会", "header")}),
    # a law's adoption line names the organ that adopted it
    ("中华人民共和国可再生能源法\n2005年2月28日 第十届全国人民代表大会常务委员会第十四次会议通过\n第一条 为了…",
     {("全国人民代表大会常务委员会", "header")}),
    # a cited order in running text is no heading
    ("根据国家发展和改革委员会令\n第30号的规定，现通知如下。\n", set()),
    ("国土资源部\n二000年四月二十四日\n", {("国土资源部", "signature")}),
]


@pytest.mark.parametrize("text,want", ISSUER_CASES, ids=[t[:10] for t, _ in ISSUER_CASES])
def test_find_issuers(text, want):
    assert {(i.match.canonical, i.source) for i in find_issuers(text)} == want


# the document's title (ex_title gives its start: 0 here) may name its organs before 印发 / 转发 /
# 批转 …的通知; a line that is not the title needs 关于, and a title without a document type is news
TITLE_CASES = [
    ("中共中央办公厅 国务院办公厅印发《关于加强矿山治理的意见》的通知\n",
     {("中共中央办公厅", "title"), ("国务院办公厅", "title")}),
    ("国务院办公厅转发自然资源部关于规范勘查登记工作意见的通知\n", {("国务院办公厅", "title")}),
    ("国务院批转国家发展改革委关于稀土行业调整方案的通知\n", {("国务院", "title")}),
    ("国家能源局印发《煤矿安全改造方案》\n", set()),
]


@pytest.mark.parametrize("text,want", TITLE_CASES, ids=[t[:10] for t, _ in TITLE_CASES])
def test_title_issuers_before_yinfa(text, want):
    assert {(i.match.canonical, i.source) for i in find_issuers(text, (0,))} == want
    assert {i.match.canonical for i in find_issuers("正文\n" + text)} == set()  # not the title


# Expected issuing agencies per corpus file (canonical names); files not listed have none
# (04 is a plan body without its transmittal page, 11 is a regulation without header or
# signature, 15 is a statistics body, 19-28 are commentary; the laws 09 and 10 name the
# organ that adopted them on their adoption line).
CORPUS_ISSUERS = {
    "01_nea_coal_mine_intelligent.txt": {"国家能源局"},
    "02_miit_ndrc_electronics_15th_plan_notice.txt": {"工业和信息化部", "国家发展和改革委员会"},
    "03_gov_office_sme_payment_arrears.txt": {"国务院办公厅"},
    "05_mee_hcfc22_ban_announcement.txt": {"生态环境部"},
    "06_nea_oil_gas_pipeline_open_access_notice.txt": {"国家能源局"},
    "07_nea_ordos_coalbed_methane_plan.txt": {"国家能源局"},
    "08_mof_energy_resources_import_tax_measures.txt": {
        "财政部", "国家发展和改革委员会", "工业和信息化部", "海关总署", "国家税务总局", "国家能源局"},
    "09_law_mineral_resources_law_2024.txt": {"全国人民代表大会常务委员会"},
    "10_law_resource_tax_law_2019.txt": {"全国人民代表大会常务委员会"},
    "12_reg_mining_right_transfer_measures.txt": {"国务院"},
    "13_ndrc_mnr_mwr_desalination_plan_notice.txt": {"国家发展和改革委员会", "自然资源部", "水利部"},
    "14_gd_tungsten_quota_demand_letter.txt": {"广东省国土资源厅"},
    "16_mlr_mineral_reserve_scale_standard_excerpt.txt": {"国土资源部"},
    "17_nea_announcement_2026_3_repeal_list.txt": {"国家能源局"},
    "18_gov_2020_work_report_task_division_excerpt.txt": {"国务院"},
}
CORPUS_FILES = [f"{i:02d}" for i in range(1, 29)]


@pytest.mark.parametrize("prefix", CORPUS_FILES)
def test_corpus_issuers(corpus_raw_dir, prefix):
    [path] = sorted(corpus_raw_dir.glob(f"{prefix}_*.txt"))
    want = CORPUS_ISSUERS.get(path.name, set())
    got = find_issuers(normalized_text(path))
    assert {i.match.canonical for i in got} == want
    text = normalized_text(path)
    for i in got:
        assert text[i.match.start : i.match.end] == i.match.surface


# (file, canonical, source, level) for documents whose evidence place matters
CORPUS_SOURCES = [
    ("13_ndrc_mnr_mwr_desalination_plan_notice.txt", "自然资源部", "signature", "central"),
    ("01_nea_coal_mine_intelligent.txt", "国家能源局", "header", "central"),
    ("08_mof_energy_resources_import_tax_measures.txt", "国家税务总局", "signature", "central"),
    ("14_gd_tungsten_quota_demand_letter.txt", "广东省国土资源厅", "signature", "provincial"),
    ("18_gov_2020_work_report_task_division_excerpt.txt", "国务院", "title", "central"),
]


@pytest.mark.parametrize("name,canonical,source,level", CORPUS_SOURCES)
def test_corpus_issuer_source(corpus_raw_dir, name, canonical, source, level):
    got = {i.match.canonical: i for i in find_issuers(normalized_text(corpus_raw_dir / name))}
    assert (got[canonical].source, got[canonical].match.level) == (source, level)


def test_corpus_letter_spaced_signature_keeps_exact_offsets(corpus_raw_dir):
    text = normalized_text(corpus_raw_dir / "13_ndrc_mnr_mwr_desalination_plan_notice.txt")
    got = {i.match.canonical: i.match for i in find_issuers(text)}
    assert got["自然资源部"].surface == "自 然 资 源 部"
    assert got["水利部"].surface == "水  利  部"


# --- home places and synthetic documents -----------------------------------------

from extractor.agencies import home_places  # noqa: E402

HOME = [
    ("江西省工业和信息化厅", {"省": "江西省"}),
    ("赣州市人民政府办公室", {"市": "赣州市"}),
    ("上海市海洋局", {"市": "上海市"}),
    ("工业和信息化部", {}),
    ("内蒙古自治区人民政府办公厅", {"省": "内蒙古自治区"}),
    ("阿拉善盟自然资源局", {"市": "阿拉善盟", "盟": "阿拉善盟"}),
    ("准格尔旗人民政府", {"旗": "准格尔旗"}),
    # a vertically managed branch is of its province
    ("国家税务总局江西省税务局", {"省": "江西省"}),
    ("中国人民银行湖南省分行", {"省": "湖南省"}),
]


@pytest.mark.parametrize("name,want", HOME)
def test_home_places(name, want):
    assert home_places(find_agencies(name)) == want


RELATIVE = [
    ("省工业和信息化厅负责", {"省": "江西省"}, [("省工业和信息化厅", "江西省工业和信息化厅", "provincial")]),
    ("市工信局、市发改委", {"市": "赣州市"}, [
        ("市工信局", "赣州市工业和信息化局", "municipal"),
        ("市发改委", "赣州市发展和改革委员会", "municipal")]),
    ("各设区市工业和信息化局", {"市": "赣州市"}, []),
    ("县级市自然资源局", {"市": "赣州市"}, []),
    ("省工业和信息化厅负责", None, []),
    # autonomous regions: 自治区… (and 区… without a district of its own) is the region
    ("自治区工业和信息化厅牵头", {"省": "内蒙古自治区"},
     [("自治区工业和信息化厅", "内蒙古自治区工业和信息化厅", "provincial")]),
    ("自治区发展改革委、自治区科技厅", {"省": "内蒙古自治区"}, [
        ("自治区发展改革委", "内蒙古自治区发展和改革委员会", "provincial"),
        ("自治区科技厅", "内蒙古自治区科学技术厅", "provincial")]),
    ("自治区自然资源厅、自治区能源局予以支持", {"省": "内蒙古自治区"}, [
        ("自治区自然资源厅", "内蒙古自治区自然资源厅", "provincial"),
        ("自治区能源局", "内蒙古自治区能源局", "provincial")]),
    ("自治区地方金融管理局", {"省": "广西壮族自治区"},
     [("自治区地方金融管理局", "广西壮族自治区地方金融管理局", "provincial")]),
    ("区发展改革委", {"省": "宁夏回族自治区"},
     [("区发展改革委", "宁夏回族自治区发展和改革委员会", "provincial")]),
    ("区发展改革委", {"省": "宁夏回族自治区", "区": "金凤区"},
     [("区发展改革委", "金凤区发展和改革委员会", "county")]),
    ("内蒙古自治区工业和信息化厅", {"省": "江西省"},
     [("内蒙古自治区工业和信息化厅", "内蒙古自治区工业和信息化厅", "provincial")]),
    ("盟工信局、盟自然资源局", {"市": "阿拉善盟", "盟": "阿拉善盟"}, [
        ("盟工信局", "阿拉善盟工业和信息化局", "municipal"),
        ("盟自然资源局", "阿拉善盟自然资源局", "municipal")]),
    ("旗自然资源局", {"旗": "准格尔旗"}, [("旗自然资源局", "准格尔旗自然资源局", "county")]),
    # a vertically managed national organ's provincial branch: the gazetteer's name for it
    ("省税务局", {"省": "江西省"}, [("省税务局", "国家税务总局江西省税务局", "provincial")]),
    ("省税务局、省气象局、省邮政管理局、省通信管理局配合", {"省": "湖南省"}, [
        ("省税务局", "国家税务总局湖南省税务局", "provincial"),
        ("省气象局", "湖南省气象局", "provincial"),
        ("省邮政管理局", "湖南省邮政管理局", "provincial"),
        ("省通信管理局", "湖南省通信管理局", "provincial")]),
    ("省地方金融管理局", {"省": "江西省"}, [("省地方金融管理局", "江西省地方金融管理局", "provincial")]),
    # not the region: a province's document, no home, a place name or a generic reference
    ("自治区工业和信息化厅牵头", {"省": "江西省"}, []),
    ("自治区发展改革委", None, []),
    ("区发展改革委", {"省": "江西省"}, []),
    ("区自然资源局", {"省": "内蒙古自治区"}, []),
    ("地区发展改革委", {"省": "内蒙古自治区"}, []),
    ("各区发展改革委", {"省": "内蒙古自治区"}, []),
    ("各盟行政公署、市人民政府", {"省": "内蒙古自治区"}, []),
    ("盟工信局", {"省": "内蒙古自治区"}, []),
]


@pytest.mark.parametrize("text,home,want", RELATIVE, ids=[t for t, _, _ in RELATIVE])
def test_relative_references(text, home, want):
    got = find_agencies(text, home=home)
    assert [(a.surface, a.canonical, a.level) for a in got] == want


SYNTHETIC_ISSUERS = [
    ("s01_jx_rare_earth_quota", {"江西省工业和信息化厅", "江西省自然资源厅"}),
    ("s02_joint_copper_action_plan", {
        "工业和信息化部", "国家发展和改革委员会", "自然资源部", "生态环境部", "商务部", "应急管理部",
        "海关总署", "国家矿山安全监察局"}),
    ("s03_ganzhou_tungsten_municipal", {"赣州市人民政府办公室"}),
    ("s11_crlf_bom_fullwidth_notice", {"国家发展和改革委员会办公厅", "工业和信息化部办公厅"}),
]


@pytest.mark.parametrize("name,want", SYNTHETIC_ISSUERS, ids=[n for n, _ in SYNTHETIC_ISSUERS])
def test_synthetic_issuers(name, want):
    from conftest import ROOT

    text = (ROOT / "corpora" / "synthetic" / name / "source.txt").read_text(encoding="utf-8")
    got = find_issuers(text)
    assert {i.match.canonical for i in got} == want
    # without the signature block the title (over several lines) or the masthead gives them
    head = text.split("\n\n")
    no_sig = "\n".join(p for p in head if not any(d in p for d in ("年3月11日", "三月十一日", "12月20日", "4月8日")))
    assert {i.match.canonical for i in find_issuers(no_sig)} == want


def test_masthead_is_a_header():
    got = find_issuers("赣州市人民政府办公室文件\n\n赣市府办字（2025）15号\n")
    assert [(i.match.canonical, i.source, i.match.level) for i in got] == [
        ("赣州市人民政府办公室", "header", "municipal")]


# --- one pass over many pieces -------------------------------------------------

# pieces cut anywhere from texts full of names, patterns, relative references and the
# characters the matcher looks at before and after a name
_PIECE_SOURCE = (
    "".join(t for t, _ in POSITIVE) + "".join(t for t, _, _ in RELATIVE) + "".join(NEGATIVE)
    + "各省能源局、发展改革委，国家能源局山西监管办公室。山西能源监管办和中共山西省委员会、"
    "江西省委（工信部联原〔2025〕62号）商务部门 县级市自然资源局 太原市人民政府\n自 然 资 源 部"
)
_HOMES = [
    None,
    {"省": "江西省", "市": "赣州市"},
    {"省": "内蒙古自治区", "市": "阿拉善盟", "盟": "阿拉善盟"},
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_PIECE_SOURCE)), st.integers(0, 60)), max_size=8),
       st.sampled_from(_HOMES))
def test_find_agencies_in_equals_one_call_per_piece(cuts, home):
    pieces = [_PIECE_SOURCE[a : a + n] for a, n in cuts]

    def key(found):
        return [(a.start, a.end, a.surface, a.canonical, a.level, a.weak) for a in found]

    assert [key(f) for f in find_agencies_in(pieces, home=home)] == [
        key(find_agencies(p, home=home)) for p in pieces]


@pytest.mark.parametrize("row", PATTERN, ids=[r["canonical"] for r in PATTERN])
def test_pattern_forms_are_found_after_any_prefix(row):
    """The pattern regexes run only where a form's literal part is: every form with a
    province in it is found, after text or not."""
    if row["canonical"].startswith(("{省}", "{地}")):
        return
    for form in _names(row):
        name = form.replace("{省简}", "山西").replace("{省}", "山西省")
        for prefix in ("", "和", "国家税务总局"):
            got = find_agencies(prefix + name + "，")
            spans = [(a.start, a.end) for a in got]
            # found whole, or inside a longer name of the same organ (国家税务总局 + 山西省税务局)
            assert any(s <= len(prefix) and e == len(prefix) + len(name) for s, e in spans), (prefix, name)


VERTICAL = [  # (name as written, canonical, type, parent organ in the gazetteer)
    ("江西省税务局", "国家税务总局江西省税务局", "派出机构"),
    ("国家税务总局江西省税务局", "国家税务总局江西省税务局", "派出机构"),
    ("人民银行江西省分行", "中国人民银行江西省分行", "派出机构"),
    ("江西省气象局", "江西省气象局", "派出机构"),
    ("江西省邮政管理局", "江西省邮政管理局", "派出机构"),
    ("江西金融监管局", "国家金融监督管理总局江西监管局", "派出机构"),
    ("南昌海关", "南昌海关", "派出机构"),
    ("江西省自然资源厅", "江西省自然资源厅", "地方"),
]


@pytest.mark.parametrize("name,canonical,kind", VERTICAL, ids=[v[0] for v in VERTICAL])
def test_vertical_branches_are_named_by_their_row(name, canonical, kind):
    got = find_agencies(name)
    assert [(a.surface, a.canonical, a.type) for a in got] == [(name, canonical, kind)]
