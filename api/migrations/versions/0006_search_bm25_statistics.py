"""search: BM25 statistics, one ranking on SQLite and PostgreSQL

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 00:20:00

The full-text index (FTS5 / tsvector under GIN) keeps finding the matches; the ranking
is now BM25 computed in SQL from two tables written at indexing time
(`api.search.create_rank_tables`): `search_index_postings` (term frequencies in the
title and in the body per document) and `search_index_doclen` (terms per document).
Before, SQLite ranked by FTS5's bm25() and PostgreSQL by ts_rank (which reads every
match's whole tsvector), so the two databases could order a page differently.

Documents indexed before this revision get their statistics here, from the segmented
title and body the index already stores (no re-segmentation, no extractor run).
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from api import search

    bind = op.get_bind()
    search.create_rank_tables(bind)
    search.backfill_statistics(bind)


def downgrade() -> None:
    from api import search

    search.drop_rank_tables(op.get_bind())
