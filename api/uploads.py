"""Reading an upload: multipart with a `file` field, JSON `{"text": ...}` or the document
itself as the body; spooled to the blob store in chunks within the size limits (a body
over the limit is refused before it is read: `BodyLimit`), the client filename kept for
display only."""

from __future__ import annotations

import re
import unicodedata

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import problems
from api.params import KINDS
from api.problems import Problem
from api.schemas import TextIn
from api.settings import Settings
from api.storage import BlobStore
from extractor.errors import EmptyInput

CHUNK = 1 << 20
MULTIPART_OVERHEAD = 64 * 1024


def clean_filename(name: str | None) -> str | None:
    """Keep a client filename for display only: basename, no control characters."""
    if not name:
        return None
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    return name[:255] or None


# Media types accepted as the raw request body (the document itself; `?filename=` names it).
RAW_MEDIA_TYPES = (
    "application/pdf",
    "text/plain",
    "text/html",
    "application/xhtml+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/ofd",
)

UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary",
                                 "description": "A PDF, text, HTML, DOCX or OFD file."},
                        "filename": {"type": "string", "description": "Overrides the name."},
                        "kind": {"type": "string",
                                 "enum": ["policy_notice", "research_report", "other"],
                                 "description": "Skip classification: extract as this kind."},
                    },
                }
            },
            "application/json": {"schema": TextIn.model_json_schema()},
            **{t: {"schema": {"type": "string", "format": "binary"}} for t in RAW_MEDIA_TYPES},
        },
    }
}


class BodyLimit:
    """Reject request bodies over the limit before they are read into memory."""

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            resp = problems.problem_response(None, Problem(
                413, "too_large", f"the request body is over {self.limit} bytes",
                headers={"Connection": "close"}))
            return await resp(scope, receive, send)
        seen = 0

        async def limited():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise Problem(413, "too_large", f"the request body is over {self.limit} bytes")
            return msg

        return await self.app(scope, limited, send)


async def read_upload(request: Request, store: BlobStore, settings: Settings):
    """Spool the upload (multipart, JSON text or a raw body) to the blob store within the
    limits; (sha256, filename, media type, size, requested kind), or a typed problem."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    spool = store.spool()
    kind = None  # the kind the client asked for (JSON `kind`, multipart field `kind`)
    try:
        if ctype == "multipart/form-data":
            try:
                form = await request.form(max_files=1, max_fields=10)
            except StarletteHTTPException as exc:
                raise Problem(422, "validation_error", f"bad multipart body: {exc.detail}")
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise Problem(422, "validation_error",
                              "the multipart field 'file' (the document) is required")
            override = form.get("filename")
            filename = clean_filename(override if isinstance(override, str) and override
                                      else upload.filename)
            kind = form.get("kind") or None
            if kind is not None and kind not in KINDS:
                raise Problem(422, "validation_error",
                              f"kind must be one of {', '.join(KINDS)}")
            while chunk := await upload.read(CHUNK):
                await run_in_threadpool(spool.write, chunk)
                if spool.size > settings.max_upload_bytes:
                    raise Problem(413, "too_large", f"the file is over "
                                  f"{settings.max_upload_bytes} bytes")
            await form.close()
        elif ctype == "application/json" or ctype.endswith("+json"):
            raw = await request.body()
            try:
                body = TextIn.model_validate_json(raw)
            except ValidationError as exc:
                errors = [{"loc": [str(x) for x in e["loc"]], "msg": e["msg"],
                           "type": e["type"]} for e in exc.errors()]
                raise Problem(422, "validation_error",
                              "send {\"text\": ..., \"filename\": ...}", errors=errors)
            if len(body.text) > settings.max_text_chars:
                raise Problem(413, "too_large", f"the text is over "
                              f"{settings.max_text_chars} characters")
            data = body.text.encode("utf-8", errors="surrogatepass")
            filename, kind = clean_filename(body.filename), body.kind
            if len(data) > settings.max_upload_bytes:
                raise Problem(413, "too_large", f"the text is over "
                              f"{settings.max_upload_bytes} bytes")
            spool.write(data)
        elif ctype in RAW_MEDIA_TYPES:
            filename = clean_filename(request.query_params.get("filename"))
            kind = request.query_params.get("kind") or None  # validated by the route
            async for chunk in request.stream():
                await run_in_threadpool(spool.write, chunk)
                if spool.size > settings.max_upload_bytes:
                    raise Problem(413, "too_large", f"the file is over "
                                  f"{settings.max_upload_bytes} bytes")
        else:
            raise Problem(415, "unsupported_media_type",
                          "send multipart/form-data with a 'file' field (PDF, text, HTML, "
                          "DOCX or OFD), the file itself as the body (" + ", ".join(RAW_MEDIA_TYPES)
                          + "), or application/json {\"text\": ...}")
        if spool.size == 0 or (spool.size <= 4096 and not spool.head.strip()):
            raise EmptyInput("the upload is empty")
        from extractor.ingest import sniff

        media_type = sniff(spool.head, filename)
        sha = await run_in_threadpool(spool.commit)
        return sha, filename, media_type, spool.size, kind
    finally:
        spool.discard()
