"""A small batch's story-window candidates through the store's postings (revision 0009):
the same links, and so the same stories, as the whole window loaded, on generated stores
of both databases; the postings the writer and the migration make are the same."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

import newsprism
from newsprism.ingest.stream import ingest
from newsprism.model import IndexEntry
from newsprism.relate import incremental
from newsprism.relate.minhash import signatures
from newsprism.relate.window import StoryWindow, WindowLinks, stored_window
from newsprism.store.base import open_store
from newsprism.store.lookup import post_entries
from newsprism.store.schema import MIGRATIONS

WORDS = [f"w{n}" for n in range(3000)]
COMMON = [f"Common{n}" for n in range(12)]  # in a third of the articles: weigh little
MIDDLING = [f"Often{n}" for n in range(40)]  # in ~60 articles each: over the per-term limit
CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _text(rng: random.Random, words: int = 120) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _entry(article_id: str, text: str, terms: set[str], day: int) -> IndexEntry:
    row = signatures([text])[0]
    return IndexEntry(article_id, row.astype("<u4").tobytes(), tuple(sorted(terms)), day)


def _generated(rng: random.Random, events: int) -> tuple[list[IndexEntry], list[dict]]:
    """Events of a few reports each (own names, some copies), over common terms."""
    entries, truth = [], []
    for event in range(events):
        names = {f"Name{event}x{k}" for k in range(6)} | {str(1000 + event)}
        original = _text(rng)
        day = 20_000 + event // 40
        for report in range(rng.randint(1, 4)):
            copy = report > 0 and rng.random() < 0.4
            text = original + " " + _text(rng, 20) if copy else _text(rng)
            terms = set(rng.sample(sorted(names), 5)) | set(rng.sample(COMMON, 2))
            if rng.random() < 0.5:
                terms.add(rng.choice(MIDDLING))
            entries.append(_entry(f"e{event}r{report}", text, terms, day))
        truth.append({"names": names, "text": original, "day": day})
    return entries, truth


def _batch(rng: random.Random, truth: list[dict], size: int) -> list[IndexEntry]:
    """New articles: copies of stored ones, other reports of stored events, new events."""
    batch = []
    for n in range(size):
        event = truth[rng.randrange(len(truth))]
        kind = n % 3
        if kind == 0:
            text = event["text"] + " " + _text(rng, 15)
            terms = set(rng.sample(sorted(event["names"]), 2))
        elif kind == 1:
            text, terms = _text(rng), set(rng.sample(sorted(event["names"]), 5))
        else:
            text, terms = _text(rng), {f"Fresh{n}x{k}" for k in range(5)}
        terms |= set(rng.sample(COMMON, 2)) | {rng.choice(MIDDLING)}
        batch.append(_entry(f"new{n}", text, terms, event["day"] + rng.randint(0, 6)))
    return batch


def _named(window: StoryWindow, links: WindowLinks) -> tuple[set, set]:
    copies = {(window.ids[a], window.ids[b], round(s, 6)) for a, b, s in links.copies}
    story = {(window.ids[a], window.ids[b], n) for a, b, n in links.same_story}
    return copies, story


def _both(store, batch: list[IndexEntry], capacity: int) -> tuple[tuple, tuple]:
    full = StoryWindow.load(store, capacity)
    loaded = _named(full, full.links(full.add(batch), batch))
    small = stored_window(store.window_postings, batch, capacity)
    looked_up = _named(small, small.links(small.add(batch), batch))
    return loaded, looked_up


@pytest.mark.parametrize("size", [5, 60])
def test_the_postings_give_the_links_the_loaded_window_gives(store_url: str, size: int) -> None:
    rng = random.Random(size)
    entries, truth = _generated(rng, 700)
    store = open_store(store_url)
    try:
        for start in range(0, len(entries), 400):  # several writes, as runs make them
            store.add_index_entries(entries[start : start + 400])
        batch = _batch(rng, truth, size)
        loaded, looked_up = _both(store, batch, capacity=250_000)
    finally:
        store.close()
    assert loaded == looked_up
    copies, story = loaded
    assert any(b.startswith("e") for _, b, _ in copies)  # the test finds something
    assert any(b.startswith("e") for _, b, _ in story)


def test_a_window_smaller_than_the_store_is_looked_up_as_loaded(tmp_path: Path) -> None:
    rng = random.Random(7)
    entries, truth = _generated(rng, 900)
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    try:
        store.add_index_entries(entries)
        # the most recent events' reports, so the window's edge matters
        batch = _batch(rng, truth[-300:], 9)
        loaded, looked_up = _both(store, batch, capacity=len(entries) // 2)
    finally:
        store.close()
    assert loaded == looked_up


def test_a_stored_batch_article_is_counted_once(tmp_path: Path) -> None:
    rng = random.Random(8)
    entries, truth = _generated(rng, 300)
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    try:
        store.add_index_entries(entries)
        batch = [*_batch(rng, truth, 4), entries[-1], entries[10]]  # two already stored
        store.add_index_entries(batch[:2])
        loaded, looked_up = _both(store, batch, capacity=250_000)
    finally:
        store.close()
    assert loaded == looked_up


def _alembic(connection: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _postings(url: str) -> tuple[list, list]:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        bands = connection.execute(
            sa.text(
                "select p.band_key, i.article_id from band_postings p "
                "join article_index i on i.seq = p.seq order by 1, 2"
            )
        ).all()
        terms = connection.execute(
            sa.text(
                "select p.term, i.article_id from term_postings p "
                "join article_index i on i.seq = p.seq order by 1, 2"
            )
        ).all()
    engine.dispose()
    return [tuple(r) for r in bands], [tuple(r) for r in terms]


def test_the_migration_posts_the_stored_entries_as_the_writer_does(tmp_path: Path) -> None:
    rng = random.Random(9)
    entries, _ = _generated(rng, 60)
    written = f"sqlite:///{tmp_path / 'written.db'}"
    store = open_store(written)
    store.add_index_entries(entries)
    store.post_window()
    store.close()
    migrated = f"sqlite:///{tmp_path / 'migrated.db'}"
    engine = sa.create_engine(migrated)
    with engine.begin() as connection:
        command.upgrade(_alembic(connection), "0008")
        connection.execute(
            sa.text(
                "insert into article_index (article_id, signature, terms, day) "
                "values (:a, :s, :t, :d)"
            ),
            [
                {"a": e.article_id, "s": e.signature, "t": "\n".join(e.terms), "d": e.day}
                for e in entries
            ],
        )
    engine.dispose()
    open_store(migrated).close()  # opening for writing migrates to head
    bands, terms = _postings(migrated)
    assert (bands, terms) == _postings(written)
    assert len(bands) == 144 * len(entries)
    assert len(terms) == sum(len(e.terms) for e in entries)
    with sa.create_engine(migrated).begin() as connection:
        command.downgrade(_alembic(connection), "0008")
        assert not sa.inspect(connection).has_table("band_postings")
        assert not sa.inspect(connection).has_table("window_posted")


def _counts(url: str) -> tuple[int, int, int, int]:
    """(band postings, term postings, posted up to, highest index entry)."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        found = tuple(
            int(connection.execute(sa.text(q)).scalar() or 0)
            for q in (
                "select count(*) from band_postings",
                "select count(*) from term_postings",
                "select max(seq) from window_posted",
                "select max(seq) from article_index",
            )
        )
    engine.dispose()
    return found  # type: ignore[return-value]


