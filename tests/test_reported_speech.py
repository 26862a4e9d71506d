"""Reported speech and mixed quotes: content, cue and speaker spans, and the kinds.

Every text here is made up for the test.
"""

from __future__ import annotations

import pytest

from newsprism.quotes.records import quotes_in
from newsprism.quotes.reported import attributions
from newsprism.text.nlp import parser


def _view(text: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [
        (
            text[a.quote.start : a.quote.end],
            a.kind,
            a.speaker,
            text[a.mention[0] : a.mention[1]] if a.mention else None,
            text[a.cue_span[0] : a.cue_span[1]] if a.cue_span else None,
        )
        for a in attributions(text)
    ]


def test_said_that_is_reported_speech_with_content_cue_and_speaker() -> None:
    text = "Mr. Kirk noted that the budget would not pass this year."
    assert _view(text) == [
        ("that the budget would not pass this year", "reported", "Kirk", "Mr. Kirk", "noted")
    ]


def test_according_to_names_the_speaker() -> None:
    text = "According to Sen. Dana Holt, the vote was delayed by a week."
    assert _view(text) == [
        (
            "the vote was delayed by a week",
            "reported",
            "Dana Holt",
            "Sen. Dana Holt",
            "According to",
        )
    ]


def test_a_name_stops_at_the_sentence_full_stop() -> None:
    text = "“The gates held,” said Mayor Ilse Marrow. She added that the pumps failed."
    view = _view(text)
    assert view[0][2:4] == ("Ilse Marrow", "Mayor Ilse Marrow")
    assert view[1] == ("that the pumps failed", "reported", "Ilse Marrow", "She", "added")


def test_a_partial_quote_inside_reported_speech_takes_its_speaker() -> None:
    text = "Ilse Marrow said the allies “must do more” to help the coast."
    assert _view(text) == [
        (
            "the allies “must do more” to help the coast",
            "mixed",
            "Ilse Marrow",
            "Ilse Marrow",
            "said",
        ),
        ("must do more", "partial", "Ilse Marrow", "Ilse Marrow", "said"),
    ]


def test_a_verb_without_an_addressee_keeps_its_object_in_the_content() -> None:
    text = "The talks would resume in March, the minister told reporters."
    assert _view(text)[0][:2] == ("The talks would resume in March", "reported")


def test_quote_records_carry_kind_and_cue_span() -> None:
    text = "Jonas Quist warned of a long winter for the coastal towns."
    (quote,) = quotes_in(text)
    assert quote.kind == "reported"
    assert quote.cue_start is not None and quote.cue_end is not None
    assert text[quote.cue_start : quote.cue_end] == "warned of"
    assert quote.mention_start is not None and quote.mention_end is not None
    assert text[quote.mention_start : quote.mention_end] == "Jonas Quist"


def test_a_quotation_introduced_by_a_clause_takes_the_subject_of_its_verb() -> None:
    if parser() is None:
        pytest.skip("spaCy's parser model is not installed")
    text = (
        "Ilse Marrow spoke in Harbourton.\n\n"
        "She then put on a fake accent and joked, “I will make it easier for them to mock me.”"
    )
    quote = next(a for a in attributions(text) if a.kind == "direct")
    assert quote.speaker == "Ilse Marrow"
    assert quote.mention is not None and text[quote.mention[0] : quote.mention[1]] == "She"
    assert quote.cue == "joked"


def test_an_apposition_opening_with_capitals_before_a_role_belongs_to_the_mention() -> None:
    text = "“We came close,” said Tomas Vendel, Mayor Marrow's first budget director. He left."
    quote = attributions(text)[0]
    assert quote.mention is not None
    assert text[quote.mention[0] : quote.mention[1]] == (
        "Tomas Vendel, Mayor Marrow's first budget director"
    )


def test_a_partial_quote_takes_the_subject_of_the_clause_it_ends() -> None:
    if parser() is None:
        pytest.skip("spaCy's parser model is not installed")
    text = "Ilse Marrow met the council.\n\nShe called the harbour plan “a crucial step forward.”"
    quote = next(a for a in attributions(text) if a.kind == "partial")
    assert quote.speaker == "Ilse Marrow"


def test_according_to_takes_any_source_a_document_or_a_poll_included() -> None:
    last = "The committee spent $2 million on mailers last spring, according to county filings."
    assert _view(last) == [
        (
            "The committee spent $2 million on mailers last spring",
            "reported",
            None,  # a document is no person: the mention names it, no speaker resolves
            "county filings",
            "according to",
        )
    ]
    first = "According to a new survey of harbour towns, most residents back the levy."
    (found,) = _view(first)
    assert (
        found[0] == "most residents back the levy" and found[3] == "a new survey of harbour towns"
    )


def _needs_parser() -> None:
    if parser() is None:
        pytest.skip("spaCy's parser model is not installed")


def test_a_learned_cue_reads_a_verb_no_pattern_lists_with_its_object_as_content() -> None:
    _needs_parser()
    text = "Councillor Brenna Tolvik criticized the new ferry timetable for the islands."
    (found,) = _view(text)
    assert found[1] == "reported"
    assert "the new ferry timetable" in found[0]
    assert found[3] == "Councillor Brenna Tolvik"
    assert found[4] == "criticized"


def test_a_learned_cue_reads_what_a_survey_shows() -> None:
    _needs_parser()
    text = "Recent surveys show that most islanders oppose the bridge toll."
    (found,) = _view(text)
    assert found[0] == "that most islanders oppose the bridge toll"
    assert found[3] == "Recent surveys" and found[4] == "show"


def test_a_belief_is_an_attribution_with_its_holder_as_source() -> None:
    _needs_parser()
    text = "Ilse Marrow met the harbour board.\n\nShe believes the new locks will open in spring."
    found = [v for v in _view(text) if v[1] == "reported"]
    assert found == [
        ("the new locks will open in spring", "reported", "Ilse Marrow", "She", "believes")
    ]


def test_a_sentence_holding_a_whole_quotation_gets_no_learned_reported_speech() -> None:
    _needs_parser()
    text = "“We will rebuild the pier,” Jonas Quist promised the fishermen of Dunmere."
    assert [v[1] for v in _view(text)] == ["direct"]


def test_the_cue_weights_need_no_scikit_learn_at_run_time() -> None:
    from pathlib import Path

    from newsprism.quotes import cues

    source = Path(cues.__file__ or "").read_text(encoding="utf-8")
    assert "import sklearn" not in source and "from sklearn" not in source
    weights = cues.cue_weights()
    assert weights.forms and weights.cue and len(weights.roles) == len(weights.role_bias)


def test_a_passive_cue_names_the_agent_without_its_preposition() -> None:
    _needs_parser()
    text = "The ferry timetable was criticized by Councillor Brenna Tolvik on Monday."
    (found,) = _view(text)
    assert found[3] == "Councillor Brenna Tolvik"
    assert found[2] == "Brenna Tolvik"


def test_a_quotation_opening_the_sentence_after_reported_speech_is_that_speakers() -> None:
    _needs_parser()
    text = "Ilse Marrow argued that the pier had to close for the winter. “We had no other choice.”"
    quoted = [v for v in _view(text) if v[0] == "We had no other choice."]
    assert quoted == [("We had no other choice.", "direct", "Ilse Marrow", "Ilse Marrow", "argued")]


def test_a_quotation_naming_its_own_speaker_after_reported_speech_keeps_it() -> None:
    _needs_parser()
    text = (
        "Ilse Marrow argued that the pier had to close for the winter.\n\n"
        "“We had no other choice,” a fisherman said at the quay."
    )
    quoted = [v for v in _view(text) if v[0].startswith("We had")]
    assert quoted and quoted[0][3] == "a fisherman"


def test_a_participle_cue_takes_the_noun_it_modifies_as_source() -> None:
    _needs_parser()
    text = "A residents' group supporting the bridge toll gathered 4,000 signatures in Dunmere."
    (found,) = _view(text)
    assert found[0] == "the bridge toll" and found[4] == "supporting"
    assert found[3] == "A residents' group"


def test_a_quotation_continuing_the_reported_clause_is_one_mixed_attribution() -> None:
    _needs_parser()
    text = (
        "Ilse Marrow said that whatever the harbour board decides, “the pier will stay open "
        "all winter.”"
    )
    found = _view(text)
    mixed = [v for v in found if v[1] == "mixed"]
    assert mixed == [
        (
            "that whatever the harbour board decides, “the pier will stay open all winter.”",
            "mixed",
            "Ilse Marrow",
            "Ilse Marrow",
            "said",
        )
    ]
    assert not [v for v in found if v[1] == "direct"]
    partial = [v for v in found if v[1] == "partial"]
    assert partial and partial[0][2] == "Ilse Marrow"


def test_a_quotation_after_a_cue_of_its_own_stays_direct() -> None:
    _needs_parser()
    text = "Jonas Quist said the ferry was late again and added, “We will fix the timetable.”"
    direct = [v for v in _view(text) if v[1] == "direct"]
    assert [v[0] for v in direct] == ["We will fix the timetable."]


def test_words_running_into_a_quotation_before_its_speaker_make_it_mixed() -> None:
    text = "But “if the toll goes up, nobody will cross,” said Brenna Tolvik."
    mixed = [v for v in _view(text) if v[1] == "mixed"]
    assert [(v[0], v[2]) for v in mixed] == [
        ("But “if the toll goes up, nobody will cross,”", "Brenna Tolvik")
    ]


def test_a_speaker_named_after_the_cue_keeps_the_words_before_the_name() -> None:
    _needs_parser()
    text = "“The locks are ready,” said Ohio delegate Mara Quist."
    (found,) = _view(text)
    assert found[3] == "Ohio delegate Mara Quist"


def test_a_closing_mark_set_apart_from_a_nested_quote_closes() -> None:
    text = "“They told us, ‘Wait until spring,’ ” Ilse Marrow said. “We waited.”"
    found = _view(text)
    assert [v[1] for v in found] == ["direct", "direct"]
    assert all(v[2] == "Ilse Marrow" for v in found)
