"""Streaming ingest: any number of articles into the store, in constant memory, resumable.

Records are read lazily (JSON Lines and WARC record by record, folders file by file), cut
into chunks, and the per-article stages (extract, clean, metadata, quotes, mentions) run on
the chunks through an executor: local processes by default, Ray for a cluster, in order, with
a bounded number of chunks in flight. The parent keeps one batch at a time and writes it
in one pass: articles, errors, story clustering (MinHash LSH within the batch and against
the store's index, names and figures through the store's key-term index, no passage
alignment: `newsprism report` aligns a story's articles), then the checkpoints.

Resuming: a checkpoint per source says how many of its records are done; it is written
after the batch's articles, so a crash between the two re-reads a few records whose
writes are idempotent (content hashes, insert-or-ignore), and nothing is lost or stored
twice.
"""

from __future__ import annotations

import resource
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from newsprism.config import Settings
from newsprism.errors import NewsprismError
from newsprism.ingest.executors import Executor, make_executor
from newsprism.model import (
    Article,
    Claim,
    IndexEntry,
    InputError,
    RawDocument,
    Relation,
    RelationKind,
    RunSummary,
    StageInfo,
    Story,
)
from newsprism.pipeline import (
    build_pipeline,
    reject_empty,
    run_pipeline,
    stage_infos,
    stage_options,
)
from newsprism.readers.documents import Limits
from newsprism.readers.files import read_inputs
from newsprism.relate.window import WINDOW_ARTICLES, StoryWindow, index_entries
from newsprism.stages.base import RunContext, Stage
from newsprism.store.base import Store, open_store
from newsprism.store.rows import article_values, source_values
from newsprism.unionfind import DisjointSets

PER_ARTICLE_STAGES = ("extract", "clean", "metadata", "quotes")
# Registered per-article stages whose findings are stored with each article (the
# ``entities`` column holds the "mentions" stage's), not kept in it.
STORED_WITH_ARTICLE = ("mentions",)
# The per-article half of the batch-wide "claims" stage: the claims of each article,
# stored with it for export and corpus work (cross-article grouping comes with
# `newsprism report`).
EXTRACTIONS = ("claims",)
# Names ingest has taken before the stages had them: "entities" ran what is now "mentions".
FORMER_NAMES = {"entities": "mentions"}
CHUNK_DOCUMENTS = 64  # documents sent to a worker at a time
SUMMARY_ERRORS = 1000  # rejected inputs held in the summary (the store has them all)
NEAR_DUPLICATE_SIMILARITY = 0.8  # estimated word-pair Jaccard; below: same story
# Candidates are found from 0.08 (a partial copy of a third of a text); joining two
# stories takes more: unrelated news sharing stock phrases reaches 0.05-0.1 by chance, and
# one such link chains whole corpora into one story.
STORY_MIN_SIMILARITY = 0.12


@dataclass
class StageCounts:
    """What the per-article stages did, summed over chunks (from any worker)."""

    seconds: dict[str, float] = field(default_factory=dict)
    passed: Counter[str] = field(default_factory=Counter)  # records out of each stage
    kinds: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    drops: Counter[str] = field(default_factory=Counter)

    def add(self, other: StageCounts) -> None:
        for name, seconds in other.seconds.items():
            self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.passed.update(other.passed)
        self.kinds.update(other.kinds)
        self.removed.update(other.removed)
        self.drops.update(other.drops)


@lru_cache(maxsize=4)
def _per_article_pipeline(
    names: tuple[str, ...], options: tuple[tuple[str, Any], ...]
) -> list[Stage]:
    # Built once per worker process, not once per chunk (the stages keep no state).
    return build_pipeline(names, options=dict(options))


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """An article as a worker hands it back: ready to store, and what clustering needs."""

    id: str
    content_hash: str
    title: str | None
    values: tuple[Any, ...]  # its ``articles`` row
    source: tuple[Any, ...]  # its ``article_sources`` row
    entry: IndexEntry  # its story-window index entry


# One chunk's work for a worker: documents, settings, stage names, run id and each stage's
# options (frozen dataclasses: they pickle, and hash for the worker's pipeline cache).
Job = tuple[list[RawDocument], dict[str, Any], tuple[str, ...], str, tuple[tuple[str, Any], ...]]


