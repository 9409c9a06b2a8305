"""Golden test on the seed notice 工信部联原（2025）62号: text and PDFs agree.

Needs ../shared (the seed and its PDFs).
"""

from __future__ import annotations

import pytest

from conftest import NOTICE_003_AGENCIES
from extractor import extract
from extractor.keys import entity_keys

PDFS = ["notice_simple.pdf", "notice_libreoffice.pdf", "notice_two_column.pdf", "notice_embedded_font.pdf"]


@pytest.fixture(scope="module")
def notice(seeds_dir):
    return extract(seeds_dir / "notice_003.txt")


@pytest.fixture(scope="module")
def notice_pdfs(samples_dir):
    return {name: extract(samples_dir / name) for name in PDFS}


def _agencies(items):
    return {(a.name, a.canonical) for a in items}


def test_golden_notice_kind(notice):
    assert notice.kind.value == "policy_notice"


def test_golden_notice_title(notice):
    assert notice.title is not None
    assert notice.title.text == "工业和信息化部等十部门关于印发《铝产业高质量发展实施方案（2025—2027年）》的通知"


def test_golden_notice_doc_number(notice):
    own = [d for d in notice.doc_numbers if d.role == "self"]
    assert own, notice.doc_numbers
    d = own[0]
    assert d.text == "工信部联原（2025）62号"
    assert (d.normalized, d.organ_code, d.year, d.serial) == ("工信部联原〔2025〕62号", "工信部联原", 2025, 62)
    assert {x.normalized for x in own} == {"工信部联原〔2025〕62号"}




def test_golden_notice_issuing_agencies(notice):
    assert _agencies(notice.issuing_agencies) == set(NOTICE_003_AGENCIES.items())
    assert all(a.level == "central" for a in notice.issuing_agencies)


def test_golden_notice_dates(notice):
    got = {(d.role, d.value, d.value_end) for d in notice.dates}
    assert ("written", "2025-03-11", None) in got
    assert ("published", "2025-03-28", None) in got
    periods = {(d.value, d.value_end) for d in notice.dates if d.role == "period"}
    assert ("2025", "2027") in periods


def _resp(notice, task):
    items = [r for r in notice.responsibilities if r.task == task]
    assert len(items) == 1, (task, items)
    r = items[0]
    return (
        {a.name for a in r.lead},
        {a.name for a in r.participants},
        {a.name for a in r.shared},
        r.all_departments,
    )


def test_golden_notice_eighteen_tasks(notice):
    assert sorted({r.task for r in notice.responsibilities}, key=int) == [str(i) for i in range(1, 19)]


@pytest.mark.parametrize(
    "task,lead,participants",
    [
        ("5", {"工业和信息化部", "国家发展改革委"}, {"生态环境部"}),
        ("8", {"工业和信息化部"}, {"国家发展改革委", "市场监管总局"}),
        ("13", {"工业和信息化部", "国家发展改革委"}, {"自然资源部", "应急管理部", "国务院国资委", "国家矿山安监局"}),
    ],
)
def test_golden_notice_lead_and_participants(notice, task, lead, participants):
    got_lead, got_part, got_shared, _ = _resp(notice, task)
    assert (got_lead, got_part, got_shared) == (lead, participants, set())


def test_golden_notice_shared_responsibility(notice):
    lead, part, shared, _ = _resp(notice, "15")
    assert not lead and not part
    assert shared == {"国家发展改革委", "工业和信息化部", "生态环境部", "商务部", "海关总署", "市场监管总局", "中国证监会"}
    r15 = next(r for r in notice.responsibilities if r.task == "15")
    assert {a.canonical for a in r15.shared} >= {"中国证券监督管理委员会"}


@pytest.mark.parametrize("task", ["16", "17", "18"])
def test_golden_notice_all_departments(notice, task):
    assert _resp(notice, task)[3] is True


