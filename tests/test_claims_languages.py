"""Figures in the number formats of other languages are read right or not at all: the
article's language decides the decimal and group marks (CLDR through Babel) and the scale,
percent and currency words (``claims/languages.py``); a numeral the grammar cannot read,
or a language without a grammar, gives no figure rather than a truncated one. The
sentences are made up for these tests."""

from __future__ import annotations

import json

import pytest

from newsprism import api
from newsprism.claims.quantities import find_quantities

from .conftest import SAMPLE_CORPUS


def _read(text: str, language: str | None) -> list[tuple[str, float, float | None, str | None]]:
    return [(q.text, q.value, q.high, q.unit) for q in api.quantities(text, language)]


def _claimed(text: str, language: str) -> list[tuple[float, str | None]]:
    return [(c.value, c.unit) for c in api.claims(text, language=language)]


def test_german_decimal_comma_thousands_dot_and_scale_words() -> None:
    text = (
        "Die Brücke über den Fluss Alvenbach kostet 2,4 Milliarden Euro, rund 60.000 Menschen "
        "pendeln täglich, die Stadt zählt 1.234,5 Mio. € Schulden und 12 000 Einwohner; "
        "die Maut steigt um 5 Prozent."
    )
    assert _read(text, "de") == [
        ("2,4 Milliarden Euro", 2.4e9, None, "euro"),
        ("60.000 Menschen", 60000.0, None, "menschen"),
        ("1.234,5 Mio. €", 1234.5e6, None, "euro"),
        ("12 000 Einwohner", 12000.0, None, "einwohner"),
        ("5 Prozent", 5.0, None, "percentage"),
    ]
    assert (2.4e9, "euro") in _claimed(text, "de")
    assert (5.0, "%") in _claimed(text, "de")


def test_french_narrow_space_groups_and_millions_d_euros() -> None:
    text = (
        "La mairie de Quervelle prévoit 3,5 millions d'euros pour 60\u202f000 habitants, "
        "et 2 milliards de dollars de dette, soit 4 pour cent du budget."
    )
    assert _read(text, "fr") == [
        ("3,5 millions d'euros", 3.5e6, None, "euro"),
        ("60\u202f000 habitants", 60000.0, None, "habitants"),
        ("2 milliards de dollars", 2e9, None, "dollar"),
        ("4 pour cent", 4.0, None, "percentage"),
    ]
    assert (4.0, "%") in _claimed(text, "fr")


def test_spanish_mil_millones_and_por_ciento() -> None:
    text = (
        "El puerto de Marvela invertirá 2,4 mil millones de euros, 3,5 millones de dólares "
        "más y llegará a 60.000 visitantes, un 7,5 por ciento más."
    )
    assert _read(text, "es") == [
        ("2,4 mil millones de euros", 2.4e9, None, "euro"),
        ("3,5 millones de dólares", 3.5e6, None, "dollar"),
        ("60.000 visitantes", 60000.0, None, "visitantes"),
        ("7,5 por ciento", 7.5, None, "percentage"),
    ]


def test_italian_miliardi_milioni_and_per_cento() -> None:
    text = (
        "La regione di Valtessa spenderà 1,8 miliardi di euro e 250 milioni di dollari "
        "per 45.000 famiglie, il 3,2 per cento del bilancio."
    )
    assert _read(text, "it") == [
        ("1,8 miliardi di euro", 1.8e9, None, "euro"),
        ("250 milioni di dollari", 2.5e8, None, "dollar"),
        ("45.000 famiglie", 45000.0, None, "famiglie"),
        ("3,2 per cento", 3.2, None, "percentage"),
    ]


def test_dutch_miljard_miljoen_and_procent() -> None:
    text = (
        "De gemeente Oosterwaal trekt 2,4 miljard euro uit, 3,5 miljoen dollar komt erbij "
        "voor 60.000 inwoners en de huur stijgt 1,5 procent."
    )
    assert _read(text, "nl") == [
        ("2,4 miljard euro", 2.4e9, None, "euro"),
        ("3,5 miljoen dollar", 3.5e6, None, "dollar"),
        ("60.000 inwoners", 60000.0, None, "inwoners"),
        ("1,5 procent", 1.5, None, "percentage"),
    ]


