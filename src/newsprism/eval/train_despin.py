"""Fit the swap model of ``newsprism.spin.restore`` on the tune half of ``eval despin``.

    python -m newsprism.eval.train_despin --data ../shared/datasets/meter [--write]

The tune half's texts (``eval.despin.split_of``) are spun by ``eval.despin.spin_text`` as
the evaluation spins them; every neighbour ``restore.swap_candidates`` measures is an
example, positive when its span is a swapped span and it is the word that was there. One
logistic regression over ``restore.FEATURES`` and their pairwise products (standardised,
L2 ``L2``, Newton steps; numpy only) gives the weights, folded back to raw features and
written as plain constants to ``spin/swap_weights.json``, with ``min_gain``: the least
log-odds at which the restorations (best neighbour per span, overlaps resolved as
``restore_spun`` does) still reach ``PRECISION`` on tune. The untouched half is never read.
Deterministic: the same data gives the same weights.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.eval.despin import SEED, load_texts, spin_text, split_of
from newsprism.spin.restore import MAX_OWN_PAIRS, expand, expanded_names, swap_candidates
from newsprism.text.lexicon import STOPWORDS
from newsprism.text.thesaurus import Thesaurus, WordPairModel, packaged_word_pairs, wordnet

L2 = 1e-6
PRECISION = 0.85
WEIGHTS_FILE = Path(__file__).resolve().parents[1] / "spin" / "swap_weights.json"


def examples(
    texts: list[tuple[str, str]], thesaurus: Thesaurus, model: WordPairModel
) -> dict[str, Any]:
    """Feature rows, labels, and per span (text index, start, end, own pairs, first row)."""
    rows: list[tuple[float, ...]] = []
    labels: list[int] = []
    spans: list[tuple[int, int, int, int, int]] = []
    swaps = 0
    for index, (group, text) in enumerate(texts):
        spun, gold_swaps = spin_text(text, thesaurus, random.Random(f"{SEED}:{group}:{index}"))
        gold = {(s, e): o.casefold() for s, e, o in gold_swaps}
        swaps += len(gold)
        for span in swap_candidates(spun, thesaurus, model, STOPWORDS):
            head = span[0]
            spans.append((index, head.start, head.end, head.own_pairs, len(rows)))
            for c in span:
                rows.append(c.features)
                labels.append(int(gold.get((c.start, c.end)) == c.form))
    return {
        "x": np.array(rows, dtype=float),
        "y": np.array(labels, dtype=float),
        "spans": spans,
        "swaps": swaps,
    }


def fit(data: dict[str, Any], l2: float = L2, precision: float = PRECISION) -> dict[str, Any]:
    x = expand(data["x"])
    y = data["y"]
    mean, scale = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) / len(z) + l2 * w
        hess = (z.T * (p * (1 - p))) @ z / len(z) + l2 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    raw = w[:-1] / scale
    bias = float(w[-1] - (w[:-1] * mean / scale).sum())
    curve = precision_curve(data, x @ raw + bias)
    least = curve[0][0] if curve else 0.0
    for odds, _recall, prec in curve:
        if prec >= precision:
            least = odds
    return {
        "features": list(expanded_names()),
        "weights": [round(float(v), 6) for v in raw],
        "bias": round(bias, 6),
        "min_gain": round(least, 4),
        "tune": {
            f"recall_at_precision_{p}": max((r for _o, r, q in curve if q >= p), default=0.0)
            for p in (0.75, 0.8, 0.85, 0.9)
        },
    }


def precision_curve(data: dict[str, Any], odds: Any) -> list[tuple[float, float, float]]:
    """(log-odds, recall, precision) of the restorations kept down to each log-odds."""
    y = data["y"]
    spans = data["spans"]
    ends = [s[4] for s in spans[1:]] + [len(y)]
    picks = []
    for (text, start, end, own_pairs, first), last in zip(spans, ends, strict=True):
        k = first + int(np.argmax(odds[first:last]))
        if own_pairs <= MAX_OWN_PAIRS:
            picks.append((float(odds[k]), int(y[k]), text, start, end))
    picks.sort(key=lambda p: (-p[0], p[3]))
    kept: dict[int, list[tuple[int, int]]] = {}
    curve: list[tuple[float, float, float]] = []
    right = total = 0
    for value, hit, text, start, end in picks:
        mine = kept.setdefault(text, [])
        if all(end <= a or start >= b for a, b in mine):
            mine.append((start, end))
            right += hit
            total += 1
            curve.append((value, right / data["swaps"], right / total))
    return curve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsprism.eval.train_despin")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    thesaurus, model = wordnet(), packaged_word_pairs()
    if thesaurus is None or model is None:
        print("the thesaurus (wn) or word-pair counts (symspellpy) are absent", file=sys.stderr)
        return 1
    tune = [t for t in load_texts(args.data) if split_of(t[0]) == "tune"]
    fitted = fit(examples(tune, thesaurus, model))
    print(json.dumps({"min_gain": fitted["min_gain"], "tune": fitted["tune"]}, indent=1))
    if args.write:
        WEIGHTS_FILE.write_text(json.dumps(fitted, indent=0) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
