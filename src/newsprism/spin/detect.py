"""Spin: machine paraphrasing ("Protection Secretary" for "Defense Secretary").

Evidence, each a span in the spun article's text with its likely original wording:
- substitutions learned from an aligned passage of a less altered copy: word runs that
  differ between the two copies; the side whose wording the rest of the coverage does not
  use is the spun one, and the other side's words are its likely original;
- with no original needed: fixed phrases of news English with a swapped word ("press
  convention", see ``spinlex``), multi-word substitutions learned from another pair in the
  same batch found again in an article without a copy, and spinner template residue such
  as ``{a|b}``.
Each article's finding also carries ``despun``: its text with every piece of evidence
replaced by its likely original (null when the article is not spun), and, for a spun
article, ``restored`` (``with_restorations``): the phrases that read as thesaurus swaps
with no original to compare (``spin/restore.py``), outside the evidence spans.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from itertools import pairwise

from newsprism.model import Article, Relation, SpinEvidence, SpinFinding, SpinRestoration
from newsprism.spin.restore import MAX_WORDS, MIN_GAIN, restore_spun
from newsprism.text.fixed_phrases import odd_phrases
from newsprism.text.lexicon import STOPWORDS
from newsprism.text.thesaurus import packaged_word_pairs, wordnet

_WORD = re.compile(r"\w+(?:['’]\w+)?")
_RESIDUE = re.compile(r"\{[^{}\n]{1,60}\}")
MAX_RUN_WORDS = 3
SPUN_MIN_SCORE = 0.08
ODD_PHRASES_FOR_SPUN = 2  # one odd phrase can be a typo or a quotation; two are a pattern
RESTORE_MAX_CHARS = 100_000  # about 16,000 words, 4 s of restoring (0.24 ms a word)


def _words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [
        (m.group(0).casefold().replace("’", "'"), m.start(), m.end())
        for m in _WORD.finditer(text, start, end)
    ]


def substitutions(
    a_text: str, b_text: str, span_a: tuple[int, int], span_b: tuple[int, int]
) -> tuple[list[tuple[tuple[int, int], tuple[int, int]]], int]:
    """Runs of up to three words replaced by up to three others, as (span in a, span in b),
    and the number of words of ``a`` aligned in all."""
    words_a = _words(a_text, *span_a)
    words_b = _words(b_text, *span_b)
    matcher = SequenceMatcher(
        None, [w for w, _, _ in words_a], [w for w, _, _ in words_b], autojunk=False
    )
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        # Words either side of a paragraph break are no one phrase: a run that crosses
        # breaks is cut at them, and its parts paired in order.
        parts_a = _by_paragraph(a_text, words_a[i1:i2])
        parts_b = _by_paragraph(b_text, words_b[j1:j2])
        if len(parts_a) != len(parts_b):
            continue
        for run_a, run_b in zip(parts_a, parts_b, strict=True):
            if len(run_a) > MAX_RUN_WORDS or len(run_b) > MAX_RUN_WORDS:
                continue
            left = " ".join(w for w, _, _ in run_a)
            right = " ".join(w for w, _, _ in run_b)
            if left.isdigit() or right.isdigit() or left == right:
                continue  # a changed figure is a conflict question, not spin
            found.append(((run_a[0][1], run_a[-1][2]), (run_b[0][1], run_b[-1][2])))
    return found, len(words_a)


def _by_paragraph(text: str, words: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Consecutive words split wherever a line break lies between two of them."""
    runs: list[list[tuple[str, int, int]]] = []
    for word in words:
        if runs and "\n" not in text[runs[-1][-1][2] : word[1]]:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _phrase_counts(articles: Sequence[Article]) -> Counter[str]:
    """How many articles use each word and word pair: the coverage's common wording."""
    counts: Counter[str] = Counter()
    for article in articles:
        words = [m.group(0).casefold() for m in _WORD.finditer(article.text)]
        grams = set(words) | {f"{x} {y}" for x, y in pairwise(words)}
        grams |= {f"{x} {y} {z}" for x, y, z in zip(words, words[1:], words[2:], strict=False)}
        counts.update(grams)
    return counts


