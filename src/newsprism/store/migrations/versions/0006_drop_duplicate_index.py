"""Drop ``articles_id``: the unique constraint on ``articles.id`` is already an index, and
every extra index on a random key costs a page write per article at ingest.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("articles_id", "articles")


def downgrade() -> None:
    op.create_index("articles_id", "articles", ["id"])
