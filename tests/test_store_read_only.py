"""Reading a store never changes it: reports, exports, `db` queries and the web view open
it read-only, a store at an older schema is a clear error instead of a silent migration,
and `newsprism db upgrade` is the one reading-side command that migrates."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.errors import NewsprismError
from newsprism.store.base import open_store
from newsprism.store.schema import HEAD_REVISION
from newsprism.web import check_store

from .conftest import old_store

runner = CliRunner()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_reading_commands_leave_an_old_store_untouched_and_say_how_to_upgrade(
    tmp_path: Path,
) -> None:
    db = tmp_path / "old.db"
    url = old_store(db)
    before = _digest(db)
    for command in (
        ["db", "stats", "--db", url],
        ["db", "stories", "--db", url],
        ["db", "story", "a1", "--db", url],
        ["report", "S0", "--db", url, "--out", str(tmp_path / "report")],
        ["export", "--db", url, "--out", str(tmp_path / "export")],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 4, (command, result.output)
        assert "E205" in result.output and "newsprism db upgrade" in result.output, command
    with pytest.raises(NewsprismError) as raised:
        check_store(url)  # what `newsprism serve` runs before it binds a port
    assert raised.value.code == "E205"
    assert _digest(db) == before

    upgraded = runner.invoke(app, ["db", "upgrade", "--db", url, "--json"])
    assert upgraded.exit_code == 0, upgraded.output
    assert json.loads(upgraded.output) == {
        "url": url,
        "schema_revision": HEAD_REVISION,
        "upgraded": True,
    }
    stats = runner.invoke(app, ["db", "stats", "--db", url, "--json"])
    assert stats.exit_code == 0 and json.loads(stats.output)["articles"] == 1
    again = runner.invoke(app, ["db", "upgrade", "--db", url])
    assert again.exit_code == 0 and "already at" in again.output


def test_a_read_only_store_refuses_writes_and_keeps_its_data(store_url: str) -> None:
    writer = open_store(store_url)
    run = writer.begin_run(["feed"], (), {})
    writer.close()
    reader = open_store(store_url, read_only=True)
    try:
        assert reader.stats()["runs"] == 1
        with pytest.raises(Exception, match=r"(?i)read.?only"):
            reader.begin_run(["other"], (), {})
    finally:
        reader.close()
    writer = open_store(store_url)
    try:
        assert writer.stats()["runs"] == 1 and run
    finally:
        writer.close()


def test_reading_a_missing_store_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "news.db"
    for command in (
        ["db", "stats", "--db", f"sqlite:///{missing}"],
        ["db", "upgrade", "--db", str(missing)],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 4 and "E201" in result.output, result.output
    assert not missing.exists() and not missing.parent.exists()


def test_a_reader_sees_committed_batches_only_and_never_blocks_the_writer(store_url: str) -> None:
    writer = open_store(store_url)
    writer.begin_run(["first"], (), {})
    try:
        with writer.transaction():
            writer.begin_run(["second"], (), {})
            reader = open_store(store_url, read_only=True)  # opened mid-batch
            try:
                assert reader.stats()["runs"] == 1  # the open batch is not seen
            finally:
                reader.close()
        reader = open_store(store_url, read_only=True)
        try:
            assert reader.stats()["runs"] == 2  # and the committed one is
        finally:
            reader.close()
    finally:
        writer.close()


def _analyzed_store(folder: Path) -> Path:
    article = folder / "a.txt"
    article.write_text(
        "The council of Velmora met on Tuesday and approved the new bridge budget after a "
        "long debate about the cost of repairs to the old crossing.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["analyze", str(article), "--out", str(folder / "out")])
    assert result.exit_code == 0, result.output
    return folder / "out" / "newsprism.db"


def test_reading_commands_create_no_files_beside_the_store(tmp_path: Path) -> None:
    db = _analyzed_store(tmp_path)
    story = json.loads(runner.invoke(app, ["db", "stories", "--db", str(db), "--json"]).output)
    beside = sorted(p.name for p in db.parent.iterdir())
    assert not any(name.endswith(("-wal", "-shm", "-lock")) for name in beside), beside
    for command in (
        ["db", "stats", "--db", str(db)],
        ["db", "stories", "--db", str(db)],
        ["report", story[0]["id"], "--db", str(db), "--out", str(tmp_path / "report")],
        ["export", "--db", str(db), "--out", str(tmp_path / "export"), "--format", "jsonl"],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
    check_store(f"sqlite:///{db}")  # what `serve` opens
    assert sorted(p.name for p in db.parent.iterdir()) == beside


def test_a_store_in_wal_mode_on_read_only_media_is_read(tmp_path: Path) -> None:
    import shutil
    import sqlite3
    import subprocess

    db = _analyzed_store(tmp_path)
    with sqlite3.connect(db) as connection:  # as a store copied while a writer had it
        connection.execute("PRAGMA journal_mode=WAL")
    media = tmp_path / "media"
    media.mkdir()
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(media)])
    if mount.returncode != 0:
        pytest.skip("cannot mount a file system here to make read-only media")
    try:
        shutil.copy(db, media / "news.db")
        subprocess.run(["mount", "-o", "remount,ro", str(media)], check=True)
        result = runner.invoke(app, ["db", "stats", "--db", str(media / "news.db"), "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["articles"] == 1
    finally:
        subprocess.run(["umount", str(media)], check=True)
