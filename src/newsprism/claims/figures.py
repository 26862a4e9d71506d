"""One written figure at a time: a numeral or number words with its currency, sign,
exponent, scale, percent sign and unit, how it is approximated ("more than", "nearly")
and what a share is of, as a :class:`Quantity`; and what looks like a figure but is no
quantity (years, days of the month, clock times, ordinals, names and codes such as
"Big 12" or "TA-35"). ``claims/quantities.py`` adds what takes more than one figure.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsprism.claims.grammar import ENGLISH, NumberGrammar
from newsprism.claims.languages import NumberWords
from newsprism.claims.numbers import (
    FRACTION_BEFORE,
    FRACTION_PHRASE,
    LONG_SCALE,
    NUMERAL,
    SCALES,
    WORD_NUMBER,
    number_value,
    power_of_ten,
    written_precision,
)
from newsprism.claims.units import (
    CASED_UNITS,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    MEASURES,
    NATION_WORDS,
    NATIONAL_CURRENCY,
    STOP_UNITS,
    UNIT_ALIASES,
    hyphen_unit,
    rate_unit,
    read_unit,
    unit_name,
)

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"

_PREFIX = "|".join(re.escape(p) for p in sorted(CURRENCY_PREFIXES, key=len, reverse=True))

_EXPONENT = (
    # Scientific notation: "2.998×10^8", "6.6×10−34" (a superscript lost), "1.99E-29".
    r"(?P<exponent>\s?[×xX*]\s?10(?:\^\s?[-−]?\d{1,3}|[-−]\d{1,3}|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})"
    r"|(?<=\d)[eE][-+−]\d{1,3}(?![\w.]))?"
)
_QUANTITY = re.compile(
    rf"(?<![\w.,])(?P<prefix>(?i:{_PREFIX}))?\s?(?P<sign>[-−](?=\d))?"
    rf"(?P<number>{NUMERAL}|(?i:{WORD_NUMBER})(?:[\s-](?i:{WORD_NUMBER})){{0,3}}\b"
    # "a million dollars": the article is one of the scale word that follows.
    r"|(?i:an?)(?=\s(?i:thousand|million|billion|trillion)\b))"
    + _EXPONENT
    # One-letter scales only when attached ("$1.5m"), and never the start of a unit ("kW").
    + rf"(?:\s?(?P<scale>(?i:{LONG_SCALE}))(?![A-Za-z])|(?P<short_scale>[kKmMbB])(?![A-Za-z]))?"
    r"(?P<percent>\s?(?:%|(?i:per\s?cent|percent)(?:age points?)?))?"
    r"(?:\s?(?P<unit>[A-Za-z°/$€£µμ″′][\w°/²³]{0,20}(?:\sper\s\w{1,15})?))?"
)


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, any space written as any space."""
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s") for w in sorted(words, key=len, reverse=True)
    )


def _folded(written: str) -> str:
    return " ".join(written.lower().split())


@dataclass(frozen=True, slots=True)
class _LocalPatterns:
    quantity: re.Pattern[str]
    date_after: re.Pattern[str]  # "11. März", "11 de marzo": a day of the month


@functools.lru_cache(maxsize=32)
def _local_patterns(language: str, words: NumberWords) -> _LocalPatterns:
    """The figure pattern of a language with its own number words: the numeral in English
    form (``claims/grammar.py`` rewrote it), its scale and percent words, and a unit
    after a connector ("millions d'euros"); no number words, no one-letter scales (a
    German "5m" is five metres)."""
    connectors = _alternatives(words.connectors)
    connector = rf"(?:\s(?i:{connectors})(?=\s?[^\W\d_]|\s?[€$£]))?" if connectors else ""
    quantity = re.compile(
        rf"(?<![\w.,])(?P<prefix>(?i:{_PREFIX}))?\s?(?P<sign>[-−](?=\d))?"
        rf"(?P<number>{NUMERAL})"
        + _EXPONENT
        + rf"(?:\s?(?P<scale>(?i:{_alternatives(words.scales)}))(?!\w){connector}"
        r"|(?P<short_scale>(?!)))?"
        rf"(?P<percent>\s?(?i:{_alternatives(words.percent)})(?!\w))?"
        r"(?:\s?(?P<unit>(?:[^\W\d_]|[°/$€£µμ″′])[\w°/²³]{0,20}(?:-[^\W\d_]{1,15})?))?"
    )
    months = _alternatives(words.months) or "(?!)"
    date_after = re.compile(rf"(?i)(?:\.\s?|\s(?:de|di)\s|\s)(?:{months})(?!\w)")
    return _LocalPatterns(quantity, date_after)


