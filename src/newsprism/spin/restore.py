"""De-spinning without an original: the words a spinner swapped, and what they replaced.

A spinner swaps words and phrases for thesaurus neighbours without regard to sense or
context ("press convention", "the minister stated he would purchase"). Read alone, the
swapped word is one the context makes unlikely while a thesaurus neighbour of it fits far
better. For every word and phrase of up to ``MAX_WORDS`` words that reads as an inflected
thesaurus lemma, each neighbour (inflected alike) is scored by a word-pair language model
over the phrase and the words either side; the neighbour whose log-probability gain over
the text's own wording reaches ``min_gain`` is its likely original. Overlapping findings
keep the larger gain.

The algorithm takes its thesaurus and language model as arguments (``text.thesaurus``
loads the packaged ones); it is run only on articles already flagged as spun.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsprism.text.thesaurus import Thesaurus, WordPairModel, analyses, inflect

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
MAX_WORDS = 3
SPELLING_SIMILARITY = 0.8
MIN_GAIN = 10.0  # natural-log gain of the neighbour over the text's wording (tuned on tune)
MAX_OWN_PAIRS = 9  # how many of its word pairs the model may know: an unlikely context
CHANNEL = 0.5  # weight of log(neighbours of the original): the spinner's choice among them
CACHE = 3.0  # log-probability bonus of a neighbour the article uses elsewhere


@dataclass(frozen=True)
class Restoration:
    start: int
    end: int
    text: str
    original: str
    gain: float
    own_pairs: int = 0  # word pairs of the text's wording (with its neighbours) the model knows


def restore_spun(
    text: str,
    thesaurus: Thesaurus,
    model: WordPairModel,
    stopwords: Collection[str],
    *,
    min_gain: float = MIN_GAIN,
    max_words: int = MAX_WORDS,
    max_own_pairs: int = MAX_OWN_PAIRS,
    channel: float = CHANNEL,
    cache: float = CACHE,
) -> list[Restoration]:
    """Spans of ``text`` that read as thesaurus swaps, each with its likely original."""
    tokens = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    lower = [t[0].casefold() for t in tokens]
    # context breaks: punctuation between two words
    joined = [
        i > 0 and text[tokens[i - 1][2] : tokens[i][1]].strip() == "" for i in range(len(tokens))
    ]
    in_text = set(lower) | {f"{a} {b}" for a, b in itertools.pairwise(lower)}
    best: list[Restoration] = []
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
            found = _best_neighbour(
                words,
                lower[i - 1] if i > 0 and joined[i] else None,
                lower[j] if j < len(tokens) and joined[j] else None,
                thesaurus,
                model,
                channel,
            )
            if found is not None and cache and found[0] in in_text:
                # a cache model: the article's own wording elsewhere is likelier here
                found = (found[0], found[1] + cache)
            if found is None:
                continue
            candidate, gain = found
            context = [
                *([lower[i - 1]] if i > 0 and joined[i] else []),
                *words,
                *([lower[j]] if j < len(tokens) and joined[j] else []),
            ]
            own_pairs = sum(1 for a, b in itertools.pairwise(context) if model.pair(a, b))
            if gain >= min_gain and own_pairs <= max_own_pairs:
                surface = text[tokens[i][1] : tokens[j - 1][2]]
                best.append(
                    Restoration(
                        tokens[i][1],
                        tokens[j - 1][2],
                        surface,
                        _case_like(surface, candidate),
                        gain,
                        own_pairs,
                    )
                )
    return _non_overlapping(best)


def _best_neighbour(
    words: list[str],
    prev: str | None,
    nxt: str | None,
    thesaurus: Thesaurus,
    model: WordPairModel,
    channel: float,
) -> tuple[str, float] | None:
    phrase = " ".join(words)
    own = _score(words, prev, nxt, model)
    found: tuple[str, float] | None = None
    for lemma, pos, inflection in analyses(thesaurus, phrase):
        for neighbour in thesaurus.neighbours(lemma, pos):
            # noisy channel: a spinner picks one of the original's neighbours at random
            spread = math.log(max(1, len(thesaurus.neighbours(neighbour, pos))))
            for form in inflect(thesaurus, neighbour, pos, inflection):
                if form == phrase or not form.replace(" ", "").replace("-", "").isalpha():
                    continue
                if spelling_variant(form, phrase):
                    continue
                other = form.replace("-", " ").split(" ")
                gain = _score(other, prev, nxt, model) - own - channel * spread
                if found is None or gain > found[1]:
                    found = (form, gain)
    return found


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
