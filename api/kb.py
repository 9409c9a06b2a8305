"""Knowledge-base queries that know what the extractor knows.

- Filter values are expanded through the gazetteers before they reach SQL:
  `agency_keys("工信部")` holds 工业和信息化部 and every alias of it, a document
  number is matched in its GB/T 9704 form (工信部联原[2025]62号 -> 工信部联原〔2025〕62号),
  a mineral by its canonical name, an institution by canonical name and aliases.
- One document, one set of facts: uploads whose result texts are the same (PDF, text
  and JSON of one notice) form one *work*; `primary_document()` keeps one document per
  work (the smallest id), so cross-document answers count a fact once.
- Target history: metrics are compared after normalisation (`metric_key`: the measure
  from api/data/metrics.tsv, 产量 / 产能 / 利用率 …, plus the subject before it).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import aliased

from api.db import (
    DocAgency,
    DocInstitution,
    DocMineral,
    DocNumberRow,
    Document,
)
from extractor.gazetteers import read_tsv

DATA = Path(__file__).resolve().parent / "data"


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


# --- filter keys --------------------------------------------------------------


@lru_cache(maxsize=1)
def _agency_groups() -> dict[str, frozenset[str]]:
    """Every agency name -> all names of the same organ (canonical, aliases, short names)."""
    from extractor.agencies import alias_table

    by_canon: dict[str, set[str]] = {}
    for name, (entry, _weak) in alias_table().items():
        by_canon.setdefault(entry.canonical, {entry.canonical}).add(name)
    out: dict[str, frozenset[str]] = {}
    for names in by_canon.values():
        group = frozenset(names)
        for n in names:
            out[n] = group
    return out


def agency_keys(name: str) -> set[str]:
    """The names an agency filter matches: as given, plus every name of the same organ."""
    from extractor.agencies import canonical_name

    key = "".join(name.split())
    keys = {name, key}
    canon = canonical_name(key)
    if canon:
        keys |= _agency_groups().get(canon, frozenset({canon}))
    keys |= _agency_groups().get(key, frozenset())
    return keys


def agency_match(name: str):
    keys = agency_keys(name)
    return or_(DocAgency.canonical.in_(keys), DocAgency.name.in_(keys))


@lru_cache(maxsize=1)
def _mineral_canonicals() -> dict[str, str]:
    from extractor.minerals import entries

    return {term: e.canonical for term, e in entries().items()}


def mineral_keys(name: str) -> set[str]:
    keys = {name}
    canon = _mineral_canonicals().get(name)
    if canon:
        keys.add(canon)
    return keys


def mineral_match(name: str):
    keys = mineral_keys(name)
    return or_(DocMineral.canonical.in_(keys), DocMineral.name.in_(keys),
               DocMineral.parent.in_(keys))


def target_mineral_match(name: str):
    """A target about a mineral: linked to one of its names, or naming it."""
    from api.db import DocTarget

    conds = []
    for key in mineral_keys(name):
        conds += [DocTarget.minerals.contains(f"|{key}|", autoescape=True),
                  DocTarget.text.contains(key, autoescape=True),
                  DocTarget.metric.contains(key, autoescape=True)]
    return or_(*conds)


@lru_cache(maxsize=1)
def _institution_groups() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for row in read_tsv("institutions.tsv"):
        group = frozenset([row["canonical"], *_split(row["aliases"])])
        for n in group:
            out[n] = group
    return out


def institution_keys(name: str) -> set[str]:
    return {name} | _institution_groups().get(name, frozenset())


def doc_number_keys(value: str) -> set[str]:
    """The number as given and its normal form (any bracket, spaces, full-width digits)."""
    from extractor.grammars.doc_number import parse

    keys = {value}
    p = parse(value)
    if p is not None:
        keys.add(p.normalized)
    return keys


# --- works ------------------------------------------------------------------------


def text_key(text: str | None) -> str | None:
    """sha256 of the text with Unicode compatibility forms folded and whitespace removed."""
    if not text:
        return None
    import hashlib

    folded = "".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def primary_document(doc=Document):
    """Condition: `doc` is its work's representative (no done document with the same
    text and a smaller id). Documents without a text are their own work."""
    other = aliased(Document)
    return or_(
        doc.text_sha256.is_(None),
        ~exists(select(other.id).where(
            other.text_sha256 == doc.text_sha256, other.status == "done", other.id < doc.id)),
    )


# --- document filters ---------------------------------------------------------------


@dataclass
class DocFilters:
    kind: str | None = None
    status: str | None = None
    agency: str | None = None
    mineral: str | None = None
    doc_number: str | None = None
    organ: str | None = None
    institution: str | None = None
    written_from: str | None = None
    written_to: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    q: str | None = None
    extractor_versions: list[str] | None = None


def document_conditions(f: DocFilters) -> list:
    """SQL conditions on `Document` for the list and search endpoints."""
    conds = []
    if f.kind:
        conds.append(Document.kind == f.kind)
    if f.status:
        conds.append(Document.status == f.status)
    if f.agency:
        conds.append(Document.id.in_(
            select(DocAgency.document_id).where(DocAgency.role == "issuer", agency_match(f.agency))
        ))
    if f.mineral:
        conds.append(Document.id.in_(select(DocMineral.document_id).where(mineral_match(f.mineral))))
    if f.doc_number:
        keys = doc_number_keys(f.doc_number)
        conds.append(Document.id.in_(select(DocNumberRow.document_id).where(
            or_(DocNumberRow.normalized.in_(keys), DocNumberRow.text.in_(keys)))))
    if f.organ:
        conds.append(Document.id.in_(select(DocNumberRow.document_id).where(
            DocNumberRow.role == "self", DocNumberRow.organ_code == f.organ)))
    if f.institution:
        keys = institution_keys(f.institution)
        conds.append(Document.id.in_(select(DocInstitution.document_id).where(
            or_(DocInstitution.canonical.in_(keys), DocInstitution.name.in_(keys)))))
    if f.written_from:
        conds.append(Document.written_date >= f.written_from)
    if f.written_to:
        # "2025-03" (month precision) sorts before "2025-03-31": inclusive either way
        conds.append(Document.written_date <= f.written_to)
    if f.year_from is not None:
        conds.append(Document.written_date >= f"{f.year_from:04d}")
    if f.year_to is not None:
        conds.append(Document.written_date < f"{f.year_to + 1:04d}")
    if f.q:
        conds.append(or_(Document.title.contains(f.q, autoescape=True),
                         Document.text.contains(f.q, autoescape=True)))
    if f.extractor_versions is not None:
        conds.append(Document.extractor_version.in_(f.extractor_versions))
    return conds


# --- versions -------------------------------------------------------------------------


def is_older(version: str | None, current: str) -> bool:
    """A stored result's extractor version is older than `current` (unknown counts as older;
    a version that is not PEP 440 is older when it differs)."""
    from packaging.version import InvalidVersion, Version

    if not version:
        return True
    try:
        return Version(version) < Version(current)
    except InvalidVersion:
        return version != current


# --- metrics ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _measures() -> list[tuple[str, str]]:
    """(alias, measure) pairs from api/data/metrics.tsv, longest alias first."""
    pairs = []
    with (DATA / "metrics.tsv").open(encoding="utf-8") as fh:
        rows = [ln.rstrip("\n").split("\t") for ln in fh if ln.strip() and not ln.startswith("#")]
    for measure, aliases, *_ in rows[1:]:
        for a in {measure, *_split(aliases)}:
            pairs.append((a, measure))
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    return pairs


_FILLER = re.compile(r"^(?:全国|我国|全省|全市|年|总|累计)+|(?:年|总|全年)+$")


@dataclass(frozen=True)
class MetricKey:
    subject: str  # what is measured (再生铝), may be empty
    measure: str  # 产量, 产能, 利用率 … or the metric itself when no measure is known


def metric_key(metric: str | None) -> MetricKey | None:
    """再生铝年产量 -> (再生铝, 产量); 废钢综合利用率 -> (废钢, 利用率)."""
    if not metric:
        return None
    m = "".join(unicodedata.normalize("NFKC", metric).split())
    best = None  # the alias ending last, the longest at equal end
    for alias, measure in _measures():
        i = m.rfind(alias)
        if i >= 0 and (best is None or (i + len(alias), len(alias)) > best[0]):
            best = ((i + len(alias), len(alias)), i, alias, measure)
    if best is None:
        return MetricKey("", m)
    _, i, alias, measure = best
    return MetricKey(_FILLER.sub("", m[:i] + m[i + len(alias):]), measure)


# --- cross-document answers ---------------------------------------------------------------


def target_history(db, metric: str, mineral: str | None, limit: int = 500):
    """Every target on the same (normalised) metric, oldest document first:
    [(DocTarget, Document, MetricKey)], and the query's MetricKey."""
    from api.db import DocTarget

    key = metric_key(metric)
    subject = key.subject or (mineral_canonical(mineral) if mineral else "")
    subjects = mineral_keys(subject) if subject else set()
    aliases = [a for a, m in _measures() if m == key.measure] or [key.measure]
    conds = [Document.status == "done", primary_document(),
             or_(*[DocTarget.metric.contains(a, autoescape=True) for a in aliases])]
    if mineral:
        conds.append(target_mineral_match(mineral))
    stmt = (select(DocTarget, Document).join(Document, Document.id == DocTarget.document_id)
            .where(*conds))
    with db.read() as s:
        rows = s.execute(stmt).all()
    out = []
    for t, doc in rows:
        tk = metric_key(t.metric)
        if tk is None or tk.measure != key.measure:
            continue
        if subjects and not (tk.subject in subjects
                             or (not tk.subject and any(f"|{k}|" in t.minerals for k in subjects))):
            continue
        out.append((t, doc, tk))
    out.sort(key=lambda r: (r[1].written_date or "9999", r[0].year or 0, r[1].id, r[0].position))
    return out[:limit], MetricKey(subject, key.measure)


