"""Claims and conflicts throughput on one core, beside quantulum3's quantity parser.

    python -m benchmarks.bench_claims [--n 2000] [--json]

The generated articles are cleaned first (extract, clean, metadata and the entities stage,
whose people the claims stage reads; none of it timed). Then, in this one process and
thread, on the same article texts:

* newsprism claims stage: what the pipeline's "claims" stage computes: quantities and event
  dates in every sentence, claim groups and value/attribute conflicts, name and title
  conflicts (without "relate" results, so every article counts as its own source);
* newsprism quantities only: ``api.quantities`` on each article's text;
* quantulum3 parser only: ``quantulum3.parser.parse`` on each article's text.

The two quantity parsers are timed in alternating chunks of 250 articles so that drift in
the machine's speed falls on both alike. When quantulum3 is not installed, or fails to
import (offline, a missing model), its row says so and only our parsers are timed.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Sequence
from typing import Any

from benchmarks import common
from benchmarks.common import throughput_row
from benchmarks.corpus import generate
from newsprism.api import iter_articles, quantities
from newsprism.model import Article, RawDocument
from newsprism.pipeline import DEFAULT_STAGES
from newsprism.stages.base import RunContext, registered

CLEAN_STAGES = DEFAULT_STAGES[: DEFAULT_STAGES.index("metadata") + 1]
CHUNK = 250


def _articles(n: int) -> list[Article]:
    documents = (
        RawDocument(f"<bench {i}>", None, a.text, "text") for i, a in enumerate(generate(n))
    )
    return [r for r in iter_articles(documents, stages=CLEAN_STAGES) if isinstance(r, Article)]


def _claims_stage(articles: list[Article]) -> tuple[float, int, int]:
    """Seconds of the claims stage on ``articles`` (entities computed first, untimed), and
    how many claims and conflicts it found."""
    stages = registered()
    entities, claims = stages["entities"](), stages["claims"]()
    ctx = RunContext()
    ctx.results["entities"] = entities.compute(articles, ctx)
    started = time.perf_counter()
    for _ in stages["article_claims"]().run(articles, ctx):
        pass
    result = claims.compute(articles, ctx)
    return time.perf_counter() - started, len(result["claims"]), len(result["conflicts"])


def _ours(texts: Sequence[str]) -> int:
    return sum(len(quantities(text)) for text in texts)


def _quantulum() -> tuple[Callable[[Sequence[str]], int] | None, str]:
    """quantulum3's parser, or None and why it cannot run."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "classifier dependencies not installed"
            from quantulum3 import parser
    except Exception as exc:  # ImportError, or a model it cannot load offline
        return None, f"quantulum3 unavailable ({type(exc).__name__}: {exc})"

    def run(texts: Sequence[str]) -> int:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return sum(len(parser.parse(text)) for text in texts)

    return run, ""


def _row(
    path: str, texts: Sequence[str], found: int, seconds: float, note: str = ""
) -> dict[str, Any]:
    row = throughput_row(path, texts, found, seconds)
    row["found"] = row.pop("produced")
    row["note"] = note
    return row


def run(n: int) -> list[dict[str, Any]]:
    articles = _articles(n)
    texts = [a.text for a in articles]
    seconds, claims, conflicts = _claims_stage(articles)
    rows = [
        _row(
            "newsprism claims stage",
            texts,
            claims,
            seconds,
            f"{claims} claims, {conflicts} conflicts",
        )
    ]
    peer, why = _quantulum()
    parsers: dict[str, Callable[[Sequence[str]], int]] = {"ours": _ours}
    if peer is not None:
        peer(texts[:2])  # load its unit tables before timing
        parsers["quantulum3"] = peer
    _ours(texts[:2])
    times = dict.fromkeys(parsers, 0.0)
    found = dict.fromkeys(parsers, 0)
    for start in range(0, len(texts), CHUNK):
        chunk = texts[start : start + CHUNK]
        for name, parse in parsers.items():
            began = time.perf_counter()
            found[name] += parse(chunk)
            times[name] += time.perf_counter() - began
    rows.append(
        _row("newsprism quantities only", texts, found["ours"], times["ours"], "api.quantities")
    )
    if peer is None:
        rows.append({**_row("quantulum3 parser only", texts, 0, 1.0, why), "seconds": None})
    else:
        rows.append(
            _row(
                "quantulum3 parser only",
                texts,
                found["quantulum3"],
                times["quantulum3"],
                "parser.parse",
            )
        )
    return rows


def format_table(rows: list[dict[str, Any]]) -> str:
    header = f"{'path':<28}{'articles':>9}{'MB':>7}{'s':>9}{'articles/s':>12}{'found':>9}  note"
    lines = [header, "-" * (len(header) + 20)]
    for r in rows:
        if r["seconds"] is None:
            lines.append(
                f"{r['path']:<28}{r['articles']:>9}{r['mb']:>7.1f}{'-':>9}{'-':>12}"
                f"{'-':>9}  {r['note']}"
            )
            continue
        lines.append(
            f"{r['path']:<28}{r['articles']:>9}{r['mb']:>7.1f}{r['seconds']:>9.2f}"
            f"{r['articles_per_s']:>12.1f}{r['found']:>9}  {r['note']}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    common.main(__doc__, run, format_table, 2000, argv)


if __name__ == "__main__":
    main()
