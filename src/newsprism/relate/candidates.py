"""Which pairs of a batch's articles are worth comparing at all: pairs that may share
copied text (their shingles' MinHash signatures share an LSH band, or, in batches small
enough, they share word trigrams) and pairs that may report the same event (they share
names and figures), each article with its closest matches only, so the work and the
relations stay linear in the batch. ``relate/relations.py`` then weighs each pair.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsprism.model import Article
from newsprism.relate.minhash import LSHIndex, signatures
from newsprism.text.keys import fold
from newsprism.text.sentences import sentence_spans

SAME_STORY_MIN_SHARED = 4  # names and figures in common that make two reports one event
MAX_TERM_POSTINGS = 200  # a name in more articles than this says nothing about one story
MAX_TRIGRAM_POSTINGS = 50  # a phrase in this many articles is a stock phrase, not a copy
COPY_MIN_SHARED_TRIGRAMS = 4
SAME_STORY_NEIGHBOURS = 3
COPY_NEIGHBOURS = 8
# Up to this many articles, every word trigram is indexed as well as the MinHash bands, so
# two reports sharing a single paragraph are still compared; above it, MinHash LSH alone
# (near-duplicates, spins and partial copies of a good share of the text).
FULL_INDEX_MAX_ARTICLES = 5000
LSH_MIN_SIMILARITY = 0.08  # estimated shingle Jaccard; a partial copy of a third is ~0.12
# A brief of one to three sentences rewritten from the wire ("was today awarded" → "was
# yesterday awarded", clauses cut) shares too few word trigrams with it to be a copy
# candidate: its pairs with the reports of its story are weighed sentence by sentence anyway.
BRIEF_MAX_SENTENCES = 3
BRIEF_MAX_CHARS = 800  # longer texts are no brief, whatever their sentence cut says
BRIEF_MIN_SHARED = 2  # a brief names few: this many names and figures make it a candidate


@dataclass(frozen=True, slots=True)
class BriefShape:
    """What makes a text a brief (the relate stage's options; defaults the constants
    above): at most ``max_sentences`` sentences and ``max_chars`` characters; a brief
    becomes a same-story candidate with ``min_shared`` names and figures in common."""

    max_sentences: int = BRIEF_MAX_SENTENCES
    max_chars: int = BRIEF_MAX_CHARS
    min_shared: int = BRIEF_MIN_SHARED


DEFAULT_BRIEF_SHAPE = BriefShape()


def _pairs_sharing(
    keys: Sequence[set[Any]], min_shared: int, max_postings: int
) -> Counter[tuple[int, int]]:
    """How many keys each pair of items shares, through an inverted index; keys held by
    more than ``max_postings`` items say nothing and are skipped (no all-pairs work)."""
    postings: dict[Any, list[int]] = defaultdict(list)
    for index, item_keys in enumerate(keys):
        for key in item_keys:
            postings[key].append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for holders in postings.values():
        if len(holders) > max_postings:
            continue
        for x, first in enumerate(holders):
            for second in holders[x + 1 :]:
                shared[(first, second)] += 1
    return Counter({pair: n for pair, n in shared.items() if n >= min_shared})


def _trigrams(article: Article) -> set[int]:
    words = fold(article.text).split()
    return {hash((x, y, z)) for x, y, z in zip(words, words[1:], words[2:], strict=False)}


def lsh_pairs(
    signature_rows: np.ndarray, min_similarity: float = LSH_MIN_SIMILARITY
) -> Counter[tuple[int, int]]:
    """Pairs whose MinHash signatures share an LSH band and are estimated ``min_similarity``
    alike, weighted by estimated similarity (in hundredths, so they rank with trigram
    counts)."""
    index = LSHIndex()
    index.add(signature_rows)
    found = index.candidate_pairs(min_similarity)
    return Counter(
        {
            (int(a), int(b)): max(1, int(similarity * 100))
            for (a, b), similarity in zip(found.pairs, found.similarity, strict=True)
        }
    )


def batch_signatures(ordered: Sequence[Article], known: Mapping[str, np.ndarray]) -> np.ndarray:
    """MinHash signatures in ``ordered``'s order, computing only those not already known
    (the relate stage has the batch's from indexing it)."""
    missing = [a for a in ordered if a.id not in known]
    computed = dict(zip((a.id for a in missing), signatures(a.text for a in missing), strict=True))
    rows = [known[a.id] if a.id in known else computed[a.id] for a in ordered]
    return np.stack(rows) if rows else signatures([])


def candidate_pairs(
    ordered: Sequence[Article],
    terms: dict[str, set[str]],
    signature_rows: np.ndarray | None = None,
    *,
    min_shared_terms: int = SAME_STORY_MIN_SHARED,
    min_lsh_similarity: float = LSH_MIN_SIMILARITY,
    brief_shape: BriefShape = DEFAULT_BRIEF_SHAPE,
) -> tuple[set[tuple[int, int]], list[tuple[int, int]]]:
    """Pairs worth aligning (their shingles' MinHash signatures share an LSH band, or, in
    batches small enough, they share word trigrams: copied text, even spun, keeps some)
    and pairs worth calling the same story (each article with its closest matches by names
    and figures, so a story of a thousand articles is not a million relations; a brief
    (``brief_shape``) needs only its ``min_shared`` of them)."""
    if signature_rows is None:
        signature_rows = signatures(a.text for a in ordered)
    copies = lsh_pairs(signature_rows, min_lsh_similarity)
    if len(ordered) <= FULL_INDEX_MAX_ARTICLES:
        copies.update(
            _pairs_sharing(
                [_trigrams(a) for a in ordered], COPY_MIN_SHARED_TRIGRAMS, MAX_TRIGRAM_POSTINGS
            )
        )
    shared_terms = _pairs_sharing(
        [terms[a.id] for a in ordered],
        min(min_shared_terms, brief_shape.min_shared),
        MAX_TERM_POSTINGS,
    )
    brief = [is_brief(a, brief_shape) for a in ordered]
    shared_terms = Counter(
        {
            pair: n
            for pair, n in shared_terms.items()
            if n >= min_shared_terms or brief[pair[0]] or brief[pair[1]]
        }
    )
    copy_pairs = _closest(copies, COPY_NEIGHBOURS)
    story_pairs = _closest(shared_terms, SAME_STORY_NEIGHBOURS)
    return copy_pairs, sorted(copy_pairs | story_pairs)


def _closest(shared: Counter[tuple[int, int]], neighbours: int) -> set[tuple[int, int]]:
    """Each item's ``neighbours`` best-sharing pairs: work and output stay linear."""
    best: dict[int, list[tuple[int, tuple[int, int]]]] = defaultdict(list)
    for pair, count in shared.items():
        for member in pair:
            best[member].append((count, pair))
    return {
        pair
        for candidates in best.values()
        for _, pair in sorted(candidates, reverse=True)[:neighbours]
    }


def is_brief(article: Article, shape: BriefShape = DEFAULT_BRIEF_SHAPE) -> bool:
    """A brief: ``shape.max_sentences`` sentences at most (and no longer than
    ``shape.max_chars``)."""
    return len(article.text) <= shape.max_chars and (
        len(sentence_spans(article.text)) <= shape.max_sentences
    )
