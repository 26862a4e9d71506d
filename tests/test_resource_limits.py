"""Resource exhaustion and unwritable stores: a clear error, the batch goes on."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from typer.testing import CliRunner

import newsprism
from newsprism.cli import app

from .conftest import SAMPLE_CORPUS


def test_a_gzip_bomb_line_is_rejected_and_the_next_lines_still_read(tmp_path: Path) -> None:
    bomb = tmp_path / "feed.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as handle:
        handle.write(
            json.dumps({"text": "A first article, short and fine.\n" * 3}).encode() + b"\n"
        )
        handle.write(b'{"text": "' + b"0" * (64 * 1024 * 1024) + b'"}\n')  # 64 MB, ~60 KB packed
        handle.write(json.dumps({"text": "A third article after the bomb.\n" * 3}).encode() + b"\n")
    assert bomb.stat().st_size < 1_000_000
    dossier = newsprism.analyze([bomb])
    assert len(dossier.articles) == 2
    (error,) = dossier.errors
    assert error.code == "E103" and error.line == 2


def test_a_read_only_store_is_a_clear_store_error_and_keeps_its_data(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    newsprism.analyze([SAMPLE_CORPUS / "01_continental_press_wire.txt"], db=str(db))
    read_only = f"sqlite:///file:{db}?mode=ro&uri=true"  # as a read-only mount gives it
    result = CliRunner().invoke(
        app, ["analyze", str(SAMPLE_CORPUS), "--out", str(tmp_path / "out"), "--db", read_only]
    )
    assert result.exit_code == 4, result.output
    assert "E20" in result.output and "Traceback" not in result.output
    assert newsprism.api.db_stats(str(db))["articles"] == 1  # nothing lost


def test_a_store_path_that_cannot_be_created_is_a_clear_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["db", "stats", "--db", f"sqlite:///{blocker / 'sub' / 'n.db'}"]
    )
    assert result.exit_code == 4
    assert "E201" in result.output
