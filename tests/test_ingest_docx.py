"""DOCX input: Word files made here with python-docx from the seed notice and from a
quota table give the same entities as the text; headers/footers are furniture; bad
files are typed errors."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from conftest import SEEDS, need_shared

from extractor import extract
from extractor.errors import CorruptDocx, ExtractorError, NoContent
from extractor.ingest import ingest, sniff
from extractor.ingest.docx import DOCX

_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def notice_docx() -> tuple[bytes, str]:
    """(the .docx, the text) of the seed notice: the markdown title as a Title
    paragraph, numbered headings as Heading 1/2, every other line a paragraph."""
    text = need_shared(SEEDS / "notice_003.txt").read_text(encoding="utf-8")
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "工业和信息化部网站"
    d.sections[0].footer.paragraphs[0].text = "第 1 页"
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            d.add_paragraph(line.lstrip("# "), style="Title")
        elif _HEADING.match(line) and len(line) < 40:
            d.add_paragraph(line, style="Heading 1" if "、" in line[:4] else "Heading 2")
        else:
            d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue(), text


QUOTA_ROWS = [
    ["省（区）", "钨精矿（吨）", "稀土矿（吨）"],
    ["江西", "20000", "9000"],
    ["湖南", "12000", "2000"],
    ["河南", "3500", "0"],
    ["合计", "35500", "11000"],
]
QUOTA_LEAD = "根据有关规定，现下达2025年第一批钨矿和稀土矿开采总量控制指标。"
QUOTA_CAPTION = "表1 2025年第一批开采总量控制指标"


def quota_docx() -> tuple[bytes, str]:
    d = docx.Document()
    d.add_paragraph(QUOTA_LEAD)
    d.add_paragraph(QUOTA_CAPTION, style="Caption")
    table = d.add_table(rows=len(QUOTA_ROWS), cols=len(QUOTA_ROWS[0]))
    for r, row in enumerate(QUOTA_ROWS):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    d.add_paragraph("请严格执行。")
    buf = io.BytesIO()
    d.save(buf)
    text = "\n".join([QUOTA_LEAD, QUOTA_CAPTION, *("\t".join(r) for r in QUOTA_ROWS), "请严格执行。"])
    return buf.getvalue(), text


def entities(result) -> dict:
    """Each entity field as a comparable set of values (no offsets)."""
    return {
        "title": result.title.text if result.title else None,
        "doc_numbers": sorted((d.normalized, d.role) for d in result.doc_numbers),
        "issuing_agencies": sorted((a.canonical or a.name, a.source) for a in result.issuing_agencies),
        "dates": sorted((d.value, d.role) for d in result.dates),
        "minerals": sorted(m.canonical for m in result.minerals),
        "targets": sorted((t.metric, t.value, t.unit, t.year) for t in result.targets),
        "responsibilities": sorted(
            (r.task, tuple(a.canonical or a.name for a in r.lead)) for r in result.responsibilities
        ),
        "references": sorted((r.title, r.doc_number) for r in result.references),
        "sections": sorted((s.label, s.title) for s in result.sections),
        "statistics": sorted((s.subject, s.value, s.unit, s.row, s.column) for s in result.statistics),
        "figures": sorted((f.label, f.kind, tuple(map(tuple, f.rows))) for f in result.figures),
    }


def test_seed_notice_as_docx_gives_the_entities_of_the_text():
    data, text = notice_docx()
    from_docx = extract(data, filename="notice_003.docx")
    from_text = extract(text.encode("utf-8"), filename="notice_003.txt")
    assert from_docx.source.media_type == DOCX
    assert entities(from_docx) == entities(from_text)
    assert from_docx.title.text.startswith("工业和信息化部等十部门关于印发")
    assert len(from_docx.issuing_agencies) >= 10


def test_docx_evidence_has_the_paragraph_index():
    data, _ = notice_docx()
    result = extract(data, filename="notice_003.docx")
    source = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in source.paragraphs]
    for item in (result.title, *result.doc_numbers, *result.dates):
        ev = item.evidence
        assert ev.paragraph is not None
        assert result.text[ev.start : ev.end] in paragraphs[ev.paragraph]
        assert ev.css_path is None


def test_docx_labels_and_furniture():
    data, _ = notice_docx()
    doc = ingest(data, filename="n.docx")
    labels = {ln.label for ln in doc.lines}
    assert labels == {"title", "paragraph"}
    assert [(f.kind, f.text) for f in doc.furniture] == [("header", "工业和信息化部网站"), ("footer", "第 1 页")]
    assert "工业和信息化部网站" not in "\n".join(ln.text for ln in doc.lines)


def test_heading_styles_are_headings():
    d = docx.Document()
    d.add_paragraph("关于稀土开采的通知", style="Title")
    d.add_paragraph("一、总体要求", style="Heading 1")
    d.add_paragraph("（一）基本原则", style="Heading 2")
    d.add_paragraph("坚持总量控制。", style="List Bullet")
    buf = io.BytesIO()
    d.save(buf)
    doc = ingest(buf.getvalue(), filename="h.docx")
    assert [(ln.label, ln.paragraph) for ln in doc.lines] == [
        ("title", 0), ("heading", 1), ("heading", 2), ("list_item", 3)
    ]


@pytest.mark.parametrize("kind", ["policy_notice", "research_report"])
def test_quota_table_docx_gives_the_entities_of_the_text(kind):
    data, text = quota_docx()
    doc = ingest(data, filename="quota.docx")
    assert doc.tables[0].rows == QUOTA_ROWS
    assert [ln.label for ln in doc.lines] == ["paragraph", "caption", *["table"] * 5, "paragraph"]
    from_docx = extract(data, filename="quota.docx", kind=kind)
    from_text = extract(text.encode("utf-8"), filename="quota.txt", kind=kind)
    assert entities(from_docx) == entities(from_text)
    if kind == "research_report":  # the report pipeline reads tables (figures, statistics)
        assert from_docx.figures[0].rows[1] == ["江西", "20000", "9000"]
        assert from_docx.statistics


def test_merged_cells_are_read_once():
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "2025年指标"
    for c, v in enumerate(["江西", "20000", "9000"]):
        t.cell(1, c).text = v
    buf = io.BytesIO()
    d.save(buf)
    doc = ingest(buf.getvalue(), filename="m.docx")
    assert doc.tables[0].rows == [["2025年指标"], ["江西", "20000", "9000"]]


# --- bad files -----------------------------------------------------------------------------


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buf.getvalue()


def test_a_renamed_zip_is_corrupt_docx():
    data = _zip({"readme.txt": "不是Word文件".encode()})
    with pytest.raises(CorruptDocx):
        extract(data, filename="notice.docx")
    # without the .docx name it is simply not a format we read
    with pytest.raises(ExtractorError) as exc:
        extract(data, filename="archive.zip")
    assert exc.value.code == "unsupported_media_type"


def test_an_empty_docx_is_no_content():
    buf = io.BytesIO()
    docx.Document().save(buf)
    with pytest.raises(NoContent):
        extract(buf.getvalue(), filename="empty.docx")


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\x00" * 100,  # a truncated ZIP
        _zip({"word/document.xml": b"<w:document>not xml"}),  # a broken main part
        _zip({"word/document.xml": b"", "[Content_Types].xml": b""}),
    ],
)
def test_broken_docx_is_a_typed_error(data):
    with pytest.raises(ExtractorError) as exc:
        extract(data, filename="broken.docx")
    assert exc.value.code in ("corrupt_docx", "no_content")


def test_sniffing_docx_without_a_filename():
    data, _ = quota_docx()
    assert sniff(data) == DOCX
