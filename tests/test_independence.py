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
