"""Passage alignment between two texts: seed, extend, filter.

Seeds are pairs of sentences that share enough content words (after folding case and
crudely stemming; words weighted by how rare they are in the two texts), found through an
inverted index rather than all pairs. Sentences run across single line breaks, which copies
re-flow. Seeds close to each other in both texts are merged into passages, which survive
word substitutions (spinning), insertions and reordering inside a passage; consecutive
sentences of one text matching, in order, sentences spread over a much longer stretch of
the other are joined as a summary. A passage's edges are trimmed to the words the other
side shares. Each passage has exact character spans in both texts and a kind: verbatim,
near-verbatim or spun.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsprism.text.keys import fold
from newsprism.text.lexicon import STOPWORDS

_WORD = re.compile(r"\w+")
# Alignment reads sentences across single line breaks: copies re-flow their lines, and a
# sentence cut by a line break in one text only would match nothing. A blank line (a
# paragraph) still ends a sentence.
_FLOWED_SENTENCE = re.compile(
    r"(?:[^.!?\n]|[.!?](?=\S)|\n(?![ \t]*\n))+(?:[.!?]+[\"'”’)]*(?=\s|$)|\n|$)"
)
STEM_CHARS = 5
SEED_MIN_SHARED = 2
# Seeds are scored by Dice over content words weighted by their inverse sentence frequency
# in the two texts (as tf-idf cosine seeds do), so two sentences on one subject sharing its
# everyday words are no seed, and a spun sentence keeping its rare words is one.
SEED_MIN_WEIGHTED = 0.3
MAX_GAP_CHARS = 700
MIN_PASSAGE_CHARS = 120
MIN_PASSAGE_SCORE = 0.4  # tuned on the PAN 2013 training corpus
MAX_POSTINGS = 50  # very common words carry no evidence and cost quadratic time


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    terms: frozenset[str]


@dataclass(frozen=True, slots=True)
class Passage:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    kind: str  # "verbatim" | "near-verbatim" | "spun"
    score: float


def sentences(text: str) -> list[Sentence]:
    found = []
    for match in _FLOWED_SENTENCE.finditer(text):
        span = match.group(0)
        stripped_start = match.start() + (len(span) - len(span.lstrip()))
        stripped_end = match.end() - (len(span) - len(span.rstrip()))
        if stripped_end <= stripped_start:
            continue
        terms = frozenset(
            word[:STEM_CHARS]
            for word in _WORD.findall(text[stripped_start:stripped_end].casefold())
            if word not in STOPWORDS and len(word) > 2
        )
        if terms:
            found.append(Sentence(stripped_start, stripped_end, terms))
    return found


def seeds(a: Sequence[Sentence], b: Sequence[Sentence]) -> list[tuple[int, int]]:
    """Index pairs (i in a, j in b) of sentences sharing enough content words, each
    sentence with its best matches only: a sentence repeated in one text (a standfirst, a
    recurring phrase) would otherwise stretch a passage over everything it matches."""
    scored = _scored_seeds(a, b)
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for i, j, dice in scored:
        best_a[i] = max(best_a.get(i, 0.0), dice)
        best_b[j] = max(best_b.get(j, 0.0), dice)
    return [
        (i, j)
        for i, j, dice in scored
        if dice >= best_a[i] - SEED_TIE and dice >= best_b[j] - SEED_TIE
    ]


SEED_TIE = 0.05  # matches this close to a sentence's best are kept (repeated sentences)


def _scored_seeds(a: Sequence[Sentence], b: Sequence[Sentence]) -> list[tuple[int, int, float]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for j, sentence in enumerate(b):
        for term in sentence.terms:
            postings[term].append(j)
    weight = _term_weights(a, b)
    b_mass = [sum(weight[t] for t in sentence.terms) for sentence in b]
    found = []
    for i, sentence in enumerate(a):
        shared: dict[int, int] = defaultdict(int)
        mass: dict[int, float] = defaultdict(float)
        for term in sentence.terms:
            hits = postings.get(term, ())
            if len(hits) > MAX_POSTINGS:
                continue
            for j in hits:
                shared[j] += 1
                mass[j] += weight[term]
        a_mass = sum(weight[t] for t in sentence.terms)
        for j, count in shared.items():
            if count < SEED_MIN_SHARED:
                continue
            dice = 2 * count / (len(sentence.terms) + len(b[j].terms))
            weighted = 2 * mass[j] / max(1e-9, a_mass + b_mass[j])
            if weighted >= SEED_MIN_WEIGHTED:
                found.append((i, j, dice))
    return found


def _term_weights(a: Sequence[Sentence], b: Sequence[Sentence]) -> dict[str, float]:
    """Inverse sentence frequency over both texts: a word in many of their sentences (the
    subject both write about) is weak evidence that two sentences are one reworded."""
    frequency: Counter[str] = Counter()
    for sentence in (*a, *b):
        frequency.update(sentence.terms)
    total = len(a) + len(b) + 1
    return {term: math.log(total / count) for term, count in frequency.items()}


def _merge(
    pairs: list[tuple[int, int]], a: Sequence[Sentence], b: Sequence[Sentence]
) -> list[list[tuple[int, int]]]:
    """Group seeds into passages: a seed joins a group when it is near it in both texts."""
    groups: list[list[tuple[int, int]]] = []
    for i, j in sorted(pairs):
        placed = False
        for group in groups:
            a_end = max(a[x].end for x, _ in group)
            b_lo = min(b[y].start for _, y in group)
            b_hi = max(b[y].end for _, y in group)
            near_a = a[i].start - a_end <= MAX_GAP_CHARS
            near_b = b[j].start - b_hi <= MAX_GAP_CHARS and b_lo - b[j].end <= MAX_GAP_CHARS
            if near_a and near_b:
                group.append((i, j))
                placed = True
                break
        if not placed:
            groups.append([(i, j)])
    return _summaries(groups, a, b)


# A summary condenses a long passage into a few sentences: consecutive sentences of the
# short text match sentences far apart, in order, in the long one.
SUMMARY_SHORT_GAP = 300  # chars between consecutive summary sentences
SUMMARY_LONG_GAP = 3000  # chars the long text may skip between them
SUMMARY_RATIO = 3.0  # the long side at least this many times the short side
SUMMARY_MIN_PARTS = 2
SUMMARY_PART_CHARS = 300  # a part of a summary: a sentence or two


def _bounds(
    group: list[tuple[int, int]], a: Sequence[Sentence], b: Sequence[Sentence]
) -> tuple[int, int, int, int]:
    return (
        min(a[i].start for i, _ in group),
        max(a[i].end for i, _ in group),
        min(b[j].start for _, j in group),
        max(b[j].end for _, j in group),
    )


def _summaries(
    groups: list[list[tuple[int, int]]], a: Sequence[Sentence], b: Sequence[Sentence]
) -> list[list[tuple[int, int]]]:
    """Join groups that follow each other closely in one text and, in the same order, with
    wide gaps in the other, when the joined passage is much longer on that other side."""
    for flip in (False, True):
        groups.sort(key=lambda g: _bounds(g, a, b)[2 if flip else 0])
        chains: list[list[list[tuple[int, int]]]] = []
        for group in groups:
            if chains and _follows(chains[-1], group, a, b, flip):
                chains[-1].append(group)
            else:
                chains.append([group])
        groups = []
        for chain in chains:  # a summary has several sentences; a stray match joins nothing
            if len(chain) >= SUMMARY_MIN_PARTS:
                groups.append([pair for group in chain for pair in group])
            else:
                groups.extend(chain)
    return groups


def _condensed(bounds: tuple[int, int, int, int]) -> bool:
    """A part of a summary: a sentence or two, or already much shorter than its match (two
    copied passages side by side in one text are not a summary of the other)."""
    short, long = bounds[1] - bounds[0], bounds[3] - bounds[2]
    return short <= SUMMARY_PART_CHARS or long >= SUMMARY_RATIO * short


def _follows(
    chain: list[list[tuple[int, int]]],
    group: list[tuple[int, int]],
    a: Sequence[Sentence],
    b: Sequence[Sentence],
    flip: bool,
) -> bool:
    first, last, here = (_bounds(g, a, b) for g in (chain[0], chain[-1], group))
    if flip:
        first, last, here = ((x[2], x[3], x[0], x[1]) for x in (first, last, here))
    short = here[1] - first[0]
    long = max(last[3], here[3]) - min(first[2], here[2])
    return (
        _condensed(here)
        and (len(chain) > 1 or _condensed(first))
        and 0 <= here[0] - last[1] <= SUMMARY_SHORT_GAP
        and 0 <= here[2] - last[3] <= SUMMARY_LONG_GAP
        and long >= SUMMARY_RATIO * short
    )


def classify(a_text: str, b_text: str) -> tuple[str, float]:
    """How altered the copy is, on the words regardless of order (a partial copy may swap
    paragraphs): identical, a few changes, or many substitutions (spinning)."""
    words_a, words_b = Counter(fold(a_text).split()), Counter(fold(b_text).split())
    if words_a == words_b and fold(a_text) == fold(b_text):
        return "verbatim", 1.0
    shared = sum((words_a & words_b).values())
    similarity = 2 * shared / max(1, sum(words_a.values()) + sum(words_b.values()))
    return ("near-verbatim" if similarity >= 0.9 else "spun"), round(similarity, 3)


@lru_cache(maxsize=2048)
def _sentences_of(text: str) -> tuple[Sentence, ...]:
    # An article is aligned with each of its candidates: split it once, not once per pair.
    return tuple(sentences(text))


@lru_cache(maxsize=2048)
def _sentence_words(text: str) -> tuple[Counter[str], ...]:
    return tuple(Counter(fold(text[x.start : x.end]).split()) for x in _sentences_of(text))


def _word_similarity(words_a: Counter[str], words_b: Counter[str]) -> float:
    """As ``classify``'s similarity: the words two spans share, regardless of order."""
    if words_a == words_b:
        return 1.0
    shared = sum((words_a & words_b).values())
    total = sum(words_a.values()) + sum(words_b.values())
    return round(2 * shared / max(1, total), 3)


