"""Quantities in text: money with currency and scale, percentages and what they are of,
counts and measures with units, ranges — each with a normalised value and exact span.

Hand-written because the maintained parsers measured on the NewsQuant dev set either
mis-read news money ("£1.2bn") or need a model download; see ``newsprism eval newsquant``.
Calendar years, days of the month and clock times are dates, not quantities.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
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
    "trn": 1e12,
    "crore": 1e7,
    "lakh": 1e5,
}
_CURRENCY_PREFIX = {
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
_NATIONAL_CURRENCY = re.compile(
    r"(?i)(?P<nation>"
    + "|".join(sorted({re.escape(n) for n, _ in _NATIONAL_CURRENCIES}, key=len, reverse=True))
    + r")\s(?P<currency>"
    + "|".join(sorted({c for _, c in _NATIONAL_CURRENCIES}, key=len, reverse=True))
    + r"|kronor|kroner|reais|lire)s?\b"
)
_NATION_WORDS = frozenset(nation.split()[0] for nation, _ in _NATIONAL_CURRENCIES) | {"u"}
CURRENCY_UNITS = (
    frozenset(_CURRENCY_PREFIX.values())
    | frozenset(_CURRENCY_WORDS.values())
    | frozenset(_NATIONAL_CURRENCIES.values())
)
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
# Unit vocabulary. Canonical names are singular and British ("litre", "metre"); symbols and
# American spellings map onto them. Keys are lower-case; symbols whose case matters ("W",
# "C", "Nm") are in ``_CASED_UNITS``.
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
_UNIT_ALIASES: dict[str, str] = {
    f"{prefix}{base}": f"{prefix}{name}"
    for prefix in _SI_PREFIXES
    for base, name in _SI_BASES.items()
}
_UNIT_ALIASES.update({base: name for base, name in _SI_BASES.items()})
_UNIT_ALIASES.update(
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
_CASED_UNITS = {
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
_MEASURES = frozenset(_UNIT_ALIASES.values()) | frozenset(
    "inch foot yard mile ounce stone ton gallon pint quart acre hectare horsepower degree "
    "knot barrel carat decibel megapixel hour minute day week month year decade century "
    "cylinder storey".split()
)
# Words that make a unit of the next: "square miles", "sq ft", "cubic metres".
_UNIT_MODIFIERS = {
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
# Plurals that do not just add -s, and words in -s that are not plurals.
_IRREGULAR_PLURALS = {
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "oxen": "ox",
    "dice": "die",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "indices": "index",
    "crises": "crisis",
    "analyses": "analysis",
    "theses": "thesis",
    "diagnoses": "diagnosis",
    "hypotheses": "hypothesis",
    "oases": "oasis",
    "cacti": "cactus",
    "fungi": "fungus",
    "nuclei": "nucleus",
    "stimuli": "stimulus",
    "alumni": "alumnus",
    "radii": "radius",
    "larvae": "larva",
    "antennae": "antenna",
    "wives": "wife",
    "knives": "knife",
    "lives": "life",
    "halves": "half",
    "wolves": "wolf",
    "leaves": "leaf",
    "shelves": "shelf",
    "thieves": "thief",
    "calves": "calf",
    "loaves": "loaf",
    "selves": "self",
    "scarves": "scarf",
    "hooves": "hoof",
    "shoes": "shoe",
    "toes": "toe",
    "canoes": "canoe",
    "foes": "foe",
    "kronor": "krona",
    "kroner": "krone",
    "reais": "real",
}
_NOT_PLURAL = frozenset(
    "news series species means headquarters premises physics economics politics athletics "
    "mathematics gymnastics thanks diabetes measles clothes jeans trousers scissors overseas "
    "whereas always perhaps towards across chaos cosmos ethos kudos pathos thermos atlas bias "
    "canvas alias christmas pancreas".split()
)
_PLURAL_US = frozenset("menus gurus emus haikus hindus tutus gnus".split())
_SINGULAR_IS = frozenset("axis tennis penis iris chassis trellis ibis debris marquis".split())
_IE_NOUNS = frozenset(
    "movie cookie calorie zombie rookie pie tie lie brownie selfie hippie goalie genie newbie "
    "prairie sortie auntie birdie smoothie hoodie veggie freebie walkie talkie specie".split()
)
_SINGULAR_MEN = frozenset(
    "specimen omen abdomen regimen semen acumen ramen lumen bitumen stamen hymen amen yemen".split()
)


@functools.lru_cache(maxsize=16384)
def _lemma(word: str) -> str:
    """The singular of a lower-case noun: "viruses" -> "virus", "children" -> "child",
    "countries" -> "country", "firemen" -> "fireman"; other words unchanged."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith("men") and len(word) > 3 and word not in _SINGULAR_MEN:
        return word[:-3] + "man"
    if (
        len(word) <= 3
        or not word.endswith("s")
        or word in _NOT_PLURAL
        or word.endswith(("ss", "ous", "sis"))
        or word in _SINGULAR_IS
        or (word.endswith("us") and word not in _PLURAL_US)
    ):
        return word
    if word.endswith("ies"):
        return word[:-1] if word[:-1] in _IE_NOUNS else word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zzes", "oes")):
        return word[:-2]
    if word.endswith("uses") and len(word) > 4 and (word == "buses" or word[-5] in "rnptl"):
        return word[:-2]  # "viruses", "bonuses", "campuses"; not "causes", "houses"
    return word[:-1]


