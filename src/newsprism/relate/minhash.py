"""Near-duplicate candidates at scale: word-shingle MinHash signatures and an LSH index.

Signatures come from rensa (MinHash in Rust, stable across processes and machines, so they
can be stored and compared with later runs). What rensa does not do fast from Python is
tokenising: calling it with a list of Python strings per article costs more than the
hashing itself. So the words of a whole batch are hashed at once in NumPy: the batch's
lower-cased UTF-8 bytes get a polynomial prefix hash, and each word's hash is a difference
of two prefixes (any byte of 128 and above counts as a word byte, so every script works).
Shingles are pairs of adjacent words: a spinner that swaps every fifth word still leaves
two thirds of them, where three-word shingles keep only half.

The LSH index keeps, per article, one 32-bit key per band (144: 96 bands and 48 more from
a second grouping of the same values) and the low byte of each signature value (enough to
verify candidates: unequal values agree by chance once in 256, which is corrected) in
NumPy arrays, no Python object per entry: 768 bytes per article with the defaults.
Candidate pairs are read off sorted keys; a bucket holding many articles (one wire story
printed a thousand times) links each member to the bucket's first few members instead of
to every other, so work and output stay linear.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import rensa

from newsprism.text.keys import BANDS, band_keys
from newsprism.text.lexicon import STOPWORDS

NUM_PERM = 192
SEED = 20261124
BATCH_ARTICLES = 256  # small batches keep the work arrays in cache (measured: 2x faster than 4k)
BUCKET_ALL_PAIRS = 8  # buckets up to this size give all their pairs
BUCKET_LINKS = 3  # in bigger buckets each article is linked to this many earlier members
_PRIME = 1099511628211  # odd, so invertible modulo 2**64
_MIX = np.uint64(0x9E3779B97F4A7C15)
_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_WORD_BYTE = np.zeros(256, dtype=bool)
_WORD_BYTE[list(b"abcdefghijklmnopqrstuvwxyz0123456789")] = True
_WORD_BYTE[128:] = True


def _inverse(odd: int) -> int:
    x = 1
    for _ in range(7):  # Newton's iteration doubles the correct low bits each step
        x = x * (2 - odd * x) % 2**64
    return x


class _Powers:
    """Powers of the hash base and of its inverse, grown on demand and reused."""

    def __init__(self) -> None:
        self.size = 0
        self.power = np.ones(1, dtype=np.uint64)
        self.inverse = np.ones(1, dtype=np.uint64)
        self.prefix = np.zeros(1, dtype=np.uint64)

    def ensure(self, length: int) -> None:
        if length + 1 <= self.size:
            return
        size = max(length + 1, 2 * self.size, 1 << 16)
        for name, base in (("power", _PRIME), ("inverse", _inverse(_PRIME))):
            values = np.empty(size, dtype=np.uint64)
            values[0] = 1
            values[1:] = base
            np.cumprod(values, out=values)
            setattr(self, name, values)
        self.prefix = np.empty(size, dtype=np.uint64)
        self.size = size


_POWERS = _Powers()


def _word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every word's hash and the number of the text it is in."""
    # Case is folded on the bytes, ASCII letters only: str.lower() on every text cost a
    # third of the shingling, and a copy rarely differs only in the case of an accented
    # capital.
    encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)) + 1
    buffer = np.frombuffer((b"\n".join(encoded) + b"\n").translate(_ASCII_LOWER), dtype=np.uint8)
    size = len(buffer)
    _POWERS.ensure(size)
    is_word = np.take(_WORD_BYTE, buffer)
    edges = np.flatnonzero(is_word[1:] != is_word[:-1]) + 1
    if size and is_word[0]:
        edges = np.concatenate([[0], edges])
    starts, ends = edges[0::2], edges[1::2]
    prefix = _POWERS.prefix
    prefix[0] = 0
    np.multiply(buffer, _POWERS.power[:size], out=prefix[1 : size + 1])
    np.cumsum(prefix[1 : size + 1], out=prefix[1 : size + 1])
    words = (prefix[ends] - prefix[starts]) * _POWERS.inverse[starts]
    return words, np.searchsorted(np.cumsum(lengths), starts, side="right")


