"""The claims of each article, one per figure in a sentence: its normalised value and
unit, what a percentage is of, the sentence's subject words, the year it is "as of", and
the scope and wording ``claims/compare.py`` needs (keys starting with "_"). Event dates
("on 14 October") are extracted the same way but are not claims of the dossier;
:func:`public` gives the claims as the dossier shows them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from newsprism.claims.dates import event_dates
from newsprism.claims.figures import Quantity
from newsprism.claims.grammar import number_grammar
from newsprism.claims.numbers import NUMBER_WORDS
from newsprism.claims.quantities import find_quantities, merge_durations
from newsprism.claims.scope import (
    CONDITIONAL,
    SURVEY_METHOD,
    WORD,
    base_words,
    clause_span,
    figure_scope,
    holders,
    inside_quotes,
    is_change,
    is_gap,
    near_words,
    sentence_scope,
    stem,
)
from newsprism.claims.units import CURRENCY_UNITS
from newsprism.model import Article
from newsprism.text.lexicon import STOPWORDS
from newsprism.text.sentences import sentence_spans
from newsprism.text.terms import key_terms

_AS_OF = re.compile(r"\b(?:in|by|for|during|since|of)\s((?:19|20)\d\d)\b")

_DETERMINERS = re.compile(r"^(?:their|its|the|his|her|our|your|a|an)\s", re.I)

STORY_EVIDENCE_MIN_TERMS = 12  # names and figures an article needs for its story to count

# Units by dimension, with their size in the dimension's base unit.
_DIMENSIONS: dict[str, tuple[str, float]] = {
    "kilometre": ("length", 1e3),
    "metre": ("length", 1.0),
    "centimetre": ("length", 1e-2),
    "millimetre": ("length", 1e-3),
    "mile": ("length", 1609.344),
    "yard": ("length", 0.9144),
    "foot": ("length", 0.3048),
    "inch": ("length", 0.0254),
    "tonne": ("mass", 1e3),
    "ton": ("mass", 1e3),
    "kilogram": ("mass", 1.0),
    "gram": ("mass", 1e-3),
    "milligram": ("mass", 1e-6),
    "pound": ("mass", 0.45359237),
    "pound-mass": ("mass", 0.45359237),
    "metric ton": ("mass", 1e3),
    "ounce": ("mass", 0.028349523125),
    "microgram": ("mass", 1e-9),
    "micrometre": ("length", 1e-6),
    "nanometre": ("length", 1e-9),
    "square metre": ("area", 1.0),
    "square kilometre": ("area", 1e6),
    "square foot": ("area", 0.09290304),
    "square mile": ("area", 2589988.110336),
    "millilitre": ("volume", 1e-3),
    "centilitre": ("volume", 1e-2),
    "gallon": ("volume", 3.785411784),
    "watt hour": ("energy", 3.6e3),
    "kilowatt hour": ("energy", 3.6e6),
    "megawatt hour": ("energy", 3.6e9),
    "gigawatt hour": ("energy", 3.6e12),
    "terawatt hour": ("energy", 3.6e15),
    "hectare": ("area", 1e4),
    "acre": ("area", 4046.8564),
    "second": ("duration", 1.0),
    "minute": ("duration", 60.0),
    "hour": ("duration", 3600.0),
    "day": ("duration", 86400.0),
    "week": ("duration", 604800.0),
    "month": ("duration", 2629800.0),
    "year": ("duration", 31557600.0),
    "decade": ("duration", 315576000.0),
    "kilometre per hour": ("speed", 1.0),
    "mile per hour": ("speed", 1.609344),
    "metre per second": ("speed", 3.6),
    "watt": ("power", 1.0),
    "kilowatt": ("power", 1e3),
    "megawatt": ("power", 1e6),
    "gigawatt": ("power", 1e9),
    "megabyte": ("data", 1e6),
    "gigabyte": ("data", 1e9),
    "terabyte": ("data", 1e12),
    "litre": ("volume", 1.0),
    "celsius": ("temperature", 1.0),
    "magnitude": ("magnitude", 1.0),
}

# Words between a figure and the noun it counts, and words that end that noun's phrase.
_NOUN_STOPS = frozenset(
    "more less new further additional extra other per each of in on at for from with by as "
    "to than and or but who which that this these those were was is are be been have has had "
    "will would could can may might said a an the its their his her our your".split()
)

_INCREMENT_AFTER = frozenset("more new further additional extra".split())
_ANOTHER = re.compile(r"(?i)\banother\s$")

_TOKEN = re.compile(r"[\w'’.,$€£%-]+")
_LOWER_WORD = re.compile(r"[a-z][a-z'’-]*")


def _subject_words(words: Sequence[str]) -> list[str]:
    words = [
        w.casefold()
        for w in words
        # Lower-case content words and acronyms (GDP, NATO); names say who, not what.
        if (w.casefold() not in STOPWORDS and not w[:1].isupper()) or w.isupper()
    ]
    return [w for w in words if w not in ("said", "says", "percent", "cent")][:8]


def _words_after(sentence: str, quantity: Quantity) -> list[str]:
    """The words after a figure's number ("4,000 bus drivers walked" -> bus, drivers, …)."""
    words = _TOKEN.findall(sentence, quantity.start)
    number = 0
    while number < len(words) and (
        words[number][:1].isdigit()
        or words[number][:1] in "$€£"
        or words[number].casefold().strip(",.") in NUMBER_WORDS
        or all(part in NUMBER_WORDS for part in words[number].casefold().split("-"))
    ):
        number += 1
    return words[number : number + 4]


