"""Stage "mentions": each article's named-entity mentions (spaCy NER on windows around its
capitalised runs, ``entities/ner.py``), spans into its text.

Per article, unlike the batch-wide "entities" stage, which resolves people, organisations
and places across the articles: this is what ``newsprism ingest --stages ...,mentions``
stores with each article, and what ``export`` writes as entity rows. The articles go
through ``nlp.pipe`` a group at a time (``ner.CHUNK_ARTICLES``, an ingest chunk at most);
an article its group fails on is tried alone, and one that still fails keeps no mentions,
with a run error (E199): the article itself is not lost.

The mentions are a side record, ``ctx.results["mentions"]`` (article id -> its mentions),
not a field of the article: they are stored with it, never read by a later stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from newsprism.config import integer, option
from newsprism.entities.ner import CHUNK_ARTICLES, CONTEXT_WORDS, SETTLED_VOTES, find_mentions
from newsprism.model import Article, InputError
from newsprism.stages.base import Record, RunContext, StageBase, register


@dataclass(frozen=True, slots=True)
class Options:
    context_words: int = option(
        CONTEXT_WORDS, integer(0, 50), "words either side of a name that NER reads"
    )
    settled_votes: int = option(
        SETTLED_VOTES,
        integer(1),
        "agreeing articles after which a name's labels are reused, not run again",
    )


@register
class MentionsStage(StageBase):
    name: ClassVar[str] = "mentions"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"article"})
    produces: ClassVar[frozenset[str]] = frozenset({"mentions"})
    options_type: ClassVar[type[Options]] = Options
    options: Options

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        found: dict[str, list[Any]] = ctx.results.setdefault(self.name, {})
        held: list[Record] = []
        group: list[Article] = []
        for record in records:
            held.append(record)
            # Articles left empty by cleaning are rejected later: they take no part.
            if isinstance(record, Article) and record.text.strip():
                group.append(record)
            if len(group) >= CHUNK_ARTICLES:
                self._mentions(group, found, ctx)
                yield from held
                held, group = [], []
        if group:
            self._mentions(group, found, ctx)
        yield from held

    def _mentions(
        self, articles: list[Article], found: dict[str, list[Any]], ctx: RunContext
    ) -> None:
        def mentions_of(texts: list[str]) -> list[list[Any]]:
            return find_mentions(
                texts,
                context_words=self.options.context_words,
                settled_votes=self.options.settled_votes,
            )

        try:  # the group at once (spaCy batches); one article at a time if that fails
            for article, mentions in zip(
                articles, mentions_of([a.text for a in articles]), strict=True
            ):
                found[article.id] = mentions
        except Exception:
            for article in articles:
                try:
                    found[article.id] = mentions_of([article.text])[0]
                except Exception as exc:  # stored without mentions, with the reason
                    message = f"mentions extraction failed on article {article.id}: {exc!r}"
                    ctx.errors.append(
                        InputError(article.source, article.line, "E199", message[:500])
                    )
