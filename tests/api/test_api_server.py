"""A real uvicorn process on a free loopback port: upload notice_simple.pdf."""

from __future__ import annotations

import httpx
import pytest
from apifixtures import Server, database_url

from api.settings import default_workers
from extractor.models import ExtractionResult


@pytest.mark.slow
@pytest.mark.shared
def test_uvicorn_upload_pdf(tmp_path, samples_dir):
    # SQLite, as `make run` starts it (the restart test runs uvicorn on PostgreSQL too)
    backend = "sqlite"
    env = {
        "EXTRACTOR_DATA_DIR": str(tmp_path / "data"),
        "EXTRACTOR_DATABASE_URL": database_url(backend, tmp_path),
        "EXTRACTOR_EXECUTOR": "process",
        "EXTRACTOR_API_KEY": "k",
    }
    server = Server(env, tmp_path).wait_ready()
    try:
        with httpx.Client(base_url=server.url, timeout=300) as c:
            pdf = (samples_dir / "notice_simple.pdf").read_bytes()
            files = {"file": ("notice_simple.pdf", pdf, "application/pdf")}
            assert c.post("/v1/documents", files=files).status_code == 401
            r = c.post("/v1/documents", params={"wait": "true"}, files=files,
                       headers={"X-API-Key": "k"})
            assert r.status_code == 200, r.text
            body = r.json()
            assert body["status"] == "done" and body["media_type"] == "application/pdf"
            result = ExtractionResult.model_validate(body["result"])
            assert result.source.filename == "notice_simple.pdf"
            assert c.get(f"/v1/documents/{body['id']}/text").status_code == 401  # reads too
            assert c.get(f"/v1/documents/{body['id']}/text",
                         headers={"X-API-Key": "k"}).text == result.text
            health = c.get("/healthz").json()
            assert health["status"] == "ok" and health["busy"] == 0
            assert health["jobs"] == {"queued": 0, "running": 0, "done": 1, "failed": 0}
            assert health["workers"] == default_workers()  # `make run` runs several
            assert c.get("/openapi.json").status_code == 200
    finally:
        server.stop()
