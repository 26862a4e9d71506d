"""Crash safety at length: an ingest killed with SIGKILL many times against one never killed.

Generates a story corpus (``benchmarks.stories``), ingests it once without interruption
(the peer), then ingests it again into a fresh store while killing the whole ingest
(coordinator and workers, SIGKILL) at random points, ``--kills`` times, checking SQLite's
integrity after every kill, and finally lets a last run finish. The table compares the
stores: articles, articles lost, articles stored twice, articles outside any story,
stories, and how far the stories agree (B-cubed F1) with the uninterrupted run's; a third
run without kills but with other batch boundaries shows how much of that is batching.

    python -m benchmarks.bench_crash --n 20000 --kills 50 --workers 2
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import stories


def _write_feed(n: int, path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for article in stories.generate(n, seed=5):
            handle.write(json.dumps({"id": article.id, "text": article.text}) + "\n")


def _ingest(feed: Path, db: Path, workers: int, batch_size: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "newsprism.cli",
        "ingest",
        str(feed),
        "--db",
        f"sqlite:///{db}",
        "--workers",
        str(workers),
        "--batch-size",
        str(batch_size),
        "--json",
    ]
    # its own process group, so a kill takes the workers with the coordinator
    return subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=30) as connection:
            return int(connection.execute("select count(*) from articles").fetchone()[0])
    except sqlite3.OperationalError:  # tables not created yet
        return 0


def _state(db: Path) -> dict[str, Any]:
    with sqlite3.connect(db) as connection:
        ids = [row[0] for row in connection.execute("select id from articles")]
        hashes = connection.execute("select count(distinct content_hash) from articles").fetchone()
        members: dict[str, set[str]] = {}
        for article, story in connection.execute("select article_id, story_id from story_members"):
            members.setdefault(story, set()).add(article)
        orphans = connection.execute(
            "select count(*) from articles where id not in (select article_id from story_members)"
        ).fetchone()[0]
        integrity = connection.execute("pragma integrity_check").fetchone()[0]
    return {
        "ids": set(ids),
        "articles": len(ids),
        "doubled": len(ids) - int(hashes[0]),
        "orphans": int(orphans),
        "stories": {frozenset(group) for group in members.values()},
        "integrity": integrity,
    }


def _bcubed_f1(state: dict[str, Any], reference: dict[str, Any]) -> float:
    """B-cubed F1 of one store's stories against the other's (1.0: the same stories)."""
    mine = {a: group for group in state["stories"] for a in group}
    theirs = {a: group for group in reference["stories"] for a in group}
    shared = [a for a in mine if a in theirs]
    if not shared:
        return 0.0
    precision = sum(len(mine[a] & theirs[a]) / len(mine[a]) for a in shared) / len(shared)
    recall = sum(len(mine[a] & theirs[a]) / len(theirs[a]) for a in shared) / len(shared)
    return 2 * precision * recall / (precision + recall)


def run(n: int, kills: int, workers: int, batch_size: int, seed: int = 11) -> dict[str, Any]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.jsonl.gz"
        _write_feed(n, feed)
        reference_db, crashed_db = Path(folder) / "reference.db", Path(folder) / "crashed.db"

        started = time.perf_counter()
        if _ingest(feed, reference_db, workers, batch_size).wait() not in (0, 1):
            raise RuntimeError("the uninterrupted ingest failed")
        reference_seconds = time.perf_counter() - started
        reference = _state(reference_db)

        # Peer for the stories: batch boundaries alone move a few articles between stories
        # (clustering is incremental), and a restart starts its first batch elsewhere.
        other_db = Path(folder) / "other-batches.db"
        started = time.perf_counter()
        if _ingest(feed, other_db, workers, max(2, batch_size * 3 // 7)).wait() not in (0, 1):
            raise RuntimeError("the uninterrupted ingest with other batches failed")
        other_seconds = time.perf_counter() - started
        other = _state(other_db)

        started = time.perf_counter()
        kill_counts: list[int] = []
        bad_integrity = 0
        for left in range(kills, 0, -1):
            before = _count(crashed_db)
            remaining = reference["articles"] - before
            if remaining <= batch_size:
                break
            # a random point in this run's share of what is left, so every kill lands mid-run
            target = before + rng.randint(1, max(1, 2 * remaining // (left + 1)))
            process = _ingest(feed, crashed_db, workers, batch_size)
            while _count(crashed_db) < target and process.poll() is None:
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.05))  # not always right after a commit
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            with sqlite3.connect(crashed_db) as connection:
                if connection.execute("pragma integrity_check").fetchone()[0] != "ok":
                    bad_integrity += 1
            kill_counts.append(_count(crashed_db))
        if _ingest(feed, crashed_db, workers, batch_size).wait() not in (0, 1):
            raise RuntimeError("the final ingest after the kills failed")
        crashed_seconds = time.perf_counter() - started
        crashed = _state(crashed_db)

    def row(name: str, state: dict[str, Any], seconds: float, killed: int) -> dict[str, Any]:
        return {
            "run": name,
            "kills": killed,
            "articles": state["articles"],
            "lost": len(reference["ids"] - state["ids"]),
            "doubled": state["doubled"],
            "outside a story": state["orphans"],
            "stories": len(state["stories"]),
            "stories B3 F1 vs uninterrupted": round(_bcubed_f1(state, reference), 4),
            "integrity": state["integrity"],
            "seconds": round(seconds, 1),
        }

    return {
        "n": n,
        "workers": workers,
        "batch_size": batch_size,
        "mid_run_kills": sum(0 < c < reference["articles"] for c in kill_counts),
        "integrity_failures_after_kill": bad_integrity,
        "stored_after_each_kill": kill_counts,
        "rows": [
            row("uninterrupted", reference, reference_seconds, 0),
            row("uninterrupted, other batch size", other, other_seconds, 0),
            row("killed, then re-run", crashed, crashed_seconds, len(kill_counts)),
        ],
    }


def format_table(result: dict[str, Any]) -> str:
    rows = result["rows"]
    headers = list(rows[0])
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        lines.append("| " + " | ".join(str(row[h]) for h in headers) + " |")
    lines.append(
        f"\n{result['n']:,} generated articles, {result['workers']} workers, batches of "
        f"{result['batch_size']}; {result['mid_run_kills']} kills landed mid-run; "
        f"integrity check failed after {result['integrity_failures_after_kill']} kills"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20_000, help="generated articles")
    parser.add_argument("--kills", type=int, default=50, help="SIGKILLs before the last run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    result = run(args.n, args.kills, args.workers, args.batch_size)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(format_table(result))
    healthy = all(
        r["lost"] == 0 and r["doubled"] == 0 and r["outside a story"] == 0 for r in result["rows"]
    )
    sys.exit(0 if healthy and result["integrity_failures_after_kill"] == 0 else 1)


if __name__ == "__main__":
    main()
