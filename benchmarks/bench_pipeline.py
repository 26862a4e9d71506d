"""Articles/s of the full per-article pipeline on one core, beside bare spaCy NER.

    python -m benchmarks.bench_pipeline [--n 1000] [--json]

The per-article stages (extract, clean, metadata, quotes, mentions, article_claims: what
``newsprism ingest --stages extract,clean,metadata,quotes,mentions,claims`` runs in each
worker) on generated articles (``benchmarks/corpus.py``): CPU seconds of this process,
each stage's own CPU milliseconds per article (the stages chained as ``run_pipeline``
chains them in an ingest worker, one article at a time through each stage, the mentions
stage holding a group of ``ner.CHUNK_ARTICLES``), and how much of it is spaCy (the parse
through ``text/nlp.parses``, NER through ``entities/ner.py``). The peer, in the same
process on the same clean texts: spaCy's own ``nlp.pipe`` NER over every whole text, the
model's cost without newsprism's windows.
Models are loaded, and every stage run once on other articles, before the clock starts.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import Any

from benchmarks import common
from benchmarks.corpus import generate
from newsprism.config import Settings
from newsprism.entities import ner
from newsprism.model import Article, RawDocument
from newsprism.pipeline import build_pipeline, run_pipeline
from newsprism.stages.base import Record, RunContext
from newsprism.text import nlp

PER_ARTICLE = ("extract", "clean", "metadata", "quotes", "mentions", "article_claims")


def _row(path: str, articles: int, seconds: float, peer: float | None = None) -> dict[str, Any]:
    return {
        "path": path,
        "articles": articles,
        "cpu_s": round(seconds, 2),
        "ms_per_article": round(1000 * seconds / max(articles, 1), 2),
        "articles_per_s": round(articles / max(seconds, 1e-9), 1),
        "x_peer_time": round(seconds / peer, 2) if peer else None,
    }


class _CpuTimed:
    """An iterator that adds up the CPU time spent producing its items (its own stage's
    and every stage upstream of it)."""

    def __init__(self, inner: Iterator[Record], upstream: _CpuTimed | None) -> None:
        self.inner = inner
        self.upstream = upstream
        self.total = 0.0

    def __iter__(self) -> _CpuTimed:
        return self

    def __next__(self) -> Record:
        started = time.process_time()
        try:
            return next(self.inner)
        finally:
            self.total += time.process_time() - started

    @property
    def own(self) -> float:
        return self.total - (self.upstream.total if self.upstream else 0.0)


def run(n: int) -> list[dict[str, Any]]:
    model = nlp.load()
    nlp.parser()
    warm_up = [
        RawDocument(f"<warm {i}>", None, a.text, "text") for i, a in enumerate(generate(20, seed=1))
    ]
    _ = list(
        run_pipeline(
            iter(warm_up), build_pipeline(PER_ARTICLE), RunContext(config=Settings().as_dict())
        )[0]
    )
    documents = [
        RawDocument(f"<bench {i}>", None, a.text, "text") for i, a in enumerate(generate(n))
    ]
    ctx = RunContext(config=Settings().as_dict())
    parse_stats = getattr(nlp, "PARSE_STATS", None)  # absent before the shared cache
    parse_before = parse_stats.seconds if parse_stats else 0.0
    ner_before = ner.STATS.seconds
    current = _CpuTimed(iter(list[Record](documents)), None)
    timers: dict[str, _CpuTimed] = {}
    for stage in build_pipeline(PER_ARTICLE):  # chained, as an ingest worker runs them
        current = _CpuTimed(iter(stage.run(current, ctx)), current)
        timers[stage.name] = current
    records = list(current)
    stage_seconds = {name: timer.own for name, timer in timers.items()}
    texts = [r.text for r in records if isinstance(r, Article)]
    pipeline = sum(stage_seconds.values())
    count = len(texts)

    peer = 0.0
    if model is not None:
        started = time.process_time()
        with nlp.one_blas_thread():  # as newsprism runs the same pipeline
            for _ in model.pipe(texts, batch_size=ner.BATCH_SIZE):
                pass
        peer = time.process_time() - started
    rows = [
        _row("per-article pipeline", count, pipeline, peer),
        _row("peer: spaCy nlp.pipe NER, whole texts", count, peer, peer),
    ]
    rows += [_row(f"  stage {name}", count, seconds) for name, seconds in stage_seconds.items()]
    if parse_stats:
        rows.append(_row("  of which spaCy parse", count, parse_stats.seconds - parse_before))
    rows.append(_row("  of which spaCy NER (windows)", count, ner.STATS.seconds - ner_before))
    return rows


def format_table(rows: Sequence[dict[str, Any]]) -> str:
    header = f"{'path':<40}{'articles':>9}{'CPU s':>8}{'ms/art':>8}{'art/s':>8}{'x peer':>8}"
    lines = [header, "-" * len(header)]
    for r in rows:
        times = f"{r['x_peer_time']:.2f}" if r["x_peer_time"] else ""
        lines.append(
            f"{r['path']:<40}{r['articles']:>9}{r['cpu_s']:>8.2f}{r['ms_per_article']:>8.2f}"
            f"{r['articles_per_s']:>8.0f}{times:>8}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    common.main(__doc__, run, format_table, 1000, argv)


if __name__ == "__main__":
    main()
