"""Character spans into a text: how many characters a set of (possibly overlapping) spans
covers, each character once, and a span trimmed of the marks at its edges."""

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


def trimmed(text: str, start: int, end: int, end_marks: str, start_marks: str) -> tuple[int, int]:
    """(start, end) without the ``start_marks`` at its start and ``end_marks`` at its end."""
    while end > start and text[end - 1] in end_marks:
        end -= 1
    while start < end and text[start] in start_marks:
        start += 1
    return start, end
