"""Quantities: money with currency and scale, percentages and their base, ranges, no dates."""

from __future__ import annotations

import pytest

from newsprism.claims.quantities import find_quantities
from newsprism.eval.registry import run_eval

from .conftest import SHARED


def _read(text: str) -> list[tuple[str, float, float | None, str | None, str | None]]:
    return [(q.text, q.value, q.high, q.unit, q.of) for q in find_quantities(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Repairs cost €2.4 billion.", [("€2.4 billion", 2.4e9, None, "euro", None)]),
        ("The bill came to £1.2bn.", [("£1.2bn", 1.2e9, None, "pound sterling", None)]),
        ("It raised AUD1.5m last year.", [("AUD1.5m", 1.5e6, None, "australian dollar", None)]),
        ("They pledged 4% of GDP by 2030.", [("4%", 4.0, None, "percentage", "GDP")]),
        ("They pledged 4% of their budgets.", [("4%", 4.0, None, "percentage", "budgets")]),
        ("Shares fell 19 per cent.", [("19 per cent", 19.0, None, "percentage", None)]),
        (
            "A range of 252 miles to 287 miles.",
            [("252 miles to 287 miles", 252.0, 287.0, "mile", None)],
        ),
        ("The heater draws 10kW.", [("10kW", 10.0, None, "kilowatt", None)]),
    ],
)
def test_money_percentages_units_and_ranges_are_read(text: str, expected: list) -> None:
    found = _read(text)
    assert [f[:4] for f in found] == [e[:4] for e in expected]
    if expected[0][4]:
        assert found[0][4] and found[0][4].endswith(expected[0][4])


def test_dates_times_ordinals_and_named_numbers_are_not_quantities() -> None:
    assert (
        _read("On Oct. 31 at 10:30, in 2018, the 96th-minute goal in the Big 12 came at 11 a.m.")
        == []
    )


def test_spans_are_exact() -> None:
    text = "About 1,200 residents left as the sea rose 2.3 metres; repairs cost $66.5 billion."
    for quantity in find_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text


@pytest.mark.slow
def test_newsquant_values_meet_their_floors() -> None:
    data = SHARED / "datasets" / "newsquant"
    if not (data / "dev.jsonl").is_file():
        pytest.skip(f"the newsquant data set is not at {data} (../shared is absent)")
    result = run_eval("newsquant", data)
    assert result["passed"], result["failures"]
    halves = result["ours"]["value_unit_f1_halves"]
    assert len(halves) == 2 and result["ours"]["value_unit_f1_gap"] == round(
        abs(halves[0] - halves[1]), 4
    )


def test_newsquant_halves_split_by_sentence_id_not_by_order() -> None:
    from newsprism.eval.newsquant import half_of

    ids = [f"nq-{n:04d}" for n in range(400)]
    assert half_of("nq-0001") == half_of("nq-0001")
    assert 150 < sum(half_of(i) for i in ids) < 250


def test_newsquant_units_are_compared_in_either_number_but_otherwise_exactly() -> None:
    from newsprism.eval.newsquant import unit_key

    assert unit_key("square feet") == unit_key("square foot")
    assert unit_key("Model 3 sedans") == unit_key("model 3 sedan")
    assert unit_key(None) == unit_key("-")
    assert unit_key("gas") != unit_key("ga")  # too short to be a plural
    assert unit_key("previous session") != unit_key("session")


def test_sample_corpus_disagreements_are_found_without_false_alarms(tmp_path) -> None:
    import newsprism

    from .conftest import SAMPLE_CORPUS

    dossier = newsprism.analyze([SAMPLE_CORPUS], out=tmp_path).data
    conflicts = {
        (k["kind"], tuple(sorted(v["value"] for v in k["values"]))) for k in dossier["conflicts"]
    }
    assert ("name", ("Anna", "Ilse")) in conflicts
    assert ("value", ("€2.1bn", "€2.4 billion")) in conflicts
    assert ("attribute", ("% of GDP", "% of budgets")) in conflicts
    assert ("internal", ("Vendel", "Vendl")) in conflicts  # one report mistypes the mayor
    assert len(dossier["conflicts"]) == 4
    texts = {a["id"]: a["text"] for a in dossier["articles"]}
    for conflict in dossier["conflicts"]:
        for value in conflict["values"]:
            for evidence in value["evidence"]:
                assert 0 <= evidence["start"] < evidence["end"] <= len(texts[evidence["article"]])
    for claim in dossier["claims"]:
        assert texts[claim["article"]][claim["start"] : claim["end"]] == claim["sentence"]


