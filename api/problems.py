"""RFC 9457 problem+json for every error, with a stable `code`."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from extractor.errors import ALL_ERRORS, ExtractorError

log = logging.getLogger("api")

TYPE_BASE = "https://extractor.invalid/problems/"
MEDIA_TYPE = "application/problem+json"

TITLES = {
    "not_found": "Not found",
    "method_not_allowed": "Method not allowed",
    "validation_error": "Invalid request",
    "unauthorized": "Missing or wrong API key",
    "too_large": "Input too large",
    "too_many_pages": "Too many pages",
    "unsupported_media_type": "Unsupported media type",
    "empty_input": "Empty input",
    "corrupt_pdf": "Corrupt PDF",
    "encrypted_pdf": "Encrypted PDF",
    "no_text_layer": "PDF has no text layer",
    "empty_pdf": "PDF has no pages",
    "undecodable_text": "Text cannot be decoded",
    "time_budget_exceeded": "Extraction took too long",
    "ocr_unavailable": "OCR unavailable",
    "extraction_failed": "Extraction failed",
    "worker_crashed": "Worker crashed",
    "worker_lost": "Worker lost",
    "blob_missing": "Stored file missing",
    "not_ready": "Result not ready",
    "not_acceptable": "Not acceptable",
    "internal_error": "Internal error",
    "rate_limited": "Too many requests",
    "queue_full": "Queue full",
}
STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
}
ERROR_STATUS = {cls.code: cls.http_status for cls in ALL_ERRORS}


def status_for(code: str) -> int:
    """HTTP status for a stored job error code."""
    return ERROR_STATUS.get(code, 422)


class ProblemModel(BaseModel):
    """RFC 9457 problem details, plus a stable machine-readable `code`."""

    model_config = ConfigDict(extra="allow")
    type: str = Field(description="URI naming the problem type.")
    title: str
    status: int
    detail: str | None = None
    code: str = Field(description="Stable error code, e.g. encrypted_pdf, not_found.")
    instance: str | None = None


class Problem(Exception):
    def __init__(self, status: int, code: str, detail: str | None = None,
                 title: str | None = None, headers: dict | None = None, **extra: Any) -> None:
        super().__init__(detail or code)
        self.status, self.code, self.detail = status, code, detail
        self.title = title or TITLES.get(code, code.replace("_", " ").capitalize())
        self.headers = headers
        self.extra = extra

    @classmethod
    def from_extractor(cls, exc: ExtractorError, **extra: Any) -> Problem:
        detail = exc.message + (f" ({exc.detail})" if exc.detail else "")
        return cls(exc.http_status, exc.code, detail, **extra)


def problem_response(request: Request | None, p: Problem) -> JSONResponse:
    body = {"type": TYPE_BASE + p.code, "title": p.title, "status": p.status,
            "detail": p.detail, "code": p.code}
    if request is not None:
        body["instance"] = request.url.path
    body.update(p.extra)
    return JSONResponse(body, status_code=p.status, media_type=MEDIA_TYPE, headers=p.headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem):
        return problem_response(request, exc)

    @app.exception_handler(ExtractorError)
    async def _extractor(request: Request, exc: ExtractorError):
        return problem_response(request, Problem.from_extractor(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        code = STATUS_CODES.get(exc.status_code, f"http_{exc.status_code}")
        detail = exc.detail if isinstance(exc.detail, str) else None
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no route for {request.url.path}"
        if exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}"
        return problem_response(
            request, Problem(exc.status_code, code, detail, headers=getattr(exc, "headers", None))
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        errors = [
            {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")),
             "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        first = errors[0] if errors else None
        detail = (f"{'.'.join(first['loc'])}: {first['msg']}" if first
                  else "the request is not valid")
        return problem_response(request, Problem(422, "validation_error", detail, errors=errors))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(
            request, Problem(500, "internal_error", "an unexpected error occurred")
        )
