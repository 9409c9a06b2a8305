"""Data access: documents (create, read, delete, names), stored results and the
cross-document queries. The job queue is `api.jobqueue`, the index rows of a result
`api.indexing`. Every function opens its own short transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import delete, distinct, func, or_, select
from sqlalchemy.exc import IntegrityError

from api import kb, search
from api.db import (
    INDEX_TABLES,
    Correction,
    Database,
    DocAgency,
    DocMineral,
    Document,
    DocumentName,
    DocTarget,
    Job,
    Result,
)
from api.kb import DocFilters, agency_match, mineral_match  # noqa: F401 (re-exported)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
# failures that say nothing about the input: a new upload of the same bytes retries
RETRYABLE = {"extraction_failed", "worker_crashed", "worker_lost", "blob_missing"}


def _clip(value: str | None, n: int = 255) -> str | None:
    return None if value is None else value[:n]


@dataclass
class DocState:
    doc: Document
    job: Job | None
    created: bool = False


def _latest_job(s, doc_id: str) -> Job | None:
    return s.scalars(
        select(Job).where(Job.document_id == doc_id).order_by(Job.id.desc()).limit(1)
    ).first()


# --- documents ----------------------------------------------------------------


def _remember_name(s, doc: Document, filename: str | None) -> None:
    """A re-upload of the same bytes under a new name keeps the name as an alias."""
    name = _clip(filename)
    if not name or name == doc.filename:
        return
    known = s.scalars(select(DocumentName.id).where(
        DocumentName.document_id == doc.id, DocumentName.filename == name)).first()
    if known is None:
        s.add(DocumentName(document_id=doc.id, filename=name))


def names_for(db: Database, doc_ids: list[str]) -> dict[str, list[str]]:
    """Other filenames each document was uploaded under, oldest first."""
    if not doc_ids:
        return {}
    with db.read() as s:
        rows = s.execute(select(DocumentName.document_id, DocumentName.filename)
                         .where(DocumentName.document_id.in_(doc_ids))
                         .order_by(DocumentName.id)).all()
    out: dict[str, list[str]] = {}
    for doc_id, name in rows:
        out.setdefault(doc_id, []).append(name)
    return out


def create_document(
    db: Database, *, sha256: str, filename: str | None, media_type: str, size: int,
    max_attempts: int, kind: str | None = None,
) -> DocState:
    """Insert the document and a queued job, or return the existing one (same sha256)."""
    for _ in range(3):
        with db.write() as s:
            doc = s.scalars(select(Document).where(Document.sha256 == sha256)).first()
            if doc is not None:
                _remember_name(s, doc, filename)
                job = _latest_job(s, doc.id)
                if doc.status == FAILED and (job is None or job.error_code in RETRYABLE):
                    job = Job(document_id=doc.id, status=QUEUED, max_attempts=max_attempts)
                    s.add(job)
                    doc.status, doc.error_code, doc.error_message = QUEUED, None, None
                    s.commit()
                    return DocState(doc, job, created=True)
                s.commit()
                return DocState(doc, job, created=False)
            doc = Document(
                id=uuid.uuid4().hex, sha256=sha256, filename=_clip(filename),
                media_type=media_type, size_bytes=size, status=QUEUED, requested_kind=kind,
            )
            s.add(doc)
            try:
                s.flush()
            except IntegrityError:  # the same bytes uploaded at the same moment
                s.rollback()
                continue
            job = Job(document_id=doc.id, status=QUEUED, max_attempts=max_attempts)
            s.add(job)
            s.commit()
            return DocState(doc, job, created=True)
    raise RuntimeError("could not create the document")  # pragma: no cover


def get_document(db: Database, doc_id: str) -> DocState | None:
    with db.read() as s:
        doc = s.get(Document, doc_id)
        if doc is None:
            return None
        return DocState(doc, _latest_job(s, doc_id))


def get_job(db: Database, job_id: int) -> Job | None:
    with db.read() as s:
        return s.get(Job, job_id)


def get_result_json(db: Database, doc_id: str) -> str | None:
    with db.read() as s:
        return s.scalars(select(Result.result_json).where(Result.document_id == doc_id)).first()


def get_text(db: Database, doc_id: str) -> str | None:
    with db.read() as s:
        return s.scalars(select(Document.text).where(Document.id == doc_id)).first()


def delete_document(db: Database, doc_id: str) -> str | None:
    """Delete a document with its jobs, result and index rows; return its sha256."""
    with db.write() as s:
        doc = s.get(Document, doc_id)
        if doc is None:
            return None
        sha = doc.sha256
        for table in (*INDEX_TABLES, Result, Correction, DocumentName):
            s.execute(delete(table).where(table.document_id == doc_id))
        search.delete(s, doc_id)
        s.execute(delete(Job).where(Job.document_id == doc_id))
        s.delete(doc)
        s.commit()
        return sha


def sha_in_use(db: Database, sha256: str) -> bool:
    with db.read() as s:
        return s.scalars(select(Document.id).where(Document.sha256 == sha256)).first() is not None


# --- results ---------------------------------------------------------------


def result_versions(db: Database) -> list[str | None]:
    with db.read() as s:
        return list(s.scalars(select(Document.extractor_version).distinct()
                              .where(Document.status == DONE)))


# --- queries ------------------------------------------------------------------


def list_documents(db: Database, f: DocFilters, limit: int, offset: int):
    stmt = select(Document).where(*kb.document_conditions(f))
    return _page(db, stmt, limit, offset, (Document.created_at.desc(), Document.id))


def _page(db: Database, stmt, limit: int, offset: int, order):
    with db.read() as s:
        total = s.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
        items = s.scalars(stmt.order_by(*order).limit(limit).offset(offset)).all()
    return list(items), int(total or 0)


def jobs_for(db: Database, doc_ids: list[str]) -> dict[str, Job]:
    if not doc_ids:
        return {}
    with db.read() as s:
        latest = (
            select(Job.document_id, func.max(Job.id).label("jid"))
            .where(Job.document_id.in_(doc_ids)).group_by(Job.document_id).subquery()
        )
        jobs = s.scalars(select(Job).join(latest, Job.id == latest.c.jid)).all()
    return {j.document_id: j for j in jobs}


def list_targets(db: Database, *, mineral: str | None, metric: str | None, year: int | None,
                 agency: str | None, limit: int, offset: int):
    conds = [kb.primary_document()]  # one work, one set of facts
    if mineral:
        conds.append(kb.target_mineral_match(mineral))
    if metric:
        conds.append(DocTarget.metric.contains(metric, autoescape=True))
    if year is not None:
        conds.append(DocTarget.year == year)
    if agency:
        conds.append(DocTarget.document_id.in_(
            select(DocAgency.document_id).where(agency_match(agency))
        ))
    stmt = (
        select(DocTarget, Document.title)
        .join(Document, Document.id == DocTarget.document_id)
        .where(*conds)
    )
    with db.read() as s:
        total = s.scalar(select(func.count()).select_from(stmt.subquery()))
        rows = s.execute(
            stmt.order_by(Document.created_at.desc(), DocTarget.document_id, DocTarget.position)
            .limit(limit).offset(offset)
        ).all()
    return [(t, title) for t, title in rows], int(total or 0)


def list_agencies(db: Database, *, role: str | None, q: str | None, limit: int, offset: int):
    key = func.coalesce(DocAgency.canonical, DocAgency.name)
    conds = []
    if role:
        conds.append(DocAgency.role == role)
    if q:
        conds.append(or_(DocAgency.name.contains(q, autoescape=True),
                         DocAgency.canonical.contains(q, autoescape=True)))
    keys = select(key.label("k")).where(*conds).group_by(key)
    with db.read() as s:
        total = s.scalar(select(func.count()).select_from(keys.subquery()))
        page = [k for (k,) in s.execute(keys.order_by(key).limit(limit).offset(offset)).all()]
        counts = s.execute(
            select(key, DocAgency.role, func.count(distinct(DocAgency.document_id)))
            .where(key.in_(page)).group_by(key, DocAgency.role)
        ).all() if page else []
        docs = s.execute(
            select(key, func.count(distinct(DocAgency.document_id)))
            .where(key.in_(page)).group_by(key)
        ).all() if page else []
        names = s.execute(
            select(key, DocAgency.name).where(key.in_(page)).distinct()
        ).all() if page else []
    out = {k: {"name": k, "documents": 0, "roles": {}, "names": []} for k in page}
    for k, r, n in counts:
        out[k]["roles"][r] = n
    for k, n in docs:
        out[k]["documents"] = n
    for k, n in names:
        out[k]["names"].append(n)
    for v in out.values():
        v["names"].sort()
    return [out[k] for k in page], int(total or 0)


def agency_documents(db: Database, name: str, *, role: str | None, limit: int, offset: int):
    conds = [agency_match(name)]
    if role:
        conds.append(DocAgency.role == role)
    ids = select(DocAgency.document_id).where(*conds)
    docs, total = _page(db, select(Document).where(Document.id.in_(ids)), limit, offset,
                        (Document.created_at.desc(), Document.id))
    with db.read() as s:
        rows = s.scalars(
            select(DocAgency).where(*conds, DocAgency.document_id.in_([d.id for d in docs]))
            .order_by(DocAgency.document_id, DocAgency.start)
        ).all() if docs else []
    mentions: dict[str, list[DocAgency]] = {}
    for r in rows:
        mentions.setdefault(r.document_id, []).append(r)
    return docs, mentions, total


def list_minerals(db: Database, *, q: str | None, limit: int, offset: int):
    conds = [DocMineral.canonical.contains(q, autoescape=True)] if q else []
    stmt = (
        select(DocMineral.canonical, func.count(distinct(DocMineral.document_id)))
        .where(*conds).group_by(DocMineral.canonical)
    )
    with db.read() as s:
        total = s.scalar(select(func.count()).select_from(stmt.subquery()))
        rows = s.execute(stmt.order_by(DocMineral.canonical).limit(limit).offset(offset)).all()
    return [{"name": k, "documents": n} for k, n in rows], int(total or 0)


def mineral_documents(db: Database, name: str, *, limit: int, offset: int):
    ids = select(DocMineral.document_id).where(mineral_match(name))
    docs, total = _page(db, select(Document).where(Document.id.in_(ids)), limit, offset,
                        (Document.created_at.desc(), Document.id))
    with db.read() as s:
        rows = s.scalars(
            select(DocMineral).where(mineral_match(name),
                                     DocMineral.document_id.in_([d.id for d in docs]))
        ).all() if docs else []
    per: dict[str, list[DocMineral]] = {}
    for r in rows:
        per.setdefault(r.document_id, []).append(r)
    return docs, per, total


# --- review corrections -------------------------------------------------------


def add_correction(db: Database, doc_id: str, *, field: str, item_index: int, action: str,
                   value_json: str | None, note: str | None) -> Correction:
    with db.write() as s:
        row = Correction(document_id=doc_id, field=field, item_index=item_index,
                         action=action, value_json=value_json, note=note)
        s.add(row)
        s.commit()
        s.refresh(row)
        s.expunge(row)
        return row


def list_corrections(db: Database, doc_id: str) -> list[Correction]:
    """Every correction of a document, oldest first (the newest per item wins)."""
    with db.read() as s:
        rows = s.scalars(select(Correction).where(Correction.document_id == doc_id)
                         .order_by(Correction.id)).all()
        for r in rows:
            s.expunge(r)
        return list(rows)
