"""Broken, hostile and odd PDFs: each gives a typed error or a sound degraded result.

The PDFs are built here with reportlab (and byte surgery), so nothing binary is
checked in. Each error case runs twice: through `extractor.ingest.ingest` and
through the CLI (`python -m extractor extract`), which must exit non-zero with
`error[<code>]` on stderr and no traceback.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.errors import (
    CorruptPdf,
    EmptyPdf,
    EncryptedPdf,
    ExtractorError,
    NoTextLayer,
    TimeBudgetExceeded,
    TooManyPages,
)
from extractor.ingest import IngestOptions, ingest
from extractor.ingest.pdf import Char, _PageStats, dedupe_chars, garbled_reason

ROOT = Path(__file__).resolve().parent.parent
CJK = "自然资源部关于进一步加强铝土矿资源保护和合理开发利用的通知"


def make_pdf(pages: int = 1, size=(595.0, 842.0), text: str = CJK, encrypt=None, lines: int = 3,
             font: str = "STSong-Light", page_texts: list[str] | None = None) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, encrypt=encrypt, invariant=1)
    for i in range(pages):
        t = page_texts[i] if page_texts else text
        c.setFont(font, 12)
        for k in range(lines):
            c.drawString(72, size[1] - 100 - 18 * k, t)
        c.showPage()
    c.save()
    return buf.getvalue()


def image_only_pdf() -> bytes:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(img).rectangle((40, 40, 360, 160), outline=0, width=4)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    c.drawImage(ImageReader(img), 100, 500, 400, 200)
    c.showPage()
    c.save()
    return buf.getvalue()


def encrypted(user: str, owner: str) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return make_pdf(encrypt=StandardEncryption(user, owner))


ZERO_PAGES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def zero_pages_pdfium() -> bytes:
    """A well-formed PDF with no pages, as pdfium itself saves one (with an xref table)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    buf = io.BytesIO()
    doc.save(buf)
    doc.close()
    return buf.getvalue()