def test_seed_name_and_share_conflicts_without_false_alarms(seeds_dir) -> None:
    import newsprism

    dossier = newsprism.analyze([seeds_dir]).data
    kinds = [(k["kind"], sorted(v["value"] for v in k["values"])) for k in dossier["conflicts"]]
    assert ("name", ["John", "Mark"]) in kinds
    assert ("attribute", ["% of GDP", "% of budgets"]) in kinds  # 5% of GDP / of budgets
    assert not any(kind == "value" for kind, _ in kinds)


def test_ages_hyphenated_units_and_abbreviations_get_their_units() -> None:
    from newsprism.claims.quantities import find_quantities

    def units(text: str) -> list[tuple[str, str | None]]:
        return [(q.text, q.unit) for q in find_quantities(text)]

    assert units("A 45-year-old driver and a man aged 62 were hurt.")[0][1] == "year of age"
    assert units("A 45-year-old driver and a man aged 62 were hurt.")[1][1] == "year of age"
    assert units("The plan runs for 5 years.") == [("5 years", "year")]
    assert units("a 6.1-inch screen") == [("6.1-inch", "inch")]
    assert units("a 1.5-litre engine and a 500ml bottle") == [
        ("1.5-litre", "litre"),
        ("500ml", "millilitre"),
    ]


def test_vague_amounts_and_country_dollar_prefixes() -> None:
    from newsprism.claims.quantities import find_quantities

    (crowd,) = find_quantities("Thousands of people marched on Sunday.")
    assert (crowd.value, crowd.high, crowd.unit, crowd.approximate) == (1000, 10000, "people", True)
    us, aud = find_quantities("It earned $US55,931,000, or $A82,615,680.")
    assert (us.value, us.unit) == (55931000, "dollar")
    assert (aud.value, aud.unit) == (82615680, "australian dollar")


def test_a_range_whose_top_names_the_scale_applies_it_to_both_ends() -> None:
    from newsprism.claims.quantities import find_quantities

    (loss,) = find_quantities("Losses of $10 to $15 billion were reported.")
    assert (loss.value, loss.high) == (10e9, 15e9)
    (crowd,) = find_quantities("About four to five thousand people came.")
    assert (crowd.value, crowd.high) == (4000, 5000)


def test_codes_are_not_quantities_and_minus_makes_a_negative() -> None:
    from newsprism.claims.quantities import find_quantities

    assert [q.text for q in find_quantities("The TA-35 index gained 1% and COVID-19 fell.")] == [
        "1%"
    ]
    (cold,) = find_quantities("It can dip to minus-130 degrees.")
    assert cold.value == -130


def test_a_number_inside_a_proper_name_is_not_a_quantity() -> None:
    from newsprism.claims.quantities import find_quantities

    assert find_quantities("The Boeing 787 Dreamliner landed at 49 Zorro Ranch Road.") == []
    assert [q.unit for q in find_quantities("Some 12 Democrats voted no.")] == ["democrat"]


@pytest.mark.parametrize("times", ["", "tens of ", "hundreds of "])
@pytest.mark.parametrize("order", ["dozens", "hundreds", "thousands", "millions", "billions"])
def test_every_vague_amount_reads_as_a_range_of_its_order(times: str, order: str) -> None:
    # "hundreds of billions of dollars" once raised instead of being read.
    [quantity] = find_quantities(f"The plan costs {times}{order} of dollars, officials said.")
    assert quantity.text.startswith(f"{times}{order}")
    assert quantity.high == 10 * quantity.value


def _units(text: str) -> list[tuple[str, float, float | None, str | None]]:
    return [(q.text, q.value, q.high, q.unit) for q in find_quantities(text)]


