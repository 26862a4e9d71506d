"""Units and currencies after a figure: the lexicons (currency symbols, codes and names,
SI and imperial units, symbols read in one case only) and the reading of the words after
a number as one canonical unit ("kWh" -> "kilowatt hour", "$5 a month" -> "dollar per
month", "four different bosses" -> "different boss").

Canonical names are singular and British ("litre", "metre").
"""

from __future__ import annotations

import functools
import re

from newsprism.claims.languages import LANGUAGE_CURRENCIES
from newsprism.claims.numbers import NUMBER_WORD_VALUES
from newsprism.claims.plurals import is_plural, singular

CURRENCY_PREFIXES = {
    "us$": "dollar",
    "us $": "dollar",
    "au $": "australian dollar",
    "nz $": "new zealand dollar",
    "hk $": "hong kong dollar",
    "c $": "canadian dollar",
    "s$": "singapore dollar",
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
    "¥": "japanese yen",
    "y=": "japanese yen",
    "jpy": "japanese yen",
    "rm": "malaysian ringgit",
    "nis": "shekel",
    "rs": "rupee",
    "inr": "rupee",
    "cny": "chinese yuan",
    "rmb": "chinese yuan",
    "chf": "swiss franc",
    "hk$": "hong kong dollar",
}
CURRENCY_WORDS = {
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
    "yen": "japanese yen",
    "crowns": "crown",
    "cents": "cent",
    "cent": "cent",
    "pence": "penny",
    "€": "euro",
    "$": "dollar",
    "£": "pound sterling",
    # ISO codes written after the figure: "108.79 JPY", "50 EUR".
    "usd": "dollar",
    "eur": "euro",
    "gbp": "pound sterling",
    "jpy": "japanese yen",
    "aud": "australian dollar",
    "cad": "canadian dollar",
    "nzd": "new zealand dollar",
    "hkd": "hong kong dollar",
    "sgd": "singapore dollar",
    "chf": "swiss franc",
    "cny": "chinese yuan",
    "inr": "rupee",
    "kronor": "crown",
    "francs": "franc",
}
# A currency named by its country: "Australian dollars", "New Zealand dollars".
_NATIONAL_CURRENCIES = {
    ("australian", "dollar"): "australian dollar",
    ("canadian", "dollar"): "canadian dollar",
    ("new zealand", "dollar"): "new zealand dollar",
    ("hong kong", "dollar"): "hong kong dollar",
    ("singapore", "dollar"): "singapore dollar",
    ("taiwan", "dollar"): "new taiwan dollar",
    ("us", "dollar"): "dollar",
    ("u.s.", "dollar"): "dollar",
    ("american", "dollar"): "dollar",
    ("chinese", "yuan"): "chinese yuan",
    ("japanese", "yen"): "japanese yen",
    ("indian", "rupee"): "indian rupee",
    ("pakistani", "rupee"): "pakistani rupee",
    ("swiss", "franc"): "swiss franc",
    ("swedish", "krona"): "swedish krona",
    ("norwegian", "krone"): "norwegian krone",
    ("danish", "krone"): "danish krone",
    ("mexican", "peso"): "mexican peso",
    ("philippine", "peso"): "philippine peso",
    ("argentine", "peso"): "argentine peso",
    ("brazilian", "real"): "brazilian real",
    ("russian", "rouble"): "russian rouble",
    ("russian", "ruble"): "russian rouble",
    ("turkish", "lira"): "turkish lira",
    ("south african", "rand"): "south african rand",
    ("israeli", "shekel"): "shekel",
    ("malaysian", "ringgit"): "malaysian ringgit",
    ("thai", "baht"): "thai baht",
    ("south korean", "won"): "south korean won",
    ("egyptian", "pound"): "egyptian pound",
    ("nigerian", "naira"): "nigerian naira",
    ("kenyan", "shilling"): "kenyan shilling",
}
NATIONAL_CURRENCY = re.compile(
    r"(?i)(?P<nation>"
    + "|".join(sorted({re.escape(n) for n, _ in _NATIONAL_CURRENCIES}, key=len, reverse=True))
    + r")\s(?P<currency>"
    + "|".join(sorted({c for _, c in _NATIONAL_CURRENCIES}, key=len, reverse=True))
    + r"|kronor|kroner|reais|lire)s?\b"
)
NATION_WORDS = frozenset(nation.split()[0] for nation, _ in _NATIONAL_CURRENCIES) | {"u"}
CURRENCY_UNITS = (
    frozenset(CURRENCY_PREFIXES.values())
    | frozenset(CURRENCY_WORDS.values())
    | frozenset(_NATIONAL_CURRENCIES.values())
    | LANGUAGE_CURRENCIES  # "zł" in Polish: a currency English text does not name
)

