"""Stage "spin": which articles were machine-paraphrased, with evidence and likely originals.

Runs after "relate" (it learns substitutions from aligned copies) and, like it, looks
across the batch. It also settles the direction of spun-copy relations: the spun article
derives from the plainer one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from newsprism.model import Article
from newsprism.relate.spin import detect_spin
from newsprism.stages.base import Record, RunContext, batch_result, register


@register
class SpinStage:
    name: ClassVar[str] = "spin"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"relations"})
    produces: ClassVar[frozenset[str]] = frozenset({"spin"})

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        held = list(records)
        articles = list({r.content_hash: r for r in held if isinstance(r, Article)}.values())
        relations = ctx.results.get("relate", {}).get("relations", [])
        spin = batch_result(ctx, self.name, lambda: detect_spin(articles, relations), {})
        if not spin:
            yield from held
            return
        for relation in relations:
            if relation["kind"] == "spun-copy":  # the spun text derives from the plainer one
                spun = [x for x in (relation["a"], relation["b"]) if spin[x]["is_spun"]]
                if len(spun) == 1:
                    relation["derived"] = spun[0]
        ctx.results[self.name] = spin
        yield from held
