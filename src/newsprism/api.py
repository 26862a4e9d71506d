"""What the CLI, the web view and users' own code call.

    >>> import newsprism
    >>> dossier = newsprism.analyze(["examples/corpus"])
    >>> dossier.summary.articles_read

``analyze`` reads, cleans and stores a batch and returns a :class:`Dossier`;
``iter_articles`` streams the same stages without a store; ``extract_text`` runs them on one
document. One call per capability on a single text or pair, offsets into the text given:
``quotes(text)``, ``quantities(text)``, ``claims(text)``, ``align(a, b)``. ``db_stats``
answers the ``db stats`` command. (Evaluation lives in
``newsprism.eval.registry.run_eval``: the evaluation sets call this façade, so the façade
does not call them back.)
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from newsprism.about import __version__
from newsprism.clean.boilerplate import line_fingerprints
from newsprism.config import Settings
from newsprism.dossier.build import build_dossier, dump_json
from newsprism.dossier.html import render_html
from newsprism.dossier.markdown import render_markdown
from newsprism.dossier.records import result_sections, stage_entry
from newsprism.errors import NewsprismError
from newsprism.model import (
    Article,
    Claim,
    Entity,
    InputError,
    Quote,
    QuoteLineage,
    RawDocument,
    RelateResult,
    RunSummary,
    SpinResult,
    StageInfo,
    settle_direction,
)
from newsprism.pipeline import (
    DEFAULT_STAGES,
    STORED_PRODUCES,
    build_pipeline,
    reject_empty,
    run_pipeline,
    stage_infos,
    stage_options,
)
from newsprism.readers.documents import Limits
from newsprism.readers.files import read_inputs
from newsprism.stages.base import RunContext
from newsprism.store.base import Store, open_store
from newsprism.store.urls import sqlite_file

if TYPE_CHECKING:  # imported where used: `import newsprism` stays cheap
    from newsprism.claims.figures import Quantity
    from newsprism.relate.align import Passage

Item = str | Path
# Called with each record read once the per-article stages have taken it through (they
# pull the records one by one); the batch-wide stages run after the last one.
ProgressCallback = Callable[[RawDocument | InputError], None]

GENERATED_BY = f"newsprism {__version__}"


@dataclass(frozen=True, slots=True)
class Dossier:
    """The result of one analysis: the contract's JSON plus the records behind it."""

    data: Mapping[str, Any]
    articles: tuple[Article, ...]
    errors: tuple[InputError, ...]
    summary: RunSummary

    def to_json(self) -> str:
        return dump_json(self.data)

    def to_markdown(self) -> str:
        return render_markdown(self.data)

    def to_html(self) -> str:
        return render_html(self.data)

    def run_json(self) -> str:
        """What this run was (its id, timings, what was new in the store): kept out of
        dossier.json, so the same input gives a byte-identical dossier."""
        return json.dumps(summary_dict(self.summary), ensure_ascii=False, indent=2) + "\n"

    def write(self, out_dir: Path) -> dict[str, Path]:
        """Write dossier.json, dossier.md, dossier.html and run.json into ``out_dir``;
        return the paths.

        Each file is written to a temporary name and renamed, so a crash never leaves a
        half-written dossier in place of a good one.
        """
        out_dir.mkdir(parents=True, exist_ok=True)
        written: dict[str, Path] = {}
        for name, render in (
            ("dossier.json", self.to_json),
            ("dossier.md", self.to_markdown),
            ("dossier.html", self.to_html),
            ("run.json", self.run_json),
        ):
            target = out_dir / name
            partial = out_dir / f".{name}.partial"
            partial.write_text(render(), encoding="utf-8")
            partial.replace(target)
            written[name] = target
        return written


def _limits(settings: Settings) -> Limits:
    return Limits(
        max_file_bytes=settings.max_file_bytes,
        max_article_bytes=settings.max_article_bytes,
        max_jsonl_line_bytes=settings.max_jsonl_line_bytes,
        max_page_bytes=settings.max_page_bytes,
    )


def _new_context(settings: Settings, store: Store | None) -> RunContext:
    ctx = RunContext(config=settings.as_dict())
    if store is not None:
        ctx.line_stats = store.articles_with_line
        ctx.store = store
    return ctx


