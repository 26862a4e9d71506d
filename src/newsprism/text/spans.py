"""Character spans into a text: how many characters a set of (possibly overlapping) spans
covers, each character once."""

from __future__ import annotations

from collections.abc import Iterable


def covered_length(spans: Iterable[tuple[int, int]]) -> int:
    """Characters covered by the union of ``spans`` (start, end)."""
    covered, cursor = 0, 0
    for start, end in sorted(spans):
        start = max(start, cursor)
        if end > start:
            covered, cursor = covered + end - start, end
    return covered
