"""Golden test for the research report (seed report_000) and its PDFs, plus the commentary corpus.

report_000.txt, report_simple.pdf, report_header_footer.pdf and report_table.pdf carry the
same report, so they must agree on the entities: compared as sets of normalised values,
not offsets. report_table.pdf (and its source text) adds two tables whose rows become
statistics.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from extractor.core import extract
from extractor.grammars.quantity import find_quantities

# --- expected entities of report_000 ------------------------------------------

REGIONS = {"山西省", "广西壮族自治区", "贵州省", "河南省", "几内亚", "澳大利亚", "巴西", "越南", "印度"}
REGIONS_ALLOWED_EXTRA = {"中国"}  # 我国 / 国内

# (subject, metric, region, period, value, value_max, unit, comparator)
STATISTICS = {
    ("镓", "含量", None, None, 0.0015, None, "%", "约"),
    ("镓", None, None, None, 90.0, None, "%", "以上"),
    ("镓", "储量占全球", "中国", None, 68.0, None, "%", "约"),
    ("镓", "储量", "中国", None, 19.0, None, "万吨", "约"),
    ("镓", "工业回收标准", None, None, 50.0, None, "ppm", "<"),
    ("铝土矿", "储量占全国", "山西", None, 40.0, None, "%", None),
    ("铝土矿", "产量", "山西", "2025-07", 202.0, None, "万吨", None),
    ("铝土矿", "产量", "广西", "2025-07", 185.0, None, "万吨", None),
    ("铝土矿", "产量", "贵州", "2025-07", 88.0, None, "万吨", None),
    ("铝土矿", "产量", "河南", "2025-07", 102.0, None, "万吨", None),
    ("铝土矿", "进口量", "几内亚", "2025-07", 537.25, None, "万吨", None),
    ("铝土矿", "进口量", "澳大利亚", "2025-07", 326.87, None, "万吨", None),
    ("铝土矿", "对外依存度", "中国", None, 70.0, None, "%", "超过"),
}

# (horizon, subject, direction, magnitude, magnitude_max, unit): required
FORECASTS = {
    ("short", "供给冲击", "flat", 0.0, None, None),
    ("medium", "山西国产矿实际供应", "down", 5.0, 10.0, "%"),
    ("long", "山西对外依存度", "up", None, None, None),
    ("medium_long", "我国铝土矿对外依存度", "up", 5.0, None, "%"),
}

POLICY_EVENT = ("山西省自然资源厅", "2025-08-10", "上收出让登记权限", ("陶瓷土", "耐火粘土", "高岭土", "铁矾土"))
FIGURES = {
    ("图1", "figure", "山西、广西、贵州和河南铝土矿月度产量", "MS"),
    ("图2", "figure", "从几内亚和澳大利亚进口铝土矿月度数据", "MS"),
}
TABLE_FIGURES = {
    ("表1", "table", "2025年7月四大产区铝土矿产量", None),
    ("表2", "table", "2025年7月铝土矿进口量（无框线表格）", None),
}
# (table, row, column, region, value, unit)
TABLE_STATISTICS = {
    ("表1", "山西", "7月产量（万吨）", "山西", 202.0, "万吨"),
    ("表1", "广西", "7月产量（万吨）", "广西", 185.0, "万吨"),
    ("表1", "贵州", "7月产量（万吨）", "贵州", 88.0, "万吨"),
    ("表1", "河南", "7月产量（万吨）", "河南", 102.0, "万吨"),
    ("表1", "合计", "7月产量（万吨）", None, 577.0, "万吨"),
    ("表1", "山西", "占四省合计", "山西", 35.0, "%"),
    ("表1", "广西", "占四省合计", "广西", 32.1, "%"),
    ("表1", "贵州", "占四省合计", "贵州", 15.3, "%"),
    ("表1", "河南", "占四省合计", "河南", 17.7, "%"),
    ("表1", "合计", "占四省合计", None, 100.0, "%"),
    ("表2", "几内亚", "7月进口量（万吨）", "几内亚", 537.25, "万吨"),
    ("表2", "澳大利亚", "7月进口量（万吨）", "澳大利亚", 326.87, "万吨"),
}

INPUTS = ["seeds/report_000.txt", "report_simple.pdf", "report_header_footer.pdf", "report_table.pdf",
          "report_table_source.txt"]
WITH_TABLES = {"report_table.pdf", "report_table_source.txt"}


@lru_cache(maxsize=None)
def _result(path: str):
    return extract(path)  # kind from the content: must come out research_report


def _prose(r) -> list:
    return [x for x in r.statistics if x.table is None]


def _stat_keys(r) -> list[tuple]:
    return [(x.subject, x.metric, x.region, x.period, x.value, x.value_max, x.unit, x.comparator) for x in _prose(r)]


def _keys(r) -> dict[str, set]:
    return {
        "institution": {(r.institution.canonical,)} if r.institution else set(),
        "regions": {x.canonical for x in r.regions},
        "figures": {(x.label, x.kind, x.caption, x.data_source) for x in r.figures},
        "roles": {x.role for x in r.sections if x.role in ("disclaimer", "company_profile", "conclusion")},
        "policy_events": {(x.agency_canonical, x.date, x.action, tuple(x.minerals)) for x in r.policy_events},
        "forecasts": {(x.horizon, x.subject, x.direction, x.magnitude, x.magnitude_max, x.unit) for x in r.forecasts},
        "statistics": {(x.subject, x.metric, x.region, x.period, x.value, x.value_max, x.unit, x.comparator)
                       for x in r.statistics if x.table is None},
        "table_statistics": {(x.table, x.row, x.column, x.region, x.value, x.unit) for x in r.statistics if x.table},
    }


@pytest.fixture(scope="module", params=INPUTS)
def report(request, samples_dir):
    path = samples_dir / request.param
    return request.param.split("/")[-1], _result(str(path))


def test_kind(report):
    _name, r = report
    assert r.kind.value == "research_report"
    assert r.kind_confidence >= 0.9


def test_institution(report):
    name, r = report
    assert r.institution is not None
    assert r.institution.canonical == "华鑫期货"
    assert r.institution.name.startswith("华鑫期货")
    want = "header" if name == "report_header_footer.pdf" else "disclaimer"
    assert r.institution.source == want


def test_regions(report):
    _name, r = report
    got = _keys(r)["regions"]
    assert REGIONS <= got
    assert got - REGIONS <= REGIONS_ALLOWED_EXTRA
    shanxi = next(x for x in r.regions if x.canonical == "山西省")
    assert len(shanxi.mentions) >= 5


# the forecast magnitudes are projected statistics (corpora/README.md): (value, value_max, unit, horizon)
PROJECTED = {(-5.0, -10.0, "%", "中期"), (5.0, None, "%", "中长期")}  # 收缩: a fall, negative (the seed gold)


def test_statistics(report):
    _name, r = report
    got = _keys(r)["statistics"]
    observed = {k for k, s in zip(_stat_keys(r), _prose(r)) if not s.projected}
    assert STATISTICS <= got, STATISTICS - got
    assert observed == STATISTICS  # nothing else observed: nothing from the disclaimer
    assert {(s.value, s.value_max, s.unit, s.horizon) for s in _prose(r) if s.projected} == PROJECTED
    for s in r.statistics:
        assert r.text[s.evidence.start : s.evidence.end], s
    jul = [s for s in r.statistics if s.period == "2025-07" and s.table is None]
    assert jul and all(s.period_inferred for s in jul)


def test_forecasts(report):
    _name, r = report
    got = _keys(r)["forecasts"]
    assert FORECASTS <= got, FORECASTS - got


def test_policy_event(report):
    _name, r = report
    assert _keys(r)["policy_events"] == {POLICY_EVENT}


def test_figures(report):
    name, r = report
    got = _keys(r)["figures"]
    assert got == (FIGURES | TABLE_FIGURES if name in WITH_TABLES else FIGURES)
    if name in WITH_TABLES:
        t1 = next(f for f in r.figures if f.label == "表1")
        assert t1.rows[0] == ["省份", "7月产量（万吨）", "占四省合计"] and len(t1.rows) == 6
        t2 = next(f for f in r.figures if f.label == "表2")
        assert t2.rows[1:] == [["几内亚", "537.25"], ["澳大利亚", "326.87"]]


def test_table_statistics(report):
    name, r = report
    got = _keys(r)["table_statistics"]
    assert got == (TABLE_STATISTICS if name in WITH_TABLES else set())
    for s in r.statistics:
        if s.table:
            assert s.period == "2025-07" and not s.period_inferred  # the caption gives the year
            assert r.text[s.evidence.start : s.evidence.end] == s.text
            if name.endswith(".pdf"):
                assert s.evidence.page is not None and s.evidence.bbox is not None


def test_disclaimer_and_profile_are_kept_out(report):
    _name, r = report
    roles = {x.role: x for x in r.sections if x.role in ("disclaimer", "company_profile")}
    assert set(roles) == {"disclaimer", "company_profile"}
    assert "结论" not in r.text[roles["disclaimer"].evidence.start : roles["disclaimer"].evidence.end]
    for role in roles.values():
        lo, hi = role.evidence.start, role.evidence.end
        for item in (*r.statistics, *r.forecasts, *r.policy_events, *r.targets):
            assert not (lo <= item.evidence.start < hi), item


def test_pdfs_agree_with_the_text(samples_dir):
    base = _keys(_result(str(samples_dir / INPUTS[0])))
    for name in INPUTS[1:]:
        got = _keys(_result(str(samples_dir / name)))
        for key, value in base.items():
            if key in ("figures", "table_statistics") and name.split("/")[-1] in WITH_TABLES:
                assert value <= got[key], (name, key)
            else:
                assert got[key] == value, (name, key, value ^ got[key])


# --- the commentary corpus ----------------------------------------------------

# file number -> (value, unit) pairs that must be among the statistics
CORPUS_STATISTICS = {
    15: {(23.0, "亿吨"), (10505.0, "万吨"), (1155.0, "亿立方米"), (41680.0, "亿千瓦时"), (93.0, "%")},
    19: {(16985.0, "元/吨"), (39.8, "万吨"), (31.8, "%"), (2585.5, "美元/吨"), (323250.0, "吨")},
    20: {(5987.0, "万吨"), (1501.0, "万吨"), (-9.89, "%"), (47.5, "%")},  # 大减9.89%: a signed change
    21: {(4861.0, "元/吨"), (5575.0, "元/吨"), (1.0, "亿吨")},
    22: {(68140.0, "元/吨"), (-48.0, "%")},
    23: {(118.45, "万元/吨"), (7690.0, "元/公斤"), (5694.0, "吨"), (30.15, "%"), (13000.0, "吨"), (8.92, "万吨")},
    24: {(9540.0, "美元/吨"), (2695.0, "美元/吨"), (9000.0, "吨")},
    25: {(15738.0, "吨"), (3.0184, "万吨"), (4.81551, "万吨"), (3220.0, "吨")},
    26: {(154.8, "万吨"), (47.8, "万吨"), (42.5, "万吨"), (35.4, "万吨"), (1984.0, "万吨"), (1049.0, "亿元")},
    27: {(74510.0, "元/吨"), (0.55, "%"), (9322.5, "美元/吨")},
    28: {(114000.0, "吨"), (15.0, "个")},  # 三氧化钨含量65%: a grade, not a statistic (corpora gold r28)
}
# file number -> canonical publisher (None: the piece names no author institution; an
# institution whose analyst or data it quotes is not its author, corpora/README.md)
CORPUS_INSTITUTION = {
    15: None, 19: None, 20: None, 21: None, 22: None, 23: "第一财经日报", 24: "腾讯财经",
    25: "国际金融报", 26: None, 27: "生意社", 28: "中国矿业报",
}
# file number -> institutions quoted (by reading: 浙商期货分析师王琳表示, 华泰长城期货肖流波分析说,
# 交通银行(601328)金融研究中心发布最新报告, 统计局最新数据显示, 汇丰中国制造业采购经理人指数, 中信建投分析师认为)
CORPUS_QUOTED = {19: {"浙商期货", "华泰期货"}, 21: {"交通银行", "国家统计局", "汇丰控股"}, 22: {"中信建投证券"}}
# (file, value, unit) -> expected (region, subject) where the context decides them
CORPUS_CONTEXT = {
    (19, 39.8, "万吨"): ("中国", "精炼铅"),
    (23, 5694.0, "吨"): ("江西", None),
    (26, 47.8, "万吨"): (None, "铜"),
    (26, 42.5, "万吨"): (None, "锌"),
    (28, 114000.0, "吨"): ("中国", "钨精矿"),  # 2024年度全国钨精矿…: 全国 as the subject is 中国
    (26, 1984.0, "万吨"): ("中国", None),
    (27, -3397.0, "手"): (None, None),  # 持仓量减少3397手至145207手: a change and a level
    (27, 145207.0, "手"): (None, None),
    (15, -22.9, "%"): (None, None),  # 水电下降22.9%
}


def _reading_at(text: str, start: int) -> str | None:
    return next((q.reading for q in find_quantities(text) if q.start <= start < q.end), None)


def _corpus_file(corpus_raw_dir, num: int):
    (path,) = corpus_raw_dir.glob(f"{num:02d}_*.txt")
    return str(path)


@pytest.mark.parametrize("num", sorted(CORPUS_STATISTICS))
def test_commentary_corpus(corpus_raw_dir, num):
    r = _result(_corpus_file(corpus_raw_dir, num))
    assert r.kind.value == "research_report"
    got = {(s.value, s.unit) for s in r.statistics}
    assert CORPUS_STATISTICS[num] <= got, CORPUS_STATISTICS[num] - got
    for s in r.statistics:
        assert r.text[s.evidence.start : s.evidence.end] == s.text
        # a unit, or a unitless reading of an index the quantity grammar names (PMI为49.5)
        assert s.value is not None and (s.unit or _reading_at(r.text, s.evidence.start))
    if num in CORPUS_INSTITUTION:
        want = CORPUS_INSTITUTION[num]
        assert (r.institution.canonical if r.institution else None) == want
        publishers = [(i.canonical, i.evidence) for i in r.institutions if i.role == "publisher"]
        assert publishers == ([(want, r.institution.evidence)] if want else [])
    if num in CORPUS_QUOTED:
        assert {i.canonical for i in r.institutions if i.role == "quoted"} == CORPUS_QUOTED[num]
    for (n, value, unit), (region, subject) in CORPUS_CONTEXT.items():
        if n != num:
            continue
        cands = [(s.region, s.subject) for s in r.statistics if (s.value, s.unit) == (value, unit)]
        assert any(rg == region and (subject is None or sj == subject) for rg, sj in cands), cands


def test_policy_events_in_commentary(corpus_raw_dir):
    got = {}
    for num in (20, 23, 25, 28):
        r = _result(_corpus_file(corpus_raw_dir, num))
        got[num] = {(e.agency_canonical, e.date) for e in r.policy_events}
    assert ("国务院", "2010-04-17") in got[20]
    assert ("国务院", "2011-05-19") in got[23]
    assert ("商务部", "2011-07-14") in got[25]
    assert ("自然资源部", None) in got[28]
