"""Export a store for corpus work: articles, stories, relations, quotes, claims and
named-entity mentions as Parquet (pyarrow) or JSON Lines, streamed in row groups so memory
stays flat.

Claims and entity mentions are what ``newsprism ingest --stages ...,mentions,claims``
stored with each article; an article ingested without them gets its claims from the
``claims_of`` the caller hands in (the façade passes the claims extractor: the store sits
on the analysis floor and imports no analysis package), without the cross-article grouping,
which comes with the dossier, and no entity rows (a spaCy pass over a whole store is an
ingest's job).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from newsprism.errors import NewsprismError
from newsprism.model import Article
from newsprism.store.base import open_store

TABLES = ("articles", "stories", "relations", "quotes", "claims", "entities")
ROWS_PER_GROUP = 5000
# Claims of articles stored without them: their public claim records (``article`` names one).
ClaimsOf = Callable[[Sequence[Article]], Iterable[dict[str, Any]]]


class _Sink(Protocol):
    def write(self, rows: list[dict[str, Any]]) -> None: ...
    def close(self) -> None: ...


class _JsonLines:
    def __init__(self, path: Path) -> None:
        self.handle = path.open("w", encoding="utf-8")

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)

    def close(self) -> None:
        self.handle.close()


class _Parquet:
    def __init__(self, path: Path, schema: Any) -> None:
        import pyarrow.parquet as pq

        self.schema = schema
        self.writer = pq.ParquetWriter(path, schema)

    def write(self, rows: list[dict[str, Any]]) -> None:
        import pyarrow as pa

        self.writer.write_table(pa.Table.from_pylist(rows, schema=self.schema))

    def close(self) -> None:
        self.writer.close()


def _schema(table: str) -> Any:
    import pyarrow as pa

    text, integer, number = pa.string(), pa.int64(), pa.float64()
    fields: dict[str, list[tuple[str, Any]]] = {
        "articles": [
            ("id", text),
            ("content_hash", text),
            ("source", text),
            ("line", integer),
            ("url", text),
            ("outlet", text),
            ("title", text),
            ("published", text),
            ("language", text),
            ("text", text),
        ],
        "stories": [("story_id", text), ("title", text), ("articles", pa.list_(text))],
        "relations": [
            ("a", text),
            ("b", text),
            ("kind", text),
            ("derived", text),
            ("score", number),
            ("why", text),
            ("passages", text),
            ("a_taken", number),
            ("b_taken", number),
            ("derivation", text),
            ("derived_by", text),
        ],
        "quotes": [
            ("article_id", text),
            ("start", integer),
            ("end", integer),
            ("text", text),
            ("speaker", text),
            ("cue", text),
            ("partial", pa.bool_()),
        ],
        "entities": [
            ("article_id", text),
            ("start", integer),
            ("end", integer),
            ("text", text),
            ("label", text),
        ],
        "claims": [
            ("article_id", text),
            ("start", integer),
            ("end", integer),
            ("sentence", text),
            ("subject", text),
            ("value", number),
            ("unit", text),
            ("text", text),
            ("as_of", text),
        ],
    }
    return pa.schema(fields[table])


def _article_rows(articles: Iterable[Article]) -> Iterator[dict[str, Any]]:
    for a in articles:
        yield {
            "id": a.id,
            "content_hash": a.content_hash,
            "source": a.source,
            "line": a.line,
            "url": a.url,
            "outlet": a.outlet,
            "title": a.title,
            "published": a.published,
            "language": a.language,
            "text": a.text,
        }


def _quote_rows(articles: Iterable[Article]) -> Iterator[dict[str, Any]]:
    for a in articles:
        for q in a.quotes:
            yield {
                "article_id": a.id,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "speaker": q.speaker,
                "cue": q.cue,
                "partial": q.partial,
            }


def _claim_rows(
    items: Iterable[tuple[Article, list[Any] | None]], claims_of: ClaimsOf | None
) -> Iterator[dict[str, Any]]:
    def rows(claims: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for row in claims:
            yield {
                "article_id": row["article"],
                "start": row["start"],
                "end": row["end"],
                "sentence": row["sentence"],
                "subject": row.get("subject"),
                "value": row.get("value"),
                "unit": row.get("unit"),
                "text": row.get("text"),
                "as_of": row.get("as_of"),
            }

    iterator = iter(items)
    while chunk := list(islice(iterator, 500)):
        missing = [article for article, stored in chunk if stored is None]
        computed: dict[str, list[dict[str, Any]]] = {}
        for claim in claims_of(missing) if claims_of is not None and missing else ():
            computed.setdefault(claim["article"], []).append(claim)
        for article, stored in chunk:
            yield from rows(stored if stored is not None else computed.get(article.id, []))


def _entity_rows(items: Iterable[tuple[Article, list[Any] | None]]) -> Iterator[dict[str, Any]]:
    for article, mentions in items:
        for m in mentions or ():
            yield {"article_id": article.id, **{k: m[k] for k in ("start", "end", "text", "label")}}


def export(
    db_url: str,
    out_dir: Path,
    fmt: str = "parquet",
    tables: Sequence[str] = TABLES,
    claims_of: ClaimsOf | None = None,
) -> dict[str, int]:
    """Write one file per table into ``out_dir``; return the rows written per table.
    ``claims_of`` gives the claims of articles stored without them (none without it)."""
    if fmt not in ("parquet", "jsonl"):
        raise NewsprismError("E300", f"unknown export format {fmt!r}; use parquet or jsonl")
    unknown = set(tables) - set(TABLES)
    if unknown:
        raise NewsprismError("E300", f"unknown tables {sorted(unknown)}; known: {TABLES}")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise NewsprismError(
                "E300", "Parquet export needs pyarrow: pip install pyarrow"
            ) from exc
    out_dir.mkdir(parents=True, exist_ok=True)
    store = open_store(db_url, read_only=True)
    written: dict[str, int] = {}
    try:
        for table in tables:
            rows = _rows(store, table, claims_of)
            path = out_dir / f"{table}.{'parquet' if fmt == 'parquet' else 'jsonl'}"
            partial = path.with_name(f".{path.name}.partial")
            sink: _Sink = (
                _Parquet(partial, _schema(table)) if fmt == "parquet" else _JsonLines(partial)
            )
            count = 0
            try:
                while group := list(islice(rows, ROWS_PER_GROUP)):
                    sink.write(group)
                    count += len(group)
            finally:
                sink.close()
            partial.replace(path)  # a crash never leaves half a file under the real name
            written[table] = count
    finally:
        store.close()
    return written


def _rows(store: Any, table: str, claims_of: ClaimsOf | None) -> Iterator[dict[str, Any]]:
    if table == "articles":
        return _article_rows(store.iter_articles())
    if table == "quotes":
        return _quote_rows(store.iter_articles())
    if table == "claims":
        return _claim_rows(store.iter_extracted("claims"), claims_of)
    if table == "entities":
        return _entity_rows(store.iter_extracted("entities"))
    if table == "stories":
        # One row per story (its members listed): a count of rows is a count of stories.
        return (
            {"story_id": s["id"], "title": s["title"], "articles": s["articles"]}
            for s in store.iter_stories()
        )
    return ({**r, "passages": json.dumps(r.get("passages") or [])} for r in store.iter_relations())