def process_chunk(job: Job) -> tuple[list[PreparedArticle | InputError], StageCounts]:
    """The per-article stages on one chunk, and everything else that is per article: the
    store's rows (JSON encoded) and the story-window index entries (MinHash signatures,
    key terms), so the one process writing the store has the least to do. Runs in a
    worker: plain data in and out."""
    documents, config, names, run_id, options = job
    ctx = RunContext(config=config)
    stages = tuple(n for n in names if n not in EXTRACTIONS)
    if "claims" in names:
        stages += ("article_claims",)  # the per-article half of "claims"
    output, timers = run_pipeline(iter(documents), _per_article_pipeline(stages, options), ctx)
    records = list(reject_empty(output, ctx))
    seconds = {name: t.own for name, t in timers.items()}
    if "article_claims" in seconds:  # reported as the stage the user asked for
        seconds["claims"] = seconds.pop("article_claims")
    articles = [r for r in records if isinstance(r, Article)]
    failures: list[InputError] = list(ctx.errors)  # articles stored without an extraction
    extracted = _extract(
        articles, [n for n in names if n in EXTRACTIONS], ctx.results.get("article_claims") or {}
    )
    if "quotes" not in names:  # not looked for: stored as unknown (NULL), not as "none"
        for article in articles:
            extracted.setdefault(article.id, {})["quotes"] = None
    for article_id, mentions in ctx.results.get("mentions", {}).items():
        extracted.setdefault(article_id, {})["entities"] = [
            {"start": m.start, "end": m.end, "text": m.text, "label": m.label} for m in mentions
        ]
    started = time.perf_counter()
    entries = iter(index_entries(articles))
    prepared: list[PreparedArticle | InputError] = [
        r
        if isinstance(r, InputError)
        else PreparedArticle(
            r.id,
            r.content_hash,
            r.title,
            article_values(r, run_id, extracted.get(r.id)),
            source_values(r, run_id),
            next(entries),
        )
        for r in records
    ]
    passed = Counter({name: t.passed for name, t in timers.items()})
    passed["stored"] = len(articles)  # non-empty articles, after reject_empty
    counts = StageCounts(
        seconds, passed, Counter(ctx.kinds), Counter(ctx.removed), Counter(ctx.drops)
    )
    counts.seconds["index"] = time.perf_counter() - started
    return [*prepared, *failures], counts


def _extract(
    articles: Sequence[Article], kinds: Sequence[str], claims_of: Mapping[str, Sequence[Claim]]
) -> dict[str, dict[str, Any]]:
    """Per article id: its claims, as the stage "article_claims" found them (an article
    it failed on is stored without claims; the stage recorded the error, E199)."""
    found: dict[str, dict[str, Any]] = {a.id: {} for a in articles}
    if "claims" in kinds:
        for article in articles:
            if article.id in claims_of:  # event dates are compared, but are no claims
                found[article.id]["claims"] = [
                    c.contract() for c in claims_of[article.id] if not c.event_date
                ]
    return found


@dataclass
class IngestSummary:
    run_id: str
    # Every record read is one of: skipped as done, an article, or rejected.
    records_read: int = 0
    records_skipped_as_done: int = 0
    # Articles out of the stages: new in the store, or with the text of one stored already
    # (in an earlier run, or read before in this one).
    articles: int = 0
    articles_new: int = 0
    articles_stored_already: int = 0
    inputs_rejected: int = 0
    batches: int = 0
    # Distinct stories (merges followed) that an article new in the store joined.
    stories_touched: int = 0
    relations: int = 0
    seconds: float = 0.0
    peak_memory_mb: float = 0.0  # this process and each worker at its peak, summed
    coordinator_peak_mb: float = 0.0
    worker_peak_mb: float = 0.0  # the largest worker (local processes; Ray's are not seen)
    # CPU seconds of this process (reading, dispatching, storing, clustering): the serial
    # part, which bounds how far more workers help.
    coordinator_cpu_seconds: float = 0.0
    workers: int = 1
    executor: str = "local"
    stage_seconds: dict[str, float] = field(default_factory=dict)
    window_posted: int = 0  # index entries posted at the end (``post_window``)
    # Records out of each per-article stage (a stage's "in" is the one before's "out").
    stage_passed: dict[str, int] = field(default_factory=dict)
    paragraphs_by_kind: dict[str, int] = field(default_factory=dict)
    removed_by_reason: dict[str, int] = field(default_factory=dict)
    dropped_by_reason: dict[str, int] = field(default_factory=dict)
    # The first SUMMARY_ERRORS rejected inputs (all of them are in the store, and counted in
    # ``inputs_rejected``): a stream of bad records must not grow the coordinator.
    errors: list[InputError] = field(default_factory=list)


