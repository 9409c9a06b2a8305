"""Document numbers: the grammar table, property tests, and the component on the seed and corpus."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import normalized_text, pipeline
from extractor.grammars.doc_number import EXAMPLES, find_numbers, parse

COMPONENT = "ex_doc_numbers"


def _key(p):
    return None if p is None else (p.normalized, p.organ_code, p.year, p.serial, p.family)


@pytest.mark.parametrize("text,expected", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_grammar_examples(text, expected):
    assert _key(parse(text)) == expected


# --- properties -------------------------------------------------------------

BRACKETS = [("〔", "〕"), ("（", "）"), ("(", ")"), ("[", "]"), ("【", "】"), ("﹝", "﹞"), ("［", "］")]
ORGANS = ["工信部联原", "国发", "国办发", "发改能源", "国能发煤炭", "自然资规", "财关税", "粤国土资矿管函", "国能综发新能"]
SPACES = st.sampled_from(["", " ", "  ", "\u3000", "\n"])
FW = str.maketrans("0123456789", "０１２３４５６７８９")


@settings(max_examples=150, deadline=None)
@given(
    organ=st.sampled_from(ORGANS),
    year=st.integers(1990, 2035),
    serial=st.integers(1, 9999),
    brackets=st.sampled_from(BRACKETS),
    s1=SPACES, s2=SPACES, s3=st.sampled_from(["", " "]),
    fullwidth=st.booleans(),
    zeros=st.sampled_from(["", "0", "00"]),
)
def test_any_rendering_normalises_to_the_standard_form(organ, year, serial, brackets, s1, s2, s3, fullwidth, zeros):
    digits_year, digits_serial = str(year), zeros + str(serial)
    if fullwidth:
        digits_year, digits_serial = digits_year.translate(FW), digits_serial.translate(FW)
    written = f"{organ}{s1}{brackets[0]}{digits_year}{brackets[1]}{s2}{digits_serial}{s3}号"
    p = parse(written)
    assert p is not None, written
    assert (p.normalized, p.organ_code, p.year, p.serial) == (f"{organ}〔{year}〕{serial}号", organ, year, serial)
    # the same number cited in running text keeps its organ code
    sentence = f"根据《某某管理办法》（{written}）和有关规定，"
    found = find_numbers(sentence)
    assert [n.normalized for n in found] == [p.normalized]
    assert sentence[found[0].start : found[0].end] == found[0].text


@settings(max_examples=60, deadline=None)
@given(year=st.integers(1990, 2035), serial=st.integers(1, 300), sp=st.sampled_from(["", " "]))
def test_orders_and_announcements(year, serial, sp):
    a = parse(f"国家能源局公告{sp}{year}年{sp}第{serial}号")
    assert a is not None and (a.normalized, a.family) == (f"国家能源局公告{year}年第{serial}号", "announcement")
    o = parse(f"国家发展改革委令{year}年第{sp}{serial}号")
    assert o is not None and (o.normalized, o.family, o.year) == (f"国家发展改革委令{year}年第{serial}号", "order", year)


@pytest.mark.parametrize(
    "text",
    ["依据GB/T 9704-2012《党政机关公文格式》", "见NB/T 11177—2023", "（2025—2027年）", "成文日期：2025-03-11",
     "〔2025〕", "索引号 000014672/2026-00301", "特此公告。", "第二批（2023）", "共62号车间"],
)
def test_not_doc_numbers(text):
    assert find_numbers(text) == []


# numbers in running text: (text, normalised forms found)
IN_TEXT = [
    # a date glued before the organ of a 令 (the revision history of a regulation)
    ("（1994年1月28日中华人民共和国国务院令第142号发布 根据…修订）", ["中华人民共和国国务院令第142号"]),
    ("1998年2月12日 中华人民共和国国务院令第241号发布", ["中华人民共和国国务院令第241号"]),
    # a city whose name starts with 日 keeps it
    ("日照市人民政府令第3号", ["日照市人民政府令第3号"]),
]


@pytest.mark.parametrize("text,expected", IN_TEXT, ids=[t for t, _ in IN_TEXT])
def test_numbers_in_text(text, expected):
    assert [n.normalized for n in find_numbers(text)] == expected


@pytest.mark.parametrize(
    "sentence,normalized",
    [
        ("国家能源局印发国能发科技〔2024〕18号文件", "国能发科技〔2024〕18号"),
        ("仍按财关税〔2021〕17号文件及相关规定办理", "财关税〔2021〕17号"),
        ("1998年2月12日 中华人民共和国国务院令第242号发布", "中华人民共和国国务院令第242号"),
        ("工业和信息化部公告2020年第6号", "工业和信息化部公告2020年第6号"),
    ],
)
def test_organ_code_is_cut_from_running_text(sentence, normalized):
    assert [n.normalized for n in find_numbers(sentence)] == [normalized]


# --- the component ----------------------------------------------------------


def _numbers(doc):
    return [(s.text, s._.fields["normalized"], s._.fields["role"], s._.fields["family"]) for s in doc.spans["doc_numbers"]]


def test_component_header_and_under_title_are_self(components):
    text = (
        "发文字号：工信部联原（2025）62号\n"
        "工业和信息化部等十部门关于印发《铝产业高质量发展实施方案》的通知\n"
        "工信部联原（2025）62号\n"
        "各省、自治区、直辖市工业和信息化主管部门：\n"
        "按照《关于加快煤矿智能化发展的指导意见》（发改能源〔2020〕283号）要求，现将有关事项通知如下。\n"
    )
    doc = components(text, COMPONENT)
    got = _numbers(doc)
    # one fact, one item: the header field and the line under the title are two mentions
    assert got == [
        ("工信部联原（2025）62号", "工信部联原〔2025〕62号", "self", "standard"),
        ("发改能源〔2020〕283号", "发改能源〔2020〕283号", "cited", "standard"),
    ]
    own, cited = doc.spans["doc_numbers"]
    assert [text[a:b] for a, b in own._.fields["mentions"]] == ["工信部联原（2025）62号"] * 2
    assert own._.fields["mentions"][0] == (own.start_char, own.end_char)  # the evidence is the first
    assert len(cited._.fields["mentions"]) == 1
    for span in doc.spans["doc_numbers"]:
        assert span.text == span._.fields["text"]


def test_component_first_number_before_the_body_is_self(components):
    text = "关于某事的通知\n（国土资发[2000]133号）\n各省：\n见国土资发〔1999〕1号。\n"
    got = _numbers(components(text, COMPONENT))
    assert [(n, r) for _, n, r, _ in got] == [("国土资发〔2000〕133号", "self"), ("国土资发〔1999〕1号", "cited")]


def test_component_no_self_in_a_body_only_text(components):
    text = "为落实《某某办法》（财关税〔2026〕16号，以下简称《通知》），现就有关事项通知如下：\n一、按财预〔2014〕373号执行。"
    got = _numbers(components(text, COMPONENT))
    assert [r for *_, r, _ in got] == ["cited", "cited"]


def test_seed_notice_003(seeds_dir, components):
    doc = components(normalized_text(seeds_dir / "notice_003.txt"), COMPONENT)
    got = _numbers(doc)
    assert got and all(r == "self" for _, _, r, _ in got)
    assert {(t, n) for t, n, _, _ in got} == {("工信部联原（2025）62号", "工信部联原〔2025〕62号")}
    assert len(got) == 1 and len(doc.spans["doc_numbers"][0]._.fields["mentions"]) == 2  # header + under the title
    f = doc.spans["doc_numbers"][0]._.fields
    assert (f["organ_code"], f["year"], f["serial"]) == ("工信部联原", 2025, 62)


# file -> (own number or None, cited numbers that must come out)
CORPUS = {
    "01_nea_coal_mine_intelligent.txt": ("国能发煤炭〔2024〕38号", {"发改能源〔2020〕283号", "国能发科技〔2024〕18号"}),
    "02_miit_ndrc_electronics_15th_plan_notice.txt": ("工信部联规〔2026〕216号", set()),
    "03_gov_office_sme_payment_arrears.txt": ("国办发〔2026〕24号", set()),
    "04_ndrc_nea_oil_gas_15th_plan.txt": (None, set()),
    "05_mee_hcfc22_ban_announcement.txt": ("公告2026年第42号", set()),
    "06_nea_oil_gas_pipeline_open_access_notice.txt": ("国能发监管规〔2026〕60号", set()),
    "07_nea_ordos_coalbed_methane_plan.txt": ("国能发煤炭〔2026〕50号", set()),
    "08_mof_energy_resources_import_tax_measures.txt": (
        "财关税〔2026〕17号", {"财关税〔2026〕16号", "财关税〔2021〕17号", "财预〔2014〕373号"}),
    "09_law_mineral_resources_law_2024.txt": (None, set()),
    "10_law_resource_tax_law_2019.txt": (None, set()),
    "11_reg_dual_use_export_control_2024.txt": (None, set()),
    "12_reg_mining_right_transfer_measures.txt": ("中华人民共和国国务院令第242号", set()),
    "13_ndrc_mnr_mwr_desalination_plan_notice.txt": ("发改环资〔2026〕1062号", set()),
    "14_gd_tungsten_quota_demand_letter.txt": ("粤国土资矿管函〔2018〕2269号", {"自然资发〔2018〕49号"}),
    "15_nbs_energy_production_2023h1.txt": (None, set()),
    "16_mlr_mineral_reserve_scale_standard_excerpt.txt": ("国土资发〔2000〕133号", set()),
    "17_nea_announcement_2026_3_repeal_list.txt": (
        "国家能源局公告2026年第3号",
        {"国能监管〔2016〕39号", "国能规划〔2012〕179号", "国能综发新能〔2017〕1号", "国家能源局公告2020年第3号",
         "国家发展改革委令2025年第30号", "国家发展改革委令2026年第41号", "发改能源规〔2025〕411号"},
    ),
    "18_gov_2020_work_report_task_division_excerpt.txt": ("国发〔2020〕6号", set()),
}
# commentary and news (19-28) carry no document number
CORPUS.update({f: (None, set()) for f in [
    "19_eb2011_lead_futures_power_shortage.txt", "20_eb2011_rebar_futures_short_view.txt",
    "21_eb2011_coke_futures_outlook.txt", "22_eb2011_copper_inventory_decline.txt",
    "23_eb2011_jiangxi_rare_earth_output.txt", "24_eb2011_lme_copper_chile_supply.txt",
    "25_eb2011_rare_earth_export_quota.txt", "26_eb2011_ten_nonferrous_output_july.txt",
    "27_100ppi_2024_shfe_copper_daily.txt", "28_zgkyb_2024_tungsten_quota_news.txt",
]})


@pytest.fixture(scope="module")
def corpus_docs(corpus_raw_dir):
    """One Doc per corpus file (normalised text), built once for the module."""
    return {name: pipeline(COMPONENT)(normalized_text(corpus_raw_dir / name)) for name in CORPUS}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_doc_numbers(corpus_docs, name):
    own, cited = CORPUS[name]
    got = _numbers(corpus_docs[name])
    selfs = {n for _, n, r, _ in got if r == "self"}
    assert selfs == ({own} if own else set()), got
    assert cited <= {n for _, n, r, _ in got if r == "cited"}
    for span in corpus_docs[name].spans["doc_numbers"]:
        assert span.text == span._.fields["text"]


def test_corpus_17_stress(corpus_docs):
    got = _numbers(corpus_docs["17_nea_announcement_2026_3_repeal_list.txt"])
    families = {n: fam for _, n, _, fam in got}
    assert families["国家发展改革委令2025年第30号"] == "order"
    assert families["国家能源局公告2020年第3号"] == "announcement"
    assert not any("NB" in t or "11177" in t for t, *_ in got)  # NB/T 11177—2023 is a standard
    assert len({n for _, n, _, _ in got}) >= 24
    # the number split over two table-cell lines keeps its text as written
    assert ("国能监管 〔2016〕39号", "国能监管〔2016〕39号") in {(t, n) for t, n, _, _ in got}


@pytest.mark.parametrize("name", ["01_nea_coal_mine_intelligent.txt", "13_ndrc_mnr_mwr_desalination_plan_notice.txt",
                                  "16_mlr_mineral_reserve_scale_standard_excerpt.txt"])
def test_corpus_raw_text_gives_the_same_own_number(corpus_raw_dir, components, name):
    raw = (corpus_raw_dir / name).read_text(encoding="utf-8")
    got = _numbers(components(raw, COMPONENT))
    assert {n for _, n, r, _ in got if r == "self"} == {CORPUS[name][0]}


def test_a_title_that_is_a_number_keeps_its_fields(corpus_raw_dir):
    """The title field of file 17 is the number itself: both families stay valid."""
    doc = pipeline("ex_title", COMPONENT)(normalized_text(corpus_raw_dir / "17_nea_announcement_2026_3_repeal_list.txt"))
    (title,) = doc.spans["title"]
    assert title._.fields == {"text": "国家能源局公告 2026年第3号"}
    own = [s for s in doc.spans["doc_numbers"] if s._.fields["role"] == "self"]
    assert {s._.fields["normalized"] for s in own} == {"国家能源局公告2026年第3号"}
    # one item: the title field and the number under the masthead, the first at the title's offsets
    assert len(own) == 1 and len(own[0]._.fields["mentions"]) == 2
    assert (own[0].start_char, own[0].end_char) == (title.start_char, title.end_char)


def test_long_runs_of_names_keep_their_numbers():
    """Long runs of organ names (organs read forwards from every character were quadratic: the
    time is measured by scripts/fuzz_scale.py, family organ_run_doc_number)."""
    text = "财政部 国家发展改革委 工业和信息化部 海关总署 " * 3000 + "公告2020年第3号 " + "国" * 50000
    found = find_numbers(text + "〔2020〕3号")
    assert [n.family for n in found] == ["announcement", "standard"]
