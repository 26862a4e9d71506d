"""Stage "entities": people across the batch, with spelling variants and roles.

First version covers people only (see ``quotes/entities.py``); the dossier's quotes link
their speakers to these entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from newsprism.model import Article
from newsprism.quotes.entities import find_people
from newsprism.stages.base import Record, RunContext, batch_result, register


@register
class EntitiesStage:
    name: ClassVar[str] = "entities"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "metadata"})
    produces: ClassVar[frozenset[str]] = frozenset({"entities"})

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        held = list(records)
        articles = list({r.content_hash: r for r in held if isinstance(r, Article)}.values())
        ctx.results[self.name] = batch_result(ctx, self.name, lambda: find_people(articles), [])
        yield from held
