"""search: the PostgreSQL GIN index without a pending list

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 23:40:00

With `fastupdate = on` (the default) new tsvectors wait in the index's pending list
until a vacuum; every search scans that list too, and the planner, pricing it, left
the index for a scan that detoasts every stored tsvector (1,000 documents: 5 ms for a
word found nowhere, instead of 0.03 ms). Databases made since carry the option from
`api.search.create_index`; this sets it on older ones and merges their pending list.
SQLite (FTS5) has nothing to change.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEX = "ix_search_index_tsv"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(f"ALTER INDEX IF EXISTS {INDEX} SET (fastupdate = off)")
    op.execute(f"SELECT gin_clean_pending_list(to_regclass('{INDEX}')) "
               f"WHERE to_regclass('{INDEX}') IS NOT NULL")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER INDEX IF EXISTS {INDEX} SET (fastupdate = on)")
