"""`extractor reprocess` against a real uvicorn process: it queues re-extraction jobs
through POST /v1/admin/reprocess, and reports typed errors."""

from __future__ import annotations

import time

import httpx
import pytest
from apifixtures import Server, database_url, free_port
from test_api_documents import NOTICE

from extractor.cli import main


@pytest.mark.slow
def test_cli_reprocess_queues_jobs_in_the_service(tmp_path, capsys):
    env = {
        "EXTRACTOR_DATA_DIR": str(tmp_path / "data"),
        "EXTRACTOR_DATABASE_URL": database_url("sqlite", tmp_path),
        "EXTRACTOR_EXECUTOR": "inline",
        "EXTRACTOR_EXTRACT_FN": "apifakes:fake_extract",  # reports version "fake" (outdated)
        "EXTRACTOR_API_KEY": "k",
    }
    server = Server(env, tmp_path).wait_ready()
    try:
        with httpx.Client(base_url=server.url, timeout=60, headers={"X-API-Key": "k"}) as c:
            doc = c.post("/v1/documents?wait=true", json={"text": NOTICE}).json()
            assert doc["status"] == "done"
            assert main(["reprocess", "--url", server.url, "--api-key", "wrong"]) == 2
            assert "error[unauthorized]" in capsys.readouterr().err
            assert main(["reprocess", "--url", server.url, "--api-key", "k"]) == 0
            out = capsys.readouterr().out
            assert out.startswith("1 re-extraction job(s) queued, 0 already queued") and \
                doc["id"] in out
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                body = c.get(f"/v1/documents/{doc['id']}").json()
                assert body["status"] == "done" and body["result"] is not None
                if body["job"]["purpose"] == "reprocess" and body["job"]["status"] == "done":
                    break
                time.sleep(0.1)
            assert body["job"]["purpose"] == "reprocess" and body["job"]["status"] == "done"
    finally:
        server.stop()
    assert main(["reprocess", "--url", f"http://127.0.0.1:{free_port()}", "--timeout", "5"]) == 69
    assert "error[service_unavailable]" in capsys.readouterr().err
