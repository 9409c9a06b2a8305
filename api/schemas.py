"""Response models of the HTTP API (the extraction result itself is
`extractor.models.ExtractionResult`, published unchanged)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from api.db import DocAgency, DocMineral, Document, DocTarget, Job
from extractor.models import Evidence, ExtractionResult

Status = Literal["queued", "running", "done", "failed"]


def _ts(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds") + "Z"


class TextIn(BaseModel):
    """JSON upload: the text of a document."""

    text: str = Field(description="The document text (UTF-8).", max_length=60_000_000)
    filename: str | None = Field(default=None, max_length=1000)


class JobError(BaseModel):
    code: str
    message: str
    detail: str | None = None


class JobOut(BaseModel):
    id: int
    status: Status
    attempts: int
    created_at: str | None
    started_at: str | None = None
    finished_at: str | None = None
    error: JobError | None = None

    @classmethod
    def of(cls, job: Job) -> JobOut:
        err = (JobError(code=job.error_code, message=job.error_message or job.error_code,
                        detail=job.error_detail) if job.error_code else None)
        return cls(id=job.id, status=job.status, attempts=job.attempts,
                   created_at=_ts(job.created_at), started_at=_ts(job.started_at),
                   finished_at=_ts(job.finished_at), error=err)


class DocumentOut(BaseModel):
    id: str
    sha256: str
    filename: str | None
    media_type: str
    size_bytes: int
    status: Status
    kind: str | None = None
    title: str | None = None
    pages: int | None = None
    written_date: str | None = None
    created_at: str | None
    updated_at: str | None
    error: JobError | None = None
    job: JobOut | None = None
    links: dict[str, str] = Field(default_factory=dict)
    result: ExtractionResult | None = Field(
        default=None, description="The extraction result (when status is done)."
    )

    @classmethod
    def of(cls, doc: Document, job: Job | None = None, result_json: str | None = None
           ) -> DocumentOut:
        err = (JobError(code=doc.error_code, message=doc.error_message or doc.error_code)
               if doc.error_code else None)
        if job is not None and job.error_code and err is not None:
            err.detail = job.error_detail
        base = f"/v1/documents/{doc.id}"
        return cls(
            id=doc.id, sha256=doc.sha256, filename=doc.filename, media_type=doc.media_type,
            size_bytes=doc.size_bytes, status=doc.status, kind=doc.kind, title=doc.title,
            pages=doc.pages, written_date=doc.written_date, created_at=_ts(doc.created_at),
            updated_at=_ts(doc.updated_at), error=err,
            job=JobOut.of(job) if job is not None else None,
            links={"self": base, "text": base + "/text"},
            result=ExtractionResult.model_validate_json(result_json) if result_json else None,
        )


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class DocumentList(Page):
    items: list[DocumentOut]


class TargetOut(BaseModel):
    document_id: str
    document_title: str | None
    position: int = Field(description="Index in the document's result.targets.")
    text: str
    metric: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    comparator: str | None
    year: int | None
    normalized_value: float | None
    normalized_value_max: float | None
    normalized_unit: str | None
    minerals: list[str]
    evidence: Evidence

    @classmethod
    def of(cls, t: DocTarget, title: str | None) -> TargetOut:
        return cls(
            document_id=t.document_id, document_title=title, position=t.position, text=t.text,
            metric=t.metric, value=t.value, value_max=t.value_max, unit=t.unit,
            comparator=t.comparator, year=t.year, normalized_value=t.normalized_value,
            normalized_value_max=t.normalized_value_max, normalized_unit=t.normalized_unit,
            minerals=[m for m in t.minerals.split("|") if m],
            evidence=Evidence.model_validate(json.loads(t.evidence_json)),
        )


class TargetList(Page):
    items: list[TargetOut]


class AgencySummary(BaseModel):
    name: str = Field(description="Canonical name (or the name as written when unknown).")
    names: list[str] = Field(description="Names as written.")
    documents: int
    roles: dict[str, int] = Field(description="Documents per role: issuer, lead, participant, shared.")


class AgencyList(Page):
    items: list[AgencySummary]


class AgencyRole(BaseModel):
    role: Literal["issuer", "lead", "participant", "shared"]
    name: str
    canonical: str | None
    task: str | None = None
    task_title: str | None = None
    start: int
    end: int

    @classmethod
    def of(cls, r: DocAgency) -> AgencyRole:
        return cls(role=r.role, name=r.name, canonical=r.canonical, task=r.task,
                   task_title=r.task_title, start=r.start, end=r.end)


class AgencyDocument(BaseModel):
    document: DocumentOut
    roles: list[AgencyRole]


class AgencyDocumentList(Page):
    agency: str
    items: list[AgencyDocument]


class MineralSummary(BaseModel):
    name: str
    documents: int


class MineralList(Page):
    items: list[MineralSummary]


class MineralMention(BaseModel):
    name: str
    canonical: str
    parent: str | None
    group: str | None
    strategic: bool
    mentions: int

    @classmethod
    def of(cls, m: DocMineral) -> MineralMention:
        return cls(name=m.name, canonical=m.canonical, parent=m.parent, group=m.mineral_group,
                   strategic=m.strategic, mentions=m.mentions)


class MineralDocument(BaseModel):
    document: DocumentOut
    minerals: list[MineralMention]


class MineralDocumentList(Page):
    mineral: str
    items: list[MineralDocument]


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    database: str
    workers: int
    busy: int = Field(0, description="workers of this process running a job now")
    jobs: dict[str, int] = Field(
        description="jobs per status (queued, running, done, failed) in the database")
    version: str