def iter_articles(
    items: Iterable[Item | RawDocument],
    *,
    settings: Settings | None = None,
    stages: Sequence[str] = DEFAULT_STAGES,
    ctx: RunContext | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Article | InputError]:
    """Stream articles (and errors, as records) through the stages, without a store."""
    settings = settings or Settings()
    ctx = ctx or _new_context(settings, None)
    pipeline = build_pipeline(stages, options=stage_options(settings))
    raw = _read(items, settings, stdin)
    output, _ = run_pipeline(raw, pipeline, ctx)
    yield from reject_empty(output, ctx)


def count_inputs(items: Iterable[Item]) -> int | None:
    """The records ``items`` hold, counted cheaply (None when that needs reading them)."""
    from newsprism.ingest.counting import count_inputs as count

    return count(items)


def _reported(
    records: Iterable[RawDocument | InputError], on_progress: ProgressCallback | None
) -> Iterator[RawDocument | InputError]:
    for record in records:
        yield record
        if on_progress is not None:  # the next one is asked for: this one is through
            on_progress(record)


def _read(
    items: Iterable[Item | RawDocument], settings: Settings, stdin: IO[bytes] | None
) -> Iterator[RawDocument | InputError]:
    paths: list[Item] = []
    for item in items:
        if isinstance(item, RawDocument):
            if paths:
                yield from read_inputs(paths, _limits(settings), stdin=stdin)
                paths = []
            yield item
        else:
            paths.append(item)
    if paths:
        yield from read_inputs(paths, _limits(settings), stdin=stdin)


def extract_text(data: str | bytes, format: str = "html", url: str | None = None) -> str:
    """Run ingest's extract + clean + metadata on one document; return its clean text."""
    document = RawDocument(
        source=url or "<document>",
        line=None,
        data=data,
        format=format,  # type: ignore[arg-type]
        meta={"url": url} if url else {},
    )
    for record in iter_articles([document], stages=("extract", "clean", "metadata")):
        if isinstance(record, Article):
            return record.text
    return ""


def quotes(text: str) -> list[Quote]:
    """Direct and partial quotations of one text, each with who said it: content, speaker
    mention and cue, offsets into ``text``; ``speaker`` is the person the mention resolves
    to in this text, None where the text does not say."""
    from newsprism.quotes.records import quotes_in

    return list(quotes_in(text))


def quantities(text: str, language: str | None = None) -> list[Quantity]:
    """Every figure of one text with its value, unit, bounds and span. ``language`` (a code
    such as "de") decides how numerals are read ("2,4 Milliarden"); None reads English."""
    from newsprism.claims.quantities import find_quantities

    return find_quantities(text, language=language)


def claims(text: str, article_id: str = "text", language: str | None = None) -> list[Claim]:
    """The claims of one text as the dossier shows them (figures in their sentences, with
    subject, time, value, unit, interval and span), offsets into ``text``; no grouping
    across articles. The stage "article_claims" finds them the same way. ``language`` as
    for :func:`quantities`."""
    from newsprism.claims.article import article_claims

    article = Article(
        id=article_id,
        content_hash=article_id,
        source="<text>",
        line=None,
        format="text",
        url=None,
        outlet=None,
        outlet_evidence=(),
        title=None,
        published=None,
        language=language,
        text=text,
        paragraphs=(),
        input_text=text,
    )
    return [c for c in article_claims(article) if not c.event_date]


def align(a_text: str, b_text: str) -> list[Passage]:
    """Passages one text shares with the other (copied, rewritten or spun), with exact spans
    into both."""
    from newsprism.relate.align import align as align_passages

    return align_passages(a_text, b_text)


def default_db_url(out_dir: Path | None) -> str | None:
    return f"sqlite:///{(out_dir / 'newsprism.db').resolve()}" if out_dir is not None else None


def analyze(
    paths_or_texts: Iterable[Item] | Item,
    *,
    out: Path | str | None = None,
    db: str | None = None,
    settings: Settings | None = None,
    stages: Sequence[str] = DEFAULT_STAGES,
    on_progress: ProgressCallback | None = None,
    stdin: IO[bytes] | None = None,
) -> Dossier:
    """Read, clean and store a batch of articles and build its dossier.

    ``paths_or_texts``: files, folders (read recursively), ``"-"`` for stdin, or article
    texts. ``out``: when given, the dossier files are written there and the store defaults to
    ``out/newsprism.db``. ``db``: a store URL (``sqlite:///…``); without ``db`` or ``out``
    nothing is stored.
    """
    started = time.perf_counter()
    settings = settings or Settings()
    items = [paths_or_texts] if isinstance(paths_or_texts, str | Path) else list(paths_or_texts)
    stage_options(settings)  # a bad stage option is reported before anything is written
    out_dir = Path(out) if out is not None else None
    db_url = db or default_db_url(out_dir)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    store = open_store(db_url) if db_url else None
    try:
        return _analyze(items, out_dir, store, settings, stages, on_progress, stdin, started)
    finally:
        if store is not None:
            store.close()


