"""The web view keeps one read-only store for its life: opened when the app starts, shared
by concurrent requests, closed when it stops, and still showing what an ingest adds while
it runs. Both databases (``store_url``)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from starlette.testclient import TestClient

from newsprism import api
from newsprism.store.base import Store
from newsprism.web import create_app

from .test_web_paging import article, ingest, many  # noqa: F401  (the fixture)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every store the web view opens, and whether it was closed."""
    found: list[dict[str, Any]] = []
    real = api.open_reader

    def open_reader(db_url: str) -> Store:
        store = real(db_url)
        record: dict[str, Any] = {"store": store, "closed": False}
        close = store.close

        def closing() -> None:
            record["closed"] = True
            close()

        store.close = closing  # type: ignore[method-assign]
        found.append(record)
        return store

    monkeypatch.setattr(api, "open_reader", open_reader)
    return found


def test_the_app_opens_one_read_only_store_at_startup_and_closes_it_at_shutdown(
    many: str,  # noqa: F811
    opened: list[dict[str, Any]],
) -> None:
    app = create_app(many)
    assert opened == []  # nothing is opened before the app starts
    with TestClient(app) as client:
        assert len(opened) == 1 and not opened[0]["closed"]
        stories = client.get("/stories.json?size=100").json()["stories"]
        assert len(stories) == 11
        for url in ("/stories?q=bridge", "/stories.json?page=2&size=3", "/stories?q=coast"):
            assert client.get(url).status_code == 200, url
        member = opened[0]["store"].story(stories[0]["id"])["articles"][0]
        assert client.get(f"/articles/{member}.json").json()["story"]["id"] == stories[0]["id"]
        assert len(opened) == 1  # every request read the same store
        with pytest.raises(Exception, match=r"(?i)read.?only"):
            opened[0]["store"].begin_run(["from the web"], (), {})
    assert opened[0]["closed"]


def test_concurrent_requests_share_the_one_store_and_get_the_same_answers(
    many: str,  # noqa: F811
    opened: list[dict[str, Any]],
) -> None:
    urls = [
        "/stories.json?size=100",
        "/stories.json?size=3&page=2",
        "/stories.json?q=harbour",
        "/stories.json?q=coast+day",
    ] * 8
    with TestClient(create_app(many)) as client:
        alone = {url: client.get(url).json() for url in set(urls)}
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(client.get, urls))
        assert [a.status_code for a in answers] == [200] * len(urls)
        assert [a.json() for a in answers] == [alone[url] for url in urls]
    assert len(opened) == 1 and opened[0]["closed"]


def test_a_new_request_sees_stories_ingested_while_the_app_runs(
    many: str,  # noqa: F811
    opened: list[dict[str, Any]],
) -> None:
    with TestClient(create_app(many)) as client:
        before = client.get("/stories.json?size=100").json()["stories"]
        assert len(before) == 11
        assert client.get("/stories.json?q=lighthouse").json()["stories"] == []
        added = article(900, "Lighthouse keepers return")
        assert client.get(f"/articles/{added.id}.json").status_code == 404
        ingest(many, [[added]], ["Lighthouse keepers return"])
        after = client.get("/stories.json?size=100").json()["stories"]
        assert len(after) == 12
        (found,) = client.get("/stories.json?q=lighthouse").json()["stories"]
        assert found["title"] == "Lighthouse keepers return"
        assert found["id"] in {s["id"] for s in after} - {s["id"] for s in before}
        lineage = client.get(f"/articles/{added.id}.json").json()
        assert lineage["story"]["id"] == found["id"]
        assert len(opened) == 1  # seen through the store opened at startup
