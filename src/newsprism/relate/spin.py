"""Spin: machine paraphrasing ("Protection Secretary" for "Defense Secretary").

Two kinds of evidence, each a span in the spun article's text:
- substitutions learned from an aligned passage of a less altered copy: word runs that
  differ between the two copies; the side whose wording the rest of the coverage does not
  use is the spun one, and the other side's words are its likely original;
- spinner residue with no original needed: leftover template braces such as ``{a|b}``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from itertools import pairwise
from typing import Any

from newsprism.model import Article

_WORD = re.compile(r"\w+(?:['’]\w+)?")
_RESIDUE = re.compile(r"\{[^{}\n]{1,60}\}")
MAX_RUN_WORDS = 3
SPUN_MIN_SCORE = 0.08


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
        if tag != "replace" or i2 - i1 > MAX_RUN_WORDS or j2 - j1 > MAX_RUN_WORDS:
            continue
        left = " ".join(w for w, _, _ in words_a[i1:i2])
        right = " ".join(w for w, _, _ in words_b[j1:j2])
        if left.isdigit() or right.isdigit() or left == right:
            continue  # a changed figure is a conflict question, not spin
        found.append(((words_a[i1][1], words_a[i2 - 1][2]), (words_b[j1][1], words_b[j2 - 1][2])))
    return found, len(words_a)


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
    articles: Sequence[Article], relations: Sequence[Mapping[str, Any]]
) -> dict[str, dict[str, Any]]:
    """The contract's ``spin`` object for every article, keyed by article id."""
    by_id = {a.id: a for a in articles}
    counts = _phrase_counts(articles)
    # Template residue is proof of spinning, and decides which copy is the spun one.
    has_residue = {a.id for a in articles if _RESIDUE.search(a.text)}
    evidence: dict[str, list[dict[str, Any]]] = {a.id: [] for a in articles}
    changed: Counter[str] = Counter()
    aligned: Counter[str] = Counter()
    for relation in relations:
        if relation["kind"] not in ("spun-copy", "shares-passages", "near-duplicate"):
            continue
        a, b = by_id[relation["a"]], by_id[relation["b"]]
        for passage in relation["passages"]:
            if passage["kind"] == "verbatim":
                continue
            pairs, total = substitutions(
                a.text,
                b.text,
                (passage["a_start"], passage["a_end"]),
                (passage["b_start"], passage["b_end"]),
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
                    {
                        "start": span_spun[0],
                        "end": span_spun[1],
                        "text": spun.text[span_spun[0] : span_spun[1]],
                        "likely_original": plain.text[span_plain[0] : span_plain[1]],
                    }
                )
    for article in articles:
        for match in _RESIDUE.finditer(article.text):
            inner = match.group(0)[1:-1]
            evidence[article.id].append(
                {
                    "start": match.start(),
                    "end": match.end(),
                    "text": match.group(0),
                    "likely_original": inner.split("|")[0].strip() or None,
                    "why": "spinner template residue",
                }
            )
    result: dict[str, dict[str, Any]] = {}
    for article in articles:
        items = _unique(evidence[article.id])
        residue = any(item.get("why") for item in items)
        score = (
            min(1.0, changed[article.id] / max(1, aligned[article.id]) * 4)
            if aligned[article.id]
            else 0.0
        )
        if residue:
            score = max(score, 0.5)
        result[article.id] = {
            "is_spun": score >= SPUN_MIN_SCORE,
            "score": round(score, 3),
            "evidence": items,
        }
    return result


def _unique(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[tuple[int, int], dict[str, Any]] = {}
    for item in items:
        seen.setdefault((item["start"], item["end"]), item)
    return sorted(seen.values(), key=lambda item: item["start"])