def _analyze(
    items: list[Item],
    out_dir: Path | None,
    store: Store | None,
    settings: Settings,
    stage_names: Sequence[str],
    on_progress: ProgressCallback | None,
    stdin: IO[bytes] | None,
    started: float,
) -> Dossier:
    ctx = _new_context(settings, store)
    pipeline = build_pipeline(stage_names, options=stage_options(settings))
    infos = stage_infos(pipeline)
    run_id = (
        store.begin_run([str(i) for i in items], infos, settings.as_dict()) if store else "unstored"
    )
    read = _read(items, settings, stdin)
    output, timers = run_pipeline(_reported(read, on_progress), pipeline, ctx)
    articles: dict[str, Article] = {}
    errors: list[InputError] = []
    for record in reject_empty(output, ctx):
        if isinstance(record, InputError):
            errors.append(record)
        elif record.content_hash in articles:
            # The same article read twice (two files, two feed lines) is one article.
            ctx.count_drop("same-content-read-twice")
        else:
            articles[record.content_hash] = record
    errors.extend(ctx.errors)  # batch-wide stages that failed say so here
    ordered = tuple(articles.values())
    articles_new = 0
    if store is not None:
        articles_new = store.add_articles(ordered, run_id)
        store.record_lines(
            (a.outlet, fp, a.content_hash)
            for a in ordered
            if a.outlet
            for fp in line_fingerprints(a)
        )
        store.add_errors(run_id, errors)
        stored = _store_relations(store, run_id, ctx)
    else:
        stored = None
    summary = RunSummary(
        run_id=run_id,
        articles_read=len(ordered),
        articles_new=articles_new,
        inputs_rejected=len(errors),
        paragraphs_by_kind=dict(sorted(ctx.kinds.items())),
        removed_by_reason=dict(ctx.removed.most_common()),
        seconds=round(time.perf_counter() - started, 3),
        stages=infos,
        errors=tuple(errors),
        dropped_by_reason=dict(ctx.drops.most_common()),
        stage_seconds={name: round(t.own, 4) for name, t in timers.items()},
    )
    if store is not None:
        store.finish_run(run_id, summary)
    return _dossier(ordered, errors, infos, summary, ctx, out_dir, stored)


def _dossier(
    ordered: tuple[Article, ...],
    errors: Sequence[InputError],
    infos: Sequence[StageInfo],
    summary: RunSummary,
    ctx: RunContext,
    out_dir: Path | None,
    stored: Mapping[str, str | None] | None = None,
) -> Dossier:
    """The dossier of a run's articles and the batch-wide stages' results; written to
    ``out_dir`` when given. ``stored``: batch story id -> the stored story it joined."""
    spin: SpinResult | None = ctx.results.get("spin")
    data = build_dossier(
        ordered,
        errors,
        infos,
        GENERATED_BY,
        run=dossier_run(summary),
        sections=_sections(ctx, stored),
        spin=spin.articles if spin is not None else None,
    )
    dossier = Dossier(data=data, articles=ordered, errors=tuple(errors), summary=summary)
    if out_dir is not None:
        dossier.write(out_dir)
    return dossier


def _store_relations(store: Store, run_id: str, ctx: RunContext) -> dict[str, str | None] | None:
    """Remember the batch for later runs and join its stories to the stored ones; returns
    each dossier story's stored story id (its ``stored_id``), None when relate did not run.
    Relations are stored with their final direction (``settle_direction``)."""
    related: RelateResult | None = ctx.results.get("relate")
    if related is None:
        return None
    spin: SpinResult | None = ctx.results.get("spin")
    store.add_index_entries(related.index)
    assigned = store.record_relations(
        run_id,
        [settle_direction(r, spin) for r in related.all_relations],
        related.all_stories,
    )
    stored_of = {
        article: assigned[story.id]
        for story in related.all_stories
        for article in story.articles
        if story.id in assigned
    }
    return {story.id: stored_of.get(story.articles[0]) for story in related.stories}