def mineral_canonical(name: str) -> str:
    return _mineral_canonicals().get(name, name)


def mineral_timeline(db, name: str, limit: int = 500) -> list[dict]:
    """Documents, policy events and targets about a mineral, by date."""
    import json

    from api.db import DocEvent, DocTarget

    keys = mineral_keys(name)
    base = [Document.status == "done", primary_document()]
    events: list[dict] = []
    with db.read() as s:
        docs = s.scalars(select(Document).where(
            *base, Document.id.in_(select(DocMineral.document_id).where(mineral_match(name))))
        ).all()
        for d in docs:
            events.append({"date": d.written_date, "type": "document", "document_id": d.id,
                           "document_title": d.title, "text": d.title or d.filename or d.id})
        rows = s.execute(select(DocEvent, Document).join(Document, Document.id == DocEvent.document_id)
                         .where(*base, or_(*[DocEvent.minerals.contains(f"|{k}|", autoescape=True)
                                             for k in keys]))).all()
        for e, d in rows:
            ev = json.loads(e.evidence_json)
            events.append({"date": e.date or d.written_date, "type": "policy_event",
                           "document_id": d.id, "document_title": d.title,
                           "text": (d.text or "")[ev["start"]:ev["end"]],
                           "agency": e.agency_canonical or e.agency, "action": e.action,
                           "evidence": ev})
        rows = s.execute(select(DocTarget, Document).join(Document, Document.id == DocTarget.document_id)
                         .where(*base, target_mineral_match(name))).all()
        for t, d in rows:
            events.append({"date": d.written_date, "type": "target", "document_id": d.id,
                           "document_title": d.title, "text": t.text, "value": t.value,
                           "unit": t.unit, "evidence": json.loads(t.evidence_json)})
    order = {"document": 0, "policy_event": 1, "target": 2}
    events.sort(key=lambda e: (e["date"] or "9999", e["document_id"], order[e["type"]]))
    return events[:limit]