def _is_plural(word: str) -> bool:
    return _lemma(word) != word or word in ("people", "police", "cattle", "staff", "personnel")


# Units written joined to their figure by a hyphen, as adjectives: "a 6.1-inch screen".
_HYPHEN_UNIT = re.compile(r"-([A-Za-z]{1,12})\b")
_HYPHEN_ONLY = {"pound": "pound-mass", "point": "point", "seat": "seat", "bedroom": "bedroom"}
_STOP_UNITS = frozenset(
    "the a an of and or to in on at for from with by as is are was were be been that this "
    "these those it its their his her our your than more less about around over under some "
    "per cent after before another other others again while who which where when if has have "
    "had would will could can should did does do not across into through between among "
    "against without within during since until via like each up down out off so but also "
    "just only all both then there we they he she you i last next higher lower bigger smaller "
    "cheaper greater larger longer shorter faster slower better worse older younger earlier "
    "later richer poorer".split()
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# Words that write a figure out ("forty-seven", "two million", "a dozen").
NUMBER_WORDS = frozenset(_NUMBER_WORDS) | frozenset(_SCALES) | {"a", "an"}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d{1,4}(?!\d)"
_WORD_NUMBER = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_PREFIX = "|".join(re.escape(p) for p in sorted(_CURRENCY_PREFIX, key=len, reverse=True))
_SCALE = "|".join(sorted(_SCALES, key=len, reverse=True))
_LONG_SCALE = "|".join(sorted((k for k in _SCALES if len(k) > 1), key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?<![\w.,])(?P<prefix>(?i:{_PREFIX}))?\s?(?P<sign>[-−](?=\d))?"
    rf"(?P<number>{_NUMBER}|(?i:{_WORD_NUMBER})(?:[\s-](?i:{_WORD_NUMBER})){{0,3}}\b"
    # "a million dollars": the article is one of the scale word that follows.
    r"|(?i:an?)(?=\s(?i:thousand|million|billion|trillion)\b))"
    # Scientific notation: "2.998×10^8", "6.6×10−34" (a superscript lost), "1.99E-29".
    r"(?P<exponent>\s?[×xX*]\s?10(?:\^\s?[-−]?\d{1,3}|[-−]\d{1,3}|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})"
    r"|(?<=\d)[eE][-+−]\d{1,3}(?![\w.]))?"
    # One-letter scales only when attached ("$1.5m"), and never the start of a unit ("kW").
    rf"(?:\s?(?P<scale>(?i:{_LONG_SCALE}))(?![A-Za-z])|(?P<short_scale>[kKmMbB])(?![A-Za-z]))?"
    r"(?P<percent>\s?(?:%|(?i:per\s?cent|percent)(?:age points?)?))?"
    r"(?:\s?(?P<unit>[A-Za-z°/$€£µμ″′][\w°/²³]{0,20}(?:\sper\s\w{1,15})?))?"
)
_ONE_TO = re.compile(rf"\s(?:to|or)\s(?:\d|(?i:{_WORD_NUMBER})\b)")
_ORDINAL_OR_TIME = re.compile(r"(?i)(?:st|nd|rd|th)\b|\s?[ap]\.?m\.?\b|:\d\d")
_RANGE_GLUE = re.compile(r"\s?(?:to|-|–|and)\s?$")
_FROM_BEFORE = re.compile(r"\bfrom\s$")
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
_FRACTION_BEFORE = re.compile(r"(?i)(?:half|thirds?|quarters?|fourths?|fifth|tenth)\s$")
# A race time or other duration written as h:mm:ss ("in 2:04:37"); clock times say "at".
_HMS = re.compile(r"(?<![\w:.,])(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:]|\s?[ap]\.?m\b)")
_DURATION_SECONDS = {"hour": 3600.0, "minute": 60.0, "second": 1.0}
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


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻−", "0123456789--")


def _exponent(written: str) -> int:
    """The power of ten of "×10^-8", "×10−8", "×10⁸" or "E-29"."""
    folded = written.translate(_SUPERSCRIPTS).replace("^", "").replace(" ", "")
    power = folded[folded.index("10") + 2 :] if folded[:1] not in "eE" else folded[1:]
    return int(power)


def _number(text: str) -> float | None:
    text = text.strip().lower()
    if text in ("a", "an"):
        return 1.0  # "a million"
    if re.fullmatch(_NUMBER, text):
        return float(text.replace(",", ""))
    total = 0.0
    for word in re.split(r"[\s-]+", text):
        if word not in _NUMBER_WORDS:
            return None
        value = _NUMBER_WORDS[word]
        total = total * value if value == 100 and total else total + value
    return total or None


@functools.lru_cache(maxsize=16384)
def _unit_name(word: str) -> str:
    """A lower-case unit word or symbol's canonical name: "meters" -> "metre", "kWh" ->
    "kilowatt hour", "viruses" -> "virus" (a count names what it counts, singular)."""
    if word in _UNIT_ALIASES:
        return _UNIT_ALIASES[word]
    lemma = _lemma(word)
    return _UNIT_ALIASES.get(lemma, lemma)


def _normal_unit(word: str) -> str:
    """ "kilometres per hour" -> "kilometre per hour"; aliases and plurals per part."""
    return " per ".join(_unit_name(part) for part in word.split(" per "))


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


def _noun_phrase(text: str, start: int) -> tuple[str, int] | None:
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
        if folded in _STOP_UNITS or folded in _NUMBER_WORDS:
            return None
        words.append(folded)
        if _is_plural(folded):
            words[-1] = _UNIT_ALIASES.get(_lemma(folded), _lemma(folded))
            return " ".join(words), word.end()
        position = word.end() + 1
        if text[word.end() : position] != " ":
            return None
    return None


def _read_unit(
    text: str, match: re.Match[str], value: float, attached: bool
) -> tuple[str | None, int]:
    """The unit the words after a figure name, and where they end."""
    first = match.group("unit").strip()
    start, end = match.start("unit"), match.end("unit")
    folded = first.lower()
    if " per " in folded:
        amount, rate = folded.split(" per ", 1)
        if amount in _CURRENCY_WORDS:
            return f"{_CURRENCY_WORDS[amount]} per {_unit_name(rate)}", end  # "5 euros per head"
        return _normal_unit(folded), end  # "kilometres per hour", "goals per game"
    if first in _CASED_UNITS and not _ABBREVIATION_AFTER.match(text, end):
        if first != "G":
            return _CASED_UNITS[first], end
        if attached and value.is_integer() and value <= 6:
            return _CASED_UNITS[first], end  # "4G", "5G": a network generation
        return None, start
    if folded in _NATION_WORDS and (national := _NATIONAL_CURRENCY.match(text, start)):
        nation = national.group("nation").lower()
        currency = _lemma(national.group("currency").lower())
        return _NATIONAL_CURRENCIES.get((nation, currency), f"{nation} {currency}"), national.end()
    if folded in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[folded], end
    if first in ("US", "UK", "Imperial", "imperial") and (after := _FRACTION_UNIT.match(text, end)):
        name = _unit_name(after.group("unit").lower())
        if name in _MEASURES:  # "one US fluid ounce", "5 imperial gallons"
            modifier = after.group("modifier")
            return (
                f"{_UNIT_MODIFIERS[modifier.lower()]} {name}" if modifier else name
            ), after.end()
    if folded in _STOP_UNITS:
        if (
            folded in _MORE_WORDS
            and text.startswith(" ", end)
            and (phrase := _noun_phrase(text, end + 1))
        ):
            return phrase  # "eight more picks"
        return None, start
    if folded in _UNIT_MODIFIERS and (after := _NEXT_WORD.match(text, end)):
        name = _unit_name(after.group(1).lower())
        if name in _MEASURES:
            modifier = _UNIT_MODIFIERS[folded]
            if name == "metric ton":
                return name, after.end()
            return f"{modifier} {name}", after.end()  # "311 square miles", "450 sq ft"
    name = _unit_name(folded)
    if name in _MEASURES:
        if name.endswith("watt") and (hours := _WATT_HOUR.match(text, end)):
            return f"{name} hour", hours.end()  # "5 kilowatt hours"
        if name == "pound-mass" and (torque := _FOOT_POUND.match(text, end)):
            return "foot pound-force", torque.end()  # "586 lb-ft"
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
        and (phrase := _noun_phrase(text, start) or _singular_compound(text, start))
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
            folded in _STOP_UNITS
            or folded in _NUMBER_WORDS
            or folded in _PHRASE_ADVERBS
            or _is_plural(folded)
        ):
            return None
        words.append(folded)
        position = word.end()
        closing = _COMPOUND_END.match(text, position)
        if closing and (closing.group()[:1] != " " or closing.group()[1:] in _STOP_UNITS):
            if len(words) < 2 or folded.endswith(_NOT_NOUN_ENDINGS):
                return None
            return " ".join(words), position
        if text[position : position + 1] != " ":
            return None
        position += 1
    return None


