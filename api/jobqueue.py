"""The job queue: claiming (an atomic conditional UPDATE), heartbeats and progress,
re-queueing stale or orphaned jobs, failing and completing them (the result and its index
rows in one transaction), re-extraction jobs, queue positions and depth. Every function
opens its own short transaction; statuses and documents are `api.repo`'s."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import delete, func, select, update

from api import indexing, kb
from api.db import INDEX_TABLES, Database, Document, Job, Result, utcnow
from api.repo import DONE, FAILED, QUEUED, RUNNING, _clip
from extractor.models import ExtractionResult


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
        s.add_all(indexing.index_rows(doc.id, result))
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


def queue_depth(db: Database) -> dict[str, int]:
    """Jobs per status, every status present (0 when none)."""
    with db.read() as s:
        rows = s.execute(select(Job.status, func.count()).group_by(Job.status)).all()
    return {QUEUED: 0, RUNNING: 0, DONE: 0, FAILED: 0, **{status: n for status, n in rows}}
