"""Stories: grouping a batch's articles by the event they report.

Copies (and translations) are always one story. Beyond copies, two reports join when they
tell the same event: what happened (content words, the lead), to whom and where (the names
they give), when (the years they name) and the figures they give, weighed together in one
similarity, never by one shared name.

The weighing is local. A report's terms are weighed by their rarity in the batch *and*
among the reports most like it (its neighbourhood): the words every report of one kind of
event shares ("quake", "rehab", a company all of them name) say which kind it is, not
which event, so inside the neighbourhood they count for little, and the names, places and
figures that only some of the neighbours share decide. Reports dated further apart than one
event runs, or naming years that never meet, are kept apart or weighed down.

Everything works through an inverted index (terms held by too many reports are skipped
when looking for neighbours), each report keeps its ``neighbours`` closest, and the
grouping is average-link agglomeration over those pairs only (a pair never compared counts
as unlike): work and memory stay near-linear in the batch.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from newsprism.relate.events import EventProfile, profile

# Channels of a profile and their weight in the blended similarity (chosen on ECB+ train).
CHANNEL_WEIGHTS = {"words": 1.0, "names": 0.3, "lead": 0.15, "figures": 0.2}
NEIGHBOURS = 30  # reports whose terms say which kind of event a report is
NEIGHBOUR_MIN_SIMILARITY = 0.04  # plain-weight cosine of a neighbour
LOCAL_WEIGHT = 0.7  # share of the local (neighbourhood) rarity in a term's weight
# As if each neighbourhood held this many unrelated reports beside: in a batch of two
# reports of one event every term is in the whole neighbourhood, and plain local rarity
# would weigh exactly the shared terms nothing.
LOCAL_PRIOR = 2
YEAR_PENALTY = 0.5  # reports naming years, none in common: likely another event
STORY_MIN_SIMILARITY = 0.08  # average-link cut
MAX_POSTINGS = 400  # a term in more reports than this finds no neighbours

Vector = dict[tuple[str, str], float]


def _bags(p: EventProfile) -> dict[str, Counter[str]]:
    return {"words": p.words, "names": p.names, "lead": p.lead, "figures": p.figures}


def _vector(
    bags: dict[str, Counter[str]],
    weight: Callable[[str, str], float],
) -> Vector:
    """One channel-weighted vector: each channel's sublinear tf × ``weight(channel, term)``,
    normalised per channel and scaled so a dot product is the weighted mean of the channel
    cosines."""
    total = sum(CHANNEL_WEIGHTS.values())
    vector: Vector = {}
    for channel, bag in bags.items():
        values = {t: (1.0 + math.log(c)) * weight(channel, t) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in values.values()))
        if not norm:
            continue
        scale = math.sqrt(CHANNEL_WEIGHTS[channel] / total) / norm
        for term, value in values.items():
            if value:
                vector[(channel, term)] = value * scale
    return vector


def _dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(term, 0.0) for term, value in a.items())


def _neighbours(vectors: Sequence[Vector], limit: int, min_similarity: float) -> list[list[int]]:
    """Each vector's ``limit`` most similar others (cosine at least ``min_similarity``):
    scores summed through an inverted index that skips terms held by more than
    MAX_POSTINGS, then the best ``2 * limit`` rescored on every term."""
    postings: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for term, value in vector.items():
            postings[term].append((index, value))
    result: list[list[int]] = []
    for index, vector in enumerate(vectors):
        partial: dict[int, float] = defaultdict(float)
        for term, value in vector.items():
            holders = postings[term]
            if len(holders) <= MAX_POSTINGS:
                for other, weight in holders:
                    partial[other] += value * weight
        partial.pop(index, None)
        shortlist = heapq.nlargest(2 * limit, partial.items(), key=lambda item: item[1])
        scored = [(_dot(vector, vectors[j]), j) for j, _ in shortlist]
        result.append([j for s, j in heapq.nlargest(limit, scored) if s >= min_similarity])
    return result


def sparse_average_link(
    size: int,
    similarities: dict[tuple[int, int], float],
    joined: Sequence[tuple[int, int]],
    threshold: float,
) -> list[int]:
    """Average-link agglomeration over the given pairs (any other pair counts 0): merge the
    two clusters of highest mean pairwise similarity while it is at least ``threshold``.
    ``joined`` pairs start in one cluster. One cluster number per item."""
    parent = list(range(size))

    def find(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for a, b in joined:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members = Counter(find(i) for i in range(size))
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), value in similarities.items():
        ra, rb = find(a), find(b)
        if ra != rb:
            sums[ra][rb] = sums[ra].get(rb, 0.0) + value
            sums[rb][ra] = sums[rb].get(ra, 0.0) + value
    heap = [
        (-total / (members[a] * members[b]), a, b)
        for a, row in sums.items()
        for b, total in row.items()
        if a < b
    ]
    heapq.heapify(heap)
    alive = set(members)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in alive or b not in alive:
            continue
        current = sums[a].get(b, 0.0) / (members[a] * members[b])
        if abs(current + negative) > 1e-12:
            continue  # stale: the clusters changed since this entry
        if current < threshold:
            break
        # b goes into a: its sums add to a's, and a's means are pushed anew.
        alive.discard(b)
        parent[b] = a
        members[a] += members.pop(b)
        row_b = sums.pop(b)
        row_b.pop(a, None)
        sums[a].pop(b, None)
        for other, total in row_b.items():
            sums[other].pop(b, None)
            merged = sums[a].get(other, 0.0) + total
            sums[a][other] = merged
            sums[other][a] = merged
        for other, total in sums[a].items():
            first, second = min(a, other), max(a, other)
            heapq.heappush(heap, (-total / (members[a] * members[other]), first, second))
    return [find(i) for i in range(size)]


def group_stories(
    texts: Sequence[str],
    joined: Sequence[tuple[int, int]] = (),
    apart: Callable[[int, int], bool] | None = None,
    *,
    min_similarity: float = STORY_MIN_SIMILARITY,
    neighbours: int = NEIGHBOURS,
    local_weight: float = LOCAL_WEIGHT,
    year_penalty: float = YEAR_PENALTY,
) -> list[int]:
    """One story number per text. ``joined``: pairs (indexes) that are one story whatever
    they say (copies); ``apart(i, j)``: pairs that may not join on what they say (dated
    too far apart). Thresholds: the average-link cut ``min_similarity``, the neighbourhood
    size ``neighbours``, the share ``local_weight`` of neighbourhood rarity in a term's
    weight and the factor ``year_penalty`` for reports whose named years never meet."""
    profiles = [profile(text) for text in texts]
    bags = [_bags(p) for p in profiles]
    n = len(texts)
    held = {channel: Counter[str]() for channel in CHANNEL_WEIGHTS}
    for bag in bags:
        for channel, counts in bag.items():
            held[channel].update(counts.keys())

    def rarity(channel: str, term: str) -> float:
        return math.log((1 + n) / (1 + held[channel][term])) + 1.0

    plain = [_vector(bag, rarity) for bag in bags]
    near = _neighbours(plain, neighbours, NEIGHBOUR_MIN_SIMILARITY)
    local: list[Vector] = []
    for index, bag in enumerate(bags):
        around = [index, *near[index]]
        local_held = {
            channel: Counter(t for j in around for t in bags[j][channel]) for channel in bag
        }
        size = len(around) + LOCAL_PRIOR

        def weight(
            channel: str,
            term: str,
            held_here: dict[str, Counter[str]] = local_held,
            size: int = size,
        ) -> float:
            locally = math.log((1 + size) / (1 + held_here[channel][term]))
            return rarity(channel, term) ** (1 - local_weight) * locally**local_weight

        local.append(_vector(bag, weight))
    similarities: dict[tuple[int, int], float] = {}
    for index, others in enumerate(near):
        for other in others:
            pair = (min(index, other), max(index, other))
            if pair in similarities or (apart is not None and apart(*pair)):
                continue
            value = _dot(local[pair[0]], local[pair[1]])
            years_a, years_b = profiles[pair[0]].years, profiles[pair[1]].years
            if years_a and years_b and not years_a & years_b:
                value *= year_penalty
            similarities[pair] = value
    return sparse_average_link(n, similarities, joined, min_similarity)
