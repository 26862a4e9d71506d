"""Key terms: the names and figures two reports of one event share in any wording
(story clustering, the story window and claim grouping read them)."""

from __future__ import annotations

import re

from newsprism.model import Article

KEY_TERM = re.compile(r"\b(?:[A-Z][\w’'\-]{2,}|\d[\d.,]*\d)\b")


COMMON_CAPITALS = frozenset(
    "The This That These Those There Here It Its He She They We But And Or So Yet On In At "
    "For From With After Before As When While Since Then Also However Still If Once Last Next "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Der Die Das Und Ein Eine Le La "
    "Les El Los Las".split()
)


def key_terms(article: Article) -> set[str]:
    """Names and figures: what two reports of one event have in common in any wording."""
    return {
        term.rstrip(".,").replace(",", "").replace(".", "")
        for term in KEY_TERM.findall(article.text)
        if term not in COMMON_CAPITALS
    }
