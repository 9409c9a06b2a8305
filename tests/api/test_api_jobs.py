"""Jobs: persisted queue, row claiming, stale re-queueing, worker processes that
crash or overrun their budget, and a real restart (SIGKILL mid-job)."""

from __future__ import annotations

import time
from datetime import timedelta

import httpx
import pytest
from apifixtures import (
    BACKENDS,
    Server,
    client_for,
    database_url,
    make_settings,
    wait_status,
)
from sqlalchemy import update
from test_api_documents import NOTICE, OTHER, post_text


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


def test_claims_are_exclusive(backend, tmp_path):
    from api import jobqueue
    from api.db import Database

    s = make_settings(tmp_path, database_url(backend, tmp_path), embedded_worker=False)
    with client_for(s) as c:
        for i in range(5):
            assert post_text(c, f"标题 {i}", wait=False).status_code == 202
        db = Database(s.db_url)
        claimed = [jobqueue.claim_job(db, f"w{i % 2}") for i in range(6)]
        ids = [j.id for j in claimed if j is not None]
        assert sorted(ids) == ids and len(set(ids)) == 5 and claimed[-1] is None
        assert all(j.attempts == 1 and j.status == "running" for j in claimed if j)
        assert c.get("/v1/documents", params={"status": "running"}).json()["total"] == 5
        db.dispose()


def test_stale_running_job_is_requeued_and_completed(backend, tmp_path):
    from apifakes import fake_extract

    from api import jobqueue
    from api.db import Database, Job, utcnow
    from api.storage import BlobStore
    from api.worker import WorkerPool

    s = make_settings(tmp_path, database_url(backend, tmp_path), embedded_worker=False,
                      stale_after_s=5)
    with client_for(s) as c:
        doc = post_text(c, NOTICE, wait=False).json()
        db = Database(s.db_url)
        job = jobqueue.claim_job(db, "a-worker-that-died")
        assert job is not None
        with db.write() as ses:  # its last heartbeat was a minute ago
            ses.execute(update(Job).values(heartbeat_at=utcnow() - timedelta(seconds=60)))
            ses.commit()
        pool = WorkerPool(db, BlobStore(s.blob_dir), s, extract_fn=fake_extract)
        pool.start()  # re-queues stale jobs at start
        try:
            body = wait_status(c, doc["id"])
        finally:
            pool.stop()
            db.dispose()
        assert body["status"] == "done" and body["job"]["attempts"] == 2


def test_job_that_keeps_losing_its_worker_fails(backend, tmp_path):
    from api import jobqueue
    from api.db import Database

    s = make_settings(tmp_path, database_url(backend, tmp_path), embedded_worker=False,
                      max_attempts=1)
    with client_for(s) as c:
        doc = post_text(c, NOTICE, wait=False).json()
        db = Database(s.db_url)
        assert jobqueue.claim_job(db, "gone") is not None
        time.sleep(0.05)
        assert jobqueue.requeue_stale(db, 0.0) == 1
        body = c.get(f"/v1/documents/{doc['id']}").json()
        assert body["status"] == "failed" and body["error"]["code"] == "worker_lost"
        # a new upload of the same bytes retries a job that failed for no fault of the input
        again = post_text(c, NOTICE, wait=False)
        assert again.status_code == 202 and again.json()["status"] == "queued"
        db.dispose()


@pytest.mark.slow
def test_process_worker_crash_is_retried_then_failed(tmp_path):
    # the executor does not depend on the database: SQLite only (child start-up is slow)
    s = make_settings(tmp_path, database_url("sqlite", tmp_path), executor="process",
                      extract_fn="apifakes:fake_extract", max_attempts=2)
    with client_for(s) as c:
        r = post_text(c, "CRASH")
        assert r.status_code == 422, r.text
        body = r.json()
        assert body["code"] == "worker_crashed"
        doc = c.get(f"/v1/documents/{body['document_id']}").json()
        assert doc["job"]["attempts"] == 2
        ok = post_text(c, NOTICE)  # a fresh child process takes the next job
        assert ok.status_code == 200 and ok.json()["status"] == "done"