_ONE_TO = re.compile(rf"\s(?:to|or)\s(?:\d|(?i:{WORD_NUMBER})\b)")
_ORDINAL_OR_TIME = re.compile(r"(?i)(?:st|nd|rd|th)\b|\s?[ap]\.?m\.?\b|:\d\d")
_CLOCK = re.compile(r":\d\d")

# What a percentage is of: up to three words, stopping at the next preposition.
_OF_BASE = re.compile(
    r"\sof\s((?:(?!(?:by|in|for|on|to|from|with|and|at|as|than|over|per)\b)[\w'’-]{1,25}\s?){1,3})"
)
_LOWER_BOUND = r"more than|over|at least|upwards of|in excess of|above|exceeding|well over"
_UPPER_BOUND = r"up to|fewer than|less than|under|below|no more than"
_NEAR_BELOW = r"nearly|almost|just under|close to"
_ABOUT = r"about|around|roughly|some|approximately|an estimated|estimated|circa"
_BASE_STOPS = frozenset(
    "who which that this these those were was is are have has had will would could can may "
    "might be been being said say says and or but into onto across after before during "
    "because while".split()
)
_APPROXIMATE = re.compile(
    rf"(?i)\b(?:(?P<near>{_NEAR_BELOW})|(?P<lower>{_LOWER_BOUND})|(?P<upper>{_UPPER_BOUND})|"
    rf"(?P<about>{_ABOUT}))\s$"
)
# Capitalised words that open a figure without naming anything ("About 7,000", "Some 25").
_LEADING_WORDS = frozenset(
    "a an the about around nearly almost roughly some approximately more over at up fewer "
    "less under just only another all and but by in on since with of to for from after before "
    "as than estimated exactly close well".split()
)
_MONTH_NAMES = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
)
_MONTH_WORD = re.compile(rf"(?i){_MONTH_NAMES}")

_MAGNITUDE_BEFORE = re.compile(r"(?i)\bmagnitude(?:\s(?:of\s)?|-)$")
_MAGNITUDE_AFTER = re.compile(r"(?i)[-\s]magnitude\b")
_QUAKE = re.compile(r"(?i)\b(?:earth)?quakes?\b|\btremors?\b|\brichter\b")
_DIGIT = re.compile(r"\d")
_CASE_CHANGE = re.compile(r"[a-z][A-Z]")
_NAME_BEFORE = re.compile(r"(?<![\w-])([a-z]{0,2}[A-Z][\w-]*)\s$")  # "Big 12", "iPhone 11"
_SEASON_BEFORE = re.compile(r"(?:19|20)\d\d[-–/]$")
_DATE_CONTEXT = re.compile(rf"(?i:{_MONTHS})\s?$")


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float
    high: float | None
    # Normalised: "dollar", "percentage", "mile", "fraction" ("a third of"); bases in ``of``.
    unit: str | None
    of: str | None  # what a percentage or fraction is of ("GDP", "their budgets")
    approximate: bool
    # What an approximation says: "lower" ("more than 500": at least that), "upper" ("fewer
    # than 50": at most that), "near" ("nearly 40%": a little under it), "about" ("some
    # 25 km"), or None for a plain figure.
    bound: str | None = None
    # The step of the last written digit in normalised units: "$4bn" 1e9, "3.4 million"
    # 1e5, "3.81" 0.01; a figure agrees with another within half of its step (rounding).
    precision: float = 1.0


