"""schemas/*.json are generated from the pydantic models and must not drift."""

from __future__ import annotations

import json

import pytest

from extractor import schema
from extractor.models import SCHEMA_VERSION, ExtractionResult


@pytest.mark.parametrize("name", sorted(schema.SCHEMA_FILES))
def test_schema_file_matches_models(name):
    path = schema.SCHEMA_DIR / name
    assert path.exists(), f"{path} missing: run `extractor schema --write`"
    committed = path.read_text(encoding="utf-8")
    generated = schema.dumps(schema.schemas()[name])
    assert committed == generated, (
        f"{name} drifted from extractor/models.py: run `extractor schema --write` and commit"
    )


def test_schema_contract_field_names():
    """The names knowledge-base builders rely on (add fields, never rename)."""
    props = schema.schemas()["extraction_result.schema.json"]["properties"]
    for field in [
        "schema_version", "source", "kind", "text", "title", "doc_numbers",
        "issuing_agencies", "dates", "minerals", "targets", "responsibilities", "references",
    ]:
        assert field in props
    defs = schema.schemas()["extraction_result.schema.json"]["$defs"]
    expected = {
        "Source": {"filename", "sha256", "media_type", "pages"},
        "DocNumber": {"text", "normalized", "organ_code", "year", "serial", "role", "evidence"},
        "Agency": {"name", "canonical", "level", "evidence"},
        "DateMention": {"text", "value", "role", "evidence"},
        "Mineral": {"name", "canonical", "group", "strategic", "mentions", "evidence"},
        "Target": {
            "text", "metric", "value", "value_max", "unit", "comparator", "year",
            "normalized_value", "normalized_unit", "evidence",
        },
        "Responsibility": {"task", "task_title", "lead", "participants", "shared", "evidence"},
        "Reference": {"title", "doc_number", "evidence"},
        "Evidence": {"start", "end", "page", "bbox"},
    }
    for model, fields in expected.items():
        assert fields <= set(defs[model]["properties"]), model


def test_schema_version_is_published():
    r = ExtractionResult.model_json_schema()
    assert r["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    json.dumps(r)  # serialisable
