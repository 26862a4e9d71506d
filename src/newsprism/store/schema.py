"""The store's tables, the Alembic migrations that make them, and the engine opened on them.

The tables here describe the schema at ``HEAD_REVISION`` for queries; the schema itself
changes only through a new revision in ``migrations/versions/`` (then ``HEAD_REVISION``
moves with it). Opening an engine sets SQLite's pragmas, or the read-only mode of either
database; a store opened for writing is migrated to head, one opened for reading is only
checked.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from newsprism.errors import NewsprismError
from newsprism.store.urls import sqlite_file

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD_REVISION = "0010"

metadata = sa.MetaData()
runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("started_at", sa.String(40)),
    sa.Column("finished_at", sa.String(40)),
    sa.Column("newsprism_version", sa.String(40)),
    sa.Column("inputs", sa.JSON),
    sa.Column("stages", sa.JSON),
    sa.Column("config", sa.JSON),
    sa.Column("summary", sa.JSON),
    sa.Column("status", sa.String(20)),
)
articles = sa.Table(
    "articles",
    metadata,
    sa.Column("content_hash", sa.String(64), primary_key=True),
    sa.Column("id", sa.String(32)),
    sa.Column("source", sa.Text),
    sa.Column("line", sa.Integer),
    sa.Column("format", sa.String(16)),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("outlet_evidence", sa.JSON),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String(40)),
    sa.Column("language", sa.String(16)),
    sa.Column("text", sa.Text),
    sa.Column("paragraphs", sa.JSON),
    sa.Column("input_text", sa.Text),
    sa.Column("meta", sa.JSON),
    sa.Column("quotes", sa.JSON),
    sa.Column("first_run_id", sa.String(32)),
    sa.Column("created_at", sa.String(40)),
    # What a streaming ingest extracted per article when asked to (null otherwise):
    # named-entity mentions and claims, for export and corpus work.
    sa.Column("entities", sa.JSON),
    sa.Column("claims", sa.JSON),
)
article_sources = sa.Table(
    "article_sources",
    metadata,
    sa.Column("content_hash", sa.String(64), primary_key=True),
    sa.Column("source", sa.Text, primary_key=True),
    sa.Column("line", sa.Integer, primary_key=True),
    sa.Column("run_id", sa.String(32)),
)
input_errors = sa.Table(
    "input_errors",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.String(32)),
    sa.Column("source", sa.Text),
    sa.Column("line", sa.Integer),
    sa.Column("code", sa.String(8)),
    sa.Column("message", sa.Text),
)
line_stats = sa.Table(
    "line_stats",
    metadata,
    sa.Column("outlet", sa.Text, primary_key=True),
    sa.Column("fingerprint", sa.String(32), primary_key=True),
    sa.Column("content_hash", sa.String(64), primary_key=True),
)
ARTICLE_COLUMNS = tuple(c.name for c in articles.columns)
ARTICLE_JSON_COLUMNS = frozenset(c.name for c in articles.columns if isinstance(c.type, sa.JSON))
article_index = sa.Table(
    "article_index",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(32), nullable=False, unique=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),
    sa.Column("terms", sa.Text, nullable=False),
    sa.Column("day", sa.Integer),
)
# The window's keys posted per article (revision 0009): a small batch's candidates are
# looked up through them (``SqlStore.window_postings``) instead of loading the window.
band_postings = sa.Table(
    "band_postings",
    metadata,
    sa.Column("band_key", sa.BigInteger, primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sqlite_with_rowid=False,
)
term_postings = sa.Table(
    "term_postings",
    metadata,
    sa.Column("term", sa.String(80), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sqlite_with_rowid=False,
)
# One row: the postings hold every index entry up to ``seq``. The writer adds index
# entries only; the postings are brought current in bulk before a lookup
# (``store/lookup.py``), so ingest does not pay a posting per article.
window_posted = sa.Table(
    "window_posted",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
)
stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("created_at", sa.String(40)),
    sa.Column("updated_at", sa.String(40)),
    sa.Column("merged_into", sa.String(32)),
)
story_members = sa.Table(
    "story_members",
    metadata,
    sa.Column("article_id", sa.String(32), primary_key=True),
    sa.Column("story_id", sa.String(32)),
)
relations = sa.Table(
    "relations",
    metadata,
    sa.Column("a", sa.String(32), primary_key=True),
    sa.Column("b", sa.String(32), primary_key=True),
    sa.Column("kind", sa.String(24)),
    sa.Column("derived", sa.String(32)),
    sa.Column("score", sa.Float),
    sa.Column("passages", sa.JSON),
    sa.Column("why", sa.Text),
    sa.Column("run_id", sa.String(32)),
    # A copy's reuse (revision 0008; null for other kinds and for rows stored before):
    # each text's share taken from the other, the derived text's label, the direction's
    # evidence.
    sa.Column("a_taken", sa.Float),
    sa.Column("b_taken", sa.Float),
    sa.Column("derivation", sa.Text),
    sa.Column("derived_by", sa.Text),
)
INDEX_COLUMNS = ("article_id", "signature", "terms", "day")  # what a writer gives
RELATION_COLUMNS = tuple(c.name for c in relations.columns)
RELATION_JSON_COLUMNS = frozenset(c.name for c in relations.columns if isinstance(c.type, sa.JSON))
ingest_checkpoints = sa.Table(
    "ingest_checkpoints",
    metadata,
    sa.Column("source", sa.Text, primary_key=True),
    sa.Column("lines_done", sa.Integer),
    sa.Column("finished", sa.Boolean),
    sa.Column("run_id", sa.String(32)),
    sa.Column("updated_at", sa.String(40)),
)
QUERY_CHUNK = 500  # bound the size of IN (...) lists


def encode_json(value: Any) -> str:
    """JSON columns through orjson (articles' paragraphs: measured 8x faster than the
    standard library); what orjson refuses (integers beyond 64 bits) through json."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False)


