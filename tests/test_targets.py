"""ex_targets: quantified targets in policy texts."""

from __future__ import annotations

import pytest

from conftest import pipeline
from extractor.pipelines.components.targets import governing_years


def targets_of(text: str) -> list[dict]:
    doc = pipeline("ex_targets")(text)
    out = []
    for span in doc.spans["targets"] if "targets" in doc.spans else []:
        f = dict(span._.fields)
        assert f["text"] == span.text
        out.append(f)
    return out


# (text, expected targets as dicts of fields to check)
POSITIVE = [
    ("到2027年，力争国内铝土矿资源量增长3%—5%，再生铝产量1500万吨以上。",
     [dict(metric="铝土矿资源量增长", value=3, value_max=5, unit="%", year=2027),
      dict(metric="再生铝产量", value=1500, unit="万吨", comparator="以上", year=2027,
           normalized_value=1.5e7, normalized_unit="t")]),
    ("展望2035年，清洁能源使用比例50%以上。", [dict(metric="清洁能源使用比例", year=2035, value=50)]),
    ("新置换电解铝项目应符合铝液交流电耗不高于13000千瓦时/吨、环保绩效A级等要求",
     [dict(metric="铝液交流电耗", comparator="不高于", normalized_unit="kWh/t", year=None)]),
    ("鼓励采用500kA及以上电解槽，提高清洁能源使用比例。", [dict(metric="电解槽", value=500, unit="kA", comparator="及以上")]),
    ("力争打造1~2个煤铝共采示范性矿山。", [dict(metric="煤铝共采示范性矿山", value=1, value_max=2, unit="个")]),
    ("2030年，煤层气产量达到180亿立方米，其中深层煤层气产量160亿立方米以上。",
     [dict(metric="煤层气产量", year=2030, normalized_value=1.8e10),
      dict(metric="深层煤层气产量", year=2030, comparator="以上")]),
    ("主要目标任务：城镇新增就业900万人以上，城镇调查失业率6%左右。",
     [dict(metric="城镇新增就业", normalized_value=9e6), dict(metric="城镇调查失业率", comparator="左右")]),
    ("单位产品能耗须控制在300千克标准煤/吨以内。", [dict(comparator="以内", unit="千克标准煤/吨")]),
    ("到2025年，单位GDP能耗比2020年下降13.5%，非化石能源消费比重达到20%左右。",
     [dict(metric="单位GDP能耗下降", value=13.5, year=2025), dict(metric="非化石能源消费比重", comparator="左右", year=2025)]),
    ("新建再生铝项目规模应在10万吨/年及以上。", [dict(metric="新建再生铝项目规模", normalized_value=1e5, normalized_unit="t/a")]),
    ("原铝综合交流电耗应低于13500千瓦时/吨。", [dict(metric="原铝综合交流电耗", comparator="低于")]),
    ("“十四五”期间，全国新增铝土矿资源量5亿吨，确保国内铝土矿自给率不低于40%。",
     [dict(metric="新增铝土矿资源量", year=2025, normalized_value=5e8), dict(metric="铝土矿自给率", year=2025)]),
    ("到2025年底，天然气供应能力超过2500亿立方米。", [dict(metric="天然气供应能力", year=2025)]),
    ("2025年度第一批全省稀土矿开采总量控制指标为8500吨，冶炼分离总量控制指标为12000吨。",
     [dict(value=8500, year=2025), dict(value=12000, year=2025)]),
    ("到2027年，培育年营业收入超50亿元的钨企业3家以上。", [dict(value=3, unit="家", year=2027)]),
    # a number right before a counted noun sizes the noun: the count is the target
    ("到2028年，打造产值超千亿元产业集群2个。", [dict(value=2, unit="个", year=2028)]),
    ("到2030年，建成年产千万吨级矿山3座以上。", [dict(value=3, unit="座", year=2030)]),
    ("到2027年，新增储量10亿吨，建设示范项目5个。",
     [dict(value=10, year=2027), dict(value=5, unit="个", year=2027)]),
    ("推动铅锌冶炼企业综合回收镓、锗，镓综合回收率达到80%，锗综合回收率不低于75%。",
     [dict(metric="镓综合回收率", value=80, comparator="达到"), dict(metric="锗综合回收率", value=75)]),
    ("2018年自然资源部下达我省钨精矿(三氧化钨含量65%,下同)综合利用指标1060吨。",
     [dict(value=1060, unit="吨", year=2018, metric="钨精矿综合利用指标")]),
    ("关于做好2026年度钨矿开采总量控制指标申报工作的函\n指标建议应以2025年度下达指标为基础，原则上增幅不超过5%。钨精矿以三氧化钨含量65%计。",
     [dict(value=5, year=2026)]),
    ("一、落实2020年发展主要目标\n2.城镇新增就业900万人以上,城镇调查失业率6%左右。\n二、其他\n3.城镇新增就业900万人以上。",
     [dict(value=900, year=2020), dict(value=6, year=2020), dict(value=900, year=None)]),
]

