"""Who said what: the story's main speakers, each with their most-reported statements and,
for each wording of a statement, the articles and outlets that carry it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from newsprism.brief.evidence import outlets_of, span_dict, support
from newsprism.model import Article, ClusteredQuote, Entity, QuoteLineage
from newsprism.sources import Borrowed


def speakers(
    lineage: QuoteLineage | None,
    entities: Sequence[Entity] | None,
    articles: Mapping[str, Article],
    source_of: Mapping[str, str],
    borrowed: Borrowed,
    *,
    max_speakers: int,
    max_quotes: int,
) -> list[dict[str, Any]]:
    """The speakers quoted in the most articles, their statements by independent sources."""
    if lineage is None:
        return []
    by_entity = {e.id: e for e in entities or ()}
    quotes = [q for q in lineage.quotes if q.article in articles and q.speaker]
    of_speaker: dict[str, list[ClusteredQuote]] = defaultdict(list)
    for q in quotes:
        of_speaker[q.speaker_entity or f"name:{q.speaker}"].append(q)
    ranked = sorted(
        of_speaker.items(),
        key=lambda item: (-len({q.article for q in item[1]}), -len(item[1]), item[0]),
    )
    found = []
    for key, said in ranked[:max_speakers]:
        entity = by_entity.get(key)
        statements: dict[str, list[ClusteredQuote]] = defaultdict(list)
        for q in said:
            statements[q.cluster or q.id].append(q)
        listed = []
        for group in statements.values():
            spans = [(q.article, q.start, q.end) for q in group]
            backing = support(spans, articles, source_of, borrowed)
            versions: dict[str, list[ClusteredQuote]] = defaultdict(list)
            for q in group:
                versions[q.text].append(q)
            listed.append(
                {
                    "text": max(versions.items(), key=lambda v: (len(v[1]), v[0]))[0],
                    "cluster": group[0].cluster,
                    **backing,
                    "versions": [
                        {
                            "text": text,
                            "evidence": [
                                span_dict(articles, (q.article, q.start, q.end)) for q in members
                            ],
                            "outlets": outlets_of(articles, [q.article for q in members]),
                        }
                        for text, members in sorted(
                            versions.items(), key=lambda v: (-len(v[1]), v[0])
                        )
                    ],
                }
            )
        listed.sort(key=lambda s: (-s["independent_sources"], -len(s["articles"]), s["text"]))
        found.append(
            {
                "speaker": entity.name if entity is not None else said[0].speaker,
                "entity": entity.id if entity is not None else None,
                "role": entity.role if entity is not None else None,
                "articles": sorted({q.article for q in said}),
                "statements": listed[:max_quotes],
            }
        )
    return found
