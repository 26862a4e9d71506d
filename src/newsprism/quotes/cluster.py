"""Quote lineage: the same quotation across articles forms one cluster.

Members are compared on typography-folded words: equal words are an "exact" variant, a
quotation contained in a longer one is "partial", otherwise close wording is "wording".
The best version is the wording most members share, the longest on a tie.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.fuzz import partial_ratio, ratio

from newsprism.model import Article, Quote
from newsprism.textkey import fold

SAME_QUOTE_RATIO = 85.0
CONTAINED_RATIO = 92.0
MIN_CLUSTER_WORDS = 4


@dataclass(frozen=True, slots=True)
class ClusterMember:
    article: Article
    index: int
    quote: Quote
    key: str


def quote_id(article: Article, index: int) -> str:
    """Stable: the article's id and the quote's place in it."""
    return f"q{article.id[1:]}-{index + 1}"


def _variant(member: str, best: str) -> str:
    if member == best:
        return "exact"
    if len(member) < len(best) and partial_ratio(member, best) >= CONTAINED_RATIO:
        return "partial"
    return "wording"


def cluster_quotes(
    articles: Sequence[Article], source_of: dict[str, str] | None = None
) -> tuple[list[dict[str, object]], dict[str, str]]:
    """Return the contract's ``quote_clusters`` and a map quote id -> cluster id.

    ``source_of`` maps article ids to independent-source groups (from the relations stage);
    without it ``independent_sources`` is null, since copies must not count twice."""
    members = [
        member
        for article in articles
        for index, quote in enumerate(article.quotes)
        if len((member := ClusterMember(article, index, quote, fold(quote.text))).key.split())
        >= MIN_CLUSTER_WORDS
    ]
    groups: list[list[ClusterMember]] = []
    for member in members:
        for group in groups:
            head = group[0].key
            short, long = sorted((member.key, head), key=len)
            if ratio(member.key, head) >= SAME_QUOTE_RATIO or (
                partial_ratio(short, long) >= CONTAINED_RATIO and len(short) >= 20
            ):
                group.append(member)
                break
        else:
            groups.append([member])
    clusters: list[dict[str, object]] = []
    assignment: dict[str, str] = {}
    for group in groups:
        if len({m.article.id for m in group}) < 2:
            continue
        counts = Counter(m.key for m in group)
        best_key = max(counts, key=lambda k: (counts[k], len(k)))
        best = next(m for m in group if m.key == best_key)
        speakers = Counter(m.quote.speaker for m in group if m.quote.speaker)
        cluster_id = f"qc{len(clusters) + 1}"
        for m in group:
            assignment[quote_id(m.article, m.index)] = cluster_id
        clusters.append(
            {
                "id": cluster_id,
                "speaker": speakers.most_common(1)[0][0] if speakers else None,
                "text": best.quote.text,
                "members": [
                    {"quote": quote_id(m.article, m.index), "variant": _variant(m.key, best_key)}
                    for m in group
                ],
                "independent_sources": (
                    len({source_of.get(m.article.id, m.article.id) for m in group})
                    if source_of is not None
                    else None
                ),
                "outlets": len({m.article.outlet or m.article.id for m in group}),
            }
        )
    return clusters, assignment


def quote_records(
    articles: Sequence[Article], assignment: dict[str, str]
) -> list[dict[str, object]]:
    """The contract's ``quotes`` list (with ``mention`` and ``partial`` as extensions)."""
    records: list[dict[str, object]] = []
    for article in articles:
        for index, quote in enumerate(article.quotes):
            identifier = quote_id(article, index)
            records.append(
                {
                    "id": identifier,
                    "article": article.id,
                    "start": quote.start,
                    "end": quote.end,
                    "text": quote.text,
                    "speaker": quote.speaker,
                    "speaker_entity": None,
                    "cue": quote.cue,
                    "cluster": assignment.get(identifier),
                    "mention": (
                        {"start": quote.mention_start, "end": quote.mention_end}
                        if quote.mention_start is not None
                        else None
                    ),
                    "partial": quote.partial,
                }
            )
    return records
