"""HTTP service: FastAPI app, versioned under /v1.

`make run` starts `uvicorn api.app:app`: SQLite under ./data by default,
PostgreSQL through EXTRACTOR_DATABASE_URL. Migrations run at start-up and the
job workers start with the app (EXTRACTOR_EMBEDDED_WORKER=0 to run them
separately with `python -m api.worker`).
"""

from __future__ import annotations

import asyncio
import logging
import os
from contextlib import asynccontextmanager
from datetime import date
from typing import Annotated, Callable, Literal

from fastapi import Depends, FastAPI, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles

from api import jobqueue, kb, problems, repo, review
from api.db import Database
from api.deps import RateLimiter, rate_limit, reject_unknown_query, require_key, require_read_key
from api.params import (
    DOC_ID,
    ERRORS,
    PROBLEM,
    READ_ERRORS,
    WRITE_ERRORS,
    Agency,
    DocId,
    Limit,
    Mineral,
    Offset,
    SafeStr,
    opt,
)
from api.problems import Problem
from api.routes.kb import router as kb_router
from api.routes.queries import router as queries_router
from api.schemas import DocumentList, DocumentOut, Health, JobOut, Kind
from api.settings import Settings
from api.storage import BlobStore
from api.uploads import MULTIPART_OVERHEAD, UPLOAD_BODY, BodyLimit, read_upload
from api.worker import WorkerPool

log = logging.getLogger("api")
API_VERSION = "1.0.0"


def _owner_only(settings: Settings) -> None:
    """The SQLite database (and its WAL/SHM files) readable by its owner only."""
    url = settings.db_url
    if not url.startswith("sqlite:///") or ":memory:" in url:
        return
    path = url.removeprefix("sqlite:///")
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    for p in (path, path + "-wal", path + "-shm"):
        if os.path.exists(p):
            os.chmod(p, 0o600)


SWAGGER_STATIC = "/docs/static"


def _mount_docs(app: FastAPI) -> None:
    """Swagger UI from the `swagger-ui-bundle` package (Apache-2.0): no CDN, works offline."""
    import swagger_ui_bundle

    app.mount(SWAGGER_STATIC, StaticFiles(directory=swagger_ui_bundle.swagger_ui_path),
              name="swagger-static")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url, title=f"{app.title} - API",
            swagger_js_url=f"{SWAGGER_STATIC}/swagger-ui-bundle.js",
            swagger_css_url=f"{SWAGGER_STATIC}/swagger-ui.css",
            swagger_favicon_url=f"{SWAGGER_STATIC}/favicon-32x32.png",
        )


