"""The PDF backend's steps, page by page and then for the whole document (see the
package docstring)."""

from __future__ import annotations

import time

from extractor.errors import CorruptPdf, EmptyPdf, NoTextLayer, TimeBudgetExceeded, TooManyPages
from extractor.ingest.common import check_text_limit
from extractor.ingest.pdf.chars import (
    _fill_dropped,
    _has_images,
    _MinerPages,
    _open,
    _PageStats,
    _text_chars,
    dedupe_chars,
    garbled_reason,
    ocr_chars,
    page_stats,
)
from extractor.ingest.pdf.columns import order_page
from extractor.ingest.pdf.furniture import find_furniture
from extractor.ingest.pdf.joins import _to_line, joins, uses_indent
from extractor.ingest.pdf.layout import Char, PageLayout, _Line, build_rows
from extractor.ingest.pdf.tables import _path_boxes, find_tables
from extractor.ingest.types import PDF, Box, IngestedDocument, IngestOptions, PageInfo, PageProgress


def ingest_pdf(
    data: bytes, *, sha256: str, filename: str | None, options: IngestOptions
) -> IngestedDocument:
    """Read a PDF into body lines (reading order, a box per character), furniture and tables."""
    t0 = time.monotonic()
    pdf = _open(data)
    try:
        return _ingest(pdf, data, sha256=sha256, filename=filename, options=options, t0=t0)
    finally:
        pdf.close()


def _ingest(pdf, data: bytes, *, sha256, filename, options: IngestOptions, t0: float) -> IngestedDocument:
    plumber_box: list = []  # the pdfminer reader, if one had to be opened
    try:
        return _ingest_pages(pdf, data, sha256=sha256, filename=filename, options=options, t0=t0,
                             plumber_box=plumber_box)
    finally:
        for p in plumber_box:
            p.close()


