"""Alembic migrations create exactly the tables the models describe (the full-text
tables, made outside the ORM, are left out of the comparison), 0003 indexes
results stored before it, and 0004 adds job progress to existing jobs."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from apifixtures import BACKENDS, database_url
from sqlalchemy import inspect, text

from api.db import Base, Database, alembic_config, orm_managed


def database_at(backend: str, tmp_path, revision: str) -> Database:
    """A new database migrated up to `revision` only (an older service's database)."""
    (tmp_path / "db").mkdir(exist_ok=True)
    db = Database(database_url(backend, tmp_path))
    with db.engine.connect() as conn:
        command.upgrade(alembic_config(conn), revision)
        conn.commit()
    return db


@pytest.mark.parametrize("backend", BACKENDS)
def test_migrations_match_models_and_are_idempotent(backend, tmp_path):
    db = Database(database_url(backend, tmp_path))
    try:
        db.migrate()
        db.migrate()  # a second start-up is a no-op
        with db.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={
                "compare_type": True,
                "include_name": lambda name, type_, parent: type_ != "table" or orm_managed(name),
            })
            heads = ScriptDirectory.from_config(alembic_config()).get_heads()
            assert len(heads) == 1, f"the migrations branch: {heads}"
            assert ctx.get_current_revision() == heads[0] != "0001"
            assert compare_metadata(ctx, Base.metadata) == []
            assert conn.execute(text("SELECT count(*) FROM search_index")).scalar() == 0
    finally:
        db.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrade_indexes_results_stored_before(backend, tmp_path):
    """A database before the knowledge base (0002_review) with a stored result: 0003 fills
    the search index and the versions."""
    from apifakes import fake_extract
    from test_api_documents import NOTICE

    db = database_at(backend, tmp_path, "0002_review")
    try:
        result = fake_extract(NOTICE.encode())
        with db.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO documents (id, sha256, media_type, size_bytes, status, created_at, "
                "updated_at, text, title) VALUES ('d' || :z, :sha, 'text/plain', 1, 'done', "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, :t, :title)"),
                {"z": "0" * 31, "sha": "a" * 64, "t": result.text, "title": result.title.text})
            conn.execute(text("INSERT INTO results (document_id, schema_version, result_json) "
                              "VALUES ('d' || :z, '1.0.0', :j)"),
                         {"z": "0" * 31, "j": result.model_dump_json()})
        db.migrate()
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT extractor_version FROM results")).scalar() == "fake"
            assert conn.execute(text("SELECT count(*) FROM search_index")).scalar() == 1
            assert conn.execute(text("SELECT text_sha256 FROM documents")).scalar()
    finally:
        db.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_0004_adds_job_progress_to_existing_jobs_and_downgrades(backend, tmp_path):
    """Jobs queued before 0004 keep their rows and have no progress; 0004 downgrades."""
    db = database_at(backend, tmp_path, "0003")
    try:
        with db.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO documents (id, sha256, media_type, size_bytes, status, created_at, "
                "updated_at) VALUES (:d, :sha, 'application/pdf', 1, 'queued', "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"), {"d": "e" * 32, "sha": "b" * 64})
            conn.execute(text("INSERT INTO jobs (document_id, status, attempts, max_attempts, "
                              "created_at) VALUES (:d, 'queued', 0, 3, CURRENT_TIMESTAMP)"),
                         {"d": "e" * 32})
        db.migrate()
        with db.engine.connect() as conn:
            row = conn.execute(text("SELECT status, pages_done, pages_total FROM jobs")).one()
            assert tuple(row) == ("queued", None, None)
            command.downgrade(alembic_config(conn), "0003")
            conn.commit()
            cols = {c["name"] for c in inspect(conn).get_columns("jobs")}
            assert "pages_done" not in cols and "status" in cols
            assert conn.execute(text("SELECT count(*) FROM jobs")).scalar() == 1
    finally:
        db.dispose()


@pytest.mark.postgres
def test_0005_turns_the_gin_pending_list_off(tmp_path):
    """An index made before 0005 (fastupdate on, entries waiting in its pending list)
    gets `fastupdate = off` and its pending entries merged; new databases have it."""
    db = database_at("postgres", tmp_path, "0004")
    try:
        with db.engine.connect() as conn:
            conn.execute(text("ALTER INDEX ix_search_index_tsv SET (fastupdate = on)"))
            conn.execute(text(
                "INSERT INTO documents (id, sha256, media_type, size_bytes, status, created_at, "
                "updated_at) VALUES (:d, :sha, 'text/plain', 1, 'done', CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP)"), {"d": "f" * 32, "sha": "c" * 64})
            conn.execute(text("INSERT INTO search_index (document_id, title, body) "
                              "VALUES (:d, '再生铝', '铝土矿 工业和信息化部')"), {"d": "f" * 32})
            conn.commit()
        db.migrate()
        with db.engine.connect() as conn:
            opts = conn.execute(text("SELECT reloptions FROM pg_class "
                                     "WHERE relname = 'ix_search_index_tsv'")).scalar()
            assert "fastupdate=off" in opts
            hits = conn.execute(text("SELECT count(*) FROM search_index WHERE "
                                     "tsv @@ plainto_tsquery('simple', '铝土矿')")).scalar()
            assert hits == 1
    finally:
        db.dispose()
    fresh = Database(database_url("postgres", tmp_path))
    try:
        fresh.migrate()
        with fresh.engine.connect() as conn:
            assert "fastupdate=off" in conn.execute(text(
                "SELECT reloptions FROM pg_class WHERE relname = 'ix_search_index_tsv'")).scalar()
    finally:
        fresh.dispose()
