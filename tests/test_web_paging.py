"""The stories list on a store of many stories: keyset paging through the pager's links,
the page size as a checked option and query parameter (E300 on bad input), and the story
search's index (revision 0010) staying current as articles are ingested, with the same
results as the search without it. Both databases (``store_url``)."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from newsprism.errors import NewsprismError
from newsprism.model import Article, Story
from newsprism.store import search
from newsprism.store.base import open_store
from newsprism.store.search import index_tail
from newsprism.web import create_app


def article(number: int, title: str, outlet: str = "Daily Ledger") -> Article:
    text = f"{title}. Report number {number} from the harbour town."
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(
        id=f"a{digest[:15]}",
        content_hash=digest,
        source=f"in/{number}.txt",
        line=None,
        format="text",
        url=None,
        outlet=outlet,
        outlet_evidence=(),
        title=title,
        published="2026-11-20",
        language="en",
        text=text,
        paragraphs=(),
        input_text=text,
    )


def ingest(url: str, groups: list[list[Article]], titles: list[str | None]) -> None:
    """Store the articles and one story per group, as an ingest does."""
    store = open_store(url)
    try:
        run = store.begin_run([], [], {})
        store.add_articles([a for g in groups for a in g], run)
        store.record_relations(
            run,
            [],
            [
                Story(id=f"g{k}", title=t, articles=tuple(a.id for a in g))
                for k, (g, t) in enumerate(zip(groups, titles, strict=True))
            ],
        )
    finally:
        store.close()


TITLES = ["Bridge vote", "Harbour strike", "Grain prices", "Flood defences", "School meals"]


@pytest.fixture
def many(store_url: str) -> str:
    groups = [
        [article(k * 10 + j, f"{TITLES[k % 5]} day {k}") for j in range(k % 3 + 1)]
        for k in range(11)
    ]
    ingest(
        store_url, groups, [None if k % 4 == 0 else f"Story {k} of the coast" for k in range(11)]
    )
    return store_url


def walk(client: TestClient, url: str, link: str) -> list[list[str]]:
    pages = []
    while url:
        answer = client.get(url)
        assert answer.status_code == 200, answer.text
        data = answer.json()
        pages.append([s["id"] for s in data["stories"]])
        url = data[link]
    return pages


def test_next_links_page_by_cursor_through_every_story_once_in_order(many: str) -> None:
    client = TestClient(create_app(many))
    everything = [s["id"] for s in client.get("/stories.json?size=100").json()["stories"]]
    assert len(everything) == 11
    first = client.get("/stories.json?size=3").json()
    assert "after=" in first["next"] and first["prev"] is None
    pages = walk(client, "/stories.json?size=3", "next")
    assert [len(p) for p in pages] == [3, 3, 3, 2]
    assert [s for p in pages for s in p] == everything
    # The same pages by number (offset), and back again through the prev links.
    for number, ids in enumerate(pages, 1):
        by_offset = client.get(f"/stories.json?size=3&page={number}").json()["stories"]
        assert [s["id"] for s in by_offset] == ids
    last = client.get("/stories.json?size=3").json()
    while last["next"]:
        last = client.get(last["next"]).json()
    back = walk(client, last["prev"], "prev")
    assert back == pages[-2::-1]
    html = client.get("/stories?size=3")
    assert 'rel="next"' in html.text and "after=" in html.text


def test_page_size_is_a_checked_option_and_parameter(many: str) -> None:
    client = TestClient(create_app(many, page_size=4))
    assert len(client.get("/stories.json").json()["stories"]) == 4
    for bad in ("size=0", "size=101", "size=x", "after=nonsense", "before=2026~%3Cb%3E"):
        answer = client.get(f"/stories.json?{bad}")
        assert answer.status_code == 400, bad
        assert answer.json()["error"]["code"] == "E300"
        assert "E300" in client.get(f"/stories?{bad}").text
    with pytest.raises(NewsprismError) as raised:
        create_app(many, page_size=0)
    assert raised.value.code == "E300"


def listed(url: str, query: str) -> list[str]:
    store = open_store(url, read_only=True)
    try:
        return [s["id"] for s in store.list_stories(query, 0, 100)]
    finally:
        store.close()


@pytest.mark.parametrize("batch", [1, search.INDEX_BATCH])
def test_search_index_stays_current_after_an_ingest(
    store_url: str, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # batch 1: every write indexes its rows; the default: new rows wait as the tail the
    # search reads directly
    monkeypatch.setattr(search, "INDEX_BATCH", batch)
    ingest(store_url, [[article(1, "Bridge vote")]], ["Bridge vote"])
    assert listed(store_url, "quarantine") == []
    assert listed(store_url, "Tidewater") == []
    ingest(
        store_url,
        [[article(2, "Port quarantine lifted"), article(3, "Ferries back", "Tidewater Post")]],
        [None],
    )
    (found,) = listed(store_url, "QUARANTINE")
    assert listed(store_url, "tidewater") == [found]
    assert listed(store_url, "quarantine tidewater") == [found]
    assert listed(store_url, "quarantine bridge") == []
    if store_url.startswith("sqlite") and batch == 1:
        store = open_store(store_url, read_only=True)
        try:
            with store.engine.connect() as connection:
                indexed = connection.execute(
                    sa.text("SELECT count(*) FROM article_search WHERE article_search MATCH :q"),
                    {"q": '"quarantine"'},
                ).scalar()
        finally:
            store.close()
        assert indexed == 1


@pytest.mark.parametrize(
    "query",
    ["bridge", "day 1", "coast", "ledger", "sto", "of", "harbour day", "100%", "a_b", "zzz"],
)
def test_search_gives_the_same_stories_with_and_without_its_index(
    many: str, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    through_tail = listed(many, query)  # the fixture's rows wait, unindexed
    if many.startswith("sqlite"):
        store = open_store(many)
        try:
            with store.engine.begin() as connection:
                index_tail(connection, 1)
        finally:
            store.close()
    with_index = listed(many, query)
    monkeypatch.setattr(search, "RARE", -1)  # every word "common": the index narrows nothing
    assert listed(many, query) == with_index == through_tail
    if query in ("bridge", "coast", "ledger"):
        assert with_index


def test_listed_story_titles_and_sizes_are_as_stored(many: str) -> None:
    stories: list[dict[str, Any]] = (
        TestClient(create_app(many)).get("/stories.json?size=100").json()["stories"]
    )
    assert sorted(s["articles"] for s in stories) == sorted(k % 3 + 1 for k in range(11))
