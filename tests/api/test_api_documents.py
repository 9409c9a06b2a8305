"""Documents endpoints on SQLite and PostgreSQL: upload, dedup, wait, get, text,
delete, list filters, limits, auth and problem+json errors."""

from __future__ import annotations

import hashlib
import io

import pytest
from apifixtures import BACKENDS, client_for, database_url, make_settings, wait_status

from extractor.errors import ALL_ERRORS
from extractor.models import ExtractionResult

FAKE = "apifakes:fake_extract"

NOTICE = "\n".join([
    "标题 关于推动铝产业高质量发展的通知",
    "发文 工业和信息化部=中华人民共和国工业和信息化部",
    "发文 自然资源部",
    "文号 工信部联原〔2025〕62号",
    "成文 2025-03-11",
    "矿产 再生铝=再生铝>铝",
    "矿产 铜",
    "目标 2027 再生铝产量 1500 万吨",
    "目标 2027 铜产量 200 万吨",
    "任务 1 牵头 自然资源部 参与 工业和信息化部=中华人民共和国工业和信息化部",
    "任务 2 牵头 工业和信息化部=中华人民共和国工业和信息化部 参与 自然资源部",
])
OTHER = "\n".join([
    "标题 关于锂资源开发的意见",
    "发文 自然资源部",
    "文号 自然资发〔2024〕7号",
    "成文 2024-06-01",
    "矿产 锂",
    "目标 2026 锂产量 10 万吨",
    "任务 3 牵头 自然资源部",
])


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def settings(backend, tmp_path):
    from apifakes import fake_extract  # noqa: F401 (importable by dotted path)

    return make_settings(tmp_path, database_url(backend, tmp_path), extract_fn=FAKE)


@pytest.fixture
def client(settings):
    from apifakes import fake_extract

    with client_for(settings, extract_fn=fake_extract) as c:
        yield c


