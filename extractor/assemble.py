"""The one place that builds the pydantic result from a processed `Doc`.

Which fields come from spans, their item model and whether they are a list is read
from the field registry (`extractor/fields.py`): a new entity family is a registry
entry and a component writing `doc.spans[<field>]`, nothing here."""

from __future__ import annotations

from typing import Any

from typing import TYPE_CHECKING

from pydantic import BaseModel

from extractor import fields
from extractor import models as m
from extractor.ingest.types import IngestedDocument
from extractor.normalize import Loc, NormalizedText

if TYPE_CHECKING:  # spaCy is imported by the pipelines, when a document needs them
    from spacy.tokens import Doc


# values that _resolve returns as they are (none of them a Loc, dict, list or tuple):
# tested by exact type, so the common leaves cost no isinstance chain
_LEAVES = frozenset({str, int, float, bool, type(None)})


def _resolve(value: Any, norm: NormalizedText) -> Any:
    """`value` with every `Loc` in it (in dicts, lists, tuples) turned into evidence."""
    if type(value) in _LEAVES:
        return value
    if isinstance(value, Loc):
        return norm.evidence(value.start, value.end)
    if isinstance(value, dict):
        return {k: v if type(v) in _LEAVES else _resolve(v, norm) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [v if type(v) in _LEAVES else _resolve(v, norm) for v in value]
    return value


def _item(
    model: type[BaseModel],
    fields: dict | None,
    start: int,
    end: int,
    norm: NormalizedText,
    text: str,
    defaults: tuple[str, ...],
) -> BaseModel:
    """One item of `model` from a span's fields and characters `start:end`: `text`/`name`
    (`defaults`: those of the two the model has) default to `text[start:end]` (what
    `span.text` gives, without building a token per character)."""
    fields = dict(fields or {})
    for default_key in defaults:
        if default_key not in fields:
            fields[default_key] = text[start:end]
    fields.setdefault("evidence", Loc(start, end))
    return model.model_validate(_resolve(fields, norm))


def assemble(
    doc: Doc,
    norm: NormalizedText,
    ingested: IngestedDocument,
    *,
    kind: str,
    kind_confidence: float,
    extractor_version: str | None = None,
) -> m.ExtractionResult:
    from extractor.pipelines.base import doc_text, span_fields, spans

    text = doc_text(doc)

    # every registered field built from spans: doc.spans[name] -> items of its model
    data: dict[str, Any] = {}
    for spec in fields.REGISTRY.values():
        if not spec.assembled:
            continue
        found = spans(doc, spec.name)
        model = spec.model
        defaults = tuple(k for k in ("text", "name") if k in model.model_fields)

        def item(s) -> BaseModel:
            return _item(model, span_fields(s), s.start_char, s.end_char, norm, text, defaults)

        if spec.many:
            items = [item(s) for s in found]
            items.sort(key=lambda it: (it.evidence.start, it.evidence.end))
            data[spec.name] = items
        else:
            data[spec.name] = item(found[0]) if found else None
    source = m.Source(
        filename=ingested.filename,
        sha256=ingested.sha256,
        media_type=ingested.media_type,
        pages=len(ingested.pages) if ingested.has_layout else None,
        encoding=ingested.encoding,
        ocr_pages=ingested.ocr_pages,
    )
    furniture = [
        m.Furniture(
            kind=f.kind,
            text=f.text,
            page=f.page,
            bbox=None if f.bbox is None else m.BBox(x0=f.bbox[0], top=f.bbox[1], x1=f.bbox[2], bottom=f.bbox[3]),
        )
        for f in ingested.furniture
    ]
    return m.ExtractionResult(
        extractor_version=extractor_version,
        source=source,
        kind=m.DocumentKind(kind),
        kind_confidence=kind_confidence,
        text=norm.text,
        furniture=furniture,
        warnings=list(ingested.warnings),
        **data,
    )
