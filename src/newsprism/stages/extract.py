"""Stage "extract": RawDocument -> ExtractedDocument (``clean/extract.py`` does the work)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from newsprism.clean.extract import UNDECODABLE_BYTES, extract_document
from newsprism.model import RawDocument
from newsprism.stages.base import NoOptions, Record, RunContext, StageBase, map_records, register

# Nothing here a user tunes yet.
Options = NoOptions


@register
class ExtractStage(StageBase):
    name: ClassVar[str] = "extract"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"raw"})
    produces: ClassVar[frozenset[str]] = frozenset({"extracted"})

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        def count(replaced: int) -> None:
            ctx.removed[UNDECODABLE_BYTES] += replaced

        # The readers check what they read; this checks what a page's text comes to, and
        # any document handed to the pipeline directly (the API's callers).
        limit = ctx.config.get("max_article_bytes")  # the run's settings (None: no limit)
        return map_records(
            records,
            ctx,
            RawDocument,
            lambda doc: extract_document(doc, count, limit),
            "extracting text",
        )
