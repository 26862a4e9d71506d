"""Stage "entities": people across the batch, with spelling variants and roles.

First version covers people only (see ``quotes/entities.py``); the dossier's quotes link
their speakers to these entities.
"""

from __future__ import annotations

from typing import Any, ClassVar

from newsprism.model import Article
from newsprism.quotes.entities import find_people
from newsprism.stages.base import BatchStage, RunContext, register


@register
class EntitiesStage(BatchStage):
    name: ClassVar[str] = "entities"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "metadata"})
    produces: ClassVar[frozenset[str]] = frozenset({"entities"})

    def empty(self) -> Any:
        return []

    def compute(self, articles: list[Article], ctx: RunContext) -> Any:
        return find_people(articles)
