"""Alembic migrations create exactly the tables the models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from apifixtures import BACKENDS, database_url

from api.db import Base, Database


@pytest.mark.parametrize("backend", BACKENDS)
def test_migrations_match_models_and_are_idempotent(backend, tmp_path):
    db = Database(database_url(backend, tmp_path))
    try:
        db.migrate()
        db.migrate()  # a second start-up is a no-op
        with db.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            assert ctx.get_current_revision() == "0001"
            assert compare_metadata(ctx, Base.metadata) == []
    finally:
        db.dispose()
