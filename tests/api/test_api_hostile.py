"""One slow or hostile job never holds the service: several workers (one keeps to small
documents), DELETE cancels a running job, /healthz tells running and queued jobs as
they are, content failures are not retried, and what a crashed process left behind
(running jobs, half-written uploads) is cleaned up at start-up."""

from __future__ import annotations

import os
import subprocess
import time

import pytest
from apifixtures import BACKENDS, client_for, database_url, make_settings, wait_status
from test_api_documents import NOTICE, OTHER, post_text


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


def _until(check, timeout: float = 10.0, every: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)


def test_default_workers_are_sized_to_the_machine(monkeypatch):
    from api.settings import Settings, default_workers

    assert Settings().workers == default_workers() == max(2, min(4, os.cpu_count() or 1))
    monkeypatch.setenv("EXTRACTOR_WORKERS", "3")
    assert Settings.from_env().workers == 3


def test_delete_cancels_the_running_job_at_once(backend, tmp_path):
    from apifakes import fake_extract

    s = make_settings(tmp_path, database_url(backend, tmp_path), heartbeat_s=30.0)
    with client_for(s, extract_fn=fake_extract) as c:
        doc = post_text(c, "SLEEP 60\n标题 慢", wait=False).json()
        assert wait_status(c, doc["id"], statuses=("running",))["status"] == "running"
        health = c.get("/healthz").json()
        assert health["jobs"]["running"] == 1 and health["busy"] == 1
        t0 = time.monotonic()
        assert c.delete(f"/v1/documents/{doc['id']}").status_code == 204
        # no heartbeat in between (30 s): the worker was told directly
        assert _until(lambda: c.get("/healthz").json()["busy"] == 0, timeout=5)
        assert time.monotonic() - t0 < 5
        health = c.get("/healthz").json()
        assert health["jobs"] == {"queued": 0, "running": 0, "done": 0, "failed": 0}
        # the only worker is free again
        assert post_text(c, NOTICE).json()["status"] == "done"


def test_delete_cancels_a_job_running_in_another_process(backend, tmp_path):
    """A worker outside the API process learns it at its next heartbeat."""
    from apifakes import fake_extract

    from api.db import Database
    from api.storage import BlobStore
    from api.worker import WorkerPool

    s = make_settings(tmp_path, database_url(backend, tmp_path), embedded_worker=False,
                      heartbeat_s=0.2)
    with client_for(s) as c:
        doc = post_text(c, "SLEEP 60\n标题 慢", wait=False).json()
        assert c.get("/healthz").json()["jobs"]["queued"] == 1
        db = Database(s.db_url)
        pool = WorkerPool(db, BlobStore(s.blob_dir), s, extract_fn=fake_extract)
        pool.start()
        try:
            assert wait_status(c, doc["id"], statuses=("running",))["status"] == "running"
            assert pool.busy() == 1
            assert c.delete(f"/v1/documents/{doc['id']}").status_code == 204
            assert _until(lambda: pool.busy() == 0, timeout=5)
        finally:
            pool.stop()
            db.dispose()


def test_small_documents_do_not_wait_behind_big_ones(backend, tmp_path):
    from apifakes import fake_extract

    s = make_settings(tmp_path, database_url(backend, tmp_path), workers=2,
                      small_job_bytes=1000)
    pad = "\n备注 " + "很长的文件" * 100  # over 1000 bytes
    with client_for(s, extract_fn=fake_extract) as c:
        big = [post_text(c, f"SLEEP 60\n标题 大{k}{pad}", wait=False).json() for k in range(2)]
        assert wait_status(c, big[0]["id"], statuses=("running",))["status"] == "running"
        t0 = time.monotonic()
        small = post_text(c, NOTICE)  # waits for its result
        assert small.json()["status"] == "done"
        assert time.monotonic() - t0 < 20
        health = c.get("/healthz").json()
        # one big job runs, the other waits: worker 0 keeps to small documents
        assert health["jobs"]["running"] == 1 and health["jobs"]["queued"] == 1
        for d in big:
            c.delete(f"/v1/documents/{d['id']}")


@pytest.mark.parametrize("code", ["too_large", "time_budget_exceeded", "no_text_layer"])
def test_content_failure_is_not_retried(backend, tmp_path, code):
    from apifakes import fake_extract

    s = make_settings(tmp_path, database_url(backend, tmp_path))
    with client_for(s, extract_fn=fake_extract) as c:
        r = post_text(c, f"FAIL {code}")
        assert r.status_code in (413, 422) and r.json()["code"] == code
        doc_id = r.json()["document_id"]
        again = post_text(c, f"FAIL {code}", wait=False)
        assert again.json()["id"] == doc_id and again.json()["status"] == "failed"
        body = c.get(f"/v1/documents/{doc_id}").json()
        assert body["job"]["attempts"] == 1
        assert c.get("/healthz").json()["jobs"] == {"queued": 0, "running": 0, "done": 0,
                                                      "failed": 1}


