"""The story window: recent articles' bands and terms in memory, kept current from the store."""

from __future__ import annotations

import random

import numpy as np

from newsprism.model import IndexEntry
from newsprism.relate.minhash import signatures
from newsprism.relate.window import KeyIndex, StoryWindow
from newsprism.store.base import open_store

WORDS = [f"word{n}" for n in range(5000)]


def _text(rng: random.Random, words: int = 300) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _entry(
    article_id: str, text: str, terms: tuple[str, ...] = (), day: int | None = None
) -> IndexEntry:
    row = signatures([text])[0]
    return IndexEntry(article_id, row.astype("<u4").tobytes(), terms, day)


def test_key_index_finds_what_a_brute_force_scan_finds_across_merged_segments() -> None:
    rng = np.random.default_rng(1)
    index = KeyIndex()
    keys_by_owner = {}
    for batch in range(20):  # many adds: segments are merged along the way
        owners = np.arange(batch * 50, batch * 50 + 50)
        keys = rng.integers(0, 400, size=(50, 3)).astype(np.uint64)
        index.add(keys.ravel(), np.repeat(owners, 3), oldest=0)
        keys_by_owner.update({int(o): set(map(int, k)) for o, k in zip(owners, keys, strict=True)})
    assert len(index.segments) < 8
    probe = np.array([7, 123, 399], dtype=np.uint64)
    _, found, _, held = index.lookup(
        probe, np.array([-1, -1, -1]), per_key=10_000, max_postings=None
    )
    assert held.tolist() == [
        sum(1 for keys in keys_by_owner.values() if k in keys) for k in (7, 123, 399)
    ]
    assert sorted(found.tolist()) == sorted(
        o for o, keys in keys_by_owner.items() for k in (7, 123, 399) if k in keys
    )
    # keys held by more articles than max_postings are skipped
    _, none, _, _ = index.lookup(probe, np.array([-1, -1, -1]), per_key=10_000, max_postings=0)
    assert len(none) == 0


def test_a_copy_in_a_later_batch_is_linked_to_its_original() -> None:
    rng = random.Random(2)
    window = StoryWindow(capacity=10_000)
    originals = [_entry(f"o{n}", _text(rng)) for n in range(200)]
    window.add(originals)
    original_text = _text(rng)
    window.add([_entry("base", original_text)])
    copy_text = original_text + " " + _text(rng, 40)  # reprinted with a paragraph added
    entry = _entry("copy", copy_text)
    links = window.links(window.add([entry]), [entry])
    linked = {window.ids[other]: score for _, other, score in links.copies}
    assert set(linked) == {"base"} and linked["base"] > 0.6


def test_reports_sharing_names_are_one_story_unless_dated_weeks_apart() -> None:
    rng = random.Random(3)
    names = ("Velmora", "Ostrand", "Kelby", "Arnaud", "41", "2031")
    window = StoryWindow(capacity=1000)
    window.add([_entry("first", _text(rng), names, day=20000)])
    window.add([_entry("filler", _text(rng), ("Other", "Names", "Here", "Entirely"), day=20000)])
    near = _entry("near", _text(rng), names[:5], day=20002)
    far = _entry("far", _text(rng), names[:5], day=20030)
    links = window.links(window.add([near, far]), [near, far])
    pairs = {(window.ids[a], window.ids[b]) for a, b, _ in links.same_story}
    assert ("near", "first") in pairs
    assert ("far", "first") not in pairs


def test_articles_older_than_the_window_are_no_longer_linked() -> None:
    rng = random.Random(4)
    window = StoryWindow(capacity=1000)
    text = _text(rng)
    window.add([_entry("old", text)])
    window.add([_entry(f"n{n}", _text(rng, 60)) for n in range(1500)])
    entry = _entry("copy-of-old", text)
    links = window.links(window.add([entry]), [entry])
    assert all(window.ids[b] != "old" for _, b, _ in links.copies)


def test_a_window_loaded_from_the_store_sees_another_writers_articles(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    rng = random.Random(5)
    text = _text(rng)
    writer = open_store(url)
    window = StoryWindow.load(open_store(url))
    writer.add_index_entries([_entry("elsewhere", text)])  # another process's batch
    window.sync(writer)
    entry = _entry("here", text + " and more")
    links = window.links(window.add([entry]), [entry])
    assert {window.ids[b] for _, b, _ in links.copies} == {"elsewhere"}
    writer.add_index_entries([entry])
    assert window.sync(writer) == 0 and len(window) == 2  # its own entry is not read again


def test_links_asked_in_chunks_are_the_links_asked_at_once(monkeypatch) -> None:
    import newsprism.relate.window as window_module

    rng = random.Random(5)
    window = StoryWindow(capacity=10_000)
    names = [f"Name{n}" for n in range(40)]
    bases = [_text(rng) for _ in range(30)]
    entries = []
    for n in range(300):  # copies of a few texts, sharing names: many links per article
        text = bases[n % 30] + " " + _text(rng, 30)
        terms = tuple(sorted(set(rng.sample(names, 6))))
        entries.append(_entry(f"a{n}", text, terms, day=rng.randrange(3)))
    numbers = window.add(entries)
    monkeypatch.setattr(window_module, "LINK_CHUNK", 10_000)
    whole = window.links(numbers, entries)
    monkeypatch.setattr(window_module, "LINK_CHUNK", 7)
    chunked = window.links(numbers, entries)
    assert whole.copies and whole.same_story
    assert chunked.copies == whole.copies and chunked.same_story == whole.same_story
