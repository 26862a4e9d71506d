"""stages.base.ahead_in_groups: records pass unchanged and in order, the shared work runs
on each group before its records go on, and its failure stops nothing."""

from __future__ import annotations

from typing import Any

from newsprism.stages.base import ahead_in_groups


def test_groups_are_warmed_before_their_records_pass_in_order() -> None:
    seen: list[Any] = []

    def before(group: list[Any]) -> None:
        seen.append(("group", list(group)))

    records: list[Any] = [1, "a", 2, 3, "b", 4, 5]
    for record in ahead_in_groups(records, int, 2, before):
        seen.append(record)
    assert seen == [
        ("group", [1, 2]),
        1,
        "a",
        2,
        ("group", [3, 4]),
        3,
        "b",
        4,
        ("group", [5]),
        5,
    ]


def test_a_failing_warm_up_passes_the_records_on() -> None:
    def before(group: list[Any]) -> None:
        raise RuntimeError("no parser")

    assert list(ahead_in_groups([1, 2, 3], int, 2, before)) == [1, 2, 3]
