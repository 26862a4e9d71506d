"""The store on SQLAlchemy Core: SQLite by default, PostgreSQL by URL, same code.

``SqlStore`` holds the store's writes and reads; the tables are in ``schema.py``, the
conversions between records and rows in ``rows.py``, stories across runs in
``stories.py``. Writes are idempotent (``INSERT … ON CONFLICT DO NOTHING`` keyed by content
hash), batched, and each batch is its own transaction: a failure rolls back that batch only
and nothing committed before it is lost.
"""

from __future__ import annotations

import contextlib
import dataclasses
import uuid
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from newsprism.about import __version__
from newsprism.errors import NewsprismError
from newsprism.model import (
    COPY_KINDS,
    Article,
    IndexEntry,
    InputError,
    Relation,
    RunSummary,
    StageInfo,
    Story,
    WindowPostings,
)
from newsprism.store.lookup import hold_writer_lock, post_entries, posting_lag, window_postings
from newsprism.store.rows import (
    article_from_row,
    article_row,
    index_entry_from_row,
    index_values,
    relation_dict_from_row,
    relation_values,
    source_row,
    timestamp_now,
)
from newsprism.store.schema import (
    ARTICLE_COLUMNS,
    INDEX_COLUMNS,
    QUERY_CHUNK,
    RELATION_COLUMNS,
    article_index,
    article_sources,
    articles,
    check_schema,
    ingest_checkpoints,
    input_errors,
    insert_ignore,
    insert_ignore_sql,
    leave_quiescent,
    line_stats,
    migrate,
    open_engine,
    relations,
    runs,
    schema_revision,
    stories,
    story_members,
)
from newsprism.store.search import index_tail, search_candidates
from newsprism.store.stories import independent_sources, join_stories
from newsprism.store.urls import mask_secrets

SEARCH_MAX_WORDS = 8


def search_terms(search: str | None) -> list[str]:
    """The words of a story search, as typed (at most ``SEARCH_MAX_WORDS``, 100 characters
    each)."""
    return [w[:100] for w in (search or "").split()[:SEARCH_MAX_WORDS]]


def search_words(search: str | None) -> list[str]:
    """The words of a story search, with LIKE's wildcards and escape escaped."""
    return [
        w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        for w in search_terms(search)
    ]


