"""The clean stage: kinds and reasons per paragraph, duplicates in other typography, exact spans."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from newsprism.clean.extract import extract_document
from newsprism.model import Article, RawDocument
from newsprism.stages.base import RunContext
from newsprism.stages.clean import clean_document

GOLDEN = Path(__file__).parent / "golden" / "clean"

WIRE_COPY = """Harbour gates fail as storm surge hits Velmora

VELMORA — The tidal gates of the old harbour failed on Tuesday night, flooding the market quarter, officials said.

"We lost power to the pumps at 11pm," said harbour master Ilse Marrow. "The backup never started."

\u201cWe lost power to the pumps at 11pm,\u201d said harbour master Ilse Marrow. \u201cThe backup never started.\u201d

Repairs will cost about €2.4 billion - more than the city spends on transport in a year.

Repairs will cost about €2.4 billion \u2013 more than the city spends on transport in a year.

Want more stories like this from the Harbour Herald? Follow us for more of the news you need.

Want more stories like this from the Harbour Herald? Follow us for more of the news you need.

***

Read more at HarbourHerald.example
"""

PHOTO_PAGE = """Minister Tomas Vendel (left) speaks with engineers at the flooded quay, Wednesday.
Lena Ostrova/CP
hide caption
toggle caption
Lena Ostrova/CP
The city council met in emergency session on Wednesday to approve the first repair contracts.
By Aino Keskar
Residents of the market quarter were told they could return on Friday, the council said.
___
Keskar reported from Velmora. Continental Press writer Jo Brek contributed to this report.
"""


def _clean(text: str, fmt: str = "text") -> Article:
    doc = extract_document(RawDocument("sample.txt", None, text, fmt))  # type: ignore[arg-type]
    return clean_document(doc, RunContext())


def _golden_view(article: Article) -> dict:
    return {
        "text": article.text,
        "paragraphs": [
            {
                "kind": p.kind,
                "reason": p.reason,
                "start": p.start,
                "end": p.end,
                "duplicate_of": p.duplicate_of,
                "raw": p.raw,
            }
            for p in article.paragraphs
        ],
    }


@pytest.mark.parametrize("name,text", [("wire_copy", WIRE_COPY), ("photo_page", PHOTO_PAGE)])
def test_clean_output_matches_golden_file(name: str, text: str) -> None:
    view = _golden_view(_clean(text))
    path = GOLDEN / f"{name}.json"
    if os.environ.get("NEWSPRISM_UPDATE_GOLDEN") == "1" or not path.exists():
        path.write_text(json.dumps(view, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert view == json.loads(path.read_text(encoding="utf-8"))


def test_repeated_paragraphs_in_other_quote_and_dash_styles_are_duplicates() -> None:
    article = _clean(WIRE_COPY)
    duplicates = [p for p in article.paragraphs if p.kind == "duplicate"]
    assert len(duplicates) == 2
    for duplicate in duplicates:
        assert duplicate.reason.startswith("duplicate-typography")
        original = article.paragraphs[duplicate.duplicate_of]
        assert original.kind == "body"


def test_a_promo_line_printed_twice_is_boilerplate_not_a_duplicate() -> None:
    article = _clean(WIRE_COPY)
    promos = [p for p in article.paragraphs if p.raw.startswith("Want more stories")]
    assert [p.kind for p in promos] == ["boilerplate", "boilerplate"]
    assert "Read more" not in article.text and "***" not in article.text


def test_captions_credits_toggles_bylines_and_contributor_notes_are_removed() -> None:
    article = _clean(PHOTO_PAGE)
    kinds = [p.kind for p in article.paragraphs]
    assert kinds == [
        "caption",
        "credit",
        "boilerplate",
        "boilerplate",
        "credit",
        "body",
        "byline",
        "body",
        "boilerplate",
        "byline",
    ]
    assert article.text.startswith("The city council met")


def test_fuzzy_duplicates_differing_by_a_few_characters() -> None:
    paragraph = (
        "The council approved the repair plan on Tuesday after a debate that lasted most of the "
        "night, with eleven members in favour and four against the proposal."
    )
    changed = paragraph.replace("most of", "much of")
    article = _clean(f"{paragraph}\n\n{changed}\n")
    assert [p.kind for p in article.paragraphs] == ["body", "duplicate"]
    assert article.paragraphs[1].reason.startswith("duplicate-fuzzy")


def test_short_lines_repeated_as_a_template_are_kept() -> None:
    rows = "\n".join(
        f"Step {i}: add the flour\nBake for twenty minutes at medium heat until golden."
        for i in range(3)
    )
    article = _clean(rows)
    assert Counter(p.kind for p in article.paragraphs)["duplicate"] == 0


def test_kept_paragraph_spans_are_exact_in_the_clean_text() -> None:
    for text in (WIRE_COPY, PHOTO_PAGE):
        article = _clean(text)
        for paragraph in article.paragraphs:
            if paragraph.kind in ("body", "heading"):
                assert article.text[paragraph.start : paragraph.end] == paragraph.text
            else:
                assert paragraph.start is None and paragraph.end is None


def test_counts_of_kinds_and_removal_reasons_are_recorded() -> None:
    ctx = RunContext()
    clean_document(extract_document(RawDocument("s", None, WIRE_COPY, "text")), ctx)
    assert ctx.removed["duplicate-typography"] == 2
    assert ctx.removed["promo"] == 2
    assert ctx.removed["separator"] == 1
    assert ctx.removed["read-more-footer"] == 1


def test_raw_keeps_the_paragraph_as_it_came_in_and_text_is_normalised() -> None:
    broken = (
        "The caf\u00c3\u00a9 on the quay\u00a0reopened on Thursday after the flood waters receded."
    )
    article = _clean(broken + "\n")
    (paragraph,) = article.paragraphs
    assert paragraph.raw == broken
    assert (
        paragraph.text
        == "The café on the quay reopened on Thursday after the flood waters receded."
    )
    assert article.text == paragraph.text


def test_a_verbless_name_and_place_line_is_a_photo_caption() -> None:
    text = (
        "Harbour Minister Ilse Marrow in Velmora.\n\n"
        "The minister toured the flooded quarter on Wednesday and promised repairs before winter.\n\n"
        "The council met in Velmora.\n"
    )
    kinds = [p.kind for p in _clean(text).paragraphs]
    assert kinds == ["caption", "body", "body"]


def test_a_long_title_case_line_inside_the_body_is_a_related_link() -> None:
    text = (
        "The council voted on Tuesday to rebuild the barrier gates before the winter storms.\n"
        "Harbour Minister Promises New Gates for Every Town on the Coast Within Two Years\n"
        "Repairs will start next month and take about six weeks, the council said.\n"
        "What comes next\n"
        "The summit meets on Friday to agree on the money.\n"
    )
    article = _clean(text)
    kinds = [p.kind for p in article.paragraphs]
    assert kinds == ["body", "boilerplate", "body", "heading", "body"]
    assert article.paragraphs[1].reason.startswith("related-link")
