"""Streaming ingest at scale: articles ingested, deduplicated and clustered into stories.

Generates a story corpus with planted copies (``benchmarks.stories``) as gzip JSON Lines,
runs ``newsprism ingest`` on it into a fresh SQLite store, and reports throughput, peak
memory, recall of the planted copies (copy and original in one stored story) and story
purity (the share of articles in the event their stored story mostly holds) and recall of
independent reports (another outlet's own report in its event's story). Run at
several sizes to see how the cost grows.

    python -m benchmarks.bench_scale --n 100000
    python -m benchmarks.bench_scale --sizes 10000,30000,100000 --workers 2
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
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


def generated_feed(
    n: int, folder: Path, cache: Path | None
) -> tuple[Path, list[stories.StoryArticle]]:
    """The generated feed and its truth (kept in ``cache`` when given, with the truth in a
    file beside it: a million articles take minutes to generate)."""
    feed = (cache or folder) / f"stories-{n}-seed3.jsonl.gz"
    truth_file = feed.with_name(feed.name.replace(".jsonl.gz", ".truth.jsonl.gz"))
    if cache is not None and feed.exists() and truth_file.exists():
        with gzip.open(truth_file, "rt", encoding="utf-8") as handle:
            return feed, [stories.StoryArticle(**json.loads(line), text="") for line in handle]
    feed.parent.mkdir(parents=True, exist_ok=True)
    truth = []
    with (
        gzip.open(feed, "wt", encoding="utf-8") as articles,
        gzip.open(truth_file, "wt", encoding="utf-8") as truths,
    ):
        for a in stories.generate(n, seed=3):  # streamed: texts are not kept
            articles.write(json.dumps({"id": a.id, "text": a.text}) + "\n")
            row = {"id": a.id, "story": a.story, "kind": a.kind, "source": a.source}
            truths.write(json.dumps(row) + "\n")
            truth.append(dataclasses.replace(a, text=""))
    return feed, truth


def run_one(
    n: int,
    workers: int,
    batch_size: int,
    executor: str = "local",
    stages: str = "extract,clean",
    cache: Path | None = None,
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        feed, truth = generated_feed(n, Path(folder), cache)
        db = Path(folder) / "store.db"
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
            "--stages",
            stages,
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
    by_id = {a.id: a for a in truth}

    def together(a: stories.StoryArticle, b: stories.StoryArticle) -> bool:
        first, second = article_of.get(a.id), article_of.get(b.id)
        return bool(first and second and story_of.get(first) == story_of.get(second))

    planted = [a for a in truth if a.source]
    found = sum(1 for a in planted if together(a, by_id[a.source or ""]))
    # Independent reports of one event: each with the event's first article.
    first_of: dict[int, stories.StoryArticle] = {}
    for a in truth:
        first_of.setdefault(a.story, a)
    reports = [a for a in truth if a.kind == "report"]
    joined = sum(1 for a in reports if together(a, first_of[a.story]))
    members: dict[str, Counter[int]] = defaultdict(Counter)
    for a in truth:
        if article_of.get(a.id) in story_of:
            members[story_of[article_of[a.id]]][a.story] += 1
    # Purity: the share of articles in the event their stored story mostly holds.
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
        "coordinator_cpu_s": summary.get("coordinator_cpu_seconds"),
        "stories": stored_stories,
        "events": len(first_of),
        "planted_copy_recall": round(found / max(1, len(planted)), 4),
        "report_recall": round(joined / max(1, len(reports)), 4),
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
    parser.add_argument("--stages", default="extract,clean", help="per-article stages ingest runs")
    parser.add_argument("--cache", type=Path, help="keep generated feeds in this folder")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.n]
    if args.compare:
        n = sizes[0]
        rows = [
            run_one(n, 1, args.batch_size, "local", args.stages, args.cache),
            run_one(n, args.workers, args.batch_size, "local", args.stages, args.cache),
            run_one(n, args.workers, args.batch_size, "ray", args.stages, args.cache),
        ]
    else:
        rows = [
            run_one(n, args.workers, args.batch_size, "local", args.stages, args.cache)
            for n in sizes
        ]
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
        "coordinator_cpu_s",
        "stories",
        "events",
        "planted_copy_recall",
        "report_recall",
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
