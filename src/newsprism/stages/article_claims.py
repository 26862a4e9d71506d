"""Stage "article_claims": the claims of each article (figures and event dates in their
sentences, with subject, time and interval; ``claims/article.py``), kept in
``ctx.results["article_claims"]`` by article id for the batch stage "claims", the
ingest's stored rows and ``newsprism export``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from newsprism.claims.article import article_claims
from newsprism.errors import NewsprismError
from newsprism.model import Article, Claim, InputError
from newsprism.stages.base import Record, RunContext, map_records, register


@dataclass(frozen=True, slots=True)
class Options:
    """What a user may tune (setting ``article_claims`` of the run's config)."""

    parse_subjects: bool = True  # subjects from the dependency parse (about 3 ms a sentence)
    about_share: float = 0.10  # how far "about 7,000" reaches either side
    near_share: float = 0.15  # how far below "nearly 40" reaches

    def __post_init__(self) -> None:
        for name in ("about_share", "near_share"):
            share = getattr(self, name)
            if not isinstance(share, int | float) or not 0 <= share < 1:
                raise NewsprismError(
                    "E300", f"article_claims.{name} must be a share in [0, 1), not {share!r}"
                )

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Options:
        given = config.get("article_claims") or {}
        unknown = set(given) - {"parse_subjects", "about_share", "near_share"}
        if unknown:
            raise NewsprismError("E300", f"article_claims: unknown options {sorted(unknown)}")
        return cls(**given)


def claims_of(results: Mapping[str, Any]) -> dict[str, tuple[Claim, ...]]:
    """Per article id the claims the stage found (empty when it did not run)."""
    return dict(results.get(ArticleClaimsStage.name) or {})


@register
class ArticleClaimsStage:
    name: ClassVar[str] = "article_claims"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"article"})
    produces: ClassVar[frozenset[str]] = frozenset({"article_claims"})

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        options = Options.from_config(ctx.config)
        found: dict[str, tuple[Claim, ...]] = ctx.results.setdefault(self.name, {})

        def attach(article: Article) -> Article:
            try:
                found[article.id] = tuple(
                    article_claims(
                        article, options.parse_subjects, options.about_share, options.near_share
                    )
                )
            except Exception as exc:  # the article is kept, without its claims
                ctx.count_drop("claims-failed-E199")
                message = f"claims extraction failed on article {article.id}: {exc!r}"
                ctx.errors.append(InputError(article.source, article.line, "E199", message[:500]))
            return article

        return map_records(records, ctx, Article, attach, "finding claims")
