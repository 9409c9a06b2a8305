"""The field registry (extractor/fields.py): every result field is registered or
named as a document field, and a field registered there flows through gold
validation and eval matching without touching extractor/evaluate."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from extractor import evaluate as ev
from extractor import fields as fr
from extractor import models as m
from extractor.keys import entity_keys

E = {"start": 0, "end": 1, "text": "x"}


def test_every_result_field_is_registered_or_a_document_field():
    result_fields = set(m.ExtractionResult.model_fields)
    registered, document = set(fr.REGISTRY), set(fr.DOCUMENT_FIELDS)
    assert not registered & document
    missing = result_fields - registered - document
    assert not missing, f"ExtractionResult fields without a registry entry: {sorted(missing)}"
    assert registered | document == result_fields, registered | document - result_fields


@pytest.mark.parametrize("spec", list(fr.REGISTRY.values()), ids=lambda s: s.name)
def test_registry_entries_read_their_model_from_the_result(spec):
    ann = m.ExtractionResult.model_fields[spec.name].annotation
    assert spec.model.__name__ in str(ann)
    assert spec.many == (getattr(ann, "__origin__", None) is list)
    assert spec.gold_omit <= set(spec.model.model_fields)
    assert "mentions" not in ev.gold_model(spec.model).model_fields
    if spec.label:
        assert spec.scored, "Label Studio gold is only useful for a scored field"
    if spec.surface and spec.label:
        assert spec.surface in spec.model.model_fields


def test_scored_fields_and_the_eval_agree():
    assert ev.FIELDS == fr.scored_names()
    assert set(ev.GOLD_MODELS) == set(ev.FIELDS)
    assert set(ev.Gold.model_fields) == {"doc_id", "kind", "fields", "notes", *ev.FIELDS}
    assert ev.HEADER_FIELDS == ("title", "doc_numbers", "issuing_agencies", "dates")


class Widget(BaseModel):
    """A toy entity family, as a new model in models.py would be."""

    name: str
    size: float | None = None
    colour: str | None = None
    internal: str | None = None
    evidence: m.Evidence


@pytest.fixture
def widgets(monkeypatch):
    spec = fr.ResultField(
        "widgets",
        fr.Scoring(
            key=lambda x: (x.get("name"), x.get("size")),
            soft=lambda g, p: ev.soft(g.get("name")) == ev.soft(p.get("name")),
            subfield=lambda x: f"widgets.{x.get('colour')}" if x.get("colour") else None,
        ),
        label="widget",
        surface="name",
        gold_omit=frozenset({"internal"}),
        item_model=Widget,
    )
    monkeypatch.setitem(fr.REGISTRY, "widgets", spec)
    return spec


def test_a_registered_toy_field_is_matched_and_scored(widgets):
    gold = {"doc_id": "t", "kind": "research_report", "fields": ["widgets"], "widgets": [
        {"name": "齿轮", "size": 2.0, "colour": "red", "evidence": E},
        {"name": "Ｂolt", "size": 1.0, "evidence": E},
        {"name": "螺母", "size": 3.0, "evidence": E},
    ]}
    pred = {"widgets": [
        {"name": "齿轮", "size": 2.0, "colour": "red"},  # exact
        {"name": "bolt", "size": 1.0},  # soft only (width and case)
        {"name": "垫圈", "size": 4.0, "colour": "red"},  # wrong
    ]}
    scores = ev.Scores()
    ev.score_doc(gold, pred, scores, "t")
    s = ev.summarise(scores, 1)
    strict, soft = s["fields"]["widgets"]["strict"], s["fields"]["widgets"]["soft"]
    assert (strict["tp"], strict["fp"], strict["fn"]) == (1, 2, 2)
    assert (soft["tp"], soft["fp"], soft["fn"]) == (2, 1, 1)
    assert s["fields"]["widgets.red"]["strict"] | {"precision": 0} == {
        "precision": 0, "recall": 1.0, "f1": 0.6667, "tp": 1, "fp": 1, "fn": 0}
    assert s["fields"]["widgets"]["support"] == 3
    assert scores.per_doc["t"]["widgets"]["missed"] == ["Ｂolt | 1.0", "螺母 | 3.0"]


def test_a_registered_toy_field_gets_a_derived_gold_model(widgets):
    Gold = ev.gold_document_model()
    item = {"name": "齿轮", "size": 2.0, "colour": "red", "evidence": E}
    gold = Gold.model_validate(
        {"doc_id": "t", "kind": "research_report", "fields": ["widgets"], "widgets": [item]}
    )
    assert gold.widgets[0].evidence.text == "x"  # GEvidence: the surface is recorded
    for bad in ({**item, "internal": "y"}, {**item, "evidence": {"start": 0, "end": 1}}):
        with pytest.raises(ValidationError):
            Gold.model_validate({"doc_id": "t", "kind": "other", "fields": [], "widgets": [bad]})


def test_a_field_added_to_an_output_model_is_accepted_in_gold():
    class Statistic2(m.Statistic):
        confidence: float | None = None

    spec = fr.REGISTRY["statistics"]
    g = ev.gold_model(Statistic2, spec.gold_omit, dict(spec.gold_override))
    assert "confidence" in g.model_fields
    assert set(g.model_fields) - {"confidence"} == set(ev.GStatistic.model_fields)
    with pytest.raises(ValueError, match="unknown fields"):
        ev.gold_model(m.Statistic, frozenset({"no_such_field"}))


def test_entity_keys_come_from_the_registry():
    ev_ = m.Evidence(start=0, end=1)
    r = m.ExtractionResult(
        source=m.Source(sha256="0", media_type="text/plain"),
        kind=m.DocumentKind.policy_notice,
        text="x",
        title=m.Title(text="关于 X\n的通知", evidence=ev_),
        responsibilities=[m.Responsibility(
            task="5", lead=[m.AgencyRef(name="工信部", canonical="工业和信息化部", evidence=ev_)],
            all_departments=True, evidence=ev_)],
        institutions=[m.Institution(name="华鑫期货", role="quoted", evidence=ev_)],
    )
    keys = entity_keys(r)
    assert set(keys) == {f.name for f in fr.REGISTRY.values() if f.entity_keys}
    assert keys["title"] == {"关于X的通知"}
    assert keys["responsibilities"] == {("5", "lead", "工业和信息化部"), ("5", "shared", "*")}
    assert keys["institutions"] == {("华鑫期货", "quoted")}
    assert keys["institution"] == set() and keys["doc_numbers"] == set()


def test_the_assembler_builds_exactly_the_registered_span_fields(monkeypatch, seeds_dir):
    """The assembler's field list is the registry's: a field whose entry says it is not
    built from spans comes out empty even though its spans are on the Doc."""
    import dataclasses

    from extractor.core import extract

    seed = seeds_dir / "notice_003.txt"
    before = extract(seed)
    assert before.minerals and before.targets and before.title is not None
    monkeypatch.setitem(fr.REGISTRY, "minerals",
                        dataclasses.replace(fr.REGISTRY["minerals"], assembled=False))
    monkeypatch.setitem(fr.REGISTRY, "title",
                        dataclasses.replace(fr.REGISTRY["title"], assembled=False))
    after = extract(seed)
    assert after.minerals == [] and after.title is None
    assert after.targets == before.targets