# Unit vocabulary. Canonical names are singular and British ("litre", "metre"); symbols and
# American spellings map onto them. Keys are lower-case; symbols whose case matters ("W",
# "C", "Nm") are in ``CASED_UNITS``.
_SI_PREFIXES = ("nano", "micro", "milli", "centi", "deci", "hecto", "kilo", "mega", "giga", "tera")
_SI_BASES = {
    "metre": "metre",
    "meter": "metre",
    "litre": "litre",
    "liter": "litre",
    "gram": "gram",
    "gramme": "gram",
    "watt": "watt",
    "hertz": "hertz",
    "volt": "volt",
    "ampere": "ampere",
    "amp": "ampere",
    "joule": "joule",
    "newton": "newton",
    "pascal": "pascal",
    "second": "second",
    "byte": "byte",
    "bit": "bit",
    "calorie": "calorie",
    "tonne": "tonne",
}
UNIT_ALIASES: dict[str, str] = {
    f"{prefix}{base}": f"{prefix}{name}"
    for prefix in _SI_PREFIXES
    for base, name in _SI_BASES.items()
}
UNIT_ALIASES.update({base: name for base, name in _SI_BASES.items()})
UNIT_ALIASES.update(
    {
        # length
        "nm": "nanometre",
        "µm": "micrometre",
        "μm": "micrometre",
        "um": "micrometre",
        "micron": "micrometre",
        "microns": "micrometre",
        "mm": "millimetre",
        "cm": "centimetre",
        "m": "metre",
        "km": "kilometre",
        "kms": "kilometre",
        "ft": "foot",
        "feet": "foot",
        "inches": "inch",
        "yd": "yard",
        "yds": "yard",
        "mi": "mile",
        # mass
        "µg": "microgram",
        "μg": "microgram",
        "mcg": "microgram",
        "mg": "milligram",
        "g": "gram",
        "kg": "kilogram",
        "kgs": "kilogram",
        "kilo": "kilogram",
        "kilos": "kilogram",
        "lb": "pound-mass",
        "lbs": "pound-mass",
        "oz": "ounce",
        "tonne": "metric ton",
        "tonnes": "metric ton",
        # volume and area
        "ml": "millilitre",
        "cl": "centilitre",
        "l": "litre",
        "ltr": "litre",
        "gal": "gallon",
        "cc": "cubic centimetre",
        "ha": "hectare",
        "sqm": "square metre",
        "sqft": "square foot",
        "m2": "square metre",
        "m²": "square metre",
        "km2": "square kilometre",
        "cm2": "square centimetre",
        "cm²": "square centimetre",
        "mm2": "square millimetre",
        "mm²": "square millimetre",
        "km²": "square kilometre",
        "ft2": "square foot",
        "ft²": "square foot",
        "m3": "cubic metre",
        "m³": "cubic metre",
        # time
        "ms": "millisecond",
        "sec": "second",
        "secs": "second",
        "min": "minute",
        "mins": "minute",
        "hr": "hour",
        "hrs": "hour",
        "yr": "year",
        "yrs": "year",
        # speed and rates
        "mph": "mile per hour",
        "km/h": "kilometre per hour",
        "km/hr": "kilometre per hour",
        "kmh": "kilometre per hour",
        "kmph": "kilometre per hour",
        "kph": "kilometre per hour",
        "m/s": "metre per second",
        "mpg": "mile per gallon",
        "rpm": "revolution per minute",
        "bpd": "barrel per day",
        "bbl": "barrel",
        # energy, power, electricity, frequency
        "w": "watt",
        "kw": "kilowatt",
        "mw": "megawatt",
        "gw": "gigawatt",
        "wh": "watt hour",
        "kwh": "kilowatt hour",
        "mwh": "megawatt hour",
        "gwh": "gigawatt hour",
        "twh": "terawatt hour",
        "hp": "horsepower",
        "bhp": "brake horsepower",
        "kv": "kilovolt",
        "mah": "milliampere-hour",
        "hz": "hertz",
        "khz": "kilohertz",
        "mhz": "megahertz",
        "ghz": "gigahertz",
        "kcal": "kilocalorie",
        "kj": "kilojoule",
        # data
        "kb": "kilobyte",
        "mb": "megabyte",
        "gb": "gigabyte",
        "tb": "terabyte",
        "pb": "petabyte",
        "kbps": "kilobit per second",
        "mbps": "megabit per second",
        "gbps": "gigabit per second",
        # pressure
        "psi": "pound per square inch",
        "ksi": "kilopound per square inch",
        "kpa": "kilopascal",
        "mpa": "megapascal",
        "hpa": "hectopascal",
        # temperature, concentration
        "°c": "celsius",
        "°f": "fahrenheit",
        "°": "degree",
        "centigrade": "celsius",
        "ppb": "parts-per-billion",
        "ppm": "parts-per-million",
        # shares, prices, scores
        "people": "people",
        "persons": "people",
        "per cent": "percentage",
        "percent": "percentage",
        "%": "percentage",
        "percentage points": "percentage point",
        "points": "point",
        "pts": "point",
        "p": "point",  # "164p": a share price in pence, quoted like points
        "bp": "basis point",
        "bps": "basis point",
        "pc": "percentage",  # "5pc": British headline style
        "ppg": "point per game",
        "rpg": "rebound per game",
        "apg": "assist per game",
        "spg": "steal per game",
        "bpg": "block per game",
        "times": "count",  # "3,200 times": how often
        "″": "inch",
        "′": "foot",
    }
)
# Symbols read only in this case: "5 W" is watts, "12 C" Celsius, "4G" a network generation.
CASED_UNITS = {
    "W": "watt",
    "V": "volt",
    "C": "celsius",
    "F": "fahrenheit",
    "Nm": "newton metre",
    "MW": "megawatt",
    "WAR": "win above replacement",
    "ERA": "earned run average",
    "G": "generation wireless",
}
# Measures (not counts): what "known unit" means for names and hyphenated adjectives.
MEASURES = frozenset(UNIT_ALIASES.values()) | frozenset(
    "inch foot yard mile ounce stone ton gallon pint quart acre hectare horsepower degree "
    "knot barrel carat decibel megapixel hour minute day week month year decade century "
    "cylinder storey".split()
)
# Units of two measures that ``read_unit`` writes out: "586 lb-ft".
FOOT_POUND_FORCE = "foot pound-force"
# Words that make a unit of the next: "square miles", "sq ft", "cubic metres".
UNIT_MODIFIERS = {
    "square": "square",
    "sq": "square",
    "cubic": "cubic",
    "cu": "cubic",
    "fluid": "fluid",
    "fl": "fluid",
    "nautical": "nautical",
    "light": "light",
    "troy": "troy",
    "metric": "metric",
}