ProgressCallback = Callable[[IngestSummary], None]


class _Progress:
    """Per source: records seen (its line number, or a running count) and done."""

    def __init__(self, done: dict[str, tuple[int, bool]]) -> None:
        self.done = done
        self.seen: dict[str, int] = {}

    def position(self, record: RawDocument | InputError) -> int:
        if record.line is not None:
            return record.line
        return self.seen.get(record.source, 0) + 1

    def skip(self, record: RawDocument | InputError) -> bool:
        """Done in an earlier run (the record is still read; its work is not redone)."""
        position = self.position(record)
        self.seen[record.source] = max(self.seen.get(record.source, 0), position)
        lines_done, finished = self.done.get(record.source, (0, False))
        return finished or position <= lines_done


def ingest(
    sources: Sequence[str | Path],
    db_url: str,
    *,
    settings: Settings | None = None,
    batch_size: int = 1000,
    workers: int | None = None,
    executor: str = "local",
    address: str | None = None,
    on_progress: ProgressCallback | None = None,
    stages: Sequence[str] = PER_ARTICLE_STAGES,
    window_articles: int = WINDOW_ARTICLES,
    post_window: bool = False,
) -> IngestSummary:
    """Read ``sources`` into the store at ``db_url``; see the module docs. ``stages`` are
    the per-article stages run before clustering (extract and clean at least: the fastest
    ingest for deduplication and stories; add metadata for titles, dates and languages,
    quotes for quotes, mentions for named-entity mentions, claims for claims); the stage
    options of ``settings`` reach every worker; ``window_articles`` is how many recent
    stored articles new ones are compared with; ``post_window``: bring the store's window
    postings current at the end (``window_posted``), otherwise the next small
    ``analyze --db`` lookup does."""
    settings = settings or Settings()
    started = time.perf_counter()
    names = per_article_names(stages)
    options = stage_options(settings)  # a bad option is reported before the store opens
    store = open_store(db_url)
    try:
        runner = make_executor(executor, workers, address)
        try:
            window = StoryWindow.load(store, window_articles)
            summary = _ingest(
                sources,
                store,
                settings,
                batch_size,
                runner,
                on_progress,
                started,
                (names, options),
                window,
                post_window,
            )
        finally:
            runner.close()
    finally:
        store.close()
    # Workers' peaks are known once they have ended (local processes; Ray's are not seen).
    own_peak, worker_peak = _peak_memory_mb()
    summary.coordinator_peak_mb = round(own_peak, 1)
    summary.worker_peak_mb = round(worker_peak, 1)
    pooled = runner.workers if runner.name == "local" and runner.workers > 1 else 0
    summary.peak_memory_mb = round(own_peak + pooled * worker_peak, 1)
    return summary