# Function words are left out of shingles: pairs like "of the" are shared by any two
# English texts and would make every pair of articles a weak candidate (work growing with
# the square of the corpus); pairs of content words are specific to a text.
def _lookup_table(hashes: np.ndarray) -> tuple[np.ndarray, int]:
    """A collision-free table for a small set of hashes (membership in two vector
    operations; a sorted search costs a quarter of the shingling time)."""
    for bits in range(8, 20):
        for shift in range(0, 64 - bits, 3):
            slots = (hashes >> np.uint64(shift)) & np.uint64((1 << bits) - 1)
            if len(np.unique(slots)) == len(hashes):
                table = np.zeros(1 << bits, dtype=np.uint64)
                table[slots] = hashes
                return table, shift
    raise RuntimeError("no collision-free table")  # pragma: no cover


_FUNCTION_WORDS, _FUNCTION_SHIFT = _lookup_table(
    np.unique(_word_hashes([" ".join(sorted(STOPWORDS))])[0])
)


def shingle_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the adjacent content-word pairs of every text, flat, with row offsets
    (``offsets[i]:offsets[i + 1]`` are text ``i``'s)."""
    words, owner = _word_hashes(texts)
    slot = (words >> np.uint64(_FUNCTION_SHIFT)) & np.uint64(len(_FUNCTION_WORDS) - 1)
    function = _FUNCTION_WORDS[slot] == words
    pairs = words[:-1] * _MIX ^ words[1:]
    same_text = (owner[:-1] == owner[1:]) & ~(function[:-1] & function[1:])
    counts = np.bincount(owner[:-1][same_text], minlength=len(texts))
    # A text of one content word has no pair: its single word stands for it.
    single = np.flatnonzero(np.bincount(owner, minlength=len(texts)) == 1)
    hashes = pairs[same_text]
    if len(single):
        word_of = np.searchsorted(owner, single)
        hashes = np.concatenate([hashes, words[word_of]])
        order_key = np.concatenate([owner[:-1][same_text], single])
        hashes = hashes[np.argsort(order_key, kind="stable")]
        counts[single] = 1
    offsets = np.zeros(len(texts) + 1, dtype=np.uint64)
    np.cumsum(counts, out=offsets[1:])
    return hashes, offsets


def signatures(texts: Iterable[str], num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash signatures, one row of ``num_perm`` uint32 values per text. An empty text
    gets the all-ones row, which matches nothing but another empty text."""
    blocks = []
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) == BATCH_ARTICLES:
            blocks.append(_signature_block(batch, num_perm))
            batch = []
    if batch:
        blocks.append(_signature_block(batch, num_perm))
    if not blocks:
        return np.empty((0, num_perm), dtype=np.uint32)
    return np.concatenate(blocks)


def _signature_block(texts: Sequence[str], num_perm: int) -> np.ndarray:
    hashes, offsets = shingle_hashes(texts)
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(hashes, offsets, num_perm, SEED)
    return np.asarray(matrix.to_rows(), dtype=np.uint32).reshape(len(texts), num_perm)


def estimated_jaccard(
    signature_rows: np.ndarray, pairs: np.ndarray, chunk: int = 20_000
) -> np.ndarray:
    """The share of equal signature values of each pair (in chunks that stay in cache:
    measured ten times faster than one pass over a million pairs). Rows of 8-bit values
    (the index keeps only the low byte) agree by chance once in 256; that is corrected."""
    result = np.empty(len(pairs))
    for start in range(0, len(pairs), chunk):
        part = pairs[start : start + chunk]
        equal = np.equal(signature_rows[part[:, 0]], signature_rows[part[:, 1]])
        result[start : start + chunk] = np.count_nonzero(equal, axis=1)
    result /= max(1, signature_rows.shape[1])
    if signature_rows.dtype == np.uint8:
        result = np.clip((result - 1 / 256) / (1 - 1 / 256), 0.0, 1.0)
    return result


def _bucket_pairs(keys: np.ndarray, owners: np.ndarray) -> np.ndarray:
    """Pairs of owners sharing a key: each member with up to ``BUCKET_LINKS`` members
    before it in its bucket (all pairs in small buckets)."""
    if not len(keys):
        return np.empty((0, 2), dtype=np.int64)
    # Key and owner packed in one integer: one plain sort (SIMD, several times faster
    # than an argsort) orders by key and carries the owner along.
    owner_bits = max(1, int(owners.max()).bit_length())
    mask = np.uint64((1 << owner_bits) - 1)
    packed = np.sort((keys.astype(np.uint64) << np.uint64(owner_bits)) | owners.astype(np.uint64))
    bucket = packed >> np.uint64(owner_bits)
    # Most keys are alone in their bucket: drop them before the per-bucket work.
    shared = bucket[1:] == bucket[:-1]
    keep = np.zeros(len(packed), dtype=bool)
    keep[1:] |= shared
    keep[:-1] |= shared
    packed, bucket = packed[keep], bucket[keep]
    if not len(packed):
        return np.empty((0, 2), dtype=np.int64)
    sorted_owners = (packed & mask).astype(np.int64)
    starts_run = np.empty(len(packed), dtype=bool)
    starts_run[0] = True
    np.not_equal(bucket[1:], bucket[:-1], out=starts_run[1:])
    run_start = np.maximum.accumulate(np.where(starts_run, np.arange(len(packed)), 0))
    position = np.arange(len(packed)) - run_start
    run_ends = np.flatnonzero(np.append(starts_run[1:], True))
    run_size = (run_ends - np.flatnonzero(starts_run) + 1)[np.cumsum(starts_run) - 1]
    # Buckets up to BUCKET_ALL_PAIRS members give all their pairs; bigger ones (a phrase
    # in every article of a topic, or a wire story printed a thousand times) link each
    # member to the first BUCKET_LINKS members only.
    links = np.where(run_size <= BUCKET_ALL_PAIRS, position, np.minimum(position, BUCKET_LINKS))
    # Within a bucket owners ascend (they are the packed values' low bits), so an earlier
    # member is always the smaller number: each pair is one code, low * size + high.
    size = int(owners.max()) + 1
    parts = []
    linked = np.flatnonzero(links > 0)
    for link in range(int(links.max()) if len(links) else 0):
        linked = linked[links[linked] > link]
        if not len(linked):
            break
        parts.append(sorted_owners[run_start[linked] + link] * size + sorted_owners[linked])
    if not parts:
        return np.empty((0, 2), dtype=np.int64)
    codes = np.concatenate(parts)
    codes.sort()  # sort and compare neighbours: measured 40x faster than np.unique here
    distinct = np.empty(len(codes), dtype=bool)
    distinct[0] = True
    np.not_equal(codes[1:], codes[:-1], out=distinct[1:])
    codes = codes[distinct]
    low, high = np.divmod(codes, size)
    different = low != high  # one article twice in a bucket (a chance key collision)
    return np.stack([low[different], high[different]], axis=1)


@dataclass(frozen=True, slots=True)
class CandidatePairs:
    pairs: np.ndarray  # (n, 2) int64 row numbers, first < second
    similarity: np.ndarray  # estimated Jaccard of the two texts' shingles


class LSHIndex:
    """An append-only MinHash LSH index over rows numbered from 0 in insertion order."""

    def __init__(self, num_perm: int = NUM_PERM, bands: int = BANDS) -> None:
        if num_perm % bands:
            raise ValueError("num_perm must be a multiple of bands")
        self.num_perm = num_perm
        self.bands = bands
        self._signatures: list[np.ndarray] = []
        self._keys: list[np.ndarray] = []
        self.size = 0

    def add_texts(self, texts: Iterable[str]) -> range:
        return self.add(signatures(texts, self.num_perm))

    def add(self, signature_rows: np.ndarray) -> range:
        first = self.size
        self._signatures.append((signature_rows & 0xFF).astype(np.uint8))
        self._keys.append(band_keys(signature_rows, self.bands))
        self.size += len(signature_rows)
        return range(first, self.size)

    def _compact(self) -> tuple[np.ndarray, np.ndarray]:
        if len(self._signatures) > 1:
            self._signatures = [np.concatenate(self._signatures)]
            self._keys = [np.concatenate(self._keys)]
        if not self._signatures:
            empty = np.empty((0, self.num_perm), dtype=np.uint8)
            return empty, np.empty((0, self.bands + self.bands // 2), dtype=np.uint32)
        return self._signatures[0], self._keys[0]

    def nbytes(self) -> int:
        return sum(s.nbytes for s in self._signatures) + sum(k.nbytes for k in self._keys)

    def candidate_pairs(self, min_similarity: float = 0.0) -> CandidatePairs:
        """Every pair of indexed rows sharing a band, with its estimated similarity."""
        rows, keys = self._compact()
        owners = np.repeat(np.arange(len(keys)), keys.shape[1])
        pairs = _bucket_pairs(keys.ravel(), owners)
        similarity = estimated_jaccard(rows, pairs)
        keep = similarity >= min_similarity
        return CandidatePairs(pairs[keep], similarity[keep])
