"""Evaluation set "pan13": passage alignment on the PAN 2013 text-alignment training corpus.

Scored with the PAN measures as ../shared/datasets/pan13/README.md describes them:
character-level macro precision and recall over detections and cases, granularity, and
plagdet = F1 / log2(1 + granularity), overall and per obfuscation type.
"""

from __future__ import annotations

import gzip
import json
import math
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsprism.api import align
from newsprism.errors import NewsprismError
from newsprism.text.spans import covered_length

Span4 = tuple[int, int, int, int]  # susp_start, susp_end, src_start, src_end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _detects(r: Span4, s: Span4) -> bool:
    return _overlap((r[0], r[1]), (s[0], s[1])) > 0 and _overlap((r[2], r[3]), (s[2], s[3])) > 0


def _covered(span: tuple[int, int], others: Sequence[tuple[int, int]]) -> int:
    """Characters of ``span`` covered by the union of ``others``."""
    return covered_length(
        (max(a, span[0]), min(b, span[1])) for a, b in others if a < span[1] and b > span[0]
    )


def plagdet(pairs: Sequence[tuple[list[Span4], list[Span4]]]) -> dict[str, float]:
    """pairs: per document pair, (cases, detections)."""
    recalls: list[float] = []
    precisions: list[float] = []
    detections_per_case: list[int] = []
    n_cases = sum(len(c) for c, _ in pairs)
    n_dets = sum(len(d) for _, d in pairs)
    if n_cases == 0 and n_dets == 0:
        return {"precision": 1.0, "recall": 1.0, "granularity": 1.0, "plagdet": 1.0}
    if n_cases == 0 or n_dets == 0:
        return {"precision": 0.0, "recall": 0.0, "granularity": 1.0, "plagdet": 0.0}
    for cases, detections in pairs:
        for s in cases:
            hits = [r for r in detections if _detects(r, s)]
            length = (s[1] - s[0]) + (s[3] - s[2])
            covered = _covered((s[0], s[1]), [(r[0], r[1]) for r in hits]) + _covered(
                (s[2], s[3]), [(r[2], r[3]) for r in hits]
            )
            recalls.append(covered / length if length else 0.0)
            if hits:
                detections_per_case.append(len(hits))
        for r in detections:
            hits_s = [s for s in cases if _detects(r, s)]
            length = (r[1] - r[0]) + (r[3] - r[2])
            covered = _covered((r[0], r[1]), [(s[0], s[1]) for s in hits_s]) + _covered(
                (r[2], r[3]), [(s[2], s[3]) for s in hits_s]
            )
            precisions.append(covered / length if length else 0.0)
    recall = sum(recalls) / len(recalls)
    precision = sum(precisions) / len(precisions)
    granularity = (
        sum(detections_per_case) / len(detections_per_case) if detections_per_case else 1.0
    )
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "granularity": round(granularity, 4),
        "plagdet": round(f1 / math.log2(1 + granularity), 4),
    }


def load(data_dir: Path, limit: int | None = None) -> tuple[dict[str, str], list[dict[str, Any]]]:
    docs_path, pairs_path = data_dir / "docs.jsonl.gz", data_dir / "pairs.jsonl.gz"
    for path in (docs_path, pairs_path):
        if not path.is_file():
            raise NewsprismError(
                "E401", f"{path} not found; pass --data DIR holding the pan13 files"
            )
    with gzip.open(pairs_path, "rt", encoding="utf-8") as handle:
        pairs = [json.loads(line) for line in handle]
    if limit is not None:
        # Keep every obfuscation type represented: the first `limit` pairs of each.
        by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for pair in pairs:
            if len(by_type[pair["obfuscation"]]) < limit:
                by_type[pair["obfuscation"]].append(pair)
        pairs = [p for group in by_type.values() for p in group]
    needed = {p["suspicious"] for p in pairs} | {p["source"] for p in pairs}
    docs: dict[str, str] = {}
    with gzip.open(docs_path, "rt", encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if doc["id"] in needed:
                docs[doc["id"]] = doc["text"]
    return docs, pairs


def run(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    docs, pairs = load(data_dir, limit)
    started = time.perf_counter()
    scored: dict[str, list[tuple[list[Span4], list[Span4]]]] = defaultdict(list)
    for pair in pairs:
        detections = [
            (p.a_start, p.a_end, p.b_start, p.b_end)
            for p in align(docs[pair["suspicious"]], docs[pair["source"]])
        ]
        cases = [
            (c["susp_start"], c["susp_end"], c["src_start"], c["src_end"]) for c in pair["cases"]
        ]
        scored[pair["obfuscation"]].append((cases, detections))
    seconds = time.perf_counter() - started
    everything = [item for group in scored.values() for item in group]
    overall = plagdet(everything)
    by_type = {
        name: plagdet(group) for name, group in sorted(scored.items()) if name != "no-plagiarism"
    }
    return {
        "n": len(pairs),
        "ours": {
            "f1": overall["plagdet"],
            "plagdet": overall["plagdet"],
            "precision": overall["precision"],
            "recall": overall["recall"],
            "granularity": overall["granularity"],
            "f1_std": 0.0,
            "accuracy": 0.0,
            "seconds": round(seconds, 2),
            "pairs_per_second": round(len(pairs) / seconds, 1) if seconds else 0.0,
        },
        "by_obfuscation": by_type,
        "baselines": {},
    }
