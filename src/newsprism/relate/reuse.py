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

The share of the article's characters in taken sentences is its derivation share, with
the shape of the taking (runs, lead, quotes, trigram containment) beside it; the
three-way label (wholly / partially / independent) is ``reuse_model``'s, which weighs them
together (``reuse_label`` is the plain two-cut reading of the share).
Direction comes from dates, agency bylines and credits, and containment (the text that
holds the other is the origin), never from spin cues.

Pure functions on plain texts, dates and outlets; thresholds are arguments whose defaults
were tuned on the METER tune part (``newsprism.eval.meter``); the relate stage exposes them
as options. A text compared with several others is prepared once (``prepare``).
"""

from __future__ import annotations

import re
from collections import Counter
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
# Relative time words date the writing: a copy printed the next day says "yesterday"
# where the wire said "today".
SAME_DAY = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", re.IGNORECASE)
DAY_BEFORE = re.compile(r"\b(?:yesterday|last night)\b", re.IGNORECASE)
# Agency bylines and credits ("By X, PA News", "(Reuters)", "- AP"): the agency is the origin.
AGENCY = re.compile(
    r"\b(?:PA News|Press Association|Reuters|Associated Press|Agence France-Presse|AFP|"
    r"Bloomberg News|Dow Jones|Xinhua|Kyodo|Deutsche Presse-Agentur|dpa|ANSA|EFE|"
    r"Canadian Press|AAP|UPI)\b"
)
# An outlet named only by an agency's short name ("PA", "AP") is that agency.
AGENCY_OUTLET = re.compile(r"(?:PA|AP|AFP|UPI|AAP|ANSA|EFE|dpa|DPA)", re.IGNORECASE)
AGENCY_ZONE = 400  # bylines and credits sit at the top or the bottom of a text
Label = Literal["wholly", "partially", "independent"]
Side = Literal["a", "b"]

# Defaults tuned on the METER tune part (newsprism.eval.meter).
VERBATIM_MIN = 0.6  # share of a sentence's word trigrams found in the source
REWRITTEN_MIN = 0.4  # share of its content words in the best two-sentence source window
# A rewritten sentence keeps some of the wire's phrasing; a report of the same facts in
# its own words shares the content words but hardly a word trigram.
REWRITTEN_MIN_VERBATIM = 0.0
MIN_CONTENT_WORDS = 2  # fewer content words than this match anything: verbatim only
PARTIAL_MIN = 0.05  # derivation share from which an article is partially derived
WHOLE_MIN = 0.95  # ... and wholly derived
CONTAINMENT_MARGIN = 0.1  # one text holds the other when its taken share is this much lower
QUOTED_MOST = 0.5  # a sentence this much inside quotation marks is a quote


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
    # The shape of the taking, which tells a paper built on the wire from one that shares
    # its quotes and facts (``relate/reuse_model.py`` weighs them together):
    sentence_share: float = 0.0  # taken sentences / sentences (each sentence counts once)
    longest_run: float = 0.0  # longest run of consecutive taken sentences / sentences
    quote_share: float = 0.0  # taken sentences that are quotes / taken sentences
    lead_taken: bool = False  # the first sentence was taken (an editor keeps the wire's lead)
    containment: float = 0.0  # share of the text's word trigrams found in the source
    length: int = 0  # characters of the text's sentences


@dataclass(frozen=True, slots=True)
class Prepared:
    """A text cut up once for many comparisons: its sentences with their content words and
    word trigrams, which are quotes, and, as a source, its windows of two adjacent sentences
    with an inverted index from content word to window."""

    spans: tuple[tuple[int, int], ...]
    words: tuple[frozenset[str], ...]
    grams: tuple[frozenset[tuple[str, str, str]], ...]
    quoted: tuple[bool, ...]
    all_grams: frozenset[tuple[str, str, str]]
    windows: tuple[tuple[int, int], ...]
    postings: dict[str, tuple[int, ...]]


def content_words(text: str) -> set[str]:
    """The words that carry a sentence's wording: not function or time words, and not
    names or figures, which every report of one event shares whether it copied or not."""
    return {
        light_stem(w)
        for w in WORD.findall(text)
        if w.lower() not in STOPWORDS
        and w.lower() not in TIME_WORDS
        and len(w) > 1
        and w[0].islower()
        and not any(c.isdigit() for c in w)
    }


def trigrams(text: str) -> set[tuple[str, str, str]]:
    words = [w.lower() for w in WORD.findall(text)]
    return set(zip(words, words[1:], words[2:], strict=False))


def containment(text: str, source: str) -> float:
    """Share of ``text``'s word trigrams found in ``source`` (the classic reuse measure)."""
    mine = trigrams(text)
    return len(mine & trigrams(source)) / len(mine) if mine else 0.0