def _hyphen_unit(text: str, end: int) -> tuple[str, int] | None:
    """A unit joined to its figure by a hyphen ("6.1-inch", "185-hp", "four-cylinder")."""
    joined = _HYPHEN_UNIT.match(text, end)
    if not joined:
        return None
    word = joined.group(1).lower()
    name = _HYPHEN_ONLY.get(word) or _unit_name(word)
    if name in _MEASURES or word in _HYPHEN_ONLY:
        return name, joined.end()
    return None


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


_ASIDE = re.compile(r"\s?\([^()]{1,30}\)")


def _rate(text: str, unit: str, end: int) -> tuple[str, int]:
    """ "$5" + " a month" -> "dollar per month"; ``unit`` unchanged when no rate follows."""
    rate = _RATE.match(text, end)
    if not rate and (aside := _ASIDE.match(text, end)):
        # "C$6 (US$4.46) per share": the rate comes after a conversion in brackets (the
        # span stays the figure's own, clear of the bracketed one)
        after = _RATE.match(text, aside.end())
        if after and after.group("word") == "per":
            return _rate(text, unit, aside.end())[0], end
    if not rate:
        return unit, end
    what = rate.group("what").lower()
    second = (rate.group("second") or "").lower()
    if second in _NOT_RATE_AFTER:
        return unit, end  # "a year earlier"
    if what in _UNIT_MODIFIERS and second:
        name = _unit_name(second)
        if name in _MEASURES:
            return f"{unit} per {_UNIT_MODIFIERS[what]} {name}", rate.end()
    name = "pound-mass" if what in ("pound", "lb") else _unit_name(what)
    if name in _MEASURES or name in _RATE_PERIODS:
        return f"{unit} per {name}", rate.end("what")
    if rate.group("word") != "per" and rate.group("word") is not None:
        return unit, end
    if what in _STOP_UNITS or what in _NUMBER_WORDS or len(what) < 2:
        return unit, end
    return f"{unit} per {name}", rate.end("what")


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
    quakes: list[bool] = []

    def quake_text() -> bool:
        """Whether the text speaks of earthquakes (searched once, when first asked)."""
        if not quakes:
            quakes.append(_QUAKE.search(text) is not None)
        return quakes[0]

    for match in _QUANTITY.finditer(text):
        number = match.group("number")
        value = _number(number)
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
            power = 10.0 ** _exponent(exponent)
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
        if (
            unit_word
            and (_DIGIT.search(unit_word) or len(_CASE_CHANGE.findall(unit_word)) > 1)
            and unit_word.lower() not in _UNIT_ALIASES
        ):
            continue  # a code or a link ("pic.twitter.com/7eJzbRDcvJ"), not a quantity
        is_word_number = not (number[:1].isdigit() or number[:1] == ".")
        joined = None if unit_word else _hyphen_unit(text, match.end())
        if joined and is_word_number and joined[0] in _PERIODS:
            joined = None  # "a five-year plan": a description more than a figure
        if (
            is_word_number
            and not (prefix or scale or percent or unit_word or joined)
            and not _SUSPENDED_HYPHEN.match(text, match.end("number"))
        ):
            continue  # "four-cylinder" is read; a bare "four" is not
        if is_word_number and _FRACTION.match(text, match.start("number")):
            continue  # "one fourth of": a fraction, read below
        if number.lower() in ("a", "an") and _FRACTION_BEFORE.search(
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
            and (not unit_word or unit_word.lower() in _STOP_UNITS)
            and not _ONE_TO.match(text, match.end("number"))
        ):
            continue  # "one" alone is a pronoun; "one to two years" is read
        before = text[max(0, match.start() - 12) : match.start()]
        after_number = text[match.end("number") : match.end("number") + 5]
        if _ORDINAL_OR_TIME.match(after_number):
            continue  # "96th", "11 a.m.", "10:30"
        bare = not (prefix or scale or percent)
        known_unit = bool(unit_word) and (
            unit_word in _CASED_UNITS
            or (
                unit_word.lower() in _NATION_WORDS
                and bool(_NATIONAL_CURRENCY.match(text, match.start("unit")))
            )
            or unit_word.lower() in _CURRENCY_WORDS
            or _unit_name(unit_word.lower()) in _MEASURES
        )
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
        multiplier = _SCALES.get(scale, 1.0)
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
            unit = _CURRENCY_PREFIX.get(prefix, prefix)
        elif percent:
            unit = "percentage point" if "point" in percent.lower() else "percentage"
        if unit_word:
            word = unit_word.lower()
            if not unit:
                attached = not text[match.start("unit") - 1].isspace()
                unit, end = _read_unit(text, match, value, attached)
            else:
                end = match.end("unit") if word in _CURRENCY_WORDS else match.start("unit")
            end = max(end, match.end("number"))
        if unit is None and joined:
            unit, end = joined  # "a 6.1-inch screen", "a 185-hp engine"
        # Trim the span to what was read.
        while end > match.start() and text[end - 1].isspace():
            end -= 1
        if unit and unit not in _NO_RATE and " per " not in unit:
            unit, end = _rate(text, unit, end)  # "$5 a month", "$2 per share"
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
            of = _share_base(text, end)
        approximate, bound = _bound(text, start)
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
                _precision(number, multiplier * power) if not is_word_number else multiplier,
            )
        )
    lowered = text.lower()
    if any(word in lowered for word in _FRACTION_WORDS):
        found.extend(_fractions(text, found))
    if ":" in text:
        found.extend(_clock_durations(text, found))
    if "/" in text or "⁄" in text:
        found = _written_fractions(text, found)
    if _VAGUE_HINT.search(text):
        found.extend(_vague_amounts(text, found))
    if "one of" in lowered:
        found = _one_of(text, found)
    found.sort(key=lambda q: q.start)
    _borrow_units(text, found)
    found = [
        q
        for q in found
        if q.unit is not None or q.text[:1].isdigit() or not _SUSPENDED_HYPHEN.match(text, q.end)
    ]  # "four- to five-year": a word figure kept for its hyphen but given no unit
    _parallel_units(text, found)
    return [_as_age(text, q) for q in _merge_ranges(text, found)]


