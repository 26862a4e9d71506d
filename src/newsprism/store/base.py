"""The store's small interface, chosen by URL (as sqlite-utils/datasette do).

``open_store("sqlite:///out/newsprism.db")`` gives a Store; PostgreSQL URLs go to the same
SQLAlchemy Core implementation. Schema changes happen only through Alembic migrations,
applied when a store is opened for writing (``newsprism db upgrade`` applies them alone).
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from newsprism.model import (
    Article,
    IndexEntry,
    InputError,
    Relation,
    RunSummary,
    StageInfo,
    Story,
    WindowPostings,
)
from newsprism.store.urls import normalise_url


class Store(Protocol):
    url: str

    def begin_run(
        self, inputs: Sequence[str], stages: Sequence[StageInfo], config: Mapping[str, Any]
    ) -> str: ...
    def add_articles(
        self, articles: Iterable[Article], run_id: str, batch_size: int = 500
    ) -> int: ...
    def add_article_values(
        self, rows: Sequence[tuple[Any, ...]], sources: Sequence[tuple[Any, ...]]
    ) -> int: ...
    def add_errors(self, run_id: str, errors: Iterable[InputError]) -> None: ...
    def record_lines(self, rows: Iterable[tuple[str, str, str]]) -> None: ...
    def articles_with_line(
        self, outlet: str, fingerprint: str, limit: int = 200
    ) -> frozenset[str]: ...
    def finish_run(self, run_id: str, summary: RunSummary) -> None: ...
    def transaction(self) -> AbstractContextManager[None]: ...
    def get_article(self, key: str) -> Article | None: ...
    def get_articles(self, ids: Sequence[str]) -> list[Article]: ...
    def iter_articles(self) -> Iterator[Article]: ...
    def iter_extracted(self, kind: str) -> Iterator[tuple[Article, list[Any] | None]]: ...
    def iter_relations(self) -> Iterator[dict[str, Any]]: ...
    def iter_story_members(self) -> Iterator[tuple[str, str]]: ...
    def iter_stories(self) -> Iterator[dict[str, Any]]: ...
    def stories_with_new_members(self, run_id: str) -> int: ...
    def stats(self) -> dict[str, Any]: ...
    # Streaming ingest: where each source got to.
    def checkpoints(self) -> dict[str, tuple[int, bool]]: ...
    def save_checkpoints(self, run_id: str, progress: Mapping[str, tuple[int, bool]]) -> None: ...
    # Relations across runs (the "relate" stage, incremental).
    def add_index_entries(self, entries: Sequence[IndexEntry]) -> None: ...
    def post_window(self) -> int: ...
    def index_entries_since(
        self,
        after_seq: int,
        tail: int | None = None,
        chunk: int = 20_000,
        skip: Container[str] = (),
    ) -> Iterator[tuple[int, list[IndexEntry]]]: ...
    def window_lookup_complete(self) -> bool: ...
    def window_postings(
        self,
        band_keys: Sequence[int],
        terms: Sequence[str],
        tail: int,
        per_band: int,
        per_term: int,
        max_term: int,
        batch: Sequence[str] = (),
    ) -> WindowPostings: ...
    def record_relations(
        self,
        run_id: str,
        found: Sequence[Relation],
        groups: Sequence[Story],
        replace: bool = True,
    ) -> dict[str, str]: ...
    def story_of(self, article_id: str) -> dict[str, Any] | None: ...
    def story(self, story_id: str) -> dict[str, Any] | None: ...
    def list_stories(
        self,
        search: str | None = None,
        offset: int = 0,
        limit: int = 50,
        *,
        after: tuple[str, str] | None = None,
        before: tuple[str, str] | None = None,
    ) -> list[dict[str, Any]]: ...
    def copies_of(self, article_id: str) -> list[dict[str, Any]]: ...
    def close(self) -> None: ...


def open_store(url: str, *, read_only: bool = False) -> Store:
    """The store at ``url``, migrated to this version's schema; ``read_only`` opens it for
    reading only (reports, exports, the web view): nothing is created, migrated or written,
    and a store at an older schema is an error (E205) rather than silently upgraded."""
    from newsprism.store.queries import SqlStore

    return SqlStore(normalise_url(url), read_only=read_only)
