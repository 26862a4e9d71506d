"""Streaming ingest: batches into the store, stories across batches, resuming, executors."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.ingest.stream import ingest
from newsprism.store.base import open_store

from .conftest import SAMPLE_CORPUS


def _feed(tmp_path: Path, copies: int = 3) -> Path:
    """A JSON Lines feed: the sample corpus's articles, each followed by reprints."""
    wire = (SAMPLE_CORPUS / "01_continental_press_wire.txt").read_text(encoding="utf-8")
    other = (SAMPLE_CORPUS / "05_independent_report.txt").read_text(encoding="utf-8")
    lines = [{"id": "wire", "text": wire}, {"id": "tribune", "text": other}]
    for n in range(copies):
        lines.append({"id": f"reprint{n}", "text": wire + f"\n\nRead more at outlet{n}.example"})
    lines.append({"id": "broken"})  # neither text nor html: a clear error, the rest goes on
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def _membership(url: str) -> list[tuple[str, str]]:
    store = open_store(url)
    try:
        with store.engine.connect() as connection:  # type: ignore[attr-defined]
            rows = connection.execute(sa.text("select article_id, story_id from story_members"))
            return sorted((a, s) for a, s in rows)
    finally:
        store.close()


def test_an_ingested_feed_forms_stories_across_small_batches(
    store_url: str, tmp_path: Path
) -> None:
    feed = _feed(tmp_path)
    summary = ingest([feed], store_url, batch_size=2, workers=1)
    assert summary.articles == 5 and summary.inputs_rejected == 1 and summary.batches >= 3
    stories = {story for _, story in _membership(store_url)}
    assert len(stories) == 1  # reprints in later batches joined the wire's story
    store = open_store(store_url)
    assert store.stats()["articles"] == 5
    store.close()


def test_a_second_run_redoes_nothing_and_an_interrupted_one_resumes(
    store_url: str, tmp_path: Path
) -> None:
    feed = _feed(tmp_path)
    store = open_store(store_url)
    run = store.begin_run([], (), {})
    store.save_checkpoints(run, {str(feed): (3, False)})  # as if killed after line 3
    store.close()
    resumed = ingest([feed], store_url, batch_size=2, workers=1)
    assert resumed.records_skipped_as_done == 3 and resumed.articles == 2
    again = ingest([feed], store_url, batch_size=2, workers=1)
    assert again.articles == 0 and again.records_skipped_as_done == 6


def test_local_processes_store_what_one_process_stores(tmp_path: Path) -> None:
    feed = _feed(tmp_path, copies=6)
    one, two = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'two.db'}"
    ingest([feed, SAMPLE_CORPUS], one, batch_size=3, workers=1)
    ingest([feed, SAMPLE_CORPUS], two, batch_size=3, workers=2, executor="local")
    assert _membership(one) == _membership(two)


def test_ingest_command_prints_a_summary_and_exits_1_when_an_input_was_rejected(
    tmp_path: Path,
) -> None:
    feed = _feed(tmp_path)
    db = f"sqlite:///{tmp_path / 'n.db'}"
    result = CliRunner().invoke(app, ["ingest", str(feed), "--db", db, "--workers", "1", "--json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output[result.output.index("{") :])
    assert data["articles"] == 5 and data["errors"][0]["code"] == "E106"
    # Records out of each stage: the broken line never became a document.
    assert data["stage_passed"]["ingest"] == 5 and data["stage_passed"]["quotes"] == 5
    fresh = f"sqlite:///{tmp_path / 'table.db'}"
    table = CliRunner().invoke(app, ["ingest", str(feed), "--db", fresh, "--workers", "1"])
    assert "seconds" in table.output and "cluster" in table.output
    # The feed's lines are counted first: progress reads "done/total (share)".
    assert "6/6 (100%) read" in table.output
    missing = CliRunner().invoke(app, ["ingest", str(tmp_path / "nope.jsonl"), "--db", db])
    assert missing.exit_code == 2


def test_ray_executor_stores_what_one_process_stores(tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("ray", reason="Ray is not installed (pip install 'newsprism[ray]')")
    feed = _feed(tmp_path, copies=4)
    one, ray_db = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'ray.db'}"
    ingest([feed, SAMPLE_CORPUS], one, batch_size=3, workers=1)
    summary = ingest([feed, SAMPLE_CORPUS], ray_db, batch_size=3, workers=2, executor="ray")
    assert summary.executor == "ray"
    assert _membership(one) == _membership(ray_db)


def test_an_extraction_failing_on_one_article_is_recorded_and_the_rest_are_stored(
    tmp_path: Path, monkeypatch
) -> None:
    import newsprism.claims.article as claims_module

    real = claims_module.extract_claims

    def fragile(articles, *args, **kwargs):  # type: ignore[no-untyped-def]
        if any(a.line == 4 for a in articles):  # the second reprint
            raise KeyError("an amount the parser does not know")
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(claims_module, "extract_claims", fragile)
    url = f"sqlite:///{tmp_path / 'store.db'}"
    stages = ("extract", "clean", "metadata", "claims")
    summary = ingest([_feed(tmp_path)], url, workers=1, stages=stages)
    assert summary.articles == 5  # every article stored, the fragile one too
    failed = [e for e in summary.errors if e.code == "E199"]
    assert len(failed) == 1 and "claims extraction failed" in failed[0].message
    assert failed[0].line == 4  # the reprint's line in the feed
    store = open_store(url)
    try:
        extracted = {a.line: claims for a, claims in store.iter_extracted("claims")}
    finally:
        store.close()
    assert extracted[4] is None and all(v is not None for k, v in extracted.items() if k != 4)


def test_quotes_not_looked_for_are_stored_as_unknown_not_as_none_found(tmp_path: Path) -> None:
    without, with_quotes = (f"sqlite:///{tmp_path / name}" for name in ("a.db", "b.db"))
    ingest([_feed(tmp_path)], without, workers=1, stages=("extract", "clean"))
    ingest([_feed(tmp_path)], with_quotes, workers=1, stages=("extract", "clean", "quotes"))
    stored = {}
    for url in (without, with_quotes):
        engine = sa.create_engine(url)
        with engine.connect() as connection:
            rows = connection.execute(sa.text("select id, quotes from articles")).all()
        engine.dispose()
        stored[url] = {identifier: quotes for identifier, quotes in rows}
    assert set(stored[without].values()) == {None}  # SQL NULL: never extracted
    assert all(json.loads(q) for q in stored[with_quotes].values())  # the wire quotes people
