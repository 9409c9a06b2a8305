"""The registry of result fields: one entry per entity family of `ExtractionResult`.

Each entry says, for one field of extractor/models.py `ExtractionResult`:
- its item model and whether it is a list (read from `ExtractionResult`, not restated);
- how `extractor eval` scores it (`Scoring`: strict key, soft predicate, set or
  multiset, how a result's items are flattened for matching, the sub-rows a
  matched item also counts under, which items the header-fields-all-right share
  looks at), or `score=None` when it is not scored;
- what the gold carries (every field of the item model but `mentions`, minus
  `gold_omit`, with `gold_override` constraints; extractor/evaluate/gold.py derives
  the gold models);
- its comparable keys across renderings (`entity_keys`, read by extractor/keys.py);
- its Label Studio label, the key holding its surface, and labels of nested items
  (read by extractor/labelstudio.py).

A new entity family is one model in models.py, one component, and one entry here:
scoring, gold validation, keys and Label Studio follow. `DOCUMENT_FIELDS` names
the result fields that describe the document rather than an entity family; a test
fails when a field of `ExtractionResult` is in neither.

Scoring per field, as the entries below implement it (strict key | soft predicate;
each document contributes a set of keys per field, exact duplicates by strict key
dropped on both sides, except for targets, statistics and forecasts, which are
multisets; matching is greedy and one-to-one, exact keys first, then soft):

- title: text equal | soft(text) equal
- doc_numbers: `normalized` equal | soft(normalized) equal (brackets vanish)
- issuing_agencies: `canonical` (else `name`) | soft, a leading 中华人民共和国 dropped
- dates: (role, value, value_end) | (role, value)
- minerals: catalogue mineral, the gazetteer's parent chain followed to the top
  (氧化铝 -> 铝 -> 铝土矿) | gold canonical among {canonical, parent, name} of any
  prediction (many-to-one)
- targets: (value, value_max, unit, year) | value equal, soft units equal or one
  contains the other, year equal or missing
- responsibilities: (task, role, canonical) triples | task by its innermost number,
  soft agency
- references: title without 《》 | soft(title); only `cited` ones (not the
  document a transmittal notice issues)
- statistics: (value, unit, region, projected) | (abs(value), soft unit, projected):
  the sign of a change is not compared; a projected number never matches an observed one
- institutions: (canonical else name, role publisher|quoted) | soft name, any role
- forecasts: (horizon, subject) | horizon equal, soft subjects equal or one contains
  the other

soft(s) = NFKC, casefold, then drop every whitespace, punctuation and symbol
character (Unicode categories Z*, P*, S*).

The assembler can read the same entries: `spec.model`, `spec.many` and
`spec.assembled` (items built from `doc.spans[spec.name]`) replace its own field
tables. This module imports models.py and extractor/compare.py only.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, get_args, get_origin

from pydantic import BaseModel
from pydantic import Field as PField

from extractor import models as m
from extractor.compare import (
    absolute,
    agency_key,
    agency_soft,
    catalogue,
    contains,
    num_eq,
    rounded,
    soft,
    soft_unit,
    squeeze,
    strip_title_marks,
    task_tail,
)

# Result fields that describe the document, not an entity family.
DOCUMENT_FIELDS = (
    "schema_version",
    "extractor_version",
    "source",
    "kind",
    "kind_confidence",
    "text",
    "warnings",
)


@dataclass(frozen=True)
class Scoring:
    """How `extractor eval` scores one field (items are plain dicts)."""

    key: Callable[[dict], Any]  # strict key (also used to drop duplicates)
    soft: Callable[[dict, dict], bool]  # soft predicate (gold, pred)
    # soft matching many-to-one: a gold item is found when any prediction
    # satisfies the predicate, a prediction is wrong when it satisfies none
    soft_any: bool = False
    # items are distinct statements even when their keys coincide (two targets
    # of 30% for different metrics): matched as multisets, not sets
    multiset: bool = False
    # a result dict -> the items to match (None: the field's items as they are)
    items: Callable[[dict], list[dict]] | None = None
    # an item -> the sub-row it also counts under ("dates.written"), or None
    subfield: Callable[[dict], str | None] | None = None
    # None: not a header field; else which items the header share compares
    header: Callable[[dict], bool] | None = None


@dataclass(frozen=True)
class ResultField:
    name: str
    score: Scoring | None = None  # None: not scored by `extractor eval`
    entity_keys: Callable[[Any], Iterable[Hashable]] | None = None
    label: str | None = None  # Label Studio label (None: not exported)
    surface: str | None = "text"  # the item key that holds the surface as written
    nested_labels: Mapping[str, str] = field(default_factory=dict)  # list key -> label
    gold_omit: frozenset[str] = frozenset()
    gold_override: Mapping[str, tuple[Any, Any]] = field(default_factory=dict)
    assembled: bool = True  # built by the assembler from doc.spans[name]
    # a field not (yet) in ExtractionResult: a list of this model (default: read the
    # item model from ExtractionResult)
    item_model: type[BaseModel] | None = None

    @property
    def model(self) -> type[BaseModel]:
        """The output model of one item."""
        return self.item_model or _result_item(self.name)[0]

    @property
    def many(self) -> bool:
        """A list of items (else one item or None)."""
        return True if self.item_model else _result_item(self.name)[1]

    @property
    def scored(self) -> bool:
        return self.score is not None


def _result_item(name: str) -> tuple[type[BaseModel], bool]:
    """(item model, is a list) of one ExtractionResult field."""
    tp = m.ExtractionResult.model_fields[name].annotation
    many = get_origin(tp) is list
    args = [a for a in get_args(tp) if a is not type(None)] or [tp]
    item = args[0]
    if not (isinstance(item, type) and issubclass(item, BaseModel)):
        raise TypeError(f"ExtractionResult.{name} is not an item field: {tp}")
    return item, many


def result_items(spec: ResultField, result: dict) -> list[dict]:
    """The items of one field in a result or gold dict (one item or a list)."""
    value = result.get(spec.name)
    if not spec.many:
        return [value] if value else []
    return list(value or [])


# --- field-specific scoring ----------------------------------------------------


def _eq_soft(getter: Callable[[dict], Any]) -> Callable[[dict, dict], bool]:
    return lambda g, p: soft(getter(g)) == soft(getter(p)) and soft(getter(g)) != ""


def _target_soft(g: dict, p: dict) -> bool:
    if not num_eq(g.get("value"), p.get("value")):
        return False
    gu, pu = soft_unit(g.get("unit")), soft_unit(p.get("unit"))
    if gu != pu and not contains(gu, pu):
        return False
    gy, py = g.get("year"), p.get("year")
    return gy is None or py is None or gy == py


def _stat_soft(g: dict, p: dict) -> bool:
    # soft ignores the sign convention of changes (下降4.1% as -4.1 or 4.1);
    # a projected number never matches an observed one
    if bool(g.get("projected")) != bool(p.get("projected")):
        return False
    if not num_eq(absolute(g.get("value")), absolute(p.get("value"))):
        return False
    gu, pu = soft_unit(g.get("unit")), soft_unit(p.get("unit"))
    return gu == pu or contains(gu, pu)


def _forecast_soft(g: dict, p: dict) -> bool:
    if g.get("horizon") != p.get("horizon"):
        return False
    gs, ps = soft(g.get("subject")), soft(p.get("subject"))
    return gs == ps or contains(gs, ps)


def _mineral_items(result: dict) -> list[dict]:
    # scored at catalogue level: a product term counts as its parent mineral
    out = []
    for x in result.get("minerals") or []:
        top = catalogue(x.get("parent") or x.get("canonical"))
        alts = [x.get("canonical"), x.get("parent"), x.get("name"), top]
        out.append({"canonical": top, "alts": alts})
    return out


RESPONSIBILITY_ROLES = (("lead", "lead"), ("participant", "participants"), ("shared", "shared"))


def responsibility_triples(items: list[dict]) -> list[dict]:
    """Flatten responsibilities into (task, role, agency) items."""
    out = []
    for r in items:
        for role, key in RESPONSIBILITY_ROLES:
            for a in r.get(key) or []:
                out.append({"task": r.get("task"), "role": role, "agency": a})
        if r.get("all_departments"):
            out.append({"task": r.get("task"), "role": "all_departments", "agency": {"name": "*"}})
    return out


def _institution_items(result: dict) -> list[dict]:
    items = list(result.get("institutions") or [])
    if not items and result.get("institution"):
        # a result from before `institutions` existed: its one institution publishes
        return [{"role": "publisher", **result["institution"]}]
    return items


def _cited_references(result: dict) -> list[dict]:
    # the gold annotates cited documents; the one a transmittal notice issues
    # (relation "attached") is not a citation
    return [x for x in result.get("references") or [] if x.get("relation", "cited") == "cited"]


def _responsibility_keys(r: m.Responsibility) -> Iterator[tuple]:
    for role in ("lead", "participants", "shared"):
        for a in getattr(r, role):
            yield (r.task, role, a.canonical or a.name)
    if r.all_departments:
        yield (r.task, "shared", "*")


def _one(key: Callable[[Any], Hashable]) -> Callable[[Any], tuple[Hashable]]:
    return lambda item: (key(item),)


def _every(item: dict) -> bool:
    return True


_ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


# --- the registry ---------------------------------------------------------------
# Scored fields first, in the order the eval reports them.

_FIELDS = [
    ResultField(
        "title",
        Scoring(lambda x: x.get("text"), _eq_soft(lambda x: x.get("text")), header=_every),
        entity_keys=_one(lambda t: squeeze(t.text)),
        label="title",
    ),
    ResultField(
        "doc_numbers",
        Scoring(
            lambda x: x.get("normalized"),
            _eq_soft(lambda x: x.get("normalized")),
            subfield=lambda x: f"doc_numbers.{x.get('role')}",
            header=lambda x: x.get("role") == "self",
        ),
        entity_keys=_one(lambda d: (d.normalized, d.role)),
        label="doc_number",
        gold_omit=frozenset({"organ_code", "year", "serial", "family"}),
    ),
    ResultField(
        "issuing_agencies",
        Scoring(agency_key, lambda g, p: agency_soft(g) == agency_soft(p), header=_every),
        entity_keys=_one(lambda a: a.canonical or a.name),
        label="agency",
        surface="name",
    ),
    ResultField(
        "dates",
        Scoring(
            lambda x: (x.get("role"), x.get("value"), x.get("value_end")),
            lambda g, p: g.get("role") == p.get("role")
            and soft(g.get("value")) == soft(p.get("value")),
            subfield=lambda x: f"dates.{x.get('role')}",
            header=lambda x: x.get("role") in ("written", "published"),
        ),
        entity_keys=_one(lambda d: (d.role, d.value, d.value_end)),
        label="date",
        gold_omit=frozenset({"year_inferred"}),
        gold_override={
            "value": (str, PField(pattern=_ISO_DATE)),
            "value_end": (str | None, PField(default=None, pattern=_ISO_DATE)),
        },
    ),
    ResultField(
        "minerals",
        Scoring(
            lambda x: x.get("canonical"),
            lambda g, p: soft(g.get("canonical")) in {soft(a) for a in p.get("alts") or [] if a},
            soft_any=True,
            items=_mineral_items,
        ),
        entity_keys=_one(lambda x: x.canonical),
        label="mineral",
        surface="name",
        gold_omit=frozenset({"group", "strategic", "parent"}),
    ),
    ResultField(
        "targets",
        Scoring(
            lambda x: (
                rounded(x.get("value")), rounded(x.get("value_max")), x.get("unit"), x.get("year")
            ),
            _target_soft,
            multiset=True,
        ),
        entity_keys=_one(lambda t: (t.value, t.value_max, t.normalized_unit or t.unit, t.year)),
        label="target",
        gold_omit=frozenset({"normalized_value", "normalized_value_max", "normalized_unit"}),
    ),
    ResultField(
        "responsibilities",
        Scoring(
            lambda x: (x["task"], x["role"], agency_key(x["agency"])),
            lambda g, p: g["role"] == p["role"]
            and task_tail(g["task"]) == task_tail(p["task"])
            and agency_soft(g["agency"]) == agency_soft(p["agency"]),
            items=lambda r: responsibility_triples(list(r.get("responsibilities") or [])),
            subfield=lambda x: f"responsibilities.{x['role']}",
        ),
        entity_keys=_responsibility_keys,
        label="responsibility",
        surface=None,
        nested_labels={
            "lead": "resp_lead", "participants": "resp_participant", "shared": "resp_shared"
        },
    ),
    ResultField(
        "references",
        Scoring(
            lambda x: strip_title_marks(x.get("title")),
            _eq_soft(lambda x: x.get("title")),
            items=_cited_references,
        ),
        entity_keys=_one(lambda x: (squeeze(x.title), x.doc_number)),
        label="reference",
        surface="title",
        gold_omit=frozenset({"relation"}),
    ),
    ResultField(
        "statistics",
        Scoring(
            lambda x: (
                rounded(x.get("value")), x.get("unit"), x.get("region"), bool(x.get("projected"))
            ),
            _stat_soft,
            multiset=True,
            subfield=lambda x: "statistics.projected" if x.get("projected") else None,
        ),
        entity_keys=_one(
            lambda s: (s.value, s.value_max, s.normalized_unit or s.unit, s.region)
        ),
        label="statistic",
        gold_omit=frozenset({"period_inferred", "normalized_value", "normalized_unit"}),
    ),
    ResultField(
        "forecasts",
        Scoring(lambda x: (x.get("horizon"), x.get("subject")), _forecast_soft, multiset=True),
        entity_keys=_one(lambda f: (f.horizon, f.direction, f.magnitude)),
        label="forecast",
    ),
    ResultField(
        "institutions",
        Scoring(
            lambda x: (agency_key(x), x.get("role", "publisher")),
            lambda g, p: agency_soft(g) == agency_soft(p),
            items=_institution_items,
            subfield=lambda x: f"institutions.{x.get('role', 'publisher')}",
        ),
        entity_keys=_one(lambda i: (i.canonical or i.name, i.role)),
        label="institution",
        surface="name",
        gold_omit=frozenset({"source"}),
    ),
    # not scored (no gold yet)
    ResultField("institution", entity_keys=_one(lambda i: i.canonical or i.name)),
    ResultField("sections"),
    ResultField("furniture", assembled=False),  # from ingestion, not from spans
    # from a page's metadata table (extractor/page_metadata.py), not from spans
    ResultField("index_number", assembled=False, entity_keys=_one(lambda v: v.text)),
    ResultField("subject_category", assembled=False, entity_keys=_one(lambda v: v.text)),
    ResultField(
        "policy_events", entity_keys=_one(lambda p: (p.agency_canonical or p.agency, p.date))
    ),
    ResultField("regions", entity_keys=_one(lambda x: x.canonical)),
    ResultField("figures"),
]

# name -> entry, in report order. Read it at call time (tests register toy fields).
REGISTRY: dict[str, ResultField] = {f.name: f for f in _FIELDS}


def scored() -> list[ResultField]:
    """The fields `extractor eval` scores (and the gold carries), in report order."""
    return [f for f in REGISTRY.values() if f.scored]


def scored_names() -> tuple[str, ...]:
    return tuple(f.name for f in scored())


def header_names() -> tuple[str, ...]:
    return tuple(f.name for f in scored() if f.score.header is not None)


def labelled() -> list[ResultField]:
    """The fields exported to Label Studio, in report order."""
    return [f for f in REGISTRY.values() if f.label]

