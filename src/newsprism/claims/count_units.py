"""What a count counts, read from the dependency parse: the head noun the number modifies,
with the adjectives and noun modifiers written between them, as lemmas ("one of the best
screens" -> "good screen", "14 charging stations" -> "station", "32 league goals" -> "league
goal").

The rule reading the words after a figure (``claims/units.py``) stops at the first plural
and keeps every word on the way; the parse knows which noun the number attaches to and
which of the words between are its modifiers. Measures, currencies and percentages keep
the unit the lexicon gave them: only counts (units outside the lexicon, or none) are read
again. The parser and lemmatizer are spaCy's (``text/nlp.py``); without them the units stay
as the rules read them.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from typing import Any

from newsprism.claims.figures import Quantity
from newsprism.claims.parses import parsed
from newsprism.claims.units import CASED_UNITS, CURRENCY_UNITS, MEASURES, UNIT_ALIASES
from newsprism.text.nlp import model_name

# Units from the lexicon (not counts): the parse leaves them alone.
_LEXICON_UNITS = (
    MEASURES
    | CURRENCY_UNITS
    | frozenset(UNIT_ALIASES.values())
    | frozenset(CASED_UNITS.values())
    | {"fraction", "year of age", "duration", "count"}
)
# Modifiers of the counted noun that are part of what is counted ("best screens",
# "charging stations" measured below as ``KEEP_COMPOUNDS``).
_MODIFIER_DEPS = frozenset({"amod", "nmod"})
# Whether a noun written before the counted noun ("charging stations", "league goals") is
# part of the unit. Measured on the NewsQuant tuning half: dropping them scores higher.
KEEP_COMPOUNDS = True
# "six more strikers", "two other bids": words that say how many, not what is counted.
_QUANTIFYING_TAGS = frozenset({"JJR", "RBR"})
_QUANTIFYING_WORDS = frozenset({"other", "further", "additional", "extra"})
_NUMBER_DEPS = frozenset({"nummod", "quantmod", "compound", "nmod"})


@functools.lru_cache(maxsize=2)
def _lemmatizer(name: str) -> Any:
    """spaCy's rule lemmatizer of the model package, run on a parsed Doc (it reads the
    tags the parser pipeline set), or None when it cannot be loaded."""
    try:
        import spacy

        only = spacy.load(name, exclude=["tok2vec", "tagger", "parser", "ner", "senter"])
        return only.get_pipe("lemmatizer") if "lemmatizer" in only.pipe_names else None
    except (ImportError, OSError, ValueError, KeyError):
        return None


def lemmatized(doc: Any) -> Any:
    """A copy of ``doc`` with lemmas set (the shared parse stays as it is), or ``doc`` when
    the lemmatizer is not there."""
    name = model_name()
    lemmatizer = _lemmatizer(name) if name else None
    if lemmatizer is None or doc is None:
        return doc
    return lemmatizer(doc.copy())


def is_count_unit(unit: str | None) -> bool:
    """Whether a unit is a count's noun phrase (or missing), not a lexicon unit."""
    return unit is None or (unit not in _LEXICON_UNITS and " per " not in unit)


def _number_token(doc: Any, start: int, end: int) -> Any:
    """The number token of the figure at ``[start, end)``: its last numeric token, or for
    a vague amount in words ("thousands of tests") the word that says how many."""
    inside = [t for t in doc if t.idx < end and t.idx + len(t) > start]
    numbers = [t for t in inside if t.like_num or t.pos_ == "NUM"]
    if numbers:
        return numbers[-1]
    return inside[0] if inside and inside[0].pos_ == "NOUN" else None


def _lemma(token: Any) -> str:
    """A common noun by its lemma ("stations" -> "station"); a name as written ("millions
    of Americans" counts Americans, not "American")."""
    if token.pos_ == "PROPN":
        return str(token.text).lower()
    return (token.lemma_ or token.text).lower()


def _noun_unit(noun: Any, after: int) -> str:
    """The counted ``noun`` with the words of its phrase between position ``after`` and it
    ("1,100 public housing properties" -> "public housing property"), as lemmas; hyphens
    kept ("gas-only")."""
    qualifying = {
        w.i
        for w in noun.subtree
        if after < w.i < noun.i
        and w.pos_ != "NUM"  # "first" is like a number but names the kind
        and w.tag_ not in _QUANTIFYING_TAGS
        and w.lower_ not in _QUANTIFYING_WORDS
        and (w.dep_ not in ("det", "punct", "case", "prep", "poss") or w.text == "-")
        and (KEEP_COMPOUNDS or w.dep_ != "compound")
    }
    # The words right before the noun ("seven or eight congressional investigations",
    # "Democratic and Republican primary voters")
    first = noun.i
    while first - 1 in qualifying:
        first -= 1
    while first < noun.i and noun.doc[first].dep_ == "cc":
        first += 1  # "Democratic and Republican voters" keeps both, "or eight" neither
    modifiers = [noun.doc[i] for i in range(first, noun.i)]
    parts = []
    for w in [*modifiers, noun]:
        parts.append(_lemma(w) if w == noun or w.is_alpha else w.lower_)
        parts.append(w.whitespace_ and " ")
    return "".join(parts).strip().replace(" - ", "-")


def counted_noun(doc: Any, start: int, end: int) -> str | None:
    """What the number at ``[start, end)`` counts: the noun it modifies ("38 gates") or the
    noun of its "of" ("one of the best screens"), as lemmas; None when the parse names no
    noun."""
    token = _number_token(doc, start, end)
    if token is None:
        return None
    head = token.head
    if token.dep_ in _NUMBER_DEPS and head.pos_ == "NOUN" and head.i > token.i:
        # "the 11 member trade agreement": the number counts a noun that modifies another
        while head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i > head.i:
            head = head.head
        return _noun_unit(head, token.i) if head.idx >= end else None
    of_objects = [
        g
        for c in token.rights
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")
    ]
    if of_objects:
        noun = of_objects[0]
        first = min(w.i for w in noun.subtree)
        return _noun_unit(noun, first - 1 + (doc[first].dep_ in ("det", "poss")))
    return None


def parsed_count_units(doc: Any, found: Sequence[Quantity], offset: int = 0) -> list[Quantity]:
    """``found`` with each count's unit read from ``doc`` (the parse of the text from
    ``offset``); lexicon units and counts the parse names no noun for stay as they are."""
    if doc is None:
        return list(found)
    doc = lemmatized(doc)
    out = []
    for quantity in found:
        start = quantity.start - offset
        # A unit written before its figure ("magnitude 6.4", "category 4") names what the
        # figure measures: the noun after it is what was measured, not the unit.
        before = doc.text[max(0, start - 60) : start].rstrip().lower()
        if quantity.unit is not None and before.endswith(quantity.unit.lower()):
            out.append(quantity)
            continue
        if quantity.unit is not None and is_count_unit(quantity.unit):
            noun = counted_noun(doc, start, quantity.end - offset)
            if noun:
                quantity = dataclasses.replace(quantity, unit=noun)
        out.append(quantity)
    return out


def parse(text: str) -> Any:
    """The shared parse of ``text`` (``claims/parses.py``), or None without the parser."""
    docs = parsed([text])
    return docs[text] if docs is not None else None
