"""The project's own sample corpus through the whole pipeline, checked against expected.json."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import newsprism
from newsprism.api import Dossier

from .conftest import SAMPLE_CORPUS

EXPECTED = json.loads((SAMPLE_CORPUS.parent / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Dossier:
    return newsprism.analyze([SAMPLE_CORPUS], out=tmp_path_factory.mktemp("sample"))


def _key(article: dict) -> str:
    name = Path(article["source"]).name
    return f"{name}:{article['line']}" if article["line"] is not None else name


def test_every_file_and_feed_line_becomes_one_article(dossier: Dossier) -> None:
    assert sorted(_key(a) for a in dossier.data["articles"]) == sorted(EXPECTED["articles"])
    assert dossier.data["errors"] == []


@pytest.mark.parametrize("name", sorted(EXPECTED["articles"]))
def test_cleaning_keeps_and_removes_what_the_corpus_expects(dossier: Dossier, name: str) -> None:
    (article,) = [a for a in dossier.data["articles"] if _key(a) == name]
    expected = EXPECTED["articles"][name]
    kinds = Counter(p["kind"] for p in article["paragraphs"])
    assert kinds["body"] + kinds["heading"] == expected["body_paragraphs"]
    assert kinds["duplicate"] == expected["duplicates"]
    removed = {
        p["raw"]: p["kind"] for p in article["paragraphs"] if p["kind"] not in ("body", "heading")
    }
    for line, kind in expected.get("must_remove", {}).items():
        assert removed.get(line) == kind, line
        assert line not in article["text"]
    for fragment in expected.get("must_not_appear", []):
        assert fragment not in article["text"]
    assert article["outlet"] == expected["outlet"]
    assert article["language"] == expected["language"]


def test_bad_inputs_are_reported_and_good_lines_kept(tmp_path: Path) -> None:
    bad = SAMPLE_CORPUS.parent / "bad"
    result = newsprism.analyze([bad], out=tmp_path)
    codes = sorted((Path(e.source).name, e.line, e.code) for e in result.errors)
    assert codes == [("broken.jsonl", 2, "E105"), ("empty.txt", None, "E101")]
    assert len(result.articles) == 3
    html = (tmp_path / "dossier.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "<img" not in html
    # The only SVG is the dossier's own independence graph (the two ferry lines are copies).
    assert html.count("<svg") == html.count('aria-label="independence graph')
