"""Stage "entities": people, organisations and places across the batch, with variants.

People by rules checked against spaCy's NER, organisations and places by NER (see
``entities/resolve.py`` and ``entities/ner.py``); titles the spin stage found swapped are
read as their originals. The dossier's quotes link their speakers to these entities.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from newsprism.config import number, option
from newsprism.entities.resolve import SURNAME_TYPO_RATIO, find_entities
from newsprism.model import Article, Entity, SpinResult
from newsprism.stages.base import BatchStage, RunContext, register


@dataclass(frozen=True, slots=True)
class Options:
    surname_typo_ratio: float = option(
        SURNAME_TYPO_RATIO,
        number(0, 100),
        "similarity (0-100) at which a surname is taken for a known one, misspelt",
    )


@register
class EntitiesStage(BatchStage):
    name: ClassVar[str] = "entities"
    version: ClassVar[str] = "2"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "metadata"})
    produces: ClassVar[frozenset[str]] = frozenset({"entities"})
    options_type: ClassVar[type[Options]] = Options
    options: Options

    def empty(self) -> tuple[Entity, ...]:
        return ()

    def compute(self, articles: list[Article], ctx: RunContext) -> tuple[Entity, ...]:
        spin: SpinResult | None = ctx.results.get("spin")
        return tuple(
            find_entities(
                articles,
                spin.articles if spin is not None else None,
                surname_typo_ratio=self.options.surname_typo_ratio,
            )
        )
