"""Stage "relate": stories, copy relations and independent sources across the batch.

Relations look across articles, so this is a batch stage (see ``BatchStage``).
Incremental relating against the store comes later.
"""

from __future__ import annotations

from typing import Any, ClassVar

from newsprism.model import Article
from newsprism.relate.relations import relate
from newsprism.stages.base import BatchStage, RunContext, register


@register
class RelateStage(BatchStage):
    name: ClassVar[str] = "relate"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "metadata"})
    produces: ClassVar[frozenset[str]] = frozenset({"relations"})

    def empty(self) -> Any:
        return {"stories": [], "relations": [], "sources": []}

    def compute(self, articles: list[Article], ctx: RunContext) -> Any:
        return relate([a for a in articles if a.text.strip()])
