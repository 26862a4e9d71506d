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
