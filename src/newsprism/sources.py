"""Which copies make two articles one source, and which only make two passages one.

An article that reprints, spins, translates or excerpts another (its shared passages are
a good part of either text) is the same source as it: ten reprints of a wire story count
once. An outlet's own report that borrows a paragraph of background from the wire is
still an independent report; only what it says inside the borrowed passage is not
independent of the wire. So a "shares-passages" relation below ``SOURCE_MIN_SHARE`` keeps
the two articles apart, and a claim or quote inside one of its passages counts as the
same source as its counterpart in the other article's aligned passage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from newsprism.model import COPY_KINDS, Relation
from newsprism.unionfind import DisjointSets

# The share of either text the shared passages must cover for a "shares-passages"
# relation to make its two articles one source (a partial copy: the excerpt is mostly
# the other's text). Below it, the passages are borrowed, not the article.
SOURCE_MIN_SHARE = 0.2

# article -> (other article, start, end in this article, start, end in the other)
Borrowed = Mapping[str, Sequence[tuple[str, int, int, int, int]]]


def joins_sources(kind: str, score: float | None, derivation: str | None = None) -> bool:
    """Whether a relation makes its two articles one independent source. A partial copy
    labelled only partly derived (or independent) by the reuse model keeps its articles
    apart: the paper added its own reporting, which counts; what it took is a borrowed
    passage and counts once with its counterpart."""
    if kind not in COPY_KINDS:
        return False
    if kind == "shares-passages":
        if derivation in ("partially", "independent"):
            return False
        return score is None or score >= SOURCE_MIN_SHARE
    return True


def borrowed_passages(relations: Iterable[Relation] | None) -> Borrowed:
    """The aligned passages of relations that do not join their articles' sources, from
    both sides."""
    found: dict[str, list[tuple[str, int, int, int, int]]] = defaultdict(list)
    for relation in relations or ():
        if relation.kind not in COPY_KINDS or joins_sources(
            relation.kind, relation.score, relation.derivation
        ):
            continue
        a, b = relation.a, relation.b
        for p in relation.passages:
            found[a].append((b, p.a_start, p.a_end, p.b_start, p.b_end))
            found[b].append((a, p.b_start, p.b_end, p.a_start, p.a_end))
    return found


def count_sources(
    spans: Sequence[tuple[str, int, int]],
    source_of: Mapping[str, str],
    borrowed: Borrowed | None = None,
) -> int:
    """Independent sources behind ``spans`` (article, start, end): articles of one source
    count once, and so do spans lying in the two sides of one borrowed passage."""
    if not spans:
        return 0
    groups: DisjointSets[int] = DisjointSets(range(len(spans)))
    first_of: dict[str, int] = {}
    by_article: dict[str, list[int]] = defaultdict(list)
    for index, (article, _, _) in enumerate(spans):
        source = source_of.get(article, article)
        groups.union(first_of.setdefault(source, index), index)
        by_article[article].append(index)
    for index, (article, start, end) in enumerate(spans):
        for other, own_start, own_end, other_start, other_end in (borrowed or {}).get(article, ()):
            if not (own_start <= start and end <= own_end):
                continue
            for candidate in by_article.get(other, ()):
                _, c_start, c_end = spans[candidate]
                if other_start <= c_start and c_end <= other_end:
                    groups.union(index, candidate)
    return len(groups.groups())
