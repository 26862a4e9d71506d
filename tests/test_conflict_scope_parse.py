"""Different figures that real coverage showed are not a disagreement, read from the day
a sentence names and from its parse: another named day, a what-if in a main clause,
tallies of different subjects, a share of a counted total against one of no stated total.
The same fact given two values on one day is still a conflict."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from newsprism.claims.count_units import parse
from newsprism.claims.scope import day_names
from newsprism.claims.subjects import agents_and_moods
from newsprism.eval import conflicts as conflicts_eval
from newsprism.stages.base import RunContext, registered

needs_parser = pytest.mark.skipif(
    parse("one") is None, reason="the spaCy model package (en_core_web_sm) is not installed"
)


def _conflicts(*texts: str) -> list[dict[str, Any]]:
    articles = [conflicts_eval.article(text, f"outlet-{n}", n) for n, text in enumerate(texts)]
    ctx = RunContext()
    records: Iterable[Any] = articles
    for name in conflicts_eval.STAGES:
        records = registered()[name]().run(records, ctx)
    for _ in records:
        pass
    assert not ctx.errors
    return [c.contract() for c in ctx.results["claims"]["conflicts"]]


def test_a_named_day_keeps_the_words_that_name_it_and_not_the_report_date() -> None:
    assert day_names("Going into Super Tuesday, Kessler held a 26-seat lead.") == {"super tuesday"}
    assert day_names("On Tuesday, Kessler held a 26-seat lead.") == {"tuesday"}
    assert day_names("Kessler held a 26-seat lead, officials said on Tuesday.") == frozenset()


@needs_parser
def test_a_main_clause_would_is_a_what_if_and_a_reported_future_is_not() -> None:
    what_if = "Kessler would beat him 53 percent to 36 percent."
    reported = "The harbour board said it would cut 500 jobs."
    (agent, hypothetical), (_, reported_hypothetical) = agents_and_moods(
        [(what_if, 22, 32), (reported, 37, 40)]
    )
    assert (agent, hypothetical) == ("kessler", True)
    assert reported_hypothetical is False


@needs_parser
@pytest.mark.parametrize(
    ("first", "second"),
    [
        (  # figures for two different named days
            "Going into Super Tuesday, Kessler held a 26-delegate lead in the Velmora race.",
            "Going into Tuesday's contests, Kessler held a 214-delegate lead in the Velmora race.",
        ),
        (  # a what-if against a result
            "Kessler beat Brandt 51% to 36% in the Velmora primary.",
            "Kessler would beat Brandt 53 percent to 36 percent in the Velmora primary.",
        ),
        (  # tallies of different subjects
            "Kessler beats Brandt by 46 percent to 42 percent, according to the Velmora poll.",
            "Brandt leads by 57 percent to 33 percent in the Velmora poll.",
        ),
        (  # a share of one contest's counted total against a share of no stated total
            "Kessler won 73 percent of 223 votes cast to earn four Velmora delegates.",
            "Kessler won 31 percent, picking up four Velmora delegates.",
        ),
    ],
)
def test_figures_of_other_days_moods_subjects_or_totals_are_not_conflicts(
    first: str, second: str
) -> None:
    assert not [c for c in _conflicts(first, second) if c["kind"] == "value"]


@needs_parser
def test_two_values_for_one_named_day_are_still_a_value_conflict() -> None:
    conflicts = _conflicts(
        "On Super Tuesday, the Velmora harbour board cut 500 jobs at the Orla yard.",
        "On Super Tuesday, the Velmora harbour board cut 800 jobs at the Orla yard.",
    )
    assert "value" in [c["kind"] for c in conflicts]
