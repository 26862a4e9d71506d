"""Claim subjects matched by meaning (claims/similarity.py, text/embeddings.py): paraphrases
match, different entities or times never do, and NEWSPRISM_EMBEDDINGS=off falls back to
words."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from newsprism.claims.similarity import (
    same_entities,
    same_time,
    says_what,
    similarity,
    subject_text,
    subject_vectors,
)
from newsprism.text import embeddings
from newsprism.text.embeddings import MODELS, available, embed


def _claim(subject: str, **facts: Any) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "subject": subject,
        "sentence": subject,
        "time": None,
        "_names": frozenset(),
        "_holders": frozenset(),
        "_years": frozenset(),
        "_relative_years": frozenset(),
    }
    claim.update(facts)
    return claim


def _needs(model: str) -> None:
    if not available(model):
        pytest.skip(f"the {model} embedding model's package is not installed")


@pytest.mark.parametrize("model", MODELS)
def test_same_meaning_paraphrases_are_closer_than_other_subjects(model: str) -> None:
    _needs(model)
    vectors = embed(
        ["deaths in the earthquake", "people killed in the quake", "the company's revenue"],
        model,
    )
    assert vectors is not None
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    same, other = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert same > other + 0.3


def test_minilm_paraphrases_pass_the_default_threshold() -> None:
    _needs("minilm")
    a = _claim("deaths in the earthquake")
    b = _claim("people killed in the quake")
    c = _claim("quarterly revenue of the firm")
    for claim, vector in zip((a, b, c), subject_vectors([a, b, c], "minilm"), strict=True):
        claim["_vector"] = vector
    assert (similarity(a, b) or 0) >= 0.7
    assert (similarity(a, c) or 0) < 0.7


def test_different_entities_never_match_by_meaning() -> None:
    vector = np.ones(4, dtype=np.float32) / 2
    a = _claim("Velska: defence spending", _names=frozenset({"Velska"}), _vector=vector)
    b = _claim("Orlania: defence spending", _names=frozenset({"Orlania"}), _vector=vector)
    assert not same_entities(a, b)
    assert similarity(a, b) is None
    # A spelling variant of one name is the same entity; a sentence naming no one agrees.
    c = _claim("Velskan defence spending", _names=frozenset({"Velskan"}), _vector=vector)
    assert same_entities(a, c)
    assert same_entities(a, _claim("defence spending", _vector=vector))
    # Different holders of the figure are different entities.
    d = _claim("x", _holders=frozenset({"cruz"}), _vector=vector)
    e = _claim("x", _holders=frozenset({"rubi"}), _vector=vector)
    assert similarity(d, e) is None


def test_different_times_never_match_by_meaning() -> None:
    vector = np.ones(4, dtype=np.float32) / 2
    a = _claim("growth, 2023", time="2023", _years=frozenset({"2023"}), _vector=vector)
    b = _claim("growth, 2024", time="2024", _years=frozenset({"2024"}), _vector=vector)
    assert not same_time(a, b)
    assert similarity(a, b) is None
    c = _claim("growth", _vector=vector)
    assert same_time(a, c) and similarity(a, c) == pytest.approx(1.0)


def test_the_time_is_not_embedded() -> None:
    assert subject_text(_claim("the road-repair budget, 2026", time="2026")) == (
        "the road-repair budget"
    )


def test_embeddings_off_falls_back_to_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(embeddings.ENV, "off")
    assert embed(["deaths in the earthquake"]) is None
    assert subject_vectors([_claim("a"), _claim("b")]) == [None, None]
    a, b = _claim("a", _vector=None), _claim("b", _vector=None)
    assert similarity(a, b) is None


def test_a_subject_that_names_only_its_unit_is_not_matched_by_meaning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "15 years" of a cause, "50 years" of a marriage: the same word, nothing in common.
    assert not says_what(_claim("years", unit="year"))
    assert not says_what(_claim("last years", unit="year"))
    assert not says_what(_claim("percent", unit="percent"))
    assert says_what(_claim("minimum wage", unit="dollar"))
    assert says_what(_claim("deaths in the quake", unit="people"))
    monkeypatch.setattr(
        "newsprism.claims.similarity.embed",
        lambda phrases, model=None: np.ones((len(phrases), 4), dtype=np.float32) / 2,
    )
    vectors = subject_vectors([_claim("years", unit="year"), _claim("minimum wage", unit="dollar")])
    assert vectors[0] is None and vectors[1] is not None