def insert_ignore(table: sa.Table, dialect: str) -> Any:
    """``INSERT … ON CONFLICT DO NOTHING`` into ``table`` in the dialect named."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


def insert_ignore_sql(table: sa.Table, columns: Sequence[str], dialect: str) -> str:
    """The same insert-or-ignore as plain SQL for the driver's ``executemany`` on rows
    of values in ``columns``' order (a streaming batch's hundreds of thousands of rows:
    SQLAlchemy's per-row parameter processing cost more than SQLite's inserting)."""
    postgres = dialect == "postgresql"
    marks = ", ".join(("%s" if postgres else "?") for _ in columns)
    head = "INSERT" if postgres else "INSERT OR IGNORE"
    tail = " ON CONFLICT DO NOTHING" if postgres else ""
    return f"{head} INTO {table.name} ({', '.join(columns)}) VALUES ({marks}){tail}"


# -- engines --------------------------------------------------------------------------------
def _sqlite_path(url: str) -> Path:
    path = sqlite_file(url)
    if path is None:
        raise ValueError(f"not an SQLite file URL: {url}")
    return path


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # A 256 MB page cache keeps the hash and id indexes of a million articles in memory:
    # their random inserts were the cost of ingesting. (Pages stay 4 KB: a batch touches a
    # page of each index for nearly every article, and each touched page is written to the
    # WAL and again at the checkpoint; 8 KB pages doubled the disk writes.)
    cursor.execute("PRAGMA cache_size=-262144")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_read_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """A reader sets nothing that writes (the journal mode is the writer's) and refuses any
    write that slipped through (``query_only``)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _read_only_url(url: str) -> tuple[str, dict[str, Any]]:
    """The engine URL and driver arguments that open ``url`` for reading only: an SQLite
    file in ``mode=ro`` (never created: a missing file is an error), a PostgreSQL session
    whose transactions are read-only."""
    if url.startswith("sqlite:///"):
        if url == "sqlite:///:memory:":
            return url, {}
        path = _sqlite_path(url)
        if not path.is_file():
            raise NewsprismError("E201", f"cannot open store {url}: no database file at {path}")
        if url.startswith("sqlite:///file:"):
            return url, {}  # already a URI: the caller chose its mode
        if not os.access(path.parent, os.W_OK):
            # Read-only media: no writer can be at work, and SQLite could not make the
            # WAL's shared-memory file it would otherwise want.
            return f"sqlite:///file:{path}?immutable=1&uri=true", {}
        return f"sqlite:///file:{path}?mode=ro&uri=true", {}
    if url.startswith("postgresql"):
        return url, {"options": "-c default_transaction_read_only=on"}
    return url, {}


def open_engine(url: str, *, read_only: bool) -> Engine:
    """An engine on ``url`` (an SQLite file's folder is made when writing), JSON columns
    through orjson; SQLite gets WAL and a busy timeout for concurrent writers."""
    engine_url, connect_args = url, dict[str, Any]()
    if read_only:
        engine_url, connect_args = _read_only_url(url)
    elif url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        _sqlite_path(url).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        engine_url,
        future=True,
        json_serializer=encode_json,
        json_deserializer=orjson.loads,
        connect_args=connect_args,
        # A reader may keep its pool for a server's life: a PostgreSQL connection the
        # server dropped meanwhile is replaced, not handed to a request.
        pool_pre_ping=read_only and not engine_url.startswith("sqlite"),
    )
    if engine.dialect.name == "sqlite":
        pragmas = _sqlite_read_pragmas if read_only else _sqlite_pragmas
        sa.event.listen(engine, "connect", pragmas)
    return engine


