"""Counts a user can trust: ingest's summary adds up (records read = skipped + articles +
rejected; articles = new + stored already), stories touched are distinct stories that got
a new article, and export writes one row per story, with its title."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

import newsprism
from newsprism.cli import app
from newsprism.ingest.stream import ingest
from newsprism.store.base import open_store

from .conftest import SAMPLE_CORPUS

WIRE = "01_continental_press_wire.txt"


def _stories_in(url: str) -> int:
    store = open_store(url, read_only=True)
    try:
        with store.engine.connect() as connection:  # type: ignore[attr-defined]
            query = "select count(distinct story_id) from story_members"
            return int(connection.execute(sa.text(query)).scalar() or 0)
    finally:
        store.close()


def _sample_with_a_reprint(folder: Path) -> Path:
    """The sample corpus and one file again under another name (the same text)."""
    shutil.copytree(SAMPLE_CORPUS, folder)
    shutil.copy(folder / WIRE, folder / "99_same_text_again.txt")
    return folder


def test_ingest_counts_add_up_and_stories_touched_are_distinct(
    store_url: str, tmp_path: Path
) -> None:
    url = store_url
    feed = _sample_with_a_reprint(tmp_path / "feed")
    # Small batches: a story grows over several of them and is still one story touched.
    summary = ingest([feed], url, batch_size=2, workers=1, executor="inline")
    assert summary.records_read == 10 and summary.inputs_rejected == 0
    assert summary.articles == 10
    assert summary.articles_new == 9 and summary.articles_stored_already == 1
    assert summary.stories_touched == _stories_in(url)

    # A second run: one copy of the wire with a line of its own joins the wire's story, one
    # more file with a stored text joins nothing.
    more = tmp_path / "more"
    more.mkdir()
    wire = (SAMPLE_CORPUS / WIRE).read_text(encoding="utf-8")
    (more / "copy.txt").write_text(wire + "\n\nThe harbour office declined to comment.\n")
    shutil.copy(SAMPLE_CORPUS / WIRE, more / "same.txt")
    again = ingest([more], url, batch_size=2, workers=1, executor="inline")
    assert (again.articles, again.articles_new, again.articles_stored_already) == (2, 1, 1)
    assert again.stories_touched == 1


def test_ingest_prints_articles_read_new_and_stored_already(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    feed = _sample_with_a_reprint(tmp_path / "feed")
    result = CliRunner().invoke(
        app, ["ingest", str(feed), "--db", url, "--workers", "1", "--batch-size", "2"]
    )
    assert result.exit_code == 0, result.output
    first = " ".join(result.output.split())
    assert "10 records read" in first and "10 articles, 9 of them new in the store" in first
    assert "(1 with the text of one stored already)" in first
    assert f"{_stories_in(url)} stories touched" in first


def test_export_writes_one_row_per_story_with_its_title_and_members(tmp_path: Path) -> None:
    newsprism.analyze([SAMPLE_CORPUS], out=tmp_path / "run")
    url = f"sqlite:///{tmp_path / 'run' / 'newsprism.db'}"
    result = CliRunner().invoke(
        app, ["export", "--db", url, "--out", str(tmp_path / "out"), "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    assert f"{_stories_in(url)} stories" in result.output
    rows = [
        json.loads(line)
        for line in (tmp_path / "out" / "stories.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert len(rows) == _stories_in(url) == len({row["story_id"] for row in rows})
    assert all(row["title"] for row in rows)
    members = [a for row in rows for a in row["articles"]]
    assert len(members) == len(set(members)) == 9
