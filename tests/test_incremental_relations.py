"""Relating across runs: a later batch joins the stories already in the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsprism
from newsprism import api
from newsprism.cli import app

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture()
def two_runs(store_url: str) -> tuple[str, newsprism.Dossier, newsprism.Dossier]:
    db = store_url
    first = newsprism.analyze(
        [CORPUS / "01_continental_press_wire.txt", CORPUS / "06_photo_page.txt"], db=db
    )
    second = newsprism.analyze([CORPUS / "03_spun_copy.md"], db=db)
    return db, first, second


def _id(dossier: newsprism.Dossier, name: str) -> str:
    return next(a.id for a in dossier.articles if a.source.endswith(name))


def test_an_article_of_a_later_run_joins_the_stored_story(two_runs) -> None:
    _, first, second = two_runs
    wire = _id(first, "01_continental_press_wire.txt")
    spun = _id(second, "03_spun_copy.md")
    (story,) = second.data["stories"]
    assert story["articles"] == [spun]
    assert wire in story["earlier_articles"]
    wire_story = next(s for s in first.data["stories"] if wire in s["articles"])
    assert story["stored_id"] == wire_story["stored_id"]
    (link,) = [r for r in second.data["earlier_relations"] if {r["a"], r["b"]} == {wire, spun}]
    assert link["kind"] == "spun-copy"


def test_the_store_tells_what_an_article_is_a_copy_of(two_runs) -> None:
    db, first, second = two_runs
    wire = _id(first, "01_continental_press_wire.txt")
    spun = _id(second, "03_spun_copy.md")
    lineage = api.article_lineage(db, spun)
    assert lineage["copy_of"] == [wire]
    assert set(lineage["story"]["articles"]) >= {wire, spun}
    assert api.article_lineage(db, wire)["copied_by"] == [spun]
    # Lineage keeps what the relation says of the copying: label, evidence, shares taken.
    (copy,) = [c for c in lineage["copies"] if c["other"] == wire]
    assert copy["derivation"] in ("wholly", "partially") and copy["derived_by"]
    assert copy["taken"] is not None and 0 < copy["taken"] <= 1


def test_the_dossier_of_a_later_run_stays_self_contained(two_runs) -> None:
    _, _, second = two_runs
    ids = {a["id"] for a in second.data["articles"]}
    for relation in second.data["relations"]:
        assert {relation["a"], relation["b"]} <= ids
    for story in second.data["stories"]:
        assert set(story["articles"]) <= ids


def test_rerunning_the_same_batch_keeps_one_story(store_url: str) -> None:
    db = store_url
    inputs = [CORPUS / "01_continental_press_wire.txt", CORPUS / "02_harbour_herald_copy.txt"]
    first = newsprism.analyze(inputs, db=db)
    again = newsprism.analyze(inputs, db=db)
    assert [s["stored_id"] for s in first.data["stories"]] == [
        s["stored_id"] for s in again.data["stories"]
    ]
    assert len(api.stored_stories(db)) == 1


def test_db_story_command_answers_in_text_and_json(two_runs) -> None:
    db, first, second = two_runs
    spun = _id(second, "03_spun_copy.md")
    runner = CliRunner()
    result = runner.invoke(app, ["db", "story", spun, "--db", db])
    assert result.exit_code == 0, result.output
    assert "is a copy of" in result.output
    result = runner.invoke(app, ["db", "story", spun, "--db", db, "--json"])
    assert json.loads(result.output)["copy_of"] == [_id(first, "01_continental_press_wire.txt")]
    missing = runner.invoke(app, ["db", "story", "a0000000000", "--db", db])
    assert missing.exit_code == 4
    listed = runner.invoke(app, ["db", "stories", "--db", db, "--json"])
    assert listed.exit_code == 0 and json.loads(listed.output)
