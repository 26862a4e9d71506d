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
from newsprism.errors import NewsprismError
from newsprism.model import Article, Claim
from newsprism.sources import borrowed_passages
from newsprism.stages.base import BatchStage, RunContext, register


@dataclass(frozen=True, slots=True)
class Options:
    """What a user may tune (setting ``claims`` of the run's config)."""

    min_sources: int = 2  # independent sources a corroboration or a conflict needs
    max_candidate_groups: int = 6  # groups a claim is compared with (linear grouping)
    max_members_compared: int = 3  # members of each group it is compared with

    def __post_init__(self) -> None:
        for name in ("min_sources", "max_candidate_groups", "max_members_compared"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise NewsprismError(
                    "E300", f"claims.{name} must be a positive whole number, not {value!r}"
                )
        if self.min_sources < 2:
            raise NewsprismError(
                "E300",
                "claims.min_sources must be 2 or more: one source cannot disagree with itself",
            )

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Options:
        given = config.get("claims") or {}
        unknown = set(given) - {"min_sources", "max_candidate_groups", "max_members_compared"}
        if unknown:
            raise NewsprismError("E300", f"claims: unknown options {sorted(unknown)}")
        return cls(**given)


@register
class ClaimsStage(BatchStage):
    name: ClassVar[str] = "claims"
    version: ClassVar[str] = "2"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "metadata", "article_claims"})
    produces: ClassVar[frozenset[str]] = frozenset({"claims"})

    def empty(self) -> Any:
        return {"claims": [], "claim_groups": [], "conflicts": []}

    def compute(self, articles: list[Article], ctx: RunContext) -> Any:
        options = Options.from_config(ctx.config)
        found: Mapping[str, tuple[Claim, ...]] = ctx.results.get("article_claims") or {}
        claims = [c for a in sorted(articles, key=lambda a: a.id) for c in found.get(a.id, ())]
        related = ctx.results.get("relate", {})
        source_of = {
            article: source["id"]
            for source in related.get("sources", [])
            for article in source["articles"]
        }
        story_of = {
            article: story["id"]
            for story in related.get("stories", [])
            for article in story["articles"]
        }
        borrowed = borrowed_passages(related.get("relations"))
        groups, conflicts = group_claims(
            [comparison_view(c) for c in claims],
            source_of,
            story_of,
            borrowed,
            options.max_candidate_groups,
            options.max_members_compared,
            options.min_sources,
        )
        conflicts += name_conflicts(
            ctx.results.get("entities", []), articles, placed_stories(articles, story_of)
        )
        return {
            "claims": [c for c in claims if not c.event_date],
            "claim_groups": [group_record(g) for g in groups],
            "conflicts": [
                conflict_record(c, n, source_of) for n, c in enumerate(conflicts, start=1)
            ],
        }
