"""Stage "spin": which articles were machine-paraphrased, with evidence and likely originals.

Runs after "relate" (it learns substitutions from aligned copies) and, like it, looks
across the batch. It also settles the direction of spun-copy relations: the spun article
derives from the plainer one.
"""

from __future__ import annotations

from typing import Any, ClassVar

from newsprism.model import Article
from newsprism.spin.detect import detect_spin
from newsprism.stages.base import BatchStage, RunContext, register


@register
class SpinStage(BatchStage):
    name: ClassVar[str] = "spin"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"relations"})
    produces: ClassVar[frozenset[str]] = frozenset({"spin"})

    def compute(self, articles: list[Article], ctx: RunContext) -> Any:
        related = ctx.results.get("relate", {})
        relations = [*related.get("relations", []), *related.get("earlier_relations", [])]
        # Stored articles related to this batch take part, so a copy's direction can be
        # told against an original from an earlier run; only the batch's spin is returned.
        earlier = ctx.results.get("relate_store", {}).get("earlier", [])
        batch_ids = {a.id for a in articles}
        everything = [*articles, *(a for a in earlier if a.id not in batch_ids)]
        spin = detect_spin(everything, relations)
        for relation in relations:
            if relation["kind"] == "spun-copy":  # the spun text derives from the plainer one
                spun = [x for x in (relation["a"], relation["b"]) if spin[x]["is_spun"]]
                if len(spun) == 1:
                    relation["derived"] = spun[0]
        return {key: value for key, value in spin.items() if key in batch_ids}
