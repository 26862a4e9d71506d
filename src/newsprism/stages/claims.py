"""Stage "claims": figures each article reports, grouped across articles, and conflicts.

Runs after "relate" (independent sources decide what corroborates) and "entities" (first
names that differ between outlets); works without them, counting each article as its own
source and finding no name conflicts.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from newsprism.claims.conflicts import name_conflicts, placed_stories
from newsprism.claims.extract import extract_claims, public
from newsprism.claims.grouping import group_claims
from newsprism.model import Article, Entity, RelateResult
from newsprism.sources import borrowed_passages
from newsprism.stages.base import BatchStage, RunContext, register


@register
class ClaimsStage(BatchStage):
    name: ClassVar[str] = "claims"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "metadata"})
    produces: ClassVar[frozenset[str]] = frozenset({"claims"})

    def empty(self) -> Any:
        return {"claims": [], "claim_groups": [], "conflicts": []}

    def compute(self, articles: list[Article], ctx: RunContext) -> Any:
        claims = extract_claims(articles)
        related: RelateResult = ctx.results.get("relate") or RelateResult()
        source_of = {
            article: source.id for source in related.sources for article in source.articles
        }
        story_of = {article: story.id for story in related.stories for article in story.articles}
        borrowed = borrowed_passages(related.relations)
        groups, conflicts = group_claims(claims, source_of, story_of, borrowed)
        # name_conflicts reads entities as mappings (claims/ is typed on its own).
        entities: tuple[Entity, ...] = ctx.results.get("entities", ())
        conflicts += name_conflicts(
            [dataclasses.asdict(e) for e in entities], articles, placed_stories(articles, story_of)
        )
        return {
            "claims": public(claims),
            "claim_groups": groups,
            "conflicts": [{"id": f"k{n}", **c} for n, c in enumerate(conflicts, start=1)],
        }
