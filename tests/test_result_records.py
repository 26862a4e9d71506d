"""Cross-article results are frozen records: the spin stage settles a spun copy's direction
in its own result, and one function combines it with the relate stage's relation."""

from __future__ import annotations

import dataclasses

import pytest

from newsprism.api import iter_articles
from newsprism.dossier.records import result_sections, spin_dict, story_dict
from newsprism.model import (
    RelateResult,
    Relation,
    SharedPassage,
    SpinEvidence,
    SpinFinding,
    SpinResult,
    Story,
    relation_fields,
    settle_direction,
)
from newsprism.spin.detect import spun_copy_directions
from newsprism.stages.base import RunContext

from .conftest import SAMPLE_CORPUS

SPUN = Relation("a1", "a2", "spun-copy", "a1", 0.7, (SharedPassage(0, 10, 5, 15, "spun"),), "why")


def _finding(is_spun: bool) -> SpinFinding:
    return SpinFinding(is_spun=is_spun, score=0.5 if is_spun else 0.0, evidence=(), despun=None)


def test_the_spun_side_of_a_spun_copy_is_the_one_that_derives() -> None:
    findings = {"a1": _finding(False), "a2": _finding(True)}
    assert spun_copy_directions([SPUN], findings) == {("a1", "a2"): "a2"}
    # Both or neither spun: the spin stage cannot tell, relate's direction stands.
    assert spun_copy_directions([SPUN], {"a1": _finding(True), "a2": _finding(True)}) == {}
    other = dataclasses.replace(SPUN, kind="near-duplicate")
    assert spun_copy_directions([other], findings) == {}


def test_settle_direction_takes_the_spin_stage_word_without_changing_the_relation() -> None:
    spin = SpinResult(derived={("a1", "a2"): "a2"})
    settled = settle_direction(SPUN, spin)
    assert settled.derived == "a2" and SPUN.derived == "a1"
    assert settle_direction(SPUN, None) is SPUN
    assert settle_direction(SPUN, SpinResult()) is SPUN
    with pytest.raises(dataclasses.FrozenInstanceError):
        SPUN.derived = "a2"  # type: ignore[misc]


def test_records_become_the_contract_keys_in_order() -> None:
    assert list(relation_fields(SPUN)) == [
        "a",
        "b",
        "kind",
        "derived",
        "score",
        "passages",
        "why",
        "a_taken",
        "b_taken",
        "derivation",
        "derived_by",
    ]
    assert relation_fields(SPUN)["passages"] == [
        {"a_start": 0, "a_end": 10, "b_start": 5, "b_end": 15, "kind": "spun"}
    ]
    story = Story("s1", "Title", ("a1", "a2"))
    assert story_dict(story) == {"id": "s1", "title": "Title", "articles": ["a1", "a2"]}
    assert story_dict(dataclasses.replace(story, earlier_articles=()), {"s1": "S1"}) == {
        "id": "s1",
        "title": "Title",
        "articles": ["a1", "a2"],
        "earlier_articles": [],
        "stored_id": "S1",
    }
    finding = SpinFinding(
        True, 0.5, (SpinEvidence(0, 3, "abc", "xyz"), SpinEvidence(4, 5, "{", None, "why")), "t"
    )
    evidence = spin_dict(finding)["evidence"]
    assert "why" not in evidence[0] and evidence[1]["why"] == "why"


def test_the_spin_stage_leaves_the_relate_stage_result_as_it_was() -> None:
    ctx = RunContext()
    stages = ("extract", "clean", "metadata", "quotes", "relate", "spin")
    list(iter_articles([SAMPLE_CORPUS], stages=stages, ctx=ctx))
    related: RelateResult = ctx.results["relate"]
    spin: SpinResult = ctx.results["spin"]
    spun = [r for r in related.relations if r.kind == "spun-copy"]
    assert spun, "the sample corpus plants a spun copy"
    for relation in spun:
        settled = settle_direction(relation, spin)
        if relation.derived_by is None:  # spin settles only what the evidence left open
            assert spin.articles[settled.derived or ""].is_spun
        else:
            assert settled == relation
    # The dossier shows the settled directions.
    shown = {(r["a"], r["b"]): r["derived"] for r in result_sections(related, spin)["relations"]}
    assert all(shown[(r.a, r.b)] == settle_direction(r, spin).derived for r in related.relations)
