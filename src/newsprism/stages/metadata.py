"""Stage "metadata": Article -> Article with title, date, language and outlet
(``clean/metadata.py`` reads them)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from newsprism.clean.metadata import describe
from newsprism.model import Article
from newsprism.stages.base import Record, RunContext, map_records, register


@register
class MetadataStage:
    name: ClassVar[str] = "metadata"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"article"})
    produces: ClassVar[frozenset[str]] = frozenset({"metadata"})

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        return map_records(records, ctx, Article, describe, "reading metadata")
