"""The streaming ingest's coordinator alone: storing and story placement, per article.

The per-article stages run first (local processes, as ``newsprism ingest`` runs them), and
their prepared articles are kept in a file beside the feed; then the one serial process's
work, batch by batch (``stream.flush_batch``: articles, the story window, relations,
stories, checkpoints, each batch one transaction), runs on them into a fresh SQLite store
and is timed by its own CPU time (``time.process_time``), storing and clustering apart.
The stored stories are summed up in a digest (every article's final story), so two
versions of the coordinator can be checked to place the same articles in the same stories.

    python -m benchmarks.bench_coordinator --n 100000 --cache DIR
    python -m benchmarks.bench_coordinator --n 100000 --cache DIR --profile 30
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import hashlib
import json
import pickle
import pstats
import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks import bench_scale
from newsprism.config import Settings
from newsprism.ingest import stream
from newsprism.ingest.executors import make_executor
from newsprism.model import InputError
from newsprism.pipeline import stage_options
from newsprism.readers.documents import Limits
from newsprism.readers.files import read_inputs
from newsprism.relate.window import StoryWindow
from newsprism.store.base import open_store

RUN_ID = "bench"  # the prepared rows carry a run id; the store's run gets its own


def _prepared(n: int, folder: Path, workers: int, stages: str) -> Path:
    """The feed's prepared articles, in chunks as the workers return them (pickled)."""
    feed, _ = bench_scale.generated_feed(n, folder, folder)
    path = feed.with_name(feed.name.replace(".jsonl.gz", f".prepared-{stages}.pickle.gz"))
    if path.exists():
        return path
    settings = Settings()
    names = stream.per_article_names(stages.split(","))
    options = tuple(sorted(stage_options(settings).items()))
    config = settings.as_dict()
    runner = make_executor("local", workers, None)

    def jobs() -> Iterator[stream.Job]:
        records = read_inputs([str(feed)], Limits())
        while chunk := list(islice(records, stream.CHUNK_DOCUMENTS)):
            documents = [r for r in chunk if not isinstance(r, InputError)]
            yield documents, config, names, RUN_ID, options

    try:
        with gzip.open(path.with_suffix(".tmp"), "wb", compresslevel=1) as handle:
            for records, _ in runner.map(stream.process_chunk, jobs(), 4 * workers):
                pickle.dump(records, handle, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        runner.close()
    path.with_suffix(".tmp").rename(path)
    return path


def _chunks(path: Path) -> Iterator[list[Any]]:
    with gzip.open(path, "rb") as handle:
        while True:
            try:
                yield pickle.load(handle)
            except EOFError:
                return


def _digest(db: Path) -> tuple[str, int, int]:
    """A digest of every article's final story, and how many stories and relations."""
    store = open_store(f"sqlite:///{db}")
    with store.engine.connect() as connection:  # type: ignore[attr-defined]
        members = connection.execute(
            sa.text("select article_id, story_id from story_members order by article_id")
        ).all()
        stories = int(connection.execute(sa.text("select count(*) from stories")).scalar() or 0)
        relations = connection.execute(
            sa.text("select a, b, kind, score from relations order by a, b")
        ).all()
    store.close()
    digest = hashlib.sha256()
    for article, story in members:
        digest.update(f"{article} {story}\n".encode())
    for row in relations:
        digest.update(f"{row}\n".encode())
    return digest.hexdigest()[:16], stories, len(relations)


def run(path: Path, batch_size: int, profile: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "store.db"
        store = open_store(f"sqlite:///{db}")
        begun = store.begin_run([str(path)], (), {})
        with store.engine.begin() as connection:  # type: ignore[attr-defined]
            # The prepared rows name the run they were prepared for.
            connection.execute(
                sa.text("update runs set id = :id where id = :begun"),
                {"id": RUN_ID, "begun": begun},
            )
        run_id = RUN_ID
        window = StoryWindow.load(store)
        summary = stream.IngestSummary(run_id)
        counts = stream.StageCounts()
        profiler = cProfile.Profile(time.process_time) if profile else None
        cpu = 0.0
        wall = time.perf_counter()
        batch: dict[str, Any] = {}
        articles = 0

        def flush() -> float:
            positions = {str(path): articles}
            started = time.process_time()
            if profiler is not None:
                profiler.enable()
            stream.flush_batch(
                store, window, run_id, list(batch.values()), [], summary, positions, counts
            )
            if profiler is not None:
                profiler.disable()
            return time.process_time() - started

        for records in _chunks(path):
            for record in records:
                articles += 1
                if not isinstance(record, InputError):
                    batch.setdefault(record.content_hash, record)
            if len(batch) >= batch_size:
                cpu += flush()
                batch = {}
        cpu += flush()
        wall = time.perf_counter() - wall
        store.close()
        digest, stories, relations = _digest(db)
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(profile)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(profile)
    n = summary.articles
    return {
        "articles": n,
        "coordinator_cpu_s": round(cpu, 2),
        "ms_per_article": round(1000 * cpu / max(1, n), 4),
        "articles_per_cpu_s": round(n / max(cpu, 1e-9)),
        "store_ms": round(1000 * counts.seconds.get("store", 0.0) / max(1, n), 4),
        "cluster_ms": round(1000 * counts.seconds.get("cluster", 0.0) / max(1, n), 4),
        "wall_s": round(wall, 1),
        "stories": stories,
        "relations": relations,
        "digest": digest,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--sizes", help="comma-separated sizes (instead of --n)")
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2, help="for preparing the articles")
    parser.add_argument("--stages", default="extract,clean")
    parser.add_argument("--cache", type=Path, required=True, help="feeds and prepared articles")
    parser.add_argument("--profile", type=int, default=0, help="print this many cProfile rows")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.n]
    for n in sizes:
        path = _prepared(n, args.cache, args.workers, args.stages)
        print(json.dumps(run(path, args.batch_size, args.profile)), flush=True)


if __name__ == "__main__":
    main()
