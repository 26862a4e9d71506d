"""Sentence spans: where one sentence ends and the next begins, quotation marks included."""

from __future__ import annotations

from newsprism.text.sentences import sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_a_sentence_ending_inside_quotation_marks_ends_before_the_next_capital() -> None:
    text = "The mayor said: 'The gates will hold.' The council met on Monday."
    assert _sentences(text) == [
        "The mayor said: 'The gates will hold.'",
        "The council met on Monday.",
    ]


def test_a_quote_followed_by_its_attribution_stays_one_sentence() -> None:
    assert _sentences('"Close the gates!" she said. Nobody moved.') == [
        '"Close the gates!" she said.',
        "Nobody moved.",
    ]


def test_brackets_and_figures_start_and_end_sentences() -> None:
    text = "Water rose fast. (The gauge broke.) 2026 was the wettest year."
    assert _sentences(text) == [
        "Water rose fast.",
        "(The gauge broke.)",
        "2026 was the wettest year.",
    ]


def test_initials_and_decimals_do_not_end_a_sentence() -> None:
    assert _sentences("The U.S. sent 3.5 tonnes. It was late.") == [
        "The U.S. sent 3.5 tonnes.",
        "It was late.",
    ]
    assert _sentences('He praised "the U.S." Navy for its help.') == [
        'He praised "the U.S." Navy for its help.'
    ]


def test_consecutive_quoted_sentences_are_separate() -> None:
    assert _sentences('She asked: "Why?" "Because." Then she left.') == [
        'She asked: "Why?"',
        '"Because."',
        "Then she left.",
    ]
