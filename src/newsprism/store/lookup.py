"""A small batch's story-window candidates through the key postings (revision 0009).

The story window (``relate/window.py``) holds the most recent articles' band keys and key
terms in memory; loading it from a big store costs seconds (10.6 s at 250,000 articles),
which a five-article ``analyze --db`` run does not need: its candidates are the articles
sharing one of its band keys or rarer terms. Here they are read through the postings'
primary keys (key, then sequence number, so "the most recent under a key" is the end of
one index range), with how many window entries hold each term (the window weighs a
name by its rarity). The batch's own stored entries are left out of every answer: the
caller adds the batch to what it gets, as the window adds it to what it loaded.

The writer does not post (144 band keys and a dozen terms per article, each a row in a
big index: 4.9 ms an article at 1,000,000 stored, where ingest's coordinator has ~0.7).
``post_window`` brings the postings current in bulk, up to the highest sequence number
all of whose entries are committed: on PostgreSQL each writer holds a shared advisory
lock while it adds entries (``WRITER_LOCK``) and the high mark is read under the
exclusive one, so no entry below it is still in flight; SQLite has one writer at a time.
Posting is idempotent (primary keys, conflicts ignored) and the mark only grows, so
concurrent posters at worst post the same rows twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from newsprism.model import IndexEntry, WindowPostings
from newsprism.store.rows import index_entry_from_row, posting_rows
from newsprism.store.schema import (
    QUERY_CHUNK,
    article_index,
    band_postings,
    term_postings,
    window_posted,
)

# PostgreSQL advisory lock: index writers hold it shared, the poster's high mark is read
# holding it exclusive (an instant: no writer waits longer than that).
WRITER_LOCK = 0x6E70_7769  # "npwi"
POST_CHUNK = 50_000  # index entries read, keyed and sorted at once (7.2M band rows)
INSERT_CHUNK = 100_000  # rows per executemany


def hold_writer_lock(connection: Connection) -> None:
    """In an index writer's transaction: no high mark is read until it ends."""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("select pg_advisory_xact_lock_shared(:k)"), {"k": WRITER_LOCK})


