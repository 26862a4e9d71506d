"""Evaluation set "newsquant": quantities in news sentences (the CQE authors' test set).

A clean one-to-one scorer as the set's README recommends: gold and predicted quantities are
matched by value (ranges at both ends), then the unit is compared on the matched pairs
(our normalised unit against the set's ``normalized_unit``, both lower-cased and each word
in the singular: ``unit_key``; ``value_unit_exact_f1`` is the lower-cased comparison alone,
the reference script's). Published
numbers (all 590 sentences, the reference script): CQE 0.920 value F1 / 0.856 value+unit,
quantulum3 0.730 / 0.472. quantulum3, when installed, is run on the same sentences.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsprism.api import quantities
from newsprism.errors import NewsprismError
from newsprism.eval.data import read_jsonl_plain

Prediction = tuple[float, float | None, str | None]  # value, high (range), unit


# A gold value: a number ("-5.0", "1.99E-29") or a range "lo-hi" of two numbers.
_GOLD_VALUE = re.compile(r"(-?[\d.]+(?:[eE][-+]?\d+)?)(?:-(-?[\d.]+(?:[eE][-+]?\d+)?))?")


def _gold(quantity: dict[str, Any]) -> Prediction | None:
    found = _GOLD_VALUE.fullmatch(str(quantity["value"]).strip())
    if not found:
        return None
    try:
        low = float(found.group(1))
        high = float(found.group(2)) if found.group(2) else None
    except ValueError:
        return None
    return low, high, quantity["normalized_unit"]


# Plurals the set's ``normalized_unit`` sometimes keeps ("square feet", "model 3 sedans"
# beside "square metre", "sedan"): a unit is the same in either number.
_IRREGULAR = {"feet": "foot", "men": "man", "women": "woman", "children": "child"}


def unit_key(unit: str | None) -> str:
    """A unit as the scorer compares it: lower-case, "-" for none, and each word in the
    singular by its plural ending ("square feet" = "square foot", "concepts" = "concept"),
    the same fold on both sides, so only the grammatical number is forgiven."""
    words = (unit or "-").lower().split()
    return " ".join(_IRREGULAR.get(w) or _singular_ending(w) for w in words)


def _singular_ending(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-2] if word.endswith(("ches", "shes", "xes", "sses")) else word[:-1]
    return word


def _same_value(a: Prediction, b: Prediction) -> bool:
    def close(x: float, y: float) -> bool:
        return math.isclose(x, y, rel_tol=1e-5, abs_tol=1e-8)

    if (a[1] is None) != (b[1] is None):
        return False
    return close(a[0], b[0]) and (a[1] is None or b[1] is None or close(a[1], b[1]))


def half_of(sentence_id: str) -> int:
    """Which half of the set a sentence is in: a stable hash of its id, not its order."""
    return hashlib.sha256(sentence_id.encode("utf-8")).digest()[0] % 2


# A third split, unrelated to the halves: models of the unit are fitted on folds 0 and 1
# (``train_count_units``) and ``UNTOUCHED_FOLD`` is only ever scored.
UNTOUCHED_FOLD = 2


def unit_fold(sentence_id: str) -> int:
    """Which of three folds a sentence is in (a hash of its id, unrelated to ``half_of``)."""
    return hashlib.sha256(("newsquant-unit-fold:" + sentence_id).encode("utf-8")).digest()[0] % 3


_ARTICLES = frozenset(("the", "a", "an"))


def cqe_unit(unit: str | None, of: str | None) -> str | None:
    """Our unit in the set's convention: a share in words ("a third of the population",
    our "fraction" of "the population") is a percentage of what it is of."""
    if unit == "fraction" and of:
        return " ".join(["%", *(w for w in of.lower().split() if w not in _ARTICLES)])
    return unit


def ours(text: str) -> list[Prediction]:
    return [(q.value, q.high, cqe_unit(q.unit, q.of)) for q in quantities(text)]


def quantulum(text: str) -> list[Prediction]:
    from quantulum3 import parser

    return [(float(q.value), None, (q.unit.name or "").lower()) for q in parser.parse(text)]


def score(
    sentences: Sequence[dict[str, Any]], system: Callable[[str], list[Prediction]]
) -> dict[str, Any]:
    matched = unit_matched = exact_matched = predicted = gold_total = 0
    started = time.perf_counter()
    for sentence in sentences:
        gold = [g for g in (_gold(q) for q in sentence["quantities"]) if g is not None]
        predictions = system(sentence["text"])
        predicted += len(predictions)
        gold_total += len(gold)
        free = list(range(len(predictions)))
        for g in gold:
            hit = next((i for i in free if _same_value(g, predictions[i])), None)
            if hit is None:
                continue
            free.remove(hit)
            matched += 1
            ours_unit, gold_unit = predictions[hit][2], g[2]
            unit_matched += unit_key(ours_unit) == unit_key(gold_unit)
            exact_matched += (ours_unit or "-").lower() == (gold_unit or "-").lower()
    seconds = time.perf_counter() - started

    def prf(tp: int) -> dict[str, float]:
        p = tp / predicted if predicted else 0.0
        r = tp / gold_total if gold_total else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        }

    value, value_unit = prf(matched), prf(unit_matched)
    return {
        "f1": value["f1"],
        "precision": value["precision"],
        "recall": value["recall"],
        "value_unit_f1": value_unit["f1"],
        "value_unit": value_unit,
        # the set's own protocol: ``normalized_unit`` equal after lower-casing only
        "value_unit_exact_f1": prf(exact_matched)["f1"],
        "f1_std": 0.0,
        "accuracy": 0.0,
        "seconds": round(seconds, 3),
    }


def run(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    path = data_dir / "dev.jsonl"
    if not path.is_file():
        raise NewsprismError("E401", f"{path} not found; pass --data DIR holding dev.jsonl")
    sentences = list(read_jsonl_plain(path, limit))
    result: dict[str, Any] = {"n": len(sentences), "ours": score(sentences, ours), "baselines": {}}
    # The two halves of the set by a hash of each sentence's id: a unit rule that fits the
    # sentences it was written on scores better on one half than on the other.
    halves = [[s for s in sentences if half_of(str(s["id"])) == h] for h in (0, 1)]
    by_half = [score(part, ours)["value_unit_f1"] for part in halves]
    result["ours"]["value_unit_f1_halves"] = by_half
    result["ours"]["value_unit_f1_gap"] = round(abs(by_half[0] - by_half[1]), 4)
    # The fold no unit model was fitted on (``train_count_units``): the held-out figure.
    untouched = [s for s in sentences if unit_fold(str(s["id"])) == UNTOUCHED_FOLD]
    held_out = score(untouched, ours)
    result["ours"]["untouched"] = {
        "n": len(untouched),
        "f1": held_out["f1"],
        "value_unit_f1": held_out["value_unit_f1"],
    }
    try:
        import quantulum3  # noqa: F401
    except ImportError:
        pass
    else:
        result["baselines"]["quantulum3"] = score(sentences, quantulum)
    return result