_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_ERA_BEFORE = re.compile(r"(?:\bA\.D\.|\bAD|\bB\.C\.|\bBCE?|\bCE)\s$")
# The second year of an era's range: the "1260" of "between A.D. 1000 and 1260".
_ERA_RANGE_BEFORE = re.compile(
    r"(?:\bA\.D\.|\bAD|\bB\.C\.|\bBCE?|\bCE)\s\d{1,4}\s?(?:and|to|-|–)\s?$"
)
_DAYS_BEFORE = re.compile(rf"(?i:{_MONTHS})\s?\d{{1,2}}[-–]$")
_RANGE_FROM = re.compile(r"(\d[\d,]{0,14})\s?(?:to|-|–)\s?$")
_RANGE_TO = re.compile(r"\s?(?:to|-|–)\s?(\d[\d,]{0,14})\b")
_PERIODS = frozenset("second minute hour day week month year decade century".split())
_NO_RATE = frozenset(("percentage", "percentage point", "fraction", "magnitude"))


def _not_a_year(text: str, start: int, end: int, value: float) -> bool:
    """A figure shaped like a year in a range with a figure that is not one: "from 1000 to
    2000 hires", "2000 - 2500 calories"."""
    if low := _RANGE_FROM.search(text, max(0, start - 12), start):
        other = low.group(1).replace(",", "")
        return not _YEAR.fullmatch(other) and len(other) >= 3 and float(other) < value
    if high := _RANGE_TO.match(text, end):
        other = high.group(1).replace(",", "")
        return not _YEAR.fullmatch(other) and len(other) >= 3 and float(other) > value
    return False


def bound_before(text: str, start: int) -> tuple[bool, str | None]:
    found = _APPROXIMATE.search(text[max(0, start - 20) : start])
    if not found:
        return False, None
    kind = next(k for k in ("near", "lower", "upper", "about") if found.group(k))
    return True, kind


def share_base(text: str, end: int) -> str | None:
    """What a share is of: the words after "of", up to a preposition, a verb or a clause."""
    base = _OF_BASE.match(text, end)
    if not base:
        return None
    words: list[str] = []
    for word in base.group(1).split():
        folded = word.casefold()
        if folded in _BASE_STOPS or (words and folded.endswith("ed") and len(folded) > 4):
            break
        words.append(word)
    return " ".join(words).strip() or None


# A suspended hyphen: the unit comes with the last of a list ("two- and three-bedroom").
SUSPENDED_HYPHEN = re.compile(r"-(?:,\s|\s(?:and|or|to)\s)")

_CAPITALISED_NEXT = re.compile(r"\s+[A-Z][a-z]")
_MINUS_BEFORE = re.compile(r"(?i)\bminus[\s-]$")
_CODE_BEFORE = re.compile(r"[A-Za-z]-$")
# Not a code: "sub-500 sq m" (under 500), "0-to-60-mph" and "200,000 to-260,000" (ranges).
_OPEN_BEFORE = re.compile(r"(?i)(?:\bsub|\bto)-$")
# "37m" is a length, not 37 million, when a dimension or a converted length follows.
_METRES_AFTER = re.compile(
    r"-(?:long|tall|high|wide|deep|thick)\b|\s?\(\s?\d[\d,.]{0,8}\s?(?:ft|feet|foot|yards?|in)\b"
)


