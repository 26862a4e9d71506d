"""Figures are compared as intervals: what each written figure allows (its bound, range and
rounding) must meet the other's for two reports to agree."""

from __future__ import annotations

from newsprism.api import claims
from newsprism.claims.compare import compared_interval, interval, intervals_meet


def test_a_rounded_figure_allows_half_a_step_of_its_last_digit() -> None:
    assert interval(66.0, None, None, 1.0) == (65.5, 66.5)


def test_whole_figures_whose_rounding_only_touches_do_not_meet() -> None:
    assert not intervals_meet(interval(4.0, None, None, 1.0), interval(5.0, None, None, 1.0))
    assert intervals_meet(interval(7.0, None, None, 1.0), interval(6.93, None, None, 0.01))


def test_a_lower_bound_is_open_above_but_compared_within_its_reach() -> None:
    assert interval(500.0, None, "lower", 1.0) == (499.5, None)
    low, high = compared_interval(500.0, None, "lower", 1.0, bound_share=0.15)
    assert (low, high) == (499.5, 575.5)
    assert intervals_meet((low, high), (530.0, 530.0))
    assert not intervals_meet((low, high), (2000.0, 2000.0))


def test_nearly_and_about_reach_below_and_either_side() -> None:
    low, high = interval(40.0, None, "near", 1.0, near_share=0.15)
    assert (low, high) == (34.0, 40.5)
    low, high = interval(7000.0, None, "about", 1.0, about_share=0.10)
    assert low is not None and high is not None
    assert low <= 6500 and high >= 7500


def test_a_range_is_the_interval_of_its_two_ends() -> None:
    assert interval(10.0, 12.0, None, 1.0) == (9.5, 12.5)
    assert interval(61.0, 38.0, None, 1.0) == (61.0, 61.0)  # a tally, not a range


def test_a_claim_shows_the_interval_its_written_figure_allows() -> None:
    found = claims("The barrier cost $66bn to build. More than 500 people were evacuated.")
    by_text = {c.text: (c.low_bound, c.high_bound) for c in found}
    assert by_text["$66bn"] == (65.5e9, 66.5e9)
    more = next(bounds for text, bounds in by_text.items() if "500" in text)
    assert more[0] is not None and more[0] < 500 and more[1] is None
