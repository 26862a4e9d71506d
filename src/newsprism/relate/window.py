"""The story window: recent articles' MinHash bands and key terms, in memory, for
finding which stored articles a new one copies or shares a story with.

Asking the database for each band key and each name of every new article (what this
replaced) cost 3 ms an article and 140 index rows an article: too slow and too big for a
firehose. News is local in time (a copy follows its original within days; reports of one
event run for a few days), so the candidates are looked up among the most recent
``capacity`` articles, held in NumPy arrays:

- two key indexes (LSH band keys; hashed names and figures), each an LSM of sorted
  segments of packed ``key << 32 | article number`` values: adding a batch sorts only the
  batch, segments of similar size are merged (each value is merged O(log n) times), and a
  lookup is a binary search per segment;
- the low byte of each signature value (192 bytes an article) to verify band candidates;
- each article's day of publication, to keep reports of the same names weeks apart apart.

The store keeps one row per article (signature, key terms, day) under an increasing
sequence number; a window is loaded from its tail and kept current by reading rows past
the last number seen (so a concurrent writer's articles are seen from its next batch on).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import Any

import numpy as np

from newsprism.model import Article, IndexEntry, WindowPostings
from newsprism.relate.candidates import (
    LSH_MIN_SIMILARITY,
    MAX_TERM_POSTINGS,
    SAME_STORY_MIN_SHARED,
    SAME_STORY_NEIGHBOURS,
)
from newsprism.relate.minhash import NUM_PERM, band_keys, signatures
from newsprism.relate.relations import SAME_STORY_MAX_DAYS
from newsprism.text.terms import key_terms

# 250,000 articles: several days of a heavy news firehose, ~450 MB of arrays.
WINDOW_ARTICLES = 250_000
COPY_NEIGHBOURS = 8  # stored copies linked per article, the most similar first
COPY_MIN_BANDS = 2
BAND_POSTINGS = 8  # per band key, the most recent articles under it are looked at
# Per name, the most recent articles using it: a rare name's are all of them; a common
# one (weighing little) adds thousands of pairs an article for nothing if all are read.
TERM_POSTINGS = 32
TERM_MAX_LENGTH = 80
# Two reports are one story when the names and figures they share carry this share of the
# new one's name weight (rarity-weighted; see ``StoryWindow.links``). Tuned on generated
# events (benchmarks/bench_scale.py) and checked on PolNeAR's campaign coverage.
SAME_STORY_MIN_WEIGHT = 0.3
# Re-read this many entries before the last one seen: a concurrent writer may commit a
# lower sequence number after a higher one was read (entries already held are skipped).
SYNC_OVERLAP = 1000
_LOW = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)
_DAY_ZERO = date(1970, 1, 1).toordinal()
NO_DAY = -1


def publication_day(article: Article) -> int | None:
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10]).toordinal() - _DAY_ZERO
    except ValueError:
        return None


def index_entries(articles: Sequence[Article], rows: np.ndarray | None = None) -> list[IndexEntry]:
    """Entries for ``articles`` (their signature rows when already computed)."""
    if rows is None:
        rows = signatures(a.text for a in articles)
    return [
        IndexEntry(
            a.id,
            rows[i].astype("<u4").tobytes(),
            tuple(sorted(t[:TERM_MAX_LENGTH] for t in key_terms(a))),
            publication_day(a),
        )
        for i, a in enumerate(articles)
    ]


def _term_keys(terms: Iterable[str]) -> list[int]:
    # Python's string hash: the window lives in one process, so it need not be stable
    # across processes; 32 bits collide for one term in ~4 billion: harmless, as a link
    # needs several shared terms.
    return [hash(t) & 0xFFFFFFFF for t in terms]


def _entry_term_keys(entries: Sequence[IndexEntry]) -> tuple[np.ndarray, np.ndarray]:
    """Every entry's term keys (``_term_keys``), one flat array, and how many each
    entry has: hashed in one pass through C (a comprehension per entry cost a tenth
    of a millisecond an article)."""
    counts = np.fromiter((len(e.terms) for e in entries), dtype=np.int64, count=len(entries))
    hashes = np.fromiter(
        map(hash, chain.from_iterable(e.terms for e in entries)),
        dtype=np.int64,
        count=int(counts.sum()),
    )
    return (hashes & np.int64(0xFFFFFFFF)).astype(np.uint64), counts


# Articles whose window links are looked up at once (``StoryWindow.links``): bounds the
# transient arrays of a batch without changing what is found.
LINK_CHUNK = 250

# Holders of one key read one by one before a probe's end is searched for instead: most
# keys have none or a few in a segment.
SCAN_HOLDERS = 4


class _Segment:
    """Sorted packed values. A probe's first value is found by NumPy's binary search
    (sorted probes: each search starts where the last ended, so the upper levels stay in
    cache), its last by stepping over the few values holding its key (a directory of
    leading key bits and a bisection written in NumPy, what this replaced, cost twice as
    much on small segments and as much on large ones)."""

    __slots__ = ("values",)

    def __init__(self, values: np.ndarray) -> None:
        self.values = values

    def __len__(self) -> int:
        return len(self.values)

    def nbytes(self) -> int:
        return int(self.values.nbytes)

    def ranges(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each 32-bit key (sorted), the positions [start, end) of the values
        holding it."""
        values = self.values
        low = keys << _SHIFT
        start = np.searchsorted(values, low, "left")
        end = start.copy()
        active = np.flatnonzero(end < len(values))
        for _ in range(SCAN_HOLDERS):
            if not len(active):
                return start, end
            active = active[(values[end[active]] >> _SHIFT) == keys[active]]
            end[active] += 1
            active = active[end[active] < len(values)]
        if len(active):
            end[active] = np.searchsorted(values, low[active] | _LOW, "right")
        return start, end


