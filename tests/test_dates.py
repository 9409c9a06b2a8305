"""Dates: the grammar table, property tests, roles, and the component on the seed and corpus."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import normalized_text, pipeline
from extractor.grammars.dates import EXAMPLES, MENTION_EXAMPLES, find_dates, find_dates_and_years, parse_date

COMPONENT = "ex_dates"


@pytest.mark.parametrize("text,expected", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_grammar_examples(text, expected):
    p = parse_date(text)
    assert (None if p is None else (p.value, p.value_end, p.precision)) == expected


@pytest.mark.parametrize("text,expected", MENTION_EXAMPLES, ids=[e[0] for e in MENTION_EXAMPLES])
def test_mention_examples(text, expected):
    assert [(p.text, p.value, p.bare) for p in find_dates_and_years(text)] == expected


# --- properties -------------------------------------------------------------

CN = "〇一二三四五六七八九"


def cn_small(n: int) -> str:
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


def renderings(d: date, zero: str) -> list[str]:
    y, m, dd = d.year, d.month, d.day
    cn_year = "".join(CN[int(c)] for c in str(y)).replace("〇", zero)
    return [
        f"{y}年{m}月{dd}日",
        f"{y}年{m:02d}月{dd:02d}日",
        f"{y} 年 {m} 月 {dd} 日",
        f"{y}-{m:02d}-{dd:02d}",
        f"{y}/{m:02d}/{dd:02d}",
        f"{y}.{m}.{dd}",
        f"{cn_year}年{cn_small(m)}月{cn_small(dd)}日",
    ]


@settings(max_examples=120, deadline=None)
@given(d=st.dates(date(1950, 1, 1), date(2099, 12, 31)), zero=st.sampled_from(["〇", "○", "0", "零"]))
def test_every_rendering_gives_the_same_iso_value(d, zero):
    for text in renderings(d, zero):
        p = parse_date(text)
        assert p is not None, text
        assert (p.value, p.precision) == (d.isoformat(), "day"), text
        # inside a sentence the date is found with exact offsets
        sentence = f"本办法自{text}起施行。"
        found = find_dates(sentence)
        assert [(f.value, sentence[f.start : f.end]) for f in found] == [(d.isoformat(), text)]


@settings(max_examples=80, deadline=None)
@given(d=st.dates(date(1950, 1, 1), date(2099, 12, 27)), gap=st.integers(1, 3),
       time=st.sampled_from(["", "晚8时", "上午10时30分", "凌晨2点"]), conj=st.sampled_from(["和", "、", "及", "与"]),
       year=st.booleans())
def test_a_further_day_takes_the_month_of_the_day_before_it(d, gap, time, conj, year):
    d2 = d.day + gap
    first = f"{d.year}年{d.month}月{d.day}日" if year else f"{d.month}月{d.day}日"
    text = f"地震发生在{first}{time}{conj}{d2}日。"
    try:  # a year-less day is checked against a leap year (--02-29 exists)
        want = date(d.year if year else 2000, d.month, d2)
    except ValueError:  # past the month's end: no second date
        want = None
    got = [(p.value, text[p.start : p.end]) for p in find_dates(text)]
    iso1 = d.isoformat() if year else d.isoformat()[4:].replace("-", "--", 1)
    second = [] if want is None else [(want.isoformat() if year else want.isoformat()[4:].replace("-", "--", 1), f"{d2}日")]
    assert got == [(iso1, first)] + second
    # a day that does not follow the first one is no further day of its month
    back = f"地震发生在{first}{time}{conj}{d.day}日。"
    assert [p.value for p in find_dates(back)] == [iso1]


@settings(max_examples=80, deadline=None)
@given(y=st.integers(1900, 2099), head=st.sampled_from(["", "该厂", "，", "在"]),
       tail=st.sampled_from(["就做了工作", "产量增长", "，价格回落", "前后"]))
def test_a_bare_year_is_found_only_as_a_bare_mention(y, head, tail):
    text = f"{head}{y}年{tail}"
    assert find_dates(text) == []
    got = [(p.value, p.precision, p.bare, text[p.start : p.end]) for p in find_dates_and_years(text)]
    assert got == [(str(y), "year", True, f"{y}年")]
    # with a marker of its own (年底, 早在 …) it is an ordinary date, found either way
    marked = f"早在{y}年{tail}"
    assert [(p.value, p.bare) for p in find_dates_and_years(marked)] == [(str(y), False)]
    assert [p.value for p in find_dates(marked)] == [str(y)]


@settings(max_examples=60, deadline=None)
@given(y1=st.integers(1990, 2090), span=st.integers(1, 9), dash=st.sampled_from(["—", "——", "-", "～", "至"]))
def test_year_ranges(y1, span, dash):
    p = parse_date(f"{y1}{dash}{y1 + span}年")
    assert p is not None and (p.value, p.value_end, p.precision) == (str(y1), str(y1 + span), "year")


@pytest.mark.parametrize(
    "text",
    ["工信部联原〔2025〕62号", "公告 2026年 第42号", "国家发展改革委令2025年第30号", "账期不超过60日", "6个月内",
     "打造1~2个示范矿山", "到2027年", "GB/T 9704-2012", "党的二十大", "10505万吨"],
)
def test_component_ignores_numbers_quantities_and_bare_years(components, text):
    assert list(components(text, COMPONENT).spans["dates"]) == []


# --- roles ------------------------------------------------------------------


def _mentions(doc):
    return [
        (s.text, s._.fields["role"], s._.fields["value"], s._.fields.get("value_end"), s._.fields.get("year_inferred", False))
        for s in doc.spans["dates"]
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("成文日期：2025-03-11 发布日期：2025-03-28",
         [("2025-03-11", "written", "2025-03-11", None, False), ("2025-03-28", "published", "2025-03-28", None, False)]),
        ("生成日期\t2026-09-02", [("2026-09-02", "published", "2026-09-02", None, False)]),
        ("商务部\n海关总署\n2025年3月11日", [("2025年3月11日", "written", "2025-03-11", None, False)]),
        ("国务院\n2025年3月11日（此件公开发布）", [("2025年3月11日", "written", "2025-03-11", None, False)]),
        ("二○二三年全国矿产资源储量通报", [("二○二三年", "other", "2023", None, False)]),
        ("国土资源部\n二000年四月二十四日", [("二000年四月二十四日", "written", "2000-04-24", None, False)]),
        ("本法自2025年7月1日起施行。", [("2025年7月1日", "effective", "2025-07-01", None, False)]),
        ("第一批清单自2026年1月1日实施，", [("2026年1月1日", "effective", "2026-01-01", None, False)]),
        ("山西省自然资源厅于2025年8月10日下发通知，", [("2025年8月10日", "event", "2025-08-10", None, False)]),
        ("2011年11月1日前已依法订立中外合作开采合同的", [("2011年11月1日", "other", "2011-11-01", None, False)]),
        ("有关中央企业于2025年底前完成。", [("2025年底前", "deadline", "2025-12", None, False)]),
        ("落实意见于2024年7月底前报送。", [("2024年7月", "deadline", "2024-07", None, False)]),
        ("本办法有效期为2026年1月1日至2030年12月31日。",
         [("2026年1月1日至2030年12月31日", "period", "2026-01-01", "2030-12-31", False)]),
        ("实施周期为2025年至2027年。", [("2025年至2027年", "period", "2025", "2027", False)]),
        ("《铝产业高质量发展实施方案（2025—2027年）》", [("2025—2027年", "period", "2025", "2027", False)]),
        ("从2026年9月23日延长至2031年9月23日",
         [("2026年9月23日", "other", "2026-09-23", None, False), ("2031年9月23日", "expiry", "2031-09-23", None, False)]),
        ("1986年3月19日 第六届全国人民代表大会常务委员会第十五次会议通过",
         [("1986年3月19日", "event", "1986-03-19", None, False)]),
        ("1998年2月12日 中华人民共和国国务院令第242号发布", [("1998年2月12日", "published", "1998-02-12", None, False)]),
        ("2018年自然资源部下达指标,请于8月24日前传真至省厅。",
         [("8月24日", "deadline", "2018-08-24", None, True)]),
        # no year in context: a year-less month is skipped (precision first)
        ("螺纹钢期货10月合约价格窄幅波动。", []),
    ],
)
def test_roles(components, text, expected):
    assert _mentions(components(text, COMPONENT)) == expected


def test_year_less_day_takes_the_year_of_the_document_only_for_a_role(components):
    doc = components("发布时间\t2011-05-31\n稀土价格截至5月27日涨至118.45万元/吨。请于6月30日前报送。", COMPONENT)
    # the reference date of a figure without its year is left out; a deadline keeps it
    assert _mentions(doc)[1:] == [("6月30日", "deadline", "2011-06-30", None, True)]


# Dates without a role of their own context, decided against the document's own date.
# (kind, text, [(surface, role, value, value_end)]); the first line may give the own date.
UNMARKED_EXAMPLES = [
    # a dated happening: an act on the next clause
    ("research_report", "发布时间：2011-07-04\n2010年12月27日，财政部宣布取消废铜增值税退税政策。",
     [("2010年12月27日", "event", "2010-12-27", None)]),
    ("research_report", "发布时间：2011-02-21\n2010年3月23日必和必拓和日本钢厂达成季度定价协议。",
     [("2010年3月23日", "event", "2010-03-23", None)]),
    ("research_report", "发布时间：2011-06-24\n2007年5月，国家开始展开稀土等矿产战略资源储备研究。",
     [("2007年5月", "event", "2007-05", None)]),
    # the act inside a bracket that closes on the next line
    ("policy_notice", "国务院工作规则\n（二○○四年六月十六日国务院\n第54次常务会议修订通过）",
     [("二○○四年六月十六日", "event", "2004-06-16", None)]),
    # no act, a figure's date in a report: left out
    ("research_report", "发布时间：2011-07-04\n在一年以前即2010年6月，沪铜的价格仅为50000元每吨左右。", []),
    # a year-less date dated only by the document's own year: left out
    ("research_report", "发布时间：2011-07-04\n在6月22日举行的上海废旧金属峰会上，贸易商云集。", []),
    # a happening after the document's own date is no event (a plan)
    ("policy_notice", "国务院办公厅\n2019年1月21日\n2019年上半年，试点城市政府印发实施方案。",
     [("2019年1月21日", "written", "2019-01-21", None)]),
    # policy document: a dated statement of running text before its own date is an event
    ("policy_notice", "自2003年7月起，马鬃山村村民经常感觉到地面振动。\n国土资源部\n2004年10月10日",
     [("2003年7月", "event", "2003-07", None), ("2004年10月10日", "written", "2004-10-10", None)]),
    # a year-only start of a measure is a horizon, not an effective date
    ("policy_notice", "从2019年起，在有条件的地区探索实施试点工作。\n国务院\n2019年1月24日",
     [("2019年1月24日", "written", "2019-01-24", None)]),
    # 到…年底 with a task: a deadline
    ("policy_notice", "到2019年底，市场监管部门完成双随机抽查全流程整合。", [("2019年底", "deadline", "2019-12", None)]),
    # a forwarded report's signature is not the notice's written date
    ("policy_notice", "国务院办公厅\n一九九七年二月四日\n关于地震趋势的报告\n国务院：\n现报告如下。\n国家地震局\n一九九七年一月二十日",
     [("一九九七年二月四日", "written", "1997-02-04", None), ("一九九七年一月二十日", "other", "1997-01-20", None)]),
    # an order's date under its officer's signature is its written date, not a byline
    ("policy_notice", "中华人民共和国国务院令\n第707号\n现公布修订后的《某条例》。\n总理  李克强\n2018年12月18日\n某条例\n"
     "第一条 为了规范某某工作，保障某某权益，促进某某事业健康发展，根据有关法律的规定，结合本地实际情况，制定本条例。",
     [("2018年12月18日", "written", "2018-12-18", None)]),
    # a range of days that ended before the document's own date is a happening, with its end
    ("policy_notice", "我部于2004年4月13日至15日，组织专家组进行现场调查。\n国土资源部\n2004年10月10日",
     [("2004年4月13日至15日", "event", "2004-04-13", "2004-04-15"), ("2004年10月10日", "written", "2004-10-10", None)]),
    # a day dated only by the notice's own year is still a happening of the notice's story
    ("policy_notice", "2004年3月，省政府报送请示。\n专家组4月14日实地调查了房屋开裂情况。\n国土资源部\n2004年10月10日",
     [("2004年3月", "event", "2004-03", None), ("4月14日", "event", "2004-04-14", None),
      ("2004年10月10日", "written", "2004-10-10", None)]),
    # a year-less date before the date on its line that gives it its year: the year is not known …
    ("policy_notice", "2011年10月5日某矿发生透水，相隔半年，又相继发生了2月3日某厂火灾。\n某某省应急厅\n2013年1月20日",
     [("2011年10月5日", "event", "2011-10-05", None), ("2013年1月20日", "written", "2013-01-20", None)]),
    # … unless the dated clause says what follows came after it (…后，): the next year, for the
    # whole forward run of dates
    ("policy_notice", "自2011年10月5日某矿发生透水后，相隔半年，又相继发生了2月3日某厂火灾、11月9日某库渗漏。"
     "\n某某省应急厅\n2013年1月20日",
     [("2011年10月5日", "event", "2011-10-05", None), ("2月3日", "event", "2012-02-03", None),
      ("11月9日", "event", "2012-11-09", None), ("2013年1月20日", "written", "2013-01-20", None)]),
    # a run that falls back twice, or falls back with no …后: each date after the fall is left out
    ("policy_notice", "2011年10月5日某矿发生透水，又发生了2月3日某厂火灾、11月9日某库渗漏。\n某某省应急厅\n2013年1月20日",
     [("2011年10月5日", "event", "2011-10-05", None), ("2013年1月20日", "written", "2013-01-20", None)]),
    ("policy_notice", "2011年10月5日起，监测站记录了11月9日、2月3日、1月5日三次事故。\n某某省应急厅\n2013年1月20日",
     [("2011年10月5日", "event", "2011-10-05", None), ("11月9日", "event", "2011-11-09", None),
      ("2013年1月20日", "written", "2013-01-20", None)]),
    # a bare year in running text: a happening when its clause narrates one, else left out
    ("policy_notice", "二、安全情况。2000年某局召开安全生产会议以来，各地做了大量工作。\n国务院办公厅\n2005年3月1日",
     [("2000年", "event", "2000", None), ("2005年3月1日", "written", "2005-03-01", None)]),
    ("policy_notice", "答复如下：2000年某局已停止该项补贴。\n国务院办公厅\n2005年3月1日",
     [("2000年", "event", "2000", None), ("2005年3月1日", "written", "2005-03-01", None)]),
    # an act before a figure: the year of the act (实施的 措施), not of the figure
    ("policy_notice", "经研究，决定将2003年实施的20项措施调整为25项。\n国务院办公厅\n2005年3月1日",
     [("2003年", "event", "2003", None), ("2005年3月1日", "written", "2005-03-01", None)]),
    ("policy_notice", "2003年全省粮食产量为500万吨。到2003年，全省要建成10个示范区。\n国务院办公厅\n2005年3月1日",
     [("2005年3月1日", "written", "2005-03-01", None)]),
    # a law's header lines: adopted, promulgated, in force
    ("policy_notice", "某某条例\n\n2005年2月2日 国务院第80次常务会议通过\n\n2005年2月15日 国务院令第400号公布\n\n"
     "2005年5月1日 施行\n\n第一条 为了规范某某工作，制定本条例。",
     [("2005年2月2日", "event", "2005-02-02", None), ("2005年2月15日", "published", "2005-02-15", None),
      ("2005年5月1日", "effective", "2005-05-01", None)]),
    # a further day of the same month after a date (…18日晚8时和19日晚) is a date of its own
    ("policy_notice", "村民反映，2003年12月18日晚8时和19日晚9时两次震感明显。\n国土资源部\n2004年10月10日",
     [("2003年12月18日", "event", "2003-12-18", None), ("19日", "event", "2003-12-19", None),
      ("2004年10月10日", "written", "2004-10-10", None)]),
    # a recurring deadline has no year
    ("policy_notice", "采矿权人应当于每年的7月31日前缴纳上半年的补偿费。\n国务院\n1994年2月27日",
     [("1994年2月27日", "written", "1994-02-27", None)]),
    # a report dates what it reports with years: a year-less deadline is left out
    ("research_report", "发布时间：2011-06-24\n按照工作计划安排，7月5日前研究报告正式稿将出炉。", []),
    # a promulgation line with a trailing ideographic space
    ("policy_notice", "1998年2月12日 中华人民共和国国务院令第241号发布\u3000", [("1998年2月12日", "published", "1998-02-12", None)]),
]


def _with_kind(text: str, kind: str, *names: str):
    from extractor.pipelines.base import Layout, prepare_doc

    nlp = pipeline(*(names or (COMPONENT,)))
    return nlp(prepare_doc(nlp, text, Layout(kind=kind)))


@pytest.mark.parametrize("kind,text,expected", UNMARKED_EXAMPLES, ids=[e[1][:24] for e in UNMARKED_EXAMPLES])
def test_dates_without_a_role_of_their_own(kind, text, expected):
    got = [(t, r, v, e) for t, r, v, e, _ in _mentions(_with_kind(text, kind))]
    own = {("published", "2011-07-04"), ("published", "2011-02-21"), ("published", "2011-06-24")}  # the first lines
    assert [g for g in got if (g[1], g[2]) not in own] == expected


def test_one_fact_one_item():
    text = "成文日期：2025-03-11\n某某通知\n各省：\n现将有关事项通知如下。\n工业和信息化部\n2025年3月11日"
    doc = _with_kind(text, "policy_notice")
    [written] = doc.spans["dates"]
    assert written._.fields["role"] == "written" and written.text == "2025-03-11"
    assert [text[a:b] for a, b in written._.fields["mentions"]] == ["2025-03-11", "2025年3月11日"]


def test_a_research_report_has_no_period_of_years():
    text = "发布时间：2011-05-31\n估计2011~2012年全球铜需求增速或为8.4%，而2005~2010年平均增速为16.4%。"
    doc = _with_kind(text, "research_report")
    assert [r for _, r, _, _, _ in _mentions(doc)] == ["published"]
    doc = _with_kind(text, "policy_notice")
    assert [r for _, r, _, _, _ in _mentions(doc)] == ["published", "period", "period"]


# --- the seed and the corpus --------------------------------------------------


def test_seed_notice_003(seeds_dir, components):
    doc = components(normalized_text(seeds_dir / "notice_003.txt"), COMPONENT)
    got = {(r, v, e) for _, r, v, e, _ in _mentions(doc)}
    assert ("written", "2025-03-11", None) in got
    assert ("published", "2025-03-28", None) in got
    assert ("period", "2025", "2027") in got
    assert {v for _, r, v, _, _ in _mentions(doc) if r == "written"} == {"2025-03-11"}  # header and signature
    assert not any(v.startswith("2035") for _, _, v, _, _ in _mentions(doc))  # 展望 2035 年 is not a date
    for s in doc.spans["dates"]:
        assert s.text == s._.fields["text"]


# file -> set of (role, value, value_end) that must come out
CORPUS: dict[str, set] = {
    "01_nea_coal_mine_intelligent.txt": {("written", "2024-05-21", None), ("deadline", "2025-12", None), ("deadline", "2024-07", None)},
    "02_miit_ndrc_electronics_15th_plan_notice.txt": {("written", "2026-09-10", None), ("published", "2026-09-15", None)},
    "03_gov_office_sme_payment_arrears.txt": {("written", "2026-09-03", None), ("published", "2026-09-10", None)},
    "05_mee_hcfc22_ban_announcement.txt": {
        ("written", "2026-09-02", None), ("published", "2026-09-02", None), ("effective", "2027-01-01", None),
        ("period", "2025", "2030")},
    "06_nea_oil_gas_pipeline_open_access_notice.txt": {("written", "2026-09-01", None)},
    "07_nea_ordos_coalbed_methane_plan.txt": {("written", "2026-07-07", None), ("period", "2026", "2030")},
    "08_mof_energy_resources_import_tax_measures.txt": {
        ("written", "2026-02-13", None), ("published", "2026-02-14", None),
        ("period", "2026-01-01", "2030-12-31"), ("effective", "2026-01-01", None), ("deadline", "2025-12-31", None)},
    "09_law_mineral_resources_law_2024.txt": {("effective", "2025-07-01", None), ("event", "1986-03-19", None),
                                              ("event", "2024-11-08", None)},
    "10_law_resource_tax_law_2019.txt": {("effective", "2020-09-01", None), ("event", "2019-08-26", None)},
    "11_reg_dual_use_export_control_2024.txt": {("effective", "2024-12-01", None)},
    "12_reg_mining_right_transfer_measures.txt": {("published", "1998-02-12", None)},
    "13_ndrc_mnr_mwr_desalination_plan_notice.txt": {("written", "2026-07-02", None), ("published", "2026-07-16", None)},
    "14_gd_tungsten_quota_demand_letter.txt": {
        ("written", "2018-08-09", None), ("published", "2018-08-10", None), ("deadline", "2018-08-24", None)},
    "16_mlr_mineral_reserve_scale_standard_excerpt.txt": {
        ("written", "2000-04-24", None), ("published", "2000-04-24", None), ("effective", "2000-04-24", None)},
    "17_nea_announcement_2026_3_repeal_list.txt": {("written", "2026-09-08", None), ("expiry", "2031-09-23", None)},
    "19_eb2011_lead_futures_power_shortage.txt": {("published", "2011-06-10", None)},
    "20_eb2011_rebar_futures_short_view.txt": {("published", "2011-06-01", None)},
    "21_eb2011_coke_futures_outlook.txt": {("published", "2011-06-01", None)},
    "22_eb2011_copper_inventory_decline.txt": {("published", "2011-05-31", None)},
    "23_eb2011_jiangxi_rare_earth_output.txt": {("published", "2011-05-31", None)},
    "24_eb2011_lme_copper_chile_supply.txt": {("published", "2011-07-06", None)},
    "25_eb2011_rare_earth_export_quota.txt": {("published", "2011-07-18", None), ("period", "2011-07-16", "2011-07-18")},
    "26_eb2011_ten_nonferrous_output_july.txt": {("published", "2011-08-18", None)},
    "28_zgkyb_2024_tungsten_quota_news.txt": {
        ("published", "2024-08-23", None), ("deadline", "2025-01", None), ("deadline", "2025-12", None)},
}
# the one written / published date a document has (None: it has none)
WRITTEN = {
    "01": "2024-05-21", "02": "2026-09-10", "03": "2026-09-03", "04": None, "05": "2026-09-02", "06": "2026-09-01",
    "07": "2026-07-07", "08": "2026-02-13", "09": None, "10": None, "11": None, "12": None, "13": "2026-07-02",
    "14": "2018-08-09", "15": None, "16": "2000-04-24", "17": "2026-09-08", "18": None,
}


@pytest.fixture(scope="module")
def corpus_docs(corpus_raw_dir):
    return {p.name: pipeline(COMPONENT)(normalized_text(p)) for p in sorted(corpus_raw_dir.glob("*.txt"))}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_dates(corpus_docs, name):
    got = {(r, v, e) for _, r, v, e, _ in _mentions(corpus_docs[name])}
    assert CORPUS[name] <= got, sorted(CORPUS[name] - got)


@pytest.mark.parametrize("prefix", sorted(WRITTEN))
def test_corpus_written_date(corpus_docs, prefix):
    name = next(n for n in corpus_docs if n.startswith(prefix))
    written = {v for _, r, v, _, _ in _mentions(corpus_docs[name]) if r == "written"}
    assert written == ({WRITTEN[prefix]} if WRITTEN[prefix] else set())


def test_corpus_evidence_spells_the_text(corpus_docs):
    for doc in corpus_docs.values():
        for s in doc.spans["dates"]:
            assert s.text == s._.fields["text"]
            v = s._.fields["value"]
            assert len(v) in (4, 7, 10) and not v.startswith("-")


def test_with_the_title_cited_plan_periods_are_left_out(seeds_dir):
    doc = pipeline("ex_title", COMPONENT)(normalized_text(seeds_dir / "notice_003.txt"))
    periods = {(v, e) for _, r, v, e, _ in _mentions(doc) if r == "period"}
    assert periods == {("2025", "2027")}  # 《原材料工业数字化转型工作方案（2024—2026年）》 is another plan's
    # the cited plan's period is that plan's, not the notice's: left out
    assert not any((v, e) == ("2024", "2026") for _, _, v, e, _ in _mentions(doc))


@pytest.mark.parametrize(
    "text,expected",
    [
        ("动力煤周度报告（2025.12.05）\n广发期货发展研究中心\n本周煤价上涨。", ("2025.12.05", "published", "2025-12-05")),
        ("供应扰动加剧 铜价中枢有望上移\n报告日期：2025年10月28日\n核心观点", ("2025年10月28日", "published", "2025-10-28")),
        ("稀土季度展望：配额收紧预期升温\n某某证券研究所 金属与材料组    2026年1月9日\n投资要点\n"
         "◆2025年四季度氧化镨钕均价为52.3万元/吨，环比上涨8.6%，氧化镝均价为168万元/吨，环比下跌。",
         ("2026年1月9日", "published", "2026-01-09")),
    ],
)
def test_report_dates(text, expected):
    got = [(t, r, v) for t, r, v, _, _ in _mentions(pipeline("ex_title", COMPONENT)(text))]
    assert expected in got


def test_the_attached_plan_named_without_its_period_keeps_the_period():
    text = "甲市人民政府办公室\n关于印发甲市钨产业三年行动计划的通知\n各县：\n《甲市钨产业三年行动计划（2025—2027年）》已经市政府同意。"
    got = [(r, v, e) for _, r, v, e, _ in _mentions(pipeline("ex_title", COMPONENT)(text))]
    assert got == [("period", "2025", "2027")]


def test_long_lines_are_read_whole():
    """Long lines (the signature check once backtracked exponentially on them: its time is
    measured by scripts/fuzz_scale.py, family signature_run): the signature's date after the
    long line of names is found and is the written date (a date glued to a latin letter, x2025年…,
    is no mention)."""
    from extractor.pipelines.components.dates import find_date_mentions

    text = ("部" * 300 + "x2025年3月11日\n") * 20 + "国家能源局 " * 3000 + "2026年1月1日"
    found = find_date_mentions(text)
    assert [(d.value, f["role"]) for d, f in found] == [("2026-01-01", "written")]


@pytest.mark.parametrize(
    "body,expected",
    [
        ("今年7月底前完成。", [("7月", "2011-07")]),
        ("明年1月1日前报送。", [("1月1日", "2012-01-01")]),
        ("去年的4月17日前已签订的合同。", []),  # a cut-off in the past: no role, no year on the page
        # a happening dated by a relative word only is left out (the year is a guess)
        ("去年的4月17日，国务院发布《关于坚决遏制部分城市房价过快上涨的通知》。", []),
        ("今年7月国内产量增长。", []),
    ],
)
def test_relative_years(components, body, expected):
    doc = components("发布时间\t2011-06-01\n" + body, COMPONENT)
    got = [(t, v) for t, _, v, _, inferred in _mentions(doc) if inferred]
    assert got == expected


# every string of up to four pieces: digits, Chinese-numeral years, date words and the
# characters the look-behinds reject
_DATE_PIECES = [
    "2025", "1", "12", "二〇二五", "三", "年", "月", "日", "底", "前", "-", "—", ".", "至", "〔",
    "第", "个", " ",
]


def test_finditer_not_after_equals_finditer():
    """find_dates searches its look-behind-first regexes as the rest of the regex with
    the look-behind tested per match; the matches are those of finditer."""
    from itertools import product

    from extractor.grammars import dates as d

    regexes = [d.YMD_RE, d.NUMERIC_RE, d.YEAR_RANGE_RE, d.YM_RANGE_RE, d.BARE_YEAR_RE,
               d.CN_YEAR_RE, d.MD_RE]
    assert all(d._split_not_after(rx) is not None for rx in regexes)
    longer = "12025年3月5日，2025-03-11.5 2025—2027年 二〇二五年三月 第3个月 〔2025年底"
    cases = ["".join(p) for n in range(1, 5) for p in product(_DATE_PIECES, repeat=n)]
    cases += [longer[a:b] for a in range(len(longer)) for b in range(a + 1, len(longer) + 1)]
    for text in cases:
        for rx in regexes:
            got = [m.span() for m in d.finditer_not_after(rx, text)]
            assert got == [m.span() for m in rx.finditer(text)], (rx.pattern, text)


SIGNED = "某某省能源局\n2026年3月1日\n"


@pytest.mark.parametrize(
    "body,kind,expected",
    [
        # each bare year narrates an act in its clause (every clause runs to the end of the text)
        ("2009年该厂完成改造" * 2000, "research_report", {("event", "2009"): 2000}),
        # no act anywhere: no bare year is a date
        ("2009年该厂改造" * 2000, "research_report", {}),
        # one act at the very end is in every year's clause
        ("2009年该厂改造" * 2000 + "完成", "policy_notice", {("event", "2009"): 2000}),
        # year-less dates after one anchor take its year
        ("2025年1月3日，" + "5月4日，" * 2000, "policy_notice",
         {("event", "2025-01-03"): 1, ("event", "2025-05-04"): 2000}),
        # the run falls back once after the anchor's 后 (the next year), then again: unknown
        ("自2025年11月3日停产后，" + "12月5日、1月4日、" * 1000, "policy_notice",
         {("event", "2025-11-03"): 1, ("event", "2025-12-05"): 1, ("event", "2026-01-04"): 1}),
    ],
)
def test_a_long_line_of_dates_is_read_date_by_date(body, kind, expected):
    """Hostile input: thousands of bare years or year-less dates on one line (the clause of each
    is found once per text, the act after it and the anchor of its line carried forward; timing
    is scripts/fuzz_scale.py's, families bare_years_line and yearless_dates, never here)."""
    from collections import Counter

    from extractor.pipelines.components.dates import find_date_mentions

    got = Counter((f["role"], f["value"]) for _, f in find_date_mentions(SIGNED + body, kind=kind)
                  if f["role"] != "published")
    assert got == Counter(expected)
