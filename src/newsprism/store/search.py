"""Candidate stories for a story search, through SQLite's trigram indexes (revision 0010).

``article_search`` and ``story_search`` index the articles' titles, outlets and entities
and the stories' titles by trigram, case folded: every text whose lowercase holds a
word's lowercase holds its folded trigrams in a row, so a word's matches there are a
superset of what the search's own ``LIKE`` test keeps. A word that is rare (at most
``RARE`` matching articles and as many matching story titles) narrows the search to the
stories of those matches; the search's test then decides, so the results are the same as
without the index. A common word (or one of fewer than three characters, which trigrams
cannot find) narrows nothing: the newest stories are walked through ``stories_recent``
and tested, and a common word's matches come early.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsprism.store.schema import QUERY_CHUNK

RARE = 2000  # matching rows of one word up to which its matches drive the search


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _matches(connection: Connection, table: str, word: str) -> list[int] | None:
    """Rowids of ``table`` whose text holds ``word`` (a superset), or None past ``RARE``."""
    rows = connection.execute(
        sa.text(f"SELECT rowid FROM {table} WHERE {table} MATCH :phrase LIMIT :cap"),
        {"phrase": _phrase(word), "cap": RARE + 1},
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
    (all common or short; or a store without the indexes)."""
    if not sa.inspect(connection).has_table("article_search"):
        return None
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
