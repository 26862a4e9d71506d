"""Spin with no original at hand: fixed phrases of news English after a synonym swap.

A synonym spinner replaces words one at a time, without knowing that some words belong to
fixed phrases: "press conference" becomes "press convention", "climate change" "local
weather change", "central bank" "central financial institution". Such collocations do not
occur in edited English, so each is evidence of spinning, and the fixed phrase it came
from is its likely original.

The phrases and substitutes below are ours: frequent collocations of English news
(offices, institutions, time expressions, stock phrases of reporting) and the
substitutes common spinning thesauri give for their words. Only substitutes that make the
phrase odd are listed: "last 12 months", "law enforcement officers" and "vice chairman" are
plain English and are not, however often spinners produce them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# Fixed phrase -> {word of the phrase: spinner substitutes that make the phrase odd}.
FIXED_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "defense secretary": {"defense": ("protection", "safeguard", "shield")},
    "defence secretary": {"defence": ("protection", "safeguard", "shield")},
    "defense minister": {"defense": ("protection", "safeguard")},
    "defence minister": {"defence": ("protection", "safeguard")},
    "defense spending": {"defense": ("protection",)},
    "defence spending": {"defence": ("protection",)},
    "foreign minister": {"foreign": ("overseas",)},
    "foreign secretary": {"foreign": ("overseas",)},
    "home secretary": {"home": ("residence",)},
    "prime minister": {"minister": ("priest", "pastor")},
    "finance minister": {"minister": ("priest", "pastor")},
    "press conference": {"conference": ("convention",), "press": ("push",)},
    "news conference": {"conference": ("convention",)},
    "white house": {"house": ("home", "residence")},
    "climate change": {"climate": ("local weather",), "change": ("modify",)},
    "central bank": {"bank": ("financial institution",)},
    "interest rates": {"interest": ("curiosity",)},
    "stock market": {"stock": ("inventory",)},
    "armed forces": {"forces": ("drives",)},
    "human rights": {"rights": ("privileges",)},
    "public health": {"health": ("well being",)},
    "united states": {"states": ("says",), "united": ("joined",)},
    "united nations": {"nations": ("countries",)},
    "supreme court": {"court": ("courtroom",)},
    "election campaign": {"campaign": ("marketing campaign",)},
    "peace talks": {"peace": ("tranquility",)},
    "trade deal": {"trade": ("commerce",)},
    "gross domestic product": {"product": ("merchandise",), "domestic": ("home",)},
    "this year": {"year": ("12 months", "yr")},
    "last year": {"year": ("yr",)},
    "next year": {"year": ("yr",)},
    "this week": {"week": ("7 days",)},
    "per cent": {"cent": ("penny",)},
    "in a statement": {"statement": ("assertion",)},
    "on condition of anonymity": {"anonymity": ("namelessness",)},
    "state media": {"state": ("condition",)},
    "bill of rights": {"bill": ("invoice",)},
    "the general public": {"general": ("basic",)},
    "breaking news": {"news": ("information",)},
    "death toll": {"toll": ("price",)},
    "heat wave": {"wave": ("ripple",)},
    "world war": {"world": ("globe",)},
    "prime suspect": {"suspect": ("assume",)},
    "air strikes": {"strikes": ("moves",)},
    "middle east": {"middle": ("center",)},
    "high school": {"high": ("excessive",)},
    "real estate": {"real": ("actual",)},
    "in the wake of": {"wake": ("awaken",)},
    "on the other hand": {"hand": ("palm",)},
    "secretary general": {"general": ("basic", "common")},
    "associated press": {"associated": ("related", "linked")},
}


@dataclass(frozen=True, slots=True)
class OddPhrase:
    start: int
    end: int
    text: str
    likely_original: str


@lru_cache(maxsize=1)
def _variants() -> tuple[re.Pattern[str], dict[str, str]]:
    """Every odd variant of every fixed phrase, one alternation (longest first)."""
    variants: dict[str, str] = {}
    for phrase, swaps in FIXED_PHRASES.items():
        words = phrase.split()
        for position, word in enumerate(words):
            for substitute in swaps.get(word, ()):
                if substitute == word:
                    continue
                variant = " ".join([*words[:position], substitute, *words[position + 1 :]])
                variants.setdefault(variant, phrase)
    ordered = sorted(variants, key=len, reverse=True)
    # A phrase's words are apart by spaces or hyphens, never by a paragraph break.
    between = r"(?:[^\S\n]|-)+"
    pattern = r"\b(?:" + "|".join(re.escape(v).replace(r"\ ", between) for v in ordered) + r")\b"
    return re.compile(pattern, re.IGNORECASE), variants


def odd_phrases(text: str) -> Iterator[OddPhrase]:
    """Fixed phrases with a spinner's swapped word, each with the phrase it came from in
    the text's own capitalisation where it can be told."""
    pattern, variants = _variants()
    for match in pattern.finditer(text):
        found = match.group(0)
        original = variants[" ".join(re.split(r"[\s\-]+", found.lower()))]
        if found[:1].isupper():
            original = (
                original.title()
                if all(w[:1].isupper() for w in found.split())
                else original[:1].upper() + original[1:]
            )
        yield OddPhrase(match.start(), match.end(), found, original)


def restore_fixed_phrases(text: str) -> str:
    """``text`` with every odd variant of a fixed phrase put back as the phrase ("gross
    home product" -> "gross domestic product"), for comparing what two texts mean."""
    pieces: list[str] = []
    position = 0
    for phrase in odd_phrases(text):
        pieces += [text[position : phrase.start], phrase.likely_original]
        position = phrase.end
    return "".join([*pieces, text[position:]])