# Units written joined to their figure by a hyphen, as adjectives: "a 6.1-inch screen".
_HYPHEN_UNIT = re.compile(r"-([A-Za-z]{1,12})\b")
_HYPHEN_ONLY = {"pound": "pound-mass", "point": "point", "seat": "seat", "bedroom": "bedroom"}
STOP_UNITS = frozenset(
    "the a an of and or to in on at for from with by as is are was were be been that this "
    "these those it its their his her our your than more less about around over under some "
    "per cent after before another other others again while who which where when if has have "
    "had would will could can should did does do not across into through between among "
    "against without within during since until via like each up down out off so but also "
    "just only all both then there we they he she you i last next higher lower bigger smaller "
    "cheaper greater larger longer shorter faster slower better worse older younger earlier "
    "later richer poorer".split()
)


@functools.lru_cache(maxsize=16384)
def is_lexicon_unit(unit: str) -> bool:
    """Whether ``unit`` is one the lexicon reads (a measure, a currency, a rate, "square
    mile", "foot pound-force"), not what a count counts."""
    if unit in _LEXICON_NAMES or " per " in unit:
        return True
    modifier, _, rest = unit.partition(" ")
    return modifier in _MODIFIER_NAMES and rest in _LEXICON_NAMES


def unit_name(word: str) -> str:
    """A lower-case unit word or symbol's canonical name: "meters" -> "metre", "kWh" ->
    "kilowatt hour", "viruses" -> "virus" (a count names what it counts, singular)."""
    if word in UNIT_ALIASES:
        return UNIT_ALIASES[word]
    lemma = singular(word)
    return UNIT_ALIASES.get(lemma, lemma)


