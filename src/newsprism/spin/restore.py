"""De-spinning without an original: the words a spinner swapped, and what they replaced.

A spinner swaps words and phrases for thesaurus neighbours without regard to sense or
context ("press convention", "the minister stated he would purchase"). Read alone, the
swapped word is one the context makes unlikely while a thesaurus neighbour of it fits far
better. For every word and phrase of up to ``MAX_WORDS`` words that reads as an inflected
thesaurus lemma, each neighbour (inflected alike) is described by a few measurements
(``FEATURES``): the log-probability gain a word-pair language model gives it over the
text's wording, on each side; which of those word pairs the model knows; the unigram
prior of both; a noisy channel (a spinner picks one of the original's neighbours, so an
original with many neighbours rarely yields this one); whether the article uses the
neighbour elsewhere (a cache) or repeats its own wording; and how far it leads the span's
other neighbours. A logistic model over them and their pairwise products, fitted on the
tune half of ``eval despin`` by ``eval/train_despin.py`` (plain weights in
``swap_weights.json``), turns them into the log-odds that the neighbour is the original;
the best neighbour of a span is kept when its log-odds reach ``min_gain`` (fitted too).
Overlapping findings keep the larger log-odds.

The algorithm takes its thesaurus and language model as arguments (``text.thesaurus``
loads the packaged ones); it is run only on articles already flagged as spun.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib.resources import files
from typing import Any

import numpy as np

from newsprism.text.thesaurus import (
    Thesaurus,
    WordPairModel,
    analyses,
    inflect,
    neighbour_form_count,
)

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
MAX_WORDS = 3
SPELLING_SIMILARITY = 0.8
MAX_OWN_PAIRS = 9  # how many of its word pairs the model may know: an unlikely context

FEATURES = (
    "gain",  # log P(context | neighbour) - log P(context | text's wording), both sides
    "left",  # that gain on the word pair before the span
    "right",  # and on the pair after it
    "pair_left",  # the model knows the neighbour's pair before (1/0)
    "own_pair_left",  # the model knows the text's pair before
    "pair_right",
    "own_pair_right",
    "prior",  # log unigram prior of the neighbour (summed over its words)
    "own_prior",  # and of the text's wording
    "spread",  # log how many forms a spinner could put for the neighbour (the channel)
    "own_spread",  # log how many neighbour forms the text's wording has
    "cached",  # the article uses the neighbour elsewhere (1/0)
    "own_repeated",  # the article uses the text's wording more than once (1/0)
    "own_words",  # words in the span
    "words",  # words in the neighbour
    "lead",  # gain - spread less the best such figure among the span's neighbours (<= 0)
    "own_unknown",  # the model knows none of the span's words (1/0)
)


@dataclass(frozen=True)
class SwapWeights:
    """A logistic model over ``FEATURES`` and their pairwise products (``expand``), with
    standardisation folded in: log-odds = ``bias`` + weights . expand(features)."""

    weights: tuple[float, ...]
    bias: float
    min_gain: float  # least log-odds of a restoration, set on tune


@lru_cache(maxsize=1)
def swap_weights() -> SwapWeights:
    """The weights ``eval/train_despin.py`` wrote (``swap_weights.json``), read once."""
    data = json.loads(files("newsprism.spin").joinpath("swap_weights.json").read_text("utf-8"))
    names = expanded_names()
    if data["features"] != list(names):
        raise ValueError("swap_weights.json was fitted for other features: refit it")
    return SwapWeights(tuple(data["weights"]), float(data["bias"]), float(data["min_gain"]))


def expanded_names() -> tuple[str, ...]:
    """``FEATURES`` and then every product of two of them, as "a*b"."""
    return (*FEATURES, *(f"{a}*{b}" for a, b in itertools.combinations(FEATURES, 2)))


def expand(rows: Any) -> Any:
    """An (n, len(FEATURES)) array widened with the pairwise products (``expanded_names``)."""
    left, right = np.triu_indices(len(FEATURES), k=1)
    return np.hstack([rows, rows[:, left] * rows[:, right]])


# The least log-odds of a restoration that the fit chose on tune (``swap_weights.json``):
# the spin stage's default, so that a user's option and the fitted cut are one number.
MIN_GAIN = swap_weights().min_gain


@dataclass(frozen=True)
class Restoration:
    start: int
    end: int
    text: str
    original: str
    gain: float  # log-odds that ``original`` was there
    own_pairs: int = 0  # word pairs of the text's wording (with its neighbours) the model knows


@dataclass(frozen=True)
class SwapCandidate:
    """One neighbour of one span, with its measurements (in ``FEATURES`` order)."""

    start: int
    end: int
    form: str
    features: tuple[float, ...]
    own_pairs: int


def restore_spun(
    text: str,
    thesaurus: Thesaurus,
    model: WordPairModel,
    stopwords: Collection[str],
    *,
    min_gain: float | None = None,
    max_words: int = MAX_WORDS,
    max_own_pairs: int = MAX_OWN_PAIRS,
    channel: float | None = None,
    cache: float | None = None,
    weights: SwapWeights | None = None,
) -> list[Restoration]:
    """Spans of ``text`` that read as thesaurus swaps, each with its likely original.
    ``min_gain`` (least log-odds) defaults to the fitted one; ``channel`` and ``cache``
    replace the fitted linear weights of ``spread`` (negated: a penalty) and ``cached``;
    ``weights`` replaces the fitted model."""
    fitted = swap_weights() if weights is None else weights
    vector = np.array(fitted.weights, dtype=float)
    if channel is not None:
        vector[FEATURES.index("spread")] = -channel
    if cache is not None:
        vector[FEATURES.index("cached")] = cache
    least = fitted.min_gain if min_gain is None else min_gain
    spans = swap_candidates(text, thesaurus, model, stopwords, max_words=max_words)
    if not spans:
        return []
    odds_all = expand(np.array([c.features for span in spans for c in span])) @ vector
    odds_all += fitted.bias
    best: list[Restoration] = []
    at = 0
    for span in spans:
        pick = at + int(np.argmax(odds_all[at : at + len(span)]))
        top, odds = span[pick - at], float(odds_all[pick])
        at += len(span)
        if odds >= least and top.own_pairs <= max_own_pairs:
            surface = text[top.start : top.end]
            best.append(
                Restoration(
                    top.start,
                    top.end,
                    surface,
                    _case_like(surface, top.form),
                    odds,
                    top.own_pairs,
                )
            )
    return _non_overlapping(best)


def swap_candidates(
    text: str,
    thesaurus: Thesaurus,
    model: WordPairModel,
    stopwords: Collection[str],
    *,
    max_words: int = MAX_WORDS,
) -> list[list[SwapCandidate]]:
    """Every span that reads as an inflected thesaurus lemma, with its neighbours measured."""
    tokens = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    lower = [t[0].casefold() for t in tokens]
    # context breaks: punctuation between two words
    joined = [
        i > 0 and text[tokens[i - 1][2] : tokens[i][1]].strip() == "" for i in range(len(tokens))
    ]
    seen = Counter(lower)
    for n in range(2, max_words + 1):
        seen.update(" ".join(lower[k : k + n]) for k in range(len(lower) - n + 1))
    spreads = _SPREADS.of(thesaurus)
    spans: list[list[SwapCandidate]] = []
    for i in range(len(tokens)):
        for n in range(1, max_words + 1):
            j = i + n
            if j > len(tokens) or any(not joined[k] for k in range(i + 1, j)):
                break
            words = lower[i:j]
            if all(w in stopwords for w in words) or len(words[-1]) < 3:
                continue
            if any(_is_name(text, tokens, k, joined) for k in range(i, j)):
                continue
            prev = lower[i - 1] if i > 0 and joined[i] else None
            nxt = lower[j] if j < len(tokens) and joined[j] else None
            span = _measure(
                words, prev, nxt, thesaurus, model, seen, spreads, tokens[i][1], tokens[j - 1][2]
            )
            if span:
                spans.append(span)
    return spans


def _measure(
    words: list[str],
    prev: str | None,
    nxt: str | None,
    thesaurus: Thesaurus,
    model: WordPairModel,
    seen: Counter[str],
    spreads: dict[str, int],
    start: int,
    end: int,
) -> list[SwapCandidate]:
    phrase = " ".join(words)
    forms = _neighbour_forms(thesaurus, phrase)
    if not forms:
        return []
    own = _score(words, prev, nxt, model)
    context = [*([prev] if prev else []), *words, *([nxt] if nxt else [])]
    own_pairs = sum(1 for a, b in itertools.pairwise(context) if model.pair(a, b))
    own_left = model.logp(prev, words[0]) if prev else 0.0
    own_right = model.logp(words[-1], nxt) if nxt else 0.0
    own_pair_left = float(prev is not None and model.pair(prev, words[0]) > 0)
    own_pair_right = float(nxt is not None and model.pair(words[-1], nxt) > 0)
    own_prior = sum(model.log_unigram(w) for w in words)
    own_spread = math.log(max(1, _spread(thesaurus, phrase, spreads)))
    own_repeated = float(seen[phrase] > 1)
    own_unknown = float(not any(model.known(w) for w in words))
    rows: list[tuple[str, list[float]]] = []
    for form in forms:
        other = form.replace("-", " ").split(" ")
        spread = math.log(max(1, _spread(thesaurus, form, spreads)))
        rows.append(
            (
                form,
                [
                    _score(other, prev, nxt, model) - own,
                    (model.logp(prev, other[0]) - own_left) if prev else 0.0,
                    (model.logp(other[-1], nxt) - own_right) if nxt else 0.0,
                    float(prev is not None and model.pair(prev, other[0]) > 0),
                    own_pair_left,
                    float(nxt is not None and model.pair(other[-1], nxt) > 0),
                    own_pair_right,
                    sum(model.log_unigram(w) for w in other),
                    own_prior,
                    spread,
                    own_spread,
                    float(seen[form.replace("-", " ")] > 0),
                    own_repeated,
                    float(len(words)),
                    float(len(other)),
                    0.0,
                    own_unknown,
                ],
            )
        )
    lead = FEATURES.index("lead")
    top = max(row[0] - row[9] for _, row in rows)
    for _, row in rows:
        row[lead] = row[0] - row[9] - top
    return [SwapCandidate(start, end, form, tuple(row), own_pairs) for form, row in rows]


def _neighbour_forms(thesaurus: Thesaurus, phrase: str) -> tuple[str, ...]:
    known = _SPREADS.forms_of(thesaurus)
    found = known.get(phrase)
    if found is None:
        forms: dict[str, None] = {}
        for lemma, pos, inflection in analyses(thesaurus, phrase):
            for neighbour in thesaurus.neighbours(lemma, pos):
                for form in inflect(thesaurus, neighbour, pos, inflection):
                    if form == phrase or not form.replace(" ", "").replace("-", "").isalpha():
                        continue
                    if not spelling_variant(form, phrase):
                        forms.setdefault(form, None)
        found = known[phrase] = tuple(forms)
    return found


class _Spreads:
    """Per phrase, ``neighbour_form_count`` and the candidate forms, remembered for the one
    thesaurus last asked about (the packaged one, in practice), across calls."""

    def __init__(self) -> None:
        self.thesaurus: Thesaurus | None = None
        self.counts: dict[str, int] = {}
        self.forms: dict[str, tuple[str, ...]] = {}

    def of(self, thesaurus: Thesaurus) -> dict[str, int]:
        if self.thesaurus is not thesaurus:
            self.thesaurus, self.counts, self.forms = thesaurus, {}, {}
        return self.counts

    def forms_of(self, thesaurus: Thesaurus) -> dict[str, tuple[str, ...]]:
        self.of(thesaurus)
        return self.forms


_SPREADS = _Spreads()


def _spread(thesaurus: Thesaurus, phrase: str, spreads: dict[str, int]) -> int:
    count = spreads.get(phrase)
    if count is None:
        count = spreads[phrase] = neighbour_form_count(thesaurus, phrase)
    return count


def spelling_variant(a: str, b: str) -> bool:
    """British and American spellings of one word ("realised", "realized"), and forms that
    differ by a letter or two: no swap of words."""
    a, b = a.replace(" ", "").replace("-", ""), b.replace(" ", "").replace("-", "")
    if a == b:
        return True
    if a[:3] != b[:3]:
        return False
    return SequenceMatcher(None, a, b).ratio() >= SPELLING_SIMILARITY


def _score(words: list[str], prev: str | None, nxt: str | None, model: WordPairModel) -> float:
    total = 0.0
    for word in words:
        total += model.logp(prev, word)
        prev = word
    if nxt is not None:
        total += model.logp(prev, nxt) - model.logp(None, nxt)
    return total


def _is_name(text: str, tokens: list[tuple[str, int, int]], k: int, joined: list[bool]) -> bool:
    """A capitalised word that does not open a sentence (or an all-caps word): a name."""
    word = tokens[k][0]
    if not word[:1].isupper():
        return False
    if word.isupper() and len(word) > 1:
        return True
    if k == 0:
        return False
    between = text[tokens[k - 1][2] : tokens[k][1]]
    return not any(mark in between for mark in ".!?\n\"“‘'")


def _case_like(surface: str, replacement: str) -> str:
    if surface[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _non_overlapping(found: list[Restoration]) -> list[Restoration]:
    kept: list[Restoration] = []
    for item in sorted(found, key=lambda r: (-r.gain, r.start)):
        if all(item.end <= k.start or item.start >= k.end for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda r: r.start)
