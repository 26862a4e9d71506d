"""No false alarms: what real multi-story coverage showed to be mistaken for conflicts
(people sharing a surname, middle names, short forms, polls' margins of error, quoted
words, figures held by different names, reports of different events) is not reported,
and the real disagreements next to them still are."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import pytest

from newsprism.claims.conflicts import name_conflicts
from newsprism.claims.extract import extract_claims
from newsprism.claims.grouping import group_claims
from newsprism.eval import conflicts as conflicts_eval
from newsprism.model import Article, Entity
from newsprism.relate.relations import relate
from newsprism.stages.base import RunContext, registered


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


def _conflicts(*texts: str) -> list[dict[str, Any]]:
    """Every conflict the batch stages report for ``texts``, one article of its own outlet
    each (as ``newsprism eval conflicts`` runs its pairs)."""
    articles = [conflicts_eval.article(text, f"outlet-{n}", n) for n, text in enumerate(texts)]
    ctx = RunContext()
    records: Iterable[Any] = articles
    for name in conflicts_eval.STAGES:
        records = registered()[name]().run(records, ctx)
    for _ in records:
        pass
    assert not ctx.errors
    return [c.contract() for c in ctx.results["claims"]["conflicts"]]


def _kinds(conflicts: list[dict[str, Any]]) -> list[str]:
    return [c["kind"] for c in conflicts]


def test_two_people_of_one_surname_named_in_one_article_are_not_a_name_conflict() -> None:
    conflicts = _conflicts(
        "Harbour Minister Ilse Marrow said the Orla gates held overnight in Velmora. Her "
        "brother, the engineer Piet Marrow, inspected the barrier with her on Monday.",
        "Engineer Piet Marrow said the barrier at Velmora would be inspected again.",
    )
    assert "name" not in _kinds(conflicts) and "internal" not in _kinds(conflicts)


def test_one_role_given_two_first_names_is_still_a_name_conflict() -> None:
    conflicts = _conflicts(
        "Velmora Harbour Minister Ilse Marrow said the Orla gates held overnight.",
        "The Orla gates held overnight, Velmora Harbour Minister Anna Marrow told reporters.",
    )
    (name,) = [c for c in conflicts if c["kind"] == "name"]
    assert {v["value"] for v in name["values"]} == {"Ilse", "Anna"}


def test_a_short_form_and_a_middle_name_are_one_name() -> None:
    conflicts = _conflicts(
        "Port director Edward Brannock said the Tarnholm quay would reopen on Friday.",
        "The Tarnholm quay reopens on Friday, port director Ed Brannock said.",
        "Port director Edward Lisle Brannock said Tarnholm's quay would reopen on Friday.",
    )
    assert not [c for c in conflicts if c["kind"] in ("name", "internal")]


def test_a_surname_mistyped_once_in_an_article_is_an_internal_conflict() -> None:
    text = (
        "Mayor Tomas Hallgren opened the Saltrun flood shelter on Monday. Hallgren said the "
        "shelter would stay open all week. Hallgren added that volunteers were welcome. Later, "
        "Hallrgen told reporters that the river had crested."
    )
    (internal,) = [c for c in _conflicts(text) if c["kind"] == "internal"]
    assert [v["value"] for v in internal["values"]] == ["Hallgren", "Hallrgen"]
    evidence = internal["values"][1]["evidence"][0]
    assert text[evidence["start"] : evidence["end"]] == "Hallrgen"


def test_a_transliteration_or_a_plural_is_not_a_misspelt_surname() -> None:
    conflicts = _conflicts(
        "President Andriy Lysenkyy visited Velmora. Lysenkyy said aid would come. Lysenky "
        "thanked the volunteers. The Lysenkys left on Tuesday, and Lysenkyy flew home."
    )
    assert "internal" not in _kinds(conflicts)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (  # each poll has its own margin of error
            "The Velmora poll has a margin of error of plus or minus 3.5 percentage points.",
            "The Velmora poll has a margin of error of plus or minus 3.1 percentage points.",
        ),
        (  # someone's words: the quote clusters show how they differ
            "“We lost 40 gates in the storm,” Marrow said of the Orla barrier in Velmora.",
            "“We lost 38 gates in the storm,” Marrow said of the Orla barrier in Velmora.",
        ),
        (  # figures held by different names
            "Kessler won 41 percent of the vote in the Velmora primary on Tuesday.",
            "Brandt won 35 percent of the vote in the Velmora primary on Tuesday.",
        ),
        (  # what could be against what is
            "The Orla barrier could reopen on Tuesday, engineers in Velmora said.",
            "The Orla barrier reopened on Thursday, engineers in Velmora said.",
        ),
        (  # a stock share of two different things
            "Two-thirds of Velmora's harbour workers joined the strike on Monday.",
            "Two-thirds of Velmora's ferry crews joined the strike on Monday.",
        ),
        (  # a difference between two figures against a level
            "The Velmora harbour fund raised $37 million in March, its trustees said.",
            "The Velmora harbour fund came within $4 million of its target in March.",
        ),
        (  # ordinals of different series
            "Velmora opened its third flood shelter on Monday, the council said.",
            "Velmora marked the fifth anniversary of the flood on Monday, the council said.",
        ),
        (  # further figures that all differ: two different tallies
            "In all, 691 delegates are at stake in five Velmora districts on Tuesday.",
            "In all, 865 delegates are at stake in 11 Velmora districts on Tuesday.",
        ),
    ],
)
def test_different_figures_that_are_not_a_disagreement_are_not_conflicts(
    first: str, second: str
) -> None:
    assert not _conflicts(first, second)


def test_the_same_fact_given_two_values_is_still_a_value_conflict() -> None:
    conflicts = _conflicts(
        "The Orla barrier cost 2.4 billion euros, the Velmora harbour ministry said.",
        "Velmora's harbour ministry put the cost of the Orla barrier at 2.9 billion euros.",
    )
    assert "value" in _kinds(conflicts)


_NAMES = "Arnholt Brisk Corvale Dunmere Esk Farrow Galt Hesper Ilfar Jessop Kettle Lorne".split()


def _long_report(identifier: str, figure: str, names: list[str]) -> Article:
    """A report with enough names for its story to rest on evidence."""
    text = (
        f"Turnout in the district vote reached {figure} percent, the election board said. "
        + " ".join(f"{name} of {other} spoke." for name, other in itertools.pairwise(names))
    )
    return _article(identifier, text)


def test_figures_from_reports_of_different_stories_do_not_conflict() -> None:
    first = _long_report("a1", "61", _NAMES)
    second = _long_report("a2", "48", [f"{n}son" for n in _NAMES])
    claims = extract_claims([first, second])
    _, apart = group_claims(claims, {}, {"a1": "s1", "a2": "s2"})
    _, together = group_claims(claims, {}, {"a1": "s1", "a2": "s1"})
    assert not [c for c in apart if c["kind"] == "value"]
    assert [c for c in together if c["kind"] == "value"]


def test_people_of_one_surname_in_different_stories_are_not_compared() -> None:
    articles = [
        _article("a1", "Harbour Minister Ilse Marrow said the Orla gates held."),
        _article("a2", "Harbour Minister Anna Marrow said the Orla gates held."),
    ]
    entity = Entity(
        id="e1",
        name="Ilse Marrow",
        type="PERSON",
        role="Harbour Minister",
        variants=("Anna Marrow",),
        articles=("a1", "a2"),
        conflict_candidate=True,
        first_names=("Anna", "Ilse"),
    )
    assert not name_conflicts([entity], articles, {"a1": "s1", "a2": "s2"})
    assert [c["kind"] for c in name_conflicts([entity], articles, {"a1": "s1", "a2": "s1"})] == [
        "name"
    ]


def test_common_names_of_a_days_coverage_do_not_make_its_stories_one() -> None:
    common = "President Halvard Stoltz of Velmora addressed Parliament."
    events = [
        "Arnholt Brisk Corvale Dunmere Esk Farrow Galt Hesper",
        "Ilfar Jessop Kettle Lorne Mardle Norrey Osgar Pellam",
        "Quenby Rusk Sallow Thurn Ulvar Vesk Wollin Yarrow",
        "Zettel Abbot Birkin Cullis Dorran Embry Fenner Gorsk",
    ]
    articles = [
        _article(f"a{i}", f"{common} " + " ".join(f"{n} met {n}." for n in names.split()))
        for i, names in enumerate(events * 2)
    ]
    stories = relate(articles).stories
    # Each event's two reports are one story; the four events are four stories.
    assert sorted(len(s.articles) for s in stories) == [2, 2, 2, 2]


def test_two_outlets_numbering_one_meeting_differently_is_a_value_conflict() -> None:
    conflicts = _conflicts(
        "Ministers met in Brussels for the 26th meeting of the Velmora contact group.",
        "The 25th meeting of the Velmora contact group took place in Brussels on Wednesday.",
    )
    (value,) = [c for c in conflicts if c["kind"] == "value"]
    assert sorted(v["value"] for v in value["values"]) == ["25th", "26th"]


def test_a_claim_says_who_holds_its_figure_and_where() -> None:
    (claim,) = extract_claims(
        [
            _article(
                "a1", "Harbour Minister Ilse Marrow said 1,200 people were evacuated in Velmora."
            )
        ]
    )
    assert claim["scope"] == {"who": ["Ilse Marrow"], "where": ["Velmora"]}


def _value_conflicts(first: str, second: str) -> list[dict[str, Any]]:
    claims = extract_claims([_article("a1", first), _article("a2", second)])
    _, conflicts = group_claims(claims, {})
    return [c for c in conflicts if c["kind"] == "value"]


def test_a_figure_beside_others_of_its_kind_is_not_set_against_a_lone_figure() -> None:
    lone = "The Orla council will elect 25 delegates at the harbour convention on Saturday."
    other = "The Orla council will elect 29 delegates at the harbour convention on Saturday."
    among = (
        "The Orla council will elect 23 of its 29 delegates at the harbour convention on Saturday."
    )
    assert _value_conflicts(lone, other)  # one figure each: they disagree
    assert not _value_conflicts(lone, among)  # which of 23 and 29 answers 25 is not known
