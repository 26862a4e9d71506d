"""Stage "spin": which articles were machine-paraphrased, with evidence and likely originals.

Runs after "relate" (it learns substitutions from aligned copies) and, like it, looks
across the batch. It also settles the direction of spun-copy relations (the spun article
derives from the plainer one) in its own result; ``model.settle_direction`` combines that
with the relate stage's relation wherever a direction is shown.
"""

from __future__ import annotations

from typing import ClassVar

from newsprism.model import Article, RelateResult, SpinResult
from newsprism.spin.detect import detect_spin, spun_copy_directions
from newsprism.stages.base import BatchStage, RunContext, register


@register
class SpinStage(BatchStage):
    name: ClassVar[str] = "spin"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"relations"})
    produces: ClassVar[frozenset[str]] = frozenset({"spin"})

    def empty(self) -> SpinResult:
        return SpinResult()

    def compute(self, articles: list[Article], ctx: RunContext) -> SpinResult:
        related: RelateResult = ctx.results.get("relate") or RelateResult()
        relations = [*related.relations, *(related.earlier_relations or ())]
        # Stored articles related to this batch take part, so a copy's direction can be
        # told against an original from an earlier run; only the batch's spin is returned.
        batch_ids = {a.id for a in articles}
        everything = [*articles, *(a for a in related.earlier if a.id not in batch_ids)]
        spin = detect_spin(everything, relations)
        return SpinResult(
            articles={key: value for key, value in spin.items() if key in batch_ids},
            derived=spun_copy_directions(relations, spin),
        )
