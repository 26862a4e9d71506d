"""The store on SQLAlchemy Core: SQLite by default, PostgreSQL by URL, same code.

Writes are idempotent (``INSERT … ON CONFLICT DO NOTHING`` keyed by content hash), batched,
and each batch is its own transaction: a failure rolls back that batch only and nothing
committed before it is lost.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from newsprism import __version__
from newsprism.errors import NewsprismError
from newsprism.model import Article, Evidence, InputError, Paragraph, Quote, RunSummary, StageInfo

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD_REVISION = "0002"

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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def article_row(article: Article, run_id: str) -> dict[str, Any]:
    return {
        "content_hash": article.content_hash,
        "id": article.id,
        "source": article.source,
        "line": article.line,
        "format": article.format,
        "url": article.url,
        "outlet": article.outlet,
        "outlet_evidence": [dataclasses.asdict(e) for e in article.outlet_evidence],
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "paragraphs": [dataclasses.asdict(p) for p in article.paragraphs],
        "input_text": article.input_text,
        "meta": dict(article.meta),
        "quotes": [dataclasses.asdict(q) for q in article.quotes],
        "first_run_id": run_id,
        "created_at": _now(),
    }


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
        paragraphs=tuple(Paragraph(**p) for p in row["paragraphs"]),
        input_text=row["input_text"],
        meta=dict(row["meta"]),
        quotes=tuple(Quote(**q) for q in row["quotes"] or ()),
    )


class SqlStore:
    """Store on any SQLAlchemy URL; SQLite gets WAL and a busy timeout for concurrent writers."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
                Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(
                    parents=True, exist_ok=True
                )
            self.engine: Engine = sa.create_engine(url, future=True)
            if self.engine.dialect.name == "sqlite":
                sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self._migrate()
        except NewsprismError:
            raise
        except (sa.exc.SQLAlchemyError, OSError, ImportError) as exc:
            raise NewsprismError("E201", f"cannot open store {url}: {exc}") from exc

    # -- schema ---------------------------------------------------------------------------
    def _migrate(self) -> None:
        from alembic import command
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        known = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
        with self.engine.begin() as connection:
            current = self._revision(connection)
            if current is not None and current not in known:
                raise NewsprismError(
                    "E202",
                    f"store {self.url} has schema revision {current}, made by a newer newsprism; "
                    "upgrade newsprism to use it",
                )
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

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

    def _write(self, action: Any) -> Any:
        try:
            with self.engine.begin() as connection:
                return action(connection)
        except sa.exc.SQLAlchemyError as exc:
            raise NewsprismError(
                "E203",
                f"writing to store {self.url} failed ({exc.__class__.__name__}: "
                f"{getattr(exc, 'orig', exc)}); earlier batches are kept, re-run to finish",
            ) from exc

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

    def iter_articles(self) -> Iterator[Article]:
        with self.engine.connect() as connection:
            result = connection.execution_options(stream_results=True).execute(
                sa.select(articles).order_by(articles.c.id)
            )
            for row in result.mappings():
                yield article_from_row(dict(row))

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
                "outlets": top(articles.c.outlet),
                "languages": top(articles.c.language),
                "errors_by_code": top(input_errors.c.code),
                "last_run": dict(last._mapping) if last is not None else None,
            }

    def close(self) -> None:
        self.engine.dispose()