def normal_unit(word: str) -> str:
    """ "kilometres per hour" -> "kilometre per hour"; aliases and plurals per part."""
    return " per ".join(unit_name(part) for part in word.split(" per "))


_LEXICON_NAMES = (
    MEASURES
    | CURRENCY_UNITS
    | frozenset(UNIT_ALIASES.values())
    | frozenset(CASED_UNITS.values())
    | {FOOT_POUND_FORCE}
)
_MODIFIER_NAMES = frozenset(UNIT_MODIFIERS.values())

_NP_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{0,24}")
_NEXT_WORD = re.compile(r"\s?([A-Za-z][A-Za-z²³]{0,14})\b")
_ABBREVIATION_AFTER = re.compile(r"-|\.\w")  # "F-16", "C.E.O.": not a unit symbol
_MORE_WORDS = frozenset(("more", "other", "fewer", "further"))
_WATT_HOUR = re.compile(r"[\s-]?hours?\b", re.IGNORECASE)
_FOOT_POUND = re.compile(r"-(?:ft|feet|foot)\b", re.IGNORECASE)
_MPH_DOTS = re.compile(r"\.p\.h\.?", re.IGNORECASE)
_DEGREE_SCALE = re.compile(r"\s(celsius|centigrade|fahrenheit)\b", re.IGNORECASE)
# "$5 a month", "$2 per share", "$80 per sq m", "52,000 barrel-a-day": a rate.
_RATE = re.compile(
    r"(?:[\s-](?P<word>a|an|per)[\s-]|\s?/\s?)(?P<what>[A-Za-z][A-Za-z²]{0,14})\b"
    r"(?:\s(?P<second>[A-Za-z]{1,12})\b)?"
)
_RATE_PERIODS = frozenset(
    "second minute hour day night week month quarter year game match season share head "
    "person capita piece unit ticket household seat".split()
)
_NOT_RATE_AFTER = frozenset("earlier ago later before after".split())


