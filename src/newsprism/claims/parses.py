"""One dependency parse per sentence, shared by the readers of one article: the count units
(``claims/count_units.py``, while figures are read) and the subjects (``claims/subjects.py``,
afterwards) parse the same sentence strings, so the second reader takes the Doc the first
one made, and a sentence the quotes parsed for its speech verb is not parsed again (the
cache is ``text/nlp.parses``, one per process).

The count units ask for one sentence at a time, and a Doc parsed alone costs about twice
its share of a batch: ``prefetch`` parses in one batch, before the figures are read, the
sentences of an article that hold a numeral other than a year or a number word (those
the subjects read afterwards anyway). Each ``nlp.pipe`` call costs about 2 ms besides its
sentences, and the quotes have already parsed most of an article's figure sentences, so
the stage prefetches a group of articles at once (``prefetch_all``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsprism.claims.numbers import NUMBER_WORD_VALUES
from newsprism.text.nlp import parses
from newsprism.text.sentences import sentence_spans

_WORD = re.compile(r"[a-z]+")
# A numeral that is not a year alone ("in 2019" is a date: its sentence has no figure).
_FIGURE_NUMERAL = re.compile(r"\d(?<!\b(?:1[89]|20)\d\d)(?!\d)|\d%")


def parsed(sentences: Sequence[str]) -> dict[str, Any] | None:
    """Each distinct sentence's parse (taken from the cache or parsed in one batch), or None
    when the parser is not installed. Callers must not change the Docs: they are shared."""
    return parses(sentences)


def prefetch(text: str) -> None:
    """Parse in one batch the sentences of ``text`` (as ``sentence_spans`` cuts them, the
    claims' sentences) that may hold a figure, so the readers find them in the cache."""
    prefetch_all([text])


def prefetch_all(texts: Sequence[str]) -> None:
    """``prefetch`` for several texts in one batch."""
    sentences = [text[a:b] for text in texts for a, b in sentence_spans(text)]
    parses([s for s in sentences if _may_hold_figure(s)])


def _may_hold_figure(sentence: str) -> bool:
    return _FIGURE_NUMERAL.search(sentence) is not None or any(
        w in NUMBER_WORD_VALUES for w in _WORD.findall(sentence.lower())
    )
