"""Build the stage list from names, check that each stage's requirements are met, and run it.

Stages are lazy generators chained one into the next, so a batch streams through in
constant memory. Each stage is wrapped so that its own time (not its upstream's) is
measured for the run summary.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

# Importing the stage modules registers them.
from newsprism.config import OptionValue, Settings, build_options
from newsprism.errors import NewsprismError
from newsprism.model import Article, InputError, StageInfo
from newsprism.stages import (  # noqa: F401
    article_claims,
    boilerplate,
    brief,
    claims,
    clean,
    entities,
    extract,
    mentions,
    metadata,
    quote_clusters,
    quotes,
    relate,
    spin,
)
from newsprism.stages.base import Record, RunContext, Stage, registered

# Every registered stage in the one order they run in. ``mentions`` (each article's
# named-entity mentions, stored with it by `newsprism ingest`) is not in an analysis by
# default: the dossier resolves entities across the batch instead (the "entities" stage).
STAGES: tuple[str, ...] = (
    "extract",
    "clean",
    "metadata",
    "corpus_boilerplate",
    "quotes",
    "mentions",
    "article_claims",
    "relate",
    "spin",
    "entities",
    "claims",
    "quote_clusters",
    "brief",
)
DEFAULT_STAGES: tuple[str, ...] = (
    "extract",
    "clean",
    "metadata",
    "corpus_boilerplate",
    "quotes",
    "article_claims",
    "relate",
    "spin",
    "entities",
    "claims",
    "quote_clusters",
    "brief",
)
SOURCE_PRODUCES: frozenset[str] = frozenset({"raw"})
STORED_PRODUCES: frozenset[str] = frozenset({"article", "metadata", "quotes"})
# The stages that look across articles: what a stored story's dossier is rebuilt with.
ACROSS_STAGES: tuple[str, ...] = (
    "relate",
    "spin",
    "entities",
    "article_claims",
    "claims",
    "quote_clusters",
    "brief",
)


def stage_options(settings: Settings | Sequence[OptionValue]) -> dict[str, Any]:
    """Each registered stage's ``Options`` from the settings' option values (a config
    file's ``[stages.NAME]`` tables, the environment, arguments), checked by config.py; an
    unknown stage or key, or a bad value, is error E300 naming where it was set. The
    setting ``recurring_line_min_articles`` (older than stage options) is the first value of
    ``corpus_boilerplate``'s ``min_articles``."""
    values: Sequence[OptionValue]
    if not isinstance(settings, Settings):
        values = settings
    else:
        legacy = OptionValue(
            "corpus_boilerplate",
            "min_articles",
            settings.recurring_line_min_articles,
            "setting recurring_line_min_articles",
        )
        values = (legacy, *settings.stage_options)
    available = registered()
    for item in values:
        if item.stage not in available:
            known = ", ".join(sorted(available))
            raise NewsprismError(
                "E300", f"{item.origin}: unknown stage [stages.{item.stage}]; stages: {known}"
            )
    return {
        name: build_options(cls.options_type, [v for v in values if v.stage == name])
        for name, cls in sorted(available.items())
    }


def build_pipeline(
    names: Sequence[str] = DEFAULT_STAGES,
    given: frozenset[str] = SOURCE_PRODUCES,
    options: Mapping[str, Any] | None = None,
) -> list[Stage]:
    """Instantiate the named stages in order, each with its ``Options`` from ``options``
    (see :func:`stage_options`; the defaults where absent), checking that what each
    requires is produced earlier in the list or ``given`` by the source (the ingest readers
    give "raw"; stored articles give "article", "metadata" and "quotes")."""
    available = registered()
    produced = set(given)
    stages: list[Stage] = []
    for name in names:
        if name not in available:
            known = ", ".join(sorted(available))
            raise NewsprismError("E300", f"unknown stage {name!r}; known stages: {known}")
        cls = available[name]
        missing = set(cls.requires) - produced
        if missing:
            raise NewsprismError(
                "E300",
                f"stage {name!r} requires {sorted(missing)}, which no earlier stage produces",
            )
        produced |= set(cls.produces)
        stages.append(cls((options or {}).get(name)))
    return stages


def stage_infos(stages: Sequence[Stage]) -> tuple[StageInfo, ...]:
    return tuple(StageInfo(s.name, s.version, s.model_used()) for s in stages)


class _Timed:
    """Iterator wrapper that accumulates the wall time spent producing its items."""

    def __init__(self, inner: Iterator[Record], upstream: _Timed | None) -> None:
        self.inner = inner
        self.upstream = upstream
        self.total = 0.0
        self.passed = 0  # records out that are not errors (articles or documents)

    def __iter__(self) -> _Timed:
        return self

    def __next__(self) -> Record:
        started = time.perf_counter()
        try:
            record = next(self.inner)
        finally:
            self.total += time.perf_counter() - started
        if not isinstance(record, InputError):
            self.passed += 1
        return record

    @property
    def own(self) -> float:
        return self.total - (self.upstream.total if self.upstream else 0.0)


def run_pipeline(
    records: Iterable[Record], stages: Sequence[Stage], ctx: RunContext
) -> tuple[Iterator[Record], dict[str, _Timed]]:
    """Chain the stages over ``records``. Returns the output iterator and per-stage timers
    (read ``timers[name].own`` after the iterator is exhausted)."""
    source = _Timed(iter(records), None)
    timers: dict[str, _Timed] = {"ingest": source}
    current = source
    for stage in stages:
        current = _Timed(iter(stage.run(current, ctx)), current)
        timers[stage.name] = current
    return current, timers


def reject_empty(
    records: Iterable[Article | InputError], ctx: RunContext
) -> Iterator[Article | InputError]:
    """An article whose every paragraph was removed is reported, not silently kept."""
    for record in records:
        if isinstance(record, Article) and not record.text.strip():
            ctx.count_drop("empty-after-cleaning")
            where = f"{record.source}:{record.line}" if record.line is not None else record.source
            yield InputError(
                record.source,
                record.line,
                "E110",
                f"{where}: no body text is left after cleaning "
                f"({len(record.paragraphs)} paragraphs, all removed as boilerplate); "
                "check that the file is an article and not a page of links",
            )
        else:
            yield record
