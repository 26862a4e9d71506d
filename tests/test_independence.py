"""Independent sources: a copy makes two articles one source, a borrowed paragraph makes
only its own words one source."""

from __future__ import annotations

from newsprism.model import Relation, SharedPassage
from newsprism.sources import (
    SOURCE_MIN_SHARE,
    borrowed_passages,
    count_sources,
    joins_sources,
)


def test_copies_join_sources_and_a_few_shared_passages_do_not() -> None:
    for kind in ("duplicate", "near-duplicate", "spun-copy", "translation"):
        assert joins_sources(kind, 0.05)
    assert joins_sources("shares-passages", SOURCE_MIN_SHARE)  # an excerpt of the wire
    assert not joins_sources("shares-passages", 0.04)  # one background paragraph
    assert not joins_sources("same-story", 1.0)


def test_a_figure_in_a_borrowed_passage_counts_once_and_one_outside_it_twice() -> None:
    relations = [
        Relation(
            "own",
            "wire",
            "shares-passages",
            None,
            0.04,
            (SharedPassage(100, 200, 500, 610, "near-verbatim"),),
        )
    ]
    borrowed = borrowed_passages(relations)
    source_of = {"own": "src1", "wire": "src2"}
    inside = [("own", 120, 130), ("wire", 530, 540)]
    assert count_sources(inside, source_of, borrowed) == 1
    outside = [("own", 20, 30), ("wire", 530, 540)]
    assert count_sources(outside, source_of, borrowed) == 2
    # Without the passages (or for a copy, already one source) nothing changes.
    assert count_sources(inside, source_of) == 2
    assert count_sources(inside, {"own": "src1", "wire": "src1"}) == 1


def test_a_relation_that_joins_sources_lends_no_passages() -> None:
    relations = [
        Relation(
            "wire",
            "reprint",
            "near-duplicate",
            None,
            1.0,
            (SharedPassage(0, 900, 0, 900, "verbatim"),),
        )
    ]
    assert borrowed_passages(relations) == {}


def test_a_partly_derived_copy_keeps_its_own_reporting_as_a_source_of_its_own() -> None:
    # The label of the reuse model decides: wholly derived joins, partly derived does not.
    assert joins_sources("shares-passages", 0.5, "wholly")
    assert not joins_sources("shares-passages", 0.5, "partially")
    assert joins_sources("spun-copy", 0.9, "partially")  # a spun copy is the same text
    partly = Relation(
        "paper",
        "wire",
        "shares-passages",
        "paper",
        0.5,
        passages=(SharedPassage(0, 100, 0, 100, "verbatim"),),
        derivation="partially",
    )
    borrowed = borrowed_passages([partly])
    # What the paper took counts once with the wire; what it added counts on its own.
    taken = [("paper", 10, 20), ("wire", 10, 20)]
    added = [("paper", 150, 170), ("wire", 10, 20)]
    assert count_sources(taken, {}, borrowed) == 1
    assert count_sources(added, {}, borrowed) == 2
