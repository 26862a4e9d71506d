"""Where a streaming ingest got to in each source, so an interrupted run resumes there.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingest_checkpoints",
        sa.Column("source", sa.Text, primary_key=True),
        sa.Column("lines_done", sa.Integer, nullable=False),
        sa.Column("finished", sa.Boolean, nullable=False),
        sa.Column("run_id", sa.String(32)),
        sa.Column("updated_at", sa.String(40)),
    )


def downgrade() -> None:
    op.drop_table("ingest_checkpoints")
