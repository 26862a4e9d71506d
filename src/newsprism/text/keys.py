"""Keys for comparing text regardless of typography: quotes, dashes, spaces, case."""

from __future__ import annotations

import hashlib
import re
import unicodedata

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