def create_app(settings: Settings | None = None, *, extract_fn: Callable | None = None
               ) -> FastAPI:
    settings = settings or Settings.from_env()
    db = Database(settings.db_url)
    store = BlobStore(settings.blob_dir)
    workers = WorkerPool(db, store, settings, extract_fn=extract_fn)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        store.ensure()
        store.clean_tmp()  # uploads a crashed process left half-written
        await run_in_threadpool(_owner_only, settings)
        await run_in_threadpool(db.migrate)
        await run_in_threadpool(_owner_only, settings)
        if settings.embedded_worker:
            workers.start()
        try:
            yield
        finally:
            await run_in_threadpool(workers.stop)
            db.dispose()

    app = FastAPI(
        title="extractor",
        version=API_VERSION,
        description=(
            "Chinese policy notices and research reports (PDF or text) to evidence-linked "
            "JSON. Errors are RFC 9457 problem+json with a stable `code`."
        ),
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        # every route: the read key (401), an id that is not there (404), an undeclared query
        # parameter (422) and the rate limit (429); routes add their own
        responses={401: PROBLEM, 404: PROBLEM, 422: PROBLEM, 429: PROBLEM},
        dependencies=[Depends(reject_unknown_query), Depends(require_read_key),
                      Depends(rate_limit)],
    )
    app.state.settings, app.state.db, app.state.store, app.state.workers = (
        settings, db, store, workers)
    app.state.rate_limiter = RateLimiter(settings.rate_limit_per_minute)
    app.state.upload_limiter = RateLimiter(settings.upload_rate_limit_per_minute)
    problems.install(app)
    _mount_docs(app)
    app.add_middleware(BodyLimit, limit=2 * settings.max_upload_bytes + MULTIPART_OVERHEAD)

    def check_id(doc_id: str) -> str:
        if not DOC_ID.match(doc_id):
            raise Problem(404, "not_found", f"no document {doc_id!r}")
        return doc_id

    # --- documents ----------------------------------------------------------

    async def _wait(doc_id: str, timeout: float) -> repo.DocState | None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        delay = 0.05
        while True:
            state = await run_in_threadpool(repo.get_document, db, doc_id)
            if state is None or state.doc.status in (repo.DONE, repo.FAILED):
                return state
            if loop.time() >= deadline:
                return state
            await asyncio.sleep(delay)
            delay = min(delay * 1.5, 0.5)

    def _describe(state: repo.DocState) -> DocumentOut:
        result = None
        if state.doc.status == repo.DONE:  # also while a re-extraction runs
            result = repo.get_result_json(db, state.doc.id)
        aliases = repo.names_for(db, [state.doc.id]).get(state.doc.id, [])
        pos = None
        if state.job is not None and state.job.status == repo.QUEUED:
            pos = jobqueue.queue_positions(db, [state.job.id]).get(state.job.id)
        return DocumentOut.of(state.doc, state.job, result, aliases=aliases, queue_position=pos)

    async def _out(state: repo.DocState) -> DocumentOut:
        return await run_in_threadpool(_describe, state)

    @app.post(
        "/v1/documents",
        status_code=202,
        response_model=DocumentOut,
        response_model_exclude_none=False,
        summary="Upload a document (PDF, text, HTML, DOCX or OFD: multipart, raw body, or JSON text)",
        description=(
            "Answers 202 with the document and its job. The same bytes (sha256) are the same "
            "document: a second upload answers with the existing one (200 when already done). "
            "`?wait=true` waits for small documents and returns the result (200), or the "
            "extraction error as problem+json."
        ),
        responses={200: {"model": DocumentOut, "description": "Finished document."},
                   **WRITE_ERRORS},
        openapi_extra=UPLOAD_BODY,
        dependencies=[Depends(require_key)],
        tags=["documents"],
    )
    async def upload_document(
        request: Request,
        response: Response,
        wait: Annotated[bool, Query(description="Wait for the result (small documents).")] = False,
        filename: Annotated[SafeStr | None, Query(
            max_length=1000, description="The file's name, for a raw body upload.")] = None,
        kind: Annotated[Kind | None, Query(
            description="Skip classification, for a raw body upload (multipart and JSON "
                        "carry their own `kind`).")] = None,
    ):
        if await run_in_threadpool(jobqueue.queued_count, db) >= settings.max_queue:
            raise Problem(503, "queue_full", f"{settings.max_queue} jobs are waiting; "
                          "try again later", headers={"Retry-After": "30"})
        sha, filename, media_type, size, kind = await read_upload(request, store, settings)
        state = await run_in_threadpool(
            lambda: repo.create_document(db, sha256=sha, filename=filename,
                                         media_type=media_type, size=size,
                                         max_attempts=settings.max_attempts, kind=kind))
        if state.created:
            workers.notify()
        if wait and size > settings.wait_max_bytes:
            response.headers["Warning"] = (
                f'199 - "not waited: the document is over {settings.wait_max_bytes} bytes"')
            response.headers["X-Wait"] = "skipped-too-large"
        if wait and size <= settings.wait_max_bytes:
            state = await _wait(state.doc.id, settings.wait_timeout_s) or state
            if state.doc.status == repo.FAILED and state.job is not None:
                code = state.job.error_code or "extraction_failed"
                raise Problem(problems.status_for(code), code, state.job.error_message,
                              document_id=state.doc.id, job_id=state.job.id)
        response.headers["Location"] = f"/v1/documents/{state.doc.id}"
        if state.doc.status in (repo.DONE, repo.FAILED):
            response.status_code = 200
        return await _out(state)

    async def existing_document(doc_id: str):
        """The document's state, or a 404 problem."""
        check_id(doc_id)
        state = await run_in_threadpool(repo.get_document, db, doc_id)
        if state is None:
            raise Problem(404, "not_found", f"no document {doc_id}")
        return state

    @app.get("/v1/documents/{doc_id}", response_model=DocumentOut, responses=ERRORS,
             summary="Status and, when done, the extraction result", tags=["documents"])
    async def get_document(doc_id: DocId):
        return await _out(await existing_document(doc_id))

    @app.get("/v1/jobs/{job_id}", response_model=JobOut, responses=ERRORS,
             summary="A job: status, queue position, progress (pages read)", tags=["documents"])
    async def get_job(job_id: Annotated[int, Path(ge=1, le=2**31 - 1)]):
        def describe() -> JobOut | None:
            job = repo.get_job(db, job_id)
            if job is None:
                return None
            pos = (jobqueue.queue_positions(db, [job.id]).get(job.id)
                   if job.status == repo.QUEUED else None)
            return JobOut.of(job, pos)

        out = await run_in_threadpool(describe)
        if out is None:
            raise Problem(404, "not_found", f"no job {job_id}")
        return out

    @app.get("/v1/documents/{doc_id}/text", response_class=PlainTextResponse,
             responses={**ERRORS, 409: PROBLEM, 200: {"content": {"text/plain": {}}}},
             summary="The extracted text (offsets of all evidence refer to it)",
             tags=["documents"])
    async def get_document_text(doc_id: DocId):
        state = await existing_document(doc_id)
        if state.doc.status != repo.DONE:
            raise Problem(409, "not_ready", f"the document is {state.doc.status}",
                          status_of_document=state.doc.status)
        text = await run_in_threadpool(repo.get_text, db, doc_id)
        return PlainTextResponse(text or "", media_type="text/plain; charset=utf-8")

    @app.delete("/v1/documents/{doc_id}", status_code=204, response_class=Response,
                responses={401: PROBLEM, 404: PROBLEM, 422: PROBLEM, 429: PROBLEM},
                dependencies=[Depends(require_key)],
                summary="Delete a document, its file, result and index rows",
                tags=["documents"])
    async def delete_document(doc_id: DocId):
        check_id(doc_id)
        sha = await run_in_threadpool(repo.delete_document, db, doc_id)
        if sha is None:
            raise Problem(404, "not_found", f"no document {doc_id}")
        workers.cancel(doc_id)  # its running job stops now (workers elsewhere: next beat)
        if not await run_in_threadpool(repo.sha_in_use, db, sha):
            await run_in_threadpool(store.delete, sha)
        return Response(status_code=204)

    @app.get("/v1/documents", response_model=DocumentList, responses=READ_ERRORS,
             summary="List documents", tags=["documents"])
    async def list_documents(
        kind: Kind | None = None,
        status: Literal["queued", "running", "done", "failed"] | None = None,
        agency: Agency = None,
        mineral: Mineral = None,
        doc_number: Annotated[SafeStr | None, opt("Document number, any bracket or spacing "
                                                  "(matched in its normal form).")] = None,
        organ: Annotated[SafeStr | None, opt("Organ code of the document's own number.")] = None,
        institution: Annotated[SafeStr | None, opt("Research institution (canonical or alias)."
                                                   )] = None,
        extractor_version: Annotated[SafeStr | None, opt("Results made by this extractor "
                                                         "version.")] = None,
        outdated: Annotated[bool | None, Query(description="true: results older than this "
                                               "extractor (to re-extract).")] = None,
        written_from: Annotated[date | None, Query(description="Written date from (inclusive).")] = None,
        written_to: Annotated[date | None, Query(description="Written date to (inclusive).")] = None,
        q: Annotated[SafeStr | None, opt("Substring of the title or the text.")] = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ):
        versions = None
        if extractor_version is not None:
            versions = [extractor_version]
        if outdated is not None:
            known = await run_in_threadpool(repo.result_versions, db)
            current = settings.current_version
            picked = [v for v in known if v and kb.is_older(v, current) == outdated]
            versions = picked if versions is None else [v for v in versions if v in picked]
        f = repo.DocFilters(
            kind=kind, status=status, agency=agency, mineral=mineral, doc_number=doc_number,
            organ=organ, institution=institution, extractor_versions=versions,
            written_from=written_from.isoformat() if written_from else None,
            written_to=written_to.isoformat() if written_to else None, q=q,
        )
        docs, total = await run_in_threadpool(repo.list_documents, db, f, limit, offset)
        ids = [d.id for d in docs]
        jobs = await run_in_threadpool(repo.jobs_for, db, ids)
        names = await run_in_threadpool(repo.names_for, db, ids)
        return DocumentList(total=total, limit=limit, offset=offset,
                            items=[DocumentOut.of(d, jobs.get(d.id), aliases=names.get(d.id))
                                   for d in docs])

    # --- meta ---------------------------------------------------------------

    @app.get("/v1/schema", responses=READ_ERRORS, summary="JSON Schema of the extraction result", tags=["meta"])
    async def get_schema() -> JSONResponse:
        from extractor import schema

        return JSONResponse(schema.schemas()["extraction_result.schema.json"])

    @app.get("/healthz", response_model=Health, responses={503: PROBLEM}, tags=["meta"])
    async def healthz():
        try:
            jobs = await run_in_threadpool(jobqueue.queue_depth, db)
        except Exception as exc:
            raise Problem(503, "unavailable", f"database: {type(exc).__name__}")
        alive = workers.alive()
        ok = alive > 0 or not settings.embedded_worker
        return Health(status="ok" if ok else "degraded", database=db.engine.dialect.name,
                      workers=alive, busy=workers.busy(), jobs=jobs, version=API_VERSION)

    review.install(app, require_key)
    app.include_router(queries_router)
    app.include_router(kb_router)
    return app


app = create_app()