@pytest.mark.parametrize(
    "text,unit",
    [
        ("The tank holds 40 liters.", "litre"),
        ("A 2.0l petrol engine.", "litre"),
        ("The film is 0.02 millimeters thick.", "millimetre"),
        ("Each bar weighs 90g.", "gram"),
        ("The chip runs at 3.2GHz.", "gigahertz"),
        ("A 144Hz panel.", "hertz"),
        ("A 75kWh battery pack.", "kilowatt hour"),
        ("Plans start at 100Mbps.", "megabit per second"),
        ("It reached 120 km/hr on the test track.", "kilometre per hour"),
        ("The alloy is rated at 60 ksi.", "kilopound per square inch"),
        ("Tyres are inflated to 32 psi.", "pound per square inch"),
        ("Water boils at 100 C at sea level.", "celsius"),
        ("The charger delivers 18 W.", "watt"),
        ("The engine makes 400 Nm of torque.", "newton metre"),
        ("It delivers 310 lb-ft of torque.", "foot pound-force"),
        ("The pixels are 1.4 μm wide.", "micrometre"),
        ("The shares closed at 212p.", "point"),
        ("Wheat output fell to 9.1m tonnes.", "metric ton"),
        ("The pitcher was worth 2.3 WAR last season.", "win above replacement"),
        ("She averages 8.2 rpg and 5.1 apg.", "rebound per game"),
    ],
)
def test_unit_symbols_and_american_spellings_get_british_canonical_names(
    text: str, unit: str
) -> None:
    assert _units(text)[0][3] == unit


def test_a_unit_joined_by_a_hyphen_is_read_from_the_vocabulary() -> None:
    assert _units("a 210-hp engine") == [("210-hp", 210.0, None, "horsepower")]
    assert _units("a 30-mpg hatchback") == [("30-mpg", 30.0, None, "mile per gallon")]
    assert _units("a 3.6-liter V-6")[0][3] == "litre"
    assert _units("a six-cylinder engine") == [("six-cylinder", 6.0, None, "cylinder")]
    assert _units("a five-year plan") == []  # a description, not a figure


@pytest.mark.parametrize(
    "text,unit",
    [
        ("Membership costs $12 a month.", "dollar per month"),
        ("The board approved a dividend of $1.10 per share.", "dollar per share"),
        ("Fees rose by up to £30 a-year.", "pound sterling per year"),
        ("Diesel sold for €1.65 per litre.", "euro per litre"),
        ("Office space lets at $45 per square foot.", "dollar per square foot"),
        ("Warehouses rent at $95 per sq m.", "dollar per square metre"),
        ("Silver traded at $23.40 an ounce.", "dollar per ounce"),
        ("A 90,000 barrel-a-day plant.", "barrel per day"),
        ("The ride costs 4 euros per person.", "euro per person"),
    ],
)
def test_a_price_per_thing_or_period_is_a_rate(text: str, unit: str) -> None:
    assert _units(text)[0][3] == unit


def test_a_rate_names_the_range_it_ends() -> None:
    (price,) = _units("Tickets will cost between $40 and $55 per seat.")
    assert price[1:] == (40.0, 55.0, "dollar per seat")
    assert _units("Profits rose 4% a year earlier.")[0][3] == "percentage"


def test_currencies_named_by_country_code_or_symbol_after_the_figure() -> None:
    assert _units("A fine of 3.2 million Canadian dollars.")[0][3] == "canadian dollar"
    assert _units("Bonds worth 800 New Zealand dollars.")[0][3] == "new zealand dollar"
    assert _units("Phones sell for 4,999 Chinese yuan.")[0][3] == "chinese yuan"
    assert _units("It closed at 151.20 JPY on Friday.")[0][3] == "japanese yen"
    assert _units("A laptop for 950€ was returned.")[0][3] == "euro"
    assert _units("Fares rose 40 cents.")[0][3] == "cent"
    assert _units("The bid was C $9.50 a share.")[0][3] == "canadian dollar per share"


@pytest.mark.parametrize(
    "word,lemma",
    [
        ("viruses", "virus"),
        ("children", "child"),
        ("countries", "country"),
        ("movies", "movie"),
        ("matches", "match"),
        ("houses", "house"),
        ("wolves", "wolf"),
        ("heroes", "hero"),
        ("firemen", "fireman"),
        ("crises", "crisis"),
        ("series", "series"),
        ("bonus", "bonus"),
        ("Israelis", "israeli"),
    ],
)
def test_counts_name_what_they_count_in_the_singular(word: str, lemma: str) -> None:
    assert _units(f"Officials counted 14 {word} overall.")[0][3] == lemma


