"""Stage "clean": ExtractedDocument -> Article (``clean/paragraphs.py`` judges the paragraphs).

The stage counts each article's paragraphs per kind in ``ctx.kinds`` and the removed ones
per reason category in ``ctx.removed``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from newsprism.clean.paragraphs import DUPLICATE_MIN_CHARS, FUZZY_MIN_RATIO, clean_article
from newsprism.config import integer, number, option
from newsprism.model import Article, ExtractedDocument
from newsprism.stages.base import Record, RunContext, StageBase, map_records, register


@dataclass(frozen=True, slots=True)
class Options:
    duplicate_min_chars: int = option(
        DUPLICATE_MIN_CHARS, integer(1), "characters a paragraph needs to be judged a duplicate"
    )
    fuzzy_min_ratio: float = option(
        FUZZY_MIN_RATIO,
        number(0, 100),
        "similarity (0-100) at which a paragraph with a few characters changed is a duplicate",
    )


def clean_document(
    doc: ExtractedDocument, ctx: RunContext, options: Options = Options()
) -> Article:
    """Clean one document and count its paragraph kinds and removal reasons in ``ctx``."""
    cleaned = clean_article(
        doc,
        duplicate_min_chars=options.duplicate_min_chars,
        fuzzy_min_ratio=options.fuzzy_min_ratio,
    )
    ctx.kinds.update(cleaned.kinds)
    ctx.removed.update(cleaned.removed)
    return cleaned.article


@register
class CleanStage(StageBase):
    name: ClassVar[str] = "clean"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"extracted"})
    produces: ClassVar[frozenset[str]] = frozenset({"article"})
    options_type: ClassVar[type[Options]] = Options
    options: Options

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        return map_records(
            records,
            ctx,
            ExtractedDocument,
            lambda doc: clean_document(doc, ctx, self.options),
            "cleaning",
        )
