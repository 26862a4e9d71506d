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
import json
import re
from collections.abc import Sequence
from importlib.resources import files
from typing import Any

from newsprism.claims.figures import Quantity
from newsprism.claims.parses import parsed
from newsprism.claims.units import is_lexicon_unit
from newsprism.text.nlp import model_name

# Units the figures and quantities rules give that are no count's noun either.
_RULE_UNITS = frozenset({"fraction", "year of age", "duration", "count"})
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
    return unit is None or (unit not in _RULE_UNITS and not is_lexicon_unit(unit))


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


@functools.lru_cache(maxsize=1)
def _modifier_weights() -> tuple[float, dict[str, float]] | None:
    """The modifier model (bias, feature weights) from ``count_unit_weights.json``, written
    by ``python -m newsprism.eval.train_count_units --write``; None when it is not there
    (every modifier is kept)."""
    try:
        data = json.loads(
            files("newsprism.claims").joinpath("count_unit_weights.json").read_text("utf-8")
        )
    except (FileNotFoundError, OSError, ValueError):
        return None
    return float(data["bias"]), {str(k): float(v) for k, v in data["weights"].items()}


def modifier_features(word: Any, noun: Any, number: Any) -> list[str]:
    """What the modifier model reads of a ``word`` of the counted ``noun``'s phrase: its
    word class (the first two letters of its tag: adjective, noun, verb form, adverb),
    whether it is written before the figure's ``number`` ("the previous two sessions") and
    whether it is capitalised mid-sentence. Syntax only: no word of a data set is a
    feature, and few features for the few examples the set gives (cross-validated on the
    tune folds, finer ones -- dependency, distance -- scored no better than keeping all)."""
    side = "before" if number is not None and word.i < number.i else "after"
    features = [f"class={word.tag_[:2]}", f"side={side}"]
    if word.is_title and not word.is_sent_start:
        features.append("capitalised")
    return features


def keeps(modifiers: Sequence[Any], noun: Any, number: Any = None) -> list[bool]:
    """For each of ``modifiers`` (``modifier_candidates``), whether it is part of what is
    counted ("best screens", "league goals") or not ("charging stations" counts stations),
    by the logistic model of ``count_unit_weights.json``; all kept without it. A hyphen
    goes with the word before it, a conjunction stays between two kept words."""
    model = _modifier_weights()
    kept: list[bool] = []
    for w in modifiers:
        if not w.is_alpha or w.dep_ == "cc":
            kept.append(kept[-1] if kept else False)
        elif model is None:
            kept.append(True)
        else:
            bias, weights = model
            features = modifier_features(w, noun, number)
            kept.append(bias + sum(weights.get(f, 0.0) for f in features) > 0)
    for n, w in enumerate(modifiers):
        if w.dep_ == "cc":  # "Democratic and Republican voters" keeps both, "or eight" neither
            kept[n] = kept[n] and n + 1 < len(modifiers) and kept[n + 1]
    return kept


_STRUCTURE_DEPS = frozenset({"det", "predet", "punct", "case", "prep"})
_PRONOUN_TAGS = frozenset({"PRP$", "WP$", "DT", "PDT"})


def modifier_candidates(noun: Any, after: int, number: Any = None) -> list[Any]:
    """The words of the counted ``noun``'s phrase written before it that may be part of
    what is counted ("1,100 public housing properties": "public", "housing"; "the previous
    two sessions": "previous"), in text order: words after position ``after``, and with the
    figure's ``number`` also its phrase's words before the figure. Never the figure's own
    words, determiners, other numbers before it, or words that say how many ("six more
    strikers", "two other bids")."""
    figure = {t.i for t in number.subtree} if number is not None else set()
    # before the figure, only words up to its number without a preposition between ("the
    # previous two sessions", not "a total of five profile slots")
    crossed = max(
        (t.i for t in noun.doc[: number.i] if t.pos_ == "ADP") if number is not None else (),
        default=-1,
    )
    return [
        w
        for w in noun.subtree
        if w.i < noun.i
        and w.i not in figure
        # before ``after`` only with the figure's phrase, and never a number there ("first"
        # after it is like a number but names the kind)
        and (
            w.i > after
            or (number is not None and not w.like_num and w.pos_ != "NUM" and w.i > crossed)
        )
        and w.tag_ not in _QUANTIFYING_TAGS
        and w.tag_ not in _PRONOUN_TAGS
        and w.lower_ not in _QUANTIFYING_WORDS
        and (w.dep_ not in _STRUCTURE_DEPS or w.text == "-")
    ]