def _head_noun(after: Sequence[str]) -> str | None:
    """What a count counts: the last word of the run of lower-case words after the figure
    ("73 flu cases" -> "cases", "4,000 bus drivers walked" -> "drivers")."""
    run: list[str] = []
    for raw in after:
        word = raw.rstrip(",.;:")
        if (
            not _LOWER_WORD.fullmatch(word)
            or word in _NOUN_STOPS
            or word in STOPWORDS
            or (run and word.endswith(("ed", "ing")))
        ):
            break
        run.append(word)
        if word != raw or len(run) == 3:
            break
    if not run:
        return None
    head = run[-1]
    return stem(head[:-1] if head.endswith("s") and len(head) > 3 else head)


def _family(unit: str | None) -> tuple[str, float, float]:
    """A unit's family (its dimension, currency or "count") and how a value in the unit is
    written in the family's base unit: ``value * factor + offset``."""
    if unit == "percentage":
        return "percentage", 1.0, 0.0
    if unit == "fraction":
        return "percentage", 100.0, 0.0
    if unit == "ordinal":
        return "ordinal", 1.0, 0.0
    if unit == "fahrenheit":
        return "temperature", 5 / 9, -32 * 5 / 9
    if unit in _DIMENSIONS:
        family, factor = _DIMENSIONS[str(unit)]
        return family, factor, 0.0
    if (
        unit in CURRENCY_UNITS
        or unit in ("percentage point", "point")
        or (unit and " per " in unit)
    ):
        return str(unit), 1.0, 0.0
    return "count", 1.0, 0.0


def _parts(
    quantities: Sequence[Quantity], figures: Sequence[tuple[str, float]]
) -> dict[int, float]:
    """For each figure listed with others of its kind in one sentence ("9 people in one
    town and five in another"), the sum of the list (14), in the family's base unit."""
    by_family: dict[str, list[int]] = defaultdict(list)
    for number, (quantity, (family, _)) in enumerate(zip(quantities, figures, strict=True)):
        if quantity.high is None:
            by_family[family].append(number)
    sums: dict[int, float] = {}
    for members in by_family.values():
        if len(members) > 1:
            total = sum(figures[i][1] for i in members)
            for i in members:
                sums[i] = total
    return sums