def align(a_text: str, b_text: str) -> list[Passage]:
    """Passages of ``a_text`` reused in ``b_text`` (or vice versa), with exact spans."""
    a = _sentences_of(a_text)
    b = _sentences_of(b_text)
    if not a or not b:
        return []
    passages = []
    for group in _merge(seeds(a, b), a, b):
        a_start = min(a[i].start for i, _ in group)
        a_end = max(a[i].end for i, _ in group)
        b_start = min(b[j].start for _, j in group)
        b_end = max(b[j].end for _, j in group)
        a_start, a_end, b_start, b_end = _trimmed(a_text, a_start, a_end, b_text, b_start, b_end)
        if a_end - a_start < MIN_PASSAGE_CHARS or b_end - b_start < MIN_PASSAGE_CHARS:
            continue
        kind, whole = classify(a_text[a_start:a_end], b_text[b_start:b_end])
        # The passage is as similar as its aligned sentences are, weighted by length: a
        # long span of two reports on one subject shares vocabulary but not sentences. A
        # summary is read from its short side, whose every sentence has a match.
        summary = max(a_end - a_start, b_end - b_start) >= SUMMARY_RATIO * min(
            a_end - a_start, b_end - b_start
        )
        words_a, words_b = _sentence_words(a_text), _sentence_words(b_text)
        if summary and b_end - b_start < a_end - a_start:
            weighted = _sentence_similarity([(j, i) for i, j in group], b, words_b, words_a)
        else:
            weighted = _sentence_similarity(group, a, words_a, words_b)
        score = round(weighted, 3) if summary else min(whole, round(weighted, 3))
        if kind != "verbatim":
            kind = "near-verbatim" if score >= 0.9 else "spun"
        if score < MIN_PASSAGE_SCORE:
            continue  # sentences on one subject, not one text reworded
        passages.append(Passage(a_start, a_end, b_start, b_end, kind, score))
    return _without_overlaps(passages)