def posting_lag(engine: Engine) -> tuple[int, int]:
    """(posted up to, highest sequence number whose entries, and all below it, are
    committed)."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("select pg_advisory_xact_lock(:k)"), {"k": WRITER_LOCK})
        high = connection.execute(sa.select(sa.func.max(article_index.c.seq))).scalar()
        posted = connection.execute(sa.select(sa.func.max(window_posted.c.seq))).scalar()
    return int(posted or 0), int(high or 0)


def post_entries(connection: Connection, after: int, upto: int) -> int:
    """Post the index entries numbered ``after`` + 1 to ``upto`` (in ``connection``'s
    transaction), rows in key order, and mark the postings current up to ``upto``;
    how many entries were posted."""
    band_sql, term_sql = (_insert_sql(connection, t) for t in (band_postings, term_postings))
    seq = article_index.c.seq
    posted = 0
    while after < upto:
        part = connection.execute(
            sa.select(seq, article_index.c.signature, article_index.c.terms)
            .where(seq > after, seq <= upto)
            .order_by(seq)
            .limit(POST_CHUNK)
        ).all()
        if not part:
            break
        after, posted = int(part[-1].seq), posted + len(part)
        band_rows, term_rows = posting_rows(
            [int(r.seq) for r in part],
            [bytes(r.signature) for r in part],
            [r.terms.split("\n") if r.terms else () for r in part],
        )
        for sql, rows in ((band_sql, band_rows), (term_sql, term_rows)):
            for start in range(0, len(rows), INSERT_CHUNK):
                connection.exec_driver_sql(sql, rows[start : start + INSERT_CHUNK])
    connection.execute(window_posted.update().where(window_posted.c.seq < upto).values(seq=upto))
    return posted


def _insert_sql(connection: Connection, table: sa.Table) -> str:
    columns = ", ".join(c.name for c in table.columns)
    if connection.dialect.name == "postgresql":
        head = f"INSERT INTO {table.name} ({columns})"
        return f"{head} VALUES (%s, %s) ON CONFLICT DO NOTHING"
    return f"INSERT OR IGNORE INTO {table.name} ({columns}) VALUES (?, ?)"


def window_postings(
    engine: Engine,
    band_keys: Sequence[int],
    terms: Sequence[str],
    tail: int,
    limits: tuple[int, int, int],
    batch: Sequence[str],
) -> WindowPostings:
    """See ``SqlStore.window_postings``; ``limits``: (per band key, per term, most
    holders of a term whose holders are read)."""
    per_band, per_term, max_term = limits
    with engine.connect() as connection:
        floor, size = _floor(connection, tail)
        own = _entries(connection, article_index.c.article_id, sorted(set(batch)), floor)
        mine = {seq for seq, _ in own}
        size -= len(own)
        held: dict[str, int] = defaultdict(int)
        wanted = sorted(set(terms))
        for chunk in _chunks(wanted):
            query = (
                sa.select(term_postings.c.term, sa.func.count())
                .where(term_postings.c.term.in_(chunk), term_postings.c.seq > floor)
                .group_by(term_postings.c.term)
            )
            held.update((str(t), int(n)) for t, n in connection.execute(query))
        for _, entry in own:  # the batch's stored entries count as the batch
            for term in entry.terms:
                if term in held:
                    held[term] -= 1
        rare = [t for t in wanted if 0 < held.get(t, 0) <= max_term]
        band_found = _recent(
            connection, band_postings.c.band_key, sorted(set(band_keys)), floor, mine, per_band
        )
        term_found = _recent(connection, term_postings.c.term, rare, floor, mine, per_term)
        seqs = sorted({s for _, s in band_found} | {s for _, s in term_found})
        found = dict(_entries(connection, article_index.c.seq, seqs, floor))
    id_of = {seq: entry.article_id for seq, entry in found.items()}
    return WindowPostings(
        size=size,
        entries=tuple(found[s] for s in seqs if s in found),
        bands=tuple((int(k), id_of[s]) for k, s in band_found if s in id_of),
        terms=tuple((str(t), id_of[s]) for t, s in term_found if s in id_of),
        held={t: n for t, n in held.items() if n > 0},
    )


def _floor(connection: Connection, tail: int) -> tuple[int, int]:
    """The sequence number below the most recent ``tail`` entries, and how many entries
    are above it. Stepping back ``tail`` rows from the newest reads them all (on SQLite,
    their signatures' pages too: 0.6 s at 200,000 entries, seconds on a cold cache), so
    where the numbers have no gaps (SQLite's rowids, no entry is ever deleted) the floor
    is computed from the count, the lowest and the highest number (the count reads the
    smallest index)."""
    seq = article_index.c.seq
    total, low, high = connection.execute(
        sa.select(sa.func.count(), sa.func.min(seq), sa.func.max(seq)).select_from(article_index)
    ).one()
    if not total or total <= tail:
        return 0, int(total or 0)
    if int(high) - int(low) + 1 == int(total):
        return int(high) - tail, tail
    floor = connection.execute(sa.select(seq).order_by(seq.desc()).offset(tail).limit(1)).scalar()
    return int(floor or 0), tail


def _chunks(values: Sequence[object]) -> Iterable[list[object]]:
    for start in range(0, len(values), QUERY_CHUNK):
        yield list(values[start : start + QUERY_CHUNK])


def _recent(
    connection: Connection,
    key: sa.Column[object],
    keys: Sequence[object],
    floor: int,
    skip: set[int],
    per_key: int,
) -> list[tuple[Any, int]]:
    """(key, seq) of the ``per_key`` most recent holders of each key above ``floor``."""
    table = key.table
    found: list[tuple[Any, int]] = []
    for chunk in _chunks(keys):
        holders: dict[object, list[int]] = defaultdict(list)
        query = sa.select(key, table.c.seq).where(key.in_(chunk), table.c.seq > floor)
        for value, seq in connection.execute(query):
            if int(seq) not in skip:
                holders[value].append(int(seq))
        for value, seqs in holders.items():
            found.extend((value, s) for s in sorted(seqs)[-per_key:])
    return found


def _entries(
    connection: Connection, column: sa.Column[object], values: Sequence[object], floor: int
) -> list[tuple[int, IndexEntry]]:
    """(seq, entry) of the index rows above ``floor`` whose ``column`` is in ``values``."""
    rows: list[tuple[int, IndexEntry]] = []
    table = article_index
    for chunk in _chunks(values):
        query = sa.select(
            table.c.seq, table.c.article_id, table.c.signature, table.c.terms, table.c.day
        ).where(column.in_(chunk), table.c.seq > floor)
        rows.extend((int(row.seq), index_entry_from_row(row)) for row in connection.execute(query))
    return sorted(rows, key=lambda item: item[0])
