"""Stage "relate": stories, copy relations and independent sources across the batch.

Relations look across articles, so this stage holds the batch's articles (after cleaning,
their text only) until its input ends, then records its findings in ``ctx.results`` and
passes the articles on unchanged. Incremental relating against the store comes later.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from newsprism.model import Article
from newsprism.relate.relations import relate
from newsprism.stages.base import Record, RunContext, batch_result, register


@register
class RelateStage:
    name: ClassVar[str] = "relate"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "metadata"})
    produces: ClassVar[frozenset[str]] = frozenset({"relations"})

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        held = list(records)
        articles = [r for r in held if isinstance(r, Article) and r.text.strip()]
        unique = list({a.content_hash: a for a in articles}.values())
        ctx.results[self.name] = batch_result(
            ctx, self.name, lambda: relate(unique), {"stories": [], "relations": [], "sources": []}
        )
        yield from held