def test_a_count_names_its_whole_noun_phrase() -> None:
    assert _units("They tested three different vaccines.")[0][3] == "different vaccine"
    assert _units("Crews logged 2,100 lightning strikes.")[0][3] == "lightning strike"
    assert _units("The lake covers 42 square miles.")[0][3] == "square mile"
    assert _units("The fridge holds 18.5 cubic feet.")[0][3] == "cubic foot"
    assert _units("The bank cut rates by 25 basis points.")[0][3] == "basis point"
    assert _units("Flats start at 600 sq ft.")[0][3] == "square foot"
    assert _units("The club signed six more strikers.")[0][3] == "striker"
    assert _units("Bids came in 15k cheaper.")[0][3] is None  # a comparative, not a unit


def test_ages_figures_joined_by_or_and_member_of_a_group() -> None:
    assert _units("Pupils under the age of 11 years walked.")[0][3] == "year of age"
    assert [q[3] for q in _units("a 10- or 12-inch pan")] == ["inch", "inch"]
    assert [q[3] for q in _units("It costs 6 or $7.")] == ["dollar", "dollar"]
    assert _units("She is one of the fastest runners alive.")[0][1:] == (
        1.0,
        None,
        "fast runner",  # the lemma, as NewsQuant writes it (with the parser installed)
    )
    (share,) = _units("It is one of five finalists.")
    assert (share[1], share[3]) == (0.2, "fraction")


def test_ranges_need_compatible_units_and_a_real_span() -> None:
    assert [q[1:3] for q in _units("The stock rose 6.2% to 48.10.")] == [(6.2, None), (48.1, None)]
    assert [q[1:3] for q in _units("Sales grew by $4 billion to $20 billion.")] == [
        (4e9, None),
        (20e9, None),
    ]
    assert _units("The match ended 3-3.")[0][1:3] == (3.0, None)
    assert _units("Adults need 1800 - 2200 calories.")[0][1:] == (1800.0, 2200.0, "calorie")
    assert _units("Staff grew from 1000 to 2000 engineers.")[0][1:3] == (1000.0, 2000.0)
    assert _units("Units range from 300 sq ft up to 700 sq ft.")[0][1:3] == (300.0, 700.0)
    assert _units("Between 1990 and 2010 the town doubled.") == []


def test_era_years_day_ranges_and_product_numbers_are_not_quantities() -> None:
    assert _units("The fort was built in A.D. 1150 by monks.") == []
    assert _units("The fair runs Sept. 12-16 in town.") == []
    assert _units("The iPhone 13 sold well.") == []
    assert _units("A .300 hitter retired.")[0][1] == 0.3


def test_a_vote_tally_after_by_is_one_tally_and_a_change_then_a_level_is_two() -> None:
    (tally,) = find_quantities("The bill passed the senate by 58 votes to 41 on Thursday.")
    assert (tally.value, tally.high, tally.unit) == (58.0, 41.0, "vote")
    change, level = find_quantities("Fares rose by 8% to 3.65 euros.")
    assert change.unit == "percentage" and level.unit == "euro"


def test_trillions_written_trn_keep_their_scale() -> None:
    (gdp,) = find_quantities("Velmora's economy was worth around $2.9trn last year.")
    assert (gdp.value, gdp.unit) == (2.9e12, "dollar")


def test_a_singular_compound_after_a_figure_is_what_it_counts() -> None:
    assert _units("We booked a four course dinner for the team.")[0][3] == "course dinner"
    assert _units("The 12 nation defence pact, signed in May, holds.")[0][3] == (
        "nation defence pact"
    )
    assert _units("The firm sells two petrol-only hybrid models.")[0][3] == (
        "petrol-only hybrid model"
    )
    assert _units("Officials counted 14 series overall.")[0][3] == "series"
    assert _units("About 300 remain missing.")[0][3] == "remain"  # not "remain missing"


def test_a_or_an_before_a_scale_word_is_one() -> None:
    assert _units("They bought a million dollar flat.")[0][1:4] == (1e6, None, "dollar")
    assert _units("Nearly a thousand fans waited.")[0][1:4] == (1000.0, None, "fan")
    assert _units("Half a million people marched.")[0][1] == 500_000.0