def related(db, doc: Document) -> dict:
    """What a document cites (resolved against the KB) and what cites it."""
    from api.db import DocReference

    with db.read() as s:
        own_numbers = set(s.scalars(select(DocNumberRow.normalized).where(
            DocNumberRow.document_id == doc.id, DocNumberRow.role == "self")))
        refs = s.scalars(select(DocReference).where(DocReference.document_id == doc.id)
                         .order_by(DocReference.start)).all()
        numbers = {r.doc_number for r in refs if r.doc_number}
        titles = {r.title_key for r in refs if r.title_key}
        by_number: dict[str, list[str]] = {}
        if numbers:
            for num, did in s.execute(
                    select(DocNumberRow.normalized, DocNumberRow.document_id)
                    .join(Document, Document.id == DocNumberRow.document_id)
                    .where(DocNumberRow.role == "self", DocNumberRow.normalized.in_(numbers),
                           Document.id != doc.id, primary_document())):
                by_number.setdefault(num, []).append(did)
        by_title: dict[str, list[str]] = {}
        if titles:
            for tk, did in s.execute(select(Document.title_key, Document.id).where(
                    Document.title_key.in_(titles), Document.id != doc.id, primary_document())):
                by_title.setdefault(tk, []).append(did)
        cites = []
        for r in refs:
            ids = by_number.get(r.doc_number, []) + [
                d for d in by_title.get(r.title_key, []) if d not in by_number.get(r.doc_number, [])]
            cites.append({"title": r.title, "doc_number": r.doc_number, "relation": r.relation,
                          "evidence": {"start": r.start, "end": r.end}, "documents": ids})
        cited_by = []
        conds = []
        if own_numbers:
            conds.append(DocReference.doc_number.in_(own_numbers))
        if doc.title_key:
            conds.append(DocReference.title_key == doc.title_key)
        if conds:
            rows = s.execute(select(DocReference, Document)
                             .join(Document, Document.id == DocReference.document_id)
                             .where(or_(*conds), Document.id != doc.id, primary_document())
                             .order_by(Document.written_date, Document.id)).all()
            seen = set()
            for r, d in rows:
                if d.id in seen:
                    continue
                seen.add(d.id)
                via = "doc_number" if r.doc_number in own_numbers else "title"
                cited_by.append({"document": d, "via": via, "doc_number": r.doc_number,
                                 "title": r.title, "relation": r.relation})
        same_work = []
        if doc.text_sha256:
            same_work = list(s.scalars(select(Document.id).where(
                Document.text_sha256 == doc.text_sha256, Document.id != doc.id)
                .order_by(Document.id)))
    return {"document_id": doc.id, "cites": cites, "cited_by": cited_by, "same_work": same_work}