# (metric fragment, value, value_max, unit, comparator fragment, year)
EXPECTED_TARGETS = [
    ("铝土矿资源量", 3.0, 5.0, "%", None, 2027),
    ("再生铝产量", 1500.0, None, "万吨", "以上", 2027),
    ("能效标杆水平以上产能占比", 30.0, None, "%", "以上", 2027),
    ("清洁能源使用比例", 30.0, None, "%", "以上", 2027),
    ("赤泥的资源综合利用率", 15.0, None, "%", "以上", 2027),
    ("铝液交流电耗", 13000.0, None, "千瓦时/吨", "不高于", None),
    ("电解槽", 500.0, None, "kA", "以上", None),
    ("煤铝共采示范性矿山", 1.0, 2.0, "个", None, None),
]


@pytest.mark.parametrize("metric,value,value_max,unit,comparator,year", EXPECTED_TARGETS)
def test_golden_notice_targets(notice, metric, value, value_max, unit, comparator, year):
    found = [
        t for t in notice.targets
        if t.metric and metric in t.metric and t.value == value and t.value_max == value_max
    ]
    assert found, f"no target {metric} {value}: {[(t.metric, t.value) for t in notice.targets]}"
    t = found[0]
    assert t.unit == unit
    if comparator:
        assert t.comparator and comparator in t.comparator
    if year:
        assert t.year == year
    assert notice.text[t.evidence.start : t.evidence.end] == t.text


def test_golden_notice_recycled_aluminium_normalised(notice):
    t = next(t for t in notice.targets if t.metric and "再生铝产量" in t.metric)
    assert (t.normalized_value, t.normalized_unit) == (1.5e7, "t")


MINERALS = ["铝", "铝土矿", "氧化铝", "氢氧化铝", "电解铝", "再生铝", "镓", "铁矿", "赤泥", "高铝粉煤灰", "铝灰"]


def test_golden_notice_minerals(notice):
    names = {m.name for m in notice.minerals} | {m.canonical for m in notice.minerals}
    missing = [x for x in MINERALS if x not in names]
    assert not missing
    assert "金" not in names  # 资金 is not gold


REFERENCES = [
    "原材料工业数字化转型工作方案（2024—2026年）",
    "有色金属行业智能工厂（矿山）建设指南",
    "工业互联网安全分类分级管理办法",
]


def test_golden_notice_references(notice):
    titles = {r.title.strip("《》") for r in notice.references}
    assert set(REFERENCES) <= titles


def test_golden_notice_every_evidence_points_into_text(notice):
    """No value without provenance: each item's evidence spells its text."""
    for field in ("doc_numbers", "dates", "targets"):
        for item in getattr(notice, field):
            assert notice.text[item.evidence.start : item.evidence.end] == item.text
    for a in notice.issuing_agencies:
        assert notice.text[a.evidence.start : a.evidence.end] == a.name
    for r in notice.responsibilities:
        for a in r.lead + r.participants + r.shared:
            assert notice.text[a.evidence.start : a.evidence.end].replace("\n", "") == a.name
    for m in notice.minerals:
        for ev in m.mentions:
            assert notice.text[ev.start : ev.end]
    assert notice.source.pages is None


@pytest.mark.parametrize("pdf", PDFS)
def test_golden_notice_pdf_gives_the_same_entities(notice, notice_pdfs, pdf):
    want = entity_keys(notice)
    got = entity_keys(notice_pdfs[pdf])
    for field in ("title", "doc_numbers", "issuing_agencies", "dates", "minerals", "targets",
                  "responsibilities", "references"):
        assert got[field] == want[field], (
            field, sorted(want[field] - got[field], key=str), sorted(got[field] - want[field], key=str)
        )


@pytest.mark.parametrize("pdf", PDFS)
def test_golden_notice_pdf_evidence_has_page_and_box(notice_pdfs, pdf):
    r = notice_pdfs[pdf]
    assert r.source.pages and r.source.media_type == "application/pdf"
    items = [*r.doc_numbers, *r.issuing_agencies, *r.dates, *r.targets, *r.references]
    assert items
    for item in items:
        assert item.evidence.page is not None and item.evidence.bbox is not None, item
        assert 1 <= item.evidence.page <= r.source.pages
