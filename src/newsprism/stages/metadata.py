"""Stage "metadata": Article -> Article with title, date, language and outlet
(``clean/metadata.py`` reads them)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from newsprism.clean.metadata import MIN_LETTERS_FOR_LANGUAGE, describe
from newsprism.config import integer, option
from newsprism.model import Article
from newsprism.stages.base import Record, RunContext, StageBase, map_records, register


@dataclass(frozen=True, slots=True)
class Options:
    min_letters_for_language: int = option(
        MIN_LETTERS_FOR_LANGUAGE,
        integer(1),
        "letters of the text's start needed to tell its language (fewer: no language)",
    )


@register
class MetadataStage(StageBase):
    name: ClassVar[str] = "metadata"
    version: ClassVar[str] = "2"
    requires: ClassVar[frozenset[str]] = frozenset({"article"})
    produces: ClassVar[frozenset[str]] = frozenset({"metadata"})
    options_type: ClassVar[type[Options]] = Options
    options: Options

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        letters = self.options.min_letters_for_language
        return map_records(
            records,
            ctx,
            Article,
            lambda article: describe(article, min_letters_for_language=letters),
            "reading metadata",
        )
