"""Statement units: the sentences (and the clauses of sentences joined by ";") of an
article's text, with the content words that decide whether two units report one fact."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsprism.model import Article
from newsprism.text.keys import fold, light_stem
from newsprism.text.lexicon import STOPWORDS
from newsprism.text.sentences import sentence_spans
from newsprism.text.terms import KEY_TERM

# Measured on ECB+ train (benchmarks/bench_brief.py --tune): two sentences of different
# documents sharing an annotated event and a participant count as one fact. At a
# containment of .5 and at least 5 shared content words, precision .82 (dev .84).
SAME_FACT_CONTAINMENT = 0.5
MIN_SHARED_WORDS = 5
# Sentences much longer than this are split at clause marks so a fact can still be found.
MAX_UNIT_CHARS = 400


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence or clause of one article: ``text`` is ``article.text[start:end]``."""

    article: str
    start: int
    end: int
    text: str
    words: frozenset[str]
    terms: int  # names and figures in it


def content_words(text: str) -> frozenset[str]:
    """The unit's words that carry content: folded, stopwords out, lightly stemmed."""
    return frozenset(light_stem(w) for w in fold(text).split() if w not in STOPWORDS and len(w) > 1)


def _clauses(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    if end - start <= MAX_UNIT_CHARS or ";" not in text[start:end]:
        yield start, end
        return
    cursor = start
    while cursor < end:
        cut = text.find(";", cursor, end)
        stop = end if cut < 0 else cut + 1
        lo = cursor
        while lo < stop and text[lo].isspace():
            lo += 1
        if stop > lo:
            yield lo, stop
        cursor = stop


def article_units(article: Article, min_words: int) -> list[Unit]:
    """The units of one article with at least ``min_words`` content words."""
    units: list[Unit] = []
    for s_start, s_end in sentence_spans(article.text):
        for start, end in _clauses(article.text, s_start, s_end):
            text = article.text[start:end]
            words = content_words(text)
            if len(words) >= min_words:
                units.append(Unit(article.id, start, end, text, words, len(KEY_TERM.findall(text))))
    return units


def same_fact(a: Unit, b: Unit, containment: float, min_shared: int) -> float:
    """The containment of the smaller unit's words in the other's, when the two read as
    one fact (else 0)."""
    shared = len(a.words & b.words)
    if shared < min_shared:
        return 0.0
    score = shared / min(len(a.words), len(b.words))
    return score if score >= containment else 0.0


def match_units(
    units: Sequence[Unit], containment: float, min_shared: int
) -> Mapping[int, dict[str, tuple[int, float]]]:
    """Unit index -> other article -> (its best matching unit, score); through an inverted
    index of content words, so only units sharing words are compared."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        for word in unit.words:
            postings[word].append(index)
    best: dict[int, dict[str, tuple[int, float]]] = defaultdict(dict)
    for index, unit in enumerate(units):
        shared: dict[int, int] = defaultdict(int)
        for word in unit.words:
            for other in postings[word]:
                if other > index and units[other].article != unit.article:
                    shared[other] += 1
        for other, count in shared.items():
            if count < min_shared:
                continue
            score = same_fact(unit, units[other], containment, min_shared)
            if not score:
                continue
            for here, there in ((index, other), (other, index)):
                article = units[there].article
                kept = best[here].get(article)
                if kept is None or (score, -there) > (kept[1], -kept[0]):
                    best[here][article] = (there, score)
    return best
