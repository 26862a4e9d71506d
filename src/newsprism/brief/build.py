"""One brief per story, from the batch-wide stages' records and the claims stage's output."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsprism.brief.agreed import statements
from newsprism.brief.derivation import derivation
from newsprism.brief.disputed import conflict_spans, disputed
from newsprism.brief.speakers import speakers
from newsprism.brief.timeline import timeline
from newsprism.brief.units import (
    MIN_SHARED_WORDS,
    SAME_FACT_CONTAINMENT,
    Unit,
    article_units,
)
from newsprism.model import (
    Article,
    Conflict,
    Entity,
    QuoteLineage,
    RelateResult,
    SpinResult,
    settle_direction,
)
from newsprism.sources import borrowed_passages

MIN_STATEMENT_WORDS = 5  # content words a sentence needs to be a statement
MIN_SOURCES = 2
MAX_STATEMENTS = 12
MAX_SINGLE = 12
MAX_SPEAKERS = 5
MAX_SPEAKER_QUOTES = 3
MAX_EVENTS = 30
BRIEF_KEYS = ("agreed", "disputed", "speakers", "derivation", "timeline", "single_source")


def story_briefs(
    articles: Sequence[Article],
    related: RelateResult,
    spin: SpinResult | None = None,
    entities: Sequence[Entity] | None = None,
    lineage: QuoteLineage | None = None,
    conflicts: Sequence[Conflict] = (),
    *,
    containment: float = SAME_FACT_CONTAINMENT,
    min_shared: int = MIN_SHARED_WORDS,
    min_words: int = MIN_STATEMENT_WORDS,
    min_sources: int = MIN_SOURCES,
    max_statements: int = MAX_STATEMENTS,
    max_single: int = MAX_SINGLE,
    max_speakers: int = MAX_SPEAKERS,
    max_events: int = MAX_EVENTS,
) -> dict[str, dict[str, Any]]:
    """Story id -> its brief (keys ``BRIEF_KEYS``), in the stories' order."""
    by_id = {a.id: a for a in articles}
    source_of = {a: s.id for s in related.sources for a in s.articles}
    borrowed = borrowed_passages(related.relations)
    relations = [settle_direction(r, spin) for r in related.relations]
    spun = frozenset(
        a for a, finding in (spin.articles.items() if spin is not None else ()) if finding.is_spun
    )
    translated = frozenset(
        r.derived for r in relations if r.kind == "translation" and r.derived is not None
    )
    conflicted: dict[str, list[tuple[int, int]]] = {}
    for conflict in conflicts:
        for article, start, end in conflict_spans(conflict):
            conflicted.setdefault(article, []).append((start, end))
    briefs: dict[str, dict[str, Any]] = {}
    for story in related.stories:
        members = {a: by_id[a] for a in story.articles if a in by_id}
        units: list[Unit] = [u for a in members.values() for u in article_units(a, min_words)]
        agreed, single = statements(
            units,
            members,
            source_of,
            borrowed,
            conflicted,
            spun,
            translated,
            containment=containment,
            min_shared=min_shared,
            min_sources=min_sources,
            max_statements=max_statements,
            max_single=max_single,
        )
        sources = [s for s in related.sources if any(a in members for a in s.articles)]
        briefs[story.id] = {
            "agreed": agreed,
            "disputed": disputed(conflicts, members, source_of, borrowed),
            "speakers": speakers(
                lineage,
                entities,
                members,
                source_of,
                borrowed,
                max_speakers=max_speakers,
                max_quotes=MAX_SPEAKER_QUOTES,
            ),
            "derivation": derivation(members, relations, sources, spun),
            "timeline": timeline(
                units,
                members,
                containment=containment,
                min_shared=min_shared,
                max_events=max_events,
            ),
            "single_source": single,
        }
    return briefs
