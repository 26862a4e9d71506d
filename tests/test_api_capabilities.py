"""The façade's one call per capability, on a text or a pair: every span it returns is a
character offset into the text given, and cuts out what the record says."""

from __future__ import annotations

from newsprism import api

TEXT = (
    "The council approved a budget of $4.5 million on Tuesday, up 12% from last year.\n\n"
    '"We will rebuild the bridge before winter," said Mayor Ilse Marrow.\n\n'
    'She added that the work was "overdue".'
)


def test_quotes_give_content_mention_and_speaker_spans_into_the_text() -> None:
    found = api.quotes(TEXT)
    first = next(q for q in found if q.kind == "direct")
    assert TEXT[first.start : first.end] == first.text
    assert first.text.startswith("We will rebuild the bridge")
    assert first.speaker == "Ilse Marrow"
    assert first.mention_start is not None and first.mention_end is not None
    assert "Marrow" in TEXT[first.mention_start : first.mention_end]
    assert first.cue == "said"


def test_quantities_read_value_unit_and_span() -> None:
    figures = api.quantities(TEXT)
    money = next(q for q in figures if q.unit == "dollar")
    assert money.value == 4_500_000
    assert TEXT[money.start : money.end] == money.text
    assert any(q.unit == "percentage" and q.value == 12 for q in figures)


def test_claims_of_one_text_point_into_it() -> None:
    found = api.claims(TEXT)
    assert found, "a figure in a sentence is a claim"
    for claim in found:
        assert claim.article == "text"
        assert TEXT[claim.start : claim.end] == claim.sentence
        assert TEXT[claim.value_start : claim.value_end] == claim.text
        assert claim.subject
    assert any(c.unit == "dollar" and c.value == 4_500_000 for c in found)


def test_align_finds_a_rewritten_passage_in_both_texts() -> None:
    wire = (
        "Rescue teams worked through the night to reach villagers cut off by the floods in "
        "the northern valley, where roads and two bridges were washed away on Sunday. "
        "Officials said more than 3,000 people had been moved to shelters in nearby towns."
    )
    paper = "Local news in brief.\n\n" + wire.replace("worked through", "toiled through")
    passages = api.align(wire, paper)
    assert passages
    best = max(passages, key=lambda p: p.a_end - p.a_start)
    assert "Rescue teams" in wire[best.a_start : best.a_end]
    assert "toiled through" in paper[best.b_start : best.b_end]
