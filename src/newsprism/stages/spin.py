"""Stage "spin": which articles were machine-paraphrased, with evidence and likely originals.

Runs after "relate" (it learns substitutions from aligned copies) and, like it, looks
across the batch. It also settles the direction of spun-copy relations (the spun article
derives from the plainer one) in its own result; ``model.settle_direction`` combines that
with the relate stage's relation wherever a direction is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from newsprism.config import integer, number, option
from newsprism.model import Article, RelateResult, SpinResult
from newsprism.spin.detect import (
    ODD_PHRASES_FOR_SPUN,
    SPUN_MIN_SCORE,
    detect_spin,
    spun_copy_directions,
)
from newsprism.stages.base import BatchStage, RunContext, register


@dataclass(frozen=True, slots=True)
class Options:
    min_score: float = option(
        SPUN_MIN_SCORE, number(0, 1), "spin score (0-1) at which an article is spun"
    )
    min_odd_phrases: int = option(
        ODD_PHRASES_FOR_SPUN,
        integer(1),
        "odd phrases of a spinner's lexicon that raise the score on their own",
    )


@register
class SpinStage(BatchStage):
    name: ClassVar[str] = "spin"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"relations"})
    produces: ClassVar[frozenset[str]] = frozenset({"spin"})
    options_type: ClassVar[type[Options]] = Options
    options: Options

    def empty(self) -> SpinResult:
        return SpinResult()

    def compute(self, articles: list[Article], ctx: RunContext) -> SpinResult:
        related: RelateResult = ctx.results.get("relate") or RelateResult()
        relations = [*related.relations, *(related.earlier_relations or ())]
        # Stored articles related to this batch take part, so a copy's direction can be
        # told against an original from an earlier run; only the batch's spin is returned.
        batch_ids = {a.id for a in articles}
        everything = [*articles, *(a for a in related.earlier if a.id not in batch_ids)]
        spin = detect_spin(
            everything,
            relations,
            min_score=self.options.min_score,
            min_odd_phrases=self.options.min_odd_phrases,
        )
        return SpinResult(
            articles={key: value for key, value in spin.items() if key in batch_ids},
            derived=spun_copy_directions(relations, spin),
        )
