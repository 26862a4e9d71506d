"""The process's sentence-parse cache (text/nlp.parses): what it serves is what parsing the
sentence alone gives, whatever batch it was parsed in, and the claims' prefetch parses the
sentences that may hold a figure."""

from __future__ import annotations

import pytest

from newsprism.claims.parses import prefetch
from newsprism.text import nlp

SENTENCES = [
    "The port union welcomed a plan to widen the canal with support from 59 members.",
    "Officials who reviewed the plan argued that the barrier would fail.",
    "Two opposition parties approved the ferry timetable before the winter storms.",
    "She said the council had delayed the vote.",
]


def _reading(doc: object) -> list[tuple[str, str, str, int, str]]:
    return [(t.tag_, t.pos_, t.dep_, t.head.i, str(t.morph)) for t in doc]  # type: ignore[attr-defined]


@pytest.fixture
def parser() -> object:
    found = nlp.parser()
    if found is None:
        pytest.skip("spaCy or its model package is not installed")
    return found


def test_a_cached_parse_reads_as_the_sentence_parsed_alone(parser: object) -> None:
    docs = nlp.parses(SENTENCES)
    assert docs is not None
    for sentence in SENTENCES:
        assert _reading(docs[sentence]) == _reading(parser(sentence))  # type: ignore[operator]


def test_a_sentence_asked_for_again_is_not_parsed_again(parser: object) -> None:
    first = nlp.parses(SENTENCES[:2])
    parsed_before = nlp.PARSE_STATS.sentences
    again = nlp.parses(SENTENCES[:2])
    assert first is not None and again is not None
    assert nlp.PARSE_STATS.sentences == parsed_before
    assert all(again[s] is first[s] for s in SENTENCES[:2])


def test_prefetch_parses_the_sentences_that_may_hold_a_figure(parser: object) -> None:
    figure = "The council spent 41 million crowns on the new flood gates."
    number_word = "Three engineers reviewed the flood gates last week."
    year_only = "The flood gates were first built in 1998 by the harbour board."
    none = "The harbour board welcomed the report on the flood gates."
    parsed_before = nlp.PARSE_STATS.sentences
    prefetch(" ".join((figure, number_word, year_only, none)))
    assert nlp.PARSE_STATS.sentences - parsed_before == 2
    parsed_before = nlp.PARSE_STATS.sentences
    nlp.parses([figure, number_word])
    assert nlp.PARSE_STATS.sentences == parsed_before


def test_the_numpy_products_read_as_thinc_s_blis_ones(parser: object) -> None:
    # text/nlp.py runs the pipeline's matrix products through numpy's OpenBLAS; a pipeline
    # loaded by spaCy itself keeps thinc's BLIS, and both read the same.
    import spacy

    name = nlp.model_name()
    assert name is not None
    blis = spacy.load(name, exclude=["ner", "lemmatizer"])
    docs = nlp.parses(SENTENCES)
    assert docs is not None
    for sentence in SENTENCES:
        assert _reading(docs[sentence]) == _reading(blis(sentence))
