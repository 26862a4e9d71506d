"""What the coverage agrees on, and what only one source (or only spun copies) carries.

A statement is a unit (sentence or clause) of one article with, in every other article
that reports the same fact (``units.same_fact``), its best matching unit as evidence. It
is agreed when the evidence comes from at least ``min_sources`` independent sources and
none of it touches either side of a conflict the claims stage reported. A unit that
matches nothing outside its own source is single-source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsprism.brief.evidence import Span, first_seen, span_dict, support
from newsprism.brief.units import Unit, match_units
from newsprism.model import Article
from newsprism.sources import Borrowed


def _overlaps(span: Span, conflicted: Mapping[str, Sequence[tuple[int, int]]]) -> bool:
    article, start, end = span
    return any(a < end and start < b for a, b in conflicted.get(article, ()))


def _time_key(value: str | None) -> tuple[int, str]:
    return (0, value) if value else (1, "")


def statements(
    units: Sequence[Unit],
    articles: Mapping[str, Article],
    source_of: Mapping[str, str],
    borrowed: Borrowed,
    conflicted: Mapping[str, Sequence[tuple[int, int]]],
    spun: frozenset[str],
    translated: frozenset[str],
    *,
    containment: float,
    min_shared: int,
    min_sources: int,
    max_statements: int,
    max_single: int,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(agreed statements, single-source statements) of one story's units; ``spun`` and
    ``translated``: the spun articles and the translations of another article."""
    matches = match_units(units, containment, min_shared)
    order = {a: n for n, a in enumerate(articles)}
    candidates: list[tuple[tuple[Any, ...], int, list[int], dict[str, Any]]] = []
    for index, unit in enumerate(units):
        members = [index, *sorted(m for m, _ in matches.get(index, {}).values())]
        spans = sorted(
            ((units[m].article, units[m].start, units[m].end) for m in members),
            key=lambda s: (order[s[0]], s[1]),
        )
        backing = support(spans, articles, source_of, borrowed)
        seen = first_seen(articles, backing["articles"])
        key = (
            -backing["independent_sources"],
            -len(backing["articles"]),
            _time_key(seen),
            -unit.terms,
            unit.article in spun,  # the unspun wording speaks for the fact
            order[unit.article],
            unit.start,
        )
        candidates.append((key, index, members, {**backing, "first_seen": seen, "spans": spans}))
    candidates.sort(key=lambda c: c[0])
    used: set[int] = set()
    agreed: list[dict[str, Any]] = []
    single: list[dict[str, Any]] = []
    for _, index, members, backing in candidates:
        if index in used or any(m in used for m in members):
            continue
        spans = backing.pop("spans")
        unit = units[index]
        if backing["independent_sources"] >= min_sources:
            if len(agreed) >= max_statements or any(_overlaps(s, conflicted) for s in spans):
                continue
            used.update(members)
            agreed.append(_statement(unit, spans, backing, articles, spun))
        elif (
            backing["independent_sources"] == 1
            and unit.terms
            and unit.article not in translated  # its original's language holds the fact
            and len(single) < max_single
        ):
            used.update(members)
            single.append(_statement(unit, spans, backing, articles, spun))
    agreed.sort(key=lambda s: (-s["independent_sources"], _time_key(s["first_seen"])))
    return agreed, single


def _statement(
    unit: Unit,
    spans: list[Span],
    backing: dict[str, Any],
    articles: Mapping[str, Article],
    spun: frozenset[str],
) -> dict[str, Any]:
    return {
        "text": unit.text,
        "article": unit.article,
        "start": unit.start,
        "end": unit.end,
        "evidence": [span_dict(articles, s) for s in spans],
        "articles": backing["articles"],
        "sources": backing["sources"],
        "independent_sources": backing["independent_sources"],
        "outlets": backing["outlets"],
        "first_seen": backing["first_seen"],
        "only_spun": all(a in spun for a in backing["articles"]),
    }