# "8 or $9", "a 7- or 8-inch screen", "four-, five- and six-cylinder engines"
_OR_GLUE = re.compile(r"-?,?\sor\s|-,?\s(?:and|to)\s|-,\s")
# A suspended hyphen: the unit comes with the last of a list ("two- and three-bedroom").
_SUSPENDED_HYPHEN = re.compile(r"-(?:,\s|\s(?:and|or|to)\s)")


def _borrow_units(text: str, found: list[Quantity]) -> None:
    """ "8 or $9", "a 7- or 8-inch screen", "eight or nine euros": the bare first figure
    takes the unit of the second."""
    for index in range(len(found) - 1, 0, -1):
        bare, named = found[index - 1], found[index]
        if (
            bare.unit is None
            and named.unit is not None
            and bare.high is None
            and _OR_GLUE.fullmatch(text, bare.end, named.start)
        ):
            found[index - 1] = dataclasses.replace(bare, unit=named.unit)


_FIGURE = re.compile(r"(\d[\d,]*)(?:\.(\d+))?")
_SENTENCE_BREAK = re.compile(r"[.!?;]\s+[A-Z]")
_NOT_LENT = frozenset(
    ("percentage", "percentage point", "fraction", "magnitude", "year of age", "second")
)


def _shape(quantity: Quantity) -> tuple[int, bool] | None:
    """How a figure is written, when that is distinctive: with a scale word ("2.4 million"),
    or by its decimal places ("41.27", "5,208.64"); None for a whole number under 1,000
    ("7"), which is too common to pair by its look."""
    figure = _FIGURE.search(quantity.text)
    if not figure:
        return None
    decimals = len(figure.group(2) or "")
    digits = len(figure.group(1).replace(",", ""))
    if _SCALE_IN.search(quantity.text, figure.end()):
        return 0, True  # "3.9 million headsets ... 2.4 million", "280 million of 1.5 billion"
    if not (decimals or digits >= 4):
        return None
    return decimals, False