def detect_spin(
    articles: Sequence[Article],
    relations: Sequence[Relation],
    *,
    min_score: float = SPUN_MIN_SCORE,
    min_odd_phrases: int = ODD_PHRASES_FOR_SPUN,
) -> dict[str, SpinFinding]:
    """The spin finding for every article, keyed by article id: spun when its score
    reaches ``min_score``; ``min_odd_phrases`` odd phrases of a spinner's lexicon raise the
    score on their own."""
    by_id = {a.id: a for a in articles}
    counts = _phrase_counts(articles)
    # Template residue is proof of spinning, and decides which copy is the spun one.
    has_residue = {a.id for a in articles if _RESIDUE.search(a.text)}
    evidence: dict[str, list[SpinEvidence]] = {a.id: [] for a in articles}
    changed: Counter[str] = Counter()
    aligned: Counter[str] = Counter()
    for relation in relations:
        if relation.kind not in ("spun-copy", "shares-passages", "near-duplicate"):
            continue
        a, b = by_id[relation.a], by_id[relation.b]
        for passage in relation.passages:
            if passage.kind in ("verbatim", "rewritten"):
                continue  # an editor's rewritten sentence is no word-for-word spin
            pairs, total = substitutions(
                a.text,
                b.text,
                (passage.a_start, passage.a_end),
                (passage.b_start, passage.b_end),
            )
            votes: Counter[str] = Counter()
            for span_a, span_b in pairs:
                phrase_a = a.text[span_a[0] : span_a[1]].casefold()
                phrase_b = b.text[span_b[0] : span_b[1]].casefold()
                # The spun side's wording is the one the other articles do not share.
                votes[
                    "b"
                    if counts[phrase_a] > counts[phrase_b]
                    else "a"
                    if counts[phrase_b] > counts[phrase_a]
                    else "?"
                ] += 1
            spun_side = "b" if votes["b"] > votes["a"] else "a" if votes["a"] > votes["b"] else None
            if (a.id in has_residue) != (b.id in has_residue):
                spun_side = "a" if a.id in has_residue else "b"
            if spun_side is None:
                continue
            spun, plain = (b, a) if spun_side == "b" else (a, b)
            aligned[spun.id] += total
            for span_a, span_b in pairs:
                span_spun, span_plain = (span_b, span_a) if spun_side == "b" else (span_a, span_b)
                changed[spun.id] += 1
                evidence[spun.id].append(
                    SpinEvidence(
                        span_spun[0],
                        span_spun[1],
                        spun.text[span_spun[0] : span_spun[1]],
                        plain.text[span_plain[0] : span_plain[1]],
                    )
                )
    learned = _learned_phrases(evidence, by_id, counts)
    odd_count: Counter[str] = Counter()
    for article in articles:
        for match in _RESIDUE.finditer(article.text):
            inner = match.group(0)[1:-1]
            evidence[article.id].append(
                SpinEvidence(
                    match.start(),
                    match.end(),
                    match.group(0),
                    inner.split("|")[0].strip() or None,
                    "spinner template residue",
                )
            )
        for odd in odd_phrases(article.text):
            odd_count[article.id] += 1
            evidence[article.id].append(
                SpinEvidence(
                    odd.start,
                    odd.end,
                    odd.text,
                    odd.likely_original,
                    "fixed phrase with a swapped word",
                )
            )
        if learned and not aligned[article.id]:
            for match in learned[0].finditer(article.text):
                odd_count[article.id] += 1
                evidence[article.id].append(
                    SpinEvidence(
                        match.start(),
                        match.end(),
                        match.group(0),
                        learned[1][" ".join(match.group(0).lower().split())],
                        "substitution learned from another spun copy in this batch",
                    )
                )
    result: dict[str, SpinFinding] = {}
    for article in articles:
        items = _unique(evidence[article.id])
        residue = any(item.why == "spinner template residue" for item in items)
        score = (
            min(1.0, changed[article.id] / max(1, aligned[article.id]) * 4)
            if aligned[article.id]
            else 0.0
        )
        if residue:
            score = max(score, 0.5)
        if odd_count[article.id] >= min_odd_phrases:
            score = max(score, min(1.0, 0.2 + 0.1 * odd_count[article.id]))
        is_spun = score >= min_score
        result[article.id] = SpinFinding(
            is_spun=is_spun,
            score=round(score, 3),
            evidence=items,
            despun=despun_text(article.text, items) if is_spun else None,
        )
    return result


