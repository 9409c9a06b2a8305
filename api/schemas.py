"""Response models of the HTTP API (the extraction result itself is
`extractor.models.ExtractionResult`, published unchanged)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.db import DocAgency, DocMineral, Document, DocTarget, Job
from extractor.models import Evidence, ExtractionResult

Status = Literal["queued", "running", "done", "failed"]


def _ts(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds") + "Z"


Kind = Literal["policy_notice", "research_report", "other"]
# job error codes that stand for a bug or a crash: their detail is never published
INTERNAL_CODES = {"extraction_failed", "worker_crashed", "worker_lost", "interrupted"}


class TextIn(BaseModel):
    """JSON upload: the text of a document."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The document text (UTF-8).", max_length=60_000_000)
    filename: str | None = Field(default=None, max_length=1000)
    kind: Kind | None = Field(default=None, description="Skip classification: extract as this "
                              "kind (like the CLI's --kind).")


class JobError(BaseModel):
    code: str
    message: str
    detail: str | None = None

    @classmethod
    def of(cls, code: str, message: str | None, detail: str | None) -> JobError:
        """Our code and message; a detail only for typed input errors (never the raw text
        of an exception from a library or a bug)."""
        return cls(code=code, message=message or code,
                   detail=None if code in INTERNAL_CODES else detail)


class JobProgress(BaseModel):
    """How far the reading of the document is: pages whose text is final (text layer or
    OCR), of how many. A text, HTML or DOCX document is one page. The count only grows;
    when it reaches the total, the extraction itself (the pipeline) still runs until the
    job is done."""

    pages_done: int = Field(ge=0)
    pages_total: int = Field(ge=0)


class JobOut(BaseModel):
    id: int
    status: Status
    attempts: int
    created_at: str | None
    started_at: str | None = None
    finished_at: str | None = None
    error: JobError | None = None
    purpose: Literal["extract", "reprocess"] = Field(
        default="extract", description="reprocess: a stored result is re-extracted; the "
        "previous result stays readable until the new one is stored.")
    queue_position: int | None = Field(
        default=None, description="1 = next to run (queued jobs only).")
    progress: JobProgress | None = Field(
        default=None, description="Pages read so far (from the first report of a running "
        "job; a finished job keeps its last one).")
    document_id: str | None = None

    @classmethod
    def of(cls, job: Job, queue_position: int | None = None) -> JobOut:
        err = (JobError.of(job.error_code, job.error_message, job.error_detail)
               if job.error_code else None)
        return cls(id=job.id, status=job.status, attempts=job.attempts,
                   created_at=_ts(job.created_at), started_at=_ts(job.started_at),
                   finished_at=_ts(job.finished_at), error=err,
                   purpose=getattr(job, "purpose", None) or "extract",
                   queue_position=queue_position if job.status == "queued" else None,
                   progress=(JobProgress(pages_done=job.pages_done, pages_total=job.pages_total)
                             if job.pages_total is not None and job.pages_done is not None
                             and job.status != "queued" else None),
                   document_id=job.document_id)


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
    extractor_version: str | None = Field(default=None, description="Version of the "
                                          "extractor that produced the stored result.")
    aliases: list[str] = Field(default_factory=list, description="Other filenames the same "
                               "bytes were uploaded under.")
    links: dict[str, str] = Field(default_factory=dict)
    result: ExtractionResult | None = Field(
        default=None, description="The extraction result (when status is done)."
    )

    @classmethod
    def of(cls, doc: Document, job: Job | None = None, result_json: str | None = None, *,
           aliases: list[str] | None = None, queue_position: int | None = None) -> DocumentOut:
        err = (JobError.of(doc.error_code, doc.error_message,
                           job.error_detail if job is not None and job.error_code else None)
               if doc.error_code else None)
        base = f"/v1/documents/{doc.id}"
        return cls(
            id=doc.id, sha256=doc.sha256, filename=doc.filename, media_type=doc.media_type,
            size_bytes=doc.size_bytes, status=doc.status, kind=doc.kind, title=doc.title,
            pages=doc.pages, written_date=doc.written_date, created_at=_ts(doc.created_at),
            updated_at=_ts(doc.updated_at), error=err,
            job=JobOut.of(job, queue_position) if job is not None else None,
            extractor_version=doc.extractor_version, aliases=aliases or [],
            links={"self": base, "text": base + "/text", "related": base + "/related",
                   **({"job": f"/v1/jobs/{job.id}"} if job is not None else {})},
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


# --- knowledge base -----------------------------------------------------------------


class Highlight(BaseModel):
    start: int
    end: int


class SearchHit(BaseModel):
    document: DocumentOut
    score: float = Field(description="Relevance (higher is better): BM25 over the statistics "
                         "stored at indexing, the same on SQLite and PostgreSQL.")
    snippet: str | None = Field(description="HTML-escaped text around the matches, each "
                                "wrapped in <mark>.")
    highlights: list[Highlight] = Field(description="Offsets of the marked matches in the "
                                        "document text.")


class SearchResults(Page):
    query: str
    terms: list[str] = Field(description="The query as segmented (every term must match).")
    items: list[SearchHit]


class HistoryPoint(BaseModel):
    document_id: str
    document_title: str | None
    written_date: str | None
    year: int | None
    metric: str | None
    subject: str = Field(description="What is measured, after normalisation (再生铝).")
    measure: str = Field(description="The normalised measure (产量, 产能, 利用率 …).")
    value: float | None
    value_max: float | None
    unit: str | None
    comparator: str | None
    normalized_value: float | None
    normalized_value_max: float | None
    normalized_unit: str | None
    text: str
    evidence: Evidence


class TargetHistory(BaseModel):
    metric: str
    subject: str
    measure: str
    mineral: str | None
    items: list[HistoryPoint]


class TimelineEvent(BaseModel):
    date: str | None = Field(description="ISO date (YYYY, YYYY-MM or YYYY-MM-DD).")
    type: Literal["document", "policy_event", "target"]
    document_id: str
    document_title: str | None
    text: str
    agency: str | None = None
    action: str | None = None
    value: float | None = None
    unit: str | None = None
    evidence: Evidence | None = None


class MineralTimeline(BaseModel):
    mineral: str
    total: int
    items: list[TimelineEvent]


class RelatedDocument(BaseModel):
    document: DocumentOut
    via: Literal["doc_number", "title"]
    doc_number: str | None = None
    title: str | None = None
    relation: Literal["cited", "attached"]


class Citation(BaseModel):
    """A reference of this document, resolved against the knowledge base when possible."""

    title: str | None
    doc_number: str | None
    relation: Literal["cited", "attached"]
    evidence: Evidence
    documents: list[str] = Field(description="Ids of the stored documents it resolves to.")


class Related(BaseModel):
    document_id: str
    cites: list[Citation]
    cited_by: list[RelatedDocument]
    same_work: list[str] = Field(description="Other uploads of the same text (PDF, text, JSON).")


class ReprocessOut(BaseModel):
    current_version: str
    queued: int = Field(description="Re-extraction jobs queued now.")
    already_queued: int
    documents: list[str]


class Limits(BaseModel):
    max_upload_bytes: int
    max_pages: int
    max_text_chars: int
    time_budget_s: float
    wait_max_bytes: int
    max_queue: int
    rate_limit_per_minute: int
    upload_rate_limit_per_minute: int
