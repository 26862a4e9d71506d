"""Seconds and articles/s of every stage of the full pipeline on one core.

    python -m benchmarks.bench_stages [--n 3000] [--json]

Each stage's own time (not its upstream's) comes from the pipeline's timers. The batch-wide
stages (relate, spin, entities, claims) see the whole batch, so their cost grows with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from benchmarks import common
from benchmarks.corpus import generate
from newsprism.config import Settings
from newsprism.model import RawDocument
from newsprism.pipeline import DEFAULT_STAGES, build_pipeline, run_pipeline
from newsprism.stages.base import RunContext


def run(n: int) -> list[dict[str, Any]]:
    documents = [
        RawDocument(f"<bench {i}>", None, a.text, "text") for i, a in enumerate(generate(n))
    ]
    ctx = RunContext(config=Settings().as_dict())
    output, timers = run_pipeline(iter(documents), build_pipeline(DEFAULT_STAGES), ctx)
    produced = sum(1 for _ in output)
    rows = []
    for name, timer in timers.items():
        if name == "ingest":
            continue
        seconds = max(timer.own, 1e-9)
        rows.append(
            {
                "stage": name,
                "articles": produced,
                "seconds": round(seconds, 2),
                "articles_per_s": round(produced / seconds, 1),
            }
        )
    return rows


def format_table(rows: Sequence[dict[str, Any]]) -> str:
    lines = [f"{'stage':<20}{'articles':>9}{'s':>8}{'articles/s':>12}", "-" * 49]
    lines += [
        f"{r['stage']:<20}{r['articles']:>9}{r['seconds']:>8.2f}{r['articles_per_s']:>12.0f}"
        for r in rows
    ]
    total = sum(r["seconds"] for r in rows)
    count = rows[0]["articles"]
    lines.append(f"{'all stages':<20}{count:>9}{total:>8.2f}{count / total:>12.0f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    common.main(__doc__, run, format_table, 3000, argv)


if __name__ == "__main__":
    main()
