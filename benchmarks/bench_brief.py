"""The story brief on real coverage: ECB+ (one batch per topic), each brief's agreed
statements must be carried by at least two independent sources and none may sit on a
side of a conflict the dossier reports. ``--tune`` measures the same-fact threshold on
sentence pairs instead (positive: the two sentences share an annotated event and a
participant, both annotated), on train and dev.

    PYTHONPATH=src python benchmarks/bench_brief.py [--split train|dev|both] [--topics N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsprism.brief.units import content_words
from newsprism.brief.validate import brief_problems
from newsprism.eval.data import read_jsonl_gz

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "ecbplus"


def _topics(split: str) -> dict[int, list[dict[str, Any]]]:
    by_topic: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for doc in read_jsonl_gz(DATA / f"{split}.jsonl.gz"):
        by_topic[doc["topic"]].append(doc)
    return dict(sorted(by_topic.items()))


def _overlaps(e: dict[str, Any], spans: dict[str, list[tuple[int, int]]]) -> bool:
    return any(a < e["end"] and e["start"] < b for a, b in spans.get(e["article"], ()))


def run_topic(docs: list[dict[str, Any]]) -> dict[str, Any]:
    from newsprism.api import analyze

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for number, doc in enumerate(docs):
            path = Path(tmp) / f"{number:06d}.jsonl"
            path.write_text(json.dumps({"text": doc["text"]}) + "\n", encoding="utf-8")
            paths.append(path)
        data = json.loads(analyze(paths).to_json())
    conflicted: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for conflict in data["conflicts"]:
        for value in conflict["values"]:
            for e in value.get("evidence") or []:
                conflicted[e["article"]].append((e["start"], e["end"]))
    multi = [s for s in data["stories"] if len({a for a in s["articles"]}) >= 2]
    agreed = [st for s in multi for st in s["brief"]["agreed"]]
    return {
        "stories": len(multi),
        "briefs_with_agreed": sum(1 for s in multi if s["brief"]["agreed"]),
        # the range for a story told by several articles: 3 to 12 statements
        "briefs_3_to_12": sum(1 for s in multi if 3 <= len(s["brief"]["agreed"]) <= 12),
        "agreed": len(agreed),
        "two_sources": sum(1 for st in agreed if st["independent_sources"] >= 2),
        "on_conflict": sum(
            1 for st in agreed if any(_overlaps(e, conflicted) for e in st["evidence"])
        ),
        "invalid": len(brief_problems(data)),
    }


def bench(split: str, limit: int | None) -> dict[str, Any]:
    totals: dict[str, int] = defaultdict(int)
    for _, docs in itertools.islice(_topics(split).items(), limit):
        for key, value in run_topic(docs).items():
            totals[key] += value
    agreed = totals["agreed"] or 1
    return {
        "split": split,
        **totals,
        "share_two_sources": round(totals["two_sources"] / agreed, 3),
        "share_on_conflict": round(totals["on_conflict"] / agreed, 3),
    }


def tune(split: str, containment: float, min_shared: int) -> dict[str, Any]:
    """Precision and recall of the same-fact test on annotated sentence pairs of a topic."""
    selected = correct = positives = 0
    for docs in _topics(split).values():
        units = []
        for doc in docs:
            for s in doc["sentences"]:
                chains = {
                    m["cross_doc_chain"]: m["tag"]
                    for m in doc["mentions"]
                    if m["sentence"] == s["n"] and m["cross_doc_chain"]
                }
                events = {c for c, t in chains.items() if t.startswith("ACTION")}
                others = set(chains) - events
                words = content_words(doc["text"][s["start"] : s["end"]])
                if len(words) >= 5 and events:
                    units.append((doc["id"], doc["subtopic"], events, others, words))
        for u, v in itertools.combinations(units, 2):
            if u[0] == v[0]:
                continue
            same = u[1] == v[1] and bool(u[2] & v[2]) and bool(u[3] & v[3])
            shared = len(u[4] & v[4])
            positives += same and shared >= 3
            if shared >= min_shared and shared / min(len(u[4]), len(v[4])) >= containment:
                selected += 1
                correct += same
    return {
        "split": split,
        "containment": containment,
        "min_shared": min_shared,
        "pairs_selected": selected,
        "precision": round(correct / max(1, selected), 3),
        "recall": round(correct / max(1, positives), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", default="both", choices=("train", "dev", "both"))
    parser.add_argument("--topics", type=int, default=None, help="topics per split at most")
    parser.add_argument("--tune", action="store_true", help="measure the same-fact threshold")
    args = parser.parse_args()
    if not DATA.is_dir():
        raise SystemExit(f"ECB+ is not at {DATA} (../shared is absent)")
    splits = ("train", "dev") if args.split == "both" else (args.split,)
    if args.tune:
        rows = [tune(s, c, k) for s in splits for c, k in ((0.5, 5), (0.6, 5), (0.4, 4))]
    else:
        rows = [bench(s, args.topics) for s in splits]
    keys = list(rows[0])
    print(" | ".join(keys))
    for row in rows:
        print(" | ".join(str(row[k]) for k in keys))


if __name__ == "__main__":
    main()
