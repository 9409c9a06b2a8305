"""job progress: pages done, of how many

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 23:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # nullable, no default: jobs of an existing database simply have no progress yet
    # (batch mode: SQLite cannot ALTER a column set; PostgreSQL gets plain ADD COLUMNs)
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pages_done", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("pages_total", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_column("pages_total")
        batch_op.drop_column("pages_done")
