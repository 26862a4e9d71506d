"""Relations across runs: MinHash signatures and band keys, key terms, stories, relations.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_minhash",
        sa.Column("article_id", sa.String(32), primary_key=True),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "minhash_bands",
        sa.Column("band_key", sa.BigInteger, primary_key=True),
        sa.Column("article_id", sa.String(32), primary_key=True),
    )
    op.create_table(
        "article_terms",
        sa.Column("term", sa.String(80), primary_key=True),
        sa.Column("article_id", sa.String(32), primary_key=True),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("created_at", sa.String(40)),
        sa.Column("updated_at", sa.String(40)),
        sa.Column("merged_into", sa.String(32), nullable=True),
    )
    op.create_table(
        "story_members",
        sa.Column("article_id", sa.String(32), primary_key=True),
        sa.Column("story_id", sa.String(32), nullable=False, index=True),
    )
    op.create_table(
        "relations",
        sa.Column("a", sa.String(32), primary_key=True),
        sa.Column("b", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("derived", sa.String(32), nullable=True),
        sa.Column("score", sa.Float),
        sa.Column("passages", sa.JSON),
        sa.Column("why", sa.Text),
        sa.Column("run_id", sa.String(32)),
    )
    op.create_index("relations_b", "relations", ["b"])
    op.create_index("articles_id", "articles", ["id"])


def downgrade() -> None:
    op.drop_index("articles_id", "articles")
    op.drop_index("relations_b", "relations")
    for table in (
        "relations",
        "story_members",
        "stories",
        "article_terms",
        "minhash_bands",
        "article_minhash",
    ):
        op.drop_table(table)
