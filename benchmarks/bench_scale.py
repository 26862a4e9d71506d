"""Streaming ingest at scale: articles ingested, deduplicated and clustered into stories.

Generates a story corpus with planted copies (``benchmarks.stories``) as gzip JSON Lines,
runs ``newsprism ingest`` on it into a fresh SQLite store, and reports throughput, peak
memory, recall of the planted copies (copy and original in one stored story) and story
purity (the share of articles whose story's largest planted family is their own). Run at
several sizes to see how the cost grows.

    python -m benchmarks.bench_scale --n 100000
    python -m benchmarks.bench_scale --sizes 10000,30000,100000 --workers 2
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks import stories


def _stored(path: Path) -> tuple[dict[str, str], dict[str, str], int]:
    """From the store: newsprism's article id per feed line (ids come from content), each
    article's story, and how many stories there are."""
    from newsprism.store.base import open_store

    store = open_store(f"sqlite:///{path}")
    with store.engine.connect() as connection:  # type: ignore[attr-defined]
        by_line = {
            str(line): article
            for article, line in connection.execute(sa.text("select id, line from articles"))
        }
        story_of = {
            article: story
            for article, story in connection.execute(
                sa.text("select article_id, story_id from story_members")
            )
        }
        stories = int(connection.execute(sa.text("select count(*) from stories")).scalar() or 0)
    store.close()
    return by_line, story_of, stories


def run_one(n: int, workers: int, batch_size: int, executor: str = "local") -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.jsonl.gz"
        db = Path(folder) / "store.db"
        truth = stories.write_jsonl(stories.generate(n, seed=3), feed)
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
            "--executor",
            executor,
            "--json",
        ]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        if done.returncode not in (0, 1):
            raise RuntimeError(done.stderr[-2000:])
        summary = json.loads(done.stdout)
        by_line, story_of, stored_stories = _stored(db)
    article_of = {a.id: by_line.get(str(number + 1)) for number, a in enumerate(truth)}
    family = {a.id: a.source or a.id for a in truth}
    planted = [a for a in truth if a.source]
    found = sum(
        1
        for a in planted
        if article_of.get(a.id)
        and article_of.get(a.source or "")
        and story_of.get(article_of[a.id]) == story_of.get(article_of[a.source or ""])
    )
    members: dict[str, Counter[str]] = defaultdict(Counter)
    for a in truth:
        if article_of.get(a.id) in story_of:
            members[story_of[article_of[a.id]]][family[a.id]] += 1
    purity = sum(c.most_common(1)[0][1] for c in members.values()) / max(
        1, sum(sum(c.values()) for c in members.values())
    )
    return {
        "articles": n,
        "workers": workers,
        "executor": executor,
        "seconds": round(seconds, 1),
        "articles_per_s": round(n / seconds, 1),
        "peak_memory_mb": summary["peak_memory_mb"],
        "stories": stored_stories,
        "planted_copy_recall": round(found / max(1, len(planted)), 4),
        "story_purity": round(purity, 4),
        "stage_seconds": summary["stage_seconds"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--sizes", help="comma-separated sizes (instead of --n)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument(
        "--compare",
        action="store_true",
        help="one size, run with 1 worker, --workers local workers and --workers Ray workers",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.n]
    if args.compare:
        n = sizes[0]
        rows = [
            run_one(n, 1, args.batch_size, "local"),
            run_one(n, args.workers, args.batch_size, "local"),
            run_one(n, args.workers, args.batch_size, "ray"),
        ]
    else:
        rows = [run_one(n, args.workers, args.batch_size) for n in sizes]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    columns = [
        "articles",
        "workers",
        "executor",
        "seconds",
        "articles_per_s",
        "peak_memory_mb",
        "stories",
        "planted_copy_recall",
        "story_purity",
    ]
    print(" | ".join(columns))
    print(" | ".join("---" for _ in columns))
    for row in rows:
        print(" | ".join(str(row[c]) for c in columns))
    for row in rows:
        print(f"{row['articles']}: seconds by stage {row['stage_seconds']}")


if __name__ == "__main__":
    main()
