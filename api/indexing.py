"""Knowledge-base index rows of a stored result beyond the first schema: institutions,
policy events, references, the full-text terms with their BM25 statistics (`search.store`),
the work key (normalised text hash) and the result's extractor version.

`prepare(result)` does the slow part (jieba segmentation) outside any transaction;
`apply(s, doc, row, prepared)` writes inside the caller's transaction.
`backfill(conn)` indexes results stored before these tables existed (migration 0003).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api import kb, search
from api.db import (
    DocAgency,
    DocDate,
    DocEvent,
    DocInstitution,
    DocMineral,
    DocNumberRow,
    DocReference,
    Document,
    DocTarget,
    Result,
)
from extractor.models import ExtractionResult

_QUOTES = re.compile(r"[《》〈〉“”\"'\s]")


def _clip(value: str | None, n: int = 255) -> str | None:
    return None if value is None else value[:n]


def title_key(title: str | None) -> str | None:
    """A title compared across documents: no book-title marks, quotes or spaces."""
    if not title:
        return None
    return _clip(_QUOTES.sub("", title)) or None


@dataclass(frozen=True)
class Prepared:
    terms: search.Terms
    text_sha256: str | None


def prepare(result: ExtractionResult) -> Prepared:
    return Prepared(
        terms=search.terms_for(result.title.text if result.title else None, result.text),
        text_sha256=kb.text_key(result.text),
    )


def _minerals_of(r: ExtractionResult, names: list[str], hay: str) -> str:
    keys: set[str] = set(names)
    for m in r.minerals:
        if m.canonical in keys or m.name in keys or m.canonical in hay or m.name in hay:
            keys |= {k for k in (m.canonical, m.name, m.parent) if k}
    keys.discard("")
    return "|" + "|".join(sorted(keys)) + "|" if keys else ""


def rows(doc_id: str, r: ExtractionResult) -> list:
    out: list = []
    seen: set[tuple[str, str | None]] = set()
    institutions = list(r.institutions)
    if r.institution is not None and all(i.name != r.institution.name for i in institutions):
        institutions.insert(0, r.institution)
    for inst in institutions:
        key = (inst.name, inst.role)
        if key in seen:
            continue
        seen.add(key)
        out.append(DocInstitution(document_id=doc_id, name=_clip(inst.name),
                                  canonical=_clip(inst.canonical), role=inst.role))
    for i, e in enumerate(r.policy_events):
        hay = r.text[e.evidence.start:e.evidence.end]
        out.append(DocEvent(
            document_id=doc_id, position=i, date=_clip(e.date, 10), agency=_clip(e.agency),
            agency_canonical=_clip(e.agency_canonical), action=_clip(e.action),
            minerals=_minerals_of(r, list(e.minerals), hay),
            evidence_json=json.dumps(e.evidence.model_dump(mode="json"), ensure_ascii=False),
        ))
    for ref in r.references:
        out.append(DocReference(
            document_id=doc_id, title=ref.title, title_key=title_key(ref.title),
            doc_number=_clip(ref.doc_number), relation=ref.relation,
            start=ref.evidence.start, end=ref.evidence.end,
        ))
    # numbers cited without a title (依据工信部联原〔2025〕62号) are references too
    titled = {ref.doc_number for ref in r.references if ref.doc_number}
    for n in r.doc_numbers:
        if n.role == "cited" and n.normalized not in titled:
            titled.add(n.normalized)
            out.append(DocReference(
                document_id=doc_id, title=None, title_key=None, doc_number=_clip(n.normalized),
                relation="cited", start=n.evidence.start, end=n.evidence.end,
            ))
    return out


def document_values(result: ExtractionResult, prepared: Prepared) -> dict:
    """Columns of `documents` this module owns."""
    inst = result.institution
    return {"text_sha256": prepared.text_sha256,
            "title_key": title_key(result.title.text if result.title else None),
            "institution": _clip((inst.canonical or inst.name) if inst else None)}


def apply(s: Session, doc_id: str, result: ExtractionResult, prepared: Prepared) -> None:
    """Write the extra index rows, the search terms and the work key of a document."""
    s.add_all(rows(doc_id, result))
    search.store(s, doc_id, prepared.terms)
    s.execute(update(Document).where(Document.id == doc_id)
              .values(**document_values(result, prepared)))


def backfill(conn) -> int:
    """Index every stored result (used by migration 0003 on an existing database)."""
    n = 0
    with Session(bind=conn) as s:
        for doc_id, result_json in s.execute(select(Result.document_id, Result.result_json)):
            result = ExtractionResult.model_validate_json(result_json)
            apply(s, doc_id, result, prepare(result))
            s.execute(update(Result).where(Result.document_id == doc_id)
                      .values(extractor_version=_clip(result.extractor_version, 32)))
            n += 1
        s.flush()
    return n


# --- the first schema's rows: agencies, minerals, targets, doc numbers, dates ----


def _ev(e) -> dict:
    return e.model_dump(mode="json")


def index_rows(doc_id: str, r: ExtractionResult) -> list:
    rows: list = []
    for a in r.issuing_agencies:
        rows.append(DocAgency(
            document_id=doc_id, role="issuer", name=_clip(a.name), canonical=_clip(a.canonical),
            level=a.level, start=a.evidence.start, end=a.evidence.end,
        ))
    for resp in r.responsibilities:
        for role, refs in (("lead", resp.lead), ("participant", resp.participants),
                           ("shared", resp.shared)):
            for ref in refs:
                rows.append(DocAgency(
                    document_id=doc_id, role=role, name=_clip(ref.name),
                    canonical=_clip(ref.canonical), task=_clip(resp.task, 64),
                    task_title=resp.task_title, start=ref.evidence.start, end=ref.evidence.end,
                ))
    spans: list[tuple[int, int, set[str]]] = []
    for m in r.minerals:
        rows.append(DocMineral(
            document_id=doc_id, name=_clip(m.name), canonical=_clip(m.canonical),
            parent=_clip(m.parent), mineral_group=m.group, strategic=m.strategic,
            mentions=max(1, len(m.mentions)),
        ))
        keys = {k for k in (m.canonical, m.name, m.parent) if k}
        for e in [m.evidence, *m.mentions]:
            spans.append((e.start, e.end, keys | {r.text[e.start:e.end]}))
    stated: set[tuple] = set()
    for i, t in enumerate(r.targets):
        fact = (t.metric, t.value, t.value_max, t.unit, t.comparator, t.year)
        if t.metric and fact in stated:  # the same target stated twice (table and body)
            continue
        stated.add(fact)
        linked: set[str] = set()
        for start, end, keys in spans:
            if start < t.evidence.end and end > t.evidence.start:
                linked |= keys
        hay = (t.text or "") + "\n" + (t.metric or "")
        for m in r.minerals:
            if m.canonical in hay or m.name in hay:
                linked |= {k for k in (m.canonical, m.name, m.parent) if k}
        linked.discard("")
        rows.append(DocTarget(
            document_id=doc_id, position=i, text=t.text, metric=_clip(t.metric), value=t.value,
            value_max=t.value_max, unit=_clip(t.unit, 64), comparator=_clip(t.comparator, 32),
            year=t.year, normalized_value=t.normalized_value,
            normalized_value_max=t.normalized_value_max,
            normalized_unit=_clip(t.normalized_unit, 64),
            minerals="|" + "|".join(sorted(linked)) + "|" if linked else "",
            evidence_json=json.dumps(_ev(t.evidence), ensure_ascii=False),
        ))
    for n in r.doc_numbers:
        rows.append(DocNumberRow(
            document_id=doc_id, text=_clip(n.text), normalized=_clip(n.normalized),
            organ_code=_clip(n.organ_code, 64), year=n.year, serial=n.serial, role=n.role,
        ))
    for d in r.dates:
        rows.append(DocDate(
            document_id=doc_id, role=d.role, value=d.value[:10],
            value_end=_clip(d.value_end, 10), precision=d.precision, text=_clip(d.text),
        ))
    return rows
