"""PDF ingestion on the sample PDFs in ../shared/samples (see its README)."""

from __future__ import annotations

import random
import re
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import pytest

from extractor.ingest import ingest
from extractor.ingest.types import IngestedDocument
from extractor.normalize import normalize

# fmt: off
# (pdf, ground truth) pairs whose body text must equal the truth once whitespace is removed
TEXT_SAMPLES = [
    ("notice_simple.pdf", "notice_source.txt"),
    ("notice_libreoffice.pdf", "notice_source.txt"),
    ("notice_embedded_font.pdf", "notice_source.txt"),
    ("notice_two_column.pdf", "notice_source.txt"),
    ("report_simple.pdf", "report_source.txt"),
    ("report_header_footer.pdf", "report_source.txt"),
    ("report_table.pdf", "report_table_source.txt"),
]
# Paragraph breaks (joins_next) checked against the truth's one-paragraph-per-line layout:
# (pdf, truth, paragraphs allowed to differ).  notice_libreoffice has no first-line indents,
# so a paragraph whose last line exactly fills the line and ends in 。 cannot be told from
# a wrap after a sentence end: one paragraph (总体要求 + 主要目标) is joined to the next.
PARAGRAPH_SAMPLES = [
    ("notice_simple.pdf", "notice_source.txt", 0),
    ("notice_libreoffice.pdf", "notice_source.txt", 2),
    ("notice_embedded_font.pdf", "notice_source.txt", 0),
    ("notice_two_column.pdf", "notice_source.txt", 0),
    ("report_simple.pdf", "report_source.txt", 0),
    ("report_header_footer.pdf", "report_source.txt", 0),
    ("report_table.pdf", "report_table_source.txt", 0),
]
EVIDENCE_STRINGS = ["工信部联原（2025）62号", "自然资源部", "铝产业高质量发展实施方案", "2025年3月11日",
                    "500kA 及以上电解槽"]
# fmt: on


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def mismatched(a: str, b: str) -> int:
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")


@lru_cache(maxsize=None)
def load(path: Path) -> IngestedDocument:
    return ingest(path)


def body_text(doc: IngestedDocument) -> str:
    return "".join(line.text for line in doc.lines)


@pytest.mark.parametrize("pdf,truth", TEXT_SAMPLES, ids=[p for p, _ in TEXT_SAMPLES])
def test_body_text_equals_source(samples_dir, pdf, truth):
    doc = load(samples_dir / pdf)
    want = squash((samples_dir / truth).read_text(encoding="utf-8"))
    assert mismatched(want, squash(body_text(doc))) == 0


@pytest.mark.parametrize("pdf,truth", TEXT_SAMPLES, ids=[p for p, _ in TEXT_SAMPLES])
def test_normalized_text_equals_source(samples_dir, pdf, truth):
    """After normalisation the only changes are the documented width folds (＞ -> >)."""
    norm = normalize(load(samples_dir / pdf))
    want = squash((samples_dir / truth).read_text(encoding="utf-8")).replace("＞", ">")
    assert mismatched(want, squash(norm.text)) == 0


@pytest.mark.parametrize("pdf,truth,allowed", PARAGRAPH_SAMPLES, ids=[p for p, _, _ in PARAGRAPH_SAMPLES])
def test_paragraphs_follow_the_source(samples_dir, pdf, truth, allowed):
    """Wraps are joined and paragraph breaks kept: one normalised line per source paragraph."""
    norm = normalize(load(samples_dir / pdf))
    got = [squash(t) for t in norm.text.split("\n") if t.strip()]
    want = [squash(t).replace("＞", ">") for t in (samples_dir / truth).read_text(encoding="utf-8").split("\n")
            if t.strip()]
    ops = SequenceMatcher(None, want, got, autojunk=False).get_opcodes()
    differing = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag != "equal")
    assert differing <= allowed


def test_wrapped_word_is_joined_without_space(samples_dir):
    norm = normalize(load(samples_dir / "notice_simple.pdf"))
    assert "自然资源部" in norm.text
    # the wrap fell on the space of "采用 500kA" (as in pdfplumber): CJK-Latin joins with no space
    assert "鼓励采用500kA 及以上电解槽" in norm.text


