"""Comparable keys of a result: what two extractions of one document share.

Used to check that the text and the PDF renderings of a document give the
same entities (offsets differ between renderings, values must not).
"""

from __future__ import annotations

import re

from extractor.models import ExtractionResult

_WS = re.compile(r"\s+")


def _squeeze(s: str | None) -> str | None:
    return None if s is None else _WS.sub("", s)


def entity_keys(r: ExtractionResult) -> dict[str, set]:
    """One set of hashable keys per field."""
    resp = set()
    for item in r.responsibilities:
        for role in ("lead", "participants", "shared"):
            for a in getattr(item, role):
                resp.add((item.task, role, a.canonical or a.name))
        if item.all_departments:
            resp.add((item.task, "shared", "*"))
    return {
        "title": {_squeeze(r.title.text)} if r.title else set(),
        "doc_numbers": {(d.normalized, d.role) for d in r.doc_numbers},
        "issuing_agencies": {a.canonical or a.name for a in r.issuing_agencies},
        "dates": {(d.role, d.value, d.value_end) for d in r.dates},
        "minerals": {m.canonical for m in r.minerals},
        "targets": {
            (t.value, t.value_max, t.normalized_unit or t.unit, t.year) for t in r.targets
        },
        "responsibilities": resp,
        "references": {(_squeeze(x.title), x.doc_number) for x in r.references},
        "institution": {r.institution.canonical or r.institution.name} if r.institution else set(),
        "statistics": {
            (s.value, s.value_max, s.normalized_unit or s.unit, s.region) for s in r.statistics
        },
        "forecasts": {(f.horizon, f.direction, f.magnitude) for f in r.forecasts},
        "regions": {x.canonical for x in r.regions},
        "policy_events": {(p.agency_canonical or p.agency, p.date) for p in r.policy_events},
    }
