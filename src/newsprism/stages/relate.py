"""Stage "relate": stories, copy relations and independent sources across the batch.

Relations look across articles, so this is a batch stage (see ``BatchStage``). With a
store, the batch is also related to stored articles from earlier runs (candidates from the
store's MinHash and key-term indexes), so new articles join the stories already there; what
the store must remember of this batch is left in ``ctx.results["relate_store"]`` and
written with the articles.
"""

from __future__ import annotations

from typing import Any, ClassVar

from newsprism.model import Article
from newsprism.relate.incremental import find_earlier, index_batch
from newsprism.relate.relations import relate
from newsprism.stages.base import BatchStage, RunContext, register


@register
class RelateStage(BatchStage):
    name: ClassVar[str] = "relate"
    version: ClassVar[str] = "2"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "metadata"})
    produces: ClassVar[frozenset[str]] = frozenset({"relations"})

    def empty(self) -> Any:
        return {"stories": [], "relations": [], "sources": []}

    def compute(self, articles: list[Article], ctx: RunContext) -> Any:
        batch = [a for a in articles if a.text.strip()]
        entries, rows = index_batch(batch)
        earlier = find_earlier(ctx.store, batch, entries) if ctx.store is not None else []
        result = relate(batch, earlier, {a.id: rows[i] for i, a in enumerate(batch)})
        ctx.results["relate_store"] = {
            "index": entries,
            "all_relations": result.pop("all_relations"),
            "all_stories": result.pop("all_stories"),
            "earlier": earlier,
        }
        return result
