"""Quantities in text: money with currency and scale, percentages and what they are of,
counts and measures with units, ranges — each with a normalised value and exact span.

Hand-written because the maintained parsers measured on the NewsQuant dev set either
mis-read news money ("£1.2bn") or need a model download; see ``newsprism eval newsquant``.
Calendar years, days of the month and clock times are dates, not quantities.
"""

from __future__ import annotations

import dataclasses
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
    "$us": "dollar",  # "$US55,931,000" (Australian and British style)
    "$a": "australian dollar",
    "$c": "canadian dollar",
    "nz$": "new zealand dollar",
    "$nz": "new zealand dollar",
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
CURRENCY_UNITS = frozenset(_CURRENCY_PREFIX.values()) | frozenset(_CURRENCY_WORDS.values())
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
    "bpd": "barrel per day",
    "°c": "celsius",
    "°f": "fahrenheit",
    "people": "people",
    "persons": "people",
    "per cent": "percentage",
    "percent": "percentage",
    "%": "percentage",
    "percentage points": "percentage point",
    "points": "point",
    "pc": "percentage",  # "5pc": British headline style
    "ml": "millilitre",
    "mah": "milliampere-hour",
    "bhp": "brake horsepower",
    "ppg": "point per game",
    "min": "minute",
    "mins": "minute",
    "hr": "hour",
    "hrs": "hour",
    "µm": "micrometre",
    "μm": "micrometre",
    "microns": "micrometre",
}
# Units written joined to their figure by a hyphen, as adjectives: "a 6.1-inch screen".
_HYPHEN_UNIT = re.compile(
    r"-(inch|inches|litre|liter|horsepower|micrometre|micrometer|mile|metre|meter|foot|feet|"
    r"yard|kilometre|kilometer|km|kilogram|kg|gram|pound|ton|tonne|acre|hectare|point|"
    r"minute|hour|day|week|month|year|degree|megapixel|megawatt|gigawatt|kilowatt|storey)\b",
    re.IGNORECASE,
)
_STOP_UNITS = frozenset(
    "the a an of and or to in on at for from with by as is are was were be been that this "
    "these those it its their his her our your than more less about around over under some "
    "per cent after before another other others again while who which where when if has have "
    "had would will could can should did does do not".split()
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# Words that write a figure out ("forty-seven", "two million", "a dozen").
NUMBER_WORDS = frozenset(_NUMBER_WORDS) | frozenset(_SCALES) | {"a", "an"}
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
# Fractions said in words: "a third of", "half of", "two-thirds of" (shares, as percentages)
# and "half a million" (a count).
_FRACTIONS: dict[str, float] = {"half": 0.5, "a half": 0.5, "one half": 0.5}
for _count, _name, _share in (
    ("a", "third", 1 / 3),
    ("one", "third", 1 / 3),
    ("two", "thirds", 2 / 3),
    ("a", "quarter", 1 / 4),
    ("one", "quarter", 1 / 4),
    ("three", "quarters", 3 / 4),
    ("a", "fourth", 1 / 4),
    ("one", "fourth", 1 / 4),
    ("three", "fourths", 3 / 4),
    ("a", "fifth", 1 / 5),
    ("one", "fifth", 1 / 5),
    ("a", "tenth", 1 / 10),
    ("one", "tenth", 1 / 10),
):
    _FRACTIONS[f"{_count} {_name}"] = _FRACTIONS[f"{_count}-{_name}"] = _share
_FRACTION_WORDS = ("half", "third", "quarter", "fourth", "fifth", "tenth")
_FRACTION = re.compile(
    r"(?i)(?<![\w-])(?P<fraction>"
    + "|".join(re.escape(f) for f in sorted(_FRACTIONS, key=len, reverse=True))
    + r")(?:\s(?P<of>of)\s|\s(?:a|an)\s(?P<scale>thousand|million|billion|trillion)\b)"
)
# A race time or other duration written as h:mm:ss ("in 2:04:37"); clock times say "at".
_HMS = re.compile(r"(?<![\w:.,])(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:]|\s?[ap]\.?m\b)")
_DURATION_SECONDS = {"hour": 3600.0, "minute": 60.0, "second": 1.0}
_MAGNITUDE_BEFORE = re.compile(r"(?i)\bmagnitude(?:\s(?:of\s)?|-)$")
_MAGNITUDE_AFTER = re.compile(r"(?i)[-\s]magnitude\b")
_QUAKE = re.compile(r"(?i)\b(?:earth)?quakes?\b|\btremors?\b|\brichter\b")
_DIGIT = re.compile(r"\d")
_CASE_CHANGE = re.compile(r"[a-z][A-Z]")
_NAME_BEFORE = re.compile(r"(?<![\w-])([A-Z][\w-]*)\s$")
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


def _singular(word: str) -> str:
    keep = word.endswith(("ss", "us")) or len(word) <= 3
    return word if keep or not word.endswith("s") else word[:-1]


def _normal_unit(word: str) -> str:
    """ "kilometres per hour" -> "kilometre per hour"; aliases and plurals per part."""
    return " per ".join(_UNIT_ALIASES.get(part, _singular(part)) for part in word.split(" per "))


def _precision(number: str, multiplier: float) -> float:
    digits = number.replace(",", "")
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    return multiplier * 10.0**-decimals


def _bound(text: str, start: int) -> tuple[bool, str | None]:
    found = _APPROXIMATE.search(text[max(0, start - 20) : start])
    if not found:
        return False, None
    kind = next(k for k in ("near", "lower", "upper", "about") if found.group(k))
    return True, kind


def _share_base(text: str, end: int) -> str | None:
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
        before = text[max(0, match.start() - 6) : match.start()]
        if _MINUS_BEFORE.search(before):
            value = -value  # "minus 387", "minus-1.4 degree"
        elif _CODE_BEFORE.search(before) and not match.group("prefix"):
            continue  # "TA-35", "TPP-11", "last-32": part of a name or code
        percent = match.group("percent")
        unit_word = (match.group("unit") or "").strip()
        end = match.end()
        if unit_word and (_DIGIT.search(unit_word) or len(_CASE_CHANGE.findall(unit_word)) > 1):
            continue  # a code or a link ("pic.twitter.com/7eJzbRDcvJ"), not a quantity
        is_word_number = not number[:1].isdigit()
        if is_word_number and not (prefix or scale or percent or unit_word):
            continue
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
            and (not unit_word or unit_word.lower() in _STOP_UNITS)
        ):
            continue
        before = text[max(0, match.start() - 12) : match.start()]
        after_number = text[match.end("number") : match.end("number") + 5]
        if _ORDINAL_OR_TIME.match(after_number):
            continue  # "96th", "11 a.m.", "10:30"
        bare = not (prefix or scale or percent)
        known_unit = unit_word.lower() in _UNIT_ALIASES or unit_word.lower() in _CURRENCY_WORDS
        name_before = _NAME_BEFORE.search(before)
        if (
            bare
            and not known_unit
            and name_before
            and name_before.group(1).lower() not in _LEADING_WORDS
            and not is_word_number
        ):
            continue  # a name with a number: "Big 12", "Part 3", "Euro 2020"
        if (
            unit_word[:1].isupper()
            and unit_word[1:].islower()
            and not known_unit
            and not prefix
            and not percent
            and (
                (name_before and name_before.group(1).lower() not in _LEADING_WORDS)
                or _CAPITALISED_NEXT.match(text, match.end())
            )
        ):
            continue  # inside a name: "787 Dreamliner", "iPhone 14 Pro", "49 Zorro Ranch Road"
        if bare and (
            _DATE_CONTEXT.search(before)
            or (re.fullmatch(r"1[89]\d\d|20\d\d", number) and not known_unit)
            or re.match(r"\s?:\d\d", text[match.end("number") : match.end("number") + 4])
            or before.endswith(":")
            or (_MONTH_WORD.fullmatch(unit_word) and value <= 31)  # "14 October"
            or _SEASON_BEFORE.search(before)  # the "19" of a "2018-19" season
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
            elif not unit and unit_word == "C" and match.start("unit") == match.end("number"):
                unit = "celsius"  # "41C"
            elif not unit and word not in _STOP_UNITS:
                unit = _normal_unit(word)
                if unit == "degree" and (
                    scale_word := re.match(r"\s(celsius|centigrade|fahrenheit)\b", text[end:], re.I)
                ):
                    unit = (
                        "fahrenheit" if scale_word.group(1).lower() == "fahrenheit" else "celsius"
                    )
                    end += scale_word.end()
                elif rate := re.match(
                    r"\s(?:a|an|per)\s(day|week|month|year|hour)\b(?!\s(?:earlier|ago|later|before))",
                    text[end:],
                ):
                    unit = f"{unit} per {rate.group(1)}"  # "2.7 million barrels a day"
                    end += rate.end()
            elif unit or word in _STOP_UNITS:
                end = match.end("unit") if unit and word in _CURRENCY_WORDS else match.start("unit")
                end = max(end, match.end("number"))
        if unit is None and (joined := _HYPHEN_UNIT.match(text, end)):
            unit = _normal_unit(joined.group(1).lower())  # "a 6.1-inch screen"
            end = joined.end()
        # Trim the span to what was read.
        while end > match.start() and text[end - 1].isspace():
            end -= 1
        start = match.start() if prefix else match.start("number")
        quake_unit = unit is None or unit in ("quake", "earthquake", "tremor")
        if _MAGNITUDE_BEFORE.search(text[max(0, start - 14) : start]) or (
            quake_unit
            and (
                _MAGNITUDE_AFTER.match(text, match.end("number"))
                or ((unit is not None or "." in number) and value < 10 and _QUAKE.search(text))
            )
        ):
            unit = "magnitude"  # "magnitude 7.1", "a 6.2-magnitude quake", "measured 5.4"
            end = match.end("number")
            if after := _MAGNITUDE_AFTER.match(text, end):
                end = after.end()
        if unit == "percentage":
            of = _share_base(text, end)
        approximate, bound = _bound(text, start)
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
                _precision(number, multiplier) if not is_word_number else multiplier,
            )
        )
    lowered = text.lower()
    if any(word in lowered for word in _FRACTION_WORDS):
        found.extend(_fractions(text, found))
    if ":" in text:
        found.extend(_clock_durations(text, found))
    if _VAGUE_HINT.search(text):
        found.extend(_vague_amounts(text, found))
    found.sort(key=lambda q: q.start)
    return [_as_age(text, q) for q in _merge_ranges(text, found)]