def test_portuguese_mil_milhoes_bilhoes_and_por_cento() -> None:
    text = (
        "A cidade de Lourém vai gastar 2,4 mil milhões de euros, 3,5 bilhões de dólares e "
        "7 milhões de euros para 60.000 pessoas, 4,5 por cento do orçamento."
    )
    assert _read(text, "pt") == [
        ("2,4 mil milhões de euros", 2.4e9, None, "euro"),
        ("3,5 bilhões de dólares", 3.5e9, None, "dollar"),
        ("7 milhões de euros", 7e6, None, "euro"),
        ("60.000 pessoas", 60000.0, None, "pessoas"),
        ("4,5 por cento", 4.5, None, "percentage"),
    ]


def test_polish_no_break_space_groups_and_mld() -> None:
    assert _read("Miasto Dębowo wyda 2,4 mld zł na 60\u00a0000 osób.", "pl") == [
        ("2,4 mld zł", 2.4e9, None, "polish zloty"),
        ("60\u00a0000 osób", 60000.0, None, "osób"),
    ]


def test_a_range_shares_the_scale_of_its_top() -> None:
    assert _read("Es kostet zwischen 2 und 3 Millionen Euro.", "de") == [
        ("2 und 3 Millionen Euro", 2e6, 3e6, "euro")
    ]
    assert _read("Es kostet 2 bis 3 Milliarden Euro.", "de") == [
        ("2 bis 3 Milliarden Euro", 2e9, 3e9, "euro")
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Version 1.234.5 des Programms kostet nichts.", "de"),  # groups not of three
        ("Der Zug fährt am 11.03.2026 um 14.30 Uhr.", "de"),  # a date and a clock time
        ("Le chiffre 3.5 circule dans la presse.", "fr"),  # a dot that is neither mark
        ("Bron kostar 2,4 miljarder kronor.", "sv"),  # no number grammar known
    ],
)
def test_a_figure_that_cannot_be_read_gives_no_claim(text: str, language: str) -> None:
    assert _read(text, language) == []
    assert api.claims(text, language=language) == []


def test_days_of_the_month_are_no_figures() -> None:
    assert _read("Am 11. März kamen 40 Gäste.", "de") == [("40 Gäste", 40.0, None, "gäste")]
    assert _read("El 11 de marzo llegaron 40 invitados.", "es") == [
        ("40 invitados", 40.0, None, "invitados")
    ]


def test_english_and_unknown_language_read_as_before() -> None:
    text = "The bridge costs €2.4bn, 60,000 people cross it, 4% of GDP, 1,234.5 tonnes."
    before = find_quantities(text)
    assert [(q.value, q.unit) for q in before] == [
        (2.4e9, "euro"),
        (60000.0, "people"),
        (4.0, "percentage"),
        (1234.5, "metric ton"),
    ]
    assert find_quantities(text, language="en") == before
    assert find_quantities(text, language="en-GB") == before
    assert find_quantities(text, language=None) == before


def test_spans_are_offsets_into_the_original_text() -> None:
    text = "Rund 60\u202f000 Menschen zahlen 2,4 Mrd. €."
    for quantity in find_quantities(text, language="de"):
        assert text[quantity.start : quantity.end] == quantity.text


def test_the_german_sample_article_reads_its_billions_and_its_thousands() -> None:
    feed = SAMPLE_CORPUS / "wire_feed.jsonl"
    if not feed.exists():
        pytest.skip(f"the sample corpus is not at {feed}")
    records = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    german = next(r for r in records if r.get("language") == "de")
    claimed = api.claims(german["text"], language=german["language"])
    values = {(c.value, c.unit) for c in claimed}
    assert (2.4e9, "euro") in values
    assert any(c.value == 60000 and c.unit and c.unit.isalpha() for c in claimed)
    assert not any(c.value in (2.0, 60.0) for c in claimed)  # never the truncated readings
