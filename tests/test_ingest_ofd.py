"""OFD input (GB/T 33190) through ofdkit: packages made here from the seed notice give the
entities of the text, with pages and boxes; bad packages are typed errors."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import pytest
from conftest import SEEDS, need_shared
from test_ingest_docx import entities

from extractor import extract
from extractor.errors import CorruptOfd, ExtractorError, NoContent
from extractor.ingest import ingest, sniff
from extractor.ingest.ofd import OFD, PT_PER_MM

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
SIZE = 4.0  # font size, mm
STEP = 7.0  # baseline step, mm


def make_ofd(pages: list[list[str]]) -> bytes:
    """An OFD package: one TextObject per line, A4 pages, lines STEP mm apart."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0" '
                    'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>t</ofd:DocID></ofd:DocInfo>'
                    "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        refs = "".join(f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
                       for i in range(len(pages)))
        zf.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}>'
                    "<ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>"
                    f"0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>{refs}"
                    "</ofd:Pages></ofd:Document>")
        for i, lines in enumerate(pages):
            objs = "".join(
                f'<ofd:TextObject ID="{100 + k}" Boundary="20 {20 + STEP * k} {SIZE * len(line)} '
                f'{SIZE * 1.2}" Font="1" Size="{SIZE}"><ofd:TextCode X="0" Y="{SIZE}">{escape(line)}'
                "</ofd:TextCode></ofd:TextObject>"
                for k, line in enumerate(lines)
            )
            zf.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", f'<?xml version="1.0" encoding="UTF-8"?>'
                        f'<ofd:Page {NS}><ofd:Content><ofd:Layer ID="2">{objs}</ofd:Layer></ofd:Content>'
                        "</ofd:Page>")
    return buf.getvalue()


def notice_lines() -> tuple[list[str], str]:
    text = need_shared(SEEDS / "notice_003.txt").read_text(encoding="utf-8")
    lines = [ln.strip().lstrip("# ") for ln in text.splitlines() if ln.strip()]
    return lines, text


def test_seed_notice_as_ofd_gives_the_entities_of_the_text():
    lines, text = notice_lines()
    pages = [lines[i : i + 30] for i in range(0, len(lines), 30)]
    data = make_ofd(pages)
    from_ofd = extract(data, filename="notice_003.ofd")
    from_text = extract(text.encode("utf-8"), filename="notice_003.txt")
    assert from_ofd.source.media_type == OFD and from_ofd.source.pages == len(pages)
    assert entities(from_ofd) == entities(from_text)


def test_ofd_evidence_has_pages_and_boxes():
    lines, _ = notice_lines()
    result = extract(make_ofd([lines[:30], lines[30:60]]), filename="n.ofd")
    for item in (result.title, *result.doc_numbers, *result.dates, *result.issuing_agencies):
        ev = item.evidence
        assert ev.page in (1, 2) and ev.boxes
        # the box sits on the line the value is on: STEP mm per line from 20 mm
        page_lines = lines[:30] if ev.page == 1 else lines[30:60]
        first = result.text[ev.start : ev.end].split("\n")[0]
        box = ev.boxes[0].bbox
        baseline_mm = box.bottom / PT_PER_MM - SIZE * 0.12
        k = round((baseline_mm - 20 - SIZE) / STEP)
        assert first in page_lines[k].replace(" ", "")
        left = 20 * PT_PER_MM
        assert left - 0.01 <= box.x0 < box.x1 <= left + len(page_lines[k]) * SIZE * PT_PER_MM + 0.01


def test_lines_and_paragraph_gaps():
    doc = ingest(make_ofd([["第一行", "第二行"]]), filename="p.ofd")
    assert [(ln.text, ln.page, len(ln.boxes)) for ln in doc.lines] == [("第一行", 1, 3), ("第二行", 1, 3)]
    assert doc.pages[0].width == pytest.approx(210 * PT_PER_MM)


def test_sniffing_ofd_without_a_filename():
    data = make_ofd([["关于加强稀土行业管理的通知"]])
    assert sniff(data) == OFD and sniff(data[:4096]) == OFD


def test_bad_ofd_files_are_typed_errors():
    renamed = io.BytesIO()
    with zipfile.ZipFile(renamed, "w") as zf:
        zf.writestr("readme.txt", "不是OFD")
    with pytest.raises(CorruptOfd):
        extract(renamed.getvalue(), filename="x.ofd")
    with pytest.raises(NoContent):
        extract(make_ofd([[]]), filename="scan.ofd")
    broken = make_ofd([["正文"]]).replace(b"<ofd:DocRoot>", b"<ofd:DocRoot")
    with pytest.raises(ExtractorError) as exc:
        extract(broken, filename="broken.ofd")
    assert exc.value.code in ("corrupt_ofd", "no_content")