def test_the_writer_leaves_postings_behind_and_a_lookup_brings_them_current(
    store_url: str,
) -> None:
    rng = random.Random(11)
    entries, truth = _generated(rng, 300)
    store = open_store(store_url)
    try:
        store.add_index_entries(entries[:200])
        assert store.post_window() == 200
        store.add_index_entries(entries[200:])  # as ingest writes: no postings
        bands, _, posted, high = _counts(store_url)
        assert (bands, posted) == (144 * 200, high - len(entries) + 200)
        batch = _batch(rng, truth, 6)
        full = StoryWindow.load(store)
        loaded = _named(full, full.links(full.add(batch), batch))
        answer = store.window_postings([1], [], 250_000, 4, 4, 50)
        assert answer.posted == len(entries) - 200  # the lookup posted the delta first
        small = stored_window(store.window_postings, batch)
        assert _named(small, small.links(small.add(batch), batch)) == loaded
        assert _counts(store_url)[:3] == (
            144 * len(entries),
            sum(len(e.terms) for e in entries),
            high,
        )
    finally:
        store.close()


def test_posting_twice_changes_nothing(store_url: str) -> None:
    rng = random.Random(12)
    entries, _ = _generated(rng, 120)
    store = open_store(store_url)
    try:
        store.add_index_entries(entries)
        assert store.post_window() == len(entries)
        assert store.post_window() == 0
        once = _counts(store_url)
        engine = sa.create_engine(store_url)
        with engine.begin() as connection:  # a second poster that read the old mark
            assert post_entries(connection, 0, once[3]) == len(entries)
            assert post_entries(connection, 0, once[3] - 5) == len(entries) - 5
        engine.dispose()
        assert _counts(store_url) == once  # no row twice, the mark never goes back
        assert _postings(store_url)[1] == sorted(
            (t, e.article_id) for e in entries for t in e.terms
        )
    finally:
        store.close()


