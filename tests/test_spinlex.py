"""Spin with no original: fixed phrases with a swapped word, and the de-spun reading."""

from __future__ import annotations

from newsprism.model import SpinEvidence
from newsprism.spin.detect import despun_text
from newsprism.text.fixed_phrases import odd_phrases


def test_swapped_fixed_phrases_are_found_with_their_originals() -> None:
    text = (
        "The Protection Secretary told a press convention at the White Home that the "
        "central financial institution would act, NATO Secretary-Basic Ana Vel said."
    )
    found = [(o.text, o.likely_original) for o in odd_phrases(text)]
    assert found == [
        ("Protection Secretary", "Defense Secretary"),
        ("press convention", "press conference"),
        ("White Home", "White House"),
        ("central financial institution", "central bank"),
        ("Secretary-Basic", "Secretary General"),
    ]
    for odd in odd_phrases(text):
        assert text[odd.start : odd.end] == odd.text


def test_plain_english_that_spinners_also_produce_is_not_evidence() -> None:
    text = (
        "Over the last 12 months, law enforcement officers in the United States and the vice "
        "chairman of the central bank told journalists that interest charges and the trade "
        "offer were discussed at a news conference with the defence minister."
    )
    assert list(odd_phrases(text)) == []


def test_the_despun_reading_puts_back_each_likely_original() -> None:
    text = "The Protection Secretary spoke at a press convention."
    evidence = [SpinEvidence(o.start, o.end, o.text, o.likely_original) for o in odd_phrases(text)]
    assert despun_text(text, evidence) == "The Defense Secretary spoke at a press conference."
