"""Fit the attribution-cue models of ``newsprism.quotes.cues`` on PolNeAR (dev, by hand).

    python -m newsprism.eval.train_cues --data ../shared/datasets/polnear [--write]

Trained on the PolNeAR train split's tune part only (``newsprism.eval.polnear.untouched``
keeps a fifth aside; dev is never read). The sentences are those reported speech is read
in (``quotes.reported.reported_sentences``), parsed by spaCy as at run time. A word is a
positive cue example when it is the syntactic root of a gold cue span; the cue vocabulary
(the words parsed for at all) is every word form the tune part uses as a cue root at least
``MIN_CUE_COUNT`` times and in at least ``MIN_CUE_SHARE`` of its occurrences. For each gold
cue, each dependent ``cues.role_candidates`` offers is labelled "content" or "source"
when at least half of the word tokens it would give lie in that gold span, else "none".
Two logistic regressions (scikit-learn, L2, features seen at least ``MIN_FEATURE_COUNT``
times; weights under 0.01 dropped) are written as plain constants to
``quotes/cue_weights.json``, with the cue threshold that maximises cross-validated cue F1
on tune. Deterministic: the same data gives the same weights. scikit-learn is a dev
dependency: never used at run time.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.eval.polnear import load, untouched
from newsprism.quotes import cues
from newsprism.quotes.reported import direct_quotes, reported_sentences
from newsprism.text.nlp import parses

MIN_CUE_COUNT = 2
MIN_CUE_SHARE = 0.03
MIN_FEATURE_COUNT = 5
STRENGTH = 1.0
WEIGHTS_FILE = Path(__file__).resolve().parent.parent / "quotes" / "cue_weights.json"
_WORD = re.compile(r"\w+")


def _words(start: int, end: int, text: str) -> set[int]:
    return {m.start() for m in _WORD.finditer(text, start, end)}


def _gold_words(text: str, item: dict[str, Any] | None) -> set[int]:
    if item is None:
        return set()
    found: set[int] = set()
    for fragment in item.get("fragments") or [item]:
        found |= _words(fragment["start"], fragment["end"], text)
    return found


def examples(articles: list[dict[str, Any]]) -> tuple[list[Any], list[Any], Counter[str]]:
    """(cue rows, role rows, occurrences of each word form) from ``articles``: a cue row is
    (form, features, label), a role row (features, role)."""
    cue_rows: list[Any] = []
    role_rows: list[Any] = []
    occurrences: Counter[str] = Counter()
    in_cues = {
        w.lower()
        for a in articles
        for g in a["attributions"]
        for w in _WORD.findall(g["cue"]["text"])
    }
    for article in articles:
        text = article["text"]
        sentences = reported_sentences(text, direct_quotes(text))
        cue_roots: dict[int, dict[str, Any]] = {}
        for gold in article["attributions"]:
            cue_roots.setdefault(gold["cue"]["start"], gold)
        docs = parses([text[s:e] for s, e in sentences]) or {}
        for offset, _ in sentences:
            doc = docs[text[offset:_]]
            for token in doc:
                if token.is_punct or token.is_space:
                    continue
                occurrences[token.lower_] += 1
                if token.lower_ not in in_cues:
                    continue
                start = offset + token.idx
                gold = next(
                    (
                        g
                        for g in article["attributions"]
                        if g["cue"]["start"] <= start < g["cue"]["end"]
                    ),
                    None,
                )
                root = False
                if gold is not None:
                    head = offset + token.head.idx
                    root = token.head.i == token.i or not (
                        gold["cue"]["start"] <= head < gold["cue"]["end"]
                    )
                cue_rows.append((token.lower_, cues.cue_features(token), root))
                if not root or gold is None:
                    continue
                content = _gold_words(text, gold["content"])
                source = _gold_words(text, gold["source"])
                for kind, candidate in cues.role_candidates(token):
                    if kind.startswith("HEAD"):
                        first, last = cues.content_range(token, kind, candidate)
                    else:
                        first, last = candidate.left_edge.i, candidate.right_edge.i
                    if last < first:
                        continue
                    a = offset + doc[first].idx
                    b = offset + doc[last].idx + len(doc[last].text)
                    words = _words(a, b, text)
                    if not words:
                        continue
                    role = "none"
                    if len(words & content) * 2 >= len(words):
                        role = "content"
                    elif len(words & source) * 2 >= len(words):
                        role = "source"
                    role_rows.append((cues.role_features(token, kind, candidate), role))
    return cue_rows, role_rows, occurrences


def _vocabulary(rows: list[list[str]]) -> list[str]:
    counts = Counter(f for feats in rows for f in feats)
    return sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)


def _matrix(rows: list[list[str]], vocabulary: list[str]) -> Any:
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

    index = {f: i for i, f in enumerate(vocabulary)}
    data, indices, indptr = [], [], [0]
    for feats in rows:
        columns = sorted({index[f] for f in feats if f in index})
        indices += columns
        data += [1.0] * len(columns)
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(rows), len(vocabulary)))


def fit(
    tune: list[dict[str, Any]], strength: float = STRENGTH, min_share: float = MIN_CUE_SHARE
) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    cue_rows, role_rows, occurrences = examples(tune)
    roots = Counter(form for form, _, label in cue_rows if label)
    forms = sorted(
        f
        for f, n in roots.items()
        if n >= MIN_CUE_COUNT and n / max(occurrences[f], 1) >= min_share
    )
    form_set = set(forms)
    kept = [(feats, label) for form, feats, label in cue_rows if form in form_set]
    cue_vocab = _vocabulary([f for f, _ in kept])
    x = _matrix([f for f, _ in kept], cue_vocab)
    y = np.array([label for _, label in kept], dtype=int)
    model = LogisticRegression(C=strength, max_iter=2000)
    probability = cross_val_predict(model, x, y, cv=5, method="predict_proba")[:, 1]
    best = (0.0, 0.5)
    for threshold in np.arange(0.2, 0.81, 0.05):
        predicted = probability >= threshold
        tp = int((predicted & (y == 1)).sum())
        f1 = 2 * tp / (int(predicted.sum()) + int(y.sum()) + 1e-9)
        best = max(best, (f1, round(float(threshold), 2)))
    model.fit(x, y)
    role_vocab = _vocabulary([f for f, _ in role_rows])
    rx = _matrix([f for f, _ in role_rows], role_vocab)
    ry = np.array([cues.ROLES.index(r) for _, r in role_rows], dtype=int)
    role_model = LogisticRegression(C=strength, max_iter=3000)
    role_cv = cross_val_predict(role_model, rx, ry, cv=5)
    role_model.fit(rx, ry)
    print(
        f"cue examples {len(kept)} ({int(y.sum())} cues, {len(forms)} forms, "
        f"{len(cue_vocab)} features): cross-validated cue F1 {best[0]:.3f} at {best[1]}; "
        f"role examples {len(role_rows)} ({len(role_vocab)} features): "
        f"cross-validated accuracy {float((role_cv == ry).mean()):.3f}",
        file=sys.stderr,
    )
    return {
        "strength": strength,
        "forms": forms,
        "cue": dict(zip(cue_vocab, model.coef_[0].tolist(), strict=True)),
        "cue_bias": float(model.intercept_[0]),
        "threshold": best[1],
        "roles": [dict(zip(role_vocab, row.tolist(), strict=True)) for row in role_model.coef_],
        "role_bias": [float(b) for b in role_model.intercept_],
    }


def write(fitted: dict[str, Any], path: Path = WEIGHTS_FILE) -> None:
    """The fitted models as the package data ``quotes/cues.py`` reads (weights under 0.01
    dropped)."""

    def table(weights: dict[str, float]) -> dict[str, float]:
        return {name: round(value, 3) for name, value in weights.items() if abs(value) >= 0.01}

    data = {
        "about": (
            "Weights of the attribution-cue models (quotes/cues.py), written by "
            "`python -m newsprism.eval.train_cues --write` from the PolNeAR train split's "
            f"tune part only (logistic regressions, C={fitted['strength']}). Do not edit by hand."
        ),
        "cue_forms": sorted(fitted["forms"]),
        "threshold": fitted["threshold"],
        "cue_bias": round(fitted["cue_bias"], 4),
        "cue_weights": table(fitted["cue"]),
        "role_bias": [round(b, 4) for b in fitted["role_bias"]],
        "role_weights": [table(t) for t in fitted["roles"]],
    }
    path.write_text(
        json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets/polnear"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--write", action="store_true", help="write the package's weights")
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE, help="where --write writes")
    parser.add_argument(
        "--strength", type=float, default=STRENGTH, help="inverse L2 strength C (> 0)"
    )
    parser.add_argument(
        "--min-share",
        type=float,
        default=MIN_CUE_SHARE,
        help="a form is a cue candidate when at least this share of its uses are cues",
    )
    args = parser.parse_args(argv)
    if not 0 <= args.min_share <= 1:
        parser.error("--min-share must be between 0 and 1")
    if args.strength <= 0:
        parser.error("--strength must be > 0")
    tune = [a for a in load(args.data, "train", args.limit) if not untouched(a["id"])]
    fitted = fit(tune, args.strength, args.min_share)
    if args.write:
        write(fitted, args.out)
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
