"""Stage "claims": figures each article reports, grouped across articles, and conflicts.

Runs after "relate" (independent sources decide what corroborates) and "entities" (first
names that differ between outlets); works without them, counting each article as its own
source and finding no name conflicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from newsprism.claims.claims import extract_claims, group_claims, name_conflicts, public
from newsprism.model import Article
from newsprism.stages.base import Record, RunContext, register


@register
class ClaimsStage:
    name: ClassVar[str] = "claims"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "metadata"})
    produces: ClassVar[frozenset[str]] = frozenset({"claims"})

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        held = list(records)
        articles = list({r.content_hash: r for r in held if isinstance(r, Article)}.values())
        claims = extract_claims(articles)
        source_of = {
            article: source["id"]
            for source in ctx.results.get("relate", {}).get("sources", [])
            for article in source["articles"]
        }
        groups, conflicts = group_claims(claims, source_of)
        conflicts += name_conflicts(ctx.results.get("entities", []), articles)
        for number, conflict in enumerate(conflicts, start=1):
            conflict["id"] = f"k{number}"
        ctx.results[self.name] = {
            "claims": public(claims),
            "claim_groups": groups,
            "conflicts": [{"id": c.pop("id"), **c} for c in conflicts],
        }
        yield from held