def _sections(
    ctx: RunContext, stored: Mapping[str, str | None] | None = None
) -> dict[str, list[Any]]:
    """Dossier sections that look across articles: what the batch stages that ran put in
    the run's results, as the contract's JSON."""
    related: RelateResult | None = ctx.results.get("relate")
    entities: tuple[Entity, ...] | None = ctx.results.get("entities")
    lineage: QuoteLineage | None = ctx.results.get("quote_clusters")
    sections: dict[str, list[Any]] = result_sections(
        related, ctx.results.get("spin"), entities, lineage, stored, ctx.results.get("brief")
    )
    claimed = ctx.results.get("claims")
    if claimed:  # typed records -> the contract's JSON
        sections.update({name: [r.contract() for r in found] for name, found in claimed.items()})
    return sections


# Run facts that differ between two runs on the same input; they go to run.json and the
# command's summary, not into dossier.json.
VOLATILE_RUN_FIELDS = ("run_id", "articles_new", "seconds", "stage_seconds")


def dossier_run(summary: RunSummary) -> dict[str, Any]:
    """The dossier's ``run`` section: what the input gave, the same on every run."""
    return {k: v for k, v in summary_dict(summary).items() if k not in VOLATILE_RUN_FIELDS}


def summary_dict(summary: RunSummary) -> dict[str, Any]:
    """The run summary as plain JSON-ready data (the CLI's ``--json`` output)."""
    data = dataclasses.asdict(summary)
    data["stages"] = [stage_entry(s) for s in summary.stages]
    data["errors"] = [dataclasses.asdict(e) for e in summary.errors]
    return data


def db_upgrade(db_url: str) -> dict[str, Any]:
    """Bring the store to this version's schema through the recorded migrations (the only
    command besides ingesting that changes a store's schema); its revision before and after."""
    before = None
    try:
        open_store(db_url, read_only=True).close()
        before = "head"
    except NewsprismError as exc:
        if exc.code != "E205":
            raise
    store = open_store(db_url)
    try:
        revision = store.stats()["schema_revision"]
    finally:
        store.close()
    return {"url": db_url, "schema_revision": revision, "upgraded": before is None}


def db_index(db_url: str) -> dict[str, Any]:
    """Bring the store's window postings current (what a small ``analyze --db`` batch's
    lookup does first): how many index entries were posted, in how many seconds."""
    started = time.perf_counter()
    store = open_store(db_url)
    try:
        posted = store.post_window()
    finally:
        store.close()
    return {"url": db_url, "posted": posted, "seconds": round(time.perf_counter() - started, 3)}


def store_file(db_url: str) -> Path | None:
    """The database file of an SQLite store URL or path; None for another database."""
    return sqlite_file(db_url)


def db_stats(db_url: str) -> dict[str, Any]:
    store = open_store(db_url, read_only=True)
    try:
        return store.stats()
    finally:
        store.close()


def export(
    db_url: str, out_dir: Path, fmt: str = "parquet", tables: Sequence[str] | None = None
) -> dict[str, int]:
    """Write the store's tables (``store.export.TABLES`` by default) into ``out_dir`` as
    Parquet or JSON Lines; return the rows written per table. Articles stored without
    claims get them from the registered stage "article_claims" (no grouping across
    articles)."""
    from newsprism.store.export import TABLES
    from newsprism.store.export import export as export_tables

    stages = build_pipeline(["article_claims"], STORED_PRODUCES)

    def claims_of(articles: Sequence[Article]) -> list[dict[str, Any]]:
        ctx = RunContext()
        for _ in run_pipeline(list(articles), stages, ctx)[0]:
            pass  # the stage keeps each article's claims in ctx.results
        found: Mapping[str, Sequence[Claim]] = ctx.results.get("article_claims") or {}
        return [
            c.contract()
            for article in articles
            for c in found.get(article.id, ())
            if not c.event_date  # event dates are compared, but are no claims
        ]

    return export_tables(db_url, out_dir, fmt, tables or TABLES, claims_of)


def open_reader(db_url: str) -> Store:
    """The store at ``db_url`` opened for reading only, for a caller that reads it many
    times (the web view keeps one for the server's life: one engine, whose connection pool
    keeps SQLite's page cache warm between requests); pass it where a function here takes
    ``db`` and close it when done. Each read still sees what writers have committed."""
    return open_store(db_url, read_only=True)


