"""Fit the derivation label model of ``newsprism.relate.reuse_model`` on METER (dev, by hand).

    python -m newsprism.eval.train_reuse --data ../shared/datasets/meter [--write]

Trained on the METER tune part only (``newsprism.eval.meter.part_of``): for each labelled
newspaper article, its pair with the story's PA text it takes most from (by share taken)
carries the journalists' label (the dossier reads an article's strongest relation; adding
a non-derived article's weaker pairs as independent lowered tune accuracy). Features are
those of ``reuse_model.features`` with the relate stage's default reuse thresholds. A
multinomial logistic regression (scikit-learn, standardised inputs; its strength chosen by
story-grouped cross-validated log-likelihood on tune) is written as plain constants to
``relate/reuse_weights.py``; the run prints paper-level accuracy on tune and on the
untouched part. Deterministic: the same data gives the same weights. scikit-learn is a dev
dependency: never used at run time.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.eval.meter import load, part_of
from newsprism.relate.reuse import derivation, prepare
from newsprism.relate.reuse_model import FEATURES, features
from newsprism.text.quoted import find_quotes

CLASSES = ("independent", "partially", "wholly")
TARGET = {
    "non_derived": "independent",
    "partially_derived": "partially",
    "wholly_derived": "wholly",
}
STRENGTHS = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
WEIGHTS_FILE = Path(__file__).resolve().parent.parent / "relate" / "reuse_weights.py"


def pair_rows(data_dir: Path) -> list[dict[str, Any]]:
    """One row per (labelled paper, PA text) pair: features, label, part, story, strongest."""
    docs, stories = load(data_dir, None)
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in docs.values():
        by_story[doc["story_id"]].append(doc)
    rows = []
    for story_id in stories:
        batch = by_story[story_id]
        wires = [(w, prepare(w["body"], _quotes(w["body"]))) for w in batch if w["role"] == "pa"]
        for paper in (d for d in batch if d["role"] == "newspaper" and d["classification"]):
            mine = prepare(paper["body"], _quotes(paper["body"]))
            pairs = []
            for _, theirs in wires:
                taken, given = derivation(mine, theirs), derivation(theirs, mine)
                pairs.append((taken.share, features(taken, given)))
            best = max(range(len(pairs)), key=lambda i: pairs[i][0]) if pairs else -1
            for index, (_, values) in enumerate(pairs):
                rows.append(
                    {
                        "x": values,
                        "label": TARGET[paper["classification"]],
                        "paper": paper["id"],
                        "story": story_id,
                        "part": part_of(story_id),
                        "strongest": index == best,
                    }
                )
    return rows


def _quotes(text: str) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in find_quotes(text)]


def training_set(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if r["part"] == "tune" and r["strongest"]]


def fit(rows: list[dict[str, Any]]) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    x = np.array([r["x"] for r in rows])
    y = np.array([r["label"] for r in rows])
    groups = np.array([r["story"] for r in rows])

    def model(strength: float) -> Any:
        return make_pipeline(StandardScaler(), LogisticRegression(C=strength, max_iter=2000))

    scores = {
        c: cross_val_score(
            model(c), x, y, groups=groups, cv=GroupKFold(5), scoring="neg_log_loss"
        ).mean()
        for c in STRENGTHS
    }
    strength = max(STRENGTHS, key=lambda c: (round(scores[c], 3), -c))
    rounded = {c: round(float(s), 3) for c, s in scores.items()}
    print("cross-validated log-likelihood by C:", rounded)
    return model(strength).fit(x, y), strength


def paper_accuracy(rows: list[dict[str, Any]], fitted: Any, part: str) -> dict[str, float]:
    """Paper-level: the strongest label over a paper's pairs (as the dossier reads it)."""
    order = {label: i for i, label in enumerate(CLASSES)}
    said: dict[str, str] = {}
    gold: dict[str, str] = {}
    for r in rows:
        if r["part"] != part:
            continue
        label = str(fitted.predict(np.array([r["x"]]))[0])
        gold[r["paper"]] = r["label"]
        if order[label] > order[said.get(r["paper"], "independent")]:
            said[r["paper"]] = label
        said.setdefault(r["paper"], "independent")
    right3 = sum(said[p] == g for p, g in gold.items())
    truth = {p: g != "independent" for p, g in gold.items()}
    guess = {p: said[p] != "independent" for p in gold}
    tp = sum(truth[p] and guess[p] for p in gold)
    f1 = 2 * tp / (sum(truth.values()) + sum(guess.values())) if gold else 0.0
    return {"n": len(gold), "accuracy_3": round(right3 / len(gold), 4), "f1": round(f1, 4)}


def weights_source(fitted: Any, strength: float) -> str:
    scaler, regression = fitted.steps[0][1], fitted.steps[1][1]
    classes = tuple(str(c) for c in regression.classes_)
    assert classes == CLASSES, classes

    def numbers(values: Any) -> str:
        return "(" + ", ".join(f"{float(v):.6f}" for v in values) + ",)"

    rows = ",\n    ".join(numbers(row) for row in regression.coef_)
    return (
        '"""Coefficients of the derivation label model (``reuse_model.py``), written by\n'
        "``python -m newsprism.eval.train_reuse --write`` from the METER tune part only\n"
        f"(multinomial logistic regression, C={strength}, inputs standardised by MEAN and\n"
        'SCALE). Do not edit by hand."""\n\n'
        f"FEATURES = {FEATURES!r}\n"
        f"CLASSES = {CLASSES!r}\n"
        f"MEAN = {numbers(scaler.mean_)}\n"
        f"SCALE = {numbers(scaler.scale_)}\n"
        f"COEF = (\n    {rows},\n)\n"
        f"INTERCEPT = {numbers(regression.intercept_)}\n"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--write", action="store_true", help="write relate/reuse_weights.py")
    given = parser.parse_args(argv)
    rows = pair_rows(given.data)
    fitted, strength = fit(training_set(rows))
    for part in ("tune", "untouched"):
        print(part, paper_accuracy(rows, fitted, part))
    source = weights_source(fitted, strength)
    if given.write:
        WEIGHTS_FILE.write_text(source, encoding="utf-8")
        # the house format (one number a line), so a rerun on the same data changes nothing
        subprocess.run([sys.executable, "-m", "ruff", "format", str(WEIGHTS_FILE)], check=False)
        print("wrote", WEIGHTS_FILE)
    else:
        print(source)


if __name__ == "__main__":
    main()
