"""Comparable keys of a result: what two extractions of one document share.

Used to check that the text and the PDF renderings of a document give the
same entities (offsets differ between renderings, values must not). The key
of each field is its registry entry's `entity_keys` (extractor/fields.py).
"""

from __future__ import annotations

from extractor import fields as fr
from extractor.models import ExtractionResult


def entity_keys(r: ExtractionResult) -> dict[str, set]:
    """One set of hashable keys per field that has entity keys."""
    out: dict[str, set] = {}
    for spec in fr.REGISTRY.values():
        if spec.entity_keys is None:
            continue
        value = getattr(r, spec.name)
        items = value if spec.many else ([] if value is None else [value])
        out[spec.name] = {k for item in items for k in spec.entity_keys(item)}
    return out