def test_a_bare_figure_takes_the_unit_of_a_parallel_figure() -> None:
    assert [q[3] for q in _units("The index lost 41.27 points to close at 5,208.64.")] == [
        "point",
        "point",
    ]
    assert [q[3] for q in _units("Some 51200 tenants moved and 38700 who stayed.")] == [
        "tenant",
        "tenant",
    ]
    assert [q[3] for q in _units("Sales hit 4.1 million cars, up from 3.6 million in 2021.")] == [
        "car",
        "car",
    ]
    assert _units("The top estimate is 91.40 cents; the low is 80.15.")[1][3] == "cent"


def test_parallel_units_skip_small_whole_numbers_percentages_and_other_sentences() -> None:
    assert _units("He scored 31 points and his side won by 8.")[1][3] is None
    assert _units("Inflation fell 2.35% and the index ended at 4.12.")[1][3] is None
    assert _units("It sold 12,500 tickets. The hall seats 14,200.")[1][3] is None


def test_written_fractions_of_a_unit() -> None:
    assert _units("Add 1/8 of a US pint of milk.")[0][1:4] == (0.125, None, "pint")
    assert _units("They ran a 1/4-mile sprint.")[0][1:4] == (0.25, None, "mile")
    assert _units("A drill bit 3/8 inch wide.")[0][1:4] == (0.375, None, "inch")
    assert _units("The 9/11 memorial opens 24/7.") == []


def test_scientific_notation() -> None:
    (light,) = find_quantities("Light travels at 2.998×10^8 metres per second.")
    assert light.value == pytest.approx(2.998e8) and light.unit == "metre per second"
    (small,) = find_quantities("The mass is 9.11×10−31 kg.")
    assert small.value == pytest.approx(9.11e-31) and small.unit == "kilogram"
    (e_form,) = find_quantities("A rate of 4.5E-6 per year was found.")
    assert e_form.value == pytest.approx(4.5e-6)
    assert _units("A 2x10 beam held.") == []


def test_metres_written_m_before_a_dimension_or_conversion() -> None:
    assert _units("A 52m (171ft) crane fell.")[0][1:4] == (52.0, None, "metre")
    assert _units("The 80m-long hull was towed.")[0][1:4] == (80.0, None, "metre")
    assert _units("The 80m contract was signed.")[0][1] == 80e6


def test_suspended_hyphens_share_the_last_unit() -> None:
    assert _units("It sells two-, three- and four-bedroom homes.") == [
        ("two", 2.0, None, "bedroom"),
        ("three", 3.0, None, "bedroom"),
        ("four-bedroom", 4.0, None, "bedroom"),
    ]
    assert _units("They offer four- to six-cylinder engines.")[0][1:4] == (4.0, 6.0, "cylinder")


def test_hyphenated_ranges_sub_bounds_and_era_ranges() -> None:
    assert _units("It does 0-to-62-mph in four seconds.")[0][1:4] == (0.0, 62.0, "mile per hour")
    (sub,) = find_quantities("The sub-300 sq m flat market is busy.")
    assert (sub.value, sub.unit, sub.bound) == (300.0, "square metre", "upper")
    assert _units("The abbey stood between A.D. 900 and 1140 on the hill.") == []


def test_a_rate_after_a_bracketed_conversion() -> None:
    first, second = find_quantities("The bid was C$8 (US$5.90) per share in cash.")
    assert (first.text, first.unit) == ("C$8", "canadian dollar per share")
    assert second.unit == "dollar"


def test_a_change_from_one_amount_to_another_across_a_few_words_is_a_range() -> None:
    found = find_quantities("Gold slid from $1,910 on Monday morning to $1,875, traders said.")
    assert [(q.value, q.high, q.unit) for q in found] == [(1910.0, 1875.0, "dollar")]
    # a clause break between them: two figures
    found = find_quantities("Sales rose from $5 million, the filing says, to $9 million.")
    assert len(found) == 2


def test_two_amounts_of_one_currency_joined_by_a_slash_are_a_range() -> None:
    found = find_quantities("Analysts see the shares at $12/$15 next year.")
    assert [(q.value, q.high, q.unit) for q in found] == [(12.0, 15.0, "dollar")]