def _sentence_similarity(
    group: list[tuple[int, int]],
    a: Sequence[Sentence],
    words_a: Sequence[Counter[str]],
    words_b: Sequence[Counter[str]],
) -> float:
    """Length-weighted similarity of the ``a`` sentences of a group, each sentence with its
    best match only."""
    best: dict[int, float] = {}
    for i, j in group:
        best[i] = max(best.get(i, 0.0), _word_similarity(words_a[i], words_b[j]))
    weights = {i: a[i].end - a[i].start for i in best}
    return sum(weights[i] * best[i] for i in best) / sum(weights.values())


TRIM_WINDOW = 4  # words
TRIM_MIN_SHARED = 3  # of them found on the other side where a passage may begin or end


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [
        (m.group(0).casefold()[:STEM_CHARS], m.start(), m.end())
        for m in _WORD.finditer(text, start, end)
    ]


def _edges(tokens: list[tuple[str, int, int]], other: set[str]) -> tuple[int, int] | None:
    """Index of the first and last word of ``tokens`` where a run of words the other side
    shares begins and ends: the sentences at a passage's edges may hold a few words the
    copy does not have (a heading, a clause, a line the copy dropped)."""
    found = [term in other for term, _, _ in tokens]
    n = len(found)
    window = min(TRIM_WINDOW, n)
    need = min(TRIM_MIN_SHARED, window)
    first = next(
        (k for k in range(n - window + 1) if found[k] and sum(found[k : k + window]) >= need),
        None,
    )
    if first is None:
        return None
    last = next(
        k
        for k in range(n - 1, first - 1, -1)
        if found[k] and sum(found[max(0, k - window + 1) : k + 1]) >= need
    )
    return first, max(first, last)