NEGATIVE = [
    "2023年上半年，生产原煤23.0亿吨，同比增长4.4%。",  # statistics
    "2008年产量高达12.48万吨，2009年也达到了12万吨。",  # history
    "处十万元以上一百万元以下罚款。",  # penalties
    "单项许可的有效期不超过1年。",  # durations
    "陆上低丰度油田是指每平方公里原油可开采储量丰度低于二十五万立方米的油田。",  # definitions
    "统计范围为年主营业务收入2000万元及以上的工业企业。",  # statistical scope
    "铝是重要的基础原材料，全年产量3000万吨。",  # plain number
    "工信部联原〔2025〕62号，实施周期为2025年至2027年。",
    "价格一度达1200元/吨。",
    "截至2024年底，我国电解铝产能4500万吨。",
    "煤层气探明地质储量较“十四五”末增加。",
    "（二）金属锑及制品，纯度≥99.99%的锑锭、锑粉；",
    "关于开展2025年度重点行业能效“领跑者”遴选工作的通知",
    "到2025年，灾害严重煤矿以及海拔高于2400米或采深大于600米的煤矿实现智能化。",
]


@pytest.mark.parametrize("text,expected", POSITIVE, ids=[t[:16] for t, _ in POSITIVE])
def test_positive(text, expected):
    got = targets_of(text)
    assert len(got) == len(expected), [g["text"] for g in got]
    for g, e in zip(got, expected):
        for k, v in e.items():
            assert g[k] == v, (k, g)


@pytest.mark.parametrize("text", NEGATIVE, ids=[t[:16] for t in NEGATIVE])
def test_negative(text):
    assert targets_of(text) == []


def test_selection_notice_has_no_default_year():
    text = "关于开展2025年度重点行业能效“领跑者”遴选工作的通知\n一、其中电解铝铝液交流电耗不高于12800千瓦时/吨。"
    assert [g["year"] for g in targets_of(text)] == [None]


def test_cited_title_year_does_not_govern():
    text = "关于统计钨矿综合利用指标需求的函\n根据《关于下达2018年度钨矿开采总量控制指标的通知》,全省产能利用率不低于80%。"
    assert [g["year"] for g in targets_of(text)] == [None]


def test_year_scope_ends_with_paragraph():
    text = "到2027年，再生铝产量1500万吨以上。\n新建项目能效须达到100千瓦时/吨以下。"
    got = targets_of(text)
    assert [g["year"] for g in got] == [2027, None]


def test_governing_years():
    text = "到 2027 年，A。展望 2035 年，B。\n2030年，C。较2020年下降。2025年底前完成。"
    assert [y for _, _, y in governing_years(text)] == [2027, 2035, 2030, 2025]


NOTICE_MUST = [
    # (metric, value, value_max, unit, comparator, year, normalized_value, normalized_unit)
    ("铝土矿资源量增长", 3, 5, "%", None, 2027, 3, "%"),
    ("再生铝产量", 1500, None, "万吨", "以上", 2027, 1.5e7, "t"),
    ("能效标杆水平以上产能占比", 30, None, "%", "以上", 2027, 30, "%"),
    ("清洁能源使用比例", 30, None, "%", "以上", 2027, 30, "%"),
    ("新增赤泥的资源综合利用率", 15, None, "%", "以上", 2027, 15, "%"),
    ("铝液交流电耗", 13000, None, "千瓦时/吨", "不高于", None, 13000, "kWh/t"),
    ("电解槽", 500, None, "kA", "及以上", None, 500, "kA"),
    ("煤铝共采示范性矿山", 1, 2, "个", None, None, 1, "个"),
]


@pytest.fixture(scope="module")
def notice_targets(seeds_dir):
    from extractor.normalize import normalize_char

    raw = (seeds_dir / "notice_003.txt").read_text(encoding="utf-8")
    text = "".join(normalize_char(c) for c in raw)
    return text, targets_of(text)