def read_figures(text: str, grammar: NumberGrammar = ENGLISH) -> list[Quantity]:
    """Each written figure of ``text`` that is a quantity, in order. A ``grammar`` of
    another language than English reads ``text`` with its numerals already in English form
    (``claims/grammar.english_numerals``) and the words of that language."""
    found: list[Quantity] = []
    quakes: list[bool] = []
    words = grammar.words
    local = _local_patterns(str(grammar.language), words) if words else None
    pattern = local.quantity if local else _QUANTITY
    leading = words.function_words if words else _LEADING_WORDS

    def quake_text() -> bool:
        """Whether the text speaks of earthquakes (searched once, when first asked)."""
        if not quakes:
            quakes.append(_QUAKE.search(text) is not None)
        return quakes[0]

    for match in pattern.finditer(text):
        number = match.group("number")
        value = number_value(number)
        if value is None:
            continue
        prefix = (match.group("prefix") or "").lower().strip()
        scale = (match.group("scale") or match.group("short_scale") or "").lower()
        if match.group("sign"):
            value = -value
        power = 1.0
        if exponent := match.group("exponent"):
            if not number[:1].isdigit() and number[:1] != ".":
                continue
            power = 10.0 ** power_of_ten(exponent)
            value *= power
        before = text[max(0, match.start() - 6) : match.start()]
        if _MINUS_BEFORE.search(before):
            value = -value  # "minus 387", "minus-1.4 degree"
        elif (
            _CODE_BEFORE.search(before)
            and not match.group("prefix")
            and not _OPEN_BEFORE.search(before)
        ):
            continue  # "TA-35", "TPP-11", "last-32": part of a name or code
        percent = match.group("percent")
        unit_word = (match.group("unit") or "").strip()
        end = match.end()
        local_unit: str | None = None
        if words and local:
            folded = unit_word.lower()
            if folded in words.months or (
                value <= 31 and local.date_after.match(text, match.end("number"))
            ):
                continue  # "11 mars", "11. März", "11 de marzo": a day of the month
            if folded in words.function_words:
                unit_word, end = "", match.start("unit")  # "3 der 38 Tore": no unit
            else:  # "Euro", "dollars", "€" as in English, "dólares", "zł" in their language
                local_unit = words.currencies.get(folded) or CURRENCY_WORDS.get(folded)
        if (
            unit_word
            and (_DIGIT.search(unit_word) or len(_CASE_CHANGE.findall(unit_word)) > 1)
            and unit_word.lower() not in UNIT_ALIASES
        ):
            continue  # a code or a link ("pic.twitter.com/7eJzbRDcvJ"), not a quantity
        is_word_number = not (number[:1].isdigit() or number[:1] == ".")
        joined = None if unit_word else hyphen_unit(text, match.end())
        if joined and is_word_number and joined[0] in _PERIODS:
            joined = None  # "a five-year plan": a description more than a figure
        if (
            is_word_number
            and not (prefix or scale or percent or unit_word or joined)
            and not SUSPENDED_HYPHEN.match(text, match.end("number"))
        ):
            continue  # "four-cylinder" is read; a bare "four" is not
        if is_word_number and FRACTION_PHRASE.match(text, match.start("number")):
            continue  # "one fourth of": a fraction, read below
        if number.lower() in ("a", "an") and FRACTION_BEFORE.search(
            text, max(0, match.start() - 9), match.start()
        ):
            continue  # the "a million" of "half a million", read with its fraction
        if (
            is_word_number
            and re.search(
                r"(?i)\b(?:no|any|every|each|some|the|this|that)\s$",
                text[max(0, match.start() - 6) : match.start()],
            )
            and number.lower() == "one"
        ):
            continue  # "no one had died", "the one that got away"
        if (
            is_word_number
            and number.lower() in ("one", "half")
            and not (scale or percent or prefix)
            and (not unit_word or unit_word.lower() in STOP_UNITS)
            and not _ONE_TO.match(text, match.end("number"))
        ):
            continue  # "one" alone is a pronoun; "one to two years" is read
        before = text[max(0, match.start() - 12) : match.start()]
        after_number = text[match.end("number") : match.end("number") + 5]
        if (_CLOCK if words else _ORDINAL_OR_TIME).match(after_number):
            continue  # "96th", "11 a.m.", "10:30" (the "am" of German is no a.m.)
        bare = not (prefix or scale or percent)
        known_unit = bool(unit_word) and (
            unit_word in CASED_UNITS
            or (
                unit_word.lower() in NATION_WORDS
                and bool(NATIONAL_CURRENCY.match(text, match.start("unit")))
            )
            or unit_word.lower() in CURRENCY_WORDS
            or local_unit is not None
            or unit_name(unit_word.lower()) in MEASURES
        )
        name_before = _NAME_BEFORE.search(before)
        if (
            bare
            and not known_unit
            and name_before
            and name_before.group(1).lower() not in leading
            and not is_word_number
        ):
            continue  # a name with a number: "Big 12", "Part 3", "Euro 2020"
        if (
            unit_word[:1].isupper()
            and unit_word[1:].islower()
            and not (words and words.capitalised_nouns)
            and not known_unit
            and not prefix
            and not percent
            and (
                (name_before and name_before.group(1).lower() not in leading)
                or _CAPITALISED_NEXT.match(text, match.end())
            )
        ):
            continue  # inside a name: "787 Dreamliner", "iPhone 14 Pro", "49 Zorro Ranch Road"
        if (
            bare
            and (
                _DATE_CONTEXT.search(before)
                or (
                    _YEAR.fullmatch(number)
                    and not known_unit
                    and not _not_a_year(text, match.start("number"), match.end("number"), value)
                )
                or _ERA_BEFORE.search(before)  # "A.D. 1000"
                or _ERA_RANGE_BEFORE.search(text, max(0, match.start() - 20), match.start())
                or _DAYS_BEFORE.search(before)  # the "22" of "Oct. 18-22"
                or re.match(r"\s?:\d\d", text[match.end("number") : match.end("number") + 4])
                or before.endswith(":")
                or (_MONTH_WORD.fullmatch(unit_word) and value <= 31)  # "14 October"
                or _SEASON_BEFORE.search(before)  # the "19" of a "2018-19" season
            )
        ):
            continue  # a date or a clock time, not a quantity
        multiplier = words.scales.get(_folded(scale), 1.0) if words else SCALES.get(scale, 1.0)
        if prefix and scale == "m" and not unit_word:
            multiplier = 1e6
        high_value: float | None = None
        unit: str | None = None
        of: str | None = None
        metres = (
            match.group("short_scale") in ("m", "M")
            and not (prefix or percent or unit_word)
            and _METRES_AFTER.match(text, match.end())
        )
        if metres:
            multiplier, unit = 1.0, "metre"  # "a 37m-long hull", "a 90m (295ft) tower"
        if prefix:
            unit = CURRENCY_PREFIXES.get(prefix, prefix)
        elif percent and words:
            unit = words.percent[_folded(percent)]  # "Prozent", "puntos porcentuales"
        elif percent:
            unit = "percentage point" if "point" in percent.lower() else "percentage"
        if unit_word and words and not unit:
            # A currency or a measure by its canonical name; a count noun as written
            # ("Menschen"): the English noun-phrase rules do not read other languages.
            name = local_unit or unit_name(unit_word.lower())
            unit = name if local_unit or name in MEASURES else unit_word.lower()
            end = match.end("unit")
        elif unit_word:
            word = unit_word.lower()
            if not unit:
                attached = not text[match.start("unit") - 1].isspace()
                unit, end = read_unit(text, match, value, attached)
            else:
                end = match.end("unit") if word in CURRENCY_WORDS else match.start("unit")
            end = max(end, match.end("number"))
        if unit is None and joined:
            unit, end = joined  # "a 6.1-inch screen", "a 185-hp engine"
        # Trim the span to what was read.
        while end > match.start() and text[end - 1].isspace():
            end -= 1
        if unit and unit not in _NO_RATE and " per " not in unit and not words:
            unit, end = rate_unit(text, unit, end)  # "$5 a month", "$2 per share"
        start = match.start() if prefix else match.start("number")
        quake_unit = unit is None or unit in ("quake", "earthquake", "tremor")
        if _MAGNITUDE_BEFORE.search(text[max(0, start - 14) : start]) or (
            quake_unit
            and (
                _MAGNITUDE_AFTER.match(text, match.end("number"))
                or ((unit is not None or "." in number) and value < 10 and quake_text())
            )
        ):
            unit = "magnitude"  # "magnitude 7.1", "a 6.2-magnitude quake", "measured 5.4"
            end = match.end("number")
            if after := _MAGNITUDE_AFTER.match(text, end):
                end = after.end()
        if unit == "percentage":
            of = share_base(text, end)
        approximate, bound = bound_before(text, start)
        if text.endswith("sub-", 0, start):
            approximate, bound = True, "upper"  # "sub-500": under 500
        found.append(
            Quantity(
                start,
                end,
                text[start:end],
                value * multiplier,
                high_value,
                unit,
                of,
                approximate,
                bound,
                written_precision(number, multiplier * power) if not is_word_number else multiplier,
            )
        )
    return found
