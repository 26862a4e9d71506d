"""The ``newsprism`` command. Commands only parse arguments, call ``newsprism.api`` and print.

Exit codes (also in the README):
  0  every input was read
  1  some inputs were rejected, the rest was analysed and the dossier written
  2  usage error (bad option, missing argument, invalid setting)
  3  no article could be read at all (the dossier is written, empty, with its errors)
  4  the store could not be opened or written
  5  an evaluation fell below its pinned floors
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from newsprism.about import __version__
from newsprism.errors import EXIT_STORE, EXIT_USAGE, NewsprismError

# 2 (usage) and 4 (store) are the error table's, in newsprism.errors.
EXIT_OK = 0
EXIT_SOME_REJECTED = 1
EXIT_NOTHING_READ = 3
EXIT_BELOW_FLOOR = 5
FOUND_SECTIONS = ("stories", "relations", "sources", "entities", "quotes", "claims", "conflicts")

app = typer.Typer(
    name="newsprism",
    help="Read every version of a news story at once.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Inspect the store.", no_args_is_help=True)
app.add_typer(db_app, name="db")

err = Console(stderr=True)
out = Console()
console_out = out  # for commands whose --out option shadows the name


def _fail(exc: NewsprismError) -> typer.Exit:
    from rich.markup import escape

    from newsprism.store.urls import mask_secrets

    shown = escape(mask_secrets(str(exc)))  # a store URL's password is never printed
    err.print(f"[red]error[/red] {shown}", markup=True, highlight=False, soft_wrap=True)
    if exc.code.startswith("E2"):
        return typer.Exit(EXIT_STORE)
    return typer.Exit(EXIT_USAGE)


def _writable_folder(folder: Path) -> None:
    """Make ``folder`` (as the dossier writer would) and prove it takes a file, so a bad
    --out is one coded line (E301) before any work rather than a traceback after it."""
    import tempfile

    if folder.exists() and not folder.is_dir():
        raise _fail(NewsprismError("E301", f"--out {folder} is a file, not a folder"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise _fail(NewsprismError("E301", f"--out {folder} cannot be written: {reason}")) from None


def _version(value: bool) -> None:
    if value:
        print(f"newsprism {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """newsprism: copies, quotes, claims and conflicts across a story's coverage."""


