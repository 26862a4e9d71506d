"""Sentences: the one sentence pattern of the package, and sentence spans for claims and
roles, with a sentence cut after an initial ("The U." /
"S. spends about 3%") joined back together."""

from __future__ import annotations

import re

# A sentence ends at . ! ? followed by space or the end, so "€2.4" and "U.S." stay whole.
SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=\S))+(?:[.!?]+[\"'”’)]*(?=\s|$)|\n|$)")
_LETTER = re.compile(r"[^\W\d_]")
_INITIAL_END = re.compile(r"(?:^|[\s.])[A-Z]\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` that has a letter in it."""
    spans: list[tuple[int, int]] = []
    for match in SENTENCE.finditer(text):
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
