"""Same-event story clustering: reports join when they tell the same event, not when they
share one name.

Each text becomes an event profile: its content words (folded, lightly stemmed, weighted
by TF-IDF over the batch), the names it gives (capitalised words inside sentences, and the
words of all-caps texts), the years it names and its first sentences (the lead, where a
report says what happened). Two reports are as similar as the cosine of their profiles,
with the names and the lead weighed apart; a pair whose named years do not meet, or
whose leads name no participant in common while both name some, is kept apart. The
clustering is average-link agglomeration cut at a similarity threshold, so one strong
shared name cannot chain two events together the way single-link joining does.

Pure functions over plain texts: ``cluster_events(texts)`` gives one cluster label per
text. Thresholds are arguments (tuned on the ECB+ train split, see
``newsprism.eval.ecbplus``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsprism.text.keys import light_stem
from newsprism.text.lexicon import STOPWORDS

WORD = re.compile(r"[^\W\d_][\w'’-]{0,40}")
YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
SENTENCE_END = re.compile(r"[.!?]\s+|\n+")
# Words capitalised inside a sentence that name no participant.
NOT_PARTICIPANTS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december mr mrs ms dr the a an i "
    "he she it they we you this that his her their its".split()
)
LEAD_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class EventProfile:
    """What one report says about its event, as bags of folded terms."""

    words: Counter[str]
    names: Counter[str]
    lead: Counter[str]
    years: frozenset[str]


def _content(words: Sequence[str]) -> list[str]:
    return [light_stem(w) for w in words if w.lower() not in STOPWORDS and len(w) > 2]


def profile(text: str) -> EventProfile:
    """The event profile of one report."""
    sentences = [s for s in SENTENCE_END.split(text) if s.strip()]
    letters = [c for c in text if c.isalpha()]
    shouting = bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)
    names: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for sentence in sentences:
        tokens = WORD.findall(sentence)
        words.update(_content(tokens))
        for position, token in enumerate(tokens):
            if token.lower() in NOT_PARTICIPANTS or len(token) < 3:
                continue
            # Inside a sentence a capital marks a name; an all-caps text has none to read.
            if shouting or (position > 0 and token[0].isupper()):
                names[light_stem(token)] += 1
    lead = Counter(_content(WORD.findall(" ".join(sentences[:LEAD_SENTENCES]))))
    return EventProfile(words, names, lead, frozenset(YEAR.findall(text)))


def _tfidf(bags: Sequence[Counter[str]]) -> np.ndarray:
    """Rows of sublinear TF-IDF over the batch, L2-normalised."""
    vocabulary: dict[str, int] = {}
    frequency: Counter[str] = Counter()
    for bag in bags:
        frequency.update(bag.keys())
        for term in bag:
            vocabulary.setdefault(term, len(vocabulary))
    n = len(bags)
    matrix = np.zeros((n, max(1, len(vocabulary))), dtype=np.float64)
    for row, bag in enumerate(bags):
        for term, count in bag.items():
            idf = math.log((1 + n) / (1 + frequency[term])) + 1.0
            matrix[row, vocabulary[term]] = (1.0 + math.log(count)) * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def similarity(
    profiles: Sequence[EventProfile],
    name_weight: float = 0.2,
    lead_weight: float = 0.15,
    year_penalty: float = 0.5,
) -> np.ndarray:
    """Pairwise event similarity: content-word cosine blended with the cosine of the names
    and of the leads; pairs that name years and share none are scaled by
    ``year_penalty``."""
    words = _tfidf([p.words for p in profiles])
    names = _tfidf([p.names for p in profiles])
    leads = _tfidf([p.lead for p in profiles])
    word_weight = 1.0 - name_weight - lead_weight
    sim = (
        word_weight * (words @ words.T)
        + name_weight * (names @ names.T)
        + lead_weight * (leads @ leads.T)
    )
    for i, a in enumerate(profiles):
        if not a.years:
            continue
        for j in range(i + 1, len(profiles)):
            b = profiles[j].years
            if b and not (a.years & b):
                sim[i, j] *= year_penalty
                sim[j, i] = sim[i, j]
    return sim


def average_link(sim: np.ndarray, threshold: float) -> list[int]:
    """Average-link agglomeration: merge the two most similar clusters while their mean
    pairwise similarity is at least ``threshold``; one label per item."""
    n = sim.shape[0]
    labels = list(range(n))
    if n < 2:
        return labels
    work = sim.astype(np.float64).copy()
    np.fill_diagonal(work, -np.inf)
    sizes = np.ones(n)
    active = np.ones(n, dtype=bool)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    while True:
        flat = int(np.argmax(work))
        i, j = divmod(flat, n)
        if work[i, j] < threshold:
            break
        # Lance-Williams update for the average link: sizes weigh the two rows.
        merged = (sizes[i] * work[i] + sizes[j] * work[j]) / (sizes[i] + sizes[j])
        work[i], work[:, i] = merged, merged
        work[i, i] = -np.inf
        work[j, :], work[:, j] = -np.inf, -np.inf
        sizes[i] += sizes[j]
        active[j] = False
        members[i].extend(members.pop(j))
    for label, items in members.items():
        for item in items:
            labels[item] = label
    return labels


def cluster_events(
    texts: Sequence[str],
    threshold: float = 0.2,
    name_weight: float = 0.2,
    lead_weight: float = 0.15,
    year_penalty: float = 0.5,
) -> list[int]:
    """One same-event cluster label per text (labels are arbitrary integers)."""
    profiles = [profile(text) for text in texts]
    sim = similarity(profiles, name_weight, lead_weight, year_penalty)
    return average_link(sim, threshold)