def noun_phrase(text: str, start: int) -> tuple[str, int] | None:
    """What a count counts, from the word at ``start``: up to four words ending at the first
    plural noun, that one singular ("four different bosses" -> "different boss", "311 square
    miles" -> "square mile"); None when no plural comes."""
    words: list[str] = []
    position = start
    for _ in range(4):
        word = _NP_WORD.match(text, position)
        if not word:
            return None
        folded = word.group().lower().rstrip("'’-")
        if folded in STOP_UNITS or folded in NUMBER_WORD_VALUES:
            return None
        words.append(folded)
        if is_plural(folded):
            words[-1] = UNIT_ALIASES.get(singular(folded), singular(folded))
            return " ".join(words), word.end()
        position = word.end() + 1
        if text[word.end() : position] != " ":
            return None
    return None


def read_unit(
    text: str, match: re.Match[str], value: float, attached: bool
) -> tuple[str | None, int]:
    """The unit the words after a figure name, and where they end."""
    first = match.group("unit").strip()
    start, end = match.start("unit"), match.end("unit")
    folded = first.lower()
    if " per " in folded:
        amount, rate = folded.split(" per ", 1)
        if amount in CURRENCY_WORDS:
            return f"{CURRENCY_WORDS[amount]} per {unit_name(rate)}", end  # "5 euros per head"
        return normal_unit(folded), end  # "kilometres per hour", "goals per game"
    if first in CASED_UNITS and not _ABBREVIATION_AFTER.match(text, end):
        if first != "G":
            return CASED_UNITS[first], end
        if attached and value.is_integer() and value <= 6:
            return CASED_UNITS[first], end  # "4G", "5G": a network generation
        return None, start
    if folded in NATION_WORDS and (national := NATIONAL_CURRENCY.match(text, start)):
        nation = national.group("nation").lower()
        currency = singular(national.group("currency").lower())
        return _NATIONAL_CURRENCIES.get((nation, currency), f"{nation} {currency}"), national.end()
    if folded in CURRENCY_WORDS:
        return CURRENCY_WORDS[folded], end
    if first in ("US", "UK", "Imperial", "imperial") and (after := FRACTION_UNIT.match(text, end)):
        name = unit_name(after.group("unit").lower())
        if name in MEASURES:  # "one US fluid ounce", "5 imperial gallons"
            modifier = after.group("modifier")
            return (f"{UNIT_MODIFIERS[modifier.lower()]} {name}" if modifier else name), after.end()
    if folded in STOP_UNITS:
        if (
            folded in _MORE_WORDS
            and text.startswith(" ", end)
            and (phrase := noun_phrase(text, end + 1))
        ):
            return phrase  # "eight more picks"
        return None, start
    if folded in UNIT_MODIFIERS and (after := _NEXT_WORD.match(text, end)):
        name = unit_name(after.group(1).lower())
        if name in MEASURES:
            modifier = UNIT_MODIFIERS[folded]
            if name == "metric ton":
                return name, after.end()
            return f"{modifier} {name}", after.end()  # "311 square miles", "450 sq ft"
    name = unit_name(folded)
    if name in MEASURES:
        if name.endswith("watt") and (hours := _WATT_HOUR.match(text, end)):
            return f"{name} hour", hours.end()  # "5 kilowatt hours"
        if name == "pound-mass" and (torque := _FOOT_POUND.match(text, end)):
            return FOOT_POUND_FORCE, torque.end()  # "586 lb-ft"
        if name == "metre" and (dots := _MPH_DOTS.match(text, end)):
            return "mile per hour", dots.end()  # "80 m.p.h."
        if name == "degree" and (scale := _DEGREE_SCALE.match(text, end)):
            word = scale.group(1).lower()
            return ("fahrenheit" if word == "fahrenheit" else "celsius"), scale.end()
        return name, end
    word = _NP_WORD.match(text, start)
    # "two gas-only powertrain options": the unit's first word may run on with a hyphen
    if (
        word
        and word.group().startswith(first)
        and (phrase := noun_phrase(text, start) or _singular_compound(text, start))
    ):
        return phrase
    return name, end