@pytest.mark.slow
def test_process_worker_time_budget_kills_the_child(tmp_path):
    """The worker process stops an extraction at the budget itself; one that does not
    react (a long call into C) is killed `kill_grace_s` later."""
    s = make_settings(tmp_path, database_url("sqlite", tmp_path), executor="process",
                      extract_fn="apifakes:fake_extract", time_budget_s=1.5, kill_grace_s=1.0)
    with client_for(s) as c:
        post_text(c, "标题 预热")  # the child is up
        for k, slow in enumerate(("SLEEP 30\n标题 慢", "HANG 30\n标题 聋")):
            t0 = time.monotonic()
            r = post_text(c, slow)
            assert r.json()["code"] == "time_budget_exceeded" and r.status_code == 422
            assert time.monotonic() - t0 < 15
            assert post_text(c, f"{OTHER}\n备注 {k}").json()["status"] == "done"


@pytest.mark.slow
def test_restart_resumes_unfinished_jobs(backend, tmp_path):
    """SIGKILL the service (and its worker process) mid-job; a new one finishes it. The
    job the dead process left `running` is re-queued at start-up, long before its
    heartbeat would go stale (300 s here), and its half-written upload is removed."""
    url = database_url(backend, tmp_path)
    env = {
        "EXTRACTOR_DATA_DIR": str(tmp_path / "data"),
        "EXTRACTOR_DATABASE_URL": url,
        "EXTRACTOR_EXECUTOR": "process",
        "EXTRACTOR_EXTRACT_FN": "apifakes:slow_extract",
        "EXTRACTOR_WORKERS": "1",
        "EXTRACTOR_HEARTBEAT_S": "0.3",
        "EXTRACTOR_STALE_AFTER_S": "300",
        "EXTRACTOR_POLL_INTERVAL_S": "0.1",
        "FAKE_DELAY_S": "120",
    }
    first = Server(env, tmp_path).wait_ready()
    try:
        a = httpx.post(first.url + "/v1/documents", json={"text": NOTICE}, timeout=30).json()
        b = httpx.post(first.url + "/v1/documents", json={"text": OTHER}, timeout=30).json()
        deadline = time.monotonic() + 60
        while httpx.get(f"{first.url}/v1/documents/{a['id']}").json()["status"] != "running":
            assert time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        first.kill()
    half_written = tmp_path / "data" / "blobs" / "tmp" / f"up-{first.proc.pid}-x1y2z3"
    half_written.write_bytes(b"%PDF-1.7 cut off")
    # the second service runs the extraction in-process (faster start; same job code)
    second = Server({**env, "FAKE_DELAY_S": "0", "EXTRACTOR_EXECUTOR": "inline"},
                    tmp_path).wait_ready()
    try:
        with httpx.Client(base_url=second.url, timeout=30) as c:
            for doc, attempts in ((a, 2), (b, 1)):
                deadline = time.monotonic() + 60
                while (body := c.get(f"/v1/documents/{doc['id']}").json())["status"] != "done":
                    assert body["status"] in ("queued", "running"), body
                    assert time.monotonic() < deadline, body
                    time.sleep(0.1)
                assert body["job"]["attempts"] == attempts
                assert body["result"]["text"] in (NOTICE, OTHER)
            assert c.get("/v1/documents").json()["total"] == 2
        assert not half_written.exists()
    finally:
        second.stop()


def test_shutdown_puts_the_running_job_back(backend, tmp_path):
    s = make_settings(tmp_path, database_url(backend, tmp_path))
    from apifakes import fake_extract

    with client_for(s, extract_fn=fake_extract) as c:
        doc = post_text(c, "SLEEP 2\n标题 慢", wait=False).json()
        assert wait_status(c, doc["id"], statuses=("running",))["status"] == "running"
    # the app stopped mid-job: the job is queued again, its attempt not counted
    with client_for(s.with_(embedded_worker=False), extract_fn=fake_extract) as c:
        body = c.get(f"/v1/documents/{doc['id']}").json()
        assert body["status"] == "queued" and body["job"]["attempts"] == 0
    with client_for(s, extract_fn=fake_extract) as c:
        body = wait_status(c, doc["id"])
        assert body["status"] == "done" and body["job"]["attempts"] == 1
