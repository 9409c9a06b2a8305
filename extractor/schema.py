"""JSON Schema generated from the pydantic models (the source of truth)."""

from __future__ import annotations

import json
from pathlib import Path

from extractor.models import ErrorInfo, ExtractionResult

SCHEMA_FILES = {
    "extraction_result.schema.json": ExtractionResult,
    "error.schema.json": ErrorInfo,
}
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


def schemas() -> dict[str, dict]:
    out = {}
    for name, model in SCHEMA_FILES.items():
        schema = model.model_json_schema(mode="serialization")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://extractor.invalid/schemas/{name}"
        out[name] = schema
    return out


def dumps(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = directory / name
        path.write_text(dumps(schema), encoding="utf-8")
        written.append(path)
    return written
