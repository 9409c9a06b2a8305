"""The review page: every extracted value on the page it came from.

- `GET /` and `GET /documents/{id}`: one static page (api/static/review/, no build
  step) that uploads, follows the job, lists documents, and shows a document: PDF
  pages as images with every value's boxes drawn over them, or the text with the
  values highlighted, beside a panel of the fields.
- `GET /v1/documents/{id}/pages` (sizes) and `/pages/{n}.png` (rendered with
  pypdfium2 on demand, cached under `<data_dir>/pages/<sha256>/`).
- `GET|POST /v1/documents/{id}/corrections`: a reviewer marks a value wrong or
  correct, or corrects it; stored beside the result (table `corrections`).
- `GET /v1/documents/{id}/corrections/labelstudio`: the corrected result as a Label
  Studio task (its `annotations`), which `extractor labelstudio import` turns into
  corpus gold: the review page feeds the corpora.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Path as PathParam, Query
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from api import repo
from api.problems import MEDIA_TYPE, Problem, ProblemModel

STATIC = Path(__file__).resolve().parent / "static" / "review"
SCALES = (1.0, 1.5, 2.0)
DocId = Annotated[str, PathParam(pattern=r"^[0-9a-f]{32}$")]
PROBLEM = {"model": ProblemModel, "content": {MEDIA_TYPE: {}}}
# pdfium is not thread-safe: one page is rendered at a time in this process
_PDFIUM = threading.Lock()

# result fields a reviewer can correct: lists of items, and the single title
LIST_FIELDS = ("doc_numbers", "issuing_agencies", "dates", "minerals", "targets",
               "responsibilities", "references", "statistics", "forecasts", "institutions",
               "policy_events")
FieldName = Literal["title", "doc_numbers", "issuing_agencies", "dates", "minerals", "targets",
                    "responsibilities", "references", "statistics", "forecasts",
                    "institutions", "policy_events"]


class CorrectionIn(BaseModel):
    field: FieldName
    index: int = Field(default=0, ge=0, description="The item's index in the field's list.")
    action: Literal["wrong", "correct", "edit"]
    value: dict[str, Any] | None = Field(
        default=None, description="edit: the fields to change (e.g. {\"canonical\": …}).")
    note: str | None = Field(default=None, max_length=2000)


class CorrectionOut(CorrectionIn):
    id: int
    created_at: str


def corrected_result(result: dict, corrections: list[Any]) -> dict:
    """The result with the newest correction per item applied: `wrong` drops the item,
    `edit` merges the given fields over it, `correct` keeps it."""
    latest: dict[tuple[str, int], Any] = {}
    for c in corrections:
        latest[(c.field, c.item_index)] = c
    out = dict(result)
    for (field, index), c in latest.items():
        value = json.loads(c.value_json) if c.value_json else {}
        if field == "title":
            if c.action == "wrong":
                out["title"] = None
            elif c.action == "edit" and out.get("title"):
                out["title"] = {**out["title"], **value}
            continue
        items = list(out.get(field) or [])
        if index >= len(items):
            continue
        if c.action == "edit":
            items[index] = {**items[index], **value}
        out[field] = items
    for field in LIST_FIELDS:
        drop = {i for (f, i), c in latest.items() if f == field and c.action == "wrong"}
        if drop:
            out[field] = [x for i, x in enumerate(out.get(field) or []) if i not in drop]
    return out


def _pdf_path(app: FastAPI, doc_id: str) -> tuple[Path, str]:
    state = repo.get_document(app.state.db, doc_id)
    if state is None:
        raise Problem(404, "not_found", f"no document {doc_id}")
    if state.doc.media_type != "application/pdf":
        raise Problem(409, "not_a_pdf", "only PDF documents have page images",
                      media_type=state.doc.media_type)
    path = app.state.store.path(state.doc.sha256)
    if not path.is_file():
        raise Problem(404, "not_found", "the original file is no longer stored")
    return path, state.doc.sha256


def install(app: FastAPI, require_key) -> None:
    """Add the review page and its endpoints to the service."""
    app.mount("/review-static", StaticFiles(directory=STATIC), name="review-static")
    index_html = (STATIC / "index.html").read_text(encoding="utf-8")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def review_home() -> HTMLResponse:
        return HTMLResponse(index_html)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def review_document(doc_id: str) -> HTMLResponse:
        return HTMLResponse(index_html)

    @app.get("/v1/documents/{doc_id}/pages", tags=["review"],
             responses={404: PROBLEM, 409: PROBLEM, 422: PROBLEM},
             summary="Page sizes of a PDF document, in PDF points")
    def page_sizes(doc_id: DocId) -> dict:
        import pypdfium2

        path, _ = _pdf_path(app, doc_id)
        with _PDFIUM:
            pdf = pypdfium2.PdfDocument(str(path))
            try:
                pages = []
                for i in range(len(pdf)):
                    w, h = pdf[i].get_size()
                    pages.append({"page": i + 1, "width": round(w, 2), "height": round(h, 2)})
            finally:
                pdf.close()
        return {"pages": pages}

    @app.get("/v1/documents/{doc_id}/pages/{page}.png", tags=["review"],
             responses={200: {"content": {"image/png": {}}}, 404: PROBLEM, 409: PROBLEM,
                        422: PROBLEM},
             response_class=FileResponse, summary="One PDF page as a PNG (cached)")
    def page_image(doc_id: DocId, page: Annotated[int, PathParam(ge=1, le=10000)],
                   scale: Annotated[float, Query(description="1, 1.5 or 2")] = 1.5):
        import pypdfium2

        if scale not in SCALES:
            raise Problem(422, "validation_error", f"scale must be one of {SCALES}")
        path, sha = _pdf_path(app, doc_id)
        cache = app.state.settings.data_dir / "pages" / sha / f"{page}@{scale:g}.png"
        if not cache.is_file():
            with _PDFIUM:
                pdf = pypdfium2.PdfDocument(str(path))
                try:
                    if page > len(pdf):
                        raise Problem(404, "not_found", f"the document has {len(pdf)} pages")
                    image = pdf[page - 1].render(scale=scale).to_pil()
                finally:
                    pdf.close()
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(".tmp")
            image.save(tmp, format="PNG", optimize=False)
            tmp.replace(cache)
        return FileResponse(cache, media_type="image/png",
                            headers={"Cache-Control": "private, max-age=86400"})

    def _existing(doc_id: str) -> repo.DocState:
        state = repo.get_document(app.state.db, doc_id)
        if state is None:
            raise Problem(404, "not_found", f"no document {doc_id}")
        return state

    def _out(c) -> CorrectionOut:
        return CorrectionOut(id=c.id, field=c.field, index=c.item_index, action=c.action,
                             value=json.loads(c.value_json) if c.value_json else None,
                             note=c.note, created_at=c.created_at.isoformat() + "Z")

    @app.get("/v1/documents/{doc_id}/corrections", tags=["review"],
             responses={404: PROBLEM, 422: PROBLEM},
             summary="The reviewers' corrections of a document, oldest first")
    def get_corrections(doc_id: DocId) -> list[CorrectionOut]:
        _existing(doc_id)
        return [_out(c) for c in repo.list_corrections(app.state.db, doc_id)]

    @app.post("/v1/documents/{doc_id}/corrections", status_code=201, tags=["review"],
              responses={401: PROBLEM, 404: PROBLEM, 409: PROBLEM, 422: PROBLEM},
              dependencies=[Depends(require_key)],
              summary="Mark a value wrong or correct, or correct it")
    def post_correction(doc_id: DocId, body: CorrectionIn) -> CorrectionOut:
        state = _existing(doc_id)
        if state.doc.status != repo.DONE:
            raise Problem(409, "not_ready", f"the document is {state.doc.status}")
        result = json.loads(repo.get_result_json(app.state.db, doc_id) or "{}")
        items = result.get(body.field)
        n = (1 if items else 0) if body.field == "title" else len(items or [])
        if body.index >= n:
            raise Problem(422, "validation_error",
                          f"{body.field} has {n} item(s); there is no item {body.index}")
        if body.action == "edit" and not body.value:
            raise Problem(422, "validation_error", "an edit needs a value")
        row = repo.add_correction(
            app.state.db, doc_id, field=body.field, item_index=body.index, action=body.action,
            value_json=json.dumps(body.value, ensure_ascii=False) if body.value else None,
            note=body.note)
        return _out(row)

    @app.get("/v1/documents/{doc_id}/corrections/labelstudio", tags=["review"],
             responses={404: PROBLEM, 409: PROBLEM, 422: PROBLEM},
             summary="The corrected result as a Label Studio task (for corpus gold)")
    def corrections_task(doc_id: DocId) -> dict:
        from extractor.labelstudio import make_task

        state = _existing(doc_id)
        if state.doc.status != repo.DONE:
            raise Problem(409, "not_ready", f"the document is {state.doc.status}")
        result = json.loads(repo.get_result_json(app.state.db, doc_id) or "{}")
        fixed = corrected_result(result, repo.list_corrections(app.state.db, doc_id))
        task = make_task(doc_id, result.get("text") or "", fixed,
                         meta={"kind": result.get("kind"), "filename": state.doc.filename})
        # the reviewed values are the annotation; what the extractor said stays the prediction
        reviewed = task.pop("predictions", [{"result": []}])[0]["result"]
        task["annotations"] = [{"result": reviewed}]
        task["predictions"] = make_task(doc_id, result.get("text") or "", result).get(
            "predictions", [])
        return task