def _ingest(
    sources: Sequence[str | Path],
    store: Store,
    settings: Settings,
    batch_size: int,
    runner: Executor,
    on_progress: ProgressCallback | None,
    started: float,
    stages: tuple[tuple[str, ...], dict[str, Any]],
    window: StoryWindow,
    post_window: bool,
) -> IngestSummary:
    names, options = stages
    infos = stage_infos(build_pipeline([n for n in names if n not in EXTRACTIONS], options=options))
    infos = (*infos, *(StageInfo(n, "1") for n in names if n in EXTRACTIONS))
    infos = (*infos, StageInfo("cluster", "1"))
    run_id = store.begin_run([str(s) for s in sources], infos, settings.as_dict())
    summary = IngestSummary(run_id, workers=runner.workers, executor=runner.name)
    progress = _Progress(store.checkpoints())
    counts = StageCounts()
    limits = Limits(
        max_file_bytes=settings.max_file_bytes,
        max_article_bytes=settings.max_article_bytes,
        max_jsonl_line_bytes=settings.max_jsonl_line_bytes,
        max_page_bytes=settings.max_page_bytes,
    )
    config = settings.as_dict()
    job_options = tuple(sorted(options.items()))
    # Per source, the last record whose chunk has come back from the workers: the
    # checkpoint. Chunks are read ahead of the workers, so a record read is not yet done;
    # each dispatched chunk's positions and reader errors wait here until its results come
    # back (executors return results in input order).
    positions: dict[str, int] = {}
    dispatched: deque[tuple[dict[str, int], list[InputError]]] = deque()

    def fresh() -> Iterator[RawDocument | InputError]:
        for record in read_inputs(list(sources), limits):
            summary.records_read += 1
            if progress.skip(record):
                summary.records_skipped_as_done += 1
                continue
            yield record

    def chunks() -> Iterator[Job]:
        iterator = fresh()
        while chunk := list(islice(iterator, min(CHUNK_DOCUMENTS, batch_size))):
            documents, read_errors, read_to = [], [], {}
            for record in chunk:
                read_to[record.source] = progress.position(record)
                if isinstance(record, InputError):
                    read_errors.append(record)
                else:
                    documents.append(record)
            dispatched.append((read_to, read_errors))
            yield documents, config, names, run_id, job_options

    batch: dict[str, PreparedArticle] = {}
    batch_errors: list[InputError] = []
    # Jobs in flight: two batches' worth, so the workers go on while a batch is stored and
    # clustered (measured: with a few chunks ahead they sat idle for most of each flush).
    ahead = 2 * batch_size // CHUNK_DOCUMENTS + 1
    for records, chunk_counts in runner.map(process_chunk, chunks(), ahead):
        read_to, read_errors = dispatched.popleft()
        positions.update(read_to)
        batch_errors.extend(read_errors)
        counts.add(chunk_counts)
        for record in records:
            if isinstance(record, InputError):
                batch_errors.append(record)
            elif record.content_hash not in batch:
                batch[record.content_hash] = record
            else:
                summary.articles += 1  # read twice: an article, not a new one
                counts.drops["same-content-read-twice"] += 1
        if len(batch) >= batch_size:
            flush_batch(
                store,
                window,
                run_id,
                list(batch.values()),
                batch_errors,
                summary,
                positions,
                counts,
            )
            batch, batch_errors = {}, []
            if on_progress is not None:
                summary.seconds = round(time.perf_counter() - started, 3)
                summary.stage_seconds = {k: round(v, 3) for k, v in counts.seconds.items()}
                on_progress(summary)
    flush_batch(
        store, window, run_id, list(batch.values()), batch_errors, summary, positions, counts
    )
    store.save_checkpoints(run_id, {source: (line, True) for source, line in positions.items()})
    if post_window:  # before the run is finished, so its record says what was posted
        tick = time.perf_counter()
        summary.window_posted = store.post_window()
        counts.seconds["post-window"] = time.perf_counter() - tick
    summary.seconds = round(time.perf_counter() - started, 3)
    own = resource.getrusage(resource.RUSAGE_SELF)
    summary.coordinator_cpu_seconds = round(own.ru_utime + own.ru_stime, 2)
    summary.articles_stored_already = summary.articles - summary.articles_new
    summary.stories_touched = store.stories_with_new_members(run_id)
    summary.stage_seconds = {k: round(v, 3) for k, v in counts.seconds.items()}
    summary.stage_passed = dict(counts.passed)
    summary.paragraphs_by_kind = dict(sorted(counts.kinds.items()))
    summary.removed_by_reason = dict(counts.removed.most_common())
    summary.dropped_by_reason = dict(counts.drops.most_common())
    store.finish_run(
        run_id,
        RunSummary(
            run_id=run_id,
            articles_read=summary.articles,
            articles_new=summary.articles_new,
            inputs_rejected=summary.inputs_rejected,
            paragraphs_by_kind=summary.paragraphs_by_kind,
            removed_by_reason=summary.removed_by_reason,
            seconds=summary.seconds,
            stages=infos,
            errors=tuple(summary.errors),
            dropped_by_reason=summary.dropped_by_reason,
            stage_seconds=summary.stage_seconds,
            window_posted=summary.window_posted,
        ),
    )
    if on_progress is not None:
        on_progress(summary)
    return summary


def flush_batch(
    store: Store,
    window: StoryWindow,
    run_id: str,
    articles: list[PreparedArticle],
    errors: list[InputError],
    summary: IngestSummary,
    positions: dict[str, int],
    counts: StageCounts,
) -> None:
    """One batch in one transaction: articles, errors, clusters and checkpoints are
    stored together or not at all (an interrupted batch is redone whole)."""
    summary.batches += 1
    with store.transaction():
        if articles:
            summary.articles += len(articles)
            started = time.perf_counter()
            summary.articles_new += store.add_article_values(
                [a.values for a in articles], [a.source for a in articles]
            )
            counts.seconds["store"] = counts.seconds.get("store", 0.0) + (
                time.perf_counter() - started
            )
            started = time.perf_counter()
            titles = {a.id: a.title for a in articles if a.title}
            relations, groups = cluster_batch(store, window, [a.entry for a in articles], titles)
            store.record_relations(run_id, relations, groups, replace=False)
            counts.seconds["cluster"] = counts.seconds.get("cluster", 0.0) + (
                time.perf_counter() - started
            )
            summary.relations += len(relations)
        if errors:
            store.add_errors(run_id, errors)
            summary.inputs_rejected += len(errors)
            summary.errors.extend(errors[: max(0, SUMMARY_ERRORS - len(summary.errors))])
        store.save_checkpoints(
            run_id, {source: (line, False) for source, line in positions.items()}
        )


