"""Conflicts reported on real, unlabelled coverage: the false-alarm review.

No public set labels disagreements between outlets, and our own labelled set is written
with the rules in view. This runs the whole pipeline on real political coverage (the
PolNeAR articles in ``../shared/datasets/polnear/``), a month of articles at a time (many
stories, many outlets, like a monitoring desk's day), counts the conflicts of each kind
and prints each value conflict with its two sentences, for a person to judge.

    python -m benchmarks.conflicts_real [--data DIR] [--limit N] [--show 40] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "polnear"
_MONTH = re.compile(r"_(\d{4}-\d\d)-\d\d_")


def _articles(data: Path, limit: int | None) -> dict[str, list[dict[str, Any]]]:
    by_month: dict[str, list[dict[str, Any]]] = defaultdict(list)
    count = 0
    for name in ("train.jsonl.gz", "dev.jsonl.gz"):
        path = data / name
        if not path.is_file():
            continue
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                month = _MONTH.search(record["id"])
                by_month[month.group(1) if month else "undated"].append(record)
                count += 1
                if limit and count >= limit:
                    return by_month
    return by_month


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[left:right].split())


def run(
    data: Path, limit: int | None, kinds_shown: frozenset[str] = frozenset({"value"})
) -> dict[str, Any]:
    from newsprism.api import analyze
    from newsprism.config import load_settings

    # Stage options from the environment (NEWSPRISM_STAGES__CLAIMS__SUBJECT_MIN_SIMILARITY=.7).
    settings = load_settings()

    months = _articles(data, limit)
    if not months:
        raise SystemExit(f"no PolNeAR articles under {data}; pass --data DIR")
    kinds: Counter[str] = Counter()
    shown: list[dict[str, Any]] = []
    articles = 0
    started = time.perf_counter()
    for month, records in sorted(months.items()):
        texts = [record["text"] for record in records]
        dossier = analyze(texts, settings=settings).data
        articles += len(records)
        text_of = {a["id"]: a["text"] for a in dossier["articles"]}
        story_of = {a: s["id"] for s in dossier.get("stories", []) for a in s["articles"]}
        for conflict in dossier["conflicts"]:
            kinds[conflict["kind"]] += 1
            if conflict["kind"] not in kinds_shown:
                continue
            values = []
            for value in conflict["values"]:
                evidence = value["evidence"][0]
                text = text_of.get(evidence["article"], "")
                values.append(
                    {
                        "value": value["value"],
                        "sentence": _sentence(text, evidence["start"], evidence["end"]),
                    }
                )
            stories = {
                story_of.get(a, a) for value in conflict["values"] for a in value["articles"]
            }
            shown.append(
                {
                    "month": month,
                    "kind": conflict["kind"],
                    "what": conflict.get("what"),
                    "one_story": len(stories) == 1,
                    "values": values,
                }
            )
    return {
        "articles": articles,
        "months": len(months),
        "seconds": round(time.perf_counter() - started, 1),
        "conflicts": dict(kinds),
        "shown": shown,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="articles to read at most")
    parser.add_argument("--show", type=int, default=40, help="value conflicts to print")
    parser.add_argument(
        "--kinds", default="value", help="conflict kinds to print (value,name,internal,...)"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.data, args.limit, frozenset(args.kinds.split(",")))
    if args.json:
        json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
        return
    print(
        f"{result['articles']} articles in {result['months']} months, {result['seconds']} s; "
        f"conflicts by kind: {result['conflicts']}"
    )
    for item in result["shown"][: args.show]:
        where = "one story" if item["one_story"] else "several stories"
        print(f"\n[{item['month']}, {item['kind']}, {where}] {item['what']}")
        for value in item["values"]:
            print(f"  {value['value']!s:>14}  {value['sentence'][:220]}")


if __name__ == "__main__":
    main()
