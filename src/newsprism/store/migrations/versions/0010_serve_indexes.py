"""What ``newsprism serve`` needs on a big store: the newest stories through an index
(``stories_recent``: the stories not merged, by ``updated_at`` descending then id, so a
page and the next one read only their own rows), and a search index over what the story
search reads (the stories' titles; the articles' titles, outlets and entities).

SQLite: two FTS5 tables with the trigram tokenizer (``article_search``, ``story_search``),
external-content over ``articles`` and ``stories``, and ``search_indexed``, up to which
rowid of each they hold: writers add rows only and bring the index current in bulk once a
long tail waits (``store/search.py``; a trigger per inserted row cost 115 µs an article),
a search reads the tail directly, and triggers keep indexed rows current when one is
updated or deleted; a search word of three
characters or more finds its candidate stories through them, and the search's own test
then decides (same results as without the index). PostgreSQL: trigram GIN indexes
(``pg_trgm``) that ``ILIKE '%word%'`` uses directly, where the extension can be created;
where it cannot, the search stays correct and unindexed.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_SQLITE = [
    "CREATE VIRTUAL TABLE article_search USING fts5(title, outlet, entities, "
    "content='articles', content_rowid='rowid', tokenize='trigram')",
    "CREATE VIRTUAL TABLE story_search USING fts5(title, "
    "content='stories', content_rowid='rowid', tokenize='trigram')",
    "CREATE TABLE search_indexed (id INTEGER PRIMARY KEY, articles_rowid INTEGER NOT NULL, "
    "stories_rowid INTEGER NOT NULL)",
    "CREATE TRIGGER article_search_delete AFTER DELETE ON articles "
    "WHEN old.rowid <= (SELECT articles_rowid FROM search_indexed) BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, outlet, entities) "
    "VALUES ('delete', old.rowid, old.title, old.outlet, old.entities); END",
    "CREATE TRIGGER article_search_update AFTER UPDATE OF title, outlet, entities ON articles "
    "WHEN old.rowid <= (SELECT articles_rowid FROM search_indexed) BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, outlet, entities) "
    "VALUES ('delete', old.rowid, old.title, old.outlet, old.entities); "
    "INSERT INTO article_search(rowid, title, outlet, entities) "
    "VALUES (new.rowid, new.title, new.outlet, new.entities); END",
    "CREATE TRIGGER story_search_delete AFTER DELETE ON stories "
    "WHEN old.rowid <= (SELECT stories_rowid FROM search_indexed) BEGIN "
    "INSERT INTO story_search(story_search, rowid, title) "
    "VALUES ('delete', old.rowid, old.title); END",
    "CREATE TRIGGER story_search_update AFTER UPDATE OF title ON stories "
    "WHEN old.rowid <= (SELECT stories_rowid FROM search_indexed) BEGIN "
    "INSERT INTO story_search(story_search, rowid, title) "
    "VALUES ('delete', old.rowid, old.title); "
    "INSERT INTO story_search(rowid, title) VALUES (new.rowid, new.title); END",
    "INSERT INTO article_search(article_search) VALUES ('rebuild')",
    "INSERT INTO story_search(story_search) VALUES ('rebuild')",
    "INSERT INTO search_indexed VALUES (1, (SELECT coalesce(max(rowid), 0) FROM articles), "
    "(SELECT coalesce(max(rowid), 0) FROM stories))",
]
_POSTGRES = [
    "CREATE INDEX stories_title_trgm ON stories USING gin (title gin_trgm_ops)",
    "CREATE INDEX articles_title_trgm ON articles USING gin (title gin_trgm_ops)",
    "CREATE INDEX articles_outlet_trgm ON articles USING gin (outlet gin_trgm_ops)",
    "CREATE INDEX articles_entities_trgm ON articles USING gin "
    "((CAST(entities AS TEXT)) gin_trgm_ops)",
]


def upgrade() -> None:
    op.create_index(
        "stories_recent",
        "stories",
        [sa.text("updated_at DESC"), "id"],
        sqlite_where=sa.text("merged_into IS NULL"),
        postgresql_where=sa.text("merged_into IS NULL"),
    )
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        for statement in _SQLITE:
            connection.exec_driver_sql(statement)
    elif connection.dialect.name == "postgresql":
        try:
            with connection.begin_nested():
                connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                for statement in _POSTGRES:
                    connection.exec_driver_sql(statement)
        except sa.exc.DBAPIError:
            pass  # no pg_trgm here: the search scans, with the same results


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        for name in ("article_search", "story_search"):
            for event in ("delete", "update"):
                connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}_{event}")
            connection.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
        connection.exec_driver_sql("DROP TABLE IF EXISTS search_indexed")
    elif connection.dialect.name == "postgresql":
        for statement in _POSTGRES:
            name = statement.split()[2]
            connection.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    op.drop_index("stories_recent", "stories")