@contextlib.contextmanager
def _reading(db: str | Store) -> Iterator[Store]:
    """``db`` itself when it is an open store (left open), else the store at that URL
    opened read-only for this read and closed after it."""
    if not isinstance(db, str):
        yield db
        return
    store = open_store(db, read_only=True)
    try:
        yield store
    finally:
        store.close()


def _shown(db: str | Store) -> str:
    return db if isinstance(db, str) else db.url


def article_lineage(db: str | Store, article_id: str) -> dict[str, Any]:
    """Which stored story an article belongs to and what it is a copy of (or copied by);
    ``db`` is a store URL or a store from :func:`open_reader`."""
    with _reading(db) as store:
        article = store.get_article(article_id)
        if article is None:
            raise NewsprismError("E204", f"no article {article_id!r} in store {_shown(db)}")
        story = store.story_of(article.id)
        copies = store.copies_of(article.id)
    return {
        "article": {
            "id": article.id,
            "title": article.title,
            "outlet": article.outlet,
            "source": article.source,
        },
        "story": ({k: story[k] for k in ("id", "title", "articles", "sources")} if story else None),
        "copy_of": [c["other"] for c in copies if c["direction"] == "copy-of"],
        "copied_by": [c["other"] for c in copies if c["direction"] == "copied-by"],
        "copies": [_lineage_copy(c, article.id) for c in copies],
    }


def _lineage_copy(copy: Mapping[str, Any], article_id: str) -> dict[str, Any]:
    """One stored copy relation as ``db lineage`` shows it: the other article, the kind,
    the direction and what told it, the derivation label, and the share of each text taken
    from the other (this article's first)."""
    mine, theirs = ("a", "b") if copy["a"] == article_id else ("b", "a")
    return {
        **{k: copy.get(k) for k in ("other", "kind", "direction", "score", "why")},
        "derived_by": copy.get("derived_by"),
        "derivation": copy.get("derivation"),
        "taken": copy.get(f"{mine}_taken"),
        "other_taken": copy.get(f"{theirs}_taken"),
    }


def story_dossier(
    db: str | Store,
    story_id: str,
    out: Path | None = None,
    max_articles: int = 2000,
    settings: Settings | None = None,
) -> Dossier:
    """The dossier of one stored story, rebuilt from its stored articles: the stages that
    look across articles run again on them (so a story that grew over many runs is read
    as one), with the stage options of ``settings``, without writing anything to the
    store; ``db`` is a store URL or a store from :func:`open_reader`."""
    from newsprism.pipeline import ACROSS_STAGES

    settings = settings or Settings()
    options = stage_options(settings)  # a bad option is reported before the store opens
    started = time.perf_counter()
    with _reading(db) as store:
        story = store.story(story_id)
        if story is None:
            raise NewsprismError("E204", f"no story {story_id!r} in store {_shown(db)}")
        found = store.get_articles(story["articles"][:max_articles])
    articles = tuple(found)
    pipeline = build_pipeline(ACROSS_STAGES, given=STORED_PRODUCES, options=options)
    infos = (StageInfo("quotes", "stored"), *stage_infos(pipeline))
    ctx = RunContext(config=settings.as_dict())
    output, timers = run_pipeline(iter(articles), pipeline, ctx)
    ordered = tuple(sorted((r for r in output if isinstance(r, Article)), key=lambda a: a.id))
    summary = RunSummary(
        run_id=f"story {story['id']}",
        articles_read=len(ordered),
        articles_new=0,
        inputs_rejected=0,
        paragraphs_by_kind={},
        removed_by_reason={},
        seconds=round(time.perf_counter() - started, 3),
        stages=infos,
        errors=tuple(ctx.errors),
        dropped_by_reason=dict(ctx.drops.most_common()),
        stage_seconds={name: round(t.own, 4) for name, t in timers.items()},
    )
    related: RelateResult | None = ctx.results.get("relate")
    stored = {s.id: story["id"] for s in related.stories} if related is not None else None
    return _dossier(ordered, list(ctx.errors), infos, summary, ctx, out, stored)


def stored_stories(
    db: str | Store,
    search: str | None = None,
    offset: int = 0,
    limit: int = 50,
    *,
    after: tuple[str, str] | None = None,
    before: tuple[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Stored stories, newest first (see ``Store.list_stories``: ``after``/``before`` page
    by keyset from a story's ``(updated_at, id)``); ``db`` is a store URL or a store from
    :func:`open_reader`."""
    with _reading(db) as store:
        return store.list_stories(search, offset, limit, after=after, before=before)
