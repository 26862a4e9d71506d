"""Whether two claims are about the same subject by meaning, not shared words.

A claim's subject phrase ("deaths in the quake", "people killed in the earthquake"),
without its time, is embedded once (``text/embeddings.py``: a model shipped in a PyPI
package, offline, on CPU); two subjects match when their vectors are close. Meaning alone
never matches claims of different entities or times: the entity and the time of a claim
are hard constraints (``same_entities``, ``same_time``), checked before the vectors.
Without the model (``NEWSPRISM_EMBEDDINGS=off``, or its package absent) nothing matches
by meaning and the claims are compared by their words alone (``claims/compare.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from rapidfuzz.fuzz import ratio

from newsprism.text.embeddings import available, chosen_model, embed
from newsprism.text.lexicon import STOPWORDS

NAME_MIN_RATIO = 80.0  # "Ukrainian" / "Ukraine", "Kharkiv" / "Kharkov": one entity
_WORD = re.compile(r"[^\W_]+")
# Words that place a figure in time or order, not say what it is of.
_NO_SUBJECT = frozenset("last next past first current recent previous".split())


def subject_text(claim: Mapping[str, Any]) -> str:
    """What is embedded of a claim: its subject phrase without the time (the time is a
    hard constraint of its own), else its sentence."""
    subject = str(claim.get("subject") or claim.get("sentence") or "")
    time = claim.get("time")
    if time and subject.endswith(f", {time}"):
        subject = subject[: -len(time) - 2]
    return " ".join(subject.split())


def says_what(claim: Mapping[str, Any]) -> bool:
    """Whether a claim's subject names something beyond its figure's unit: "years" or
    "last years" (of a marriage, of tax returns) say only what is counted, and two such
    subjects are alike whatever they are about, so they are not matched by meaning."""
    unit = str(claim.get("unit") or "").casefold().rstrip("s")
    return any(
        word not in STOPWORDS and not word.isdigit() and word.rstrip("s") != unit
        for word in _WORD.findall(subject_text(claim).casefold())
        if word not in _NO_SUBJECT
    )


def subject_vectors(
    claims: Sequence[Mapping[str, Any]], model: str | None = None
) -> list[np.ndarray | None]:
    """One unit vector per claim's subject (each distinct phrase embedded once), or None
    for every claim when embeddings are off or the model is not installed, and for a
    claim whose subject says nothing beyond its unit (``says_what``)."""
    phrases = [subject_text(c) if says_what(c) else "" for c in claims]
    distinct = sorted(set(phrases) - {""})
    vectors = embed(distinct, model) if distinct else None
    if vectors is None:
        return [None] * len(claims)
    row = {p: vectors[i] for i, p in enumerate(distinct)}
    return [row[p] if p else None for p in phrases]


def _names(claim: Mapping[str, Any]) -> set[str]:
    """The proper names of a claim's sentence (capitalised words that are not function
    words; the sentence's first word only when it is not a function word)."""
    return {
        n.casefold().rstrip("'’s")
        for n in claim.get("_names", ())
        if n.casefold() not in STOPWORDS and len(n) > 2
    }


def same_entities(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """The hard entity constraint: when both sentences name someone or somewhere, they
    share a name (allowing for spelling variants), and the figures' holders do not
    differ."""
    if a.get("_holders") and b.get("_holders") and not a["_holders"] & b["_holders"]:
        return False
    x, y = _names(a), _names(b)
    if not x or not y:
        return True
    return bool(x & y) or any(ratio(p, q) >= NAME_MIN_RATIO for p in x for q in y)


def same_time(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """The hard time constraint: when both claims say when they hold, the same time."""
    if a.get("_years") and b.get("_years") and not a["_years"] & b["_years"]:
        return False
    x, y = a.get("_relative_years"), b.get("_relative_years")
    if x and y and not x & y:
        return False
    return not (a.get("time") and b.get("time") and a["time"] != b["time"])


def model_in_use(subject_min_similarity: float) -> str | None:
    """The embedding model subjects are matched with at this threshold, or None when
    matching is by words only (turned off, or no model installed)."""
    if subject_min_similarity >= 1 or not available():
        return None
    return chosen_model()


def similarity(a: Mapping[str, Any], b: Mapping[str, Any]) -> float | None:
    """The cosine similarity of two claims' subjects, or None when either has no vector
    or the hard constraints (entity, time) already tell them apart."""
    x, y = a.get("_vector"), b.get("_vector")
    if x is None or y is None or not same_entities(a, b) or not same_time(a, b):
        return None
    return float(np.dot(x, y))
