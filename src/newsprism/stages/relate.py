"""Stage "relate": stories, copy relations and independent sources across the batch.

Relations look across articles, so this is a batch stage (see ``BatchStage``). With a
store, the batch is also related to stored articles from earlier runs (candidates from the
store's MinHash and key-term indexes), so new articles join the stories already there; what
the store must remember of this batch (``RelateResult``'s ``all_relations``,
``all_stories`` and ``index``) is written with the articles.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from newsprism.model import Article, RelateResult
from newsprism.relate.incremental import find_earlier, index_batch
from newsprism.relate.relations import relate
from newsprism.stages.base import BatchStage, RunContext, register


@register
class RelateStage(BatchStage):
    name: ClassVar[str] = "relate"
    version: ClassVar[str] = "2"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "metadata"})
    produces: ClassVar[frozenset[str]] = frozenset({"relations"})

    def empty(self) -> RelateResult:
        return RelateResult()

    def compute(self, articles: list[Article], ctx: RunContext) -> RelateResult:
        batch = [a for a in articles if a.text.strip()]
        entries, rows = index_batch(batch)
        earlier = find_earlier(ctx.store, batch, entries) if ctx.store is not None else []
        result = relate(batch, earlier, {a.id: rows[i] for i, a in enumerate(batch)})
        return dataclasses.replace(result, index=tuple(entries))
