"""Stage "claims": figures each article reports, grouped across articles, and conflicts.

Runs after "relate" (independent sources decide what corroborates) and "entities" (first
names that differ between outlets); works without them, counting each article as its own
source and finding no name conflicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from newsprism.claims.claims import extract_claims, group_claims, name_conflicts, public
from newsprism.model import Article
from newsprism.stages.base import Record, RunContext, batch_result, register


@register
class ClaimsStage:
    name: ClassVar[str] = "claims"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "metadata"})
    produces: ClassVar[frozenset[str]] = frozenset({"claims"})

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        held = list(records)
        articles = list({r.content_hash: r for r in held if isinstance(r, Article)}.values())
        empty: dict[str, list[Any]] = {"claims": [], "claim_groups": [], "conflicts": []}
        ctx.results[self.name] = batch_result(ctx, self.name, lambda: _claims(articles, ctx), empty)
        yield from held


def _claims(articles: list[Article], ctx: RunContext) -> dict[str, list[Any]]:
    claims = extract_claims(articles)
    source_of = {
        article: source["id"]
        for source in ctx.results.get("relate", {}).get("sources", [])
        for article in source["articles"]
    }
    groups, conflicts = group_claims(claims, source_of)
    conflicts += name_conflicts(ctx.results.get("entities", []), articles)
    return {
        "claims": public(claims),
        "claim_groups": groups,
        "conflicts": [{"id": f"k{n}", **c} for n, c in enumerate(conflicts, start=1)],
    }
