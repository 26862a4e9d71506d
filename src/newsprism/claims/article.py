"""The claims of one article as typed records, each with its subject and time.

The subject is read from the sentence's dependency parse (``claims/subjects.py``: who, the
thing measured, what a share is of); a sentence the parser says nothing about, or a run
without the parser, keeps its content words. The time is the year or period the figure is
given for ("2023", "this year"), when the sentence says. Each article is done on its own,
so the stage runs in the ingest's workers as it does in ``analyze``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsprism.claims.extract import extract_claims
from newsprism.claims.records import claim_record
from newsprism.claims.subjects import agents_and_moods, subjects
from newsprism.model import Article, Claim


def claim_time(found: Mapping[str, Any]) -> str | None:
    """When a figure holds, as its sentence says: the year it is "as of", else the years
    or the relative years ("this year") the sentence names."""
    if found.get("as_of"):
        return str(found["as_of"])
    years = sorted(found.get("_years") or ()) or sorted(found.get("_relative_years") or ())
    return ", ".join(years) if years else None


def _normalised(phrase: str | None, time: str | None) -> str | None:
    if not phrase:
        return None
    phrase = " ".join(phrase.split())
    return f"{phrase}, {time}" if time and time not in phrase else phrase


def article_claims(
    article: Article,
    parse_subjects: bool = True,
    about_share: float = 0.10,
    near_share: float = 0.15,
    bound_share: float = 0.15,
    parse_units: bool = True,
) -> list[Claim]:
    """Every claim (and event date) of ``article``, in text order, with its subject, time
    and interval. ``parse_subjects`` False keeps each sentence's content words as subject
    (no parser run); ``parse_units`` False keeps the rules' reading of a count's unit."""
    found = extract_claims([article], parse_units)
    figures = [c for c in found if not c["_date"]]
    parsed: list[str | None] = [None] * len(figures)
    if parse_subjects and figures:
        parsed = subjects(
            [
                (
                    c["sentence"],
                    c["value_start"] - c["start"],
                    c["value_end"] - c["start"],
                    c["_base"],
                )
                for c in figures
            ]
        )
        spans = [
            (c["sentence"], c["value_start"] - c["start"], c["value_end"] - c["start"])
            for c in figures
        ]
        for claim, (agent, hypothetical) in zip(figures, agents_and_moods(spans), strict=True):
            claim["_agent"] = agent
            claim["_conditional"] = claim["_conditional"] or hypothetical
    subject_of = {c["id"]: s for c, s in zip(figures, parsed, strict=True)}
    records = []
    for claim in found:
        time = claim_time(claim)
        subject = subject_of.get(claim["id"]) or claim["subject"]
        records.append(
            claim_record(
                claim, _normalised(subject, time), time, about_share, near_share, bound_share
            )
        )
    return records
