"""Export for corpus work: every table as Parquet or JSON Lines, rows matching the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsprism
from newsprism.cli import app
from newsprism.export import export

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