def _ingest_pages(pdf, data: bytes, *, sha256, filename, options: IngestOptions, t0: float,
                  plumber_box: list) -> IngestedDocument:
    n_pages = len(pdf)
    if n_pages == 0:
        if b"%%EOF" not in data[-2048:]:
            raise CorruptPdf("the PDF is truncated or damaged: no pages could be read")
        raise EmptyPdf("the PDF has no pages")
    if n_pages > options.max_pages:
        raise TooManyPages(f"the PDF has {n_pages} pages; the limit is {options.max_pages}")
    # a page is done once its text is final: at once when its text layer is good even in
    # a Chinese document, else when the document-wide check or its OCR has run
    progress = PageProgress(options.progress, n_pages)
    warnings: list[str] = []
    layouts: list[PageLayout] = []
    pending: list[tuple[int, str]] = []  # (page index, reason) for pages that need OCR
    page_chars: list[list[Char]] = []
    stats: list[_PageStats] = []
    origins: list[tuple[float, float]] = []
    path_boxes: dict[int, list[Box]] = {}
    plumber: _MinerPages | None = None  # opened only when pdfium drops text objects

    for i in range(n_pages):
        _check_budget(options, t0, i)
        try:
            page = pdf[i]
            # boxes are in unrotated page space (as pdfplumber's), so is the page size
            cl, cb, cr, ct = page.get_cropbox()
            width, height = cr - cl, ct - cb
            origin = (cl, ct)
            textpage = page.get_textpage()
            chars, unmapped, missing = _text_chars(page, textpage, origin)
            textpage.close()
        except Exception as exc:
            raise CorruptPdf(f"page {i + 1} of the PDF cannot be read", detail=repr(exc)) from exc
        if missing:
            try:
                if plumber is None:
                    plumber = _MinerPages(data)
                    plumber_box.append(plumber)
                chars = _fill_dropped(plumber, i, chars, missing, origin)
            except Exception as exc:  # keep what pdfium read
                warnings.append(f"page {i + 1}: text pdfium skipped could not be recovered ({exc!r})")
        chars = dedupe_chars(chars)
        layouts.append(PageLayout(PageInfo(number=i + 1, width=round(width, 2), height=round(height, 2))))
        page_chars.append(chars)
        stats.append(page_stats(chars, unmapped))
        origins.append(origin)
        page.close()
        if garbled_reason(stats[i], chinese_doc=True) is None:
            progress.mark(i)

    chinese_pages = sum(1 for s in stats if s.visible >= 40 and s.cjk / s.visible >= 0.3)
    chinese_doc = chinese_pages >= max(1, len(stats) // 3)
    for i, s in enumerate(stats):
        reason = garbled_reason(s, chinese_doc)
        if reason is not None:
            pending.append((i, reason))
    waiting = {i for i, _ in pending}
    progress.mark(*(i for i in range(n_pages) if i not in waiting))

    if pending:
        need_ocr = []
        for i, reason in pending:
            page = pdf[i]
            empty = stats[i].n == 0 or stats[i].visible == 0
            if empty and not _has_images(page):
                page.close()
                page_chars[i] = []
                progress.mark(i)
                continue  # a blank page
            page.close()
            need_ocr.append((i, reason))
        if need_ocr and not options.ocr:
            if len(need_ocr) == n_pages or all(stats[k].visible == 0 for k in range(n_pages) if k not in {p for p, _ in need_ocr}):
                raise NoTextLayer(
                    "the PDF has no usable text layer (scanned or garbled pages) and OCR is disabled",
                    detail="; ".join(f"page {i + 1}: {r}" for i, r in need_ocr[:5]),
                )
            for i, reason in need_ocr:
                warnings.append(f"page {i + 1} skipped ({reason}); OCR is disabled")
                page_chars[i] = []
                progress.mark(i)
        elif need_ocr:
            for i, reason in need_ocr:
                _check_budget(options, t0, i)
                page = pdf[i]
                try:
                    page_chars[i] = dedupe_chars(ocr_chars(page, options.ocr_dpi))
                finally:
                    page.close()
                layouts[i].info.ocr = True
                warnings.append(f"page {i + 1} was read with OCR ({reason})")
                progress.mark(i)

    for i, chars in enumerate(page_chars):
        layouts[i].rows = build_rows(chars)

    furniture = find_furniture(layouts)
    ordered: list[_Line] = []
    for lay in layouts:
        ordered += order_page(lay)
    if not ordered:
        if not any(lay.info.ocr for lay in layouts):
            raise NoTextLayer("the PDF has no text on any page")
    _check_ocr_found_text(ordered, layouts, stats)

    indent_style = uses_indent(ordered)
    lines = [
        _to_line(ln, joins(ln, ordered[k + 1] if k + 1 < len(ordered) else None, indent_style))
        for k, ln in enumerate(ordered)
    ]
    check_text_limit(lines, options)
    table_pages = {ln.page for ln in ordered if len(ln.segments) >= 2}
    for p in table_pages:
        page = pdf[p - 1]
        path_boxes[p] = _path_boxes(page, origins[p - 1])
        page.close()
    tables = find_tables(ordered, path_boxes)
    return IngestedDocument(
        media_type=PDF,
        sha256=sha256,
        filename=filename,
        lines=lines,
        pages=[lay.info for lay in layouts],
        furniture=furniture,
        tables=tables,
        warnings=warnings,
    )


# Fewer visible characters than this, all of them from OCR, is no text: OCR of line
# drawings, stamps or photos reads a stray "O" or "|" from a circle or a rule.
MIN_OCR_CHARS = 10


def _check_ocr_found_text(ordered: list[_Line], layouts: list[PageLayout],
                          stats: list[_PageStats]) -> None:
    """A PDF without a text layer whose OCR found (next to) nothing is `no_text_layer`,
    not a result with empty text."""
    if any(not lay.info.ocr and stats[k].visible for k, lay in enumerate(layouts)):
        return  # some page has a text layer of its own
    found = "".join(c.c for ln in ordered for s in ln.segments for c in s.chars
                    if not c.c.isspace())
    if len(found) >= MIN_OCR_CHARS:
        return
    n_ocr = sum(1 for lay in layouts if lay.info.ocr)
    what = f" (only {found!r})" if found else ""
    raise NoTextLayer(
        f"the PDF has no text layer and OCR found no text on its {n_ocr} "
        f"page{'s' if n_ocr != 1 else ''}{what}",
        detail=f"fewer than {MIN_OCR_CHARS} characters read by OCR",
    )


def _check_budget(options: IngestOptions, t0: float, page_index: int) -> None:
    if options.time_budget_s is not None and time.monotonic() - t0 > options.time_budget_s:
        raise TimeBudgetExceeded(
            f"the time budget of {options.time_budget_s:g} s ran out at page {page_index + 1}"
        )
