"""Passage alignment: copies, spun copies and partial copies found with exact spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.eval.pan13 import plagdet
from newsprism.eval.registry import run_eval
from newsprism.relate.align import align

from .conftest import SAMPLE_CORPUS, SHARED


def _body(name: str) -> str:
    return (SAMPLE_CORPUS / name).read_text(encoding="utf-8")


def test_a_verbatim_copy_aligns_as_one_verbatim_passage() -> None:
    wire = _body("01_continental_press_wire.txt")
    copy = "Some unrelated opening words about the weather today.\n" + wire
    (passage,) = align(wire, copy)
    assert passage.kind == "verbatim"
    assert copy[passage.b_start : passage.b_end] == wire[passage.a_start : passage.a_end]


def test_a_spun_copy_aligns_despite_word_substitutions() -> None:
    passages = align(_body("01_continental_press_wire.txt"), _body("03_spun_copy.md"))
    assert passages and any(p.kind == "spun" for p in passages)
    covered = sum(p.a_end - p.a_start for p in passages)
    assert covered > 0.6 * len(_body("01_continental_press_wire.txt"))


def test_an_independent_report_shares_no_long_passage_with_an_unrelated_story() -> None:
    wire = _body("01_continental_press_wire.txt")
    unrelated = (
        "The town library reopened on Wednesday after a two-year renovation that added a "
        "reading garden and a children's wing. More than 400 people queued before nine. "
        "The work cost 6.5 million crowns, paid by a bequest from a retired carpenter."
    )
    assert align(wire, unrelated) == []


def test_plagdet_edge_cases_follow_the_reference_implementation() -> None:
    assert plagdet([([], [])])["plagdet"] == 1.0
    assert plagdet([([(0, 10, 0, 10)], [])])["plagdet"] == 0.0
    perfect = plagdet([([(0, 10, 0, 10)], [(0, 10, 0, 10)])])
    assert perfect == {"precision": 1.0, "recall": 1.0, "granularity": 1.0, "plagdet": 1.0}
    split = plagdet([([(0, 10, 0, 10)], [(0, 5, 0, 5), (5, 10, 5, 10)])])
    assert split["granularity"] == 2.0 and split["plagdet"] < 1.0


@pytest.mark.slow
def test_pan13_alignment_meets_its_floors() -> None:
    data = SHARED / "datasets" / "pan13"
    if not (data / "pairs.jsonl.gz").is_file():
        pytest.skip(f"the pan13 data set is not at {data} (../shared is absent)")
    result = run_eval("pan13", data)
    assert result["passed"], result["failures"]


def test_sample_corpus_path_exists() -> None:
    assert Path(SAMPLE_CORPUS).is_dir()
