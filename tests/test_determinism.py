"""The same input gives a byte-identical dossier.json, run after run, stored or not."""

from __future__ import annotations

import json
from pathlib import Path

import newsprism

from .conftest import SAMPLE_CORPUS


def test_the_same_input_gives_byte_identical_dossiers(tmp_path: Path) -> None:
    newsprism.analyze([SAMPLE_CORPUS], out=tmp_path / "one")
    newsprism.analyze([SAMPLE_CORPUS], out=tmp_path / "two")
    # the second store run re-reads articles it already has: nothing in the dossier changes
    newsprism.analyze([SAMPLE_CORPUS], out=tmp_path / "two")
    first = (tmp_path / "one" / "dossier.json").read_bytes()
    assert first == (tmp_path / "two" / "dossier.json").read_bytes()
    for name in ("dossier.md", "dossier.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_timings_and_run_ids_go_to_run_json(tmp_path: Path) -> None:
    newsprism.analyze([SAMPLE_CORPUS], out=tmp_path)
    run = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    assert run["seconds"] > 0 and run["run_id"] != "unstored"
    dossier = json.loads((tmp_path / "dossier.json").read_text(encoding="utf-8"))
    assert "seconds" not in dossier["run"] and "run_id" not in dossier["run"]
    assert dossier["run"]["articles_read"] == run["articles_read"]