_COMPOUND_END = re.compile(r"[,.;:!?)]|\s*$|\s[a-z]+\b")
_NOT_NOUN_ENDINGS = ("ing", "ed", "ly")
# Adverbs that follow a figure's noun phrase rather than being part of it.
_PHRASE_ADVERBS = frozenset(
    "overall worldwide nationwide apiece altogether combined total alone together instead "
    "respectively abroad ahead behind home away ago now today yesterday tonight".split()
)


def _singular_compound(text: str, start: int) -> tuple[str, int] | None:
    """What one item or a compound adjective counts when no plural comes: "a three course
    meal", "one particular demand", "the 11 member trade agreement" -> "course meal",
    "particular demand", "member trade agreement". Two or three lower-case words that end
    the phrase (at punctuation, the end, or a function word); None otherwise."""
    words: list[str] = []
    position = start
    for _ in range(3):
        word = _NP_WORD.match(text, position)
        if not word or not word.group().islower():
            return None
        folded = word.group().rstrip("'’-")
        if folded in _PHRASE_ADVERBS and len(words) >= 2:
            return " ".join(words), position - 1  # "a two course lunch apiece"
        if (
            folded in STOP_UNITS
            or folded in NUMBER_WORD_VALUES
            or folded in _PHRASE_ADVERBS
            or is_plural(folded)
        ):
            return None
        words.append(folded)
        position = word.end()
        closing = _COMPOUND_END.match(text, position)
        if closing and (closing.group()[:1] != " " or closing.group()[1:] in STOP_UNITS):
            if len(words) < 2 or folded.endswith(_NOT_NOUN_ENDINGS):
                return None
            return " ".join(words), position
        if text[position : position + 1] != " ":
            return None
        position += 1
    return None


def hyphen_unit(text: str, end: int) -> tuple[str, int] | None:
    """A unit joined to its figure by a hyphen ("6.1-inch", "185-hp", "four-cylinder")."""
    joined = _HYPHEN_UNIT.match(text, end)
    if not joined:
        return None
    word = joined.group(1).lower()
    name = _HYPHEN_ONLY.get(word) or unit_name(word)
    if name in MEASURES or word in _HYPHEN_ONLY:
        return name, joined.end()
    return None


_ASIDE = re.compile(r"\s?\([^()]{1,30}\)")


def rate_unit(text: str, unit: str, end: int) -> tuple[str, int]:
    """ "$5" + " a month" -> "dollar per month"; ``unit`` unchanged when no rate follows."""
    rate = _RATE.match(text, end)
    if not rate and (aside := _ASIDE.match(text, end)):
        # "C$6 (US$4.46) per share": the rate comes after a conversion in brackets (the
        # span stays the figure's own, clear of the bracketed one)
        after = _RATE.match(text, aside.end())
        if after and after.group("word") == "per":
            return rate_unit(text, unit, aside.end())[0], end
    if not rate:
        return unit, end
    what = rate.group("what").lower()
    second = (rate.group("second") or "").lower()
    if second in _NOT_RATE_AFTER:
        return unit, end  # "a year earlier"
    if what in UNIT_MODIFIERS and second:
        name = unit_name(second)
        if name in MEASURES:
            return f"{unit} per {UNIT_MODIFIERS[what]} {name}", rate.end()
    name = "pound-mass" if what in ("pound", "lb") else unit_name(what)
    if name in MEASURES or name in _RATE_PERIODS:
        return f"{unit} per {name}", rate.end("what")
    if rate.group("word") != "per" and rate.group("word") is not None:
        return unit, end
    if what in STOP_UNITS or what in NUMBER_WORD_VALUES or len(what) < 2:
        return unit, end
    return f"{unit} per {name}", rate.end("what")


FRACTION_UNIT = re.compile(
    r"(?:\sof\s(?:an?\s)?|[\s-])(?:(?:US|U\.S\.|UK|imperial)\s)?"
    r"(?:(?P<modifier>square|sq|cubic|cu|fluid|fl|nautical)\.?\s)?(?P<unit>[A-Za-z]{1,12})\b"
)
