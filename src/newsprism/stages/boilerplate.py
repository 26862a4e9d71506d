"""Stage "corpus_boilerplate": Article -> Article with the lines that recur across one
outlet's articles marked as boilerplate (``clean/boilerplate.py`` finds them)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from newsprism.clean.boilerplate import DEFAULT_MIN_ARTICLES, mark_recurring_lines
from newsprism.config import integer, option
from newsprism.stages.base import Record, RunContext, StageBase, register


@dataclass(frozen=True, slots=True)
class Options:
    # Also the older setting recurring_line_min_articles (pipeline.stage_options).
    min_articles: int = option(
        DEFAULT_MIN_ARTICLES,
        integer(2),
        "articles of one outlet a short line must recur in to be its boilerplate",
    )


@register
class CorpusBoilerplateStage(StageBase):
    name: ClassVar[str] = "corpus_boilerplate"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "metadata"})
    produces: ClassVar[frozenset[str]] = frozenset({"corpus-boilerplate"})
    options_type: ClassVar[type[Options]] = Options
    options: Options

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        min_articles = self.options.min_articles
        for record, relabelled in mark_recurring_lines(records, min_articles, ctx.line_stats):
            for change in relabelled:
                ctx.kinds[change.former_kind] -= 1
                ctx.kinds[change.kind] += 1
                ctx.removed[change.reason] += 1
            yield record
