"""Sentence spans for claims and roles: the sentences ``relate/align.py`` reads, without the
term sets it builds for alignment, and with a sentence cut after an initial ("The U." /
"S. spends about 3%") joined back together."""

from __future__ import annotations

import re

from newsprism.relate.align import _SENTENCE

_LETTER = re.compile(r"[^\W\d_]")
_INITIAL_END = re.compile(r"(?:^|[\s.])[A-Z]\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` that has a letter in it."""
    spans: list[tuple[int, int]] = []
    for match in _SENTENCE.finditer(text):
        span = match.group(0)
        start = match.start() + (len(span) - len(span.lstrip()))
        end = match.end() - (len(span) - len(span.rstrip()))
        if end <= start or not _LETTER.search(text, start, end):
            continue
        if spans and _INITIAL_END.search(text, spans[-1][0], spans[-1][1]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans
