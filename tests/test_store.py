"""The SQL store: migrations recorded, idempotent writes, exact round trips, safe failures."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from newsprism.errors import NewsprismError
from newsprism.model import (
    Article,
    Evidence,
    IndexEntry,
    InputError,
    Paragraph,
    Relation,
    RunSummary,
    StageInfo,
    Story,
)
from newsprism.store.base import open_store
from newsprism.store.schema import HEAD_REVISION

from .conftest import old_store

STAGES = (StageInfo("extract", "1"), StageInfo("clean", "1"))


def make_article(number: int) -> Article:
    text = f"Body paragraph number {number} about the harbour."
    return Article(
        id=f"a{number:010d}",
        content_hash=f"{number:064d}",
        source="feed.jsonl",
        line=number,
        format="text",
        url=f"https://news.example/{number}",
        outlet="Quay Post",
        outlet_evidence=(Evidence("footer", "Quay Post", 2), Evidence("wire-credit", "AP", None)),
        title=f"Title {number}",
        published="2026-02-03",
        language="en",
        text=text,
        paragraphs=(
            Paragraph("body", text, text, 0, len(text), None, "body: article prose", 0, len(text)),
            Paragraph(
                "boilerplate",
                "Read more at Quay Post",
                "Read more at Quay Post",
                None,
                None,
                None,
                "read-more-footer: x",
                50,
                72,
            ),
        ),
        input_text=text + "\n\nRead more at Quay Post",
        meta={"sitename": "Quay Post", "author": None},
    )


def _summary(run_id: str) -> RunSummary:
    return RunSummary(run_id, 1, 1, 0, {"body": 1}, {"promo": 1}, 0.1, STAGES, ())


def test_article_round_trips_exactly(store_url: str) -> None:
    store = open_store(store_url)
    run = store.begin_run(["x"], STAGES, {})
    article = make_article(1)
    assert store.add_articles([article], run) == 1
    assert store.get_article(article.id) == article
    assert store.get_article(article.content_hash) == article
    assert list(store.iter_articles()) == [article]


def test_adding_the_same_articles_again_stores_nothing_twice(store_url: str) -> None:
    store = open_store(store_url)
    first = store.begin_run(["x"], STAGES, {})
    assert store.add_articles([make_article(i) for i in range(5)], first) == 5
    second = store.begin_run(["x"], STAGES, {})
    assert store.add_articles([make_article(i) for i in range(7)], second, batch_size=3) == 2
    assert store.stats()["articles"] == 7


def test_migrations_are_recorded_and_reopening_keeps_the_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'n.db'}"
    store = open_store(url)
    store.add_articles([make_article(1)], store.begin_run([], STAGES, {}))
    store.close()
    reopened = open_store(url)
    assert reopened.stats()["schema_revision"] == HEAD_REVISION
    assert reopened.stats()["articles"] == 1
    with sqlite3.connect(tmp_path / "n.db") as db:
        assert db.execute("select version_num from alembic_version").fetchone()[0] == HEAD_REVISION


def test_a_store_from_a_newer_newsprism_is_refused(tmp_path: Path) -> None:
    open_store(str(tmp_path / "n.db")).close()
    with sqlite3.connect(tmp_path / "n.db") as db:
        db.execute("update alembic_version set version_num = '9999'")
    with pytest.raises(NewsprismError) as caught:
        open_store(str(tmp_path / "n.db"))
    assert caught.value.code == "E202"


def test_unsupported_url_is_a_clear_error() -> None:
    with pytest.raises(NewsprismError) as caught:
        open_store("mysql://somewhere/db")
    assert caught.value.code == "E200"


def test_a_failing_batch_rolls_back_alone_and_keeps_earlier_batches(store_url: str) -> None:
    store = open_store(store_url)
    run = store.begin_run([], STAGES, {})
    good = [make_article(i) for i in range(3)]
    bad = make_article(99)
    object.__setattr__(bad, "meta", {"unserialisable": object()})
    with pytest.raises((NewsprismError, TypeError)):
        store.add_articles([*good, bad, make_article(4)], run, batch_size=3)
    assert store.stats()["articles"] == 3


def test_runs_errors_and_line_statistics_are_stored(store_url: str) -> None:
    store = open_store(store_url)
    run = store.begin_run(["in"], STAGES, {"limit": 1})
    store.add_errors(run, [InputError("bad.jsonl", 3, "E105", "bad.jsonl:3: invalid JSON")])
    store.record_lines(
        [("Quay Post", "fp1", "h1"), ("Quay Post", "fp1", "h2"), ("Quay Post", "fp1", "h1")]
    )
    store.finish_run(run, _summary(run))
    stats = store.stats()
    assert stats["input_errors"] == 1 and stats["errors_by_code"] == {"E105": 1}
    assert stats["last_run"]["status"] == "finished"
    assert store.articles_with_line("Quay Post", "fp1") == {"h1", "h2"}
    assert store.articles_with_line("Other", "fp1") == frozenset()


def _writer(url: str, start: int) -> None:
    store = open_store(url)
    run = store.begin_run([], STAGES, {})
    store.add_articles([make_article(i) for i in range(start, start + 30)], run, batch_size=5)
    store.close()


def test_two_processes_writing_overlapping_articles_leave_no_duplicates(store_url: str) -> None:
    url = store_url
    open_store(url).close()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(url, start)) for start in (0, 15)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert all(worker.exitcode == 0 for worker in workers)
    assert open_store(url).stats()["articles"] == 45


def test_a_store_at_an_older_revision_is_upgraded_without_losing_rows(tmp_path: Path) -> None:
    url = old_store(tmp_path / "old.db")
    store = open_store(url)
    assert store.stats()["schema_revision"] == HEAD_REVISION
    article = store.get_article("a1")
    assert article is not None and article.text == "Old text." and article.quotes == ()


def test_migrations_reach_head_on_both_databases(store_url: str) -> None:
    store = open_store(store_url)
    assert store.stats()["schema_revision"] == HEAD_REVISION
    store.close()
    assert open_store(store_url).stats()["schema_revision"] == HEAD_REVISION


def test_relations_and_stories_are_stored_and_merged(store_url: str) -> None:
    store = open_store(store_url)
    run = store.begin_run([], STAGES, {})
    store.add_articles([make_article(i) for i in range(4)], run)
    ids = [make_article(i).id for i in range(4)]
    entries = [
        IndexEntry(ids[0], b"\x01" * 768, ("2.4", "Velmora"), 20000),
        IndexEntry(ids[1], b"\x02" * 768, ("Velmora",), None),
    ]
    store.add_index_entries(entries)
    store.add_index_entries(entries[:1])  # indexed again: kept once
    chunks = list(store.index_entries_since(0))
    assert [e for _, chunk in chunks for e in chunk] == entries
    last = chunks[-1][0]
    assert list(store.index_entries_since(last)) == []
    assert [e for _, chunk in store.index_entries_since(0, tail=1) for e in chunk] == entries[1:]
    copy = Relation(ids[0], ids[1], "spun-copy", ids[1], 0.8)
    first = store.record_relations(run, [copy], [Story("s1", "One", tuple(ids[:2]))])
    second = store.record_relations(run, [], [Story("s1", "Two", tuple(ids[2:]))])
    assert first["s1"] != second["s1"]
    # a later batch links an article of each: the two stories become one
    merged = store.record_relations(run, [], [Story("s9", "Both", (ids[1], ids[2]))])
    story = store.story_of(ids[3])
    assert story is not None and story["id"] == merged["s9"]
    assert story["articles"] == sorted(ids)
    assert [s["id"] for s in store.list_stories()] == [merged["s9"]]
    (relation,) = store.copies_of(ids[1])
    assert relation["direction"] == "copy-of" and relation["other"] == ids[0]
    assert store.stats()["stories"] == 1 and store.stats()["relations"] == 1


def test_plain_postgresql_urls_use_psycopg_3() -> None:
    from newsprism.store.urls import normalise_url

    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"


def test_an_index_at_revision_0004_moves_to_one_row_per_article(store_url: str) -> None:
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from newsprism.store.schema import MIGRATIONS

    engine = sa.create_engine(store_url.replace("postgresql://", "postgresql+psycopg://", 1))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        connection.execute(
            sa.text("insert into article_minhash (article_id, signature) values ('a1', :s)"),
            {"s": b"\x07" * 768},
        )
        for term in ("Velmora", "2.4"):
            connection.execute(
                sa.text("insert into article_terms (term, article_id) values (:t, 'a1')"),
                {"t": term},
            )
        connection.execute(
            sa.text("insert into minhash_bands (band_key, article_id) values (5, 'a1')")
        )
    engine.dispose()
    store = open_store(store_url)
    assert store.stats()["schema_revision"] == HEAD_REVISION
    assert store.stats()["indexed_for_relations"] == 1
    [(_, [entry])] = list(store.index_entries_since(0))
    assert entry == IndexEntry("a1", b"\x07" * 768, ("2.4", "Velmora"), None)
