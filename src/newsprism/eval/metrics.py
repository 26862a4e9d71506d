"""The article-extraction benchmark's measure (word 4-gram shingles), as pure functions.

Re-implemented from the description in ../shared/datasets/aeb/README.md: shingles counted
with multiplicity, per-document TP/FP/FN normalised so each page weighs the same, precision
and recall averaged over documents, F1 the harmonic mean of the two averages.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True, slots=True)
class DocScore:
    tp: float
    fp: float
    fn: float
    exact: bool


def score_document(truth: str, prediction: str) -> DocScore:
    true_counts, pred_counts = shingles(truth), shingles(prediction)
    tp = sum((true_counts & pred_counts).values())
    fp = sum((pred_counts - true_counts).values())
    fn = sum((true_counts - pred_counts).values())
    total = tp + fp + fn
    exact = _TOKEN.findall(truth or "") == _TOKEN.findall(prediction or "")
    if total == 0:
        return DocScore(0.0, 0.0, 0.0, exact)
    return DocScore(tp / total, fp / total, fn / total, exact)


def _aggregate(scores: Sequence[DocScore]) -> tuple[float, float, float, float]:
    precisions = [(1.0 if s.fp == 0 else s.tp / (s.tp + s.fp)) for s in scores if s.tp + s.fp > 0]
    recalls = [(1.0 if s.fn == 0 else s.tp / (s.tp + s.fn)) for s in scores if s.tp + s.fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(s.exact for s in scores) / len(scores) if scores else 0.0
    return precision, recall, f1, accuracy


def evaluate(
    truths: Sequence[str], predictions: Sequence[str], bootstrap: int = 1000, seed: int = 0
) -> dict[str, float]:
    scores = [score_document(t, p) for t, p in zip(truths, predictions, strict=True)]
    precision, recall, f1, accuracy = _aggregate(scores)
    rng = random.Random(seed)
    f1s: list[float] = []
    for _ in range(bootstrap if scores else 0):
        sample = [scores[rng.randrange(len(scores))] for _ in scores]
        f1s.append(_aggregate(sample)[2])
    mean = sum(f1s) / len(f1s) if f1s else 0.0
    std = (sum((x - mean) ** 2 for x in f1s) / len(f1s)) ** 0.5 if f1s else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "f1_std": round(std, 4),
        "accuracy": round(accuracy, 4),
    }
