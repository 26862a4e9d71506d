"""The three-way derivation label (wholly / partially / independent) from the shape of what
one text took from another, by a small multinomial logistic regression.

No single share taken separates a paper that shares the wire's quotes and facts from one
that was partly built on the wire: both have a third of their sentences "taken". What tells
them apart is how: verbatim or rewritten, in runs of consecutive sentences or scattered,
the lead or not, quotes or the writer's own lines, and how much of the source came along.
``features`` reads those off the two ``Derivation``s of a pair (the copy's from the source
and the source's from the copy); ``probabilities`` weighs them with the coefficients of
``reuse_weights.py``.

The weights were fitted by ``python -m newsprism.eval.train_reuse`` on the METER tune part
only (``newsprism.eval.meter.part_of``: two thirds of the dev half's stories, each
newspaper article against the story's PA text it takes most from, labelled by journalists);
the untouched third and the held-out half were never used. Plain numpy at run time.
"""

from __future__ import annotations

import math

import numpy as np

from newsprism.relate import reuse_weights as weights
from newsprism.relate.reuse import Derivation, Label

# The inputs, in the order of the weights' columns.
FEATURES = (
    "share",
    "verbatim_share",
    "rewritten_share",
    "sentence_share",
    "source_share",
    "longest_run",
    "quote_share",
    "lead_taken",
    "containment",
    "length_ratio",
)

# A pair is derived at all when the model gives "wholly" and "partially" together this
# much probability (the relate stage's option).
DERIVED_MIN_PROBABILITY = 0.5


def features(taken: Derivation, given: Derivation) -> list[float]:
    """The model's inputs for the text of ``taken`` as a copy of the other text: ``taken``
    is its derivation from the other, ``given`` the other's derivation from it."""
    values = {
        "share": taken.share,
        "verbatim_share": taken.verbatim_share,
        "rewritten_share": taken.rewritten_share,
        "sentence_share": taken.sentence_share,
        "source_share": given.share,
        "longest_run": taken.longest_run,
        "quote_share": taken.quote_share,
        "lead_taken": float(taken.lead_taken),
        "containment": taken.containment,
        "length_ratio": math.log((taken.length + 1) / (given.length + 1)),
    }
    return [values[name] for name in FEATURES]


def probabilities(row: list[float]) -> dict[Label, float]:
    """The probability of each label for one pair's ``features``."""
    scaled = (np.asarray(row, dtype=float) - np.asarray(weights.MEAN)) / np.asarray(weights.SCALE)
    logits = np.asarray(weights.COEF) @ scaled + np.asarray(weights.INTERCEPT)
    odds = np.exp(logits - logits.max())
    shares = odds / odds.sum()
    chances: dict[Label, float] = {"independent": 0.0, "partially": 0.0, "wholly": 0.0}
    for label, chance in zip(weights.CLASSES, shares, strict=True):
        chances[label] = float(chance)  # type: ignore[index]
    return chances


def model_label(
    taken: Derivation, given: Derivation, derived_min: float = DERIVED_MIN_PROBABILITY
) -> Label:
    """Independent unless "wholly" and "partially" together reach ``derived_min``; then the
    likelier of the two."""
    chances = probabilities(features(taken, given))
    if chances["wholly"] + chances["partially"] < derived_min:
        return "independent"
    return "wholly" if chances["wholly"] >= chances["partially"] else "partially"
