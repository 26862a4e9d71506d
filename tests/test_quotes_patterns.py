"""Attribution patterns, one by one: who said it, the words naming them, and null speakers.

Every text here is made up for the test. Each row is (pattern, text, expected speaker of
the first quote, expected mention words, expected cue).
"""

from __future__ import annotations

import pytest

from newsprism.quotes.attribute import attribute

CASES = [
    (
        "NYT-style '' marks, speaker after",
        "Officials met on Monday.\n\n''The gates held,'' Mr. Quist said. ''We were lucky.''",
        "Quist",
        "Mr. Quist",
        "said",
    ),
    (
        "a dash after the quotation",
        "“The water came in an hour.”― Petra Haldane\n“I lost the shop.” ― Omar Ferro",
        "Petra Haldane",
        "Petra Haldane",
        "―",
    ),
    (
        "a wrong-facing mark opening a paragraph",
        "Readers wrote.\n\n”The council failed us all this winter and nobody answered.” ― Lena Brek",
        "Lena Brek",
        "Lena Brek",
        "―",
    ),
    (
        "a participle after a comma: the sentence's subject speaks",
        "Mayor Tomas Vendel criticised the ministry over the pumps, saying, “They ignored every warning.”",
        "Tomas Vendel",
        "Mayor Tomas Vendel",
        "saying",
    ),
    (
        "a participle right after a name: that name speaks",
        "The clip shows Ilse Marrow asking, “Why was nobody told?”",
        "Ilse Marrow",
        "Ilse Marrow",
        "asking",
    ),
    (
        "a colon hands the quotation to the subject",
        "On Tuesday, Rafael Onduro made the following remark:\n\n“We will rebuild the quay before winter.”",
        "Rafael Onduro",
        "Rafael Onduro",
        ":",
    ),
    (
        "the cue opening the sentence",
        "The debate went on. Said Onduro: “Nobody here wants a new levy.”",
        "Onduro",
        "Onduro",
        "Said",
    ),
    (
        "a title resolved to the one who holds it",
        "Harbour Minister Ilse Marrow visited Velmora. “We lost the gates,” the minister said.",
        "Ilse Marrow",
        "the minister",
        "said",
    ),
    (
        "a role noun naming anyone refers back",
        "Defence Secretary Jonas Quist arrived. “We will not pay for this alone,” the new port chief said.",
        "Jonas Quist",
        "the new port chief",
        "said",
    ),
    (
        "an article opening “…,” he said: the person the next paragraphs name speaking",
        "“We are meeting at a difficult moment,” he said.\n\nMayor Tomas Vendel said the city would pay.",
        "Tomas Vendel",
        "he",
        "said",
    ),
    (
        "an apposition belongs to the mention, a prepositional phrase does not",
        "“We need the money now,” said Lena Brek, a council engineer, in a statement.",
        "Lena Brek",
        "Lena Brek, a council engineer",
        "said",
    ),
    (
        "an aside between the mention and the cue",
        "“We need the money now,” Lena Brek, the council engineer, said at a press conference.",
        "Lena Brek",
        "Lena Brek, the council engineer",
        "said",
    ),
    (
        "an organisation speaking",
        "“Every option is on the table,” the Ministry of Transport said.",
        "Ministry of Transport",
        "the Ministry of Transport",
        "said",
    ),
    (
        "lower-case words before a role and a name",
        "“We were never warned,” said flood widow Petra Haldane.",
        "Petra Haldane",
        "flood widow Petra Haldane",
        "said",
    ),
    (
        "a person of an organisation",
        "“It was the least bad outcome,” Mr. Ferro of the Port Workers Union said.",
        "Ferro",
        "Mr. Ferro of the Port Workers Union",
        "said",
    ),
    (
        "initials and abbreviations do not end the sentence",
        "As Steven M. Quist, a tax lawyer, recently put it, “Did they pay or not?”",
        "Steven M. Quist",
        "Steven M. Quist, a tax lawyer",
        "put it",
    ),
    (
        "a word dating the title belongs to the mention",
        "“We built it to last,” said former Velmora governor Ilse Marrow.",
        "Ilse Marrow",
        "former Velmora governor Ilse Marrow",
        "said",
    ),
    (
        "a second apposition belongs to the mention, a participle after it does not",
        "“Nobody checked the pumps,” said Rafael Onduro, director of Harbour Watch, a "
        "monitoring group, noting that the log was empty.",
        "Rafael Onduro",
        "Rafael Onduro, director of Harbour Watch, a monitoring group",
        "said",
    ),
    (
        "any description right after the quotation",
        "“Nobody here is worried about it,” the insider said.",
        None,
        "the insider",
        "said",
    ),
    (
        "a speech verb beyond said and told",
        "“The barrier will hold for a century,” Vendel exclaimed.",
        "Vendel",
        "Vendel",
        "exclaimed",
    ),
    (
        "a name and a colon opening the line",
        "Both were asked about the barrier.\n\nMarrow: “It held, and it will hold again.”",
        "Marrow",
        "Marrow",
        ":",
    ),
    (
        "a headline, a dash, a name and a colon",
        "Flood models were wrong again - Petra Haldane: “We measured the wrong river.”",
        "Petra Haldane",
        "Petra Haldane",
        ":",
    ),
    (
        "an inverted cue opening the sentence",
        "The talk went on.\n\nContinued Vendel: “So the pumps must be replaced.”",
        "Vendel",
        "Vendel",
        "Continued",
    ),
    (
        "a name and a cue alone after the quotation's full stop",
        "Divers went down at dawn.\n\n“The hull is cracked.” Vendel said.",
        "Vendel",
        "Vendel",
        "said",
    ),
]


