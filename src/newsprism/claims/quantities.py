"""Quantities in text: money with currency and scale, percentages and what they are of,
counts and measures with units, ranges — each with a normalised value and exact span.

Hand-written because the maintained parsers measured on the NewsQuant dev set either
mis-read news money ("£1.2bn") or need a model download; see ``newsprism eval newsquant``.
Calendar years, days of the month and clock times are dates, not quantities.

:func:`find_quantities` reads each written figure (``claims/figures.py``), then what takes
more than one: fractions, vague amounts ("thousands of") and "one of" in words, race
times, units lent across a list or to a parallel figure, ranges and ages;
:func:`merge_durations` joins "3 hours 5 minutes" for comparing claims.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Mapping

from newsprism.claims.count_units import is_count_unit, parse, parsed_count_units
from newsprism.claims.figures import (
    SUSPENDED_HYPHEN,
    Quantity,
    bound_before,
    read_figures,
    share_base,
)
from newsprism.claims.grammar import NumberGrammar, english_numerals, number_grammar
from newsprism.claims.languages import NumberWords
from newsprism.claims.numbers import (
    FRACTION_PHRASE,
    FRACTION_SHARES,
    FRACTION_WORDS,
    NUMBER_WORD_VALUES,
    SCALES,
    number_value,
)
from newsprism.claims.units import (
    CURRENCY_UNITS,
    FRACTION_UNIT,
    MEASURES,
    STOP_UNITS,
    UNIT_MODIFIERS,
    normal_unit,
    noun_phrase,
    unit_name,
)


def find_quantities(
    text: str, parse_units: bool = True, language: str | None = None
) -> list[Quantity]:
    """Every quantity in ``text``, in order of position. ``parse_units``: a count's unit is
    the noun the number modifies in the dependency parse (``claims/count_units.py``).
    ``language`` (a code such as "de") decides the number grammar (``claims/grammar.py``):
    English or None reads as English does; a language without a known grammar gives
    nothing rather than misread figures."""
    grammar = number_grammar(language)
    if not grammar.readable:
        return []
    if not grammar.english:
        return _local_quantities(text, grammar)
    found = read_figures(text)
    lowered = text.lower()
    if any(word in lowered for word in FRACTION_WORDS):
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
        if q.unit is not None or q.text[:1].isdigit() or not SUSPENDED_HYPHEN.match(text, q.end)
    ]  # "four- to five-year": a word figure kept for its hyphen but given no unit
    _parallel_units(text, found)
    if parse_units and any(is_count_unit(q.unit) for q in found):
        found = parsed_count_units(parse(text), found)
    return [_as_age(text, q) for q in _merge_ranges(text, found)]


def _local_quantities(text: str, grammar: NumberGrammar) -> list[Quantity]:
    """The quantities of a text in another language than English: its numerals rewritten
    in English form (one character for one, so spans hold), then read with the words of
    its language; the rules made of English words (fractions and vague amounts in words,
    "one of", the English parse) are left out."""
    read = english_numerals(text, grammar)
    found = read_figures(read, grammar)
    if ":" in read:
        found.extend(_clock_durations(read, found))
    if "/" in read or "⁄" in read:
        found = _written_fractions(read, found)
    found.sort(key=lambda q: q.start)
    _parallel_units(read, found)
    merged = _merge_ranges(read, found, _range_words(str(grammar.language), grammar.words))
    return [dataclasses.replace(q, text=text[q.start : q.end]) for q in merged]


_RANGE_GLUE = re.compile(r"\s?(?:to|-|–|and)\s?$")
_FROM_BEFORE = re.compile(r"\bfrom\s$")

# A race time or other duration written as h:mm:ss ("in 2:04:37"); clock times say "at".
_HMS = re.compile(r"(?<![\w:.,])(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:]|\s?[ap]\.?m\b)")
_DURATION_SECONDS = {"hour": 3600.0, "minute": 60.0, "second": 1.0}

# "8 or $9", "a 7- or 8-inch screen", "four-, five- and six-cylinder engines"
_OR_GLUE = re.compile(r"-?,?\sor\s|-,?\s(?:and|to)\s|-,\s")


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
    + "|".join(
        w for w in sorted(NUMBER_WORD_VALUES, key=len, reverse=True) if NUMBER_WORD_VALUES[w] >= 2
    )
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
        phrase = noun_phrase(text, match.end())
        count = match.group("count")
        total = number_value(count) if count else None
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
        unit = None if noun in STOP_UNITS else normal_unit(noun)
        end = match.end() if unit else match.end("amount")
        if unit and (phrase := noun_phrase(text, match.start("noun"))):
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
    for match in FRACTION_PHRASE.finditer(text):
        start = match.start("fraction")
        if _overlaps(start, match.end(), found):
            continue
        share = FRACTION_SHARES[re.sub(r"\s+", " ", match.group("fraction").lower())]
        approximate, bound = bound_before(text, start)
        if match.group("of"):
            end = match.end("fraction")
            of = share_base(text, end)
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
            multiplier = SCALES[match.group("scale").lower()]
            end = match.end()
            unit = None
            noun = re.match(r"\s([a-z]{3,20})\b", text[end:])
            if noun and noun.group(1) not in STOP_UNITS:
                unit = normal_unit(noun.group(1))  # "half a million people"
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
        if after := FRACTION_UNIT.match(text, end):
            name = unit_name(after.group("unit").lower())
            if name in MEASURES:
                modifier = after.group("modifier")
                unit = f"{UNIT_MODIFIERS[modifier.lower()]} {name}" if modifier else name
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
_SCALE_VALUES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}


@dataclasses.dataclass(frozen=True, slots=True)
class _RangeWords:
    glue: re.Pattern[str]  # what joins a range's ends ("to", "-")
    joined: frozenset[str]  # glue that makes a range only after ``between`` ("and")
    between: tuple[str, ...]
    reach: int  # how far before a range ``between`` is looked for
    scale_in: re.Pattern[str]  # a scale word in a figure's text, in group 1 or 2
    scales: Mapping[str, float]


_ENGLISH_RANGES = _RangeWords(
    _RANGE_GLUE, frozenset(("and",)), ("between",), 8, _SCALE_IN, _SCALE_VALUES
)


@functools.lru_cache(maxsize=32)
def _range_words(language: str, words: NumberWords | None) -> _RangeWords:
    """How ``language`` writes a range: "2 bis 3 Millionen", "entre 2 et 3 millions"."""
    if words is None:
        return _ENGLISH_RANGES
    alternatives = "|".join(re.escape(w) for w in (*words.range_to, *words.range_and))
    glue = re.compile(rf"\s?(?:-|–{'|' + alternatives if alternatives else ''})\s?$")
    scales = "|".join(
        re.escape(w).replace(r"\ ", r"\s") for w in sorted(words.scales, key=len, reverse=True)
    )
    scale_in = re.compile(rf"(?i)(?<!\w)({scales})(?!\w)()")
    folded = {" ".join(w.split()): v for w, v in words.scales.items()}
    reach = max((len(w) for w in words.between), default=0) + 2
    return _RangeWords(glue, frozenset(words.range_and), words.between, reach, scale_in, folded)


def _shared_scale(low_text: str, high: Quantity, words: _RangeWords) -> float | None:
    """The multiplier of the range's top when only the top names it ("4 to 5 thousand")."""
    if words.scale_in.search(low_text):
        return None
    found = words.scale_in.search(high.text)
    if not found:
        return None
    word = " ".join((found.group(1) or found.group(2)).lower().split())
    return words.scales[word]


