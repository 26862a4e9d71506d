"""Sentences: the one sentence pattern of the package, and sentence spans for claims and
roles, with a sentence cut after an initial ("The U." /
"S. spends about 3%") joined back together."""

from __future__ import annotations

import re

# A sentence ends at . ! ? followed by space or the end, so "€2.4" and "U.S." stay whole.
SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=\S))+(?:[.!?]+[\"'”’)]*(?=\s|$)|\n|$)")
_LETTER = re.compile(r"[^\W\d_]")
# A sentence that ends inside quotation marks or brackets ('... to Ukraine.' The comments)
# reads on to the next capital for the pattern above, which lets ". followed by a mark"
# run on so that "U.S." stays whole; it ends there when the next word starts a sentence.
# '"Go!" she said' stays one sentence: a lower-case word continues it.
_CLOSED_END = re.compile(r"[.!?]+[\"'”’)\]]+(?=\s+[\"'“‘(\[]?[^\W_])")
_INITIAL_END = re.compile(r"(?:^|[\s.])[A-Z]\.[\"'”’)\]]*$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` that has a letter in it."""
    spans: list[tuple[int, int]] = []
    for match in SENTENCE.finditer(text):
        for start, end in _split_closed_ends(text, match.start(), match.end()):
            if end <= start or not _LETTER.search(text, start, end):
                continue
            if spans and _INITIAL_END.search(text, spans[-1][0], spans[-1][1]):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return spans


def _split_closed_ends(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span cut after each closed sentence end followed by a capital or a digit, each
    part stripped of its surrounding whitespace."""
    parts: list[tuple[int, int]] = []
    cut = start
    for match in _CLOSED_END.finditer(text, start, end):
        following = text[match.end() :].lstrip()[:2].lstrip("\"'“‘([")
        if following[:1].isupper() or following[:1].isdigit():
            parts.append((cut, match.end()))
            cut = match.end()
    parts.append((cut, end))
    stripped = []
    for part_start, part_end in parts:
        span = text[part_start:part_end]
        stripped.append(
            (
                part_start + (len(span) - len(span.lstrip())),
                part_end - (len(span) - len(span.rstrip())),
            )
        )
    return stripped
