"""Evidence spans and source counts shared by the parts of the brief."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from newsprism.model import Article
from newsprism.sources import Borrowed, count_sources

Span = tuple[str, int, int]  # article, start, end


def span_dict(articles: Mapping[str, Article], span: Span) -> dict[str, Any]:
    """``{article, start, end, text}``: ``text`` cut from the article's text at the offsets."""
    article, start, end = span
    return {
        "article": article,
        "start": start,
        "end": end,
        "text": articles[article].text[start:end],
    }


def outlets_of(articles: Mapping[str, Article], ids: Iterable[str]) -> list[str]:
    """The outlets of these articles, known ones only, sorted, each once."""
    return sorted({o for i in ids if (o := articles[i].outlet) is not None})


def support(
    spans: list[Span],
    articles: Mapping[str, Article],
    source_of: Mapping[str, str],
    borrowed: Borrowed,
) -> dict[str, Any]:
    """Who carries these spans: the articles, their sources, the independent count (copies
    of one origin and the two sides of one borrowed passage count once) and outlets."""
    ids = sorted({s[0] for s in spans})
    return {
        "articles": ids,
        "sources": sorted({source_of.get(i, i) for i in ids}),
        "independent_sources": count_sources(spans, source_of, borrowed),
        "outlets": outlets_of(articles, ids),
    }


def first_seen(articles: Mapping[str, Article], ids: Iterable[str]) -> str | None:
    """The earliest publication date among these articles (ISO text sorts as time)."""
    dates = sorted(p for i in ids if (p := articles[i].published))
    return dates[0] if dates else None