class SqlStore:
    """Store on any SQLAlchemy URL; SQLite gets WAL and a busy timeout for concurrent writers."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        # What messages and stats show: the URL with its password masked.
        self.url = mask_secrets(url)
        self.read_only = read_only
        self._sqlite_url = url if url.startswith("sqlite") else ""
        self._transaction: Connection | None = None
        try:
            self.engine: Engine = open_engine(url, read_only=read_only)
            if read_only:
                check_schema(self.engine, self.url)
            else:
                migrate(self.engine, url)
        except NewsprismError as exc:
            raise NewsprismError(exc.code, mask_secrets(exc.message)) from None
        except (sa.exc.SQLAlchemyError, OSError, ImportError) as exc:
            raise NewsprismError(
                "E201", mask_secrets(f"cannot open store {self.url}: {exc}")
            ) from None

    # -- schema ---------------------------------------------------------------------------
    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            return schema_revision(connection)

    # -- writes ---------------------------------------------------------------------------
    def _insert_ignore(self, table: sa.Table) -> Any:
        return insert_ignore(table, self.engine.dialect.name)

    def begin_run(
        self, inputs: Sequence[str], stages: Sequence[StageInfo], config: Mapping[str, Any]
    ) -> str:
        run_id = uuid.uuid4().hex
        self._write(
            lambda c: c.execute(
                runs.insert().values(
                    id=run_id,
                    started_at=timestamp_now(),
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
            sources = [source_row(a, run_id) for a in batch]

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
                if self.engine.dialect.name == "sqlite":
                    index_tail(connection)
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
        dialect = self.engine.dialect.name
        postgres = dialect == "postgresql"

        hash_at = ARTICLE_COLUMNS.index("content_hash")
        hashes = sorted({row[hash_at] for row in rows})

        def write(connection: Connection) -> int:
            existing: set[str] = set()
            for start in range(0, len(hashes), QUERY_CHUNK):
                query = sa.select(articles.c.content_hash).where(
                    articles.c.content_hash.in_(hashes[start : start + QUERY_CHUNK])
                )
                existing.update(connection.execute(query).scalars())
            connection.exec_driver_sql(
                insert_ignore_sql(articles, ARTICLE_COLUMNS, dialect), list(rows)
            )
            source_columns = [c.name for c in article_sources.columns]
            connection.exec_driver_sql(
                insert_ignore_sql(article_sources, source_columns, dialect), list(sources)
            )
            if not postgres:
                index_tail(connection)
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
                .values(finished_at=timestamp_now(), summary=data, status="finished")
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
            mask_secrets(
                f"writing to store {self.url} failed ({exc.__class__.__name__}: "
                f"{getattr(exc, 'orig', exc)}); earlier batches are kept, re-run to finish"
            ),
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
                yield relation_dict_from_row(dict(row))

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

    def iter_stories(self) -> Iterator[dict[str, Any]]:
        """Every stored story (merged ones are inside the story they joined), once each:
        ``id``, ``title`` (the story's, else its first titled article's) and ``articles``
        (member ids, sorted)."""
        member = articles.alias("member")
        query = (
            sa.select(
                story_members.c.story_id,
                stories.c.title,
                story_members.c.article_id,
                member.c.title,
            )
            .join(stories, stories.c.id == story_members.c.story_id)
            .outerjoin(member, member.c.id == story_members.c.article_id)
            .order_by(story_members.c.story_id, story_members.c.article_id)
        )
        with self.engine.connect() as connection:
            rows = connection.execution_options(stream_results=True).execute(query)
            current: dict[str, Any] | None = None
            for story_id, story_title, article_id, article_title in rows:
                if current is None or current["id"] != story_id:
                    if current is not None:
                        yield current
                    current = {"id": str(story_id), "title": story_title, "articles": []}
                if current["articles"][-1:] != [str(article_id)]:  # ordered: repeats adjoin
                    current["articles"].append(str(article_id))
                if current["title"] is None and article_title:
                    current["title"] = article_title
            if current is not None:
                yield current

    def stories_with_new_members(self, run_id: str) -> int:
        """How many stories (as they stand now, merges followed) have an article that
        ``run_id`` stored first."""
        query = (
            sa.select(sa.func.count(sa.distinct(story_members.c.story_id)))
            .join(articles, articles.c.id == story_members.c.article_id)
            .where(articles.c.first_run_id == run_id)
        )
        with self.engine.connect() as connection:
            return int(connection.execute(query).scalar() or 0)

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
                "schema_revision": schema_revision(connection),
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
        now = timestamp_now()

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
        runs find them (``relate/window.py``); an article indexed before keeps its row.
        Their keys are posted later, in bulk (``post_window``)."""
        rows = [index_values(e) for e in entries]
        insert = insert_ignore_sql(article_index, INDEX_COLUMNS, self.engine.dialect.name)

        def write(connection: Connection) -> None:
            hold_writer_lock(connection)
            for start in range(0, len(rows), 5000):
                connection.exec_driver_sql(insert, rows[start : start + 5000])

        if rows:
            self._write(write)

    def post_window(self) -> int:
        """Bring the window's postings current (``store/lookup.py``): post the index
        entries added since they last were, in one transaction; how many were posted."""
        posted, high = posting_lag(self.engine)
        if high <= posted:
            return 0
        done: int = self._write(lambda c: post_entries(c, posted, high))
        return done

    def window_lookup_complete(self) -> bool:
        """Whether a lookup sees every index entry: a writable store posts what lags
        before it looks up; a read-only one can only when nothing lags."""
        if not self.read_only:
            return True
        posted, high = posting_lag(self.engine)
        return posted >= high

    def window_postings(
        self,
        band_keys: Sequence[int],
        terms: Sequence[str],
        tail: int,
        per_band: int,
        per_term: int,
        max_term: int,
        batch: Sequence[str] = (),
    ) -> WindowPostings:
        """Within the most recent ``tail`` index entries: the ``per_band`` most recent
        holders of each band key, how many hold each term and the ``per_term`` most recent
        holders of each term held by ``max_term`` or fewer, and those holders' entries;
        the ``batch``'s own stored entries left out (``store/lookup.py``). The postings
        are brought current first (``posted``: how many entries that took)."""
        posted = 0 if self.read_only else self.post_window()
        found = window_postings(
            self.engine, band_keys, terms, tail, (per_band, per_term, max_term), batch
        )
        return dataclasses.replace(found, posted=posted)

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
                    entries.extend(index_entry_from_row(row) for row in connection.execute(query))
                yield after_seq, entries

    def record_relations(
        self,
        run_id: str,
        found: Sequence[Relation],
        groups: Sequence[Story],
        replace: bool = True,
    ) -> dict[str, str]:
        """Store relations and join each story group to the stored stories its articles
        are in (merging stories an article now links); returns group id -> stored story id.
        ``replace=False`` keeps a pair's stored relation (an aligned one from ``analyze``
        is worth more than a streaming ingest's estimate)."""
        now = timestamp_now()
        unique = {(r.a, r.b): r for r in found}
        relation_rows = [relation_values(r, run_id) for r in unique.values()]
        at_a, at_b = RELATION_COLUMNS.index("a"), RELATION_COLUMNS.index("b")

        def write(connection: Connection) -> dict[str, str]:
            if replace:
                for row in relation_rows:
                    connection.execute(
                        relations.delete().where(
                            relations.c.a == row[at_a], relations.c.b == row[at_b]
                        )
                    )
            if relation_rows:
                connection.exec_driver_sql(
                    insert_ignore_sql(relations, RELATION_COLUMNS, self.engine.dialect.name),
                    relation_rows,
                )
            return join_stories(connection, groups, now)

        result: dict[str, str] = self._write(write)
        return result

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
                relation_dict_from_row(dict(r._mapping))
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
        self,
        search: str | None = None,
        offset: int = 0,
        limit: int = 50,
        *,
        after: tuple[str, str] | None = None,
        before: tuple[str, str] | None = None,
    ) -> list[dict[str, Any]]:
        """Stories, newest first (``updated_at``, then id), with their size. ``search``:
        words that must each appear (case aside, ``%`` and ``_`` taken literally) in the
        story's title or in one of its articles' titles, outlets or entities. Paged by
        ``offset`` or by keyset: ``after`` (the stories after this ``(updated_at, id)``)
        or ``before`` (the ones just before it, still newest first); both read the
        ``stories_recent`` index (revision 0010) from the key on."""
        newer = before is not None
        query = (
            sa.select(stories.c.id, stories.c.title, stories.c.updated_at)
            .where(stories.c.merged_into.is_(None))
            .limit(max(1, min(limit, 500)))
        )
        if before is not None:
            query = query.where(
                stories.c.updated_at >= before[0],
                sa.or_(stories.c.updated_at > before[0], stories.c.id < before[1]),
            )
        elif after is not None:
            query = query.where(
                stories.c.updated_at <= after[0],
                sa.or_(stories.c.updated_at < after[0], stories.c.id > after[1]),
            )
        else:
            query = query.offset(max(0, offset))
        words = search_words(search)
        for word in words:
            pattern = f"%{word}%"
            member = articles.alias("member")
            in_articles = (
                sa.select(story_members.c.article_id)
                .join(member, member.c.id == story_members.c.article_id)
                .where(
                    story_members.c.story_id == stories.c.id,
                    sa.or_(
                        member.c.title.ilike(pattern, escape="\\"),
                        member.c.outlet.ilike(pattern, escape="\\"),
                        sa.cast(member.c.entities, sa.Text).ilike(pattern, escape="\\"),
                    ),
                )
                .exists()
            )
            query = query.where(sa.or_(stories.c.title.ilike(pattern, escape="\\"), in_articles))
        with self.engine.connect() as connection:
            if words and self.engine.dialect.name == "sqlite":
                candidates = search_candidates(connection, search_terms(search))
                if candidates is not None:
                    if not candidates:
                        return []
                    query = query.where(stories.c.id.in_(sorted(candidates)))
            # The page's stories are chosen on the index alone (an offset skips index
            # entries, not counts); then each one's size, and a story with no members
            # (never written by an ingest) is left out, as the join it replaces did.
            order = (
                (stories.c.updated_at.asc(), stories.c.id.desc())
                if newer
                else (stories.c.updated_at.desc(), stories.c.id.asc())
            )
            page = query.order_by(*order).subquery("page")
            size = (
                sa.select(sa.func.count())
                .select_from(story_members)
                .where(story_members.c.story_id == page.c.id)
                .scalar_subquery()
            )
            outer = (
                sa.select(page.c.id, page.c.title, page.c.updated_at, size.label("articles"))
                .where(size > 0)
                .order_by(
                    page.c.updated_at.asc() if newer else page.c.updated_at.desc(),
                    page.c.id.desc() if newer else page.c.id.asc(),
                )
            )
            found = [dict(r._mapping) for r in connection.execute(outer)]
        return found[::-1] if newer else found

    def copies_of(self, article_id: str) -> list[dict[str, Any]]:
        """Copy relations of an article, each with what it says about direction: the
        article ``is a copy of`` the other, the other is a copy of it, or not known."""
        query = sa.select(relations).where(
            sa.or_(relations.c.a == article_id, relations.c.b == article_id),
            relations.c.kind.in_(COPY_KINDS),
        )
        with self.engine.connect() as connection:
            rows = [relation_dict_from_row(dict(r._mapping)) for r in connection.execute(query)]
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
        if not self.read_only and self._sqlite_url:
            leave_quiescent(self._sqlite_url)