def test_two_column_reads_like_single_column(samples_dir):
    one = squash(body_text(load(samples_dir / "notice_simple.pdf")))
    two = squash(body_text(load(samples_dir / "notice_two_column.pdf")))
    assert one == two


def test_header_footer_report_body_equals_simple_report(samples_dir):
    hf = load(samples_dir / "report_header_footer.pdf")
    simple = load(samples_dir / "report_simple.pdf")
    assert squash(body_text(hf)) == squash(body_text(simple))
    assert not simple.furniture


def test_furniture_on_every_page(samples_dir):
    doc = load(samples_dir / "report_header_footer.pdf")
    assert len(doc.pages) == 2
    for p in doc.pages:
        items = [f for f in doc.furniture if f.page == p.number]
        kinds = {f.kind for f in items}
        assert kinds == {"header", "footer", "page_number"}, items
        texts = {f.text for f in items}
        assert "华鑫期货研究所 | 有色金属专题报告" in texts
        assert "请务必阅读正文之后的免责声明部分" in texts
        assert f"第 {p.number} 页" in texts
        for f in items:
            x0, top, x1, bottom = f.bbox
            assert top < 60 or bottom > p.height - 60
    body = body_text(doc)
    assert "有色金属专题报告" not in body and "请务必阅读" not in body and "第 1 页" not in body


@pytest.mark.parametrize("pdf", [p for p, _ in TEXT_SAMPLES] + ["long_20pages.pdf"])
def test_boxes_one_per_char_and_inside_page(samples_dir, pdf):
    doc = load(samples_dir / pdf)
    pages = {p.number: p for p in doc.pages}
    assert len(pages) == len(doc.pages) and all(not p.ocr for p in doc.pages)
    for line in doc.lines:
        assert line.boxes is not None and len(line.boxes) == len(line.text)
        page = pages[line.page]
        for x0, top, x1, bottom in line.boxes:
            assert -0.5 <= x0 <= x1 <= page.width + 0.5
            assert -0.5 <= top < bottom <= page.height + 0.5
    for f in doc.furniture:
        assert f.bbox is not None and f.bbox[2] <= pages[f.page].width + 0.5


def test_page_info(samples_dir):
    doc = load(samples_dir / "notice_simple.pdf")
    assert [p.number for p in doc.pages] == list(range(1, 7))
    assert all(abs(p.width - 595.28) < 0.1 and abs(p.height - 841.89) < 0.1 for p in doc.pages)
    assert doc.is_pdf and doc.media_type == "application/pdf"


def _evidence_cases(text: str) -> list[tuple[int, int]]:
    cases = []
    for s in EVIDENCE_STRINGS:
        i = text.find(s)
        if i >= 0:
            cases.append((i, i + len(s)))
    rnd = random.Random(7)
    while len(cases) < 25:
        start = rnd.randrange(0, len(text) - 40)
        end = start + rnd.randrange(4, 40)
        if text[start:end].strip():
            cases.append((start, end))
    return cases


@pytest.mark.parametrize("pdf", ["notice_simple.pdf", "notice_two_column.pdf", "report_header_footer.pdf",
                                 "report_table.pdf"])
def test_evidence_boxes_hold_exactly_the_span(samples_dir, pdf):
    """Cropping the page to each evidence box gives back exactly the characters of the span."""
    import pdfplumber

    norm = normalize(load(samples_dir / pdf))
    with pdfplumber.open(samples_dir / pdf) as plumb:
        for start, end in _evidence_cases(norm.text):
            ev = norm.evidence(start, end)
            assert ev["boxes"], (start, end)
            got = ""
            for b in ev["boxes"]:
                page = plumb.pages[b["page"] - 1]
                bb = b["bbox"]
                crop = page.within_bbox((bb["x0"] - 0.2, bb["top"] - 1, bb["x1"] + 0.2, bb["bottom"] + 1))
                got += "".join(c["text"] for c in crop.chars)
            assert squash(got) == squash(norm.text[start:end]), (start, end)


