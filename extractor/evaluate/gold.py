"""The gold schema: `gold.json` and `meta.json` of a corpus entry.

The gold item models are derived from the output contract (extractor/models.py)
through the field registry (extractor/fields.py): every field of the output
model except `mentions` (the gold records each fact once, with one evidence) and
the entry's `gold_omit`, with `Evidence` replaced by `GEvidence`
(start, end and the surface text, which the validator checks), nested models
derived the same way, `gold_override` constraints applied, and extra keys
forbidden. A field added to models.py is accepted in gold without a change here.
"""

from __future__ import annotations

import copy
import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, create_model

from extractor import fields as fr
from extractor import models as m
from extractor.models import DocumentKind


class _G(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GEvidence(_G):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(description="The surface: source_text[start:end].")


_derived: dict[tuple, type[BaseModel]] = {}
# Never in gold: every place a fact is stated is the extractor's aggregation.
ALWAYS_OMIT = frozenset({"mentions"})


def _gold_type(tp: Any) -> Any:
    """An output annotation with every output model replaced by its gold model."""
    if tp is m.Evidence:
        return GEvidence
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return gold_model(tp)
    origin, args = get_origin(tp), get_args(tp)
    if origin is None or not args:
        return tp
    new = tuple(_gold_type(a) for a in args)
    if new == args:
        return tp
    if origin is list:
        return list[new[0]]
    if origin in (Union, types.UnionType):
        return Union[new]  # noqa: UP007 (built from a tuple)
    raise TypeError(f"no gold form for {tp!r}")


def gold_model(
    model: type[BaseModel],
    omit: frozenset[str] = frozenset(),
    override: dict[str, tuple[Any, Any]] | None = None,
) -> type[BaseModel]:
    """The gold model of one output model (cached per arguments)."""
    override = dict(override or {})
    cache_key = (model, omit, tuple(sorted(override)))
    if cache_key in _derived:
        return _derived[cache_key]
    spec: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in omit or name in ALWAYS_OMIT:
            continue
        if name in override:
            spec[name] = override[name]
            continue
        info = copy.copy(info)
        ann = _gold_type(info.annotation)
        info.annotation = ann
        spec[name] = (ann, info)
    unknown = (set(omit) | set(override)) - set(model.model_fields)
    if unknown:
        raise ValueError(f"{model.__name__}: gold names unknown fields {sorted(unknown)}")
    gold = create_model(f"G{model.__name__}", __base__=_G, __doc__=model.__doc__, **spec)
    _derived[cache_key] = gold
    return gold


def field_gold_model(spec: fr.ResultField) -> type[BaseModel]:
    """The gold model of one item of a registered field."""
    return gold_model(spec.model, spec.gold_omit, dict(spec.gold_override))


def gold_document_model() -> type[BaseModel]:
    """`gold.json`: doc_id, kind, the annotated `fields`, one entry per scored field."""
    spec: dict[str, Any] = {
        "doc_id": (str, ...),
        "kind": (DocumentKind, ...),
        "fields": (
            list[str],
            Field(description="Fields annotated exhaustively in this document; "
                  "only these are scored."),
        ),
    }
    for f in fr.scored():
        g = field_gold_model(f)
        spec[f.name] = (list[g], Field(default_factory=list)) if f.many else (g | None, None)
    spec["notes"] = (str | None, None)
    return create_model(
        "Gold",
        __base__=_G,
        __doc__="`gold.json`: field names are the output contract's (extractor/models.py).",
        **spec,
    )


def prune(item: Any, model: type[BaseModel]) -> Any:
    """Keep only the keys `model` knows, recursively (predictions carry more)."""
    if not isinstance(item, dict):
        return item
    out = {}
    for k, v in item.items():
        info = model.model_fields.get(k)
        if info is None:
            continue
        sub = _model_in(info.annotation)
        if sub is None:
            out[k] = v
        elif isinstance(v, list):
            out[k] = [prune(x, sub) for x in v]
        else:
            out[k] = prune(v, sub)
    return out


def _model_in(tp: Any) -> type[BaseModel] | None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for a in get_args(tp):
        found = _model_in(a)
        if found is not None:
            return found
    return None


Gold = gold_document_model()
GOLD_MODELS: dict[str, type[BaseModel]] = {f.name: field_gold_model(f) for f in fr.scored()}
GTitle = GOLD_MODELS["title"]
GDocNumber = GOLD_MODELS["doc_numbers"]
GAgency = GOLD_MODELS["issuing_agencies"]
GDate = GOLD_MODELS["dates"]
GMineral = GOLD_MODELS["minerals"]
GTarget = GOLD_MODELS["targets"]
GResponsibility = GOLD_MODELS["responsibilities"]
GAgencyRef = gold_model(m.AgencyRef)
GReference = GOLD_MODELS["references"]
GStatistic = GOLD_MODELS["statistics"]
GForecast = GOLD_MODELS["forecasts"]
GInstitution = GOLD_MODELS["institutions"]


class MetaSource(_G):
    file: str | None = Field(default=None, description="source file beside meta.json")
    shared: str | None = Field(default=None, description="path under ../shared")
    sha256: str
    input_shared: str | None = Field(
        default=None, description="PDF the extractor reads (under ../shared); the text above "
        "is then the rendered text the gold offsets index"
    )
    input_file: str | None = Field(default=None, description="PDF beside meta.json")
    input_sha256: str | None = None


class Meta(_G):
    doc_id: str
    set: str
    kind: DocumentKind
    source: MetaSource
    origin: str
    licence: str
    notes: str | None = None