def _cases():
    good = make_pdf(pages=3)
    # (id, bytes, options, expected error)
    return [
        ("truncated", good[: len(good) // 2], {}, CorruptPdf),
        ("truncated_tail", good[:-300], {}, CorruptPdf),
        ("garbage_after_header", b"%PDF-1.7\n" + bytes(range(256)) * 40, {}, CorruptPdf),
        ("user_password", encrypted("secret", "owner"), {}, EncryptedPdf),
        ("zero_pages", ZERO_PAGES, {}, EmptyPdf),
        ("zero_pages_wellformed", zero_pages_pdfium(), {}, EmptyPdf),
        ("too_many_pages", good, {"max_pages": 2}, TooManyPages),
        ("time_budget", good, {"time_budget_s": 1e-9}, TimeBudgetExceeded),
        ("image_only_no_ocr", image_only_pdf(), {"ocr": False}, NoTextLayer),
        ("all_spaces", make_pdf(text=" " * 30), {}, NoTextLayer),
        ("all_spaces_no_ocr", make_pdf(text=" " * 30), {"ocr": False}, NoTextLayer),
    ]


CASES = _cases()


@pytest.mark.parametrize("name,data,opts,error", CASES, ids=[c[0] for c in CASES])
def test_ingest_raises_typed_error(name, data, opts, error):
    with pytest.raises(error) as info:
        ingest(data, filename=f"{name}.pdf", options=IngestOptions(**opts))
    assert info.value.message and "Traceback" not in info.value.message
    assert isinstance(info.value, ExtractorError)


def _cli_args(opts: dict) -> list[str]:
    args = []
    if "max_pages" in opts:
        args += ["--max-pages", str(opts["max_pages"])]
    if "time_budget_s" in opts:
        args += ["--time-budget", "0.000000001"]
    if opts.get("ocr") is False:
        args.append("--no-ocr")
    return args


@pytest.mark.parametrize("name,data,opts,error", CASES, ids=[c[0] for c in CASES])
def test_cli_reports_typed_error(tmp_path, name, data, opts, error):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    proc = subprocess.run(
        [sys.executable, "-m", "extractor", "extract", str(path), *_cli_args(opts)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert proc.returncode != 0
    assert proc.stderr.startswith(f"error[{error.code}]"), proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_empty_owner_password_opens():
    doc = ingest(encrypted("", "owner-only"), filename="owner.pdf")
    assert doc.lines[0].text == CJK


def test_poster_page_gives_text_and_boxes_inside_the_page():
    size = (14400.0, 14400.0)  # 200 x 200 inches, the largest page PDF allows
    doc = ingest(make_pdf(size=size), filename="poster.pdf")
    assert [p.width for p in doc.pages] == [14400.0]
    assert [line.text for line in doc.lines] == [CJK] * 3
    for line in doc.lines:
        assert all(0 <= b[0] <= b[2] <= size[0] and 0 <= b[1] < b[3] <= size[1] for b in line.boxes)


def test_poster_render_scale_is_capped():
    from extractor.ingest.ocr import MAX_PIXELS, render_scale

    s = render_scale(14400, 14400, 200)
    assert (14400 * s) ** 2 <= MAX_PIXELS * 1.01
    assert render_scale(595, 842, 200) == pytest.approx(200 / 72)


def test_fake_bold_duplicates_removed():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setFont("STSong-Light", 12)
    for dx in (0, 0.3, 0.6):  # the same string drawn three times, slightly offset
        c.drawString(72 + dx, 700, "重复的文本")
    c.drawString(72, 680, "下一行")
    c.showPage()
    c.save()
    doc = ingest(buf.getvalue(), filename="bold.pdf")
    assert [line.text for line in doc.lines] == ["重复的文本", "下一行"]
    assert all(len(line.boxes) == len(line.text) for line in doc.lines)


def test_dedupe_keeps_repeated_characters_at_different_places():
    chars = [Char("重", 0, 0, 10, 10, 10), Char("重", 10, 0, 20, 10, 10), Char("重", 0.4, 0.1, 10.4, 10.1, 10)]
    assert [(c.x0) for c in dedupe_chars(chars)] == [0, 10]


# fmt: off
GARBLED = [
    (_PageStats(n=0), "no text layer"),
    (_PageStats(n=50, visible=0), "only spaces"),
    (_PageStats(n=100, visible=100, cjk=60, odd=20), "unmapped"),
    (_PageStats(n=100, visible=100, cjk=90, unmapped=10), "unmapped"),
    (_PageStats(n=100, visible=100, cid=True), "cid"),
    (_PageStats(n=100, visible=100, cjk=1), "Chinese"),
    (_PageStats(n=100, visible=100, cjk=90, odd=1), None),
]
# fmt: on


@pytest.mark.parametrize("stats,reason", GARBLED)
def test_garbled_reason(stats, reason):
    got = garbled_reason(stats, chinese_doc=True)
    assert (got is None) if reason is None else (reason in got)


def test_latin_page_of_english_doc_is_not_garbled():
    assert garbled_reason(_PageStats(n=100, visible=100, cjk=0), chinese_doc=False) is None


def test_garbled_page_in_chinese_doc_is_skipped_without_ocr():
    """A page whose text layer is junk (no CJK in a Chinese document) does not reach the body."""
    junk = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞß" * 2
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for t in (CJK, junk, CJK):
        c.setFont("STSong-Light" if t == CJK else "Helvetica", 12)
        for k in range(3):
            c.drawString(72, 700 - 18 * k, t)
        c.showPage()
    c.save()
    data = buf.getvalue()
    doc = ingest(data, filename="junk.pdf", options=IngestOptions(ocr=False))
    assert {line.page for line in doc.lines} == {1, 3}
    assert any("page 2" in w and "OCR is disabled" in w for w in doc.warnings)


def test_private_use_text_layer_only_raises_without_ocr():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setFont("DejaVu", 12)
    c.drawString(72, 700, "".join(chr(0xE000 + i) for i in range(40)))
    c.showPage()
    c.save()
    with pytest.raises(NoTextLayer):
        ingest(buf.getvalue(), filename="pua.pdf", options=IngestOptions(ocr=False))


def test_blank_page_between_text_pages_is_fine():
    data = make_pdf(pages=3, page_texts=[CJK, " ", CJK])
    doc = ingest(data, filename="blank.pdf", options=IngestOptions(ocr=False))
    assert {line.page for line in doc.lines} == {1, 3}
    assert len(doc.pages) == 3 and not doc.warnings


# fmt: off
PAGE_NUMBER_FORMATS = ["— {n} —", "第 {n} 页", "- {n} -", "{n}", "第{n}页 共4页", "{n}/4"]
# fmt: on


@pytest.mark.parametrize("fmt", PAGE_NUMBER_FORMATS)
def test_page_numbers_and_running_header_are_furniture(fmt):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595.28, 841.89), invariant=1)
    for n in range(1, 5):
        c.setFont("STSong-Light", 9)
        c.drawString(72, 800, "国家矿山安全监察局文件")
        c.drawCentredString(297.6, 40, fmt.format(n=n))
        c.setFont("STSong-Light", 12)
        for k in range(5):
            c.drawString(72, 740 - 18 * k, f"第{n}页正文第{k + 1}行，{CJK}")
        c.showPage()
    c.save()
    doc = ingest(buf.getvalue(), filename="numbers.pdf")
    nums = [f for f in doc.furniture if f.kind == "page_number"]
    heads = [f for f in doc.furniture if f.kind == "header"]
    assert [f.page for f in nums] == [1, 2, 3, 4]
    assert [f.text for f in nums] == [fmt.format(n=n) for n in range(1, 5)]
    assert [f.page for f in heads] == [1, 2, 3, 4]
    assert all(line.text.startswith("第") and "正文" in line.text for line in doc.lines)
    assert len(doc.lines) == 20


def test_repeated_identical_lines_are_all_kept():
    """pdfium drops a text object identical to an earlier one; pdfminer fills it back in."""
    doc = ingest(make_pdf(lines=4), filename="repeat.pdf")
    assert [line.text for line in doc.lines] == [CJK] * 4
    tops = [line.boxes[0][1] for line in doc.lines]
    assert tops == sorted(tops) and len(set(tops)) == 4


def test_refused_pdf_is_classified_by_its_own_bytes():
    """pdfium keeps its last error code across loads; a zero-page PDF read right after an
    encrypted one was reported as encrypted. Both orders, one process."""
    enc, zero = encrypted("secret", "owner"), zero_pages_pdfium()
    for order in ((enc, zero), (zero, enc, zero)):
        codes = []
        for data in order:
            with pytest.raises(ExtractorError) as info:
                ingest(data, filename="x.pdf")
            codes.append(info.value.code)
        assert codes == ["encrypted_pdf" if d is enc else "empty_pdf" for d in order]
