"""Postings of the story window's keys, so ``analyze --db`` looks up a small batch's
candidates through indexes instead of loading the whole window: one row per article and
LSH band key, and one per article and key term (name or figure), each keyed by the key
then the article's ``article_index`` sequence number (the most recent last); and
``window_posted``, one row telling up to which sequence number the postings are current
(the writer adds index entries only; lookups bring the postings current in bulk).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_CHUNK = 5000


def upgrade() -> None:
    # The primary key is the index (and, on SQLite, the table itself: WITHOUT ROWID).
    bands = op.create_table(
        "band_postings",
        sa.Column("band_key", sa.BigInteger, primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sqlite_with_rowid=False,
    )
    terms = op.create_table(
        "term_postings",
        sa.Column("term", sa.String(80), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sqlite_with_rowid=False,
    )
    posted = op.create_table(
        "window_posted",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
    )
    # Existing entries get their postings, in chunks of sequence numbers.
    from newsprism.store.rows import posting_rows

    connection = op.get_bind()
    after = 0
    while True:
        part = connection.execute(
            sa.text(
                "select seq, signature, terms from article_index where seq > :after "
                "order by seq limit :chunk"
            ),
            {"after": after, "chunk": _CHUNK},
        ).all()
        if not part:
            break
        after = int(part[-1].seq)
        band_rows, term_rows = posting_rows(
            [int(r.seq) for r in part],
            [bytes(r.signature) for r in part],
            [tuple(r.terms.split("\n")) if r.terms else () for r in part],
        )
        op.bulk_insert(bands, [{"band_key": k, "seq": s} for k, s in band_rows])
        op.bulk_insert(terms, [{"term": t, "seq": s} for t, s in term_rows])
    op.bulk_insert(posted, [{"id": 1, "seq": after}])


def downgrade() -> None:
    op.drop_table("window_posted")
    op.drop_table("term_postings")
    op.drop_table("band_postings")
