"""Metadata: outlet with its evidence, dates, languages and titles, never invented."""

from __future__ import annotations

from newsprism.clean.extract import extract_document
from newsprism.clean.metadata import (
    date_from_url,
    describe,
    normalise_date,
    outlet_from_host,
    readable_outlet,
)
from newsprism.model import RawDocument
from newsprism.stages.base import RunContext
from newsprism.stages.clean import clean_document

BODY = (
    "The harbour council voted on Tuesday to rebuild the flood gates before the winter storms, "
    "ending months of argument over the cost of the work."
)


def _article(text: str, **meta: str):
    doc = extract_document(RawDocument("s.txt", None, text, "text", meta))
    return describe(clean_document(doc, RunContext()))


def test_footer_names_the_outlet_and_is_kept_as_evidence() -> None:
    article = _article(f"{BODY}\n\nRead more at QuaysidePost.example\n")
    assert article.outlet == "Quayside Post"
    assert ("footer", "Quayside Post") in [(e.method, e.text) for e in article.outlet_evidence]


def test_the_container_outlet_wins_but_other_evidence_is_kept() -> None:
    article = _article(f"{BODY}\n\nRead more at QuaysidePost.example\n", outlet="Feed Name")
    assert article.outlet == "Feed Name"
    assert {e.method for e in article.outlet_evidence} == {"container", "footer"}


def test_wire_credit_is_evidence_of_wire_origin() -> None:
    article = _article(f"Minister Ilse Marrow (left) at the quay.\nLena Ostrova/AP\n{BODY}\n")
    assert ("wire-credit", "AP") in [(e.method, e.text) for e in article.outlet_evidence]


def test_follow_byline_names_the_outlet() -> None:
    article = _article(f"{BODY}\nFollow Quay Post's Jo Brek on X.\n")
    assert article.outlet == "Quay Post"


def test_no_signal_means_no_outlet() -> None:
    assert _article(BODY).outlet is None


def test_dates_are_normalised_or_left_unknown() -> None:
    assert normalise_date("2026-02-03T10:00:00Z") == "2026-02-03T10:00:00+00:00"
    assert normalise_date("published 2026-02-03 at noon") == "2026-02-03"
    assert normalise_date("last Tuesday") is None
    assert date_from_url("https://x.example/2025/02/13/story") == "2025-02-13"
    assert date_from_url("https://x.example/story") is None


def test_language_is_identified_offline_and_not_guessed_for_tiny_texts() -> None:
    german = _article(
        "Der Hafenrat hat am Dienstag beschlossen, die Fluttore vor den Winterstürmen neu zu bauen."
    )
    assert german.language == "de"
    assert _article("OK.").language is None


def test_host_names_and_domains_become_readable_outlets() -> None:
    assert outlet_from_host("https://www.quaysidepost.co.uk/news/1") == "quaysidepost"
    assert readable_outlet("DailyHarbour.com") == "Daily Harbour"
    assert readable_outlet("Harbour Herald") == "Harbour Herald"


def test_title_comes_from_a_leading_heading() -> None:
    article = _article(f"Flood gates to be rebuilt\n{BODY}\n")
    assert article.title == "Flood gates to be rebuilt"


def test_title_comes_from_the_alt_text_of_the_opening_image_read_once() -> None:
    headline = "Harbour council backs new flood gates"
    article = _article(f"![{headline} {headline}](https://img.example/gates.jpg)\n{BODY}\n")
    assert article.title == headline


def test_a_photo_description_in_alt_text_is_not_a_title() -> None:
    article = _article(
        f"![Workers stand by the old flood gate.](https://img.example/g.jpg)\n{BODY}\n"
    )
    assert article.title is None


def test_an_image_after_the_first_paragraph_gives_no_title() -> None:
    article = _article(
        f"{BODY}\n![Harbour council backs new flood gates](https://img.example/g.jpg)\n"
    )
    assert article.title is None


def test_a_spun_agency_credit_names_the_agency() -> None:
    article = _article(
        f"{BODY}\n\nRelated Press Writer Jo Brek in Riga contributed to this report.\n"
    )
    assert ("wire-credit", "AP") in [(e.method, e.text) for e in article.outlet_evidence]
    assert article.outlet == "AP"


def test_an_unknown_agency_in_a_credit_is_evidence_but_never_the_outlet() -> None:
    article = _article(f"{BODY}\n\nTidewater Press Writer Jo Brek contributed to this report.\n")
    assert ("contributor-note", "Tidewater Press") in [
        (e.method, e.text) for e in article.outlet_evidence
    ]
    assert article.outlet is None
