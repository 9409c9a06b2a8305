"""Alembic environment. The API passes its connection in `config.attributes`;
the `alembic -c api/alembic.ini` command line uses EXTRACTOR_DATABASE_URL."""

from __future__ import annotations

from alembic import context

from api.db import Base, make_engine, orm_managed

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=lambda name, type_, parent: type_ != "table" or orm_managed(name),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from api.settings import Settings

    engine = make_engine(Settings.from_env().db_url)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run against a database")
run_online()