# --- export -------------------------------------------------------------------------------------

EXPORT_BATCH = 50
# the edges of extractor/graph.py (the CLI's `extractor export`), same node ids and relation
# names, as one stream of rows: neo4j-admin's relationship header plus the end labels
GRAPH_HEADER = [":START_ID", ":TYPE", ":END_ID", "start_label", "end_label", "name", "task",
                "role"]


def _export_batches(db, f: DocFilters):
    """Done documents in id order, one short read per batch (never the whole KB in memory)."""
    from api.db import Result

    after = ""
    while True:
        with db.read() as s:
            rows = s.execute(
                select(Document, Result.result_json)
                .join(Result, Result.document_id == Document.id)
                .where(Document.status == "done", Document.id > after, primary_document(),
                       *document_conditions(f))
                .order_by(Document.id).limit(EXPORT_BATCH)).all()
        if not rows:
            return
        yield rows
        after = rows[-1][0].id


def export_jsonl(db, f: DocFilters, describe):
    """One line per document: {"document": <metadata>, "result": <ExtractionResult>}."""
    for rows in _export_batches(db, f):
        chunk = []
        for doc, result_json in rows:
            chunk.append('{"document":' + describe(doc) + ',"result":' + result_json + "}\n")
        yield "".join(chunk)


def export_graph(db, f: DocFilters):
    """CSV edges (Document ISSUED_BY Agency, Agency LEADS / PARTICIPATES_IN Document,
    Document MENTIONS Mineral, SETS_TARGET Target, CITES Document), read from the index
    tables batch by batch; a citation resolves to a stored document by its normalised number
    or its title, else to a `cited:` node as in `extractor export`."""
    import csv
    import io

    from api.db import DocReference, DocTarget
    from extractor.graph import agency_id, cited_id, doc_id, mineral_id, target_id

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(GRAPH_HEADER)
    yield buf.getvalue()
    for rows in _export_batches(db, f):
        ids = [d.id for d, _ in rows]
        shas = {d.id: d.sha256 for d, _ in rows}
        node = {i: doc_id(sha) for i, sha in shas.items()}
        buf.seek(0)
        buf.truncate()
        with db.read() as s:
            for a in s.scalars(select(DocAgency).where(DocAgency.document_id.in_(ids))
                               .order_by(DocAgency.document_id, DocAgency.id)):
                name = a.canonical or a.name
                agency = agency_id(name)
                if a.role == "issuer":
                    w.writerow([node[a.document_id], "ISSUED_BY", agency, "Document", "Agency",
                                name, "", ""])
                else:
                    rel = "LEADS" if a.role == "lead" else "PARTICIPATES_IN"
                    w.writerow([agency, rel, node[a.document_id], "Agency", "Document", name,
                                a.task or "", "" if a.role == "lead" else a.role])
            for m in s.scalars(select(DocMineral).where(DocMineral.document_id.in_(ids))
                               .order_by(DocMineral.document_id, DocMineral.id)):
                w.writerow([node[m.document_id], "MENTIONS", mineral_id(m.canonical),
                            "Document", "Mineral", m.canonical, "", ""])
            for t in s.scalars(select(DocTarget).where(DocTarget.document_id.in_(ids))
                               .order_by(DocTarget.document_id, DocTarget.position)):
                w.writerow([node[t.document_id], "SETS_TARGET",
                            target_id(shas[t.document_id], t.position),
                            "Document", "Target", t.metric or t.text, "", ""])
            refs = s.scalars(select(DocReference).where(DocReference.document_id.in_(ids),
                                                        DocReference.relation == "cited")
                             .order_by(DocReference.document_id, DocReference.id)).all()
            numbers = {r.doc_number for r in refs if r.doc_number}
            titles = {r.title_key for r in refs if r.title_key}
            by_number = dict(s.execute(
                select(DocNumberRow.normalized, Document.sha256)
                .join(Document, Document.id == DocNumberRow.document_id)
                .where(DocNumberRow.role == "self", DocNumberRow.normalized.in_(numbers),
                       Document.status == "done", primary_document())).all()) if numbers else {}
            by_title = dict(s.execute(
                select(Document.title_key, Document.sha256)
                .where(Document.title_key.in_(titles), Document.status == "done",
                       primary_document())).all()) if titles else {}
            for r in refs:
                sha = by_number.get(r.doc_number) or by_title.get(r.title_key)
                dst = doc_id(sha) if sha else cited_id(r.doc_number or r.title)
                if dst != node[r.document_id]:
                    w.writerow([node[r.document_id], "CITES", dst, "Document", "Document",
                                r.title or r.doc_number, "", ""])
        yield buf.getvalue()
