"""OCR of image-only and garbled pages (RapidOCR; 3-8 s a page on 2 cores, so few tests)."""

from __future__ import annotations

import io
import re
import unicodedata
from difflib import SequenceMatcher

import pytest

from extractor.errors import NoTextLayer
from extractor.ingest import IngestOptions, ingest
from extractor.normalize import normalize


def squash(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def char_accuracy(truth: str, got: str) -> float:
    ops = SequenceMatcher(None, truth, got, autojunk=False).get_opcodes()
    errors = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")
    return 1 - errors / len(truth)


@pytest.fixture(scope="module")
def scanned_report(samples_dir):
    return ingest(samples_dir / "report_table_scanned.pdf")


@pytest.mark.slow
def test_scanned_report_text_accuracy(scanned_report, samples_dir):
    truth = squash((samples_dir / "report_table_source.txt").read_text(encoding="utf-8"))
    got = squash(normalize(scanned_report).text)
    assert char_accuracy(truth, got) >= 0.97


@pytest.mark.slow
def test_scanned_report_pages_boxes_and_tables(scanned_report):
    doc = scanned_report
    assert [p.ocr for p in doc.pages] == [True, True]
    assert doc.ocr_pages == [1, 2]
    pages = {p.number: p for p in doc.pages}
    for line in doc.lines:
        assert line.boxes is not None and len(line.boxes) == len(line.text)
        p = pages[line.page]
        assert all(0 <= b[0] <= b[2] <= p.width and 0 <= b[1] < b[3] <= p.height for b in line.boxes)
    # the two tables come back from OCR line boxes too
    rows = [r for t in doc.tables for r in t.rows]
    assert ["山西", "202", "35.0%"] in rows
    assert ["几内亚", "537.25"] in rows
    # wraps are joined: the first paragraph is one normalised line
    text = normalize(doc).text
    assert "明确将陶瓷土、耐火粘土、高岭土、铁矾土等四个" in text


@pytest.mark.slow
def test_garbled_text_layer_is_replaced_by_ocr(samples_dir):
    """An invisible text layer of private-use characters over a scanned image goes to OCR."""
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    src = pdfium.PdfDocument(str(samples_dir / "notice_scanned.pdf"))
    img = src[0].render(scale=200 / 72).to_pil().convert("L")
    top = img.crop((0, 0, img.width, img.height // 5))  # the 发文机关 / 标题 block
    pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595.28, 841.89), invariant=1)
    c.drawImage(ImageReader(top), 0, 841.89 - 841.89 / 5, 595.28, 841.89 / 5)
    t = c.beginText(72, 800)
    t.setTextRenderMode(3)  # invisible, as OCR layers are
    t.setFont("DejaVu", 12)
    t.textLine("".join(chr(0xE000 + i) for i in range(60)))
    c.drawText(t)
    c.showPage()
    c.save()
    doc = ingest(buf.getvalue(), filename="garbled.pdf")
    assert doc.pages[0].ocr
    text = squash(normalize(doc).text)
    assert "发文机关" in text and "工业和信息化部" in text
    assert not any(0xE000 <= ord(ch) <= 0xF8FF for ch in text)
    assert any("OCR" in w for w in doc.warnings)


def test_scanned_without_ocr_raises(samples_dir):
    with pytest.raises(NoTextLayer, match="OCR is disabled"):
        ingest(samples_dir / "notice_scanned.pdf", options=IngestOptions(ocr=False))


def test_engine_loads_once():
    from extractor.ingest import ocr

    assert ocr.get_engine() is ocr.get_engine()


# fmt: off
SPLIT = [
    ("自然资源", (0.0, 0.0, 40.0, 10.0), [0.0, 10.0, 20.0, 30.0, 40.0]),
    ("ab", (0.0, 0.0, 10.0, 10.0), [0.0, 5.0, 10.0]),
]
# fmt: on


@pytest.mark.parametrize("text,box,edges", SPLIT)
def test_split_line_box(text, box, edges):
    from extractor.ingest.ocr import split_line_box

    boxes = split_line_box(text, box)
    assert len(boxes) == len(text)
    assert [round(b[0], 6) for b in boxes] + [round(boxes[-1][2], 6)] == edges


@pytest.mark.parametrize(
    "raw,restored",
    [
        ("实施方案(2025—2027年)》的通知", "实施方案（2025—2027年）》的通知"),
        ("(工业和信息化部牵头,生态环境部参加)", "（工业和信息化部牵头，生态环境部参加）"),
        ("人工智能(AI)模型", "人工智能（AI）模型"),
        ("数字化标准:重点", "数字化标准：重点"),
        ("按职责分工负责)", "按职责分工负责）"),
        ("500kA (AI) x,y", "500kA (AI) x,y"),
        ("GB/T 9704(2012)", "GB/T 9704(2012)"),
        ("1:2", "1:2"),
    ],
)
def test_ocr_restores_cjk_punctuation(raw, restored):
    from extractor.ingest.ocr import restore_cjk_punctuation

    assert restore_cjk_punctuation(raw) == restored
    assert len(restore_cjk_punctuation(raw)) == len(raw)


def line_drawing_pdf(pages: int) -> bytes:
    """Image-only pages of line drawings (lines and circles, no lettering)."""
    import random

    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    for i in range(pages):
        rng = random.Random(i)
        img = Image.new("L", (620, 877), 255)
        d = ImageDraw.Draw(img)
        for _ in range(25):
            d.line((rng.randrange(620), rng.randrange(877), rng.randrange(620),
                    rng.randrange(877)), fill=0, width=2)
        for _ in range(6):
            x, y, r = rng.randrange(620), rng.randrange(877), rng.randrange(10, 100)
            d.ellipse((x - r, y - r, x + r, y + r), outline=0, width=2)
        c.drawImage(ImageReader(img), 0, 0, 595, 842)
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.slow
def test_line_drawings_without_text_are_no_text_layer():
    """OCR reads at most a stray letter from a circle: the PDF has no text, and says so
    (it used to finish as `done` with an empty text)."""
    with pytest.raises(NoTextLayer, match=r"OCR found no text on its 3 pages"):
        ingest(line_drawing_pdf(3), filename="drawings.pdf")