_BY_BEFORE = re.compile(r"\bby\s$")
# The words between "from" a figure and "to" another in the same clause: no clause break,
# a time's point only between its digits.
_FAR_TO = re.compile(r"\s(?:[^,;:.()]|(?<=\d)\.(?=\d)){1,40}?\sto\s")


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


def _merge_ranges(
    text: str, found: list[Quantity], words: _RangeWords = _ENGLISH_RANGES
) -> list[Quantity]:
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
                    (len(glue) <= 5 and words.glue.search(glue))
                    or (  # "from 450 sq ft up to 900 sq ft"
                        glue == " up to "
                        and _FROM_BEFORE.search(text, max(0, last.start - 5), last.start)
                    )
                    or (  # "from $36,040 at 10.45pm last night to $34,935"
                        last.unit is not None
                        and last.unit == quantity.unit
                        and _FAR_TO.fullmatch(glue)
                        and _FROM_BEFORE.search(text, max(0, last.start - 5), last.start)
                    )
                    or (  # "$7/$9": two amounts of one currency
                        glue == "/" and last.unit == quantity.unit and last.unit in CURRENCY_UNITS
                    )
                )
                and same
                and (
                    glue.strip() not in words.joined
                    or text[max(0, last.start - words.reach) : last.start]
                    .strip()
                    .endswith(words.between)
                )
                # "rose by 8 to 65" is a change and a level; "by 58 votes to 41" a tally
                and (
                    not _BY_BEFORE.search(text, max(0, last.start - 3), last.start)
                    or (quantity.value < last.value and quantity.unit in (None, last.unit))
                )
            ):
                low = last.value
                scale = _shared_scale(text[last.start : last.end], quantity, words)
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
