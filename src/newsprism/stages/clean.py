"""Stage "clean": ExtractedDocument -> Article (``clean/paragraphs.py`` judges the paragraphs).

The stage counts each article's paragraphs per kind in ``ctx.kinds`` and the removed ones
per reason category in ``ctx.removed``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from newsprism.clean.paragraphs import clean_article
from newsprism.model import Article, ExtractedDocument
from newsprism.stages.base import Record, RunContext, map_records, register


def clean_document(doc: ExtractedDocument, ctx: RunContext) -> Article:
    """Clean one document and count its paragraph kinds and removal reasons in ``ctx``."""
    cleaned = clean_article(doc)
    ctx.kinds.update(cleaned.kinds)
    ctx.removed.update(cleaned.removed)
    return cleaned.article


@register
class CleanStage:
    name: ClassVar[str] = "clean"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"extracted"})
    produces: ClassVar[frozenset[str]] = frozenset({"article"})

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        return map_records(
            records, ctx, ExtractedDocument, lambda doc: clean_document(doc, ctx), "cleaning"
        )