def _noun_unit(noun: Any, after: int, number: Any = None) -> str:
    """The counted ``noun`` with the modifiers of ``modifier_candidates`` the modifier model
    keeps ("1,100 public housing properties" -> "public housing property"), as lemmas;
    hyphens kept ("gas-only")."""
    modifiers = modifier_candidates(noun, after, number)
    kept = keeps(modifiers, noun, number)
    words = [w for w, keep in zip(modifiers, kept, strict=True) if keep] + [noun]
    parts = []
    for n, w in enumerate(words):
        parts.append(_lemma(w) if w == noun or w.is_alpha else w.lower_)
        follows = n + 1 < len(words) and words[n + 1].i == w.i + 1
        parts.append(w.whitespace_ if follows else " ")
    return "".join(parts).strip().replace(" - ", "-")


def counted_noun(doc: Any, start: int, end: int) -> str | None:
    """What the number at ``[start, end)`` counts: the noun it modifies ("38 gates") or the
    noun of its "of" ("one of the best screens"), as lemmas; None when the parse names no
    noun."""
    head = counted_head(doc, start, end)
    if head is None:
        return None
    unit = _noun_unit(*head)
    noun, _, number = head
    if number is None:  # "one of the people responsible for ...": the group as described
        unit = " ".join([unit, *_described_by(noun)])
    return unit


# What describes a group after its noun ("the people responsible for the creation of ...",
# "the largest dinosaurs to ever live"): a participle or relative clause, or an adjective
# with words of its own (not "the fastest runners alive").
_CLAUSE_DEPS = frozenset({"acl", "relcl"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})


def _described_by(noun: Any) -> list[str]:
    """The content words (lemmas; names as written) of the clauses after ``noun`` that say
    which of a group are meant; the function words and adverbs between are left out."""
    return [
        _lemma(w)
        for clause in noun.rights
        if clause.dep_ in _CLAUSE_DEPS or (clause.dep_ == "amod" and any(clause.children))
        for w in clause.subtree
        if w.pos_ in _CONTENT_POS and w.is_alpha
    ]


def counted_head(doc: Any, start: int, end: int) -> tuple[Any, int, Any] | None:
    """The noun the number at ``[start, end)`` counts, the position its modifiers are read
    after and the number token when it modifies the noun (None for "one of the ..."), or
    None when the parse names no noun."""
    token = _number_token(doc, start, end)
    if token is None:
        return None
    head = token.head
    if token.dep_ in _NUMBER_DEPS and head.pos_ == "NOUN" and head.i > token.i:
        # "the 11 member trade agreement": the number counts a noun that modifies another
        while head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i > head.i:
            head = head.head
        # the noun comes after the number ("eight million 250ml bottles"), not within it
        return (head, token.i, token) if head.idx >= token.idx + len(token) else None
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
        return noun, first - 1, None
    return None


# A bare figure that starts a range ("0-to-60-mph time"): its unit is the range's.
_RANGE_NEXT = re.compile(r"(?:[\s-]?(?:-|–|to)){1,2}[\s-]?[$€£]?\d")


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
        if is_count_unit(quantity.unit) and not (
            quantity.unit is None and _RANGE_NEXT.match(doc.text, quantity.end - offset)
        ):
            noun = counted_noun(doc, start, quantity.end - offset)
            if noun:
                quantity = dataclasses.replace(quantity, unit=noun)
        out.append(quantity)
    return out


def parse(text: str) -> Any:
    """The shared parse of ``text`` (``claims/parses.py``), or None without the parser."""
    docs = parsed([text])
    return docs[text] if docs is not None else None
