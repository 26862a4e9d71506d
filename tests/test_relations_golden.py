"""Stories, relations, sources and spin of the sample corpus, pinned in a golden file.

The sample corpus plants a verbatim copy, a spun copy, a partial copy, a German
translation, an independent report, a photo-led report, a follow-up and an unrelated
story; the golden file names articles by file (and JSON Lines line) so it reads on its own.
Set NEWSPRISM_UPDATE_GOLDEN=1 to rewrite it after a deliberate change, and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import newsprism

from .conftest import SAMPLE_CORPUS

GOLDEN = Path(__file__).parent / "golden" / "relations" / "sample_corpus.json"


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    return dict(newsprism.analyze([SAMPLE_CORPUS]).data)


def _view(data: dict[str, Any]) -> dict[str, Any]:
    name = {
        a["id"]: Path(a["source"]).name + (f":{a['line']}" if a.get("line") else "")
        for a in data["articles"]
    }
    return {
        "stories": sorted(sorted(name[i] for i in s["articles"]) for s in data["stories"]),
        "sources": sorted(sorted(name[i] for i in s["articles"]) for s in data["sources"]),
        "relations": sorted(
            [
                *sorted((name[r["a"]], name[r["b"]])),
                r["kind"],
                name.get(r["derived"]) if r["derived"] else None,
                sorted({p["kind"] for p in r["passages"]}),
            ]
            for r in data["relations"]
            if r["kind"] != "same-story"
        ),
        "spun": sorted(name[a["id"]] for a in data["articles"] if a["spin"]["is_spun"]),
    }


def test_sample_corpus_relations_match_golden_file(sample: dict[str, Any]) -> None:
    view = _view(sample)
    if os.environ.get("NEWSPRISM_UPDATE_GOLDEN") == "1" or not GOLDEN.exists():
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(view, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert view == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_copies_derive_from_the_wire_story_and_form_one_source(sample: dict[str, Any]) -> None:
    view = _view(sample)
    wire_family = next(g for g in view["sources"] if "01_continental_press_wire.txt" in g)
    for copy in ("02_harbour_herald_copy.txt", "03_spun_copy.md", "04_partial_copy.html"):
        assert copy in wire_family
    assert ["05_independent_report.txt"] in view["sources"]
    for a, b, kind, derived, _ in view["relations"]:
        if "01_continental_press_wire.txt" in (a, b) and kind in ("spun-copy", "shares-passages"):
            assert derived != "01_continental_press_wire.txt"


def test_the_translation_is_aligned_paragraph_by_paragraph(sample: dict[str, Any]) -> None:
    by_id = {a["id"]: a for a in sample["articles"]}
    (translation,) = [r for r in sample["relations"] if r["kind"] == "translation"]
    assert len(translation["passages"]) >= 3
    for passage in translation["passages"]:
        a_text = by_id[translation["a"]]["text"][passage["a_start"] : passage["a_end"]]
        b_text = by_id[translation["b"]]["text"][passage["b_start"] : passage["b_end"]]
        assert passage["kind"] == "translated"
        digits_a = {w for w in a_text.replace(".", "").replace(",", "").split() if w.isdigit()}
        digits_b = {w for w in b_text.replace(".", "").replace(",", "").split() if w.isdigit()}
        assert digits_a & digits_b or len(a_text) < 400


def test_the_translation_is_linked_to_the_original_not_to_a_copy(sample: dict[str, Any]) -> None:
    (translation,) = [r for r in _view(sample)["relations"] if r[2] == "translation"]
    assert translation[:2] == ["01_continental_press_wire.txt", "wire_feed.jsonl:1"]
    assert translation[3] == "wire_feed.jsonl:1"  # the German text is the translation


def test_the_unrelated_story_stays_alone(sample: dict[str, Any]) -> None:
    assert ["wire_feed.jsonl:2"] in _view(sample)["stories"]