def test_time_budget_overrun_fails_once_and_frees_the_worker(backend, tmp_path):
    from apifakes import fake_extract

    s = make_settings(tmp_path, database_url(backend, tmp_path), time_budget_s=0.5)
    with client_for(s, extract_fn=fake_extract) as c:
        r = post_text(c, "SLEEP 30\n标题 慢")
        assert r.json()["code"] == "time_budget_exceeded"
        body = c.get(f"/v1/documents/{r.json()['document_id']}").json()
        assert body["job"]["attempts"] == 1 and body["status"] == "failed"
        assert post_text(c, OTHER).json()["status"] == "done"


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_jobs_of_a_dead_process_are_requeued_at_start_up(backend, tmp_path):
    """Not after the heartbeat goes stale (300 s here): the owner's pid is gone."""
    import socket

    from apifakes import fake_extract

    from api import jobqueue
    from api.db import Database

    s = make_settings(tmp_path, database_url(backend, tmp_path), embedded_worker=False,
                      stale_after_s=300.0)
    host = socket.gethostname()
    with client_for(s) as c:
        dead = post_text(c, NOTICE, wait=False).json()
        alive = post_text(c, OTHER, wait=False).json()
        remote = post_text(c, NOTICE + "\n备注 远", wait=False).json()
        db = Database(s.db_url)
        assert jobqueue.claim_job(db, f"{host}:{_dead_pid()}:abcdef:0") is not None
        assert jobqueue.claim_job(db, f"{host}:{os.getppid()}:abcdef:0") is not None
        assert jobqueue.claim_job(db, f"elsewhere:{_dead_pid()}:abcdef:0") is not None
        db.dispose()
    with client_for(s.with_(embedded_worker=True), extract_fn=fake_extract) as c:
        assert wait_status(c, dead["id"], timeout=20)["status"] == "done"
        # a live process of this machine, and any process elsewhere, keep their jobs
        assert c.get(f"/v1/documents/{alive['id']}").json()["status"] == "running"
        assert c.get(f"/v1/documents/{remote['id']}").json()["status"] == "running"


def test_worker_is_dead_reads_host_and_pid():
    import socket

    from api.worker import worker_is_dead

    host = socket.gethostname()
    assert worker_is_dead(f"{host}:{_dead_pid()}:abc123:0")
    assert not worker_is_dead(f"{host}:{os.getppid()}:abc123:0")
    assert not worker_is_dead(f"other-host:{_dead_pid()}:abc123:0")
    assert not worker_is_dead("not-a-worker-id")
    # this pid under another tag: an earlier life of this process id (a restarted container)
    me = f"{host}:{os.getpid()}:abc123"
    assert worker_is_dead(f"{host}:{os.getpid()}:old999:0", own_prefix=me)
    assert not worker_is_dead(f"{me}:1", own_prefix=me)


def test_half_written_uploads_of_a_dead_process_are_removed(tmp_path):
    from api.storage import BlobStore

    store = BlobStore(tmp_path / "blobs")
    store.ensure()
    dead = store.tmp / f"up-{_dead_pid()}-abc"
    mine = store.tmp / f"up-{os.getpid()}-abc"
    old_style_new = store.tmp / "up-abcdef"
    old_style_old = store.tmp / "up-ghijkl"
    for f in (dead, mine, old_style_new, old_style_old):
        f.write_bytes(b"partial")
    os.utime(old_style_old, (time.time() - 7200, time.time() - 7200))
    assert store.clean_tmp() == 2
    assert not dead.exists() and not old_style_old.exists()
    assert mine.exists() and old_style_new.exists()
    with store.spool() as sp:  # spool files carry the writer's pid
        assert os.path.basename(sp._name).startswith(f"up-{os.getpid()}-")


def test_upload_dir_is_cleaned_when_the_service_starts(tmp_path):
    s = make_settings(tmp_path, database_url("sqlite", tmp_path))
    left = s.blob_dir / "tmp" / f"up-{_dead_pid()}-zzz"
    left.parent.mkdir(parents=True)
    left.write_bytes(b"half")
    with client_for(s) as c:
        assert c.get("/healthz").status_code == 200
    assert not left.exists()
