"""Keys for comparing text regardless of typography (quotes, dashes, spaces, case), and the
LSH band keys of MinHash signatures (the story window and the store's postings both
compute them, so they live here, below both)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


def fold(text: str) -> str:
    """Words only, case-folded, compatibility-normalised: ``‘Hi’ – there`` == ``'hi' - There``."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


DIGIT_FOLD_MAX_WORDS = 8


def fingerprint(text: str) -> str:
    """A short stable hash of a line that ignores typography and case; in short lines also
    the digits' values, so "© 2024 Example News" and "© 2025 Example News" are one line
    while templated reports ("Shares rose 2% to 41") stay distinct."""
    key = fold(text)
    if key.count(" ") < DIGIT_FOLD_MAX_WORDS:
        key = _DIGIT.sub("0", key)
    return hashlib.blake2b(key.encode("utf-8"), digest_size=10).hexdigest()


def light_stem(word: str) -> str:
    """Lower case, a possessive and one light suffix off ("arrested" / "arrests" /
    "arresting" -> "arrest"), so tense and number changes between reports still meet."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


# 2 rows a band: a pair with a shingle Jaccard of 0.1 (a partial copy of a third of a text)
# is a candidate 62% of the time, 0.2 98%, 0.3 (a heavily spun copy) nearly always; 0.03
# (unrelated news sharing stock phrases) 8%, and the estimated similarity drops those.
BANDS = 96
_MIX = np.uint64(0x9E3779B97F4A7C15)


def band_keys(signature_rows: np.ndarray, bands: int = BANDS) -> np.ndarray:
    """32-bit LSH keys per row: ``bands`` bands of consecutive values, then ``bands // 2``
    more pairing value i with value i + ``bands`` (a second, different grouping of the
    same values: more chances for a low-similarity copy to meet its original, at no
    hashing cost; measured: recall of partial copies 0.992 -> 0.996). The band's number is
    mixed in, so equal values in different bands do not collide; chance collisions of
    32-bit keys are a few per hundred thousand articles and are dropped by verification."""
    rows, perms = signature_rows.shape
    width = perms // bands
    extra = bands // 2 if width == 2 and bands >= 2 else 0
    keys = np.empty((rows, bands + extra), dtype=np.uint32)
    salts = np.arange(1, bands + extra + 1, dtype=np.uint64) * np.uint64(0xD6E8FEB86659FD93)
    for start in range(0, rows, KEY_CHUNK_ROWS):  # chunks that stay in cache
        part = signature_rows[start : start + KEY_CHUNK_ROWS]
        shaped = part[:, : width * bands].reshape(len(part), bands, width)
        if extra:
            repaired = np.stack([part[:, :extra], part[:, bands : bands + extra]], axis=2)
            shaped = np.concatenate([shaped, repaired], axis=1)
        mixed = np.zeros(shaped.shape[:2], dtype=np.uint64)
        for column in range(width):
            mixed ^= shaped[:, :, column]
            mixed *= _MIX
        mixed ^= salts
        mixed *= _MIX
        keys[start : start + KEY_CHUNK_ROWS] = mixed >> np.uint64(32)
    return keys


KEY_CHUNK_ROWS = 2048
