"""Quote lineage: one cluster per quotation across articles, each member's variant kind,
the best version from the least altered source, and independent sources."""

from __future__ import annotations

import dataclasses

import pytest

from newsprism.model import Article, Quote, QuoteCluster, Relation, SharedPassage, SpinFinding
from newsprism.quotes import cluster as cluster_module
from newsprism.quotes.cluster import cluster_quotes, quote_id

ORIGINAL = "We lost the gates one by one, and for forty minutes we were watching the water rise."


def _article(
    identifier: str, *quotes: str, language: str = "en", outlet: str | None = None
) -> Article:
    text = " ".join(f"“{q}” said Ilse Marrow." for q in quotes)
    found, position = [], 0
    for q in quotes:
        start = text.index(q, position)
        found.append(Quote(start, start + len(q), q, "Ilse Marrow", None, None, "said", False))
        position = start + len(q)
    return Article(
        id=identifier,
        content_hash=identifier * 4,
        source=f"<{identifier}>",
        line=None,
        format="text",
        url=None,
        outlet=outlet or identifier,
        outlet_evidence=(),
        title=None,
        published=None,
        language=language,
        text=text,
        paragraphs=(),
        input_text=text,
        quotes=tuple(found),
    )


def _variants(clusters: list[QuoteCluster]) -> dict[str, str]:
    (only,) = clusters
    return {m.quote: m.variant for m in only.members}


def test_members_are_exact_partial_wording_and_the_best_is_the_shared_wording() -> None:
    articles = [
        _article("a1", ORIGINAL),
        _article("a2", ORIGINAL),
        _article("a3", "for forty minutes we were watching the water rise"),
        _article(
            "a4", "We lost the gates one by one, and for forty minutes we watched the water rise."
        ),
    ]
    clusters, assignment = cluster_quotes(articles)
    variants = _variants(clusters)
    assert clusters[0].text == ORIGINAL
    assert [variants[quote_id(a, 0)] for a in articles] == ["exact", "exact", "partial", "wording"]
    assert set(assignment.values()) == {"qc1"}
    assert clusters[0].independent_sources is None  # no relations stage: unknown


def test_spun_members_from_the_spin_stage_and_never_the_best_version() -> None:
    spun = "We misplaced the gates one after the other, and for forty minutes we had been watching the water rise."
    articles = [_article("a1", spun), _article("a2", ORIGINAL)]
    spin = {
        "a1": SpinFinding(is_spun=True, score=0.5, evidence=(), despun=None),
        "a2": SpinFinding(is_spun=False, score=0.0, evidence=(), despun=None),
    }
    clusters, _ = cluster_quotes(articles, spin=spin)
    assert clusters[0].text == ORIGINAL
    assert _variants(clusters)[quote_id(articles[0], 0)] == "spun"


def test_without_the_spin_stage_an_article_swapping_words_in_several_quotes_is_spun() -> None:
    other = "The city did what it had to do, and now the state must pay for the pumps."
    articles = [
        _article("a1", ORIGINAL, other),
        _article("a2", ORIGINAL, other),
        _article(
            "a3",
            "We misplaced the gates one by one, and for forty minutes we were observing the water climb.",
            "The town did what it needed to do, and now the state must pay for the pumps.",
        ),
        _article(
            "a4",
            "We lost the gates one after another, and for forty minutes we were watching the water rise.",
        ),
    ]
    clusters, _ = cluster_quotes(articles)
    kinds = {m.quote: m.variant for c in clusters for m in c.members}
    assert kinds[quote_id(articles[2], 0)] == "spun" and kinds[quote_id(articles[2], 1)] == "spun"
    assert kinds[quote_id(articles[3], 0)] == "wording"  # one reporter's own edit


def test_translated_members_from_a_translation_relation_or_another_language() -> None:
    german = "Wir haben die Tore eines nach dem anderen verloren, und vierzig Minuten lang sahen wir das Wasser steigen."
    articles = [
        _article("a1", ORIGINAL),
        _article("a2", ORIGINAL),
        _article("a3", german, language="de"),
    ]
    relation = Relation(
        a="a1",
        b="a3",
        kind="translation",
        derived=None,
        score=0.5,
        passages=(SharedPassage(0, len(articles[0].text), 0, len(articles[2].text), "translated"),),
    )
    clusters, _ = cluster_quotes(articles, relations=[relation])
    assert clusters[0].text == ORIGINAL
    assert _variants(clusters)[quote_id(articles[2], 0)] == "translated"


def test_independent_sources_count_source_groups_not_articles() -> None:
    articles = [_article("a1", ORIGINAL), _article("a2", ORIGINAL), _article("a3", ORIGINAL)]
    source_of = {"a1": "src1", "a2": "src1", "a3": "src2"}
    clusters, _ = cluster_quotes(articles, source_of)
    assert clusters[0].independent_sources == 2 and clusters[0].outlets == 3


def test_one_article_alone_makes_no_cluster() -> None:
    clusters, assignment = cluster_quotes([_article("a1", ORIGINAL, ORIGINAL)])
    assert clusters == [] and assignment == {}


def test_quotes_are_compared_with_candidates_only(monkeypatch: pytest.MonkeyPatch) -> None:
    compared = []
    original = cluster_module._link
    monkeypatch.setattr(
        cluster_module,
        "_link",
        lambda a, b, spun=False, *ratios: compared.append((a, b)) or original(a, b, spun, *ratios),
    )
    articles = [
        _article(
            f"a{i}",
            f"Harbour number {i} reported {i} flooded quays and {i * 7} broken pumps today.",
        )
        for i in range(300)
    ]
    cluster_quotes([dataclasses.replace(a) for a in articles])
    assert len(compared) < 300 * 70  # far fewer than the 44,850 pairs


def test_a_sentence_quoting_two_statements_does_not_join_their_clusters() -> None:
    first = "The harbour will never again be left without working flood gates in winter."
    second = "Every pump on the eastern quays must be replaced before the storms of next year."
    mixed = f"{first[:-1]}, and that {second[0].lower()}{second[1:]}"
    articles = [
        _article("a1", first),
        _article("a2", first),
        _article("a3", second),
        _article("a4", second),
        _article("a5", mixed),
    ]
    clusters, assignment = cluster_quotes(articles)
    by_text = {c.text: c for c in clusters}
    assert set(by_text) == {first, second}
    assert assignment[quote_id(articles[0], 0)] != assignment[quote_id(articles[2], 0)]
