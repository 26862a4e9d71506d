"""Where the versions came from: each article's parent (the article it copies, spins,
translates or excerpts), the share of its text taken from the parent, the articles that
are independent reports (the originals of each source), and per article how much of it
is wire copy and from which agency."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsprism.brief.evidence import first_seen
from newsprism.model import COPY_KINDS, Article, Relation, Source
from newsprism.text.spans import covered_length

KIND_LABEL = {
    "duplicate": "copy",
    "near-duplicate": "copy",
    "spun-copy": "spun copy",
    "translation": "translation",
    "shares-passages": "partial copy",
}


def _covered(relation: Relation, child: str, length: int) -> float:
    """The share of the child's text that its shared passages with the parent cover."""
    if length <= 0:
        return 0.0
    spans = (
        (p.a_start, p.a_end) if relation.a == child else (p.b_start, p.b_end)
        for p in relation.passages
    )
    return round(min(1.0, covered_length(spans) / length), 3)


def credited_agency(article: Article) -> str | None:
    """The news agency the article's metadata credits (a wire credit, an agency byline or
    dateline: ``clean/metadata.py``), or None."""
    return next((e.text for e in article.outlet_evidence if e.method == "wire-credit"), None)


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def _readable(agency: str, articles: Mapping[str, Article]) -> str:
    """A credit's abbreviation ("CP") as the outlet of the batch it stands for ("Continental
    Press"), where one outlet's initials are exactly it."""
    names = {a.outlet for a in articles.values() if a.outlet and len(a.outlet.split()) > 1}
    matching = sorted(n for n in names if _initials(n) == agency)
    return matching[0] if len(matching) == 1 else agency


def _wire(
    article: str,
    articles: Mapping[str, Article],
    parent: Mapping[str, tuple[str, str, float]],
) -> dict[str, Any] | None:
    """How much of ``article`` is an agency's copy: its share taken from the original of
    its derivation chain where that original is credited to an agency (``share``, through
    its parent), or only the credit where the agency's own text is not in the batch
    (``share`` null); an agency's own copy is its own origin, all of it wire copy."""
    chain = [article]
    while chain[-1] in parent and len(chain) <= len(parent):
        chain.append(parent[chain[-1]][0])
    origin = chain[-1]
    agency = credited_agency(articles[origin]) if origin != article else None
    if agency is not None:
        readable = _readable(agency, articles)
        return {"agency": readable, "origin": origin, "share": parent[article][2]}
    own = credited_agency(articles[article])
    if own is None:
        return None
    readable = _readable(own, articles)
    if readable == articles[article].outlet:  # the agency's own copy
        return {"agency": readable, "origin": article, "share": 1.0}
    return {"agency": readable, "origin": None, "share": None}


def derivation(
    articles: Mapping[str, Article],
    relations: Sequence[Relation],
    sources: Sequence[Source],
    spun: frozenset[str],
) -> dict[str, Any]:
    """The derivation forest of one story's articles (relations with their final
    direction), listed depth first from each original."""
    parent: dict[str, tuple[str, str, float]] = {}
    undirected: list[dict[str, Any]] = []
    edges = []
    for r in relations:
        if r.kind not in COPY_KINDS or r.a not in articles or r.b not in articles:
            continue
        if r.derived not in (r.a, r.b):
            undirected.append({"a": r.a, "b": r.b, "kind": r.kind, "score": r.score})
            continue
        child = r.derived
        origin = r.b if child == r.a else r.a
        share = _covered(r, child, len(articles[child].text))
        edges.append((-share, child, origin, r.kind))
    for negative_share, child, origin, kind in sorted(edges):
        if child in parent:
            continue
        cursor: str | None = origin
        while cursor is not None and cursor != child:  # no cycles: origin must not descend
            cursor = parent[cursor][0] if cursor in parent else None
        if cursor is None:
            parent[child] = (origin, kind, -negative_share)
    children: dict[str, list[str]] = {}
    for child, (origin, _, _) in sorted(parent.items()):
        children.setdefault(origin, []).append(child)
    nodes: list[dict[str, Any]] = []

    def visit(article: str, depth: int) -> None:
        origin, kind, share = parent.get(article, (None, None, None))
        nodes.append(
            {
                "article": article,
                "outlet": articles[article].outlet,
                "parent": origin,
                "kind": KIND_LABEL.get(kind) if kind else None,
                "relation": kind,
                "share": share,
                "depth": depth,
                "spun": article in spun,
                "published": articles[article].published,
                "wire": _wire(article, articles, parent),
            }
        )
        for child in children.get(article, ()):
            visit(child, depth + 1)

    for article in articles:
        if article not in parent:
            visit(article, 0)
    independent = []
    for source in sources:
        members = [a for a in source.articles if a in articles]
        if not members:
            continue
        roots = [a for a in members if a not in parent]
        earliest = first_seen(articles, roots)
        original = next((a for a in roots if articles[a].published == earliest), None)
        independent.append(
            {
                "source": source.id,
                "original": original if original is not None else (roots or members)[0],
                "articles": members,
            }
        )
    return {"independent": independent, "nodes": nodes, "undirected": undirected}
