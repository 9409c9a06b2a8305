"""Responsibility clauses (extractor/grammars/responsibility.py) and `ex_responsibilities`."""

from __future__ import annotations

import pytest

from conftest import normalized_text, pipeline
from extractor import models as m
from extractor.grammars.responsibility import EXAMPLES, find_clauses, parse_clause, summary
from extractor.grammars.sections import parse_sections
from extractor.pipelines.base import Loc


def _resolve(v):
    if isinstance(v, Loc):
        return {"start": v.start, "end": v.end}
    if isinstance(v, dict):
        return {k: _resolve(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_resolve(x) for x in v]
    return v


def responsibilities(text) -> list[m.Responsibility]:
    doc = pipeline("ex_responsibilities")(text)
    out = []
    for sp in doc.spans["responsibilities"] if "responsibilities" in doc.spans else []:
        fields = _resolve(dict(sp._.fields))
        fields["evidence"] = {"start": sp.start_char, "end": sp.end_char}
        out.append(m.Responsibility.model_validate(fields))
    return out


@pytest.mark.parametrize("clause,want", EXAMPLES, ids=[c[:16] for c, _ in EXAMPLES])
def test_clause_examples(clause, want):
    assert summary(parse_clause(clause)) == want


@pytest.mark.parametrize("clause,want", [e for e in EXAMPLES if e[1]], ids=[c[:16] for c, w in EXAMPLES if w])
def test_clause_agency_offsets(clause, want):
    c = parse_clause(clause)
    for a in c.lead + c.participants + c.shared:
        assert clause[a.start : a.end] == a.surface


@pytest.mark.parametrize("clause,want", [e for e in EXAMPLES if e[1]], ids=[c[:16] for c, w in EXAMPLES if w])
def test_clause_found_inside_text(clause, want):
    text = f"5. 优化布局。加强攻关。{clause}\n6.下一项。"
    [c] = find_clauses(text)
    assert text[c.start : c.end] == clause
    assert summary(c) == want


@pytest.fixture(scope="session")
def notice_resp(seeds_dir):
    text = normalized_text(seeds_dir / "notice_003.txt")
    return text, responsibilities(text)


def _by_task(items, task):
    [r] = [r for r in items if r.task == task]
    return r


def test_notice_003_eighteen_tasks(notice_resp):
    _, items = notice_resp
    assert [r.task for r in items] == [str(i) for i in range(1, 19)]


# (task, lead, participants, shared, all_departments) as written
NOTICE_003 = [
    ("1", set(), set(), {"自然资源部", "国家发展改革委", "工业和信息化部", "生态环境部", "国家矿山安监局"}, False),
    ("5", {"工业和信息化部", "国家发展改革委"}, {"生态环境部"}, set(), False),
    ("7", set(), set(), {"国家发展改革委", "教育部", "科技部", "工业和信息化部"}, False),
    ("8", {"工业和信息化部"}, {"国家发展改革委", "市场监管总局"}, set(), False),
    ("13", {"工业和信息化部", "国家发展改革委"},
     {"自然资源部", "应急管理部", "国务院国资委", "国家矿山安监局"}, set(), False),
    ("14", set(), set(), {"国家发展改革委", "商务部", "科技部", "工业和信息化部", "自然资源部"}, False),
    ("15", set(), set(),
     {"国家发展改革委", "工业和信息化部", "生态环境部", "商务部", "海关总署", "市场监管总局", "中国证监会"}, False),
    ("16", set(), set(), set(), True),
    ("17", set(), set(), set(), True),
    ("18", set(), set(), set(), True),
]


@pytest.mark.parametrize("task,lead,participants,shared,all_departments", NOTICE_003)
def test_notice_003_clauses(notice_resp, task, lead, participants, shared, all_departments):
    text, items = notice_resp
    r = _by_task(items, task)
    assert {a.name for a in r.lead} == lead
    assert {a.name for a in r.participants} == participants
    assert {a.name for a in r.shared} == shared
    assert r.all_departments is all_departments
    ev = text[r.evidence.start : r.evidence.end]
    assert ev[0] in "（(" and ev[-1] in "）)"
    for a in r.lead + r.participants + r.shared:
        assert text[a.evidence.start : a.evidence.end].replace("\n", "") == a.name
        assert r.evidence.start < a.evidence.start < a.evidence.end < r.evidence.end


def test_notice_003_canonical_names(notice_resp):
    _, items = notice_resp
    r15 = _by_task(items, "15")
    assert "中国证券监督管理委员会" in {a.canonical for a in r15.shared}
    r13 = _by_task(items, "13")
    assert {a.canonical for a in r13.participants} == {
        "自然资源部", "应急管理部", "国务院国有资产监督管理委员会", "国家矿山安全监察局"}
    assert _by_task(items, "5").task_title == "优化电解铝产能布局"


def test_notice_003_half_width_close_and_line_break():
    """Task 13 may break 自\\n然资源部 and close with ')' after opening with '（'."""
    text = (
        "13.推进数字化应用。提升安全管控水平。（工业和信息化部、国家发展改革委牵头，自\n"
        "然资源部、应急管理部、国务院国资委、国家矿山安监局参加)\n"
        "14.加强国际投资合作。"
    )
    [r] = responsibilities(text)
    assert r.task == "13" and r.task_title == "推进数字化应用"
    names = {a.name for a in r.participants}
    assert names == {"自然资源部", "应急管理部", "国务院国资委", "国家矿山安监局"}
    mnr = next(a for a in r.participants if a.name == "自然资源部")
    assert text[mnr.evidence.start : mnr.evidence.end] == "自\n然资源部"


def test_task_path_when_numbers_repeat():
    text = (
        "一、甲\n1.任务一。（自然资源部负责）\n二、乙\n1.任务二。（商务部牵头，海关总署参加）\n"
    )
    items = responsibilities(text)
    assert [(r.task, r.task_title) for r in items] == [("一.1", "任务一"), ("二.1", "任务二")]


# Only file 18 has a parenthetical clause; file 01 holds the near-miss （煤矿智能化建设牵头部门）
# and file 11 the prose 按照职责分工负责.
CORPUS_CLAUSES = {"18": [("1", (), (), (), True)]}


@pytest.mark.parametrize("prefix", [f"{i:02d}" for i in range(1, 29)])
def test_corpus_clauses(corpus_raw_dir, prefix):
    [path] = sorted(corpus_raw_dir.glob(f"{prefix}_*.txt"))
    text = normalized_text(path)
    articles = {s.number for s in parse_sections(text) if s.kind == "article"}
    # the duties of law articles (files 09–12) are tested in tests/test_duties.py
    items = [r for r in responsibilities(text) if r.task not in articles]
    got = [
        (r.task, tuple(a.canonical for a in r.lead), tuple(a.canonical for a in r.participants),
         tuple(a.canonical for a in r.shared), r.all_departments)
        for r in items
    ]
    assert got == CORPUS_CLAUSES.get(prefix, [])


def test_corpus_01_near_miss_is_not_a_clause(corpus_raw_dir):
    text = normalized_text(corpus_raw_dir / "01_nea_coal_mine_intelligent.txt")
    assert "（煤矿智能化建设牵头部门）" in text
    assert find_clauses(text) == []


# --- prose clauses and local references -------------------------------------------

from extractor.grammars.responsibility import PROSE_EXAMPLES  # noqa: E402


@pytest.mark.parametrize("sentence,want", PROSE_EXAMPLES, ids=[s[:16] for s, _ in PROSE_EXAMPLES])
def test_prose_examples(sentence, want):
    found = find_clauses(sentence, prose=True)
    assert summary(found[0] if found else None) == want
    assert len(found) <= 1
    if found:
        c = found[0]
        assert 0 <= c.start < c.end <= len(sentence)
        for a in c.lead + c.participants + c.shared:
            assert sentence[a.start : a.end] == a.surface
            assert c.start <= a.start < a.end <= c.end


def test_prose_is_off_by_default():
    assert find_clauses("国家矿山安监局负责，应急管理部配合，开展专项整治。") == []


def test_prose_not_taken_inside_law_articles():
    """Inside an article the clause grammar takes nothing; the article is one item of the
    duties grammar (tests/test_duties.py), task = the article number."""
    text = "第一章 总则\n第四条 国家其他有关部门按照职责分工负责有关工作。商务部负责，海关总署配合，开展检查。\n"
    [r] = responsibilities(text)
    assert r.task == "四" and r.task_title is None
    assert [a.canonical for a in r.lead] == ["商务部"]
    assert [a.canonical for a in r.participants] == ["海关总署"]
    assert [(a.name, a.canonical) for a in r.shared] == [("国家其他有关部门", None)]


def test_local_references_resolve_to_the_issuers_place():
    text = (
        "江西省工业和信息化厅\n关于下达指标的通知\n二、有关要求\n"
        "（二）加强管理。省工业和信息化厅负责，省自然资源厅配合，对追溯信息开展抽查。\n"
        "（三）加强保护。由省自然资源厅牵头，开展专项检查。\n"
    )
    items = responsibilities(text)
    got = [(r.task, tuple(a.canonical for a in r.lead), tuple(a.canonical for a in r.participants))
           for r in items]
    assert got == [
        ("二", ("江西省工业和信息化厅",), ("江西省自然资源厅",)),
        ("三", ("江西省自然资源厅",), ()),
    ]
    assert [a.name for a in items[0].lead] == ["省工业和信息化厅"]


def test_generic_reference_has_no_canonical():
    text = "四、加强要素保障。各州、市人民政府负责，省直有关部门配合，保障重点项目用地。\n"
    [r] = responsibilities(text)
    assert [(a.name, a.canonical) for a in r.lead] == [("各州、市人民政府", None)]
    assert [(a.name, a.canonical) for a in r.participants] == [("省直有关部门", None)]
    assert not r.all_departments


def _synthetic(name):
    from conftest import ROOT

    return (ROOT / "corpora" / "synthetic" / name / "source.txt").read_text(encoding="utf-8")


# (synthetic document, [(task, lead, participants, shared, all_departments)]) canonical names
SYNTHETIC_CASES = [
    ("s02_joint_copper_action_plan", [
        ("1", ("自然资源部",), ("国家发展和改革委员会", "财政部"), (), False),
        ("2", ("商务部",), ("海关总署", "生态环境部"), (), False),
        ("3", ("工业和信息化部", "国家发展和改革委员会"), (), ("生态环境部", "应急管理部"), False),
        ("4", ("国家矿山安全监察局",), ("应急管理部",), (), False),
        ("5", (), (), ("商务部", "海关总署", "工业和信息化部"), False),
        ("6", (), (), (), True),
    ]),
    ("s03_ganzhou_tungsten_municipal", [
        ("一", (), (), ("赣州市自然资源局", "赣州市工业和信息化局"), False),
        ("二", ("赣州市工业和信息化局",), ("赣州市发展和改革委员会", "赣州市商务局"), (), False),
        ("三", (), (), ("赣州市生态环境局", "赣州市自然资源局"), False),
    ]),
]


SYNTHETIC_CASES += [
    ("s01_jx_rare_earth_quota", [
        ("一", ("各设区市工业和信息化局",), ("自然资源局",), (), False),
        ("二", ("江西省工业和信息化厅",), ("江西省自然资源厅",), (), False),
        ("三", ("江西省自然资源厅",), (), (), False),
    ]),
    ("s09_hunan_mineral_opinion", [
        ("1", (), (), ("湖南省财政厅", "湖南省自然资源厅"), False),
        ("2", ("湖南省自然资源厅",), ("湖南省财政厅", "湖南省地方金融管理局"), (), False),
        ("3", (), (), ("湖南省工业和信息化厅", "湖南省自然资源厅"), False),
        ("4", (), (), ("国家矿山安全监察局湖南局", "湖南省生态环境厅"), False),
        ("三", (), (), (), True),
    ]),
    ("s11_crlf_bom_fullwidth_notice", [
        ("二", ("各省级发展改革委",), ("工业和信息化主管部门",), (), False),
        ("三", (), (), ("国家发展和改革委员会", "工业和信息化部"), False),
    ]),
    ("s13_province_gallium_germanium_notice", [
        ("一", ("云南省自然资源厅",), ("云南省工业和信息化厅", "云南省财政厅"), (), False),
        ("二", (), (), ("云南省工业和信息化厅", "云南省生态环境厅"), False),
        ("三", ("云南省商务厅",), ("昆明海关",), (), False),
        ("四", ("各州、市人民政府",), ("省直有关部门",), (), False),
    ]),
]


@pytest.mark.parametrize("name,want", SYNTHETIC_CASES, ids=[n for n, _ in SYNTHETIC_CASES])
def test_synthetic_documents(name, want):
    items = responsibilities(_synthetic(name))
    got = [
        (r.task, tuple(a.canonical or a.name for a in r.lead),
         tuple(a.canonical or a.name for a in r.participants),
         tuple(a.canonical or a.name for a in r.shared), r.all_departments)
        for r in items
    ]
    assert got == want


@pytest.mark.parametrize(
    "text,found",
    [
        # OCR lost the closing bracket; the clause ends at the line end
        ("9.完善标准体系建设。推动转化。（工业和信息化部、应急管理部、生态环境部按职责分工负责\n专栏3", True),
        ("5.优化布局。（工业和信息化部牵头，生态环境部参加\n6.下一项。", True),
        # an open bracket that is not a clause stays a non-clause
        ("（煤矿智能化建设牵头部门\n下一段", False),
        ("（工业和信息化部负责的工作包括以下内容\n下一段", False),
    ],
)
def test_clause_unclosed_at_line_end(text, found):
    clauses = find_clauses(text)
    assert bool(clauses) is found
    if found:
        assert text[clauses[0].start : clauses[0].end].startswith("（")
        assert "\n" not in text[clauses[0].start : clauses[0].end]


# autonomous regions: 自治区… / 区… / 盟… references resolve to the issuer's place
_NMG = "内蒙古自治区人民政府办公厅\n关于推动产业发展的实施意见\n\n"
AUTONOMOUS_REGION_CASES = [
    (_NMG + "二、壮大产业。建设基地。（自治区工业和信息化厅牵头，自治区发展改革委、自治区科技厅配合）\n",
     [("二", ("内蒙古自治区工业和信息化厅",),
       ("内蒙古自治区发展和改革委员会", "内蒙古自治区科学技术厅"), ())]),
    (_NMG + "三、拓展应用。自治区科技厅、区工业和信息化厅按职责分工负责。\n",
     [("三", (), (), ("内蒙古自治区科学技术厅", "内蒙古自治区工业和信息化厅"))]),
    (_NMG + "四、强化保障。各盟行政公署、市人民政府负责落实项目用地，自治区自然资源厅、自治区能源局予以支持。\n",
     [("四", ("各盟行政公署、市人民政府",), ("内蒙古自治区自然资源厅", "内蒙古自治区能源局"), ())]),
    ("阿拉善盟自然资源局\n关于加强管理的通知\n\n"
     "一、加强监管。盟自然资源局牵头，盟工信局配合，开展专项检查。\n",
     [("一", ("阿拉善盟自然资源局",), ("阿拉善盟工业和信息化局",), ())]),
    # a province's document: 自治区… names nobody it knows
    ("江西省人民政府办公厅\n关于加强管理的通知\n\n一、加强监管。（自治区工业和信息化厅牵头）\n", []),
    ("江西省人民政府办公厅\n关于加强管理的通知\n\n一、加强监管。自治区科技厅负责，自治区能源局予以支持。\n", []),
]


@pytest.mark.parametrize("text,want", AUTONOMOUS_REGION_CASES,
                         ids=[f"region{i}" for i in range(len(AUTONOMOUS_REGION_CASES))])
def test_autonomous_region_references(text, want):
    got = [
        (r.task, tuple(a.canonical or a.name for a in r.lead),
         tuple(a.canonical or a.name for a in r.participants),
         tuple(a.canonical or a.name for a in r.shared))
        for r in responsibilities(text)
    ]
    assert got == want


# --- task-division tables (extractor/grammars/task_table.py) ------------------------------

from extractor.grammars import task_table  # noqa: E402


def _row_summary(rows):
    return [(r.task, tuple(tuple(a.canonical or a.name for a in getattr(r.clause, role))
                           for role in ("lead", "participants", "shared"))) for r in rows]


@pytest.mark.parametrize("text,want", task_table.EXAMPLES, ids=[t[:16] for t, _ in task_table.EXAMPLES])
def test_task_table_examples(text, want):
    rows = task_table.find_task_rows(text, home={"省": "江西省"})
    assert _row_summary(rows) == want
    for r in rows:  # every agency's evidence is its name in the row
        for role in ("lead", "participants", "shared"):
            for a in getattr(r.clause, role):
                assert r.clause.start <= a.start < a.end <= r.clause.end
                assert text[a.start : a.end] == a.surface


def _evidence_ok(text, rows):
    """Every agency's evidence starts at its name's first character and ends after its last
    (a name wrapped in a cell spans the text between its pieces)."""
    for r in rows:
        for role in ("lead", "participants", "shared"):
            for a in getattr(r.clause, role):
                assert r.clause.start <= a.start < a.end <= r.clause.end
                assert text[a.start] == a.surface[0] and text[a.end - 1] == a.surface[-1]
                if "\n" not in text[a.start : a.end]:
                    assert text[a.start : a.end] == a.surface


@pytest.mark.parametrize("shape,text", task_table.SHAPES, ids=[n for n, _ in task_table.SHAPES])
def test_every_shape_of_a_task_table_reads_as_the_clean_table(shape, text):
    rows = task_table.find_task_rows(text, home={"省": "江西省"})
    assert _row_summary(rows) == task_table.SHAPES_WANT
    _evidence_ok(text, rows)


@pytest.mark.parametrize("text,want", task_table.FLAT_EXAMPLES, ids=[t[:20] for t, _ in task_table.FLAT_EXAMPLES])
def test_task_table_one_cell_a_line(text, want):
    rows = task_table.find_task_rows(text, home={"省": "江西省"})
    assert _row_summary(rows) == want
    _evidence_ok(text, rows)


def test_a_wrapped_name_has_evidence_over_its_pieces():
    text = dict(task_table.SHAPES)["aligned, wrapped"]
    row = task_table.find_task_rows(text, home={"省": "江西省"})[0]
    eco = row.clause.participants[1]
    assert (eco.surface, eco.canonical) == ("省生态环境厅", "江西省生态环境厅")
    assert text[eco.start:].startswith("省生态") and text[: eco.end].endswith("环境厅")


def test_pipeline_reads_a_task_table_of_a_provincial_notice():
    text = ("江西省人民政府办公厅关于印发重点任务分工方案的通知\n\n各设区市人民政府：\n\n现印发给你们。\n\n"
            "序号\t重点任务\t牵头单位\t配合单位\n1\t保障用地\t省自然资源厅\t省财政厅\n\n"
            "江西省人民政府办公厅\n2025年5月6日\n")
    got = [(r.task, r.task_title, [a.canonical for a in r.lead], [a.canonical for a in r.participants])
           for r in responsibilities(text)]
    assert got == [("1", "保障用地", ["江西省自然资源厅"], ["江西省财政厅"])]


def test_a_first_listed_leads_note_makes_the_first_agency_lead_from_there_on():
    """（X、Y负责。列第一位者为牵头单位，下同）: X leads here and in every later clause without a lead;
    a clause before the note and a clause with its own lead are left alone."""
    text = ("一、完善标准。（市场监管总局、工业和信息化部负责）\n"
            "二、加强创新。推动研发。（工业和信息化部、科技部负责。列第一位者为牵头单位，下同）\n"
            "三、完善标准。（市场监管总局、工业和信息化部负责）\n"
            "四、加强监管。（商务部牵头，海关总署参加）\n")
    got = [summary(c) for c in find_clauses(text, prose=True)]
    assert got == [
        ((), (), ("国家市场监督管理总局", "工业和信息化部"), False),
        (("工业和信息化部",), (), ("科学技术部",), False),
        (("国家市场监督管理总局",), (), ("工业和信息化部",), False),
        (("商务部",), ("海关总署",), (), False),
    ]


def _ruled_task_table_pdf() -> bytes:
    """A provincial notice with a ruled task table whose cells wrap (written here with reportlab):
    the right border stands well beyond the text, and one wrapped line has a single cell."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    c.setFont("STSong-Light", 12)
    y = 780
    for t in ("江西省工业和信息化厅", "关于印发产业行动方案的通知", "各设区市工业和信息化局：",
              "现将方案印发给你们，请认真贯彻落实。", "附件：重点任务分工表"):
        c.drawString(72, y, t)
        y -= 24
    cols = [60, 110, 260, 390, 540]
    rows = [[["序号"], ["重点任务"], ["牵头单位"], ["配合单位"]],
            [["1"], ["加强资源保护和", "合理开发"], ["省自然资源厅"], ["省公安厅、省生态", "环境厅"]],
            [["2"], ["推进技术改造"], ["省工业和信息化", "厅"], ["省科技厅"]]]
    top = table_top = y + 14
    for r in rows:
        for k, cell in enumerate(r):
            for j, t in enumerate(cell):
                c.drawString(cols[k] + 6, y - 16 * j, t)
        bottom = y - 16 * (max(map(len, r)) - 1) - 6
        c.line(cols[0], top, cols[-1], top)
        y, top = bottom - 14, bottom
    c.line(cols[0], top, cols[-1], top)
    for x in cols:
        c.line(x, table_top, x, top)
    c.drawString(300, y - 20, "江西省工业和信息化厅")
    c.drawString(300, y - 40, "2025年5月6日")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_pdf_task_table_with_wrapped_cells_reads_as_the_clean_table(tmp_path):
    from extractor import extract
    from extractor.ingest import ingest

    data = _ruled_task_table_pdf()
    tables = ingest(data, filename="t.pdf").tables
    assert tables[0].rows[0] == ["序号", "重点任务", "牵头单位", "配合单位"]
    assert tables[0].rows[2] == ["", "合理开发", "", "环境厅"]  # the wrapped line, in its columns
    assert tables[0].rows[4] == ["", "", "厅", ""]  # one cell alone on its line stays in the table
    path = tmp_path / "t.pdf"
    path.write_bytes(data)
    result = extract(path)
    got = [(r.task, tuple(tuple(a.canonical for a in getattr(r, role))
                          for role in ("lead", "participants", "shared"))) for r in result.responsibilities]
    assert got == task_table.SHAPES_WANT
    assert [r.task_title for r in result.responsibilities] == ["加强资源保护和合理开发", "推进技术改造"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TABLE_BITS = ["序号", "重点任务", "牵头单位", "配合单位", "责任单位", "1", "2", "3", "（1）", "", " ", "  ",
               "\t", "省自然资源厅", "省公安厅、省生态", "环境厅", "各设区市人民政府", "加强保护", "厅",
               "江西省人民政府办公厅", "本方案自印发之日起施行。"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_TABLE_BITS), max_size=6).map("".join), max_size=14))
def test_task_tables_never_fail_and_keep_evidence_in_the_row(lines):
    text = "\n".join(lines)
    for r in task_table.find_task_rows(text, home={"省": "江西省"}):
        assert 0 <= r.clause.start < r.clause.end <= len(text)
        for role in ("lead", "participants", "shared"):
            for a in getattr(r.clause, role):
                assert r.clause.start <= a.start < a.end <= r.clause.end
                assert text[a.start] == a.surface[0] and text[a.end - 1] == a.surface[-1]
