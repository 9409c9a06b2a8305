"""Knowledge-base routes: full-text search, target history, mineral timelines, related
documents, export, re-extraction and limits. Sync endpoints (FastAPI runs them in its
thread pool); the database and settings come in through `Depends`."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse

from api import jobqueue, kb, repo, search
from api.deps import DbDep, SettingsDep, require_key
from api.params import DOC_ID, PROBLEM, READ_ERRORS, Agency, Mineral, SafeStr, opt
from api.problems import Problem
from api.schemas import (
    Citation,
    DocumentOut,
    Highlight,
    HistoryPoint,
    Kind,
    Limits,
    MineralTimeline,
    Related,
    RelatedDocument,
    ReprocessOut,
    SearchHit,
    SearchResults,
    TargetHistory,
    TimelineEvent,
)

Organ = Annotated[SafeStr | None, opt("Organ code of the document's own number "
                                      "(发文机关代字, e.g. 工信部联原).")]
Institution = Annotated[SafeStr | None, opt("Research institution (canonical or alias), "
                                            "e.g. 华鑫期货.")]
YearFrom = Annotated[int | None, Query(ge=1900, le=2200, description="Written in or after.")]
YearTo = Annotated[int | None, Query(ge=1900, le=2200, description="Written in or before.")]

router = APIRouter()


def doc_filters(
    kind: Kind | None = None,
    agency: Agency = None,
    mineral: Mineral = None,
    organ: Organ = None,
    institution: Institution = None,
    year_from: YearFrom = None,
    year_to: YearTo = None,
) -> kb.DocFilters:
    """The document filters search and export share (query parameters)."""
    return kb.DocFilters(kind=kind, agency=agency, mineral=mineral, organ=organ,
                         institution=institution, year_from=year_from, year_to=year_to)


Filters = Annotated[kb.DocFilters, Depends(doc_filters)]


def _describe(doc) -> DocumentOut:
    return DocumentOut.of(doc)


# --- search ---------------------------------------------------------------------------


@router.get("/v1/search", response_model=SearchResults, responses=READ_ERRORS,
            summary="Full-text search over titles and texts (jieba terms, ranked, snippets)",
            tags=["knowledge base"])
def search_documents(
    db: DbDep,
    q: Annotated[SafeStr, Query(min_length=1, max_length=500,
                                description="Words to find (every term must match).")],
    f: Filters,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
):
    terms, hits, total = search.search_documents(db, q, f, limit, offset)
    if not terms:
        raise Problem(422, "validation_error", "the query holds no searchable word")
    return SearchResults(
        query=q, terms=terms, total=total, limit=limit, offset=offset,
        items=[SearchHit(document=_describe(h.document), score=h.score,
                         snippet=h.snippet.text if h.snippet else None,
                         highlights=[Highlight(start=a, end=b)
                                     for a, b in (h.snippet.highlights if h.snippet else [])])
               for h in hits])


# --- history, timeline, related ---------------------------------------------------------


@router.get("/v1/targets/history", response_model=TargetHistory, responses=READ_ERRORS,
            summary="Every target on the same metric over time, oldest document first",
            tags=["knowledge base"])
def targets_history(
    db: DbDep,
    metric: Annotated[SafeStr, Query(min_length=1, max_length=255, description=(
        "The metric, e.g. 再生铝产量; compared after normalisation (subject + measure: "
        "产量/产能/利用率 …)."))],
    mineral: Mineral = None,
):
    points, key = kb.target_history(db, metric, mineral)
    items = []
    for t, doc, tk in points:
        import json

        items.append(HistoryPoint(
            document_id=doc.id, document_title=doc.title, written_date=doc.written_date,
            year=t.year, metric=t.metric, subject=tk.subject, measure=tk.measure, value=t.value,
            value_max=t.value_max, unit=t.unit, comparator=t.comparator,
            normalized_value=t.normalized_value, normalized_value_max=t.normalized_value_max,
            normalized_unit=t.normalized_unit, text=t.text,
            evidence=json.loads(t.evidence_json)))
    return TargetHistory(metric=metric, subject=key.subject, measure=key.measure,
                         mineral=mineral, items=items)


@router.get("/v1/minerals/{name}/timeline", response_model=MineralTimeline,
            responses=READ_ERRORS, summary="Documents, policy events and targets about a "
            "mineral, by date", tags=["knowledge base"])
def mineral_timeline(
    db: DbDep,
    name: Annotated[SafeStr, Path(min_length=1, max_length=255)],
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
):
    events = kb.mineral_timeline(db, name, limit=limit)
    return MineralTimeline(mineral=name, total=len(events),
                           items=[TimelineEvent(**e) for e in events])


@router.get("/v1/documents/{doc_id}/related", response_model=Related,
            responses={404: PROBLEM, **READ_ERRORS},
            summary="Documents it cites and that cite it (by number and by title)",
            tags=["knowledge base"])
def related_documents(db: DbDep, doc_id: Annotated[str, Path(max_length=64)]):
    state = repo.get_document(db, doc_id) if DOC_ID.match(doc_id) else None
    if state is None:
        raise Problem(404, "not_found", f"no document {doc_id!r}")
    r = kb.related(db, state.doc)
    return Related(
        document_id=r["document_id"], same_work=r["same_work"],
        cites=[Citation(**c) for c in r["cites"]],
        cited_by=[RelatedDocument(document=_describe(c.pop("document")), **c)
                  for c in r["cited_by"]])


# --- export -------------------------------------------------------------------------------


@router.get("/v1/export", responses={200: {"content": {"application/x-ndjson": {},
                                                       "text/csv": {}}}, **READ_ERRORS},
            response_class=StreamingResponse,
            summary="Stream the knowledge base (or a filtered part): JSON lines or graph edges",
            tags=["knowledge base"])
def export(
    db: DbDep,
    f: Filters,
    format: Annotated[Literal["jsonl", "csv-graph"], Query(description=(
        "jsonl: one {document, result} per line; csv-graph: the graph's edges "
        "(:START_ID,:TYPE,:END_ID …)."))
    ] = "jsonl",
):
    if format == "csv-graph":
        return StreamingResponse(kb.export_graph(db, f), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": "attachment; filename=kb.csv"})
    body = kb.export_jsonl(db, f, lambda d: _describe(d).model_dump_json(exclude={"result"}))
    return StreamingResponse(body, media_type="application/x-ndjson",
                             headers={"Content-Disposition": "attachment; filename=kb.jsonl"})


# --- re-extraction, limits ----------------------------------------------------------------


@router.post("/v1/admin/reprocess", response_model=ReprocessOut,
             responses={401: PROBLEM, 422: PROBLEM, 429: PROBLEM},
             dependencies=[Depends(require_key)],
             summary="Re-extract stored documents whose result is older than this extractor",
             description=("Queues one background job per done document whose result was made "
                          "by an older extractor version (`all=true`: every done document). "
                          "The previous result stays readable until the new one is stored; a "
                          "failed re-extraction keeps it."),
             tags=["admin"])
def reprocess(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    every: Annotated[bool, Query(alias="all", description="Re-extract every done document."
                                 )] = False,
):
    current = settings.current_version
    queued, already = jobqueue.queue_reprocess(db, current=current, force=every,
                                           max_attempts=settings.max_attempts)
    if queued:
        request.app.state.workers.notify()
    return ReprocessOut(current_version=current, queued=len(queued), already_queued=already,
                        documents=queued)


@router.get("/v1/limits", response_model=Limits, responses=READ_ERRORS,
            summary="Upload size, page and character limits, queue and rate limits",
            tags=["meta"])
def limits(settings: SettingsDep):
    s = settings
    return Limits(max_upload_bytes=s.max_upload_bytes, max_pages=s.max_pages,
                  max_text_chars=s.max_text_chars, time_budget_s=s.time_budget_s,
                  wait_max_bytes=s.wait_max_bytes, max_queue=s.max_queue,
                  rate_limit_per_minute=s.rate_limit_per_minute,
                  upload_rate_limit_per_minute=s.upload_rate_limit_per_minute)
