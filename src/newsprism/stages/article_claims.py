"""Stage "article_claims": the claims of each article (figures and event dates in their
sentences, with subject, time and interval; ``claims/article.py``), kept in
``ctx.results["article_claims"]`` by article id for the batch stage "claims", the
ingest's stored rows and ``newsprism export``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from newsprism.claims.article import article_claims
from newsprism.claims.parses import prefetch_all
from newsprism.config import boolean, number, option
from newsprism.model import Article, Claim, InputError
from newsprism.stages.base import (
    Record,
    RunContext,
    StageBase,
    ahead_in_groups,
    map_records,
    register,
)

# Articles whose figure sentences are parsed in one batch before the first is read (the
# sentence cache, ``text/nlp.CACHED_SENTENCES``, holds them beside the mentions group).
PREFETCH_ARTICLES = 16


@dataclass(frozen=True, slots=True)
class Options:
    parse_subjects: bool = option(
        True, boolean(), "subjects from the dependency parse (about 3 ms a sentence)"
    )
    parse_units: bool = option(
        True, boolean(), "a count's unit from the dependency parse (the parse subjects reuse)"
    )
    about_share: float = option(0.10, number(0, 0.99), 'how far "about 7,000" reaches either side')
    near_share: float = option(0.15, number(0, 0.99), 'how far below "nearly 40" reaches')
    bound_share: float = option(
        0.15, number(0, 10), 'how far past "more than 500" another report\'s figure agrees'
    )


def claims_of(results: Mapping[str, Any]) -> dict[str, tuple[Claim, ...]]:
    """Per article id the claims the stage found (empty when it did not run)."""
    return dict(results.get(ArticleClaimsStage.name) or {})


@register
class ArticleClaimsStage(StageBase):
    name: ClassVar[str] = "article_claims"
    version: ClassVar[str] = "5"
    requires: ClassVar[frozenset[str]] = frozenset({"article"})
    produces: ClassVar[frozenset[str]] = frozenset({"article_claims"})
    options_type: ClassVar[type[Options]] = Options
    options: Options

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        options = self.options
        found: dict[str, tuple[Claim, ...]] = ctx.results.setdefault(self.name, {})

        def attach(article: Article) -> Article:
            try:
                found[article.id] = tuple(
                    article_claims(
                        article,
                        options.parse_subjects,
                        options.about_share,
                        options.near_share,
                        options.bound_share,
                        options.parse_units,
                    )
                )
            except Exception as exc:  # the article is kept, without its claims
                ctx.count_drop("claims-failed-E199")
                message = f"claims extraction failed on article {article.id}: {exc!r}"
                ctx.errors.append(InputError(article.source, article.line, "E199", message[:500]))
            return article

        if options.parse_subjects:  # the subjects read every figure's sentence
            records = ahead_in_groups(
                records,
                Article,
                PREFETCH_ARTICLES,
                lambda group: prefetch_all([a.text for a in group]),
            )
        return map_records(records, ctx, Article, attach, "finding claims")
