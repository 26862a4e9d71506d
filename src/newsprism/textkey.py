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


def fingerprint(text: str) -> str:
    """A short stable hash of a line that ignores typography, case and the digits' values,
    so "© 2024 Example News" and "© 2025 Example News" are the same line."""
    key = _DIGIT.sub("0", fold(text))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=10).hexdigest()