_AGE_AFTER = re.compile(r"[-\s]?(?:years?|yrs?)?[-\s]old\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\baged?\s+$", re.IGNORECASE)


def _as_age(text: str, quantity: Quantity) -> Quantity:
    """ "a 45-year-old", "aged 45", "45 years old": an age, not a duration."""
    after = _AGE_AFTER.match(text, quantity.end, quantity.end + 12)
    before = _AGE_BEFORE.search(text, max(0, quantity.start - 8), quantity.start)
    if quantity.unit in ("year", None) and (after or before):
        return dataclasses.replace(quantity, unit="year of age")
    return quantity


def _overlaps(start: int, end: int, found: list[Quantity]) -> bool:
    return any(q.start < end and start < q.end for q in found)


# Vague amounts as ranges of the order they name ("thousands of people": 1,000 to 10,000),
# the convention of the CQE/NewsQuant annotations; approximate by nature.
_VAGUE = {
    "dozens": (12.0, 120.0),
    "hundreds": (100.0, 1000.0),
    "thousands": (1000.0, 10000.0),
    "millions": (1e6, 1e7),
    "billions": (1e9, 1e10),
}
_VAGUE_TIMES = {"tens": 10.0, "hundreds": 100.0}  # "tens of thousands", "hundreds of billions"
_VAGUE_HINT = re.compile(r"(?i)dozens|hundreds|thousands|millions|billions")
_VAGUE_AMOUNT = re.compile(
    r"(?i)(?<![\w-])(?P<amount>(?:(?:tens|hundreds)\s+of\s+)?"
    r"(?:dozens|hundreds|thousands|millions|billions))\s+of\s+(?P<noun>[a-z][a-z-]{2,20})\b"
)


