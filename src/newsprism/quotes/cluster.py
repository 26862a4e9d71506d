"""Quote lineage: the same quotation across articles forms one cluster.

Candidates come from an inverted index of word pairs of the typography-folded quotes
(pairs of two function words and pairs shared by very many quotes are left out), so the
work stays linear in the batch. Two quotes join when their words are close (a reprint,
an edit, a machine-spun copy) or one is contained in the other (a partial quote); a
translation relation of the relations stage pairs the quotes of aligned paragraphs.

Each member gets a variant kind against the cluster's best version: ``exact`` (the same
words), ``partial`` (a part of it), ``translated`` (from a translation, or an article in
another language), ``spun`` (the same length with words swapped one for one, or from an
article the spin stage flagged), ``wording`` (any other edit). The best version comes
from the least altered source: not partial, not spun, in the batch's main language, then
the wording most members share, the longest on a tie.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import partial_ratio, ratio

from newsprism.model import (
    Article,
    ClusteredQuote,
    Quote,
    QuoteCluster,
    QuoteVariant,
    Relation,
    SpinFinding,
)
from newsprism.sources import borrowed_passages, count_sources
from newsprism.text.keys import fold
from newsprism.unionfind import DisjointSets

SAME_QUOTE_RATIO = 85.0
SPUN_QUOTE_RATIO = 60.0  # a spun copy keeps its length and most of its words
CONTAINED_RATIO = 92.0
MIN_CLUSTER_WORDS = 4
PARTIAL_SHARE = 0.8
SPUN_QUOTES_PER_ARTICLE = 2  # quotes with words swapped one for one that mark an article
MAX_POSTING = 64  # a word pair shared by more quotes than this says nothing
_FUNCTION_WORDS = frozenset(
    "a an the of to in on at for and or but is are was were be been it its this that "
    "we you he she they i our your his her their will would not no as by with from".split()
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ClusterMember:
    article: Article
    index: int
    quote: Quote
    key: str


def quote_id(article: Article, index: int) -> str:
    """Stable: the article's id and the quote's place in it."""
    return f"q{article.id[1:]}-{index + 1}"


def _pairs(words: Sequence[str]) -> set[tuple[str, str]]:
    return {
        (a, b)
        for a, b in itertools.pairwise(words)
        if not (a in _FUNCTION_WORDS and b in _FUNCTION_WORDS)
    }


def _swapped_words(member: str, best: str) -> bool:
    """Same length, words replaced one for one (not inserted or dropped), and more than
    one of them: how a synonym spinner rewrites a sentence."""
    a, b = member.split(), best.split()
    if abs(len(a) - len(b)) > max(1, len(b) // 10):
        return False
    ops = Counter(op.tag for op in Levenshtein.editops(a, b))
    return ops["replace"] >= 2 and ops["replace"] >= 2 * (ops["insert"] + ops["delete"])


def _link(
    a: str,
    b: str,
    spun: bool = False,
    same_ratio: float = SAME_QUOTE_RATIO,
    spun_ratio: float = SPUN_QUOTE_RATIO,
) -> str | None:
    """How two quotes are the same statement: ``"close"`` wording (``same_ratio``, or a
    spun copy at ``spun_ratio``: words swapped one for one, or any edit keeping most of the
    words when the spin stage flagged one side), ``"contained"`` (one is a part of the
    other), or None."""
    short, long = sorted((a, b), key=len)
    similarity = ratio(a, b)
    if similarity >= same_ratio or (spun and similarity >= spun_ratio):
        return "close"
    if len(short) >= 20 and partial_ratio(short, long) >= CONTAINED_RATIO:
        return "contained"
    return "close" if similarity >= spun_ratio and _swapped_words(a, b) else None


def _join_parts(
    members: Sequence[ClusterMember],
    groups: DisjointSets[int],
    contained: Sequence[tuple[int, int]],
    flagged: set[str],
    same_ratio: float,
    spun_ratio: float,
) -> None:
    """Join each quote to the groups of the quotes it contains, without chaining two
    statements into one cluster. A sentence that quotes two statements ('said the alliance
    "remains committed" but "will not be taken for granted"') holds parts of both: it joins
    only the larger of two groups that are not one statement themselves. A group joins a
    container only where the group's fullest version is one statement with it too, so a
    fragment found in two different statements does not bridge them."""

    def rank(i: int) -> tuple[int, int]:
        return len(members[i].key), -i

    def linked(a: int, b: int) -> bool:
        spun = members[a].article.id in flagged or members[b].article.id in flagged
        return _link(members[a].key, members[b].key, spun, same_ratio, spun_ratio) is not None

    head: dict[int, int] = {}
    size: dict[int, int] = defaultdict(int)
    for i in range(len(members)):
        root = groups.find(i)
        size[root] += 1
        if root not in head or rank(i) > rank(head[root]):
            head[root] = i
    parts: dict[int, set[int]] = defaultdict(set)
    for a, b in contained:
        container, part = (a, b) if rank(a) > rank(b) else (b, a)
        parts[container].add(part)
    for container in sorted(parts, key=rank, reverse=True):
        kept: list[int] = []
        roots = {groups.find(part) for part in parts[container]} - {groups.find(container)}
        for root in sorted(roots, key=lambda r: (-size[r], r)):
            if head[root] == container or not linked(container, head[root]):
                continue
            if all(linked(head[root], head[other]) for other in kept):
                kept.append(root)
        for root in kept:
            own = groups.find(container)
            joined_head = max(head.pop(own), head.pop(root), key=rank)
            joined_size = size.pop(own) + size.pop(root)
            groups.union(own, root)
            head[groups.find(own)] = joined_head
            size[groups.find(own)] = joined_size


def _translated_pairs(
    members: Sequence[ClusterMember], relations: Sequence[Relation]
) -> list[tuple[int, int]]:
    """Quotes of paragraphs that a translation relation aligns, paired in order when both
    sides hold the same number of them."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for position, member in enumerate(members):
        by_article[member.article.id].append(position)
    pairs: list[tuple[int, int]] = []
    for relation in relations:
        if relation.kind != "translation":
            continue
        side_a, side_b = by_article.get(relation.a, []), by_article.get(relation.b, [])
        for passage in relation.passages:
            inside_a = [
                i for i in side_a if passage.a_start <= members[i].quote.start < passage.a_end
            ]
            inside_b = [
                i for i in side_b if passage.b_start <= members[i].quote.start < passage.b_end
            ]
            if inside_a and len(inside_a) == len(inside_b):
                pairs.extend(zip(inside_a, inside_b, strict=True))
    return pairs


def cluster_quotes(
    articles: Sequence[Article],
    source_of: dict[str, str] | None = None,
    relations: Sequence[Relation] | None = None,
    spin: Mapping[str, SpinFinding] | None = None,
    *,
    same_ratio: float = SAME_QUOTE_RATIO,
    spun_ratio: float = SPUN_QUOTE_RATIO,
    min_words: int = MIN_CLUSTER_WORDS,
) -> tuple[list[QuoteCluster], dict[str, str]]:
    """Return the quote clusters and a map quote id -> cluster id.

    Quotes of ``min_words`` words or more are clustered: worded ``same_ratio`` (0-100)
    alike, or ``spun_ratio`` alike when a spun copy swapped words.

    ``source_of`` maps article ids to independent-source groups (from the relations stage);
    without it ``independent_sources`` is null, since copies must not count twice.
    ``relations`` (the relations stage's) pair quotes across translations, and ``spin``
    (the spin stage's, by article id) marks the members of spun articles."""
    borrowed = borrowed_passages(relations)
    members = [
        member
        for article in articles
        for index, quote in enumerate(article.quotes)
        if len((member := ClusterMember(article, index, quote, fold(quote.text))).key.split())
        >= min_words
    ]
    flagged = {i for i, s in (spin or {}).items() if s.is_spun}
    words = [_WORD.findall(m.key.casefold()) for m in members]
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    groups: DisjointSets[int] = DisjointSets(range(len(members)))
    contained: list[tuple[int, int]] = []
    for position, member in enumerate(members):
        candidates: set[int] = set()
        pairs = _pairs(words[position])
        for pair in pairs:
            posting = postings[pair]
            if len(posting) <= MAX_POSTING:
                candidates.update(posting)
        for other in sorted(candidates):
            spun = member.article.id in flagged or members[other].article.id in flagged
            if groups.find(other) == groups.find(position):
                continue
            link = _link(member.key, members[other].key, spun, same_ratio, spun_ratio)
            if link == "close":
                groups.union(other, position)
            elif link == "contained":
                contained.append((other, position))
        for pair in pairs:
            postings[pair].append(position)
    _join_parts(members, groups, contained, flagged, same_ratio, spun_ratio)
    translated: set[int] = set()
    for a, b in _translated_pairs(members, relations or []):
        groups.union(a, b)
        translated.add(b)
    by_root: dict[int, list[int]] = defaultdict(list)
    for position in range(len(members)):
        by_root[groups.find(position)].append(position)
    languages = Counter(a.language for a in articles if a.language)
    main_language = languages.most_common(1)[0][0] if languages else None
    spun_articles = set(flagged)
    kept = [r for r in sorted(by_root) if len({members[i].article.id for i in by_root[r]}) > 1]
    counts = {root: Counter(members[i].key for i in by_root[root]) for root in kept}

    def altered(i: int, root: int) -> tuple[bool, bool, bool, int, int]:
        m = members[i]
        return (
            m.quote.partial,
            m.article.id in spun_articles,
            i in translated or (m.article.language or main_language) != main_language,
            -counts[root][m.key],
            -len(m.key),
        )

    best_of = {root: min(by_root[root], key=lambda i: (altered(i, root), i)) for root in kept}
    if spin is None:
        # Without the spin stage: an article several of whose quotes differ from the best
        # version only by words swapped one for one reads as machine-spun.
        swaps: Counter[str] = Counter(
            members[i].article.id
            for root in kept
            for i in by_root[root]
            if members[i].key != members[best_of[root]].key
            and _swapped_words(members[i].key, members[best_of[root]].key)
        )
        spun_articles = {a for a, n in swaps.items() if n >= SPUN_QUOTES_PER_ARTICLE}
    clusters: list[QuoteCluster] = []
    assignment: dict[str, str] = {}
    for root in kept:
        group = [members[i] for i in by_root[root]]
        positions = by_root[root]
        best = members[best_of[root]]
        speakers = Counter(m.quote.speaker for m in group if m.quote.speaker)
        cluster_id = f"qc{len(clusters) + 1}"
        for m in group:
            assignment[quote_id(m.article, m.index)] = cluster_id
        clusters.append(
            QuoteCluster(
                id=cluster_id,
                speaker=(max(speakers, key=lambda s: (speakers[s], len(s))) if speakers else None),
                text=best.quote.text,
                members=tuple(
                    QuoteVariant(
                        quote_id(members[i].article, members[i].index),
                        _variant(members[i], best, i in translated, spun_articles, main_language),
                    )
                    for i in positions
                ),
                independent_sources=(
                    count_sources(
                        [(m.article.id, m.quote.start, m.quote.end) for m in group],
                        source_of,
                        borrowed,
                    )
                    if source_of is not None
                    else None
                ),
                outlets=len({m.article.outlet or m.article.id for m in group}),
            )
        )
    return clusters, assignment


def _variant(
    member: ClusterMember,
    best: ClusterMember,
    translated: bool,
    spun_articles: set[str],
    main_language: str | None,
) -> str:
    if member.key == best.key:
        return "exact"
    if translated or (member.article.language or main_language) != (
        best.article.language or main_language
    ):
        return "translated"
    if _contained(member.key, best.key):
        return "partial"
    if member.article.id in spun_articles:
        return "spun"
    return "wording"


def _contained(member: str, best: str) -> bool:
    """``member`` is a part of ``best``: clearly fewer words, nearly all found in it."""
    return (
        len(member.split()) <= PARTIAL_SHARE * len(best.split())
        and partial_ratio(member, best) >= CONTAINED_RATIO
    )


def quote_records(
    articles: Sequence[Article],
    assignment: Mapping[str, str],
    speaker_entity: Callable[[str | None], str | None] | None = None,
) -> list[ClusteredQuote]:
    """Every quote of the batch with its cluster and, given ``speaker_entity`` (speaker ->
    entity id), the entity its speaker is."""
    records: list[ClusteredQuote] = []
    for article in articles:
        for index, quote in enumerate(article.quotes):
            identifier = quote_id(article, index)
            records.append(
                ClusteredQuote(
                    id=identifier,
                    article=article.id,
                    start=quote.start,
                    end=quote.end,
                    text=quote.text,
                    speaker=quote.speaker,
                    speaker_entity=speaker_entity(quote.speaker) if speaker_entity else None,
                    cue=quote.cue,
                    cluster=assignment.get(identifier),
                    mention_start=quote.mention_start,
                    mention_end=quote.mention_end,
                    partial=quote.partial,
                )
            )
    return records
