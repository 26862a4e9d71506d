"""Per-article extractions a streaming ingest can store: named-entity mentions and claims.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("entities", sa.JSON, nullable=True))
        batch.add_column(sa.Column("claims", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("claims")
        batch.drop_column("entities")
