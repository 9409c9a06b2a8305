"""Jobs a client can follow: the pages ingestion has read flow from the extraction
(inline thread or worker process) through the worker into the job row, and
`GET /v1/jobs/{id}` (and the document's `job`) shows `progress: {pages_done, pages_total}`.

Progress is checked by recording what the worker writes (no timed assertions)."""

from __future__ import annotations

import pytest
from apifixtures import BACKENDS, client_for, database_url, make_settings
from test_api_documents import NOTICE, is_problem, post_text


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def writes(monkeypatch):
    """Every progress write of the worker, (done, total), in order."""
    from api import jobqueue

    seen: list[tuple[int, int]] = []
    real = jobqueue.job_progress

    def record(db, job_id, worker_id, done, total):
        seen.append((done, total))
        return real(db, job_id, worker_id, done, total)

    monkeypatch.setattr(jobqueue, "job_progress", record)
    return seen


def assert_monotonic_to(seen: list[tuple[int, int]], pages: int) -> None:
    assert seen, "no progress was written"
    assert seen[0] == (0, pages) and seen[-1] == (pages, pages), seen
    done = [d for d, _ in seen]
    assert done == sorted(done) and {t for _, t in seen} == {pages}, seen


def upload_pdf(c, path):
    r = c.post("/v1/documents?wait=true",
               files={"file": (path.name, path.read_bytes(), "application/pdf")})
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.shared
def test_pdf_job_reports_every_page(backend, tmp_path, samples_dir, writes, monkeypatch):
    """The real extractor on a 6-page PDF: every page report reaches the job row."""
    import api.worker

    monkeypatch.setattr(api.worker, "PROGRESS_EVERY_S", 0.0)  # write every report
    s = make_settings(tmp_path, database_url(backend, tmp_path))
    with client_for(s) as c:  # extract_fn: the real extractor.core:extract
        doc = upload_pdf(c, samples_dir / "notice_simple.pdf")
        assert doc["status"] == "done" and doc["pages"] == 6
        assert_monotonic_to(writes, 6)
        assert writes == [(k, 6) for k in range(7)]  # one write per report
        job = c.get(doc["links"]["job"]).json()
        assert job["id"] == doc["job"]["id"] and job["document_id"] == doc["id"]
        assert job["status"] == "done" and job["queue_position"] is None
        assert job["progress"] == {"pages_done": 6, "pages_total": 6}
        assert doc["job"]["progress"] == job["progress"]


@pytest.mark.shared
def test_throttled_writes_keep_the_first_and_last(backend, tmp_path, samples_dir, writes):
    """20 fast pages under the default write interval: fewer writes, same end."""
    s = make_settings(tmp_path, database_url(backend, tmp_path))
    from apifakes import ingest_extract

    with client_for(s, extract_fn=ingest_extract) as c:
        doc = upload_pdf(c, samples_dir / "long_20pages.pdf")
        assert doc["job"]["progress"] == {"pages_done": 20, "pages_total": 20}
        assert_monotonic_to(writes, 20)


def test_text_job_is_one_page_and_unknown_job_is_404(backend, tmp_path):
    from apifakes import ingest_extract

    s = make_settings(tmp_path, database_url(backend, tmp_path))
    with client_for(s, extract_fn=ingest_extract) as c:
        doc = post_text(c, NOTICE).json()
        assert doc["job"]["progress"] == {"pages_done": 1, "pages_total": 1}
        is_problem(c.get("/v1/jobs/999999"), 404, "not_found")
        is_problem(c.get("/v1/jobs/abc"), 422, "validation_error")


def test_queued_job_has_no_progress_and_a_new_claim_clears_it(backend, tmp_path):
    """Progress belongs to one run: another worker cannot write it, and a job that goes
    back to the queue starts again from nothing."""
    from api import jobqueue, repo
    from api.db import Database

    s = make_settings(tmp_path, database_url(backend, tmp_path), embedded_worker=False)
    with client_for(s) as c:
        doc = post_text(c, NOTICE, wait=False).json()
        job_url = doc["links"]["job"]
        assert c.get(job_url).json()["progress"] is None
        db = Database(s.db_url)
        try:
            job = jobqueue.claim_job(db, "w1")
            assert jobqueue.job_progress(db, job.id, "w1", 2, 5)
            assert not jobqueue.job_progress(db, job.id, "someone-else", 3, 5)
            assert c.get(job_url).json()["progress"] == {"pages_done": 2, "pages_total": 5}
            jobqueue.requeue(db, job.id, "w1", count_attempt=False)
            body = c.get(job_url).json()
            assert body["status"] == "queued" and body["progress"] is None
            assert body["queue_position"] == 1
            jobqueue.claim_job(db, "w2")
            assert c.get(job_url).json()["progress"] is None
        finally:
            db.dispose()


@pytest.mark.slow
@pytest.mark.shared
def test_worker_process_sends_progress_over_its_pipe(tmp_path, samples_dir, writes,
                                                     monkeypatch):
    """The process executor: the child's page reports arrive before its outcome."""
    import api.worker

    monkeypatch.setattr(api.worker, "PROGRESS_EVERY_S", 0.0)
    s = make_settings(tmp_path, database_url("sqlite", tmp_path), executor="process",
                      extract_fn="apifakes:ingest_extract")
    with client_for(s) as c:
        doc = upload_pdf(c, samples_dir / "long_20pages.pdf")
        assert doc["status"] == "done"
        assert writes == [(k, 20) for k in range(21)]
        assert c.get(doc["links"]["job"]).json()["progress"] == {
            "pages_done": 20, "pages_total": 20}
