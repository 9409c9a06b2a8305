"""The annotated corpus in corpora/: every gold file is schema-valid, its offsets
spell its surfaces, and the shared sources still have the recorded sha256.

Documents whose source lives in ../shared (the seeds and the real documents)
need that folder: these tests fail, not skip, when it is missing.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from extractor import evaluate as ev

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
GOLD_DIRS = sorted(p.parent for p in CORPORA.rglob("gold.json"))


def _meta(d: Path) -> dict:
    return json.loads((d / "meta.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def annotate():
    path = ROOT / "scripts" / "annotate.py"
    spec = importlib.util.spec_from_file_location("annotate_script", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["annotate_script"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.shared
@pytest.mark.parametrize("doc_dir", GOLD_DIRS, ids=lambda p: p.name)
def test_gold_is_valid_and_offsets_spell_surfaces(doc_dir, request):
    meta = _meta(doc_dir)
    if meta["source"].get("shared"):
        request.getfixturevalue("samples_dir")  # fails with a clear message without ../shared
    doc = next(d for d in ev.load_corpus(doc_dir.parent) if d.dir == doc_dir)
    assert ev.validate_doc(doc) == []


@pytest.mark.parametrize("doc_dir", GOLD_DIRS, ids=lambda p: p.name)
def test_gold_items_carry_contract_values(doc_dir):
    """Every item has the normalised value its field is matched on."""
    gold = ev.Gold.model_validate_json((doc_dir / "gold.json").read_text(encoding="utf-8"))
    for d in gold.doc_numbers:
        assert d.normalized
    for a in gold.issuing_agencies:
        assert a.canonical or a.name
    for r in gold.responsibilities:
        assert r.task and (r.lead or r.participants or r.shared or r.all_departments)
    for t in gold.targets:
        assert t.value is not None
    assert gold.fields, "a gold file must say which fields it annotates"


def test_corpus_size_and_mix():
    sets: dict[str, int] = {}
    for d in GOLD_DIRS:
        s = _meta(d)["set"]
        sets[s] = sets.get(s, 0) + 1
    assert len(GOLD_DIRS) >= 25
    assert sets.get("seeds") == 2
    assert sets.get("synthetic", 0) >= 10
    assert sets.get("real", 0) >= 13


def test_synthetic_sources_live_beside_their_gold():
    for d in GOLD_DIRS:
        meta = _meta(d)
        if meta["set"] == "synthetic":
            assert meta["source"]["file"] and (d / meta["source"]["file"]).is_file()
        else:
            assert meta["source"]["shared"], d
        assert meta["origin"] and meta["licence"]


@pytest.mark.shared
def test_shared_sources_match_recorded_sha256(corpus_raw_dir, seeds_dir):
    import hashlib

    for d in GOLD_DIRS:
        meta = _meta(d)
        rel = meta["source"].get("shared")
        if rel:
            data = (ev.shared_dir() / rel).read_bytes()
            assert hashlib.sha256(data).hexdigest() == meta["source"]["sha256"], d.name


def test_source_text_keeps_crlf_and_drops_bom():
    assert ev.read_source_text("\ufeffa\r\nb".encode("utf-8")) == "a\r\nb"
    assert ev.read_source_text("甲乙".encode("gb18030")) == "甲乙"


# fmt: off
FIND_CASES = [
    # text, surface, n, after, expected start
    ("甲乙甲乙", "乙", 1, None, 1),
    ("甲乙甲乙", "乙", 2, None, 3),
    ("甲乙丙甲乙", "乙", 1, "丙", 4),
    ("（一）负责（二）负责", "负责", 1, "（二）", 8),
]
# fmt: on


@pytest.mark.parametrize("text,surface,n,after,start", FIND_CASES)
def test_annotate_find(annotate, text, surface, n, after, start):
    assert annotate.find(text, surface, n, after) == start


def test_annotate_resolve_fills_evidence_and_defaults(annotate):
    text = "标题\n国务院办公厅关于X的通知\n（自然资源部牵头，财政部参加）"
    gold = annotate.resolve(
        {"@": "（自然资源部牵头，财政部参加）", "task": "1",
         "lead": [{"@": "自然资源部", "canonical": "自然资源部"}],
         "participants": [{"@": "财政部"}]},
        text, "responsibilities",
    )
    ev_ = gold["evidence"]
    assert text[ev_["start"]:ev_["end"]] == ev_["text"]
    assert gold["lead"][0]["name"] == "自然资源部"
    assert gold["participants"][0]["evidence"]["start"] > ev_["start"]
    with pytest.raises(ValueError):
        annotate.find(text, "海关总署")
