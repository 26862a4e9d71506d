"""Export for corpus work: every table as Parquet or JSON Lines, rows matching the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsprism
from newsprism.api import export
from newsprism.cli import app

from .conftest import SAMPLE_CORPUS


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("export")
    newsprism.analyze([SAMPLE_CORPUS], out=folder)
    return f"sqlite:///{folder / 'newsprism.db'}"


def test_jsonl_export_writes_every_table_with_spans_into_the_texts(
    store: str, tmp_path: Path
) -> None:
    written = export(store, tmp_path, "jsonl")
    assert written["articles"] == 9 and written["stories"] == 9
    assert written["relations"] > 0 and written["quotes"] > 0 and written["claims"] > 0
    texts = {
        row["id"]: row["text"]
        for row in map(json.loads, (tmp_path / "articles.jsonl").read_text().splitlines())
    }
    for name in ("quotes", "claims"):
        for row in map(json.loads, (tmp_path / f"{name}.jsonl").read_text().splitlines()):
            assert 0 <= row["start"] <= row["end"] <= len(texts[row["article_id"]])


def test_parquet_export_round_trips_the_rows(store: str, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")
    written = export(store, tmp_path, "parquet", ["articles", "relations"])
    table = pq.read_table(tmp_path / "relations.parquet")
    assert table.num_rows == written["relations"]
    assert set(table.column("kind").to_pylist()) >= {"spun-copy", "near-duplicate"}
    assert pq.read_table(tmp_path / "articles.parquet").num_rows == 9


def test_export_command_refuses_an_unknown_format(store: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["export", "--db", store, "--out", str(tmp_path), "--format", "csv"]
    )
    assert result.exit_code == 2 and "E300" in result.output


def test_an_ingest_with_mentions_and_claims_stores_them_and_export_reads_them_back(
    tmp_path: Path,
) -> None:
    from newsprism.ingest.stream import ingest

    url = f"sqlite:///{tmp_path / 'full.db'}"
    stages = ("extract", "clean", "metadata", "quotes", "mentions", "claims")
    summary = ingest([SAMPLE_CORPUS], url, workers=1, stages=stages)
    assert summary.articles == 9 and {"mentions", "claims"} <= set(summary.stage_seconds)
    stored = export(url, tmp_path / "stored", "jsonl", ["articles", "claims", "entities"])
    texts = {
        row["id"]: row["text"]
        for row in map(json.loads, (tmp_path / "stored/articles.jsonl").read_text().splitlines())
    }
    mentions = [
        json.loads(line) for line in (tmp_path / "stored/entities.jsonl").read_text().splitlines()
    ]
    assert stored["entities"] == len(mentions) > 0
    for m in mentions:
        assert texts[m["article_id"]][m["start"] : m["end"]] == m["text"]
    # The stored claims are those the export would extract itself.
    plain = f"sqlite:///{tmp_path / 'plain.db'}"
    ingest([SAMPLE_CORPUS], plain, workers=1, stages=("extract", "clean", "metadata", "quotes"))
    export(plain, tmp_path / "computed", "jsonl", ["claims", "entities"])
    assert stored["claims"] > 0
    assert (tmp_path / "stored/claims.jsonl").read_text() == (
        tmp_path / "computed/claims.jsonl"
    ).read_text()
    assert (tmp_path / "computed/entities.jsonl").read_text() == ""