def _vague_range(amount: str) -> tuple[float, float]:
    """"tens of thousands" -> (10,000, 100,000): the order named, times its multiplier."""
    words = amount.lower().split()
    low, high = _VAGUE[words[-1]]
    times = _VAGUE_TIMES[words[0]] if len(words) > 1 else 1.0
    return low * times, high * times


def _vague_amounts(text: str, found: list[Quantity]) -> list[Quantity]:
    extra = []
    for match in _VAGUE_AMOUNT.finditer(text):
        if _overlaps(match.start(), match.end(), found):
            continue
        low, high = _vague_range(match.group("amount"))
        noun = match.group("noun").lower()
        unit = None if noun in _STOP_UNITS else _normal_unit(noun)
        end = match.end() if unit else match.end("amount")
        extra.append(
            Quantity(
                match.start(),
                end,
                text[match.start() : end],
                low,
                high,
                unit,
                None,
                True,
                "about",
                low,
            )
        )
    return extra


def _fractions(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "a third of the land" (a share: value 1/3, unit "fraction", with what it is of)
    and "half a million" (a count)."""
    extra: list[Quantity] = []
    for match in _FRACTION.finditer(text):
        start = match.start("fraction")
        if _overlaps(start, match.end(), found):
            continue
        share = _FRACTIONS[re.sub(r"\s+", " ", match.group("fraction").lower())]
        approximate, bound = _bound(text, start)
        if match.group("of"):
            end = match.end("fraction")
            of = _share_base(text, end)
            # A word fraction is a rounded figure: it agrees within a few points.
            extra.append(
                Quantity(
                    start,
                    end,
                    text[start:end],
                    share,
                    None,
                    "fraction",
                    of,
                    True,
                    bound or "about",
                    0.05,
                )
            )
        else:
            multiplier = _SCALES[match.group("scale").lower()]
            end = match.end()
            unit = None
            noun = re.match(r"\s([a-z]{3,20})\b", text[end:])
            if noun and noun.group(1) not in _STOP_UNITS:
                unit = _normal_unit(noun.group(1))  # "half a million people"
                end += noun.end()
            extra.append(
                Quantity(
                    start,
                    end,
                    text[start:end],
                    share * multiplier,
                    None,
                    unit,
                    None,
                    approximate,
                    bound,
                    multiplier / 10,
                )
            )
    return extra


def _clock_durations(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "in 2:04:37": a duration in seconds (a clock time would say "at")."""
    extra: list[Quantity] = []
    for match in _HMS.finditer(text):
        if _overlaps(match.start(), match.end(), found) or re.search(
            r"\bat\s$", text[max(0, match.start() - 4) : match.start()]
        ):
            continue
        hours, minutes, seconds = (int(g) for g in match.groups())
        extra.append(
            Quantity(
                match.start(),
                match.end(),
                match.group(),
                hours * 3600.0 + minutes * 60.0 + seconds,
                None,
                "second",
                None,
                False,
            )
        )
    return extra


def merge_durations(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "3 hours 5 minutes 20 seconds": one duration, in seconds (for comparing claims; the
    parts stay separate quantities in :func:`find_quantities`)."""
    merged: list[Quantity] = []
    for quantity in found:
        last = merged[-1] if merged else None
        if (
            last is not None
            and quantity.unit in _DURATION_SECONDS
            and (last.unit in _DURATION_SECONDS or last.unit == "duration")
            and last.high is None
            and quantity.high is None
            and re.fullmatch(r",?\s(?:and\s)?", text[last.end : quantity.start])
        ):
            last_seconds = (
                last.value
                if last.unit == "duration"
                else (last.value * _DURATION_SECONDS[str(last.unit)])
            )
            smallest = _DURATION_SECONDS[str(quantity.unit)]
            if last.unit == "duration" or _DURATION_SECONDS[str(last.unit)] > smallest:
                merged[-1] = Quantity(
                    last.start,
                    quantity.end,
                    text[last.start : quantity.end],
                    last_seconds + quantity.value * smallest,
                    None,
                    "duration",
                    None,
                    last.approximate,
                    last.bound,
                    smallest,
                )
                continue
        merged.append(quantity)
    return [
        Quantity(
            q.start,
            q.end,
            q.text,
            q.value,
            None,
            "second",
            None,
            q.approximate,
            q.bound,
            q.precision,
        )
        if q.unit == "duration"
        else q
        for q in merged
    ]


_SCALE_IN = re.compile(r"(?i)\b(thousand|million|billion|trillion|bn|m|k)\b|\d(bn|m|k)\b")


_CAPITALISED_NEXT = re.compile(r"\s+[A-Z][a-z]")
_MINUS_BEFORE = re.compile(r"(?i)\bminus[\s-]$")
_CODE_BEFORE = re.compile(r"[A-Za-z]-$")


def _shared_scale(low_text: str, high: Quantity) -> float | None:
    """The multiplier of the range's top when only the top names it ("4 to 5 thousand")."""
    if _SCALE_IN.search(low_text):
        return None
    found = _SCALE_IN.search(high.text)
    if not found:
        return None
    word = (found.group(1) or found.group(2)).lower()
    return {
        "thousand": 1e3,
        "k": 1e3,
        "million": 1e6,
        "m": 1e6,
        "billion": 1e9,
        "bn": 1e9,
        "trillion": 1e12,
    }[word]


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
                low = last.value
                scale = _shared_scale(text[last.start : last.end], quantity)
                if scale and low * scale <= quantity.value:
                    low *= scale  # "$10 to $15 billion": the scale is the range's
                merged[-1] = Quantity(
                    last.start,
                    quantity.end,
                    text[last.start : quantity.end],
                    low,
                    quantity.value,
                    last.unit or quantity.unit,
                    last.of,
                    last.approximate,
                    last.bound,
                    min(last.precision, quantity.precision),
                )
                continue
        merged.append(quantity)
    return merged
