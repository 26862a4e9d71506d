"""Row codecs: records as the store's rows and rows back as records.

An article's paragraphs are stored without the strings its text already holds; a
streaming ingest's workers encode whole rows (``article_values``, ``source_values``) so
the one process writing the store only hands them to the database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np

from newsprism.model import (
    Article,
    Evidence,
    IndexEntry,
    Paragraph,
    Quote,
    Relation,
    RelationKind,
    SharedPassage,
    relation_fields,
)
from newsprism.store.schema import (
    ARTICLE_COLUMNS,
    ARTICLE_JSON_COLUMNS,
    RELATION_COLUMNS,
    RELATION_JSON_COLUMNS,
    encode_json,
)
from newsprism.text.keys import band_keys


def timestamp_now() -> str:
    """The time stored in rows' ``*_at`` columns: UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


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
        "created_at": timestamp_now(),
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
        encode_json(row[name])
        if name in ARTICLE_JSON_COLUMNS and row[name] is not None
        else row[name]
        for name in ARTICLE_COLUMNS
    )


def source_row(article: Article, run_id: str) -> dict[str, Any]:
    """Where an article was read (``article_sources``): one row per source and line."""
    return {
        "content_hash": article.content_hash,
        "source": article.source,
        "line": article.line or 0,
        "run_id": run_id,
    }


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


def index_row(entry: IndexEntry) -> dict[str, Any]:
    """An article's story-window entry as an ``article_index`` row (terms one a line)."""
    return {
        "article_id": entry.article_id,
        "signature": entry.signature,
        "terms": "\n".join(entry.terms),
        "day": entry.day,
    }


def posting_rows(
    seqs: Sequence[int], signatures: Sequence[bytes], terms: Sequence[Sequence[str]]
) -> tuple[list[tuple[int, int]], list[tuple[str, int]]]:
    """The ``band_postings`` rows (band key, seq) and ``term_postings`` rows (term, seq) of
    index entries numbered ``seqs``, each list sorted (inserted in key order, a batch
    touches each index page once). The band keys are the story window's
    (``text.keys.band_keys``)."""
    if not seqs:
        return [], []
    rows = np.frombuffer(b"".join(signatures), dtype="<u4").reshape(len(seqs), -1)
    keys = band_keys(rows)
    owners = np.repeat(np.asarray(seqs, dtype=np.int64), keys.shape[1])
    order = np.lexsort((owners, keys.ravel()))
    band_rows = list(zip(keys.ravel()[order].tolist(), owners[order].tolist(), strict=True))
    term_rows = sorted({(t, s) for s, ts in zip(seqs, terms, strict=True) for t in ts if t})
    return band_rows, term_rows


def index_entry_from_row(row: Any) -> IndexEntry:
    return IndexEntry(
        str(row.article_id),
        bytes(row.signature),
        tuple(row.terms.split("\n")) if row.terms else (),
        None if row.day is None else int(row.day),
    )


def index_values(entry: IndexEntry) -> tuple[Any, ...]:
    """``index_row`` as values in ``INDEX_COLUMNS``' order, for the driver."""
    return (entry.article_id, entry.signature, "\n".join(entry.terms), entry.day)


def relation_values(relation: Relation, run_id: str) -> tuple[Any, ...]:
    """``relation_row`` as values in ``RELATION_COLUMNS``' order, JSON encoded as the
    engine encodes it, for the driver."""
    row = relation_row(relation, run_id)
    return tuple(
        encode_json(row[c]) if c in RELATION_JSON_COLUMNS else row[c] for c in RELATION_COLUMNS
    )


def relation_row(relation: Relation, run_id: str) -> dict[str, Any]:
    """A found relation as a ``relations`` row (its direction as settled, see
    ``model.settle_direction``), every field the dossier writes; passages keep the
    dossier's keys and order."""
    return {**relation_fields(relation), "run_id": run_id}


def relation_from_row(row: Mapping[str, Any]) -> Relation:
    """A ``relations`` row back as the relation it stored (a row from before revision 0008
    has no reuse findings: None)."""
    kind: RelationKind = row["kind"]
    return Relation(
        a=row["a"],
        b=row["b"],
        kind=kind,
        derived=row["derived"],
        score=row["score"],
        passages=tuple(SharedPassage(**p) for p in row["passages"] or ()),
        why=row["why"] or "",
        a_taken=row.get("a_taken"),
        b_taken=row.get("b_taken"),
        derivation=row.get("derivation"),
        derived_by=row.get("derived_by"),
    )


def relation_dict_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A ``relations`` row as the dossier writes a relation (its keys, in its order), with
    the run that stored it: what the store's readers hand on."""
    return {**relation_fields(relation_from_row(row)), "run_id": row["run_id"]}
