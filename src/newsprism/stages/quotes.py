"""Stage "quotes": every direct quotation of an article with its speaker and exact spans.

Version 2: NYT-style marks, dashes and wrong-facing marks, participle and colon
attributions, titles resolved to their holders, null speakers instead of guesses (see
``quotes/attribute.py``).
Version 3: reported speech and mixed quotes as kinds of their own, cue spans, speakers of
partial quotes inside reported speech, names that stop at a sentence's end
(``quotes/reported.py``).
Version 7: a quotation continuing the clause its cue reports, or run into by the words
opening its sentence, is a mixed attribution (the quotation kept as a partial quote);
speakers named after the cue grow past modifiers and initials ("said Virginia delegate
Beau Correll", "Sen. Lindsey Graham, R-S.C."); a closing mark set apart from a nested
quote's closes."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import ClassVar

from newsprism.model import Article
from newsprism.quotes.records import quotes_in
from newsprism.stages.base import NoOptions, Record, RunContext, StageBase, map_records, register


def quotes_of(article: Article) -> Article:
    return dataclasses.replace(article, quotes=quotes_in(article.text))


# Nothing here a user tunes yet.
Options = NoOptions


@register
class QuotesStage(StageBase):
    name: ClassVar[str] = "quotes"
    version: ClassVar[str] = "7"
    requires: ClassVar[frozenset[str]] = frozenset({"article"})
    produces: ClassVar[frozenset[str]] = frozenset({"quotes"})

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        return map_records(records, ctx, Article, quotes_of, "finding quotes")