CONFIG_HELP = "TOML config file: a [newsprism] table and [stages.NAME] tables of stage options."


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Directory for the dossier.")],
    db: Annotated[
        str | None, typer.Option(help="Store URL (default: sqlite:///OUT/newsprism.db).")
    ] = None,
    config: Annotated[Path | None, typer.Option(help=CONFIG_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal)."),
    ] = None,
) -> None:
    """Read articles and write DIR/dossier.json, DIR/dossier.md and DIR/dossier.html."""
    from newsprism import api
    from newsprism.config import load_settings

    try:
        settings = load_settings(config)
    except NewsprismError as exc:
        raise _fail(exc) from None
    _writable_folder(out_dir)
    show_progress = err.is_terminal if progress is None else progress
    try:
        if show_progress:
            with Progress(
                SpinnerColumn(),
                TextColumn("[progress.description]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err,
                transient=True,
            ) as bar:
                # Counted first (files, feed lines) so that the bar has a total.
                total = api.count_inputs(paths)
                task = bar.add_task("reading articles", total=total)

                done = 0

                def advance(_record: object) -> None:
                    nonlocal done
                    done += 1
                    bar.advance(task)
                    if done == total:  # what comes next looks across the whole batch
                        bar.update(task, description="relating the articles")

                dossier = api.analyze(
                    paths,
                    out=out_dir,
                    db=db,
                    settings=settings,
                    on_progress=advance,
                    stdin=sys.stdin.buffer,
                )
        else:
            dossier = api.analyze(
                paths, out=out_dir, db=db, settings=settings, stdin=sys.stdin.buffer
            )
    except NewsprismError as exc:
        raise _fail(exc) from None
    summary = api.summary_dict(dossier.summary)
    summary["out"] = str(out_dir)
    summary["found"] = {section: len(dossier.data.get(section, [])) for section in FOUND_SECTIONS}
    if as_json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        _print_summary(summary)
    if dossier.summary.articles_read == 0:
        raise typer.Exit(EXIT_NOTHING_READ)
    if dossier.summary.inputs_rejected:
        raise typer.Exit(EXIT_SOME_REJECTED)


def _print_summary(summary: dict[str, Any]) -> None:
    out.print(
        f"[bold]{summary['articles_read']}[/bold] articles read "
        f"({summary['articles_new']} new in the store), "
        f"[bold]{summary['inputs_rejected']}[/bold] inputs rejected, "
        f"in {summary['seconds']:.2f} s",
        highlight=False,
    )
    kinds = summary["paragraphs_by_kind"]
    if kinds:
        line = "paragraphs: " + ", ".join(f"{k} {v}" for k, v in kinds.items())
        out.print(line, highlight=False, soft_wrap=True)
    found = summary.get("found") or {}
    if any(found.values()):
        line = "found: " + ", ".join(f"{v} {k}" for k, v in found.items())
        out.print(line, highlight=False, soft_wrap=True)
    removed = summary["removed_by_reason"]
    if removed:
        table = Table(title="paragraphs removed, by reason", title_justify="left")
        table.add_column("reason")
        table.add_column("count", justify="right")
        for reason, count in removed.items():
            table.add_row(reason, str(count))
        out.print(table)
    for error in summary["errors"][:20]:
        out.print(
            f"[yellow]{error['code']}[/yellow] {error['message']}", highlight=False, markup=True
        )
    if len(summary["errors"]) > 20:
        out.print(f"… and {len(summary['errors']) - 20} more errors (see dossier.json)")
    out.print(f"dossier written to {summary['out']}", highlight=False)


@app.command("ingest")
def ingest_command(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, JSON Lines, WARC.")],
    db: Annotated[str, typer.Option(help="Store URL, e.g. sqlite:///news.db.")],
    batch_size: Annotated[int, typer.Option(min=1, max=100_000)] = 1000,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes (default: all cores).")
    ] = None,
    executor: Annotated[str, typer.Option(help="local, inline or ray.")] = "local",
    address: Annotated[
        str | None, typer.Option(help="Ray cluster address (auto: join a running one).")
    ] = None,
    stages: Annotated[
        str,
        typer.Option(
            help="Per-article work before clustering: extract,clean then any of "
            "metadata,quotes,mentions,claims (named-entity mentions and claims are stored "
            "with each article; extract,clean alone: fastest deduplication and stories)."
        ),
    ] = "extract,clean,metadata,quotes",
    window: Annotated[
        int,
        typer.Option(min=1000, help="Recent stored articles each new one is compared with."),
    ] = 250_000,
    post_window: Annotated[
        bool,
        typer.Option(
            help="Bring the window postings current at the end (as `db index`); off by "
            "default: small analyze --db runs do it when they need it."
        ),
    ] = False,
    config: Annotated[Path | None, typer.Option(help=CONFIG_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Stream any number of articles into the store, resumably; stories grow as they come."""
    from newsprism import api
    from newsprism.config import load_settings
    from newsprism.ingest.stream import check_sources, ingest

    def show(summary: Any) -> None:
        if not as_json:
            rate = summary.articles / max(1e-9, time.perf_counter() - started)
            done = max(1, summary.articles)
            stages = " ".join(
                f"{name} {1000 * seconds / done:.2f}"
                for name, seconds in summary.stage_seconds.items()
                if name != "ingest"
            )
            read = f"{summary.records_read}" + (
                f"/{total} ({100 * summary.records_read / total:.0f}%)" if total else ""
            )
            err.print(
                f"{read} read, {summary.articles} articles "
                f"({summary.articles_new} new), {summary.inputs_rejected} rejected, "
                f"{rate:.0f} articles/s; ms per article: {stages}",
                highlight=False,
            )

    started = time.perf_counter()
    try:
        settings = load_settings(config)
        check_sources(sources)
        # Counted first (files, feed lines, WARC records unknown) so progress has a total.
        total = None if as_json else api.count_inputs(sources)
        summary = ingest(
            sources,
            db,
            settings=settings,
            batch_size=batch_size,
            workers=workers,
            executor=executor,
            address=address,
            on_progress=show,
            stages=[name.strip() for name in stages.split(",") if name.strip()],
            window_articles=window,
            post_window=post_window,
        )
    except NewsprismError as exc:
        raise _fail(exc) from None
    data = dataclasses.asdict(summary)
    data["errors"] = [dataclasses.asdict(e) for e in summary.errors]
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_ingest(data)
    if summary.articles == 0 and summary.records_skipped_as_done == 0:
        raise typer.Exit(EXIT_NOTHING_READ)
    if summary.inputs_rejected:
        raise typer.Exit(EXIT_SOME_REJECTED)


def _print_ingest(data: dict[str, Any]) -> None:
    _print_line(
        f"{data['records_read']} records read ({data['records_skipped_as_done']} done in an "
        f"earlier run): {data['articles']} articles, {data['articles_new']} of them new in "
        f"the store ({data['articles_stored_already']} with the text of one stored "
        f"already), {data['inputs_rejected']} rejected; {data['relations']} relations, "
        f"{data['stories_touched']} stories touched (joined by a new article), in "
        f"{data['seconds']:.1f} s with {data['workers']} {data['executor']} workers; peak "
        f"memory {data['peak_memory_mb']} MB"
    )
    table = Table(title="by stage, all workers", title_justify="left")
    for column, justify in (("stage", "left"), ("in", "right"), ("out", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    table.add_column("seconds", justify="right")
    passed = dict(data.get("stage_passed") or {})
    stored = passed.pop("stored", None)
    # After the stages: indexed as they come, stored once each (same content read twice
    # is dropped), clustered.
    passed.update(
        {"index": stored, "store": data["articles"], "cluster": data["articles"]}
        if stored is not None
        else {}
    )
    previous = passed.get("ingest")
    for name, seconds in data["stage_seconds"].items():
        out = passed.get(name)
        shown_in = "" if name == "ingest" or previous is None or out is None else str(previous)
        table.add_row(name, shown_in, "" if out is None else str(out), f"{seconds:.2f}")
        previous = out if out is not None else previous
    console_out.print(table)
    if data["dropped_by_reason"]:
        _print_line(
            "dropped: " + ", ".join(f"{k} {v}" for k, v in data["dropped_by_reason"].items())
        )


@app.command("export")
def export_command(
    db: Annotated[str, typer.Option(help="Store URL, e.g. sqlite:///news.db.")],
    out: Annotated[Path, typer.Option(help="Folder for one file per table.")],
    format: Annotated[str, typer.Option("--format", help="parquet or jsonl.")] = "parquet",
    table: Annotated[
        list[str] | None,
        typer.Option(help="articles, stories, relations, quotes, claims (default: all)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Write the store's articles, stories, relations, quotes and claims for corpus work."""
    from newsprism import api

    _writable_folder(out)
    try:
        written = api.export(db, out, format, table or None)
    except NewsprismError as exc:
        raise _fail(exc) from None
    if as_json:
        print(json.dumps({"out": str(out), "rows": written}, indent=2))
        return
    _print_line(", ".join(f"{n} {name}" for name, n in written.items()) + f" written to {out}")


@app.command("report")
def report(
    story_id: Annotated[str, typer.Argument(help="A stored story id (S…; see `db stories`).")],
    db: Annotated[str, typer.Option(help="Store URL, e.g. sqlite:///out/newsprism.db.")],
    out: Annotated[Path, typer.Option(help="Folder for dossier.json, .md and .html.")],
    config: Annotated[Path | None, typer.Option(help=CONFIG_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Write the dossier of one stored story, however many runs its articles came in."""
    from newsprism import api
    from newsprism.config import load_settings

    _writable_folder(out)
    try:
        dossier = api.story_dossier(db, story_id, out=out, settings=load_settings(config))
    except NewsprismError as exc:
        raise _fail(exc) from None
    data = dossier.data
    counts = {key: len(data.get(key, [])) for key in FOUND_SECTIONS}
    if as_json:
        print(json.dumps({"story": story_id, "out": str(out), "found": counts}, indent=2))
        return
    found = ", ".join(f"{n} {key}" for key, n in counts.items())
    _print_line(f"story {story_id}: {len(data['articles'])} articles; found: {found}")
    _print_line(f"dossier written to {out}")


@app.command("validate")
def validate_command(
    dossier: Annotated[Path, typer.Argument(help="A dossier.json to check.")],
) -> None:
    """Check a dossier: the contract's keys and spans, and every line of each story brief
    against its articles' text (exit 1 and one line per problem when it fails)."""
    from newsprism.brief.validate import brief_problems
    from newsprism.dossier.validate import dossier_problems

    try:
        data = json.loads(dossier.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        _print_line(f"{dossier}: cannot read a dossier ({exc})")
        raise typer.Exit(EXIT_USAGE) from None
    problems = dossier_problems(data) + brief_problems(data)
    for problem in problems:
        _print_line(problem)
    if problems:
        raise typer.Exit(1)
    briefs = sum(1 for story in data.get("stories") or [] if "brief" in story)
    _print_line(f"{dossier}: valid ({len(data.get('articles') or [])} articles, {briefs} briefs)")


def _print_line(line: str) -> None:
    console_out.print(line, highlight=False, markup=False, soft_wrap=True)


@db_app.command("story")
def db_story(
    article_id: Annotated[str, typer.Argument(help="An article id (a… from the dossier).")],
    db: Annotated[str, typer.Option(help="Store URL, e.g. sqlite:///out/newsprism.db.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Tell which stored story an article belongs to and what it is a copy of."""
    from newsprism import api

    try:
        found = api.article_lineage(db, article_id)
    except NewsprismError as exc:
        raise _fail(exc) from None
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2, default=str))
        return
    article, story = found["article"], found["story"]
    out.print(
        f"article {article['id']}: {article['title'] or '(no title)'} — "
        f"{article['outlet'] or 'outlet unknown'}",
        markup=False,
        highlight=False,
    )
    if story is None:
        out.print("story: none stored (run analyze with the relate stage)", markup=False)
    else:
        out.print(
            f"story {story['id']}: {story['title'] or '(no title)'}, "
            f"{len(story['articles'])} articles in {len(story['sources'])} independent sources",
            markup=False,
            highlight=False,
        )
    for copy in found["copies"]:
        direction = {"copy-of": "is a copy of", "copied-by": "is copied by"}.get(
            copy["direction"], "shares text with"
        )
        out.print(
            f"  {direction} {copy['other']} ({copy['kind']}, score {copy['score']})",
            markup=False,
            highlight=False,
        )


@db_app.command("stories")
def db_stories(
    db: Annotated[str, typer.Option(help="Store URL, e.g. sqlite:///out/newsprism.db.")],
    search: Annotated[str | None, typer.Option(help="Words the story title contains.")] = None,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List stored stories, most recently updated first."""
    from newsprism import api

    try:
        found = api.stored_stories(db, search, offset, limit)
    except NewsprismError as exc:
        raise _fail(exc) from None
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2, default=str))
        return
    table = Table(title=f"{len(found)} stories", title_justify="left")
    for column in ("id", "articles", "updated", "title"):
        table.add_column(column)
    for story in found:
        table.add_row(
            story["id"], str(story["articles"]), str(story["updated_at"]), story["title"] or ""
        )
    out.print(table)


@db_app.command("stats")
def db_stats(
    db: Annotated[str, typer.Option(help="Store URL, e.g. sqlite:///out/newsprism.db.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Tell what is stored: articles, runs, errors, outlets, languages."""
    from newsprism import api

    try:
        stats = api.db_stats(db)
    except NewsprismError as exc:
        raise _fail(exc) from None
    if as_json:
        print(json.dumps(stats, ensure_ascii=False, indent=2, default=str))
        return
    table = Table(title=f"store {stats.get('url', db)}", title_justify="left")
    table.add_column("what")
    table.add_column("value")
    for key, value in stats.items():
        if key == "url":
            continue
        shown = (
            ", ".join(f"{k} {v}" for k, v in value.items())
            if isinstance(value, dict)
            else str(value)
        )
        table.add_row(key, shown)
    out.print(table)


@db_app.command("upgrade")
def db_upgrade(
    db: Annotated[str, typer.Option(help="Store URL, e.g. sqlite:///out/newsprism.db.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Migrate an existing store to this version's schema (reading commands never do)."""
    from newsprism import api

    done = _store_maintenance(api.db_upgrade, db)
    if as_json:
        print(json.dumps(done, ensure_ascii=False, indent=2))
        return
    state = "migrated to" if done["upgraded"] else "already at"
    out.print(
        f"store {done['url']}: {state} schema revision {done['schema_revision']}", markup=False
    )


def _store_maintenance(call: Any, db: str) -> dict[str, Any]:
    """What a maintenance call on the store at ``db`` reports, its URL without a
    password; a coded error ends the command."""
    from newsprism.store.urls import mask_secrets

    try:
        done: dict[str, Any] = call(db)
    except NewsprismError as exc:
        raise _fail(exc) from None
    done["url"] = mask_secrets(done["url"])
    return done


@db_app.command("index")
def db_index(
    db: Annotated[str, typer.Option(help="Store URL, e.g. sqlite:///out/newsprism.db.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Bring the store's window postings current (ingest leaves them behind; a small
    analyze --db batch's lookup would otherwise do it first)."""
    from newsprism import api

    done = _store_maintenance(api.db_index, db)
    if as_json:
        print(json.dumps(done, ensure_ascii=False, indent=2))
        return
    out.print(
        f"store {done['url']}: {done['posted']} index entries posted in {done['seconds']} s",
        markup=False,
    )


@app.command("serve")
def serve(
    db: Annotated[
        str | None, typer.Option(help="Store URL, e.g. sqlite:///out/sample/newsprism.db.")
    ] = None,
    host: Annotated[
        str, typer.Option(help="Address to bind (default: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
    page_size: Annotated[
        int, typer.Option(help="Stories per page of the stories list (1 to 100).")
    ] = 25,
) -> None:
    """Browse the store in a local, read-only web view (stories, dossiers, people, quotes)."""
    from newsprism import web

    try:
        web.serve(db, host=host, port=port, on_ready=_print_line, page_size=page_size)
    except NewsprismError as exc:
        raise _fail(exc) from None


@app.command("eval")
def eval_command(
    name: Annotated[str, typer.Argument(help="Evaluation set, e.g. aeb.")],
    data: Annotated[
        Path | None,
        typer.Option(help="Directory with the set's data (default ../shared/datasets/NAME)."),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N documents.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
) -> None:
    """Run one evaluation set and check its pinned floors."""
    from newsprism.eval.registry import format_eval_table, run_eval

    try:
        result = run_eval(name, data, limit=limit)
    except NewsprismError as exc:
        raise _fail(exc) from None
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_eval_table(result))
    if not result.get("passed", False):
        raise typer.Exit(EXIT_BELOW_FLOOR)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