@pytest.mark.parametrize("row", NOTICE_MUST, ids=[r[0] for r in NOTICE_MUST])
def test_notice_003(notice_targets, row):
    metric, value, vmax, unit, comp, year, nval, nunit = row
    _, got = notice_targets
    hits = [g for g in got if g["metric"] == metric]
    assert len(hits) == 1, [g["metric"] for g in got]
    g = hits[0]
    assert (g["value"], g["value_max"], g["unit"], g["comparator"], g["year"]) == (value, vmax, unit, comp, year)
    assert (g["normalized_value"], g["normalized_unit"]) == (nval, nunit)
    assert metric.replace(" ", "") in g["text"].replace(" ", "")


def test_notice_003_nothing_else(notice_targets):
    _, got = notice_targets
    assert len(got) == len(NOTICE_MUST)


CORPUS = [
    ("04_ndrc_nea_oil_gas_15th_plan.txt", "油气供应量", dict(year=2030, normalized_value=4.4e8, normalized_unit="toe")),
    ("04_ndrc_nea_oil_gas_15th_plan.txt", "液化天然气接收站接卸能力", dict(year=2030, normalized_unit="t/a")),
    ("04_ndrc_nea_oil_gas_15th_plan.txt", "天然气储备规模占全国消费比重", dict(year=2030, comparator="超过", value=13)),
    ("07_nea_ordos_coalbed_methane_plan.txt", "鄂东区域煤层气探明地质储量增加",
     dict(year=2030, comparator="以上", normalized_value=6e11)),
    ("07_nea_ordos_coalbed_methane_plan.txt", "煤层气产量", dict(year=2030, value=180)),
    ("07_nea_ordos_coalbed_methane_plan.txt", "深层煤层气产量", dict(year=2030, value=160)),
    ("18_gov_2020_work_report_task_division_excerpt.txt", "城镇新增就业", dict(value=900, comparator="以上")),
    ("18_gov_2020_work_report_task_division_excerpt.txt", "城镇调查失业率", dict(value=6, comparator="左右")),
    ("18_gov_2020_work_report_task_division_excerpt.txt", "城镇登记失业率", dict(value=5.5, comparator="左右")),
]


@pytest.fixture(scope="module")
def corpus_targets(corpus_raw_dir):
    from extractor.normalize import normalize_char

    cache = {}

    def get(name):
        if name not in cache:
            raw = (corpus_raw_dir / name).read_text(encoding="utf-8")
            cache[name] = targets_of("".join(normalize_char(c) for c in raw))
        return cache[name]

    return get


@pytest.mark.parametrize("name,metric,expected", CORPUS, ids=[m for _, m, _ in CORPUS])
def test_corpus(corpus_targets, name, metric, expected):
    hits = [g for g in corpus_targets(name) if g["metric"] == metric]
    assert hits, [g["metric"] for g in corpus_targets(name)]
    for k, v in expected.items():
        assert hits[0][k] == v, (k, hits[0])


@pytest.mark.parametrize(
    "name",
    ["15_nbs_energy_production_2023h1.txt", "09_law_mineral_resources_law_2024.txt",
     "16_mlr_mineral_reserve_scale_standard_excerpt.txt", "10_law_resource_tax_law_2019.txt"],
)
def test_corpus_no_targets(corpus_targets, name):
    assert corpus_targets(name) == []


# --- robustness ----------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = list("0123456789.。,，-—~%万亿吨米元个年到展望力争确保应须以上以下不高于占比重产量“十四五”期间截至底前\n 铝较末增加其中同比罚款是指│")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=40).map("".join))
def test_fuzz_never_crashes(text):
    for g in targets_of(text):
        assert g["metric"]
        assert g["text"] and g["text"] in text


# every string of up to four pieces: years, plan names and what may stand before them
_YEAR_PIECES = [
    "2025", "12025", "2025年，", "      ", "年", "底", "前", "度", "到", "截至", "展望", "力争到",
    "确保在", "以", "，", "\n", " ", "\u3000", "“", "十四五", "”", "期间", "十",
]


def test_governing_year_marks_are_those_finditer_finds():
    """governing_year_marks tries GOVERNING_YEAR only where a match can start; it
    finds exactly what a search at every offset finds."""
    import re
    from itertools import product

    from extractor.pipelines.components.targets import (
        ANY_YEAR,
        GOVERNING_YEAR,
        governing_year_marks,
    )

    any_year = re.compile(r"(?<!\d)[12]\d{3}\s?年")
    for n in range(1, 5):
        for parts in product(_YEAR_PIECES, repeat=n):
            text = "".join(parts)
            assert [m.span() for m in governing_year_marks(text)] == [
                m.span() for m in GOVERNING_YEAR.finditer(text)], text
            assert [m.span() for m in ANY_YEAR.finditer(text)] == [
                m.span() for m in any_year.finditer(text)], text
