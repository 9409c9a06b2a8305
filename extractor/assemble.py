"""The one place that builds the pydantic result from a processed `Doc`."""

from __future__ import annotations

from typing import Any

from typing import TYPE_CHECKING

from pydantic import BaseModel

from extractor import models as m
from extractor.ingest.types import IngestedDocument
from extractor.normalize import Loc, NormalizedText

if TYPE_CHECKING:  # spaCy is imported by the pipelines, when a document needs them
    from spacy.tokens import Doc

# doc.spans key (= result field) -> model of one item
LIST_FIELDS: dict[str, type[BaseModel]] = {
    "doc_numbers": m.DocNumber,
    "issuing_agencies": m.Agency,
    "dates": m.DateMention,
    "minerals": m.Mineral,
    "targets": m.Target,
    "responsibilities": m.Responsibility,
    "references": m.Reference,
    "sections": m.Section,
    "institutions": m.Institution,
    "policy_events": m.PolicyEvent,
    "statistics": m.Statistic,
    "forecasts": m.Forecast,
    "regions": m.Region,
    "figures": m.Figure,
}
SINGLE_FIELDS: dict[str, type[BaseModel]] = {
    "title": m.Title,
    "institution": m.Institution,
}


def _resolve(value: Any, norm: NormalizedText) -> Any:
    if isinstance(value, Loc):
        return norm.evidence(value.start, value.end)
    if isinstance(value, dict):
        return {k: _resolve(v, norm) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_resolve(v, norm) for v in value]
    return value


def _item(model: type[BaseModel], span, norm: NormalizedText) -> BaseModel:
    fields = dict(span._.fields or {})
    for default_key in ("text", "name"):
        if default_key in model.model_fields and default_key not in fields:
            fields[default_key] = span.text
    fields.setdefault("evidence", Loc(span.start_char, span.end_char))
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
    from extractor.pipelines.base import spans

    data: dict[str, Any] = {}
    for key, model in LIST_FIELDS.items():
        items = [_item(model, s, norm) for s in spans(doc, key)]
        items.sort(key=lambda it: (it.evidence.start, it.evidence.end))
        data[key] = items
    for key, model in SINGLE_FIELDS.items():
        found = spans(doc, key)
        data[key] = _item(model, found[0], norm) if found else None
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