def cluster_batch(
    store: Store,
    window: StoryWindow,
    entries: Sequence[IndexEntry],
    titles: Mapping[str, str | None],
) -> tuple[list[Relation], list[Story]]:
    """Relations and story groups for a batch, against itself and the window of recent
    stored articles, without passage alignment: copies by estimated word-pair similarity,
    same story by shared names and figures. Stores the batch's index entries."""
    window.sync(store)  # what other writers stored since the last batch
    numbers = window.add(entries)
    store.add_index_entries(entries)
    links = window.links(numbers, entries)
    relations: list[Relation] = []
    for first, second, similarity in links.copies:
        # Weak text similarity (stock phrases) is not evidence enough to join two stories.
        if similarity >= STORY_MIN_SIMILARITY:
            relations.append(_relation(window.ids[first], window.ids[second], similarity, 0))
    for first, second, shared in links.same_story:
        relations.append(_relation(window.ids[first], window.ids[second], 0.0, shared))
    best: dict[tuple[str, str], Relation] = {}
    for relation in relations:  # one per pair: copied text says more than shared names
        key = (relation.a, relation.b)
        if key not in best or _strength(relation) > _strength(best[key]):
            best[key] = relation
    relations = sorted(best.values(), key=lambda r: (r.a, r.b))
    ids = [e.article_id for e in entries]
    linked = {r.a for r in relations} | {r.b for r in relations}
    groups = [
        Story(f"g{n}", next((titles[i] for i in g if i in titles), None), tuple(g))
        for n, g in enumerate(_groups([*ids, *sorted(linked - set(ids))], relations))
    ]
    return relations, groups


def _strength(relation: Relation) -> tuple[int, float]:
    copied = relation.why.startswith("estimated")
    return (1 if copied else 0, float(relation.score))


def _relation(a: str, b: str, similarity: float, shared_terms: int) -> Relation:
    a, b = sorted((a, b))
    kind: RelationKind
    if similarity >= NEAR_DUPLICATE_SIMILARITY:
        kind, why = "near-duplicate", f"estimated word-pair similarity {similarity:.2f}"
    else:
        kind = "same-story"
        why = (
            f"estimated word-pair similarity {similarity:.2f} (passages not aligned yet: "
            "`newsprism report` aligns the story)"
            if similarity
            else f"share {shared_terms} names and figures"
        )
    score = round(similarity, 3) if similarity else float(shared_terms)
    return Relation(a, b, kind, None, score, why=why)


def _groups(ids: Iterable[str], relations: Iterable[Relation]) -> list[list[str]]:
    sets: DisjointSets[str] = DisjointSets(ids)
    for relation in relations:
        sets.union(relation.a, relation.b)
    return sets.groups()


def per_article_names(stages: Sequence[str]) -> tuple[str, ...]:
    names = tuple(FORMER_NAMES.get(name, name) for name in stages)
    known = (*PER_ARTICLE_STAGES, *STORED_WITH_ARTICLE, *EXTRACTIONS)
    if names[:2] != ("extract", "clean") or not set(names) <= set(known):
        raise NewsprismError(
            "E300",
            f"ingest runs per-article stages starting with extract,clean, from "
            f"{','.join(known)}; got {','.join(names) or 'none'}",
        )
    build_pipeline([n for n in names if n not in EXTRACTIONS])  # checks requirements
    return names


def _peak_memory_mb() -> tuple[float, float]:
    """This process's peak resident memory and the largest worker's (once the workers
    have ended), in MB (Linux counts in kilobytes)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, children / 1024


def check_sources(sources: Sequence[str | Path]) -> None:
    missing = [str(s) for s in sources if str(s) != "-" and not Path(s).exists()]
    if missing:
        raise NewsprismError("E100", f"no such file or folder: {', '.join(missing)}")
