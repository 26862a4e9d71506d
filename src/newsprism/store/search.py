"""The story search's index (revision 0010) on SQLite: keeping it current, and the
candidate stories it gives a search.

``article_search`` and ``story_search`` index the articles' titles, outlets and entities
and the stories' titles by trigram, case folded: every text whose lowercase holds a
word's lowercase holds its folded trigrams in a row, so a word's matches there are a
superset of what the search's own ``LIKE`` test keeps.

Writers add rows only; the index is brought current in bulk once ``INDEX_BATCH`` rows wait
(``index_tail``, in the writer's transaction: measured, indexing each batch as it was
stored cost 100 µs an article, one statement over a long tail 17). ``search_indexed``
says up to which rowid each table is indexed; a search reads the rows past it directly.

A word that is rare (at most ``RARE`` matching articles and as many matching story
titles) narrows the search to the stories of those matches; the search's test then
decides, so the results are the same as without the index. A common word (or one of
fewer than three characters, which trigrams cannot find) narrows nothing: the newest
stories are walked through ``stories_recent`` and tested, and a common word's matches
come early.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsprism.store.schema import QUERY_CHUNK

RARE = 2000  # matching rows of one word up to which its matches drive the search
INDEX_BATCH = 20_000  # rows waiting before a writer indexes them
_TABLES = {  # index -> (table, its column in search_indexed, indexed columns)
    "article_search": ("articles", "articles_rowid", "title, outlet, entities"),
    "story_search": ("stories", "stories_rowid", "title"),
}


def index_tail(connection: Connection, at_least: int | None = None) -> None:
    """Index the rows stored since the index was last brought current, where at least
    ``at_least`` (default ``INDEX_BATCH``) wait."""
    wait = INDEX_BATCH if at_least is None else at_least
    for index, (table, mark, columns) in _TABLES.items():
        done = connection.execute(sa.text(f"SELECT {mark} FROM search_indexed")).scalar() or 0
        last = connection.execute(sa.text(f"SELECT max(rowid) FROM {table}")).scalar() or 0
        if last - done < max(1, wait):
            continue
        connection.execute(
            sa.text(
                f"INSERT INTO {index}(rowid, {columns}) SELECT rowid, {columns} FROM {table} "
                "WHERE rowid > :done AND rowid <= :last"
            ),
            {"done": done, "last": last},
        )
        connection.execute(sa.text(f"UPDATE search_indexed SET {mark} = :last"), {"last": last})


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _matches(connection: Connection, index: str, word: str) -> list[int] | None:
    """Rowids of the index's table whose text holds ``word`` (a superset: the indexed
    rows through the index, the rows past it by their text), or None past ``RARE``."""
    table, mark, columns = _TABLES[index]
    tests = " OR ".join(
        f"lower(CAST({c} AS TEXT)) LIKE lower(:like) ESCAPE '\\'" for c in columns.split(", ")
    )
    rows = connection.execute(
        sa.text(
            f"SELECT rowid FROM {index} WHERE {index} MATCH :phrase "
            f"UNION ALL SELECT rowid FROM {table} "
            f"WHERE rowid > (SELECT {mark} FROM search_indexed) AND ({tests}) LIMIT :cap"
        ),
        {"phrase": _phrase(word), "like": _like(word), "cap": RARE + 1},
    ).scalars()
    found = [int(r) for r in rows]
    return None if len(found) > RARE else found


def _word_candidates(connection: Connection, word: str) -> set[str] | None:
    in_articles = _matches(connection, "article_search", word)
    in_titles = _matches(connection, "story_search", word) if in_articles is not None else None
    if in_articles is None or in_titles is None:
        return None
    found: set[str] = set()
    for start in range(0, len(in_articles), QUERY_CHUNK):
        part = in_articles[start : start + QUERY_CHUNK]
        found.update(
            connection.execute(
                sa.text(
                    "SELECT m.story_id FROM articles a JOIN story_members m "
                    "ON m.article_id = a.id WHERE a.rowid IN :rows"
                ).bindparams(sa.bindparam("rows", expanding=True)),
                {"rows": part},
            ).scalars()
        )
    for start in range(0, len(in_titles), QUERY_CHUNK):
        part = in_titles[start : start + QUERY_CHUNK]
        found.update(
            connection.execute(
                sa.text("SELECT id FROM stories WHERE rowid IN :rows").bindparams(
                    sa.bindparam("rows", expanding=True)
                ),
                {"rows": part},
            ).scalars()
        )
    return found


def search_candidates(connection: Connection, words: Sequence[str]) -> set[str] | None:
    """Stories that may hold every word (ids), or None where no word narrows the search
    (all common or short)."""
    narrowed: set[str] | None = None
    for word in words:
        if len(word) < 3:
            continue
        found = _word_candidates(connection, word)
        if found is None:
            continue
        narrowed = found if narrowed is None else narrowed & found
        if not narrowed:
            return narrowed
    return narrowed