def test_tables_ruled_and_unruled(samples_dir):
    doc = load(samples_dir / "report_table.pdf")
    assert len(doc.tables) == 2
    t1, t2 = doc.tables
    assert t1.ruled and not t2.ruled
    assert t1.rows == [["省份", "7月产量（万吨）", "占四省合计"], ["山西", "202", "35.0%"], ["广西", "185", "32.1%"],
                       ["贵州", "88", "15.3%"], ["河南", "102", "17.7%"], ["合计", "577", "100.0%"]]
    assert t2.rows == [["进口来源国", "7月进口量（万吨）"], ["几内亚", "537.25"], ["澳大利亚", "326.87"]]
    for t in doc.tables:
        assert len(t.cell_boxes) == len(t.rows)
        x0, top, x1, bottom = t.bbox
        for row in t.cell_boxes:
            for b in row:
                assert b is not None and x0 - 0.5 <= b[0] and b[2] <= x1 + 0.5
                assert top - 0.5 <= b[1] and b[3] <= bottom + 0.5


def test_ruled_table_matches_pdfplumber(samples_dir):
    import pdfplumber

    doc = load(samples_dir / "report_table.pdf")
    with pdfplumber.open(samples_dir / "report_table.pdf") as plumb:
        tables = [t for pg in plumb.pages for t in pg.extract_tables()]
    assert tables[0] == doc.tables[0].rows


def test_table_rows_stay_in_body(samples_dir):
    texts = [line.text for line in load(samples_dir / "report_table.pdf").lines]
    assert "山西 202 35.0%" in texts
    assert "几内亚 537.25" in texts
    row = next(line for line in load(samples_dir / "report_table.pdf").lines if line.text == "山西 202 35.0%")
    assert row.joins_next is False


def test_long_document_has_no_furniture_or_tables(samples_dir):
    doc = load(samples_dir / "long_20pages.pdf")
    assert len(doc.pages) == 20
    assert doc.furniture == [] and doc.tables == []
    assert not doc.warnings


def _framed_page_pdf(table: bool) -> bytes:
    """A page inside a four-line frame, a full-width rule under its masthead, a line of two
    segments (issuer, date) and body paragraphs of one segment each (written here with
    reportlab); with `table`, a ruled two-column table whose second cell wraps follows."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    c.line(30, 30, 30, 812)
    c.line(565, 30, 565, 812)
    c.line(30, 30, 565, 30)
    c.line(30, 812, 565, 812)
    c.line(30, 774, 565, 774)
    c.setFont("STSong-Light", 12)
    c.drawString(60, 790, "示例市人民政府办公室")
    c.drawString(60, 760, "发文单位：示例局")
    c.drawString(360, 760, "日期：2026年3月1日")
    y = 730
    for t in ("一、做好资源保护，压实各方责任。", "二、全年产量达到300万吨，比上年增长6%。",
              "三、加强监督检查，务求取得实效。", "四、本通知自发布之日起执行。"):
        c.drawString(60, y, t)
        y -= 24
    if table:
        cols, top = [60, 160, 400], y
        c.drawString(66, y - 14, "任务")
        c.drawString(166, y - 14, "牵头单位")
        c.line(cols[0], top, cols[-1], top)
        c.line(cols[0], top - 20, cols[-1], top - 20)
        c.drawString(66, y - 34, "推进改造")
        c.drawString(166, y - 34, "示例市工业和信息化局、")
        c.drawString(166, y - 50, "示例市科技局")
        c.line(cols[0], top - 56, cols[-1], top - 56)
        for x in cols:
            c.line(x, top, x, top - 56)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_page_frame_makes_no_table_of_the_lines_inside_it():
    # the frame's tall sides are no table's ruling: the two-segment line stays alone
    doc = ingest(_framed_page_pdf(table=False), filename="frame.pdf")
    assert doc.tables == []
    assert "二、全年产量达到300万吨，比上年增长6%。" in [line.text for line in doc.lines]


def test_a_ruled_table_inside_a_page_frame_keeps_its_wrapped_cell():
    doc = ingest(_framed_page_pdf(table=True), filename="frame.pdf")
    assert [t.rows for t in doc.tables] == [[["任务", "牵头单位"], ["推进改造", "示例市工业和信息化局、"],
                                             ["", "示例市科技局"]]]
    assert doc.tables[0].ruled
