"""One index row per article (signature, key terms, day) for the in-memory story window,
in place of one row per LSH band key and per term (140 rows an article).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_CHUNK = 5000


def upgrade() -> None:
    index = op.create_table(
        "article_index",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(32), nullable=False, unique=True),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("terms", sa.Text, nullable=False),
        sa.Column("day", sa.Integer),
    )
    connection = op.get_bind()
    # Existing articles keep being found: their signatures and terms move over, in the
    # order they were indexed (article ids sort in no useful order; rowid/ctid neither
    # portable, so by id: a one-off, and the window only prefers recent entries).
    signatures = connection.execute(
        sa.text("select article_id, signature from article_minhash order by article_id")
    ).all()
    for start in range(0, len(signatures), _CHUNK):
        part = signatures[start : start + _CHUNK]
        ids = [row.article_id for row in part]
        terms: dict[str, list[str]] = {}
        for term, article_id in connection.execute(
            sa.text(
                "select term, article_id from article_terms where article_id in :ids"
            ).bindparams(sa.bindparam("ids", expanding=True)),
            {"ids": ids},
        ):
            terms.setdefault(article_id, []).append(term)
        days = {
            row.id: row.published
            for row in connection.execute(
                sa.text("select id, published from articles where id in :ids").bindparams(
                    sa.bindparam("ids", expanding=True)
                ),
                {"ids": ids},
            )
        }
        op.bulk_insert(
            index,
            [
                {
                    "article_id": row.article_id,
                    "signature": bytes(row.signature),
                    "terms": "\n".join(sorted(terms.get(row.article_id, []))),
                    "day": _day(days.get(row.article_id)),
                }
                for row in part
            ],
        )
    op.drop_table("minhash_bands")
    op.drop_table("article_terms")
    op.drop_table("article_minhash")


def _day(published: str | None) -> int | None:
    from datetime import date

    if not published:
        return None
    try:
        return (date.fromisoformat(published[:10]) - date(1970, 1, 1)).days
    except ValueError:
        return None


def downgrade() -> None:
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
    op.drop_table("article_index")