def _trimmed(
    a_text: str, a_start: int, a_end: int, b_text: str, b_start: int, b_end: int
) -> tuple[int, int, int, int]:
    """The passage without the words at its edges that the other side does not share."""
    a_tokens, b_tokens = _tokens(a_text, a_start, a_end), _tokens(b_text, b_start, b_end)
    a_edges = _edges(a_tokens, {t for t, _, _ in b_tokens})
    b_edges = _edges(b_tokens, {t for t, _, _ in a_tokens})
    if a_edges is None or b_edges is None:
        return a_start, a_end, b_start, b_end
    # An untrimmed edge keeps its punctuation (an opening quote, a full stop).
    return (
        a_start if a_edges[0] == 0 else a_tokens[a_edges[0]][1],
        a_end if a_edges[1] == len(a_tokens) - 1 else a_tokens[a_edges[1]][2],
        b_start if b_edges[0] == 0 else b_tokens[b_edges[0]][1],
        b_end if b_edges[1] == len(b_tokens) - 1 else b_tokens[b_edges[1]][2],
    )


def _without_overlaps(passages: list[Passage]) -> list[Passage]:
    """Keep the longer of two passages that overlap in both texts."""
    kept: list[Passage] = []
    for passage in sorted(passages, key=lambda p: -(p.a_end - p.a_start + p.b_end - p.b_start)):
        if not any(
            p.a_start < passage.a_end
            and passage.a_start < p.a_end
            and p.b_start < passage.b_end
            and passage.b_start < p.b_end
            for p in kept
        ):
            kept.append(passage)
    return sorted(kept, key=lambda p: p.a_start)


# -- translations ---------------------------------------------------------------------------
# Across languages words differ but names and figures stay: a paragraph and its translation
# share their numbers and proper names. Paragraphs are aligned in order (a translation keeps
# the order of its original) by dynamic programming over those anchors, as sentence
# aligners align parallel text by length and cognates.
_ANCHOR = re.compile(r"\d[\d.,]*\d|\d|\b[^\W\d_][\w’'\-]{2,}")
TRANSLATED_MIN_SHARED = 2
TRANSLATED_MIN_DICE = 0.3


def _anchors(text: str, common: frozenset[str]) -> frozenset[str]:
    found = set()
    for match in _ANCHOR.finditer(text):
        token = match.group(0)
        if token[0].isdigit():
            found.add(re.sub(r"\D", "", token))
        elif token[0].isupper() and token not in common:
            plain = unicodedata.normalize("NFKD", token.casefold())
            found.add("".join(c for c in plain if not unicodedata.combining(c))[:6])
    return frozenset(found)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for part in text.split("\n\n"):
        end = start + len(part)
        if part.strip():
            spans.append((start, end))
        start = end + 2
    return spans


def align_translation(
    a_text: str, b_text: str, common: frozenset[str] = frozenset()
) -> list[Passage]:
    """Paragraphs of two texts in different languages that translate each other, found by
    the names and figures they share, in order; each a passage of kind "translated"."""
    a_spans, b_spans = _paragraph_spans(a_text), _paragraph_spans(b_text)
    a_anchors = [_anchors(a_text[s:e], common) for s, e in a_spans]
    b_anchors = [_anchors(b_text[s:e], common) for s, e in b_spans]

    def score(i: int, j: int) -> float:
        shared = len(a_anchors[i] & b_anchors[j])
        if shared < TRANSLATED_MIN_SHARED:
            return 0.0
        dice = 2 * shared / (len(a_anchors[i]) + len(b_anchors[j]))
        return dice if dice >= TRANSLATED_MIN_DICE else 0.0

    rows, columns = len(a_spans), len(b_spans)
    best = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(columns - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], score(i, j) + best[i + 1][j + 1])
    passages, i, j = [], 0, 0
    while i < rows and j < columns:
        here = score(i, j)
        if here and best[i][j] == here + best[i + 1][j + 1]:
            (a_start, a_end), (b_start, b_end) = a_spans[i], b_spans[j]
            passages.append(Passage(a_start, a_end, b_start, b_end, "translated", round(here, 3)))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return passages
