"""Quantities in text: money with currency and scale, percentages and what they are of,
counts and measures with units, ranges — each with a normalised value and exact span.

Hand-written because the maintained parsers measured on the NewsQuant dev set either
mis-read news money ("£1.2bn") or need a model download; see ``newsprism eval newsquant``.
Calendar years, days of the month and clock times are dates, not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "crore": 1e7,
    "lakh": 1e5,
}
_CURRENCY_PREFIX = {
    "us$": "dollar",
    "us $": "dollar",
    "$": "dollar",
    "usd": "dollar",
    "a$": "australian dollar",
    "aud": "australian dollar",
    "au$": "australian dollar",
    "c$": "canadian dollar",
    "cad": "canadian dollar",
    "€": "euro",
    "eur": "euro",
    "£": "pound sterling",
    "ps": "pound sterling",
    "gbp": "pound sterling",
    "¥": "yen",
    "y=": "yen",
    "rm": "malaysian ringgit",
    "nis": "shekel",
    "rs": "rupee",
    "inr": "rupee",
    "cny": "chinese yuan",
    "rmb": "chinese yuan",
    "chf": "swiss franc",
    "hk$": "hong kong dollar",
}
_CURRENCY_WORDS = {
    "dollars": "dollar",
    "dollar": "dollar",
    "euros": "euro",
    "euro": "euro",
    "pounds": "pound sterling",
    "pound": "pound sterling",
    "yuan": "chinese yuan",
    "ringgit": "malaysian ringgit",
    "shekels": "shekel",
    "shekel": "shekel",
    "rupees": "rupee",
    "yen": "yen",
    "crowns": "crown",
    "kronor": "crown",
    "francs": "franc",
}
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "half": 0.5,
}
_UNIT_ALIASES = {
    "mph": "mile per hour",
    "km/h": "kilometre per hour",
    "kph": "kilometre per hour",
    "km": "kilometre",
    "kms": "kilometre",
    "kilometres": "kilometre",
    "kilometers": "kilometre",
    "miles": "mile",
    "metres": "metre",
    "meters": "metre",
    "m": "metre",
    "cm": "centimetre",
    "mm": "millimetre",
    "kg": "kilogram",
    "kilos": "kilogram",
    "lbs": "pound",
    "lb": "pound",
    "feet": "foot",
    "ft": "foot",
    "inches": "inch",
    "yards": "yard",
    "hp": "horsepower",
    "gb": "gigabyte",
    "tb": "terabyte",
    "mb": "megabyte",
    "kw": "kilowatt",
    "mw": "megawatt",
    "ppb": "parts-per-billion",
    "ppm": "parts-per-million",
    "°c": "celsius",
    "°f": "fahrenheit",
    "people": "people",
    "persons": "people",
    "per cent": "percentage",
    "percent": "percentage",
    "%": "percentage",
    "percentage points": "percentage point",
    "points": "point",
}
_STOP_UNITS = frozenset(
    "the a an of and or to in on at for from with by as is are was were be been that this "
    "these those it its their his her our your than more less about around over under some "
    "per cent after before another other others again while who which where when if".split()
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_NUMBER = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_PREFIX = "|".join(re.escape(p) for p in sorted(_CURRENCY_PREFIX, key=len, reverse=True))
_SCALE = "|".join(sorted(_SCALES, key=len, reverse=True))
_LONG_SCALE = "|".join(sorted((k for k in _SCALES if len(k) > 1), key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?<![\w.,])(?P<prefix>(?i:{_PREFIX}))?\s?(?P<sign>[-−](?=\d))?"
    rf"(?P<number>{_NUMBER}|(?i:{_WORD_NUMBER})(?:[\s-](?i:{_WORD_NUMBER})){{0,3}}\b)"
    # One-letter scales only when attached ("$1.5m"), and never the start of a unit ("kW").
    rf"(?:\s?(?P<scale>(?i:{_LONG_SCALE}))(?![A-Za-z])|(?P<short_scale>[kKmMbB])(?![A-Za-z]))?"
    r"(?P<percent>\s?(?:%|(?i:per\s?cent|percent)(?:age points?)?))?"
    r"(?:\s?(?P<unit>[A-Za-z°/$€£][\w°/]{0,20}(?:\sper\s\w{1,15})?))?"
)
_ORDINAL_OR_TIME = re.compile(r"(?i)(?:st|nd|rd|th)\b|\s?[ap]\.?m\.?\b|:\d\d")
_RANGE_GLUE = re.compile(r"\s?(?:to|-|–|and)\s?$")
# What a percentage is of: up to three words, stopping at the next preposition.
_OF_BASE = re.compile(
    r"\sof\s((?:(?!(?:by|in|for|on|to|from|with|and|at|as|than|over|per)\b)[\w'’-]{1,25}\s?){1,3})"
)
_APPROXIMATE = re.compile(
    r"(?i)\b(?:about|around|nearly|almost|roughly|some|approximately|more than|up to|"
    r"at least|fewer than|less than)\s$"
)
_DATE_CONTEXT = re.compile(rf"(?i:{_MONTHS})\s?$")


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float
    high: float | None
    unit: str | None  # normalised: "dollar", "percentage", "mile", "% of GDP" bases in ``of``
    of: str | None  # what a percentage is of ("GDP", "their budgets")
    approximate: bool


def _number(text: str) -> float | None:
    text = text.strip().lower()
    if re.fullmatch(_NUMBER, text):
        return float(text.replace(",", ""))
    total = 0.0
    for word in re.split(r"[\s-]+", text):
        if word not in _NUMBER_WORDS:
            return None
        value = _NUMBER_WORDS[word]
        total = total * value if value == 100 and total else total + value
    return total or None


def find_quantities(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(text):
        number = match.group("number")
        value = _number(number)
        if value is None:
            continue
        prefix = (match.group("prefix") or "").lower().strip()
        scale = (match.group("scale") or match.group("short_scale") or "").lower()
        if match.group("sign"):
            value = -value
        percent = match.group("percent")
        unit_word = (match.group("unit") or "").strip()
        end = match.end()
        is_word_number = not number[:1].isdigit()
        if is_word_number and not (prefix or scale or percent or unit_word):
            continue
        if (
            is_word_number
            and number.lower() in ("one", "half")
            and not (scale or percent or prefix)
            and (not unit_word or unit_word.lower() in _STOP_UNITS)
        ):
            continue
        before = text[max(0, match.start() - 12) : match.start()]
        after_number = text[match.end("number") : match.end("number") + 5]
        if _ORDINAL_OR_TIME.match(after_number):
            continue  # "96th", "11 a.m.", "10:30"
        bare = not (prefix or scale or percent)
        known_unit = unit_word.lower() in _UNIT_ALIASES or unit_word.lower() in _CURRENCY_WORDS
        if bare and not known_unit and re.search(r"[A-Z][\w-]*\s$", before) and not is_word_number:
            continue  # a name with a number: "Big 12", "Part 3", "Euro 2020"
        if bare and (
            _DATE_CONTEXT.search(before)
            or (re.fullmatch(r"1[89]\d\d|20\d\d", number) and not known_unit)
            or re.match(r"\s?:\d\d", text[match.end("number") : match.end("number") + 4])
            or before.endswith(":")
        ):
            continue  # a date or a clock time, not a quantity
        multiplier = _SCALES.get(scale, 1.0)
        if prefix and scale == "m" and not unit_word:
            multiplier = 1e6
        high_value: float | None = None
        unit: str | None = None
        of: str | None = None
        if prefix:
            unit = _CURRENCY_PREFIX.get(prefix, prefix)
        elif percent:
            unit = "percentage point" if "point" in percent.lower() else "percentage"
        if unit_word:
            word = unit_word.lower()
            if not unit and word in _CURRENCY_WORDS:
                unit = _CURRENCY_WORDS[word]
            elif not unit and word not in _STOP_UNITS:
                unit = _UNIT_ALIASES.get(
                    word, word[:-1] if word.endswith("s") and len(word) > 3 else word
                )
            elif unit or word in _STOP_UNITS:
                end = match.end("unit") if unit and word in _CURRENCY_WORDS else match.start("unit")
                end = max(end, match.end("number"))
        # Trim the span to what was read.
        while end > match.start() and text[end - 1].isspace():
            end -= 1
        if unit == "percentage" and (base := _OF_BASE.match(text, end)):
            of = base.group(1).strip()
        start = match.start() if prefix else match.start("number")
        approximate = bool(_APPROXIMATE.search(text[max(0, start - 20) : start]))
        found.append(
            Quantity(
                start, end, text[start:end], value * multiplier, high_value, unit, of, approximate
            )
        )
    return _merge_ranges(text, found)


def _merge_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "252 miles to 287 miles", "between $62 and $68": one range of one unit."""
    merged: list[Quantity] = []
    for quantity in found:
        if merged:
            last = merged[-1]
            glue = text[last.end : quantity.start]
            if (
                last.high is None
                and len(glue) <= 5
                and _RANGE_GLUE.search(glue)
                and (last.unit == quantity.unit or quantity.unit is None or last.unit is None)
                and (
                    glue.strip() != "and"
                    or text[max(0, last.start - 8) : last.start].strip().endswith("between")
                )
            ):
                merged[-1] = Quantity(
                    last.start,
                    quantity.end,
                    text[last.start : quantity.end],
                    last.value,
                    quantity.value,
                    last.unit or quantity.unit,
                    last.of,
                    last.approximate,
                )
                continue
        merged.append(quantity)
    return merged