def prepare(text: str, quoted: Sequence[tuple[int, int]] = ()) -> Prepared:
    """``text`` ready to be compared, as the derived text or as the source; ``quoted``: its
    spans inside quotation marks."""
    spans = tuple(sentence_spans(text))
    words = tuple(frozenset(content_words(text[s:e])) for s, e in spans)
    grams = tuple(frozenset(trigrams(text[s:e])) for s, e in spans)
    inside = tuple(
        sum(max(0, min(e, qe) - max(s, qs)) for qs, qe in quoted) > QUOTED_MOST * (e - s)
        for s, e in spans
    )
    windows = tuple((spans[i][0], spans[min(i + 1, len(spans) - 1)][1]) for i in range(len(spans)))
    postings: dict[str, list[int]] = {}
    for i, sentence_words in enumerate(words):
        for word in sentence_words:
            postings.setdefault(word, []).append(i)
            if i > 0 and word not in words[i - 1]:
                postings[word].append(i - 1)  # window i - 1 holds sentences i - 1 and i
    return Prepared(
        spans,
        words,
        grams,
        inside,
        frozenset(trigrams(text)),
        windows,
        {word: tuple(held) for word, held in postings.items()},
    )


def derivation(
    text: str | Prepared,
    source: str | Prepared,
    verbatim_threshold: float = VERBATIM_MIN,
    rewritten_threshold: float = REWRITTEN_MIN,
    min_content_words: int = MIN_CONTENT_WORDS,
) -> Derivation:
    """Which sentences of ``text`` were taken from ``source``, and the share they make.

    A sentence that is a quote (prepared with its quotation spans) counts only when the
    nearest sentence of the text before or after it that is not a quote was taken too:
    two reports quoting one speaker share the quote, a copy carries the wire's sentences
    around it."""
    mine = text if isinstance(text, Prepared) else prepare(text)
    theirs = source if isinstance(source, Prepared) else prepare(source)
    found: list[TakenSentence | None] = []
    total = 0
    grams_found = grams_total = 0
    for index, (start, end) in enumerate(mine.spans):
        words = mine.words[index]
        if not words:
            found.append(None)
            continue
        total += end - start
        grams = mine.grams[index]
        shared_grams = len(grams & theirs.all_grams)
        grams_found += shared_grams
        grams_total += len(grams)
        verbatim_score = shared_grams / len(grams) if grams else 0.0
        best, best_window = 0.0, -1
        hits: Counter[int] = Counter()
        for word in words:
            hits.update(theirs.postings.get(word, ()))
        if hits:
            best_window, count = max(hits.items(), key=lambda item: (item[1], -item[0]))
            best = count / len(words)
        if grams and verbatim_score >= verbatim_threshold:
            kind: Literal["verbatim", "rewritten"] = "verbatim"
        elif (
            len(words) >= min_content_words
            and best >= rewritten_threshold
            and verbatim_score >= REWRITTEN_MIN_VERBATIM
        ):
            kind = "rewritten"
        else:
            found.append(None)
            continue
        window = theirs.windows[best_window] if best_window >= 0 else (0, 0)
        found.append(
            TakenSentence(
                start, end, window[0], window[1], kind, round(max(verbatim_score, best), 4)
            )
        )
    if total == 0:
        return Derivation(0.0, 0.0, 0.0, ())
    kept = [
        index
        for index, sentence in enumerate(found)
        if sentence is not None and (not mine.quoted[index] or _carried_around(index, mine, found))
    ]
    taken = [found[index] for index in kept]
    verbatim = sum(t.end - t.start for t in taken if t is not None and t.kind == "verbatim")
    rewritten = sum(t.end - t.start for t in taken if t is not None and t.kind == "rewritten")
    counted = [index for index, words in enumerate(mine.words) if words]
    return Derivation(
        round((verbatim + rewritten) / total, 4),
        round(verbatim / total, 4),
        round(rewritten / total, 4),
        tuple(t for t in taken if t is not None),
        sentence_share=round(len(kept) / len(counted), 4),
        longest_run=round(_longest_run(kept, counted) / len(counted), 4),
        quote_share=round(sum(mine.quoted[i] for i in kept) / len(kept), 4) if kept else 0.0,
        lead_taken=bool(kept) and kept[0] == counted[0],
        containment=round(grams_found / grams_total, 4) if grams_total else 0.0,
        length=total,
    )


