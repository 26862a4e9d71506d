"""What a figure measures, from its sentence's dependency parse (spaCy's parser from the
model package we ship with; without it the claims keep their sentence words)."""

from __future__ import annotations

import pytest

from newsprism.claims.subjects import subjects
from newsprism.text.nlp import parser

needs_parser = pytest.mark.skipif(parser() is None, reason="the spaCy model is not installed")


def _subject(sentence: str, figure: str, share_of: str | None = None) -> str | None:
    start = sentence.index(figure)
    return subjects([(sentence, start, start + len(figure), share_of)])[0]


@needs_parser
def test_a_share_names_who_what_is_measured_and_what_it_is_a_share_of() -> None:
    sentence = "Coastal states agreed to raise flood spending to 4% of GDP by 2030."
    assert _subject(sentence, "4%", "GDP") == "Coastal states: flood spending, share of GDP"


@needs_parser
def test_an_amount_names_what_it_is_for_and_a_count_what_it_counts() -> None:
    assert _subject("Velmora will receive €2.4 billion in flood aid.", "€2.4 billion") == (
        "Velmora: flood aid"
    )
    assert _subject("The mayor said 1,200 people were evacuated overnight.", "1,200 people") == (
        "people evacuated"
    )


@needs_parser
def test_the_speaker_of_reported_words_and_pronouns_are_not_the_subject() -> None:
    subject = _subject("They said the barrier cost 2.4 billion euros.", "2.4 billion euros")
    assert subject == "barrier"
