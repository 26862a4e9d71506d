"""When things happened and when each article appeared: the dated sentences of a story
(dates resolved against the article's date), the same event in several articles merged."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsprism.brief.dates import date_mentions
from newsprism.brief.evidence import span_dict
from newsprism.brief.units import Unit, same_fact
from newsprism.model import Article


def timeline(
    units: Sequence[Unit],
    articles: Mapping[str, Article],
    *,
    containment: float,
    min_shared: int,
    max_events: int,
) -> dict[str, Any]:
    """``published`` (each article's date, earliest first, undated last) and ``events``
    (one per date and fact, with the date expressions that place it)."""
    published = sorted(
        (
            {"article": a.id, "outlet": a.outlet, "published": a.published}
            for a in articles.values()
        ),
        key=lambda p: (p["published"] is None, p["published"] or "", p["article"]),
    )
    events: list[dict[str, Any]] = []
    members: list[list[Unit]] = []
    for unit in units:
        article = articles[unit.article]
        for mention in date_mentions(article.text, unit.start, unit.end, article.published):
            expression = {
                **span_dict(articles, (unit.article, mention.start, mention.end)),
                "relative_to": mention.relative_to,
            }
            same = next(
                (
                    n
                    for n, event in enumerate(events)
                    if event["date"] == mention.date
                    and all(u.article != unit.article for u in members[n])
                    and same_fact(members[n][0], unit, containment, min_shared)
                ),
                None,
            )
            if same is None:
                events.append(
                    {
                        "date": mention.date,
                        "precision": mention.precision,
                        "text": unit.text,
                        "evidence": [span_dict(articles, (unit.article, unit.start, unit.end))],
                        "expressions": [expression],
                    }
                )
                members.append([unit])
            else:
                events[same]["evidence"].append(
                    span_dict(articles, (unit.article, unit.start, unit.end))
                )
                events[same]["expressions"].append(expression)
                members[same].append(unit)
            break  # a sentence is placed by its first date
    ranked = sorted(range(len(events)), key=lambda n: (-len(events[n]["evidence"]), n))[:max_events]
    kept = [events[n] for n in sorted(ranked)]
    kept.sort(key=lambda e: (e["date"] is None, e["date"] or ""))
    return {"published": published, "events": kept}
