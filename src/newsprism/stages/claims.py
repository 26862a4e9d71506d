"""Stage "claims": the claims of the articles (stage "article_claims") grouped across
articles, and the conflicts between reports.

Runs after "relate" (independent sources decide what corroborates) and "entities" (first
names that differ between outlets); works without them, counting each article as its own
source and finding no name conflicts. Its results are typed records (``model.Claim``,
``ClaimGroup``, ``Conflict``); event dates are compared but are no claims of the dossier.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from newsprism.claims.conflicts import name_conflicts, placed_stories
from newsprism.claims.grouping import group_claims
from newsprism.claims.records import comparison_view, conflict_record, group_record
from newsprism.claims.similarity import model_in_use, subject_vectors
from newsprism.config import integer, number, option
from newsprism.model import Article, Claim, Entity, RelateResult, SpinResult, settle_direction
from newsprism.sources import borrowed_passages
from newsprism.stages.base import BatchStage, RunContext, register


@dataclass(frozen=True, slots=True)
class Options:
    min_sources: int = option(
        2, integer(2), "independent sources a corroboration or a conflict needs"
    )
    max_candidate_groups: int = option(
        6, integer(1), "claim groups a claim is compared with (keeps grouping linear)"
    )
    max_members_compared: int = option(
        3, integer(1), "members of each candidate group a claim is compared with"
    )
    # Figures of subjects alike in meaning meet (entity and time agreeing) but clash only
    # on shared wording: a clash on meaning alone (.85) gave false alarms on PolNeAR
    # (benchmarks.conflicts_real) and on ECB+ pairs; see docs/benchmarks.md.
    subject_min_similarity: float = option(
        0.7,
        number(0, 1),
        "cosine of two subjects' embeddings that matches them by meaning (entity and time "
        "agreeing); 1 turns matching by meaning off",
    )
    conflict_min_similarity: float = option(
        1.0,
        number(0, 1),
        "cosine two subjects need for their different figures to clash on meaning alone; 1: never",
    )


@register
class ClaimsStage(BatchStage):
    name: ClassVar[str] = "claims"
    version: ClassVar[str] = "7"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "metadata", "article_claims"})
    produces: ClassVar[frozenset[str]] = frozenset({"claims"})
    options_type: ClassVar[type[Options]] = Options
    options: Options

    def empty(self) -> Any:
        return {"claims": [], "claim_groups": [], "conflicts": []}

    def model_used(self) -> str | None:
        return model_in_use(self.options.subject_min_similarity)

    def compute(self, articles: list[Article], ctx: RunContext) -> Any:
        given = self.options
        found: Mapping[str, tuple[Claim, ...]] = ctx.results.get("article_claims") or {}
        claims = [c for a in sorted(articles, key=lambda a: a.id) for c in found.get(a.id, ())]
        related: RelateResult = ctx.results.get("relate") or RelateResult()
        source_of = {
            article: source.id for source in related.sources for article in source.articles
        }
        story_of = {article: story.id for story in related.stories for article in story.articles}
        borrowed = borrowed_passages(related.relations)
        spin: SpinResult | None = ctx.results.get("spin")
        # Spun copies whose original is in the batch: their wording never labels a group.
        reworded = frozenset(
            settled.derived
            for relation in related.relations
            if relation.kind == "spun-copy"
            and (settled := settle_direction(relation, spin)).derived is not None
        )
        views = [comparison_view(c) for c in claims]
        by_meaning = given.subject_min_similarity < 1
        if by_meaning:
            for view, vector in zip(views, subject_vectors(views), strict=True):
                view["_vector"] = vector
        groups, conflicts = group_claims(
            views,
            source_of,
            story_of,
            borrowed,
            given.max_candidate_groups,
            given.max_members_compared,
            given.min_sources,
            reworded,
            given.subject_min_similarity if by_meaning else None,
            given.conflict_min_similarity
            if by_meaning and given.conflict_min_similarity < 1
            else None,
        )
        entities: tuple[Entity, ...] = ctx.results.get("entities", ())
        conflicts += name_conflicts(entities, articles, placed_stories(articles, story_of))
        return {
            "claims": [c for c in claims if not c.event_date],
            "claim_groups": [group_record(g) for g in groups],
            "conflicts": [
                conflict_record(c, n, source_of) for n, c in enumerate(conflicts, start=1)
            ],
        }