def is_problem(r, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status and body["code"] == code
    assert body["type"].endswith("/" + code) and body["title"]
    return body


def post_text(client, text: str, *, wait: bool = True, filename: str = "n.txt"):
    return client.post(f"/v1/documents?wait={'true' if wait else 'false'}",
                       json={"text": text, "filename": filename})


# --- upload --------------------------------------------------------------------


def test_upload_json_wait_returns_result(client):
    r = post_text(client, NOTICE)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "done" and body["job"]["status"] == "done"
    assert body["sha256"] == hashlib.sha256(NOTICE.encode()).hexdigest()
    result = ExtractionResult.model_validate(body["result"])
    assert result.text == NOTICE
    assert body["title"] == "关于推动铝产业高质量发展的通知"
    assert body["written_date"] == "2025-03-11"
    assert r.headers["location"] == f"/v1/documents/{body['id']}"


def test_upload_multipart_202_then_done(client):
    r = client.post("/v1/documents", files={"file": ("a.txt", NOTICE.encode(), "text/plain")})
    assert r.status_code in (200, 202), r.text
    body = r.json()
    assert body["job"]["id"] >= 1 and body["filename"] == "a.txt"
    assert wait_status(client, body["id"])["status"] == "done"


def test_same_bytes_are_the_same_document(client):
    a = post_text(client, NOTICE).json()
    b = client.post("/v1/documents", files={"file": ("other.txt", NOTICE.encode())})
    assert b.status_code == 200
    assert b.json()["id"] == a["id"]
    listing = client.get("/v1/documents").json()
    assert listing["total"] == 1


def test_client_filename_is_display_only(client, settings):
    r = client.post("/v1/documents?wait=true",
                    files={"file": ("../../etc/passwd\x00.txt", NOTICE.encode())})
    assert r.status_code == 200, r.text
    body = r.json()
    assert "/" not in body["filename"] and "\x00" not in body["filename"]
    sha = body["sha256"]
    stored = settings.blob_dir / sha[:2] / sha[2:4] / sha
    assert stored.read_bytes() == NOTICE.encode()
    names = {p.name for p in settings.data_dir.rglob("*") if p.is_file()}
    assert not any("passwd" in n for n in names)


def test_wait_on_failure_is_a_problem_with_the_job_code(client):
    r = post_text(client, "FAIL encrypted_pdf")
    body = is_problem(r, 422, "encrypted_pdf")
    doc = client.get(f"/v1/documents/{body['document_id']}").json()
    assert doc["status"] == "failed"
    assert doc["error"]["code"] == "encrypted_pdf" and doc["job"]["error"]["code"] == "encrypted_pdf"


@pytest.mark.parametrize("cls", ALL_ERRORS, ids=lambda c: c.code)
def test_every_extractor_error_is_a_failed_job(client, cls):
    r = post_text(client, f"FAIL {cls.code}", wait=False)
    assert r.status_code == 202
    doc = wait_status(client, r.json()["id"])
    assert doc["status"] == "failed" and doc["error"]["code"] == cls.code
    again = post_text(client, f"FAIL {cls.code}")
    is_problem(again, cls.http_status, cls.code)


def test_component_bug_is_a_failed_job_not_a_500(backend, tmp_path):
    from apifakes import broken_extract

    s = make_settings(tmp_path, database_url(backend, tmp_path))
    with client_for(s, extract_fn=broken_extract) as c:
        r = post_text(c, NOTICE)
        body = is_problem(r, 422, "extraction_failed")
        r = c.get(f"/v1/documents/{body['document_id']}")
        doc = r.json()
        assert doc["status"] == "failed"
        # our code and message; the library's exception text stays in the database
        assert doc["job"]["error"] == {"code": "extraction_failed", "detail": None,
                                       "message": "the extraction failed unexpectedly"}
        assert "RuntimeError" not in r.text and "a bug in a component" not in r.text


def test_result_outside_the_schema_is_a_failed_job(backend, tmp_path):
    from apifakes import wrong_type_extract

    s = make_settings(tmp_path, database_url(backend, tmp_path))
    with client_for(s, extract_fn=wrong_type_extract) as c:
        is_problem(post_text(c, NOTICE), 422, "extraction_failed")


def test_upload_errors(client):
    is_problem(client.post("/v1/documents", content=b"x", headers={"content-type": "text/csv"}),
               415, "unsupported_media_type")
    is_problem(client.post("/v1/documents", files={"file": ("a.bin", b"\x00\x01\x02" * 100)}),
               415, "unsupported_media_type")
    is_problem(client.post("/v1/documents", files={"file": ("a.txt", b"")}), 422, "empty_input")
    is_problem(post_text(client, "  \n "), 422, "empty_input")
    is_problem(client.post("/v1/documents", files={"file": ("a.pdf", b"hello")}),
               422, "corrupt_pdf")
    is_problem(client.post("/v1/documents", files={"other": ("a.txt", b"hello")}),
               422, "validation_error")
    body = is_problem(client.post("/v1/documents", json={"txt": "x"}), 422, "validation_error")
    assert body["errors"]
    is_problem(client.post("/v1/documents", content=b"{not json",
                           headers={"content-type": "application/json"}),
               422, "validation_error")


def test_upload_size_limit(backend, tmp_path):
    from apifakes import fake_extract

    s = make_settings(tmp_path, database_url(backend, tmp_path), max_upload_bytes=1000)
    with client_for(s, extract_fn=fake_extract) as c:
        is_problem(c.post("/v1/documents", files={"file": ("a.txt", "铝".encode() * 400)}),
                   413, "too_large")
        is_problem(post_text(c, "铝" * 400), 413, "too_large")
        # far over the limit: refused from Content-Length before the body is read
        is_problem(c.post("/v1/documents", files={"file": ("a.txt", b"a" * 200_000)}),
                   413, "too_large")

        def chunks():  # no Content-Length: counted while streaming
            for _ in range(100):
                yield b"a" * 10_000

        is_problem(c.post("/v1/documents", content=chunks(),
                          headers={"content-type": "application/json"}), 413, "too_large")
        assert c.get("/v1/documents").json()["total"] == 0
        assert post_text(c, "标题 小").status_code == 200


def test_page_limit_fails_the_job(backend, tmp_path, samples_dir):
    from apifakes import fake_extract

    s = make_settings(tmp_path, database_url(backend, tmp_path), max_pages=2)
    with client_for(s, extract_fn=fake_extract) as c:
        pdf = (samples_dir / "notice_simple.pdf").read_bytes()
        r = c.post("/v1/documents?wait=true", files={"file": ("n.pdf", pdf, "application/pdf")})
        is_problem(r, 413, "too_many_pages")


def test_time_budget_fails_the_job(backend, tmp_path):
    from apifakes import fake_extract

    s = make_settings(tmp_path, database_url(backend, tmp_path), time_budget_s=0.5)
    with client_for(s, extract_fn=fake_extract) as c:
        r = post_text(c, "SLEEP 3\n标题 慢")
        body = is_problem(r, 422, "time_budget_exceeded")
        assert c.get(f"/v1/documents/{body['document_id']}").json()["status"] == "failed"
        assert post_text(c, "标题 快").status_code == 200  # the worker goes on


# --- get / text / delete -------------------------------------------------------------


def test_get_text_and_delete(client, settings):
    doc = post_text(client, NOTICE).json()
    r = client.get(f"/v1/documents/{doc['id']}")
    assert r.status_code == 200 and r.json()["result"]["text"] == NOTICE
    t = client.get(f"/v1/documents/{doc['id']}/text")
    assert t.status_code == 200 and t.text == NOTICE
    assert t.headers["content-type"].startswith("text/plain")
    assert client.delete(f"/v1/documents/{doc['id']}").status_code == 204
    is_problem(client.get(f"/v1/documents/{doc['id']}"), 404, "not_found")
    is_problem(client.delete(f"/v1/documents/{doc['id']}"), 404, "not_found")
    sha = doc["sha256"]
    assert not (settings.blob_dir / sha[:2] / sha[2:4] / sha).exists()
    assert client.get("/v1/targets").json()["total"] == 0
    assert client.get("/v1/agencies").json()["total"] == 0
    # the same bytes again make a fresh document
    again = post_text(client, NOTICE).json()
    assert again["id"] != doc["id"] and again["status"] == "done"


def test_text_of_an_unfinished_document_is_409(backend, tmp_path):
    from apifakes import fake_extract

    s = make_settings(tmp_path, database_url(backend, tmp_path), embedded_worker=False)
    with client_for(s, extract_fn=fake_extract) as c:
        r = post_text(c, NOTICE, wait=False)
        assert r.status_code == 202 and r.json()["status"] == "queued"
        is_problem(c.get(f"/v1/documents/{r.json()['id']}/text"), 409, "not_ready")
        assert c.get(f"/v1/documents/{r.json()['id']}").json()["result"] is None


def test_not_found_and_method_not_allowed(client):
    is_problem(client.get("/v1/documents/" + "0" * 32), 404, "not_found")
    is_problem(client.get("/v1/documents/not-an-id/text"), 404, "not_found")
    is_problem(client.get("/v1/nothing"), 404, "not_found")
    is_problem(client.put("/v1/documents"), 405, "method_not_allowed")
    is_problem(client.delete("/v1/targets"), 405, "method_not_allowed")


# --- list ---------------------------------------------------------------------


def test_list_filters_and_pagination(client):
    a = post_text(client, NOTICE).json()
    b = post_text(client, OTHER).json()
    post_text(client, "FAIL corrupt_pdf")

    def ids(**params):
        r = client.get("/v1/documents", params=params)
        assert r.status_code == 200, r.text
        return {d["id"] for d in r.json()["items"]}

    assert ids(status="done") == {a["id"], b["id"]}
    assert len(ids()) == 3
    assert ids(kind="policy_notice") == {a["id"], b["id"]}
    assert ids(kind="research_report") == set()
    assert ids(agency="中华人民共和国工业和信息化部") == {a["id"]}
    assert ids(agency="工业和信息化部") == {a["id"]}  # as written
    assert ids(agency="自然资源部") == {a["id"], b["id"]}
    assert ids(mineral="锂") == {b["id"]}
    assert ids(mineral="铝") == {a["id"]}  # parent of 再生铝
    assert ids(doc_number="工信部联原〔2025〕62号") == {a["id"]}
    assert ids(written_from="2025-01-01") == {a["id"]}
    assert ids(written_to="2024-12-31") == {b["id"]}
    assert ids(written_from="2024-01-01", written_to="2025-12-31") == {a["id"], b["id"]}
    assert ids(q="锂资源") == {b["id"]}
    assert ids(q="100%_") == set()  # LIKE wildcards are escaped
    page = client.get("/v1/documents", params={"limit": 1, "offset": 1, "status": "done"}).json()
    assert page["total"] == 2 and len(page["items"]) == 1 and page["offset"] == 1
    is_problem(client.get("/v1/documents", params={"limit": 0}), 422, "validation_error")
    is_problem(client.get("/v1/documents", params={"written_from": "yesterday"}),
               422, "validation_error")
    is_problem(client.get("/v1/documents", params={"q": "a\x00b"}), 422, "validation_error")


# --- auth ---------------------------------------------------------------------


def test_api_key_protects_writes_and_reads(backend, tmp_path):
    from apifakes import fake_extract

    s = make_settings(tmp_path, database_url(backend, tmp_path), api_key="s3cret",
                      read_api_key="reader")
    with client_for(s, extract_fn=fake_extract) as c:
        is_problem(post_text(c, NOTICE), 401, "unauthorized")
        is_problem(c.post("/v1/documents", json={"text": NOTICE},
                          headers={"X-API-Key": "wrong"}), 401, "unauthorized")
        r = c.post("/v1/documents?wait=true", json={"text": NOTICE},
                   headers={"X-API-Key": "s3cret"})
        assert r.status_code == 200
        doc_id = r.json()["id"]
        # reads need a key too: the API key or the read key
        for path in (f"/v1/documents/{doc_id}", f"/v1/documents/{doc_id}/text", "/v1/documents",
                     "/v1/search?q=再生铝", "/v1/targets", "/v1/export", "/v1/limits"):
            is_problem(c.get(path), 401, "unauthorized")
            is_problem(c.get(path, headers={"X-API-Key": "wrong"}), 401, "unauthorized")
            assert c.get(path, headers={"X-API-Key": "reader"}).status_code == 200, path
            assert c.get(path, headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert c.get("/healthz").status_code == 200  # liveness stays open
        # the read key does not open writes
        is_problem(c.post("/v1/documents", json={"text": "x"}, headers={"X-API-Key": "reader"}),
                   401, "unauthorized")
        is_problem(c.delete(f"/v1/documents/{doc_id}", headers={"X-API-Key": "reader"}),
                   401, "unauthorized")
        is_problem(c.delete(f"/v1/documents/{doc_id}"), 401, "unauthorized")
        r = c.delete(f"/v1/documents/{doc_id}", headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 204


# --- meta ---------------------------------------------------------------------


def test_schema_health_and_openapi(client):
    from extractor import schema

    r = client.get("/v1/schema")
    assert r.status_code == 200
    assert r.json() == schema.schemas()["extraction_result.schema.json"]
    h = client.get("/healthz").json()
    assert h["status"] == "ok" and h["workers"] == 1
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/v1/documents", "/v1/documents/{doc_id}", "/v1/documents/{doc_id}/text",
            "/v1/targets", "/v1/agencies", "/v1/agencies/{name}/documents",
            "/v1/minerals/{name}/documents", "/v1/schema", "/healthz"} <= paths
    assert client.get("/docs").status_code == 200


# --- the real extractor -----------------------------------------------------------


@pytest.fixture
def real_client(backend, tmp_path):
    s = make_settings(tmp_path, database_url(backend, tmp_path), time_budget_s=300)
    with client_for(s) as c:
        yield c


@pytest.mark.shared
def test_real_extraction_text_and_pdf(real_client, samples_dir, seeds_dir):
    c = real_client
    text = (seeds_dir / "notice_003.txt").read_bytes()
    r = c.post("/v1/documents?wait=true", files={"file": ("notice_003.txt", text)})
    assert r.status_code == 200, r.text
    res = ExtractionResult.model_validate(r.json()["result"])
    assert res.source.sha256 == hashlib.sha256(text).hexdigest()
    assert c.get(f"/v1/documents/{r.json()['id']}/text").text == res.text
    pdf = (samples_dir / "notice_simple.pdf").read_bytes()
    r = c.post("/v1/documents?wait=true",
               files={"file": ("notice_simple.pdf", io.BytesIO(pdf), "application/pdf")})
    assert r.status_code == 200, r.text
    body = r.json()
    res = ExtractionResult.model_validate(body["result"])
    assert body["media_type"] == "application/pdf" and res.source.pages == body["pages"]
    assert c.get("/v1/documents", params={"status": "done"}).json()["total"] == 2


def test_real_extraction_bad_pdf_is_a_typed_failure(real_client):
    r = real_client.post("/v1/documents?wait=true",
                         files={"file": ("x.pdf", b"%PDF-1.4\n garbage garbage\n%%EOF")})
    assert r.status_code in (413, 415, 422), r.text
    body = r.json()
    assert body["code"] in {cls.code for cls in ALL_ERRORS} and body["code"] != "extraction_failed"