def spun_copy_directions(
    relations: Sequence[Relation], findings: Mapping[str, SpinFinding]
) -> dict[tuple[str, str], str]:
    """For each spun-copy relation with exactly one spun side: (a, b) -> that side, which
    derives from the plainer text."""
    directions: dict[tuple[str, str], str] = {}
    for relation in relations:
        if relation.kind == "spun-copy":
            spun = [x for x in (relation.a, relation.b) if findings[x].is_spun]
            if len(spun) == 1:
                directions[(relation.a, relation.b)] = spun[0]
    return directions


def with_restorations(
    findings: Mapping[str, SpinFinding],
    texts: Mapping[str, str],
    *,
    min_gain: float = MIN_GAIN,
    max_words: int = MAX_WORDS,
    max_chars: int = RESTORE_MAX_CHARS,
) -> dict[str, SpinFinding]:
    """The findings with ``restored`` filled for each spun article of ``texts`` (article id
    -> its text): the phrases ``restore_spun`` reads as thesaurus swaps of up to
    ``max_words`` words whose original gains at least ``min_gain``, with the ones inside
    an evidence span left out (the evidence names an original already), looked for in the
    first ``max_chars`` characters (cut at a space; 0: the whole text) so that a huge
    article cannot stall the batch. The thesaurus and the language model load at the
    first spun article, once per process, so a batch with none pays nothing; where they
    are not installed ``restored`` stays None (not looked)."""
    result = dict(findings)
    for article_id, finding in findings.items():
        text = texts.get(article_id)
        if not finding.is_spun or text is None:
            continue
        thesaurus, model = wordnet(), packaged_word_pairs()
        if thesaurus is None or model is None:
            break
        taken = [(item.start, item.end) for item in finding.evidence]
        restored = tuple(
            SpinRestoration(r.start, r.end, r.text, r.original, round(r.gain, 2))
            for r in restore_spun(
                _head(text, max_chars),
                thesaurus,
                model,
                STOPWORDS,
                min_gain=min_gain,
                max_words=max_words,
            )
            if all(r.end <= start or r.start >= end for start, end in taken)
        )
        result[article_id] = dataclasses.replace(finding, restored=restored)
    return result


def _head(text: str, max_chars: int) -> str:
    """The text up to its last space within ``max_chars`` (all of it for 0)."""
    if not max_chars or len(text) <= max_chars:
        return text
    cut = max(text.rfind(space, 0, max_chars + 1) for space in " \n\t")
    return text[: cut if cut > 0 else max_chars]


def despun_text(text: str, evidence: Sequence[SpinEvidence]) -> str:
    """The text with each evidence span replaced by its likely original wording."""
    parts, cursor = [], 0
    for item in sorted(evidence, key=lambda e: e.start):
        original = item.likely_original
        if original is None or item.start < cursor:
            continue
        parts += [text[cursor : item.start], original]
        cursor = item.end
    return "".join([*parts, text[cursor:]])


def _learned_phrases(
    evidence: Mapping[str, list[SpinEvidence]],
    by_id: Mapping[str, Article],
    counts: Counter[str],
) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """Multi-word substitutions seen in aligned copies, as a pattern to find them in
    articles with no copy: only those whose spun wording is rarer in the batch than the
    original (a reporter's own rephrasing is as common as what it replaced)."""
    learned: dict[str, str] = {}
    for items in evidence.values():
        for item in items:
            spun = " ".join(item.text.lower().split())
            original = item.likely_original or ""
            if (
                " " in spun
                and original
                and not all(w in STOPWORDS for w in re.findall(r"\w+", spun))
                and counts[spun] < counts[original.casefold()]
            ):
                learned.setdefault(spun, original)
    if not learned:
        return None
    ordered = sorted(learned, key=len, reverse=True)
    pattern = r"\b(?:" + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in ordered) + r")\b"
    return re.compile(pattern, re.IGNORECASE), learned


def _unique(items: list[SpinEvidence]) -> tuple[SpinEvidence, ...]:
    seen: dict[tuple[int, int], SpinEvidence] = {}
    for item in items:
        seen.setdefault((item.start, item.end), item)
    return tuple(sorted(seen.values(), key=lambda item: item.start))