# -- migrations -----------------------------------------------------------------------------
def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@functools.cache
def _known_revisions() -> tuple[frozenset[str], str | None]:
    """Every migration this version knows and its head, read from the scripts once per
    process (a process may open many stores: a test suite, a script reading many)."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_alembic_config())
    return frozenset(r.revision for r in scripts.walk_revisions()), scripts.get_current_head()


def schema_revision(connection: Connection) -> str | None:
    """The store's Alembic revision, or None where it has no ``alembic_version`` table."""
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine, url: str) -> None:
    """Bring the store at ``url`` to this version's head (E202 if a newer one made it)."""
    from alembic import command

    config = _alembic_config()
    with _migration_lock(url), engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # Several processes opening a new store at once: one migrates, the others
            # wait here and then find it at head.
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(7210942)"))
        current = schema_revision(connection)
        if current is not None and current not in _known_revisions()[0]:
            raise _newer_schema(url, current)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _newer_schema(url: str, current: str) -> NewsprismError:
    return NewsprismError(
        "E202",
        f"store {url} has schema revision {current}, made by a newer newsprism; "
        "upgrade newsprism to use it",
    )


def check_schema(engine: Engine, url: str) -> None:
    """A store opened for reading is never migrated: it must already be at our schema."""
    known, head = _known_revisions()
    with engine.connect() as connection:
        current = schema_revision(connection)
    if current == head:
        return
    if current is None:
        raise NewsprismError("E201", f"cannot open store {url}: not a newsprism store")
    if current not in known:
        raise _newer_schema(url, current)
    raise NewsprismError(
        "E205",
        f"store {url} has schema revision {current}, older than this newsprism's "
        f"{head}; reading never changes a store: run "
        f"`newsprism db upgrade --db {url}` (or any ingest into it) first",
    )


@contextlib.contextmanager
def _migration_lock(url: str) -> Iterator[None]:
    """For an SQLite file, an exclusive lock on its folder while migrating (two processes
    creating one store would otherwise both create its tables). The folder, not a lock
    file: nothing is left beside the store."""
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        yield
        return
    import fcntl

    try:
        folder = os.open(_sqlite_path(url).parent, os.O_RDONLY)
    except OSError:  # no folder to lock: opening the store will say what is wrong
        yield
        return
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)  # closing releases the lock


def leave_quiescent(url: str) -> None:
    """When the last writer closes an SQLite store, put it back in rollback-journal mode:
    the WAL is checkpointed into the file, and readers (``mode=ro``) then create no
    ``-wal``/``-shm`` files beside it. Another connection still open keeps WAL (busy)."""
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return
    import sqlite3

    path = _sqlite_path(url)
    if not path.is_file():
        return
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=0)) as connection:
            connection.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error:
        pass
