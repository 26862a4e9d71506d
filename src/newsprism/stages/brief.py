"""Stage "brief": each story's brief — what its coverage agrees on, where it disagrees,
who said what, where each version came from, the timeline and what only one source
carries (``brief/``). Reads the results of relate, spin, entities, claims and
quote_clusters; without relate there are no stories and no briefs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from newsprism.brief.build import (
    MAX_EVENTS,
    MAX_SINGLE,
    MAX_SPEAKERS,
    MAX_STATEMENTS,
    MIN_SOURCES,
    MIN_STATEMENT_WORDS,
    story_briefs,
)
from newsprism.brief.units import MIN_SHARED_WORDS, SAME_FACT_CONTAINMENT
from newsprism.config import integer, number, option
from newsprism.model import Article, RelateResult
from newsprism.stages.base import BatchStage, RunContext, register


@dataclass(frozen=True, slots=True)
class Options:
    same_fact_containment: float = option(
        SAME_FACT_CONTAINMENT,
        number(0, 1),
        "share (0-1) of the shorter sentence's content words the other holds for one fact",
    )
    min_shared_words: int = option(
        MIN_SHARED_WORDS, integer(1), "content words two sentences must share to report one fact"
    )
    min_statement_words: int = option(
        MIN_STATEMENT_WORDS, integer(1), "content words a sentence needs to be a statement"
    )
    min_sources: int = option(
        MIN_SOURCES, integer(2), "independent sources an agreed statement needs"
    )
    max_statements: int = option(MAX_STATEMENTS, integer(1), "agreed statements per story at most")
    max_single_source: int = option(
        MAX_SINGLE, integer(0), "single-source statements per story at most"
    )
    max_speakers: int = option(MAX_SPEAKERS, integer(0), "speakers per story at most")
    max_events: int = option(MAX_EVENTS, integer(0), "timeline events per story at most")


@register
class BriefStage(BatchStage):
    name: ClassVar[str] = "brief"
    version: ClassVar[str] = "2"
    requires: ClassVar[frozenset[str]] = frozenset({"relations"})
    produces: ClassVar[frozenset[str]] = frozenset({"brief"})
    options_type: ClassVar[type[Options]] = Options
    options: Options

    def empty(self) -> dict[str, Any]:
        return {}

    def compute(self, articles: list[Article], ctx: RunContext) -> dict[str, Any]:
        related: RelateResult = ctx.results.get("relate") or RelateResult()
        claimed = ctx.results.get("claims") or {}
        o = self.options
        return story_briefs(
            articles,
            related,
            ctx.results.get("spin"),
            ctx.results.get("entities"),
            ctx.results.get("quote_clusters"),
            claimed.get("conflicts") or (),
            containment=o.same_fact_containment,
            min_shared=o.min_shared_words,
            min_words=o.min_statement_words,
            min_sources=o.min_sources,
            max_statements=o.max_statements,
            max_single=o.max_single_source,
            max_speakers=o.max_speakers,
            max_events=o.max_events,
        )
