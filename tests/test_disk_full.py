"""A full disk under a streaming ingest: a clear store error, everything stored before
intact and consistent, and a re-run with room finishes the job (every article once)."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

WORDS = [f"w{n}" for n in range(3000)]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB filesystem (tmpfs), grown later with a remount; root only."""
    mountpoint = tmp_path / "small"
    mountpoint.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root (CI runs as root)")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mountpoint)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)


def _ingest(feed: Path, db: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsprism.cli", "ingest", str(feed), "--db"]
    command += [f"sqlite:///{db}", "--workers", "1", "--batch-size", "100"]
    command += ["--stages", "extract,clean", "--json"]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_a_full_disk_is_a_clear_error_and_loses_nothing(tmp_path: Path, small_disk: Path) -> None:
    rng = random.Random(5)
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as handle:
        for n in range(1200):
            text = "\n\n".join(
                " ".join(rng.choice(WORDS) for _ in range(80)) + "." for _ in range(6)
            )
            handle.write(json.dumps({"id": f"n{n}", "text": text}) + "\n")
    db = small_disk / "store.db"
    full = _ingest(feed, db)
    assert full.returncode == 4, full.stdout[-500:] + full.stderr[-2000:]
    assert "E203" in full.stderr and "full" in full.stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("pragma integrity_check").fetchone()[0] == "ok"
        stored = connection.execute("select count(*) from articles").fetchone()[0]
        done = connection.execute("select lines_done from ingest_checkpoints").fetchone()[0]
    # Whole batches only: what the checkpoint says is done is exactly what is stored.
    assert 0 < stored == done < 1200
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    again = _ingest(feed, db)
    assert again.returncode == 0, again.stderr[-2000:]
    with sqlite3.connect(db) as connection:
        assert connection.execute("select count(*) from articles").fetchone()[0] == 1200
        assert connection.execute("select count(distinct id) from articles").fetchone()[0] == 1200
        assert connection.execute("pragma integrity_check").fetchone()[0] == "ok"
