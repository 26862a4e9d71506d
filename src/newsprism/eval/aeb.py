"""Evaluation set "aeb": HTML -> article body on the article-extraction benchmark.

Runs our pipeline (extract + clean + metadata) and bare trafilatura on the same pages in
the same run, scored with the benchmark's own measure (see metrics.py).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsprism.eval.data import read_jsonl_gz
from newsprism.eval.metrics import evaluate

DATA_FILE = "aeb.jsonl.gz"


def load(data_dir: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    return read_jsonl_gz(data_dir / DATA_FILE, limit)


def bare_trafilatura(html: str, url: str | None) -> str:
    from trafilatura import extract

    return extract(html, include_comments=False) or ""


def run(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    from newsprism.api import extract_text

    pages = list(load(data_dir, limit))
    truths = [page["body"] for page in pages]

    def ours(html: str, url: str | None) -> str:
        return extract_text(html, format="html", url=url)

    systems = {"ours": ours, "trafilatura": bare_trafilatura}
    results: dict[str, Any] = {}
    for name, system in systems.items():
        started = time.perf_counter()
        predictions: list[str] = []
        failures = 0
        for page in pages:
            try:
                predictions.append(system(page["html"], page.get("url")))
            except Exception:  # a crash on one page scores as an empty prediction
                failures += 1
                predictions.append("")
        seconds = time.perf_counter() - started
        results[name] = {
            **evaluate(truths, predictions),
            "seconds": round(seconds, 2),
            "empty": sum(1 for p in predictions if not p.strip()),
            "failures": failures,
        }
    return {
        "n": len(pages),
        "ours": results["ours"],
        "baselines": {"trafilatura": results["trafilatura"]},
    }
