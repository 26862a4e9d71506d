"""A count's unit read from the dependency parse: the noun the number modifies, with its
modifiers, as lemmas (``claims/count_units.py``)."""

from __future__ import annotations

import pytest

from newsprism.claims.count_units import is_count_unit, parse
from newsprism.claims.quantities import find_quantities

pytestmark = pytest.mark.skipif(
    parse("one") is None, reason="the spaCy model package (en_core_web_sm) is not installed"
)


def _units(text: str) -> list[str | None]:
    return [q.unit for q in find_quantities(text)]


def test_a_superlative_in_a_group_is_reduced_to_its_lemma() -> None:
    assert _units("It is one of the best phones on sale.") == ["good phone"]


def test_noun_modifiers_of_the_counted_noun_stay_in_the_unit() -> None:
    assert _units("The council built 40 council flats.") == ["council flat"]
    assert _units("She scored 12 league goals.") == ["league goal"]


def test_a_number_counting_a_compound_counts_the_whole_phrase() -> None:
    assert _units("The 11 member trade pact took effect.") == ["member trade pact"]


def test_words_saying_how_many_are_not_part_of_the_unit() -> None:
    assert _units("The club signed six more strikers.") == ["striker"]


def test_lexicon_units_are_not_read_again() -> None:
    assert _units("The road is 12 miles long and cost $5 million.") == ["mile", "dollar"]
    assert not is_count_unit("percentage")
    assert is_count_unit("league goal")


def test_without_the_parse_the_rules_keep_their_reading() -> None:
    text = "It is one of the best phones on sale."
    assert [q.unit for q in find_quantities(text, parse_units=False)] == ["best phone"]


def test_the_subject_reader_reuses_the_parse_the_count_units_made() -> None:
    from newsprism.claims.parses import parsed

    sentence = "The council built 40 council flats last year."
    find_quantities(sentence)
    first = parsed([sentence])
    again = parsed([sentence])
    assert first is not None and again is not None
    assert first[sentence] is again[sentence]
    assert first[sentence][4].lemma_ == ""  # the shared Doc is not changed by its readers


def test_an_ordinal_stays_in_the_unit_and_a_listed_figure_does_not_cut_it_off() -> None:
    assert _units("She was one of the first female pilots.") == ["first female pilot"]
    assert _units("There were seven or eight long delays.")[0] == "long delay"


def test_coordinated_modifiers_both_stay_in_the_unit() -> None:
    assert _units("It polled 500 Democratic and Republican voters.") == [
        "democratic and republican voter"
    ]


def test_the_claims_stage_option_turns_the_parsed_units_off() -> None:
    from newsprism.claims.article import article_claims
    from newsprism.model import Article

    text = "It is one of the best phones on sale."
    article = Article(
        id="a", content_hash="a", source="<text>", line=None, format="text", url=None,
        outlet=None, outlet_evidence=(), title=None, published=None, language=None, text=text,
        paragraphs=(), input_text=text,
    )  # fmt: skip
    parsed_units = [c.unit for c in article_claims(article)]
    rule_units = [c.unit for c in article_claims(article, parse_units=False)]
    assert parsed_units == ["good phone"] and rule_units == ["best phone"]


def test_a_unit_written_before_its_figure_stays_the_unit() -> None:
    from newsprism.claims.quantities import find_quantities

    (quake,) = [q for q in find_quantities("A magnitude 6.4 earthquake struck the coast.")]
    assert quake.unit == "magnitude"


def test_a_vague_amount_in_words_counts_the_head_noun_of_its_of_phrase() -> None:
    units = _units("Volunteers delivered thousands of Orla-19 kits to the coast.")
    assert units[0] is not None and units[0].endswith("kit")


def test_counted_people_named_by_a_proper_noun_keep_their_written_form() -> None:
    assert _units("The outage cut off power to millions of Velmorans on Monday.") == ["velmorans"]


def test_the_parse_reads_a_count_whose_noun_the_rule_took_into_the_figure() -> None:
    # the rule reads "parked buses"; the modifier model drops the participle
    assert _units("The depot holds 70 parked buses.") == ["bus"]


def test_a_bare_figure_counts_the_noun_after_a_measure_between() -> None:
    assert _units("The plant filled nine million 500ml cans of soda.") == ["can", "millilitre"]


def test_a_bare_figure_that_starts_a_range_takes_the_range_unit() -> None:
    first = find_quantities("It does the 0-to-50-mph sprint in 4 seconds.")[0]
    assert (first.value, first.high, first.unit) == (0.0, 50.0, "mile per hour")


def test_a_compound_of_lexicon_units_is_no_count() -> None:
    assert not is_count_unit("square mile")
    assert not is_count_unit("foot pound-force")
    assert _units("The engine makes 400 lb-ft of torque.") == ["foot pound-force"]


def test_a_word_before_the_figure_across_a_preposition_is_not_a_modifier() -> None:
    assert _units("There are a total of six spare seats.") == ["spare seat"]


def test_one_of_a_group_keeps_the_clause_that_says_which() -> None:
    assert _units("She was one of the oldest players to ever score.") == ["old player score"]
