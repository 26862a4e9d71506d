"""Crash safety: an ingest killed with SIGKILL at random points loses and doubles nothing."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import SAMPLE_CORPUS

KILLS = 4
ARTICLES = 600


def _feed(tmp_path: Path, n: int) -> Path:
    wire = (SAMPLE_CORPUS / "01_continental_press_wire.txt").read_text(encoding="utf-8")
    rng = random.Random(7)
    words = wire.split()
    lines = []
    for number in range(n):
        # distinct articles (each a different cut and order of the wire's words) plus reprints
        start = rng.randrange(0, len(words) // 2)
        text = " ".join(words[start : start + 120]) + f" Report number {number}."
        lines.append({"id": f"r{number}", "text": text})
        if number % 5 == 0:
            lines.append({"id": f"r{number}-again", "text": text})
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db, timeout=30) as connection:
        found = connection.execute(
            "select count(*) from sqlite_master where name = 'articles'"
        ).fetchone()[0]
        return (
            int(connection.execute("select count(*) from articles").fetchone()[0]) if found else 0
        )


def _ingest(feed: Path, db: Path | str, workers: int = 1) -> subprocess.Popen[bytes]:
    """``newsprism ingest`` in its own process, into an SQLite file or a store URL."""
    url = db if isinstance(db, str) else f"sqlite:///{db}"
    command = ["ingest", str(feed), "--db", url, "--batch-size", "10", "--workers", str(workers)]
    return subprocess.Popen(
        [sys.executable, "-m", "newsprism.cli", *command, "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a process group: a kill takes its workers too
    )


# Two workers read ahead of what is stored: the checkpoint must count only what came back.
@pytest.mark.parametrize("workers", [1, 2])
def test_sigkill_at_random_points_then_rerun_stores_everything_once(
    tmp_path: Path, workers: int
) -> None:
    feed, db = _feed(tmp_path, ARTICLES), tmp_path / "store.db"
    rng = random.Random(11)
    stored_after_kill = []
    for _ in range(KILLS):
        process = _ingest(feed, db, workers)
        before = _stored(db)
        # kill at a random point in the first half of what is left: after this run's first
        # batch landed, long before it could finish (however fast ingest has become)
        target = before + rng.randint(1, max(1, (ARTICLES - before) // 2))
        deadline = time.monotonic() + 60
        while _stored(db) < target and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)
        with sqlite3.connect(db) as connection:
            assert connection.execute("pragma integrity_check").fetchone()[0] == "ok"
        stored_after_kill.append(_stored(db))
    assert sum(0 < n < ARTICLES for n in stored_after_kill) >= 2, (
        stored_after_kill
    )  # killed mid-run
    finished = _ingest(feed, db, workers)
    assert finished.wait(240) in (0, 1)
    with sqlite3.connect(db) as connection:
        articles = connection.execute("select count(*) from articles").fetchone()[0]
        hashes = connection.execute("select count(distinct content_hash) from articles").fetchone()[
            0
        ]
        members = connection.execute("select count(*) from story_members").fetchone()[0]
        orphans = connection.execute(
            "select count(*) from articles where id not in (select article_id from story_members)"
        ).fetchone()[0]
        done = connection.execute("select lines_done, finished from ingest_checkpoints").fetchall()
    assert articles == hashes == ARTICLES  # every distinct article once; reprints are one article
    assert members == ARTICLES and orphans == 0
    assert done == [(ARTICLES + ARTICLES // 5, 1)]


def test_two_ingests_into_one_store_at_once_store_each_article_once(tmp_path: Path) -> None:
    first = _feed(tmp_path, 200)
    second_folder = tmp_path / "second"
    second_folder.mkdir()
    second = _feed(second_folder, 200)  # the same articles, another file: full overlap
    db = tmp_path / "store.db"
    processes = [_ingest(first, db), _ingest(second, db)]
    assert [p.wait(240) for p in processes] == [0, 0]
    with sqlite3.connect(db) as connection:
        assert connection.execute("select count(*) from articles").fetchone()[0] == 200
        assert connection.execute("select count(*) from story_members").fetchone()[0] == 200
        assert connection.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_two_ingests_into_one_postgresql_store_at_once(postgres_url: str, tmp_path: Path) -> None:
    first = _feed(tmp_path, 120)
    second_folder = tmp_path / "second"
    second_folder.mkdir()
    second = _feed(second_folder, 120)
    processes = [_ingest(feed, postgres_url) for feed in (first, second)]
    codes = [p.wait(240) for p in processes]
    assert codes == [0, 0], [p.stderr.read()[-500:] for p in processes if p.stderr]
    import sqlalchemy as sa

    engine = sa.create_engine(postgres_url)
    with engine.connect() as connection:
        assert connection.execute(sa.text("select count(*) from articles")).scalar() == 120
        assert connection.execute(sa.text("select count(*) from story_members")).scalar() == 120
    engine.dispose()
