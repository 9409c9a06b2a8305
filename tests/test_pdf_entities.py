"""Entities from PDFs: every evidence box spells its value; renderings agree.

Needs ../shared/samples. The OCR comparisons are slow (RapidOCR, 3-8 s a page).
"""

from __future__ import annotations

import re

import pdfplumber
import pytest

from conftest import SAMPLES, extracted
from extractor.keys import entity_keys

BOX_PDFS = ["notice_simple.pdf", "notice_libreoffice.pdf", "report_table.pdf"]
_WS = re.compile(r"\s+")


def _items(result):
    """(label, evidence, surface) for every entity and nested agency reference."""
    out = []
    for field in ("doc_numbers", "dates", "targets", "references", "statistics", "forecasts"):
        for it in getattr(result, field):
            out.append((field, it.evidence))
    for field in ("issuing_agencies", "minerals", "regions", "sections", "figures", "policy_events"):
        for it in getattr(result, field):
            out.append((field, it.evidence))
            for ev in getattr(it, "mentions", []):
                out.append((field + ".mention", ev))
    for r in result.responsibilities:
        out.append(("responsibilities", r.evidence))
        for a in r.lead + r.participants + r.shared:
            out.append(("responsibilities.agency", a.evidence))
    for single in (result.title, result.institution):
        if single is not None:
            out.append(("single", single.evidence))
    return out


def _line_segments(result, ev):
    """The evidence text split where its boxes split (one segment per visual line)."""
    text = result.text[ev.start : ev.end]
    return [seg for seg in _WS.sub("\n", text).split("\n") if seg]


@pytest.mark.parametrize("name", BOX_PDFS)
def test_pdf_entity_boxes_spell_their_text(samples_dir, name):
    path = samples_dir / name
    result = extracted(path)
    items = _items(result)
    assert len(items) > 20
    bad = []
    with pdfplumber.open(path) as pdf:
        for label, ev in items:
            want = _WS.sub("", result.text[ev.start : ev.end])
            assert ev.page is not None and ev.bbox is not None and ev.boxes, (label, want)
            got = ""
            for pb in ev.boxes:
                page = pdf.pages[pb.page - 1]
                b = pb.bbox
                # a character is inside the box when its centre is (renderers
                # disagree on glyph ascent by a point or two, not on centres)
                got += "".join(
                    c["text"] for c in page.chars
                    if b.x0 <= (c["x0"] + c["x1"]) / 2 <= b.x1
                    and b.top <= (c["top"] + c["bottom"]) / 2 <= b.bottom
                )
            got = _WS.sub("", got).replace("＞", ">").replace("％", "%")
            if got != want:
                bad.append((label, want, got))
    assert not bad, bad[:10]


def _f1(want: dict[str, set], got: dict[str, set]) -> float:
    tp = sum(len(want[k] & got[k]) for k in want)
    n_want = sum(len(v) for v in want.values())
    n_got = sum(len(v) for v in got.values())
    if not n_want and not n_got:
        return 1.0
    p = tp / n_got if n_got else 0.0
    r = tp / n_want if n_want else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


NOTICE_FIELDS = ("title", "doc_numbers", "issuing_agencies", "dates", "minerals", "targets",
                 "responsibilities", "references")
REPORT_FIELDS = ("institution", "dates", "minerals", "statistics", "forecasts", "regions",
                 "policy_events")


@pytest.mark.slow
@pytest.mark.parametrize(
    "scanned,twin,fields",
    [
        ("report_table_scanned.pdf", "report_table.pdf", REPORT_FIELDS),
        ("notice_scanned.pdf", "notice_simple.pdf", NOTICE_FIELDS),
    ],
)
def test_pdf_ocr_entities_agree_with_text_layer_twin(samples_dir, scanned, twin, fields):
    ocr = extracted(samples_dir / scanned)
    ref = extracted(samples_dir / twin)
    assert ocr.source.ocr_pages == list(range(1, ocr.source.pages + 1))
    want = {k: v for k, v in entity_keys(ref).items() if k in fields}
    got = {k: v for k, v in entity_keys(ocr).items() if k in fields}
    f1 = _f1(want, got)
    diffs = {k: (sorted(want[k] - got[k], key=str)[:5], sorted(got[k] - want[k], key=str)[:5])
             for k in fields if want[k] != got[k]}
    print(f"{scanned}: entity F1 vs {twin} = {f1:.3f}")
    assert f1 >= 0.95, (f1, diffs)
    # evidence of OCR'd entities points into OCR line boxes on real pages
    for ev in [d.evidence for d in ocr.dates] + [m.evidence for m in ocr.minerals]:
        assert ev.page in ocr.source.ocr_pages and ev.bbox is not None


def test_pdf_samples_present():
    assert SAMPLES.exists(), "needs ../shared/samples"
