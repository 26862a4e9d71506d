"""The same input gives the same stored stories and byte-identical story dossiers, however
many workers ingested it."""

from __future__ import annotations

import json
from pathlib import Path

from newsprism.api import story_dossier
from newsprism.ingest.stream import ingest
from newsprism.store.base import open_store

from .conftest import SAMPLE_CORPUS


def _stories(url: str) -> dict[str, list[str]]:
    store = open_store(url)
    try:
        members: dict[str, list[str]] = {}
        for article, story in store.iter_story_members():
            members.setdefault(story, []).append(article)
        return members
    finally:
        store.close()


def test_story_dossiers_are_byte_identical_with_one_or_two_workers(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    wire = (SAMPLE_CORPUS / "01_continental_press_wire.txt").read_text(encoding="utf-8")
    lines = [
        {"id": f"reprint{n}", "text": f"{wire}\n\nRead more at outlet{n}.example"} for n in range(5)
    ]
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    urls = {}
    for workers in (1, 2):
        urls[workers] = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        ingest(
            [SAMPLE_CORPUS, feed],
            urls[workers],
            batch_size=4,
            workers=workers,
            stages=("extract", "clean", "metadata", "quotes", "entities", "claims"),
        )
    stories = _stories(urls[1])
    assert stories == _stories(urls[2]) and len(stories) >= 2
    for story_id in stories:
        written = []
        for workers in (1, 2):
            out = tmp_path / f"report-{workers}-{story_id}"
            story_dossier(urls[workers], story_id, out)
            written.append((out / "dossier.json").read_bytes())
        assert written[0] == written[1], story_id
