"""Data access: documents, jobs (claiming, heartbeats, re-queueing), result indexing,
and the cross-document queries. Every function opens its own short transaction."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, distinct, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from api import indexing, kb, search
from api.db import (
    INDEX_TABLES,
    Correction,
    Database,
    DocAgency,
    DocDate,
    DocMineral,
    DocNumberRow,
    Document,
    DocumentName,
    DocTarget,
    Job,
    Result,
    utcnow,
)
from api.kb import DocFilters, agency_match, mineral_match  # noqa: F401 (re-exported)
from extractor.models import ExtractionResult

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


# --- jobs ---------------------------------------------------------------------


def claim_job(db: Database, worker_id: str, max_bytes: int | None = None) -> Job | None:
    """Take the oldest queued job (of a document up to `max_bytes`, when given). The
    conditional UPDATE makes the claim atomic."""
    queued = select(Job.id).where(Job.status == QUEUED)
    if max_bytes is not None:
        queued = queued.join(Document, Document.id == Job.document_id).where(
            Document.size_bytes <= max_bytes)
    with db.read() as s:  # cheap check first: no write lock while the queue is empty
        if s.scalars(queued.limit(1)).first() is None:
            return None
    for _ in range(5):
        with db.write() as s:
            job_id = s.scalars(queued.order_by(Job.id).limit(1)).first()
            if job_id is None:
                s.commit()
                return None
            now = utcnow()
            res = s.execute(
                update(Job)
                .where(Job.id == job_id, Job.status == QUEUED)
                .values(status=RUNNING, worker_id=worker_id, attempts=Job.attempts + 1,
                        started_at=now, heartbeat_at=now, pages_done=None, pages_total=None)
            )
            if res.rowcount != 1:
                s.rollback()
                continue
            job = s.get(Job, job_id)
            s.execute(  # a re-extraction leaves a done document done (its result readable)
                update(Document).where(Document.id == job.document_id, Document.status != DONE)
                .values(status=RUNNING)
            )
            s.commit()
            return job
    return None


def heartbeat(db: Database, job_id: int, worker_id: str) -> bool:
    with db.write() as s:
        res = s.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == RUNNING, Job.worker_id == worker_id)
            .values(heartbeat_at=utcnow())
        )
        s.commit()
        return res.rowcount == 1


def job_progress(db: Database, job_id: int, worker_id: str, done: int, total: int) -> bool:
    """Record how many pages of a running job are read; False when the job is no longer ours."""
    with db.write() as s:
        res = s.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == RUNNING, Job.worker_id == worker_id)
            .values(pages_done=done, pages_total=total)
        )
        s.commit()
        return res.rowcount == 1


def requeue_stale(db: Database, stale_after_s: float) -> int:
    """Running jobs whose worker stopped beating go back to the queue (or fail
    after max_attempts). Called at start-up and periodically by every worker."""
    cutoff = utcnow() - timedelta(seconds=stale_after_s)
    return _requeue_where(db, Job.heartbeat_at < cutoff)


def requeue_orphans(db: Database, is_dead: Callable[[str], bool]) -> int:
    """Running jobs whose worker `is_dead(worker_id)` says is gone (a crashed process
    on this machine) go back to the queue at once, without waiting to go stale."""
    with db.read() as s:
        owners = set(s.scalars(select(Job.worker_id).where(Job.status == RUNNING).distinct()))
    dead = [w for w in owners if w and is_dead(w)]
    return _requeue_where(db, Job.worker_id.in_(dead)) if dead else 0


def _requeue_where(db: Database, condition) -> int:
    n = 0
    with db.write() as s:
        jobs = s.scalars(select(Job).where(Job.status == RUNNING, condition)).all()
        for job in jobs:
            if job.attempts >= job.max_attempts:
                _set_failed(s, job, "worker_lost",
                            f"the worker stopped during all {job.attempts} attempts", None)
            else:
                job.status, job.worker_id = QUEUED, None
                s.execute(
                    update(Document).where(Document.id == job.document_id,
                                           Document.status != DONE).values(status=QUEUED)
                )
            n += 1
        s.commit()
    return n


def requeue(db: Database, job_id: int, worker_id: str, *, count_attempt: bool) -> None:
    with db.write() as s:
        job = s.get(Job, job_id)
        if job is None or job.status != RUNNING or job.worker_id != worker_id:
            s.commit()
            return
        if not count_attempt:
            job.attempts = max(0, job.attempts - 1)
        job.status, job.worker_id = QUEUED, None
        s.execute(update(Document).where(Document.id == job.document_id,
                                         Document.status != DONE).values(status=QUEUED))
        s.commit()


def _set_failed(s, job: Job, code: str, message: str, detail: str | None) -> None:
    job.status, job.finished_at = FAILED, utcnow()
    job.error_code, job.error_message, job.error_detail = code, message, detail
    s.execute(  # a failed re-extraction keeps the document done with its previous result
        update(Document)
        .where(Document.id == job.document_id, Document.status != DONE)
        .values(status=FAILED, error_code=code, error_message=message, updated_at=utcnow())
    )


def fail_job(db: Database, job_id: int, worker_id: str, code: str, message: str,
             detail: str | None = None) -> bool:
    with db.write() as s:
        job = s.get(Job, job_id)
        if job is None or job.status != RUNNING or job.worker_id != worker_id:
            s.commit()
            return False
        _set_failed(s, job, code, message, detail)
        s.commit()
        return True


def complete_job(db: Database, job_id: int, worker_id: str, result: ExtractionResult) -> bool:
    """Store the result and its index rows; False when the job is no longer ours.
    The previous result (a re-extraction) is replaced in the same transaction."""
    prepared = indexing.prepare(result)  # jieba, outside the write lock
    with db.write() as s:
        job = s.get(Job, job_id)
        if job is None or job.status != RUNNING or job.worker_id != worker_id:
            s.commit()
            return False
        doc = s.get(Document, job.document_id)
        if doc is None:  # pragma: no cover - deleted with its jobs
            s.commit()
            return False
        for table in INDEX_TABLES:
            s.execute(delete(table).where(table.document_id == doc.id))
        s.execute(delete(Result).where(Result.document_id == doc.id))
        s.flush()
        s.add(Result(document_id=doc.id, schema_version=result.schema_version,
                     result_json=result.model_dump_json(),
                     extractor_version=_clip(result.extractor_version, 32), created_at=utcnow()))
        s.add_all(index_rows(doc.id, result))
        indexing.apply(s, doc.id, result, prepared)
        doc.status, doc.error_code, doc.error_message = DONE, None, None
        doc.kind = result.kind.value
        doc.title = result.title.text if result.title else None
        doc.pages = result.source.pages
        doc.extractor_version = _clip(result.extractor_version, 32)
        doc.text = result.text
        doc.written_date = next(
            (d.value[:10] for d in result.dates if d.role == "written"), None
        )
        doc.updated_at = utcnow()
        job.status, job.finished_at = DONE, utcnow()
        s.commit()
        return True


def queue_reprocess(db: Database, *, current: str, max_attempts: int, force: bool = False,
                    document_ids: list[str] | None = None) -> tuple[list[str], int]:
    """Queue a re-extraction job for every done document whose result is older than
    `current` (all done documents with `force`); ([queued document ids], already queued).
    The result stays readable: the document stays done until the new result replaces it."""
    with db.write() as s:
        stmt = select(Document.id, Document.extractor_version).where(Document.status == DONE)
        if document_ids is not None:
            stmt = stmt.where(Document.id.in_(document_ids))
        stale = [d for d, v in s.execute(stmt.order_by(Document.created_at, Document.id)).all()
                 if force or kb.is_older(v, current)]
        pending = set(s.scalars(select(Job.document_id).where(
            Job.status.in_((QUEUED, RUNNING)), Job.document_id.in_(stale)))) if stale else set()
        queued = [d for d in stale if d not in pending]
        s.add_all([Job(document_id=d, status=QUEUED, purpose="reprocess",
                       max_attempts=max_attempts) for d in queued])
        s.commit()
    return queued, len(pending)


def queue_positions(db: Database, job_ids: list[int]) -> dict[int, int]:
    """1-based position of each queued job (1 = next to be claimed)."""
    if not job_ids:
        return {}
    with db.read() as s:
        queued = s.scalars(select(Job.id).where(Job.status == QUEUED).order_by(Job.id)).all()
    pos = {jid: i + 1 for i, jid in enumerate(queued)}
    return {j: pos[j] for j in job_ids if j in pos}


def queued_count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Job).where(Job.status == QUEUED))
                   or 0)


def result_versions(db: Database) -> list[str | None]:
    with db.read() as s:
        return list(s.scalars(select(Document.extractor_version).distinct()
                              .where(Document.status == DONE)))


def queue_depth(db: Database) -> dict[str, int]:
    """Jobs per status, every status present (0 when none)."""
    with db.read() as s:
        rows = s.execute(select(Job.status, func.count()).group_by(Job.status)).all()
    return {QUEUED: 0, RUNNING: 0, DONE: 0, FAILED: 0, **{status: n for status, n in rows}}


# --- indexing -----------------------------------------------------------------


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
