"""Ingestion reports its progress (pages done, of how many) through `IngestOptions.progress`:
the PDF backend page by page, OCR pages when their OCR has run; every other format one
page (OFD: its pages) once read. The count never goes back and ends at the total."""

from __future__ import annotations

import pytest

from extractor.ingest import IngestOptions, ingest
from extractor.ingest.types import PageProgress


def reports(src, **opts) -> tuple[object, list[tuple[int, int]]]:
    calls: list[tuple[int, int]] = []
    doc = ingest(src, options=IngestOptions(progress=lambda d, t: calls.append((d, t)), **opts))
    return doc, calls


def assert_well_formed(calls: list[tuple[int, int]], pages: int) -> None:
    assert calls, "no progress reported"
    assert {t for _, t in calls} == {pages}, calls
    done = [d for d, _ in calls]
    assert done == sorted(done), f"progress went back: {calls}"
    assert all(0 <= d <= pages for d in done)
    assert calls[-1] == (pages, pages)


@pytest.mark.shared
@pytest.mark.parametrize("pdf", ["notice_simple.pdf", "notice_two_column.pdf",
                                 "long_20pages.pdf", "report_header_footer.pdf"])
def test_pdf_reports_every_page_in_order(samples_dir, pdf):
    doc, calls = reports(samples_dir / pdf, ocr=False)
    n = len(doc.pages)
    assert n >= 2
    assert_well_formed(calls, n)
    # text-layer pages: one report before the first page, then one per page
    assert calls == [(k, n) for k in range(n + 1)]


@pytest.mark.shared
def test_ocr_pages_are_done_when_their_ocr_has_run(samples_dir, monkeypatch):
    """A scanned PDF: no page is done after the text pass; each OCR call finishes one."""
    from extractor.ingest.pdf import reader
    from extractor.ingest.pdf.layout import Char

    calls: list[tuple[int, int]] = []
    seen_at_ocr: list[int] = []

    def fake_ocr(page, dpi):
        seen_at_ocr.append(calls[-1][0])
        text = "扫描页面上的文字由识别得到"
        return [Char(c, 50 + 12 * k, 100, 62 + 12 * k, 112, 12.0) for k, c in enumerate(text)]

    monkeypatch.setattr(reader, "ocr_chars", fake_ocr)
    doc = ingest(samples_dir / "notice_scanned.pdf",
                 options=IngestOptions(progress=lambda d, t: calls.append((d, t))))
    n = len(doc.pages)
    assert n >= 2 and doc.ocr_pages == list(range(1, n + 1))
    assert_well_formed(calls, n)
    assert seen_at_ocr == list(range(n))  # page k is OCRed after k pages are done
    assert calls == [(k, n) for k in range(n + 1)]


@pytest.mark.shared
def test_no_ocr_skipped_pages_count_as_done(samples_dir):
    """With OCR off, a page that needed it is skipped: done, not forever pending."""
    from extractor.errors import NoTextLayer

    calls: list[tuple[int, int]] = []
    with pytest.raises(NoTextLayer):  # every page needs OCR: refused, as before
        ingest(samples_dir / "notice_scanned.pdf",
               options=IngestOptions(ocr=False, progress=lambda d, t: calls.append((d, t))))
    assert calls and calls[0][0] == 0 and calls[-1][0] < calls[-1][1]


@pytest.mark.parametrize("data,filename", [
    ("第一行\n第二行\n".encode(), "a.txt"),
    ("<html><body><p>关于印发方案的通知</p></body></html>".encode(), "a.html"),
])
def test_other_formats_report_one_page_when_read(data, filename):
    calls: list[tuple[int, int]] = []
    ingest(data, filename=filename,
           options=IngestOptions(progress=lambda d, t: calls.append((d, t))))
    assert calls == [(1, 1)]


def test_without_a_callback_nothing_changes(samples_dir):
    doc = ingest(samples_dir / "notice_simple.pdf", options=IngestOptions(ocr=False))
    again, _ = reports(samples_dir / "notice_simple.pdf", ocr=False)
    assert [ln.text for ln in doc.lines] == [ln.text for ln in again.lines]


def test_page_progress_counts_each_page_once():
    calls: list[tuple[int, int]] = []
    p = PageProgress(lambda d, t: calls.append((d, t)), 3)
    p.mark(1)
    p.mark(1)  # again: no report
    p.mark(0, 1, 2)
    assert calls == [(0, 3), (1, 3), (3, 3)]
    PageProgress(None, 3).mark(0)  # no callback: nothing to call


def test_reporting_progress_imports_no_spacy(samples_dir):
    """Ingestion (and its progress hook) stays free of spaCy."""
    import subprocess
    import sys

    code = ("import sys\nfrom extractor.ingest import IngestOptions, ingest\n"
            f"ingest({str(samples_dir / 'notice_simple.pdf')!r}, "
            "options=IngestOptions(ocr=False, progress=lambda d, t: None))\n"
            "assert 'spacy' not in sys.modules, 'spacy imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
