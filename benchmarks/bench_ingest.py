"""Ingest + clean throughput on one core, for text and HTML, beside bare trafilatura.

    python -m benchmarks.bench_ingest [--n 10000] [--json]

Everything runs in this one process and thread, on the same generated articles: our text
path (extract, clean, metadata, corpus_boilerplate), our HTML path (the same stages,
trafilatura inside) and bare ``trafilatura.extract`` on the same HTML pages.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks import common
from benchmarks.common import throughput_row
from benchmarks.corpus import generate
from newsprism.api import iter_articles
from newsprism.model import Article, RawDocument

TEXT_TARGET_PER_SECOND = 1000.0
# The spine: what "ingest + clean" means here (later analysis stages have their own rows).
INGEST_STAGES = ("extract", "clean", "metadata", "corpus_boilerplate")
HTML_TARGET_RATIO = 1.3


def _measure(
    name: str, items: Sequence[str], run: Callable[[Sequence[str]], int]
) -> dict[str, Any]:
    started = time.perf_counter()
    produced = run(items)
    return throughput_row(name, items, produced, time.perf_counter() - started)


def _ours(fmt: str) -> Callable[[Sequence[str]], int]:
    def run(items: Sequence[str]) -> int:
        documents = (RawDocument(f"<bench {i}>", None, t, fmt) for i, t in enumerate(items))  # type: ignore[arg-type]
        return sum(
            1 for r in iter_articles(documents, stages=INGEST_STAGES) if isinstance(r, Article)
        )

    return run


def _bare_trafilatura(items: Sequence[str]) -> int:
    from trafilatura import extract

    return sum(1 for html in items if extract(html, include_comments=False))


AEB_PAGES = (
    Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "aeb" / "aeb.jsonl.gz"
)


def real_pages() -> list[str]:
    """The 181 real pages of the aeb set, when ../shared is beside the checkout."""
    if not AEB_PAGES.is_file():
        return []
    with gzip.open(AEB_PAGES, "rt", encoding="utf-8") as handle:
        return [json.loads(line)["html"] for line in handle]


CHUNK = 250


def _compare(label: str, pages: Sequence[str]) -> list[dict[str, Any]]:
    """Our HTML path beside bare trafilatura, timed in alternating chunks of the same pages
    so that drift in the machine's speed falls on both alike."""
    ours_run, bare_run = _ours("html"), _bare_trafilatura
    times = {"ours": 0.0, "bare": 0.0}
    produced = {"ours": 0, "bare": 0}
    for start in range(0, len(pages), CHUNK):
        chunk = pages[start : start + CHUNK]
        for name, runner in (("ours", ours_run), ("bare", bare_run)):
            began = time.perf_counter()
            produced[name] += runner(chunk)
            times[name] += time.perf_counter() - began
    rows = []
    for name, path in (("ours", f"{label}: newsprism"), ("bare", f"{label}: bare trafilatura")):
        row = throughput_row(path, pages, produced[name], times[name])
        row["time_vs_trafilatura"] = round(times[name] / times["bare"], 2)
        rows.append(row)
    return rows


def run(n: int) -> list[dict[str, Any]]:
    articles = list(generate(n))
    texts = [a.text for a in articles]
    pages = [a.html for a in articles]
    _ours("text")(texts[:5])  # load the language model etc. before timing
    _bare_trafilatura(pages[:5])
    text_row = _measure("text: newsprism", texts, _ours("text"))
    text_row["time_vs_trafilatura"] = None
    rows = [text_row, *_compare("html", pages)]
    real = real_pages()
    if real:
        rows += _compare("real html", real)
    return rows


def format_table(rows: list[dict[str, Any]]) -> str:
    header = f"{'path':<26}{'articles':>9}{'MB':>8}{'s':>8}{'art/s':>9}{'MB/s':>7}{'× traf.':>9}"
    lines = [header, "-" * len(header)]
    for r in rows:
        ratio = "" if r["time_vs_trafilatura"] is None else f"{r['time_vs_trafilatura']:.2f}"
        lines.append(
            f"{r['path']:<26}{r['articles']:>9}{r['mb']:>8.1f}{r['seconds']:>8.1f}"
            f"{r['articles_per_s']:>9.0f}{r['mb_per_s']:>7.2f}{ratio:>9}"
        )
    text_rate = rows[0]["articles_per_s"]
    html_ratio = rows[1]["time_vs_trafilatura"]
    lines.append(
        f"targets: text >= {TEXT_TARGET_PER_SECOND:.0f} articles/s/core "
        f"({'met' if text_rate >= TEXT_TARGET_PER_SECOND else 'MISSED'}: {text_rate:.0f}); "
        f"HTML <= {HTML_TARGET_RATIO}x bare trafilatura "
        f"({'met' if html_ratio <= HTML_TARGET_RATIO else 'MISSED'}: {html_ratio:.2f}x)"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    common.main(__doc__, run, format_table, 10_000, argv)


if __name__ == "__main__":
    main()
