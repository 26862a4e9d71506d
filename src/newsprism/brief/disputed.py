"""Where the coverage disagrees: the claims stage's conflicts within one story, each side
with its evidence, its independent sources and outlets, and one line a person reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsprism.brief.evidence import Span, span_dict, support
from newsprism.model import Article, Conflict
from newsprism.sources import Borrowed


def conflict_spans(conflict: Conflict) -> list[Span]:
    """Every evidence span of a conflict, over all its values."""
    return [(e.article, e.start, e.end) for value in conflict.values for e in value.evidence]


def disputed(
    conflicts: Sequence[Conflict],
    articles: Mapping[str, Article],
    source_of: Mapping[str, str],
    borrowed: Borrowed,
) -> list[dict[str, Any]]:
    """The conflicts with evidence in these articles, sides by support."""
    found = []
    for conflict in conflicts:
        sides = []
        for value in conflict.values:
            spans = [(e.article, e.start, e.end) for e in value.evidence if e.article in articles]
            if not spans:
                continue
            backing = support(spans, articles, source_of, borrowed)
            sides.append(
                {
                    "value": value.value,
                    **backing,
                    "evidence": [span_dict(articles, s) for s in spans],
                }
            )
        if len(sides) < 2:
            continue
        sides.sort(key=lambda s: (-s["independent_sources"], str(s["value"])))
        parts = []
        for side in sides:
            count = side["independent_sources"]
            parts.append(f"{side['value']} — {count} source{'s' if count != 1 else ''}")
        found.append(
            {
                "conflict": conflict.id,
                "kind": conflict.kind,
                "what": conflict.what,
                "line": f"{conflict.what}: " + "; ".join(parts),
                "sides": sides,
            }
        )
    return found
