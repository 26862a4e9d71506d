"""The derivation label model: the shape of what a text took (runs, lead, quotes, verbatim
or rewritten) read off the two derivations of a pair, and a multinomial logistic regression
over it whose weights ship in the package. Texts are written here."""

from __future__ import annotations

import pytest

from newsprism.relate import reuse_weights
from newsprism.relate.reuse import derivation, prepare
from newsprism.relate.reuse_model import FEATURES, features, model_label, probabilities

WIRE = (
    "A council leader was today starting a two-year ban from office after admitting fraud "
    "at Ashworth Crown Court. "
    "The court heard that he had claimed expenses for trips to Lisbon he never made. "
    "Judge Mary Holt said the breach of trust was serious and the ban was deserved. "
    "His lawyer, Tom Reed, said he would not appeal against the ruling. "
    "The council will elect a new leader at a special meeting next month."
)
OWN = (
    "Voters in the town gathered outside the hall to protest against new parking charges. "
    "Shop owners fear that trade will fall sharply during the winter months, and the "
    "chamber of commerce has asked for a review."
)


def test_the_shipped_weights_cover_every_feature_and_label() -> None:
    assert reuse_weights.FEATURES == FEATURES
    assert sorted(reuse_weights.CLASSES) == ["independent", "partially", "wholly"]
    assert len(reuse_weights.MEAN) == len(reuse_weights.SCALE) == len(FEATURES)
    assert all(len(row) == len(FEATURES) for row in reuse_weights.COEF)


def test_the_shape_of_the_taking_is_read_off_the_sentences() -> None:
    text = f"{WIRE.split('. ')[0]}. {OWN}"
    taken = derivation(prepare(text), prepare(WIRE))
    assert taken.lead_taken
    assert 0 < taken.sentence_share < 1
    assert taken.longest_run == pytest.approx(1 / 3, abs=0.01)
    own_first = derivation(prepare(f"{OWN} {WIRE.split('. ')[0]}."), prepare(WIRE))
    assert not own_first.lead_taken


def test_label_probabilities_sum_to_one() -> None:
    row = features(derivation(WIRE, WIRE), derivation(WIRE, WIRE))
    assert sum(probabilities(row).values()) == pytest.approx(1.0)


def test_a_whole_copy_is_wholly_derived_and_likelier_derived_than_a_text_of_its_own() -> None:
    copy = derivation(WIRE, WIRE), derivation(WIRE, WIRE)
    own = derivation(OWN, WIRE), derivation(WIRE, OWN)
    assert model_label(*copy) == "wholly"
    copied, written = probabilities(features(*copy)), probabilities(features(*own))
    assert copied["wholly"] > written["wholly"]
    assert copied["independent"] < written["independent"]


def test_the_probability_cut_decides_whether_a_pair_is_derived() -> None:
    copy = derivation(WIRE, WIRE), derivation(WIRE, WIRE)
    assert model_label(*copy, derived_min=1.0) == "independent"
    own = derivation(OWN, WIRE), derivation(WIRE, OWN)
    assert model_label(*own, derived_min=0.0) != "independent"
