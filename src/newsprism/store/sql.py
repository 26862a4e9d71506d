"""The store on SQLAlchemy Core: SQLite by default, PostgreSQL by URL, same code.

Writes are idempotent (``INSERT … ON CONFLICT DO NOTHING`` keyed by content hash), batched,
and each batch is its own transaction: a failure rolls back that batch only and nothing
committed before it is lost.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import uuid
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from newsprism import __version__
from newsprism.errors import NewsprismError
from newsprism.groups import DisjointSets
from newsprism.model import (
    Article,
    Evidence,
    IndexEntry,
    InputError,
    Paragraph,
    Quote,
    RunSummary,
    StageInfo,
)
from newsprism.relate.independence import COPY_KINDS, joins_sources

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD_REVISION = "0007"

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
_JSON_COLUMNS = frozenset(c.name for c in articles.columns if isinstance(c.type, sa.JSON))
article_index = sa.Table(
    "article_index",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(32), nullable=False, unique=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),
    sa.Column("terms", sa.Text, nullable=False),
    sa.Column("day", sa.Integer),
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
)
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


def _sqlite_path(url: str) -> Path:
    """The database file of an SQLite URL, also in URI form (``sqlite:///file:PATH?mode=ro``)."""
    path = url.removeprefix("sqlite:///")
    if path.startswith("file:"):
        path = path.removeprefix("file:").split("?", 1)[0]
    return Path(path).expanduser()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@functools.cache
def _known_revisions() -> tuple[frozenset[str], str | None]:
    """Every migration this version knows and its head, read from the scripts once per
    process (the web view opens the store for each page)."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_alembic_config())
    return frozenset(r.revision for r in scripts.walk_revisions()), scripts.get_current_head()


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
        return f"sqlite:///file:{path}?mode=ro&uri=true", {}
    if url.startswith("postgresql"):
        return url, {"options": "-c default_transaction_read_only=on"}
    return url, {}


def _json_dumps(value: Any) -> str:
    """JSON columns through orjson (articles' paragraphs: measured 8x faster than the
    standard library); what orjson refuses (integers beyond 64 bits) through json."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False)


def _plain(record: Any) -> dict[str, Any]:
    """A flat record as a dict (``dataclasses.asdict`` deep-copies every value: it cost a
    quarter of a millisecond an article)."""
    names = _FIELD_NAMES.get(type(record))
    if names is None:
        names = _FIELD_NAMES[type(record)] = tuple(f.name for f in dataclasses.fields(record))
    return {name: getattr(record, name) for name in names}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _paragraph_row(paragraph: Paragraph, text: str) -> dict[str, Any]:
    """A paragraph without the strings the article's text already holds: a body or
    heading paragraph is ``text[start:end]``, and its raw form is usually the same (the
    article's text is stored once, not three times)."""
    row = _plain(paragraph)
    if paragraph.raw == paragraph.text:
        del row["raw"]
    if paragraph.start is not None and text[paragraph.start : paragraph.end] == paragraph.text:
        del row["text"]
    return row


def _paragraph(row: Mapping[str, Any], text: str) -> Paragraph:
    if "text" not in row:
        row = {**row, "text": text[row["start"] : row["end"]]}
    return Paragraph(**{"raw": row["text"], **row})


def article_row(article: Article, run_id: str) -> dict[str, Any]:
    return {
        "content_hash": article.content_hash,
        "id": article.id,
        "source": article.source,
        "line": article.line,
        "format": article.format,
        "url": article.url,
        "outlet": article.outlet,
        "outlet_evidence": [_plain(e) for e in article.outlet_evidence],
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "paragraphs": [_paragraph_row(p, article.text) for p in article.paragraphs],
        "input_text": article.input_text,
        "meta": dict(article.meta),
        "quotes": [_plain(q) for q in article.quotes],
        "first_run_id": run_id,
        "created_at": _now(),
        "entities": None,
        "claims": None,
    }


def article_values(
    article: Article, run_id: str, extracted: Mapping[str, Any] | None = None
) -> tuple[Any, ...]:
    """An article as the values of one ``articles`` row in column order, JSON columns
    encoded: what a streaming ingest's workers prepare, so the one process writing the
    store only hands them to the database (``SqlStore.add_article_values``).
    ``extracted``: its ``entities`` and ``claims`` when the ingest extracted them."""
    row = {**article_row(article, run_id), **(extracted or {})}
    return tuple(
        _json_dumps(row[name]) if name in _JSON_COLUMNS and row[name] is not None else row[name]
        for name in ARTICLE_COLUMNS
    )


def source_values(article: Article, run_id: str) -> tuple[Any, ...]:
    return (article.content_hash, article.source, article.line or 0, run_id)


def article_from_row(row: Mapping[str, Any]) -> Article:
    return Article(
        id=row["id"],
        content_hash=row["content_hash"],
        source=row["source"],
        line=row["line"],
        format=row["format"],
        url=row["url"],
        outlet=row["outlet"],
        outlet_evidence=tuple(Evidence(**e) for e in row["outlet_evidence"]),
        title=row["title"],
        published=row["published"],
        language=row["language"],
        text=row["text"],
        paragraphs=tuple(_paragraph(p, row["text"]) for p in row["paragraphs"]),
        input_text=row["input_text"],
        meta=dict(row["meta"]),
        quotes=tuple(Quote(**q) for q in row["quotes"] or ()),
    )


class SqlStore:
    """Store on any SQLAlchemy URL; SQLite gets WAL and a busy timeout for concurrent writers."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.url = url
        self._transaction: Connection | None = None
        try:
            engine_url, connect_args = url, dict[str, Any]()
            if read_only:
                engine_url, connect_args = _read_only_url(url)
            elif url.startswith("sqlite:///") and url != "sqlite:///:memory:":
                _sqlite_path(url).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = sa.create_engine(
                engine_url,
                future=True,
                json_serializer=_json_dumps,
                json_deserializer=orjson.loads,
                connect_args=connect_args,
            )
            if self.engine.dialect.name == "sqlite":
                pragmas = _sqlite_read_pragmas if read_only else _sqlite_pragmas
                sa.event.listen(self.engine, "connect", pragmas)
            if read_only:
                self._check_schema()
            else:
                self._migrate()
        except NewsprismError:
            raise
        except (sa.exc.SQLAlchemyError, OSError, ImportError) as exc:
            raise NewsprismError("E201", f"cannot open store {url}: {exc}") from exc

    # -- schema ---------------------------------------------------------------------------
    def _migrate(self) -> None:
        from alembic import command

        config = _alembic_config()
        with self._migration_lock(), self.engine.begin() as connection:
            if self.engine.dialect.name == "postgresql":
                # Several processes opening a new store at once: one migrates, the others
                # wait here and then find it at head.
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(7210942)"))
            current = self._revision(connection)
            if current is not None and current not in _known_revisions()[0]:
                raise self._newer_schema(current)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def _newer_schema(self, current: str) -> NewsprismError:
        return NewsprismError(
            "E202",
            f"store {self.url} has schema revision {current}, made by a newer newsprism; "
            "upgrade newsprism to use it",
        )

    def _check_schema(self) -> None:
        """A store opened for reading is never migrated: it must already be at our schema."""
        known, head = _known_revisions()
        with self.engine.connect() as connection:
            current = self._revision(connection)
        if current == head:
            return
        if current is None:
            raise NewsprismError("E201", f"cannot open store {self.url}: not a newsprism store")
        if current not in known:
            raise self._newer_schema(current)
        raise NewsprismError(
            "E205",
            f"store {self.url} has schema revision {current}, older than this newsprism's "
            f"{head}; reading never changes a store: run "
            f"`newsprism db upgrade --db {self.url}` (or any ingest into it) first",
        )

    @contextlib.contextmanager
    def _migration_lock(self) -> Iterator[None]:
        """For an SQLite file, an exclusive lock on a file beside it while migrating (two
        processes creating one store would otherwise both create its tables)."""
        if not self.url.startswith("sqlite:///") or self.url == "sqlite:///:memory:":
            yield
            return
        import fcntl

        lock_path = _sqlite_path(self.url)
        try:
            handle = open(lock_path.with_name(f".{lock_path.name}.migrate-lock"), "a")  # noqa: SIM115
        except OSError:  # a read-only folder: nobody can be migrating it either
            yield
            return
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @staticmethod
    def _revision(connection: Connection) -> str | None:
        if not sa.inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()

    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            return self._revision(connection)

    # -- writes ---------------------------------------------------------------------------
    def _insert_ignore(self, table: sa.Table) -> Any:
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            return pg_insert(table).on_conflict_do_nothing()
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing()

    def begin_run(
        self, inputs: Sequence[str], stages: Sequence[StageInfo], config: Mapping[str, Any]
    ) -> str:
        run_id = uuid.uuid4().hex
        self._write(
            lambda c: c.execute(
                runs.insert().values(
                    id=run_id,
                    started_at=_now(),
                    newsprism_version=__version__,
                    inputs=list(inputs),
                    stages=[dataclasses.asdict(s) for s in stages],
                    config=dict(config),
                    status="running",
                )
            )
        )
        return run_id

    def add_articles(self, items: Iterable[Article], run_id: str, batch_size: int = 500) -> int:
        """Store articles not stored yet; return how many were new."""
        new = 0
        iterator = iter(items)
        while batch := list(islice(iterator, batch_size)):
            rows = [article_row(a, run_id) for a in batch]
            sources = [
                {
                    "content_hash": a.content_hash,
                    "source": a.source,
                    "line": a.line or 0,
                    "run_id": run_id,
                }
                for a in batch
            ]

            def write(
                connection: Connection,
                rows: list[dict[str, Any]] = rows,
                sources: list[dict[str, Any]] = sources,
            ) -> int:
                hashes = [r["content_hash"] for r in rows]
                existing = set(
                    connection.execute(
                        sa.select(articles.c.content_hash).where(
                            articles.c.content_hash.in_(hashes)
                        )
                    ).scalars()
                )
                connection.execute(self._insert_ignore(articles), rows)
                connection.execute(self._insert_ignore(article_sources), sources)
                return len(set(hashes) - existing)

            new += self._write(write)
        return new

    def add_article_values(
        self, rows: Sequence[tuple[Any, ...]], sources: Sequence[tuple[Any, ...]]
    ) -> int:
        """Store prepared article rows (``article_values``, ``source_values``) not stored
        yet, straight through the driver; return how many were new."""
        if not rows:
            return 0
        postgres = self.engine.dialect.name == "postgresql"
        mark = "%s" if postgres else "?"

        def insert(table: sa.Table, columns: Sequence[str]) -> str:
            values = ", ".join(mark for _ in columns)
            head = "INSERT" if postgres else "INSERT OR IGNORE"
            tail = " ON CONFLICT DO NOTHING" if postgres else ""
            return f"{head} INTO {table.name} ({', '.join(columns)}) VALUES ({values}){tail}"

        hash_at = ARTICLE_COLUMNS.index("content_hash")
        hashes = sorted({row[hash_at] for row in rows})

        def write(connection: Connection) -> int:
            existing: set[str] = set()
            for start in range(0, len(hashes), QUERY_CHUNK):
                query = sa.select(articles.c.content_hash).where(
                    articles.c.content_hash.in_(hashes[start : start + QUERY_CHUNK])
                )
                existing.update(connection.execute(query).scalars())
            connection.exec_driver_sql(insert(articles, ARTICLE_COLUMNS), list(rows))
            source_columns = [c.name for c in article_sources.columns]
            connection.exec_driver_sql(insert(article_sources, source_columns), list(sources))
            return len(set(hashes) - existing)

        new: int = self._write(write)
        return new

    def add_errors(self, run_id: str, errors: Iterable[InputError]) -> None:
        rows = [
            {
                "run_id": run_id,
                "source": e.source,
                "line": e.line,
                "code": e.code,
                "message": e.message,
            }
            for e in errors
        ]
        if rows:
            self._write(lambda c: c.execute(input_errors.insert(), rows))

    def record_lines(self, rows: Iterable[tuple[str, str, str]]) -> None:
        iterator = iter(rows)
        while batch := list(islice(iterator, 5000)):
            values = [{"outlet": o, "fingerprint": f, "content_hash": h} for o, f, h in batch]
            self._write(lambda c, values=values: c.execute(self._insert_ignore(line_stats), values))

    def finish_run(self, run_id: str, summary: RunSummary) -> None:
        data = dataclasses.asdict(summary)
        self._write(
            lambda c: c.execute(
                runs.update()
                .where(runs.c.id == run_id)
                .values(finished_at=_now(), summary=data, status="finished")
            )
        )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Every write inside is one transaction: stored whole or not at all, with one
        commit (a streaming batch's articles, index, stories and checkpoint: measured,
        a commit for each cost a third of the ingest's time on SQLite)."""
        if self._transaction is not None:
            yield
            return
        try:
            with self.engine.begin() as connection:
                self._transaction = connection
                try:
                    yield
                finally:
                    self._transaction = None
        except sa.exc.SQLAlchemyError as exc:
            raise self._write_failed(exc) from exc

    def _write(self, action: Any) -> Any:
        if self._transaction is not None:  # errors end the enclosing transaction
            return action(self._transaction)
        try:
            with self.engine.begin() as connection:
                return action(connection)
        except sa.exc.SQLAlchemyError as exc:
            raise self._write_failed(exc) from exc

    def _write_failed(self, exc: sa.exc.SQLAlchemyError) -> NewsprismError:
        return NewsprismError(
            "E203",
            f"writing to store {self.url} failed ({exc.__class__.__name__}: "
            f"{getattr(exc, 'orig', exc)}); earlier batches are kept, re-run to finish",
        )

    # -- reads ----------------------------------------------------------------------------
    def articles_with_line(self, outlet: str, fingerprint: str, limit: int = 200) -> frozenset[str]:
        query = (
            sa.select(line_stats.c.content_hash)
            .where(line_stats.c.outlet == outlet, line_stats.c.fingerprint == fingerprint)
            .limit(limit)
        )
        with self.engine.connect() as connection:
            return frozenset(connection.execute(query).scalars())

    def get_article(self, key: str) -> Article | None:
        column = articles.c.id if key.startswith("a") and len(key) < 20 else articles.c.content_hash
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(articles).where(column == key)).mappings().first()
        return article_from_row(dict(row)) if row is not None else None

    def get_articles(self, ids: Sequence[str]) -> list[Article]:
        """The stored articles with these ids, in the order asked (unknown ids left out),
        in one query per chunk rather than one per article."""
        found: dict[str, Article] = {}
        with self.engine.connect() as connection:
            for start in range(0, len(ids), QUERY_CHUNK):
                query = sa.select(articles).where(
                    articles.c.id.in_(list(ids[start : start + QUERY_CHUNK]))
                )
                for row in connection.execute(query).mappings():
                    found[row["id"]] = article_from_row(dict(row))
        return [found[i] for i in ids if i in found]

    def iter_extracted(self, kind: str) -> Iterator[tuple[Article, list[Any] | None]]:
        """Each article with what an ingest extracted of ``kind`` (``entities`` or
        ``claims``), or None where it was not extracted."""
        if kind not in ("entities", "claims"):
            raise ValueError(kind)
        with self.engine.connect() as connection:
            result = connection.execution_options(stream_results=True).execute(
                sa.select(articles).order_by(articles.c.id)
            )
            for row in result.mappings():
                yield article_from_row(dict(row)), row[kind]

    def iter_articles(self) -> Iterator[Article]:
        with self.engine.connect() as connection:
            result = connection.execution_options(stream_results=True).execute(
                sa.select(articles).order_by(articles.c.id)
            )
            for row in result.mappings():
                yield article_from_row(dict(row))

    def iter_relations(self) -> Iterator[dict[str, Any]]:
        with self.engine.connect() as connection:
            result = connection.execution_options(stream_results=True).execute(
                sa.select(relations).order_by(relations.c.a, relations.c.b)
            )
            for row in result.mappings():
                yield dict(row)

    def iter_story_members(self) -> Iterator[tuple[str, str]]:
        """(article id, story id) for every stored article in a story."""
        with self.engine.connect() as connection:
            result = connection.execution_options(stream_results=True).execute(
                sa.select(story_members.c.article_id, story_members.c.story_id).order_by(
                    story_members.c.story_id, story_members.c.article_id
                )
            )
            for article_id, story_id in result:
                yield (str(article_id), str(story_id))

    def stats(self) -> dict[str, Any]:
        def count(table: sa.Table) -> int:
            return int(
                connection.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0
            )

        def top(column: sa.Column[Any], limit: int = 10) -> dict[str, int]:
            query = (
                sa.select(column, sa.func.count())
                .group_by(column)
                .order_by(sa.func.count().desc(), column)
                .limit(limit)
            )
            return {str(k): int(v) for k, v in connection.execute(query)}

        with self.engine.connect() as connection:
            last = connection.execute(
                sa.select(runs.c.id, runs.c.started_at, runs.c.status)
                .order_by(runs.c.started_at.desc())
                .limit(1)
            ).first()
            return {
                "url": self.url,
                "schema_revision": self._revision(connection),
                "articles": count(articles),
                "article_sources": count(article_sources),
                "runs": count(runs),
                "input_errors": count(input_errors),
                "line_fingerprints": count(line_stats),
                "stories": int(
                    connection.execute(
                        sa.select(sa.func.count())
                        .select_from(stories)
                        .where(stories.c.merged_into.is_(None))
                    ).scalar()
                    or 0
                ),
                "relations": count(relations),
                "indexed_for_relations": count(article_index),
                "outlets": top(articles.c.outlet),
                "languages": top(articles.c.language),
                "errors_by_code": top(input_errors.c.code),
                "last_run": dict(last._mapping) if last is not None else None,
            }

    # -- streaming ingest -------------------------------------------------------------------
    def checkpoints(self) -> dict[str, tuple[int, bool]]:
        """Per source: how many of its lines (or records) are done, and whether all are."""
        with self.engine.connect() as connection:
            return {
                row.source: (int(row.lines_done), bool(row.finished))
                for row in connection.execute(sa.select(ingest_checkpoints))
            }

    def save_checkpoints(self, run_id: str, progress: Mapping[str, tuple[int, bool]]) -> None:
        now = _now()

        def write(connection: Connection) -> None:
            for source, (lines_done, finished) in progress.items():
                connection.execute(
                    ingest_checkpoints.delete().where(ingest_checkpoints.c.source == source)
                )
                connection.execute(
                    ingest_checkpoints.insert().values(
                        source=source,
                        lines_done=lines_done,
                        finished=finished,
                        run_id=run_id,
                        updated_at=now,
                    )
                )

        if progress:
            self._write(write)

    # -- relations across runs -----------------------------------------------------------
    def add_index_entries(self, entries: Sequence[IndexEntry]) -> None:
        """Remember articles' MinHash signatures, key terms and days, so later batches and
        runs find them (``relate/window.py``); an article indexed before keeps its row."""
        rows = [
            {
                "article_id": e.article_id,
                "signature": e.signature,
                "terms": "\n".join(e.terms),
                "day": e.day,
            }
            for e in entries
        ]

        def write(connection: Connection) -> None:
            for start in range(0, len(rows), 5000):
                connection.execute(self._insert_ignore(article_index), rows[start : start + 5000])

        if rows:
            self._write(write)

    def index_entries_since(
        self,
        after_seq: int,
        tail: int | None = None,
        chunk: int = 20_000,
        skip: Container[str] = (),
    ) -> Iterator[tuple[int, list[IndexEntry]]]:
        """Index entries with a sequence number above ``after_seq`` (only the last ``tail``
        of them when given), oldest first, in chunks: (highest number, entries). Entries
        of articles in ``skip`` (already held) are left out without being read."""
        table = article_index
        with self.engine.connect() as connection:
            if tail is not None:
                floor = connection.execute(
                    sa.select(table.c.seq).order_by(table.c.seq.desc()).offset(tail).limit(1)
                ).scalar()
                after_seq = max(after_seq, int(floor or 0))
            while True:
                numbers = connection.execute(
                    sa.select(table.c.seq, table.c.article_id)
                    .where(table.c.seq > after_seq)
                    .order_by(table.c.seq)
                    .limit(chunk)
                ).all()
                if not numbers:
                    return
                wanted = [int(seq) for seq, article in numbers if article not in skip]
                after_seq = int(numbers[-1].seq)
                entries: list[IndexEntry] = []
                for start in range(0, len(wanted), QUERY_CHUNK):
                    query = (
                        sa.select(table.c.article_id, table.c.signature, table.c.terms, table.c.day)
                        .where(table.c.seq.in_(wanted[start : start + QUERY_CHUNK]))
                        .order_by(table.c.seq)
                    )
                    entries.extend(
                        IndexEntry(
                            str(row.article_id),
                            bytes(row.signature),
                            tuple(row.terms.split("\n")) if row.terms else (),
                            None if row.day is None else int(row.day),
                        )
                        for row in connection.execute(query)
                    )
                yield after_seq, entries

    def record_relations(
        self,
        run_id: str,
        found: Sequence[Mapping[str, Any]],
        groups: Sequence[Mapping[str, Any]],
        replace: bool = True,
    ) -> dict[str, str]:
        """Store relations and join each story group to the stored stories its articles
        are in (merging stories an article now links); returns group id -> stored story id.
        ``replace=False`` keeps a pair's stored relation (an aligned one from ``analyze``
        is worth more than a streaming ingest's estimate)."""
        now = _now()
        unique = {(r["a"], r["b"]): r for r in found}
        relation_rows = [
            {
                "a": r["a"],
                "b": r["b"],
                "kind": r["kind"],
                "derived": r.get("derived"),
                "score": r.get("score"),
                "passages": list(r.get("passages") or []),
                "why": r.get("why"),
                "run_id": run_id,
            }
            for r in unique.values()
        ]

        def write(connection: Connection) -> dict[str, str]:
            if replace:
                for row in relation_rows:
                    connection.execute(
                        relations.delete().where(
                            relations.c.a == row["a"], relations.c.b == row["b"]
                        )
                    )
            if relation_rows:
                connection.execute(self._insert_ignore(relations), relation_rows)
            return self._join_stories(connection, groups, now)

        result: dict[str, str] = self._write(write)
        return result

    def _join_stories(
        self, connection: Connection, groups: Sequence[Mapping[str, Any]], now: str
    ) -> dict[str, str]:
        """Each group joins the stored story its articles are in (the smallest id; other
        stories it touches are merged into that one) or starts one named after its first
        article. Reads every member's story in a few queries and writes in bulk: one
        statement per group cost more than the rest of clustering."""
        members = sorted({a for group in groups for a in group["articles"]})
        story_of: dict[str, str] = {}
        for start in range(0, len(members), QUERY_CHUNK):
            query = sa.select(story_members.c.article_id, story_members.c.story_id).where(
                story_members.c.article_id.in_(members[start : start + QUERY_CHUNK])
            )
            story_of.update((str(a), str(s)) for a, s in connection.execute(query))
        merged_into: dict[str, str] = {}

        def final(story_id: str) -> str:
            while story_id in merged_into:
                story_id = merged_into[story_id]
            return story_id

        assigned: dict[str, str] = {}
        merges: list[tuple[str, str]] = []
        new_stories: dict[str, Any] = {}
        touched: set[str] = set()
        for group in groups:
            articles = list(group["articles"])
            current = sorted({final(story_of[a]) for a in articles if a in story_of})
            if current:
                story_id = current[0]
                for other in current[1:]:
                    merged_into[other] = story_id
                    merges.append((other, story_id))
                touched.add(story_id)
            else:
                # Named after its first article: the same input gives the same ids.
                story_id = "S" + min(articles).removeprefix("a")
                new_stories.setdefault(story_id, group.get("title"))
            assigned[str(group["id"])] = story_id
        for merged, story_id in merges:  # in order: a chain of merges ends in one story
            connection.execute(
                story_members.update()
                .where(story_members.c.story_id == merged)
                .values(story_id=story_id)
            )
            connection.execute(
                stories.update()
                .where(stories.c.id == merged)
                .values(merged_into=story_id, updated_at=now)
            )
        assigned = {group: final(story) for group, story in assigned.items()}
        if touched:
            connection.execute(
                stories.update()
                .where(stories.c.id == sa.bindparam("story"))
                .values(updated_at=now),
                [{"story": final(story)} for story in sorted(touched)],
            )
        if new_stories:
            # insert-or-ignore: a concurrent writer may create the same story (same id)
            connection.execute(
                self._insert_ignore(stories),
                [
                    {
                        "id": story,
                        "title": title,
                        "created_at": now,
                        "updated_at": now,
                        "merged_into": None,
                    }
                    for story, title in new_stories.items()
                ],
            )
        rows = [
            {"article_id": a, "story_id": assigned[str(group["id"])]}
            for group in groups
            for a in group["articles"]
        ]
        if rows:
            connection.execute(self._insert_ignore(story_members), rows)
        return assigned

    def story_of(self, article_id: str) -> dict[str, Any] | None:
        """The stored story an article belongs to, with its members and their relations."""
        with self.engine.connect() as connection:
            story_id = connection.execute(
                sa.select(story_members.c.story_id).where(story_members.c.article_id == article_id)
            ).scalar()
        return self.story(story_id) if story_id else None

    def story(self, story_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(stories).where(stories.c.id == story_id)).first()
            if row is None:
                return None
            if row.merged_into:
                return self.story(row.merged_into)
            members = sorted(
                connection.execute(
                    sa.select(story_members.c.article_id).where(
                        story_members.c.story_id == story_id
                    )
                ).scalars()
            )
            found = [
                dict(r._mapping)
                for r in connection.execute(
                    sa.select(relations)
                    .where(relations.c.a.in_(members))
                    .order_by(relations.c.a, relations.c.b)
                )
            ]
        return {
            "id": row.id,
            "title": row.title,
            "created_at": row.created_at,
            "updated_at": row.updated_at,
            "articles": members,
            "relations": found,
            "sources": independent_sources(members, found),
        }

    def list_stories(
        self, search: str | None = None, offset: int = 0, limit: int = 50
    ) -> list[dict[str, Any]]:
        """Stories, newest first, with their size; ``search`` matches titles."""
        size = sa.func.count(story_members.c.article_id)
        query = (
            sa.select(stories.c.id, stories.c.title, stories.c.updated_at, size.label("articles"))
            .join(story_members, story_members.c.story_id == stories.c.id)
            .where(stories.c.merged_into.is_(None))
            .group_by(stories.c.id, stories.c.title, stories.c.updated_at)
            .order_by(stories.c.updated_at.desc(), stories.c.id)
            .offset(max(0, offset))
            .limit(max(1, min(limit, 500)))
        )
        if search:
            query = query.where(stories.c.title.ilike(f"%{search}%"))
        with self.engine.connect() as connection:
            return [dict(r._mapping) for r in connection.execute(query)]

    def copies_of(self, article_id: str) -> list[dict[str, Any]]:
        """Copy relations of an article, each with what it says about direction: the
        article ``is a copy of`` the other, the other is a copy of it, or not known."""
        query = sa.select(relations).where(
            sa.or_(relations.c.a == article_id, relations.c.b == article_id),
            relations.c.kind.in_(COPY_KINDS),
        )
        with self.engine.connect() as connection:
            rows = [dict(r._mapping) for r in connection.execute(query)]
        for row in rows:
            other = row["b"] if row["a"] == article_id else row["a"]
            row["other"] = other
            row["direction"] = (
                "copy-of"
                if row["derived"] == article_id
                else "copied-by"
                if row["derived"] == other
                else "unknown"
            )
        return rows

    def close(self) -> None:
        self.engine.dispose()


def independent_sources(
    members: Sequence[str], found: Sequence[Mapping[str, Any]]
) -> list[list[str]]:
    """Articles joined by copying, as groups: each group is one independent source."""
    sets: DisjointSets[str] = DisjointSets(members)
    for relation in found:
        if (
            joins_sources(str(relation["kind"]), relation.get("score"))
            and relation["a"] in sets.parent
            and relation["b"] in sets.parent
        ):
            sets.union(relation["a"], relation["b"])
    return sets.groups()
