"""Stage "quote_clusters": the same statement across the batch's articles, and who it is.

Each quote of the batch gets its cluster (the same words in other outlets, their variant
kind, the best version) through ``quotes/cluster.py``, counted by independent sources from
the relate stage's sources, with spun copies flagged from the spin stage; each speaker is
linked to the person the entities stage found (``speaker_entity``). The dossier's
``quotes`` and ``quote_clusters`` sections are this stage's output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from newsprism.config import integer, number, option
from newsprism.entities.resolve import entity_for
from newsprism.model import Article, Entity, QuoteLineage, RelateResult, SpinResult
from newsprism.quotes.cluster import (
    MIN_CLUSTER_WORDS,
    SAME_QUOTE_RATIO,
    SPUN_QUOTE_RATIO,
    cluster_quotes,
    quote_records,
)
from newsprism.stages.base import BatchStage, RunContext, register


@dataclass(frozen=True, slots=True)
class Options:
    same_quote_ratio: float = option(
        SAME_QUOTE_RATIO, number(0, 100), "similarity (0-100) of two wordings of one quote"
    )
    spun_quote_ratio: float = option(
        SPUN_QUOTE_RATIO,
        number(0, 100),
        "similarity (0-100) of a spun copy's quote with words swapped",
    )
    min_words: int = option(MIN_CLUSTER_WORDS, integer(1), "words a quote needs to be clustered")


@register
class QuoteClustersStage(BatchStage):
    name: ClassVar[str] = "quote_clusters"
    version: ClassVar[str] = "2"
    requires: ClassVar[frozenset[str]] = frozenset({"quotes"})
    produces: ClassVar[frozenset[str]] = frozenset({"quote_clusters"})
    options_type: ClassVar[type[Options]] = Options
    options: Options

    def empty(self) -> QuoteLineage:
        return QuoteLineage()

    def compute(self, articles: list[Article], ctx: RunContext) -> QuoteLineage:
        related: RelateResult = ctx.results.get("relate") or RelateResult()
        source_of = {
            article: source.id for source in related.sources for article in source.articles
        }
        spin: SpinResult | None = ctx.results.get("spin")
        clusters, assignment = cluster_quotes(
            articles,
            source_of or None,
            relations=related.relations,
            spin=spin.articles if spin is not None else None,
            same_ratio=self.options.same_quote_ratio,
            spun_ratio=self.options.spun_quote_ratio,
            min_words=self.options.min_words,
        )
        people: tuple[Entity, ...] | None = ctx.results.get("entities")
        quotes = quote_records(
            articles,
            assignment,
            (lambda speaker: entity_for(speaker, people)) if people is not None else None,
        )
        return QuoteLineage(quotes=tuple(quotes), quote_clusters=tuple(clusters))
