"""Claims as typed records (``model.Claim``, ``ClaimGroup``, ``Conflict``): built from what
``claims/extract.py`` finds in one article, and read back into the comparison features
``claims/compare.py`` works on. A claim's ``interval`` is what its written figure allows:
its bound ("more than 500" is 500 and up, "up to 50" at most 50, "nearly 40" a little
under 40, "about 7,000" a tenth either side), its range, and its rounding (half a step of
the last written digit: "$66bn" is 65.5 to 66.5 billion).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsprism.claims.compare import compared_interval, interval
from newsprism.model import Claim, ClaimGroup, ClaimScope, Conflict, ConflictSide, SpanIn

# What a claim's contract shows; everything else of an extracted claim is comparison facts.
SHOWN = frozenset(
    "id article start end sentence subject as_of value unit text value_start value_end "
    "approximate high scope".split()
)


def claim_record(
    found: Mapping[str, Any],
    subject: str | None,
    time: str | None,
    about_share: float,
    near_share: float,
    bound_share: float,
) -> Claim:
    """The typed claim of one extracted claim (``claims/extract.py``); ``bound_share`` is
    how far past "more than 500" or "up to 40" another report's figure still agrees."""
    scope = found.get("scope") or {}
    low, high = interval(
        float(found["value"]),
        found["high"],
        found["_bound"],
        float(found["_step"]),
        about_share,
        near_share,
    )
    return Claim(
        id=found["id"],
        article=found["article"],
        start=found["start"],
        end=found["end"],
        sentence=found["sentence"],
        subject=subject,
        value=found["value"],
        unit=found["unit"],
        text=found["text"],
        value_start=found["value_start"],
        value_end=found["value_end"],
        approximate=found["approximate"],
        high=found["high"],
        as_of=found["as_of"],
        scope=ClaimScope(tuple(scope.get("who", ())), tuple(scope.get("where", ()))),
        time=time,
        low_bound=low,
        high_bound=high,
        event_date=bool(found["_date"]),
        facts={
            **{k: v for k, v in found.items() if k not in SHOWN},
            # The interval in the unit figures are compared in (claims/compare.py).
            "_interval": compared_interval(
                float(found["_value"]),
                found["_high"],
                found["_bound"],
                float(found["_precision"]),
                about_share,
                near_share,
                bound_share,
            ),
        },
    )


def comparison_view(claim: Claim) -> dict[str, Any]:
    """The claim as ``claims/compare.py`` and ``claims/grouping.py`` read it: shown fields
    and comparison facts in one mapping (a copy: the record stays as it is)."""
    return {
        **{name: getattr(claim, name) for name in SHOWN if name != "scope"},
        **claim.facts,
        "scope": claim.contract()["scope"],
        "time": claim.time,
        "_claim": claim,
    }


def group_record(found: Mapping[str, Any]) -> ClaimGroup:
    return ClaimGroup(
        id=found["id"],
        subject=found["subject"],
        claims=tuple(found["claims"]),
        status=found["status"],
        independent_sources=found["independent_sources"],
    )


def conflict_record(
    found: Mapping[str, Any], number: int, source_of: Mapping[str, str]
) -> Conflict:
    """The typed conflict of one found by ``claims/conflicts.py`` or ``claims/roles.py``,
    each side with the independent sources that carry it (``source_of``: article ->
    source; an article of no known source is its own)."""
    return Conflict(
        id=f"k{number}",
        kind=found["kind"],
        what=found["what"],
        values=tuple(_side(v, source_of) for v in found["values"]),
        claim_group=found.get("claim_group"),
        entity=found.get("entity"),
    )


def _side(found: Mapping[str, Any], source_of: Mapping[str, str]) -> ConflictSide:
    articles: Sequence[str] = found["articles"]
    return ConflictSide(
        value=str(found["value"]),
        articles=tuple(articles),
        evidence=tuple(SpanIn(e["article"], e["start"], e["end"]) for e in found["evidence"]),
        sources=tuple(sorted({source_of.get(a, a) for a in articles})),
    )
