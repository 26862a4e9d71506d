"""A brief of one to three sentences rewritten from a wire text (time words changed,
clauses cut) shares too few word trigrams and names with it to be a copy candidate; it is
still weighed sentence by sentence against the reports of its story, and a brief of
another event is not made a copy."""

from __future__ import annotations

from newsprism.model import Article
from newsprism.relate.candidates import BriefShape
from newsprism.relate.relations import is_brief, relate

WIRE = (
    "A boy left brain damaged after a hospital blunder starved him of oxygen at birth was "
    "today awarded record damages to pay for round-the-clock care. Luke Warren, now eight, "
    "suffered severe injuries when staff at the Northern General Hospital in Sheffield "
    "failed to notice his heartbeat had slowed during labour. His parents said the "
    "settlement, approved at the High Court in London, would give him the care he needed "
    "for the rest of his life. The hospital trust admitted liability last year. Mr Justice "
    "Collins said the family had shown great courage. The trust said it had changed its "
    "procedures since the birth and apologised to the family for the distress caused."
)
BRIEF = (
    "Luke Warren, eight, whose brain was damaged by a blunder at a hospital that starved "
    "him of oxygen when he was born, won damages yesterday to pay for his care."
)
OTHER_EVENT = (
    "Luke Warren, the Sheffield bowler, took five wickets yesterday as Yorkshire beat "
    "Lancashire by an innings at Headingley."
)


def _article(identifier: str, text: str) -> Article:
    return Article(
        id=identifier,
        content_hash=identifier * 4,
        source=f"<{identifier}>",
        line=None,
        format="text",
        url=None,
        outlet=None,
        outlet_evidence=(),
        title=None,
        published=None,
        language="en",
        text=text,
        paragraphs=(),
        input_text=text,
    )


def test_a_one_sentence_text_is_a_brief_and_a_long_report_is_not() -> None:
    assert is_brief(_article("b", BRIEF))
    assert not is_brief(_article("w", WIRE))


def test_a_brief_rewritten_from_the_wire_is_derived_from_it() -> None:
    result = relate([_article("w", WIRE), _article("b", BRIEF)])
    derived = [r for r in result.relations if r.derivation in ("wholly", "partially")]
    assert len(derived) == 1
    assert derived[0].derived == "b"
    relation = derived[0]
    taken = relation.a_taken if relation.a == "b" else relation.b_taken
    assert (taken or 0.0) >= 0.5


def test_a_brief_of_another_event_sharing_a_name_is_not_derived() -> None:
    result = relate([_article("w", WIRE), _article("o", OTHER_EVENT)])
    assert not [r for r in result.relations if r.derivation in ("wholly", "partially")]


def test_the_brief_shape_is_an_option_and_a_text_outside_it_is_not_weighed_as_a_brief() -> None:
    no_briefs = BriefShape(max_sentences=0)
    assert not is_brief(_article("b", BRIEF), no_briefs)
    result = relate([_article("w", WIRE), _article("b", BRIEF)], brief_shape=no_briefs)
    assert not [r for r in result.relations if r.derivation in ("wholly", "partially")]