def _longest_run(kept: Sequence[int], counted: Sequence[int]) -> int:
    """The most consecutive sentences (of those with words) that were all taken."""
    held = set(kept)
    best = run = 0
    for index in counted:
        run = run + 1 if index in held else 0
        best = max(best, run)
    return best


def _carried_around(index: int, mine: Prepared, found: Sequence[TakenSentence | None]) -> bool:
    """Is the nearest non-quote sentence before or after sentence ``index`` taken?"""
    for step in (-1, 1):
        other = index + step
        while 0 <= other < len(found) and (mine.quoted[other] or not mine.words[other]):
            other += step
        if 0 <= other < len(found) and found[other] is not None:
            return True
    return False


def best_derivation(
    text: str,
    sources: Sequence[str],
    verbatim_threshold: float = VERBATIM_MIN,
    rewritten_threshold: float = REWRITTEN_MIN,
) -> Derivation:
    """The derivation of ``text`` from the joined ``sources`` (a story's wire versions:
    an article may take its lead from one and its close from another)."""
    return derivation(text, "\n\n".join(sources), verbatim_threshold, rewritten_threshold)


def reuse_label(share: float, partial: float = PARTIAL_MIN, whole: float = WHOLE_MIN) -> Label:
    """The journalists' three-way label from a derivation share."""
    if share >= whole:
        return "wholly"
    if share >= partial:
        return "partially"
    return "independent"


def agency_credit(text: str, outlet: str | None = None) -> bool:
    """Does the text carry a news agency's byline or credit (or come from an agency)?"""
    if outlet and (AGENCY.search(outlet) or AGENCY_OUTLET.fullmatch(outlet.strip())):
        return True
    return bool(AGENCY.search(text[:AGENCY_ZONE]) or AGENCY.search(text[-AGENCY_ZONE:]))


def time_lean(text: str, spans: Sequence[tuple[int, int]]) -> int:
    """How much the passages ``spans`` of ``text`` are written on the day of the event
    ("today", "tonight") rather than the day after ("yesterday", "last night")."""
    return sum(
        len(SAME_DAY.findall(text, start, end)) - len(DAY_BEFORE.findall(text, start, end))
        for start, end in spans
    )


def derived_side(
    a_taken: float,
    b_taken: float,
    a_date: str | None = None,
    b_date: str | None = None,
    a_agency: bool = False,
    b_agency: bool = False,
    margin: float = CONTAINMENT_MARGIN,
    a_lean: int = 0,
    b_lean: int = 0,
) -> tuple[Side | None, str | None]:
    """Which of two related texts is the copy, and from what evidence: the later one
    (ISO dates or times that differ), else the one an agency does not credit when the
    other's it credits, else the one whose shared passages are written a day later
    (``time_lean``: "yesterday" where the other says "today"), else the one held by the
    other (its share taken from the other is ``margin`` above the other's share taken
    from it). ``a_taken``: the share of ``a`` taken from ``b``; ``b_taken`` the reverse."""
    if a_date and b_date and a_date[:19] != b_date[:19]:
        return ("a" if a_date[:19] > b_date[:19] else "b"), "dates"
    if a_agency != b_agency:
        return ("b" if a_agency else "a"), "agency"
    if a_lean != b_lean:
        return ("a" if a_lean < b_lean else "b"), "time words"
    if abs(a_taken - b_taken) >= margin:
        return ("a" if a_taken > b_taken else "b"), "containment"
    return None, None


def origin(
    a_text: str,
    b_text: str,
    a_date: str | None = None,
    b_date: str | None = None,
    a_outlet: str | None = None,
    b_outlet: str | None = None,
) -> Side | None:
    """Which of two related texts is the origin (``derived_side``'s other one); the
    containment margin is any difference here."""
    copy, _ = derived_side(
        derivation(a_text, b_text).share,  # how much of a sits inside b
        derivation(b_text, a_text).share,
        a_date[:10] if a_date else None,
        b_date[:10] if b_date else None,
        agency_credit(a_text, a_outlet),
        agency_credit(b_text, b_outlet),
        margin=1e-9,
    )
    if copy is None:
        return None
    return "b" if copy == "a" else "a"
