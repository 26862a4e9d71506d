"""Fit the count-unit modifier model of ``newsprism.claims.count_units`` on NewsQuant (by hand).

    python -m newsprism.eval.train_count_units --data ../shared/datasets/newsquant [--write]

What a count counts is the noun its number modifies, and the words written between them
may or may not be part of it: the set keeps "best wireless speakers" and "league goals"
whole but counts "stations" of "charging stations". Which modifiers belong is learnt here
instead of written as rules. Every gold quantity of the set's dev file whose
``normalized_unit`` is a count's noun phrase (not a lexicon unit) and whose counted noun the
parse finds (``count_units.counted_head``, on the same lemmatized parse as at run time)
gives one row per candidate modifier (``count_units.modifier_candidates``): label "kept"
when the modifier's lemma or form is a word of the gold unit. Features are syntax only
(``count_units.modifier_features``: word class, side of the figure, capitals), never a
word. A logistic regression (scikit-learn, L2) is fitted on the tune folds only
(``newsquant.unit_fold`` 0 and 1, a hash of the sentence id unrelated to the two halves);
fold 2 is never read here and is the untouched figure ``newsprism eval newsquant`` reports.
Weights are written as plain constants to ``claims/count_unit_weights.json``;
deterministic. scikit-learn is a dev dependency: never used at run time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from newsprism.claims import count_units
from newsprism.eval.data import read_jsonl_plain
from newsprism.eval.newsquant import UNTOUCHED_FOLD, unit_fold

# Chosen by 5-fold cross-validation on the tune folds (C in .3, 1, 3): accuracy .79 against
# .75 for keeping every modifier.
STRENGTH = 3.0
MIN_FEATURE_COUNT = 2
WEIGHTS_FILE = Path(__file__).resolve().parent.parent / "claims" / "count_unit_weights.json"


def _number_end(doc: Any, quantity: dict[str, Any]) -> int:
    """Where the number of a gold span ends: the span takes in a unit that touches the
    number ("13000 workers"), the run-time figure does not."""
    start, end = quantity["start"], quantity["end"]
    numbers = [t for t in doc if start <= t.idx < end and (t.like_num or t.pos_ == "NUM")]
    return numbers[-1].idx + len(numbers[-1]) if numbers else int(end)


def examples(sentences: list[dict[str, Any]]) -> list[tuple[list[str], bool]]:
    """(features, kept) for each candidate modifier of each gold count in ``sentences``."""
    rows: list[tuple[list[str], bool]] = []
    for sentence in sentences:
        counts = [
            q
            for q in sentence["quantities"]
            if q.get("start") is not None
            and q["normalized_unit"] not in ("-", "")
            and count_units.is_count_unit(q["normalized_unit"].lower())
        ]
        if not counts:
            continue
        doc = count_units.lemmatized(count_units.parse(sentence["text"]))
        if doc is None:
            continue
        for quantity in counts:
            gold = set(quantity["normalized_unit"].lower().replace("-", " ").split())
            head = count_units.counted_head(doc, quantity["start"], _number_end(doc, quantity))
            if head is None:
                continue
            noun, after, number = head
            if not {noun.lower_, noun.lemma_.lower()} & gold:
                continue  # the gold counts another noun: no modifier label to learn
            for word in count_units.modifier_candidates(noun, after, number):
                if not word.is_alpha or word.dep_ == "cc":
                    continue  # hyphens and conjunctions follow the words around them
                kept = bool({word.lower_, word.lemma_.lower()} & gold)
                rows.append((count_units.modifier_features(word, noun, number), kept))
    return rows


def fit(rows: list[tuple[list[str], bool]]) -> dict[str, Any]:
    from collections import Counter

    import numpy as np
    from sklearn.linear_model import LogisticRegression

    seen = Counter(f for features, _ in rows for f in features)
    vocabulary = sorted(f for f, n in seen.items() if n >= MIN_FEATURE_COUNT)
    index = {f: i for i, f in enumerate(vocabulary)}
    x = np.zeros((len(rows), len(vocabulary)))
    for r, (features, _) in enumerate(rows):
        for f in features:
            if f in index:
                x[r, index[f]] = 1.0
    y = np.array([kept for _, kept in rows])
    model = LogisticRegression(C=STRENGTH, max_iter=1000).fit(x, y)
    weights = {
        f: round(float(w), 4)
        for f, w in zip(vocabulary, model.coef_[0], strict=True)
        if abs(w) >= 0.01
    }
    return {"bias": round(float(model.intercept_[0]), 4), "weights": weights}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    sentences = list(read_jsonl_plain(args.data / "dev.jsonl", None))
    tune = [s for s in sentences if unit_fold(str(s["id"])) != UNTOUCHED_FOLD]
    rows = examples(tune)
    model = fit(rows)
    kept = sum(k for _, k in rows)
    print(f"{len(tune)} tune sentences, {len(rows)} modifiers ({kept} kept in gold)")
    bias, weights = model["bias"], model["weights"]
    correct = sum(
        (bias + sum(weights.get(f, 0.0) for f in features) > 0) == k for features, k in rows
    )
    print(
        f"training accuracy {correct / max(1, len(rows)):.3f};"
        f" keep-all {kept / max(1, len(rows)):.3f}"
    )
    if args.write:
        data = {
            "about": "Weights of the count-unit modifier model (claims/count_units.py), written "
            "by `python -m newsprism.eval.train_count_units --write` from the NewsQuant dev "
            "file's tune folds only (logistic regression). Do not edit by hand.",
            **model,
        }
        WEIGHTS_FILE.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", "utf-8")
        print(f"wrote {WEIGHTS_FILE}")
    else:
        json.dump(model, sys.stdout, indent=1)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