@pytest.mark.parametrize(("pattern", "text", "speaker", "mention", "cue"), CASES)
def test_attribution_patterns(
    pattern: str, text: str, speaker: str, mention: str, cue: str | None
) -> None:
    first = attribute(text)[0]
    assert first.mention is not None, pattern
    assert (first.speaker, text[first.mention[0] : first.mention[1]], first.cue) == (
        speaker,
        mention,
        cue,
    ), pattern


NULL_SPEAKERS = [
    # Someone the story calls a secretary is not "the energy minister".
    "Defence Secretary Jonas Quist spoke first. “The grid is under attack,” the energy minister said.",
    # An indefinite description names nobody.
    "“The barrier was never tested,” a senior engineer said.",
    # Somebody's adviser, unnamed.
    "“That was outrageous,” Marrow's former campaign adviser said.",
    # The writer.
    "I laughed and said, “I do not believe a word of it.”",
]


@pytest.mark.parametrize("text", NULL_SPEAKERS)
def test_a_speaker_the_text_does_not_name_is_null_with_its_mention(text: str) -> None:
    first = attribute(text)[0]
    assert first.speaker is None
    assert first.mention is not None  # the words are still there to show


def test_it_refers_to_the_document_or_organisation_quoted_before() -> None:
    text = (
        "The Coastal Authority published its report. “The gates failed at night,” the report "
        "said. “Repairs will take a year,” it added."
    )
    assert [a.speaker for a in attribute(text)] == ["the report", "the report"]


def test_the_continuation_of_a_quote_keeps_its_speaker_across_nyt_marks() -> None:
    text = "''The gates held,'' Mr. Quist said.\n\n''Next time we may not be,'' he added.\n\n''We were lucky.''"
    assert [a.speaker for a in attribute(text)] == ["Quist"] * 3


def test_a_quote_continuing_reported_speech_is_partial() -> None:
    text = "Onduro says Marrow’s “plan will fail within a year, whatever the ministry does.”"
    (quote,) = attribute(text)
    assert quote.partial


def test_a_quote_introduced_by_a_cue_without_comma_is_not_partial() -> None:
    text = "Vendel declared “I think the barrier is obsolete and we must replace it.”"
    (quote,) = attribute(text)
    assert not quote.partial and quote.speaker == "Vendel"


def test_he_is_the_subject_of_the_last_sentence_naming_someone_not_the_first() -> None:
    text = (
        "Mayor Tomas Vendel said last month he would ask for more pumps. But speaking on "
        "Friday, Harbour Minister Ilse Marrow ruled that out.\n\n"
        "“There will be no new pumps this year,” she said."
    )
    assert attribute(text)[0].speaker == "Ilse Marrow"


def test_a_sentence_after_the_quotation_does_not_attribute_it() -> None:
    text = (
        "Ilse Marrow said the plan was a “costly illusion”. Velmora says it has built "
        "three barriers since 2019."
    )
    assert attribute(text)[0].speaker != "Velmora"


def test_a_particular_office_nobody_holds_in_the_text_is_not_a_named_person() -> None:
    text = (
        "Velmora says the barrier held. On Tuesday, the Ostravan energy minister said the "
        "grid “continues to be under attack”."
    )
    quote = attribute(text)[0]
    assert quote.speaker is None and quote.mention is not None


def test_an_unnamed_speaker_goes_on_in_the_next_quotation_of_the_paragraph() -> None:
    text = (
        "The talks were hard. “She did not like that,” said a veteran of the campaign. "
        "“She cut the preparation time.”"
    )
    first, second = attribute(text)
    assert first.speaker is None and second.mention == first.mention


def test_a_clause_opening_after_the_quotation_does_not_name_its_speaker() -> None:
    text = (
        "The clip ends with Ilse Marrow saying, “That makes me careful,” when Vendel "
        "criticised her for the delay."
    )
    assert attribute(text)[0].speaker != "Vendel"


def test_a_description_after_that_is_reported_speech_not_a_speaker() -> None:
    text = (
        "In a statement, the Coastal Authority said: “The gates were tested in May,” adding "
        "that its budget doubled in a year."
    )
    assert attribute(text)[0].speaker == "Coastal Authority"


def test_a_sentence_opener_before_a_cue_is_not_a_speaker() -> None:
    text = "When asked whether the gates would hold, she said: “They held in 2019.”"
    quote = attribute(text)[0]
    assert quote.mention is not None and text[quote.mention[0] : quote.mention[1]] == "she"


def test_a_pronoun_inside_a_word_is_not_a_speaker() -> None:
    text = "A think-tank warned that the demands were “unachievable at this time”."
    (quote,) = attribute(text)
    assert quote.speaker is None
