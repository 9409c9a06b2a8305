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
            from alembic.script import ScriptDirectory

            from api.db import alembic_config

            heads = ScriptDirectory.from_config(alembic_config()).get_heads()
            assert len(heads) == 1, f"the migrations branch: {heads}"
            assert ctx.get_current_revision() == heads[0]
            assert compare_metadata(ctx, Base.metadata) == []
    finally:
        db.dispose()