def _parallel_units(text: str, found: list[Quantity]) -> None:
    """ "68,400 people ... and 95,800 who", "ended at 1,463.78 points ... at 1,334.20": a
    bare figure written like a figure with a unit near it in the same sentence is in that
    unit; news leaves the unit out of a figure that repeats another's kind. Whole numbers
    under 1,000 are not paired (scores, ranks), and percentages, fractions, magnitudes and
    ages lend no unit (they are written out each time)."""
    bare_figures = [
        index
        for index, q in enumerate(found)
        if q.unit is None and q.high is None and q.text[:1].isdigit()
    ]
    if not bare_figures or len(found) < 2:
        return
    shapes: dict[int, tuple[int, bool] | None] = {}

    def shape_of(index: int) -> tuple[int, bool] | None:
        if index not in shapes:
            shapes[index] = _shape(found[index])
        return shapes[index]

    units = [q.unit for q in found]  # as written: a lent unit is not lent on
    for index in bare_figures:
        bare = found[index]
        shape = shape_of(index)
        if shape is None:
            continue
        nearest: int | None = None
        distance = 150
        # the nearest figure of the same look on either side, within the distance
        for step in (-1, 1):
            other_index = index + step
            while 0 <= other_index < len(found):
                other = found[other_index]
                gap = other.start - bare.end if step > 0 else bare.start - other.end
                if gap >= distance:
                    break
                if (
                    gap >= 0
                    and units[other_index] is not None
                    and units[other_index] not in _NOT_LENT
                    and shape_of(other_index) == shape
                ):
                    nearest, distance = other_index, gap
                    break
                other_index += step
        if nearest is None or _SENTENCE_BREAK.search(
            text, min(bare.end, found[nearest].end), max(bare.start, found[nearest].start)
        ):
            continue
        found[index] = dataclasses.replace(bare, unit=units[nearest])