def test_ingest_leaves_postings_behind_unless_asked(tmp_path: Path) -> None:
    files = [str(CORPUS / "01_continental_press_wire.txt"), str(CORPUS / "03_spun_copy.md")]
    lagging, current = (f"sqlite:///{tmp_path / name}" for name in ("lag.db", "now.db"))
    ingest(files, lagging, executor="inline")
    summary = ingest(files, current, executor="inline", post_window=True)
    bands, _, posted, high = _counts(lagging)
    assert high > 0 and (bands, posted) == (0, 0)
    bands, _, posted, high = _counts(current)
    assert summary.window_posted == high and posted == high and bands == 144 * high
    engine = sa.create_engine(current)
    with engine.connect() as connection:
        recorded = connection.execute(sa.text("select summary from runs")).scalar_one()
    engine.dispose()
    assert json.loads(recorded)["window_posted"] == high  # the run's record says so too


def test_analyze_db_gives_the_same_stories_with_the_lookup_as_with_the_window(
    store_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = [CORPUS / "01_continental_press_wire.txt", CORPUS / "06_photo_page.txt"]
    later = [CORPUS / "03_spun_copy.md"]
    results = []
    for batch_limit in (incremental.LOOKUP_MAX_BATCH, 0):  # the lookup, then the window
        monkeypatch.setattr(incremental, "LOOKUP_MAX_BATCH", batch_limit)
        url = store_url if batch_limit else f"sqlite:///{tmp_path / 'window.db'}"
        newsprism.analyze(first, db=url)
        dossier = newsprism.analyze(later, db=url)
        store = open_store(url, read_only=True)
        stored = sorted((s["id"], s["articles"]) for s in store.iter_stories())
        store.close()
        results.append((dossier.data["stories"], dossier.data["earlier_relations"], stored))
    assert results[0] == results[1]
    (story,) = results[0][0]
    assert story["earlier_articles"]  # the later article joined a stored story


def test_a_read_only_store_looks_up_only_when_its_postings_are_current(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ro.db'}"
    ingest([str(CORPUS / "01_continental_press_wire.txt")], url, executor="inline")

    def complete() -> bool:
        reader = open_store(url, read_only=True)
        try:
            return reader.window_lookup_complete()
        finally:
            reader.close()

    assert complete() is False  # stored, not yet posted: the full window must be read
    writer = open_store(url)
    try:
        writer.post_window()
    finally:
        writer.close()
    assert complete() is True
