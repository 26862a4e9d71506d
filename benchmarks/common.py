"""What every benchmark script shares: its command line and its throughput rows."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from typing import Any


def throughput_row(
    path: str, items: Sequence[str], produced: int, seconds: float
) -> dict[str, Any]:
    megabytes = sum(len(i.encode("utf-8")) for i in items) / 1e6
    return {
        "path": path,
        "articles": len(items),
        "produced": produced,
        "mb": round(megabytes, 2),
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(items) / seconds, 1),
        "mb_per_s": round(megabytes / seconds, 2),
    }


def main(
    doc: str | None,
    run: Callable[[int], list[dict[str, Any]]],
    format_table: Callable[[list[dict[str, Any]]], str],
    default_n: int,
    argv: Sequence[str] | None = None,
) -> None:
    """``--n`` articles, a table for people or ``--json`` for machines."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=default_n, help="articles to generate")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    rows = run(args.n)
    print(json.dumps(rows, indent=2) if args.json else format_table(rows))