def _span(quantity: Quantity) -> tuple[int, int]:
    return quantity.start, quantity.end


def extract_claims(articles: Sequence[Article], parse_units: bool = True) -> list[dict[str, Any]]:
    """Figures and event dates in each sentence, with what is needed to compare them.
    Dates (``_date``) are compared like figures but are not claims of the dossier.
    ``parse_units``: a count's unit from the sentence's dependency parse."""
    claims: list[dict[str, Any]] = []
    for article in sorted(articles, key=lambda a: a.id):
        number = 0
        dates_found = 0
        # Story clustering needs names and figures to go on: a short passage that shares
        # few with anything is not shown to be about another event by being alone.
        placed = len(key_terms(article)) >= STORY_EVIDENCE_MIN_TERMS
        english = number_grammar(article.language).english  # ordinals in English words
        for sentence_start, sentence_end in sentence_spans(article.text):
            text = article.text[sentence_start:sentence_end]
            quantities = merge_durations(text, find_quantities(text, parse_units, article.language))
            if english and _ORDINAL_HINT.search(text):
                quantities = sorted([*quantities, *_ordinals(text, quantities)], key=_span)
            dates = event_dates(text)
            if not quantities and not dates:
                continue
            words = WORD.findall(text)
            scope = sentence_scope(text, words)
            as_of = _AS_OF.search(text)
            subject = _subject_words(words)
            common = {
                "article": article.id,
                "start": sentence_start,
                "end": sentence_end,
                "sentence": text,
                "subject": " ".join(subject[:6]) or None,
                "as_of": as_of.group(1) if as_of else None,
                "_placed": placed,
            }
            families = [_family(q.unit) for q in quantities]
            figures = [
                (family, q.value * factor + offset)
                for q, (family, factor, offset) in zip(quantities, families, strict=True)
            ]
            parts = _parts(quantities, figures)
            afters = [
                _TOKEN.findall(text, q.end)[:4] if q.unit == "ordinal" else _words_after(text, q)
                for q in quantities
            ]
            nouns = [
                _head_noun(after) if family in ("count", "ordinal") else None
                for after, (family, _, _) in zip(afters, families, strict=True)
            ]
            for index, quantity in enumerate(quantities):
                family, factor, offset = families[index]
                unit = quantity.unit
                # Shares are shown as percentages: "a third of" is 33.3 "% of ...".
                shown = 100.0 if unit == "fraction" else 1.0
                if unit in ("percentage", "fraction"):
                    unit = (
                        f"% of {_DETERMINERS.sub('', quantity.of).strip()}" if quantity.of else "%"
                    )
                after = afters[index]
                high = quantity.high
                base = _DETERMINERS.sub("", quantity.of or "").strip() or None
                increment = bool(after) and after[0].casefold() in _INCREMENT_AFTER
                if _ANOTHER.search(text, max(0, quantity.start - 9), quantity.start):
                    increment = True  # "another 700 hectares"
                number += 1
                claims.append(
                    {
                        "id": f"c{article.id[1:]}-{number}",
                        **common,
                        "value": quantity.value * shown,
                        "unit": unit,
                        "text": quantity.text,
                        "value_start": sentence_start + quantity.start,
                        "value_end": sentence_start + quantity.end,
                        "approximate": quantity.approximate,
                        "high": None if high is None else high * shown,
                        **scope,
                        "_near": near_words(
                            text, quantity.start, quantity.end, clause_span(text, *_span(quantity))
                        ),
                        "scope": figure_scope(
                            text, quantity.start, clause_span(text, *_span(quantity))
                        ),
                        "_holders": holders(
                            text, quantity.start, clause_span(text, *_span(quantity))
                        ),
                        "_quoted": inside_quotes(text, quantity.start),
                        "_method": bool(SURVEY_METHOD.search(text)),
                        "_gap": is_gap(text, quantity.start, quantity.end),
                        "_conditional": bool(CONDITIONAL.search(text)),
                        "_base": base,
                        "_base_words": base_words(base),
                        "_family": family,
                        "_value": figures[index][1],
                        "_high": None if high is None else high * factor + offset,
                        "_precision": quantity.precision * factor,
                        "_step": quantity.precision * shown,
                        "_bound": quantity.bound,
                        "_noun": nouns[index],
                        "_other_nouns": frozenset(n for n in nouns if n and n != nouns[index]),
                        "_figures": figures,
                        "_change": family == "percentage" and is_change(text, quantity),
                        "_word_share": quantity.unit == "fraction",
                        "_increment": increment,
                        "_parts": parts.get(index),
                        "_date": False,
                    }
                )
            date_figures = [(family, float(value)) for _, _, family, value in dates]
            for start, end, family, value in dates:
                dates_found += 1
                claims.append(
                    {
                        "id": f"d{article.id[1:]}-{dates_found}",
                        **common,
                        "value": float(value),
                        "unit": "date",
                        "text": text[start:end],
                        "value_start": sentence_start + start,
                        "value_end": sentence_start + end,
                        "approximate": False,
                        "high": None,
                        **scope,
                        "_near": near_words(text, start, end, clause_span(text, start, end)),
                        "_holders": frozenset(),
                        "_quoted": inside_quotes(text, start),
                        "_method": False,
                        "_gap": False,
                        "_conditional": bool(CONDITIONAL.search(text)),
                        "_base": None,
                        "_base_words": frozenset(),
                        "_family": family,
                        "_value": float(value),
                        "_high": None,
                        "_precision": 0.0,
                        "_step": 0.0,
                        "_bound": None,
                        "_noun": None,
                        "_other_nouns": frozenset(),
                        "_figures": date_figures,
                        "_change": False,
                        "_word_share": False,
                        "_increment": False,
                        "_parts": None,
                        "_date": True,
                    }
                )
    return claims


_ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        "third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(),
        start=3,
    )
}
_ORDINAL_HINT = re.compile(r"(?i)\d(?:st|nd|rd|th)\b|th\b|third\b")
_ORDINAL = re.compile(
    r"(?i)(?<![\w.,-])(?:(\d{1,4})(?:st|nd|rd|th)|(" + "|".join(_ORDINAL_WORDS) + r"))(?![\w-])"
)
# Not an ordinal of a series: a fraction ("a third of"), a superlative's rank ("third
# largest"), a date ("the 26th of May").
_FRACTION_BEFORE = re.compile(r"(?i)\b(?:a|one|two|three|every)\s$")
_ORDINAL_NOT_AFTER = re.compile(
    r"(?i)\s(?:of\b|largest|biggest|highest|lowest|most|least|best|worst|quarter\b)"
)


def _ordinals(text: str, found: Sequence[Quantity]) -> list[Quantity]:
    """Ordinals that number a series ("the 26th meeting", "its third anniversary"): claims
    of their own family, compared only when they number the same noun. "First" and
    "second" are left out: too often idiom ("for the first time", "second-largest")."""
    ordinals = []
    for match in _ORDINAL.finditer(text):
        start, end = match.span()
        if (
            any(q.start < end and start < q.end for q in found)
            or _FRACTION_BEFORE.search(text, max(0, start - 6), start)
            or _ORDINAL_NOT_AFTER.match(text, end)
            or _MONTH_AFTER_OR_BEFORE.search(text[max(0, start - 12) : end + 12])
        ):
            continue
        value = (
            float(match.group(1))
            if match.group(1)
            else float(_ORDINAL_WORDS[match.group(2).casefold()])
        )
        ordinals.append(Quantity(start, end, match.group(), value, None, "ordinal", None, False))
    return ordinals


_MONTH_AFTER_OR_BEFORE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
)


def public(claims: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims as the dossier shows them (internal grouping keys and event dates dropped)."""
    return [
        {k: v for k, v in c.items() if not k.startswith("_")} for c in claims if not c.get("_date")
    ]
