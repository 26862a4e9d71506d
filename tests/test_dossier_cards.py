"""What the HTML dossier's cards count and call things: conflict sides by independent
sources, entities with their type."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html

from newsprism.dossier.html import render_html

SAMPLE = Path(__file__).parent / "golden" / "full" / "sample_corpus.dossier.json"


def test_a_conflict_card_counts_independent_sources_not_articles() -> None:
    dossier = json.loads(SAMPLE.read_text(encoding="utf-8"))
    source_of = {a: s["id"] for s in dossier["sources"] for a in s["articles"]}
    conflict = next(k for k in dossier["conflicts"] if k["kind"] == "value")
    side = max(conflict["values"], key=lambda v: len(v["articles"]))
    sources = len({source_of.get(a, a) for a in side["articles"]})
    assert sources < len(side["articles"])  # copies on that side: the two counts differ
    page = lxml.html.document_fromstring(render_html(dossier))
    (card,) = page.xpath(f'//section[@class="conflict"][@id="{conflict["id"]}"]')
    plural = "s" if len(side["articles"]) != 1 else ""
    assert f"{sources} independent source{'s' if sources != 1 else ''} " in card.text_content()
    assert f"({len(side['articles'])} article{plural})" in card.text_content()


def test_the_entity_table_names_each_entity_type() -> None:
    dossier = json.loads(SAMPLE.read_text(encoding="utf-8"))
    page = lxml.html.document_fromstring(render_html(dossier))
    for entity in dossier["entities"]:
        (row,) = page.xpath(f'//tr[@id="{entity["id"]}"]')
        kind = row.xpath("./td")[1].text_content()
        assert kind == {"PERSON": "person", "ORG": "organisation"}.get(entity["type"], "place")
