"""Text reuse as journalists see it: how much of an article was taken from another, and
which of the two is the origin.

An editor who prints wire copy changes tense and time words ("today" → "yesterday"),
merges and splits sentences, cuts clauses and swaps synonyms, so a passage filter that
asks for near-identical wording misses most of it. Here each sentence of the article is
matched against the source as a whole: its word trigrams (verbatim reuse) and its folded
content words against the best window of two adjacent source sentences (rewritten reuse:
merged sentences fall in one window, cut clauses only lower the article side, a swapped
synonym or two leaves most words in place). Time words and function words are left out
of the content words, so "was today starting" and "began yesterday" meet on what they
say. A sentence counts as taken when either score reaches its threshold; quotes count
like any other sentence, so a shared quote with the wire's sentences around it is reuse.

The share of the article's characters in taken sentences is its derivation share; the
three-way label (wholly / partially / independent) cuts that share at two thresholds.
Direction comes from dates, agency bylines and credits, and containment (the text that
holds the other is the origin), never from spin cues.

Pure functions on plain texts, dates and outlets; thresholds are arguments (tuned on the
METER tune part, see ``newsprism.eval.meter``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from newsprism.text.keys import light_stem
from newsprism.text.lexicon import STOPWORDS
from newsprism.text.sentences import sentence_spans

WORD = re.compile(r"[^\W_][\w'’]{0,40}")
# Words whose change between the wire and the paper says nothing about the content.
TIME_WORDS = frozenset(
    "today yesterday tonight tomorrow last night morning afternoon evening earlier later "
    "now recently monday tuesday wednesday thursday friday saturday sunday week".split()
)
# Agency bylines and credits ("By X, PA News", "(Reuters)", "- AP"): the agency is the origin.
AGENCY = re.compile(
    r"\b(?:PA News|Press Association|Reuters|Associated Press|Agence France-Presse|AFP|"
    r"Bloomberg News|Dow Jones|Xinhua|Kyodo|Deutsche Presse-Agentur|dpa|ANSA|EFE|"
    r"Canadian Press|AAP|UPI)\b"
)
AGENCY_ZONE = 400  # bylines and credits sit at the top or the bottom of a text
Label = Literal["wholly", "partially", "independent"]


@dataclass(frozen=True, slots=True)
class TakenSentence:
    """One article sentence found in the source: its span in the article, the source span
    of the window it matched, and how (verbatim or rewritten)."""

    start: int
    end: int
    source_start: int
    source_end: int
    kind: Literal["verbatim", "rewritten"]
    score: float


@dataclass(frozen=True, slots=True)
class Derivation:
    """How much of an article comes from a source text."""

    share: float  # characters of taken sentences / characters of all sentences
    verbatim_share: float
    rewritten_share: float
    sentences: tuple[TakenSentence, ...]


def content_words(text: str) -> set[str]:
    return {
        light_stem(w)
        for w in WORD.findall(text)
        if w.lower() not in STOPWORDS and w.lower() not in TIME_WORDS and len(w) > 1
    }


def trigrams(text: str) -> set[tuple[str, str, str]]:
    words = [w.lower() for w in WORD.findall(text)]
    return set(zip(words, words[1:], words[2:], strict=False))


def containment(text: str, source: str) -> float:
    """Share of ``text``'s word trigrams found in ``source`` (the classic reuse measure)."""
    mine = trigrams(text)
    return len(mine & trigrams(source)) / len(mine) if mine else 0.0


def derivation(
    text: str,
    source: str,
    verbatim_threshold: float = 0.6,
    rewritten_threshold: float = 0.6,
    min_content_words: int = 3,
) -> Derivation:
    """Which sentences of ``text`` were taken from ``source``, and the share they make."""
    source_spans = sentence_spans(source)
    source_words = [content_words(source[s:e]) for s, e in source_spans]
    # Windows of two adjacent sentences: a merged sentence finds both halves in one.
    windows = [
        (
            source_spans[i][0],
            source_spans[min(i + 1, len(source_spans) - 1)][1],
            source_words[i] | (source_words[i + 1] if i + 1 < len(source_words) else set()),
        )
        for i in range(len(source_spans))
    ]
    source_trigrams = trigrams(source)
    taken: list[TakenSentence] = []
    total = verbatim = rewritten = 0
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        words = content_words(sentence)
        if not words:
            continue
        total += end - start
        grams = trigrams(sentence)
        verbatim_score = len(grams & source_trigrams) / len(grams) if grams else 0.0
        best, best_window = 0.0, (0, 0)
        if len(words) >= min_content_words or verbatim_score == 0.0:
            for w_start, w_end, window in windows:
                overlap = len(words & window) / len(words)
                if overlap > best:
                    best, best_window = overlap, (w_start, w_end)
        if grams and verbatim_score >= verbatim_threshold:
            kind: Literal["verbatim", "rewritten"] = "verbatim"
            verbatim += end - start
        elif len(words) >= min_content_words and best >= rewritten_threshold:
            kind = "rewritten"
            rewritten += end - start
        else:
            continue
        taken.append(
            TakenSentence(
                start,
                end,
                best_window[0],
                best_window[1],
                kind,
                round(max(verbatim_score, best), 4),
            )
        )
    if total == 0:
        return Derivation(0.0, 0.0, 0.0, ())
    return Derivation(
        round((verbatim + rewritten) / total, 4),
        round(verbatim / total, 4),
        round(rewritten / total, 4),
        tuple(taken),
    )


def best_derivation(
    text: str,
    sources: Sequence[str],
    verbatim_threshold: float = 0.6,
    rewritten_threshold: float = 0.6,
) -> Derivation:
    """The derivation of ``text`` from the joined ``sources`` (a story's wire versions:
    an article may take its lead from one and its close from another)."""
    return derivation(text, "\n\n".join(sources), verbatim_threshold, rewritten_threshold)


def reuse_label(share: float, partial: float = 0.3, whole: float = 0.75) -> Label:
    """The journalists' three-way label from a derivation share."""
    if share >= whole:
        return "wholly"
    if share >= partial:
        return "partially"
    return "independent"


def agency_credit(text: str, outlet: str | None = None) -> bool:
    """Does the text carry a news agency's byline or credit (or come from an agency)?"""
    if outlet and AGENCY.search(outlet):
        return True
    return bool(AGENCY.search(text[:AGENCY_ZONE]) or AGENCY.search(text[-AGENCY_ZONE:]))


def origin(
    a_text: str,
    b_text: str,
    a_date: str | None = None,
    b_date: str | None = None,
    a_outlet: str | None = None,
    b_outlet: str | None = None,
) -> Literal["a", "b"] | None:
    """Which of two related texts is the origin: the earlier (ISO dates), else the one an
    agency credits when only one is, else the one that holds more of the other."""
    if a_date and b_date and a_date[:10] != b_date[:10]:
        return "a" if a_date[:10] < b_date[:10] else "b"
    a_agency, b_agency = agency_credit(a_text, a_outlet), agency_credit(b_text, b_outlet)
    if a_agency != b_agency:
        return "a" if a_agency else "b"
    a_in_b = derivation(a_text, b_text).share  # how much of a sits inside b
    b_in_a = derivation(b_text, a_text).share
    if a_in_b == b_in_a:
        return None
    return "b" if a_in_b > b_in_a else "a"