_ONE_OF = re.compile(
    r"(?i)(?<![\w-])one\sof\s(?:(?P<count>\d{1,3}|"
    + "|".join(w for w in sorted(_NUMBER_WORDS, key=len, reverse=True) if _NUMBER_WORDS[w] >= 2)
    + r")\s|(?:the|my|his|her|its|their|our|your|these|those)\s|[A-Z]\w{0,20}['’]s\s)?"
)
_NO_ONE_BEFORE = re.compile(r"(?i)\b(?:no|any|every|each)\s$")


def _one_of(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "one of the best screens": one member of a group (1, unit the group's noun);
    "one of four mission concepts": a share (1/4)."""
    taken = sorted((q.start, q.end) for q in found)
    starts = [start for start, _ in taken]
    replaced: list[tuple[int, int]] = []
    extra: list[Quantity] = []
    for match in _ONE_OF.finditer(text):
        start = match.start()
        if _NO_ONE_BEFORE.search(text, max(0, start - 6), start):
            continue
        phrase = _noun_phrase(text, match.end())
        count = match.group("count")
        total = _number(count) if count else None
        if total:
            replaced.append((start, match.end()))  # "four" in "one of four" is read here
            end = match.end() - 1
            of = text[match.end() : phrase[1]] if phrase else None
            extra.append(
                Quantity(
                    start, end, text[start:end], 1 / total, None, "fraction", of, False, None, 0.01
                )
            )
            continue
        index = bisect.bisect_left(starts, start + 3)
        if index and taken[index - 1][1] > start:
            continue  # inside a figure already read
        unit = phrase[0] if phrase else None
        extra.append(
            Quantity(start, start + 3, text[start : start + 3], 1.0, None, unit, None, False)
        )
    if replaced:
        found = [q for q in found if not _inside_any(q, replaced)]
    return found + extra


def _inside_any(quantity: Quantity, spans: list[tuple[int, int]]) -> bool:
    """Whether ``quantity`` starts inside one of ``spans`` (sorted, not overlapping)."""
    index = bisect.bisect_right(spans, (quantity.start, quantity.start))
    if index < len(spans) and spans[index][0] == quantity.start:
        return True
    return bool(index) and spans[index - 1][1] > quantity.start


_AGE_AFTER = re.compile(r"[-\s]?(?:years?|yrs?)?[-\s]old\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged?|age of)\s+$", re.IGNORECASE)


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
    """ "tens of thousands" -> (10,000, 100,000): the order named, times its multiplier."""
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
        if unit and (phrase := _noun_phrase(text, match.start("noun"))):
            unit, end = phrase  # "thousands of job cuts"
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


# A fraction written with a slash, of a unit: "1/16 of a pint", "a 1/4-mile track", "3/4
# inch"; the fraction slash "⁄" marks a fraction on its own. Other slashed figures ("9/11",
# "24/7", scores) are not fractions.
_SLASH_FRACTION = re.compile(r"(?<![\w/.,⁄])(\d{1,3})\s?([/⁄])\s?(\d{1,4})(?![\w/⁄]|[.,]\d)")
_FRACTION_UNIT = re.compile(
    r"(?:\sof\s(?:an?\s)?|[\s-])(?:(?:US|U\.S\.|UK|imperial)\s)?"
    r"(?:(?P<modifier>square|sq|cubic|cu|fluid|fl|nautical)\.?\s)?(?P<unit>[A-Za-z]{1,12})\b"
)


def _written_fractions(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "1/16 of a US pint" (0.0625 pint), "a 1/4-mile track", "1⁄32": the figures read
    apart ("1", "16") give way to the fraction."""
    extra: list[Quantity] = []
    for match in _SLASH_FRACTION.finditer(text):
        numerator, slash, denominator = match.groups()
        if int(denominator) < 2 or int(numerator) >= int(denominator):
            continue
        unit: str | None = None
        end = match.end()
        if after := _FRACTION_UNIT.match(text, end):
            name = _unit_name(after.group("unit").lower())
            if name in _MEASURES:
                modifier = after.group("modifier")
                unit = f"{_UNIT_MODIFIERS[modifier.lower()]} {name}" if modifier else name
                end = after.end()
        if unit is None and slash == "/":
            continue
        start = match.start()
        extra.append(
            Quantity(
                start,
                end,
                text[start:end],
                int(numerator) / int(denominator),
                None,
                unit,
                None,
                False,
                None,
                0.001,
            )
        )
    if not extra:
        return found
    spans = [(q.start, q.end) for q in extra]
    kept = [q for q in found if not any(q.start < e and s < q.end for s, e in spans)]
    return kept + extra


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
# Not a code: "sub-500 sq m" (under 500), "0-to-60-mph" and "200,000 to-260,000" (ranges).
_OPEN_BEFORE = re.compile(r"(?i)(?:\bsub|\bto)-$")
# "37m" is a length, not 37 million, when a dimension or a converted length follows.
_METRES_AFTER = re.compile(
    r"-(?:long|tall|high|wide|deep|thick)\b|\s?\(\s?\d[\d,.]{0,8}\s?(?:ft|feet|foot|yards?|in)\b"
)


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


_BY_BEFORE = re.compile(r"\bby\s$")


def _range_unit(low: str | None, high: str | None) -> tuple[bool, str | None]:
    """Whether two figures' units can make one range, and its unit: the same unit, one
    bare ("5 to 10 percent"), or a rate and its base ("$62 and $68 per share")."""
    if low == high or low is None:
        return True, high if low is None else low
    if high is None:
        return low in CURRENCY_UNITS, low  # "$10 to 15", but not "rose 8% to 3.65"
    if high.startswith(f"{low} per "):
        return True, high
    return False, None


def _merge_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "252 miles to 287 miles", "between $62 and $68": one range of one unit."""
    merged: list[Quantity] = []
    for quantity in found:
        if merged:
            last = merged[-1]
            glue = text[last.end : quantity.start]
            same, unit = _range_unit(last.unit, quantity.unit)
            if (
                not same
                and quantity.unit is None
                and quantity.value < last.value
                and last.unit not in (None, "percentage")
            ):
                same, unit = True, last.unit  # a tally: "by 58 votes to 41"
            if (
                last.high is None
                and (
                    (len(glue) <= 5 and _RANGE_GLUE.search(glue))
                    or (  # "from 450 sq ft up to 900 sq ft"
                        glue == " up to "
                        and _FROM_BEFORE.search(text, max(0, last.start - 5), last.start)
                    )
                )
                and same
                and (
                    glue.strip() != "and"
                    or text[max(0, last.start - 8) : last.start].strip().endswith("between")
                )
                # "rose by 8 to 65" is a change and a level; "by 58 votes to 41" a tally
                and (
                    not _BY_BEFORE.search(text, max(0, last.start - 3), last.start)
                    or (quantity.value < last.value and quantity.unit in (None, last.unit))
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
                    unit,
                    last.of,
                    last.approximate,
                    last.bound,
                    min(last.precision, quantity.precision),
                )
                continue
        merged.append(quantity)
    # "tied at 2-2": a range whose ends are the same figure is that one value
    return [dataclasses.replace(q, high=None) if q.high == q.value else q for q in merged]