class KeyIndex:
    """32-bit keys -> article numbers, as sorted segments of packed uint64 values."""

    def __init__(self) -> None:
        self.segments: list[_Segment] = []
        # Holders of keys not held here (a window built from the store's postings holds
        # only the candidates): sorted keys and how many more articles hold each.
        self.extra_keys = np.empty(0, dtype=np.uint64)
        self.extra_held = np.empty(0, dtype=np.int64)
        # Segments never merged with later ones: a window built from the postings keeps
        # its candidates apart from the batch, as a loaded window's segments are from a
        # batch a hundred times smaller (the per-key limits apply per segment).
        self.sealed = 0

    @property
    def size(self) -> int:
        return sum(len(s) for s in self.segments)

    def nbytes(self) -> int:
        return sum(s.nbytes() for s in self.segments)

    def add(self, keys: np.ndarray, owners: np.ndarray, oldest: int) -> None:
        if not len(keys):
            return
        packed = (keys.astype(np.uint64) << _SHIFT) | owners.astype(np.uint64)
        packed.sort()
        # Merge while the new segment is at least half the size of the one before it:
        # segment sizes grow geometrically, so there are O(log n) of them.
        while len(self.segments) > self.sealed and 2 * len(packed) >= len(self.segments[-1]):
            packed = np.concatenate([self.segments.pop().values, packed])
            packed = packed[(packed & _LOW) >= np.uint64(oldest)]  # evicted articles go
            packed.sort()
        self.segments.append(_Segment(packed))

    def lookup(
        self, keys: np.ndarray, queries: np.ndarray, per_key: int, max_postings: int | None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(query number, article number, probe) for each article under each key: at most
        the ``per_key`` most recent per key and segment; keys held by more than
        ``max_postings`` articles are skipped (they say nothing about one story). Last,
        how many articles hold each probe's key (in the probes' order)."""
        # Sorted probes walk each segment in order. Key and probe number packed in one
        # integer: a plain sort (several times faster than an argsort) carries it along.
        packed = np.sort((keys.astype(np.uint64) << _SHIFT) | np.arange(len(keys), dtype=np.uint64))
        order = (packed & _LOW).astype(np.int64)
        keys, queries = packed >> _SHIFT, queries[order]
        ranges = []
        total = np.zeros(len(keys), dtype=np.int64)
        for segment in self.segments:
            start, end = segment.ranges(keys)
            ranges.append((segment.values, start, end))
            total += end - start
        if len(self.extra_keys):
            at = np.minimum(np.searchsorted(self.extra_keys, keys), len(self.extra_keys) - 1)
            total += np.where(self.extra_keys[at] == keys, self.extra_held[at], 0)
        allowed = np.ones(len(keys), dtype=bool) if max_postings is None else total <= max_postings
        held = np.empty(len(keys), dtype=np.int64)
        held[order] = total
        found_queries, found_owners, found_probes = [], [], []
        for values, start, end in ranges:
            count = np.where(allowed, np.minimum(end - start, per_key), 0)
            n = int(count.sum())
            if not n:
                continue
            first = end - count  # the most recent: higher numbers sort last
            offsets = np.arange(n) - np.repeat(np.cumsum(count) - count, count)
            positions = np.repeat(first, count) + offsets
            found_queries.append(np.repeat(queries, count))
            found_owners.append((values[positions] & _LOW).astype(np.int64))
            found_probes.append(np.repeat(order, count))
        if not found_queries:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty, empty, held
        return (
            np.concatenate(found_queries),
            np.concatenate(found_owners),
            np.concatenate(found_probes),
            held,
        )


@dataclass(frozen=True, slots=True)
class WindowLinks:
    """Links from the queried articles to other window articles (numbers, not ids)."""

    copies: list[tuple[int, int, float]]  # (query, other, estimated word-pair Jaccard)
    same_story: list[tuple[int, int, int]]  # (query, other, shared names and figures)


class WindowIds:
    """Article ids by window number, the last ``capacity`` of them in a ring: numbers go
    on growing (an article's position in the stream), the ids of older ones are dropped
    (a list of every id ever added grew by ~90 bytes an article past the window: 70 MB
    at a million). An evicted number is an IndexError, never another article's id."""

    __slots__ = ("capacity", "count", "slots")

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.count = 0
        self.slots: list[str] = []

    def __len__(self) -> int:
        return self.count

    def append(self, article_id: str) -> None:
        if len(self.slots) < self.capacity:
            self.slots.append(article_id)
        else:
            self.slots[self.count % self.capacity] = article_id
        self.count += 1

    def __getitem__(self, number: int) -> str:
        if not max(0, self.count - self.capacity) <= number < self.count:
            raise IndexError(f"window number {number} is not held ({self.count} added)")
        return self.slots[number % self.capacity]


class StoryWindow:
    """The most recent ``capacity`` articles, numbered in the order they were added."""

    def __init__(self, capacity: int = WINDOW_ARTICLES) -> None:
        self.capacity = capacity
        self.ids = WindowIds(capacity)
        self.number: dict[str, int] = {}
        self.low_bytes = np.zeros((min(capacity, 4096), NUM_PERM), dtype=np.uint8)
        self.days = np.full(len(self.low_bytes), NO_DAY, dtype=np.int32)
        self.term_counts = np.zeros(len(self.low_bytes), dtype=np.int32)
        self.bands = KeyIndex()
        self.terms = KeyIndex()
        self.last_seq = 0
        self.outside = 0  # window entries not held (``stored_window``): counted, not read

    def __len__(self) -> int:
        return min(len(self.ids) + self.outside, self.capacity)

    @property
    def oldest(self) -> int:
        return max(0, len(self.ids) - self.capacity)

    def nbytes(self) -> int:
        arrays = self.low_bytes.nbytes + self.days.nbytes + self.term_counts.nbytes
        return arrays + self.bands.nbytes() + self.terms.nbytes()

    def _grow(self, needed: int) -> None:
        size = len(self.low_bytes)
        if needed <= size or size >= self.capacity:
            return
        new_size = min(self.capacity, max(needed, 2 * size))
        self.low_bytes = np.concatenate(
            [self.low_bytes, np.zeros((new_size - size, NUM_PERM), dtype=np.uint8)]
        )
        self.days = np.concatenate([self.days, np.full(new_size - size, NO_DAY, np.int32)])
        self.term_counts = np.concatenate([self.term_counts, np.zeros(new_size - size, np.int32)])

    def add(self, entries: Sequence[IndexEntry]) -> np.ndarray:
        """Add entries not already in the window; returns every entry's number."""
        fresh = [
            e
            for e in dict((e.article_id, e) for e in entries).values()
            if e.article_id not in self.number
        ]
        if fresh:
            numbers, rows = self._place(fresh)
            keys = band_keys(rows)
            self.bands.add(keys.ravel(), np.repeat(numbers, keys.shape[1]), self.oldest)
            term_keys, counts = _entry_term_keys(fresh)
            self.terms.add(term_keys, np.repeat(numbers, counts), self.oldest)
        result = np.array([self.number[e.article_id] for e in entries], dtype=np.int64)
        self._evict_ids()
        return result

    def _place(self, fresh: Sequence[IndexEntry]) -> tuple[np.ndarray, np.ndarray]:
        """Number entries not held yet and keep their signature bytes, days and term
        counts; their numbers and signature rows."""
        first = len(self.ids)
        for entry in fresh:
            self.number[entry.article_id] = len(self.ids)
            self.ids.append(entry.article_id)
        self._grow(len(self.ids))
        numbers = np.arange(first, len(self.ids), dtype=np.int64)
        rows = np.frombuffer(b"".join(e.signature for e in fresh), dtype="<u4").reshape(
            len(fresh), NUM_PERM
        )
        slots = numbers % self.capacity
        self.low_bytes[slots] = (rows & 0xFF).astype(np.uint8)
        self.days[slots] = [NO_DAY if e.day is None else e.day for e in fresh]
        self.term_counts[slots] = [len(e.terms) for e in fresh]
        return numbers, rows

    def _evict_ids(self) -> None:
        # Ids older than the window leave the lookup table (and the ring of ids).
        oldest = self.oldest
        if oldest and len(self.number) > self.capacity + self.capacity // 4:
            self.number = {i: n for i, n in self.number.items() if n >= oldest}

    def links(self, queries: np.ndarray, entries: Sequence[IndexEntry]) -> WindowLinks:
        """Each queried article's closest window articles: copies by band keys verified
        on the signature bytes, same story by shared names and figures (and not dated
        further apart than one event's coverage runs). Asked ``LINK_CHUNK`` articles at a
        time: an article's links depend on it alone, and a batch of articles sharing
        stock phrases finds millions of band holders at once (measured: ~190 MB of
        transient arrays for 1,000 generated articles in a full window)."""
        numbers = np.asarray(queries, dtype=np.int64)
        if len(entries) <= LINK_CHUNK:
            return self._links(numbers, entries)
        copies: list[tuple[int, int, float]] = []
        same_story: list[tuple[int, int, int]] = []
        for start in range(0, len(entries), LINK_CHUNK):
            part = self._links(
                numbers[start : start + LINK_CHUNK], entries[start : start + LINK_CHUNK]
            )
            copies += part.copies
            same_story += part.same_story
        if len(numbers) > 1 and not bool(np.all(numbers[1:] > numbers[:-1])):
            # In ``_best``'s order: query, then highest score, then most recent (chunks
            # of ascending queries, the usual case, are in that order already).
            copies.sort(key=lambda link: (link[0], -link[2], -link[1]))
            same_story.sort(key=lambda link: (link[0], -link[2], -link[1]))
        return WindowLinks(copies, same_story)

    def _links(self, numbers: np.ndarray, entries: Sequence[IndexEntry]) -> WindowLinks:
        oldest = self.oldest
        rows = np.frombuffer(b"".join(e.signature for e in entries), dtype="<u4").reshape(
            len(entries), NUM_PERM
        )
        keys = band_keys(rows)
        asked, other, _, _ = self.bands.lookup(
            keys.ravel(), np.repeat(numbers, keys.shape[1]), BAND_POSTINGS, None
        )
        copies = self._copies(asked, other, oldest)
        term_keys, counts = _entry_term_keys(entries)
        probes_of = np.repeat(numbers, counts)
        asked, other, probe, held = self.terms.lookup(
            term_keys,
            probes_of,
            TERM_POSTINGS,
            MAX_TERM_POSTINGS,
        )
        # A name's weight is its rarity in the window (inverse document frequency): two
        # reports sharing rare names are one story; sharing the day's common ones is not.
        weight = np.log((len(self) + 1) / np.maximum(held, 1))
        asked_numbers, masses = _sums(probes_of, weight)
        return WindowLinks(
            copies,
            self._same_story(asked, other, weight[probe], asked_numbers, masses, oldest),
        )

    def _pairs(
        self, asked: np.ndarray, other: np.ndarray, oldest: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        keep = (other != asked) & (other >= oldest)
        codes = asked[keep] * np.int64(1 << 32) + other[keep]
        codes, counts = np.unique(codes, return_counts=True)
        return codes >> np.int64(32), codes & np.int64(0xFFFFFFFF), counts

    def _copies(
        self, asked: np.ndarray, other: np.ndarray, oldest: int
    ) -> list[tuple[int, int, float]]:
        first, second, shared = self._pairs(asked, other, oldest)
        # One shared band of 144 is what unrelated news sharing stock phrases gets by chance
        # (a pair at a word-pair Jaccard of 0.03 does 12% of the time); a copy worth joining
        # a story for (0.12 and up) shares two or more nearly always.
        keep = shared >= COPY_MIN_BANDS
        first, second = first[keep], second[keep]
        if not len(first):
            return []
        equal = np.count_nonzero(
            self.low_bytes[first % self.capacity] == self.low_bytes[second % self.capacity], axis=1
        )
        similarity = np.clip((equal / NUM_PERM - 1 / 256) / (1 - 1 / 256), 0.0, 1.0)
        keep = similarity >= LSH_MIN_SIMILARITY
        return _best(first[keep], second[keep], similarity[keep], COPY_NEIGHBOURS, float)

    def _same_story(
        self,
        asked: np.ndarray,
        other: np.ndarray,
        weight: np.ndarray,
        asked_numbers: np.ndarray,
        masses: np.ndarray,
        oldest: int,
    ) -> list[tuple[int, int, int]]:
        keep = (other != asked) & (other >= oldest)
        codes = asked[keep] * np.int64(1 << 32) + other[keep]
        weight = weight[keep]
        # Pairs sharing enough names first (a plain sort), then their weights.
        ordered = np.sort(codes)
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        counts = np.diff(np.r_[starts, len(ordered)])
        enough = counts >= SAME_STORY_MIN_SHARED
        codes_kept, shared = ordered[starts[enough]], counts[enough]
        if not len(codes_kept):
            return []
        position = np.minimum(np.searchsorted(codes_kept, codes), len(codes_kept) - 1)
        hit = codes_kept[position] == codes
        shared_weight = np.bincount(position[hit], weights=weight[hit], minlength=len(codes_kept))
        codes = codes_kept
        first, second = codes >> np.int64(32), codes & np.int64(0xFFFFFFFF)
        query_mass = masses[np.searchsorted(asked_numbers, first)]
        day_a, day_b = self.days[first % self.capacity], self.days[second % self.capacity]
        apart = (
            (day_a != NO_DAY) & (day_b != NO_DAY) & (np.abs(day_a - day_b) > SAME_STORY_MAX_DAYS)
        )
        keep = (shared_weight >= SAME_STORY_MIN_WEIGHT * query_mass) & ~apart
        return _best(first[keep], second[keep], shared[keep], SAME_STORY_NEIGHBOURS, int)

    # -- keeping current with the store --------------------------------------------------
    @classmethod
    def load(cls, store: Any, capacity: int = WINDOW_ARTICLES) -> StoryWindow:
        window = cls(capacity)
        window.sync(store, tail=capacity)
        return window

    def sync(self, store: Any, tail: int | None = None) -> int:
        """Add the store's entries past the last one seen (the last ``tail`` when given)."""
        added = 0
        after = max(0, self.last_seq - SYNC_OVERLAP)
        for seq, chunk in store.index_entries_since(after, tail, skip=self.number):
            added += len(chunk)
            self.add(chunk)
            self.last_seq = max(self.last_seq, seq)
        return added


# A batch up to this size has its candidates looked up through the store's postings; a
# bigger one loads the window (its lookups would cost more than the load).
LOOKUP_MAX_BATCH = 2000
# What the store's postings answer: a plain function, so relate needs no store code.
PostingsLookup = Callable[..., WindowPostings]
# Index entries the store had to post before answering beyond which the run says so
# (posting costs ~0.1 ms an entry: ``newsprism db index`` does it ahead of time).
POST_NOTICE = 50_000


def stored_window(
    lookup: PostingsLookup, entries: Sequence[IndexEntry], capacity: int = WINDOW_ARTICLES
) -> StoryWindow:
    """The window as ``StoryWindow.load`` would give it for finding ``entries``' links,
    holding only their candidates: the stored articles the postings (``lookup``, the
    store's ``window_postings``) give under their band keys (the most recent
    ``BAND_POSTINGS`` per key) and their terms (the most recent ``TERM_POSTINGS``), with
    how many window entries hold each term (the rarity weights need it) and the window's
    size. Add ``entries`` to it and ask ``links`` as of a loaded window."""
    batch = sorted({e.article_id for e in entries})
    rows = np.frombuffer(b"".join(e.signature for e in entries), dtype="<u4").reshape(
        len(entries), NUM_PERM
    )
    terms = sorted({t for e in entries for t in e.terms})
    posted = lookup(
        sorted(set(band_keys(rows).ravel().tolist())),
        terms,
        max(0, capacity - len(batch)),  # the batch takes the oldest entries' places
        BAND_POSTINGS,
        TERM_POSTINGS,
        MAX_TERM_POSTINGS,
        batch,
    )
    if posted.posted > POST_NOTICE:
        logging.getLogger("newsprism.relate").warning(
            "brought the store's window postings current first: %d index entries posted "
            "(run `newsprism db index` after an ingest to do this ahead)",
            posted.posted,
        )
    window = StoryWindow(capacity)
    window._place([e for e in posted.entries if e.article_id not in window.number])
    number = window.number
    window.bands.add(
        np.array([k for k, _ in posted.bands], dtype=np.uint64),
        np.array([number[a] for _, a in posted.bands], dtype=np.int64),
        0,
    )
    window.terms.add(
        np.array(_term_keys(t for t, _ in posted.terms), dtype=np.uint64),
        np.array([number[a] for _, a in posted.terms], dtype=np.int64),
        0,
    )
    window.bands.sealed, window.terms.sealed = (
        len(window.bands.segments),
        len(window.terms.segments),
    )
    read: dict[str, int] = {}
    for term, _ in posted.terms:
        read[term] = read.get(term, 0) + 1
    extra: dict[int, int] = {}
    for term, held in posted.held.items():
        if held > read.get(term, 0):
            key = _term_keys([term])[0]
            extra[key] = extra.get(key, 0) + held - read.get(term, 0)
    if extra:
        keys = np.array(sorted(extra), dtype=np.uint64)
        window.terms.extra_keys = keys
        window.terms.extra_held = np.array([extra[int(k)] for k in keys], dtype=np.int64)
    window.outside = max(0, posted.size - len(window.ids))
    return window


def _sums(groups: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct groups (sorted) and the sum of ``values`` in each."""
    keys, inverse = np.unique(groups, return_inverse=True)
    return keys, np.bincount(inverse, weights=values, minlength=len(keys))


def _best(
    first: np.ndarray, second: np.ndarray, score: np.ndarray, limit: int, kind: Any
) -> list[Any]:
    """Each query's ``limit`` best links (highest score, then most recent)."""
    order = np.lexsort((-second, -score, first))
    result = []
    previous, taken = -1, 0
    for i in order.tolist():
        query = int(first[i])
        if query != previous:
            previous, taken = query, 0
        if taken < limit:
            result.append((query, int(second[i]), kind(score[i])))
            taken += 1
    return result
