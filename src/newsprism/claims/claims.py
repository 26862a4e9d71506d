"""Claims, claim groups and conflicts across a batch (first version).

A claim is a quantity in a sentence of an article: its normalised value and unit, what a
percentage is of, the sentence's subject words and the year it is "as of". Claims about the
same subject in the same unit are grouped across articles; a group is corroborated when
independent sources agree, single-source when one source (or copies of it) says it, a
conflict when independent sources give different values, and different-scope when the
values are the very same share of different things ("4% of GDP" / "4% of their budgets").
Event dates ("on 14 October", "on Wednesday night") are compared like figures and clash
as attribute conflicts, but are not claims of the dossier. People named differently, or
given roles that clash, are name and attribute conflicts (``name_conflicts``, with
``claims/roles.py``). Precision over recall throughout.

Two figures are compared only when they have the same scope: one dimension (units are
converted, so "1.5 tonnes" is "1,500 kg" and "$1,750bn" is "$1.75 trillion"; a count counts
the same noun), the same years ("in 2023" / "in 2024"), the same kind of period (a total
"since the outbreak began" is not one day's count "on Tuesday"; "this year" is not "over
ten years"), the same places (when each sentence names a place, or a part of one such as
"northern" or "nationwide", that the other does not, they are about different places),
both or neither "each", both changes ("rose 9%") or both levels ("rose to 9%"), both
asked for ("called on allies to spend 3%") or both reported, and two tallies ("61 votes to
38") or two single figures. Different figures also need sentences that share a quarter of
their content words, and neither sentence may give the other's figure too.

A figure agrees with another within rounding (half a step of the coarser one's last
written digit: "$7bn" is "$6.93bn"; or 1%), within its approximation ("more than 500" is
530, "nearly 40%" is 39.6%, "about 7,000" is 6,900), when both are bounds the same way ("at
least 56" / "at least 334") and as the sum of the parts the other sentence lists ("9 ... and
five" is 14). Grouping stays linear: a claim meets only the few groups that share the
most of its nearby words, and only their first members.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import ratio

from newsprism.claims.quantities import (
    CURRENCY_UNITS,
    NUMBER_WORDS,
    Quantity,
    find_quantities,
    merge_durations,
)
from newsprism.claims.roles import Role, clashing_roles, mentions, one_name, role_conflicts
from newsprism.claims.sentences import sentence_spans
from newsprism.claims.subjects import measured_nouns, subjects
from newsprism.model import Article
from newsprism.quotes.attribute import TITLE_WORDS
from newsprism.quotes.entities import given_name_like
from newsprism.relate.align import STOPWORDS
from newsprism.relate.independence import Borrowed, count_sources
from newsprism.relate.relations import key_terms

_WORD = re.compile(r"[A-Za-z][\w'’-]{2,}")
_AS_OF = re.compile(r"\b(?:in|by|for|during|since|of)\s((?:19|20)\d\d)\b")
SUBJECT_MIN_OVERLAP = 0.34
MAX_GROUPS_PER_KEY = 64  # a nearby word shared by more groups carries no evidence
MAX_CANDIDATE_GROUPS = 6
MAX_MEMBERS_COMPARED = 3
NEAR_WORDS = 6  # content words each side of a figure that say what it measures
NEAR_MIN_SHARED = 2
_DETERMINERS = re.compile(r"^(?:their|its|the|his|her|our|your|a|an)\s", re.I)
# Figures agree within half a step of their last written digit ("$4bn" is $3.5bn to $4.5bn,
# "2.5%" is 2.45% to 2.55%) or within this share (unit conversions, float noise).
ROUNDING_TOLERANCE = 0.01
APPROXIMATE_TOLERANCE = 0.10
# Two dates clash only in sentences that say the same thing: the Jaccard similarity of
# their content words (without the dates) must reach this.
DATE_MIN_JACCARD = 0.55
VALUE_MIN_JACCARD = 0.25
STORY_EVIDENCE_MIN_TERMS = 12  # names and figures an article needs for its story to count
BOUND_TOLERANCE = 0.15  # "more than 500" reads as 500 to 575, "nearly 40" as 34 to 40

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
# Words that say who reported a figure, not what it is.
_ATTRIBUTION = frozenset(
    "said says told according officials official reported announced spokesman spokeswoman "
    "added statement percent cent".split()
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "officials said on Sunday" dates the report, not the figure.
_CUE_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|reported|confirmed|added|stated|disclosed)"
    r"(?:\s[\w'’-]+){0,2}\s$"
)
# A figure for a whole: a running total, a total over years or up to a year.
_CUMULATIVE = (
    r"\b(?:since|so far|to date|in total|totall?(?:ed|ing)|totals|altogether|"
    r"cumulative(?:ly)?|death toll|(?:has|have|had) now|(?:has|have) (?:risen|climbed) to|"
    r"over (?:the )?(?:next |past |last |coming )?(?:\w+ )?(?:years|decades?)|"
    r"by (?:the end of )?(?:(?:19|20)\d\d|the (?:decade|century))|over (?:the )?(?:next |coming )?"
    r"decade)\b"
)
# A figure someone asks for ("called on allies to spend 3%", "members must spend 3%") is not
# one that is reported as fact.
_DEMAND = (
    r"\b(?:call(?:s|ed|ing)? (?:for|on)|urg(?:es|ed|ing)|demand(?:s|ed|ing)?|"
    r"press(?:es|ed|ing)? (?:for|allies|members)|(?:ha(?:ve|s)|need(?:s)?) to|must|should)\b"
)
# A change ("rose 9%", "a 9% rise") is not a level ("rose to 9%").
_CHANGE_BEFORE = re.compile(
    r"(?i)\b(?:rose|rise|risen|rising|increased?|increasing|grew|grow(?:n|s|ing)?|fell|fall(?:en|s)?|"
    r"dropped|drops?|declined?|declining|decreased?|cut|jumped|jumps?|surged?|slumped|plunged|"
    r"climbed|gained|lost|expanded|contracted|shrank|up|down|raising|lifting|lifted|raised|"
    r"slowed|eased|hike[sd]?)(?:\s(?:by|of|nearly|about|around|some|almost|roughly|more than))*"
    r"\s$"
)
_CHANGE_AFTER = re.compile(
    r"(?i)(?:\s[\w-]+)?\s(?:rise|increase|drop|fall|decline|jump|gain|cut|growth|decrease|"
    r"hike|rebound|slump|surge)s?\b"
)
# Where a figure's clause ends: a semicolon or dash, or a comma before a new clause.
_CLAUSE_BREAK = re.compile(
    r"[;:—–]|\s-\s|,\s(?=(?:when|while|which|who|where|although|though|but|whereas|because)\b)"
)
# A figure for one period, by the period's length.
_GRAINS = {
    "day": (
        r"\b(?:overnight|(?:in|within) (?:the |a single )?24 hours|in a single day|"
        r"per day|daily|that day|alone|today|yesterday)\b"
    ),
    "week": r"\b(?:(?:this|last|that|a|per) week|weekly)\b",
    "month": r"\b(?:(?:this|last|that|a|per) (?:month|summer|winter|spring|autumn)|monthly)\b",
    "year": (
        r"\b(?:(?:this|last|that|per|each|every|(?:its |the )?first) year|"
        r"a year(?! (?:earlier|ago|later|before|after|on))|annual(?:ly)?|yearly|per annum)\b"
    ),
}
_ON_DAY = rf"\b(?:on|last|this)\s{_WEEKDAY}\b"
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY_MENTION = re.compile(
    r"(?<![\w'’-])(?P<weekday>" + "|".join(_WEEKDAYS) + r")(?:['’]s)?(?![\w'’-])"
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1
    )
}
_DATE_STEMS = frozenset(
    word.casefold()[:5]
    for word in [
        *_WEEKDAYS,
        *re.findall(r"[A-Z][a-z]+", _MONTH),
        *"night morning evening afternoon".split(),
    ]
)
_CALENDAR = re.compile(
    rf"(?<![\w.,])(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s(?P<month>{_MONTH})"
    rf"|(?P<month2>{_MONTH})\s(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:]))(?![\w])"
)
_EACH = (
    r"\beach\b(?!\s(?:year|day|week|month|time|other))|\bapiece\b|"
    r"\bper (?:person|head|capita)\b"
)
# The words that scope a sentence's figures, each kind with the words it needs (a sentence
# without any of them is not searched for it).
_MARKERS = {
    name: (frozenset(keys.split()), re.compile(pattern, re.IGNORECASE))
    for name, keys, pattern in (
        (
            "cumulative",
            "since far date total totals totalled totaled totalling totaling altogether "
            "cumulative cumulatively toll now risen climbed over by",
            _CUMULATIVE,
        ),
        (
            "demand",
            "call calls called calling urge urges urged urging demand demands demanded "
            "demanding press presses pressed pressing have has need needs must should",
            _DEMAND,
        ),
        ("each", "each apiece per", _EACH),
        ("day", "overnight hours single per daily day alone today yesterday", _GRAINS["day"]),
        ("week", "week weekly", _GRAINS["week"]),
        ("month", "month summer winter spring autumn monthly", _GRAINS["month"]),
        ("year", "year annual annually yearly annum", _GRAINS["year"]),
        ("on_day", "monday tuesday wednesday thursday friday saturday sunday", _ON_DAY),
    )
}
_YEAR = re.compile(r"(?<![\w.,-])((?:19|20)\d\d)(?:[-–/](\d\d))?(?![\w-])")
_RELATIVE_YEAR = re.compile(r"(?i)\b(this|last|next|previous) (year|season)\b")
_PROPER = re.compile(
    r"(?<![\w'’-])(?:[A-Z][\w'’-]*[a-z][\w'’-]*|[A-Z]{2}(?![\w'’-])|(?:[A-Z]\.){2,})"
)
# Words that narrow a figure to part of a place, or widen it to the whole country.
_PLACE_SCOPE = frozenset(
    "northern southern eastern western northeastern northwestern southeastern southwestern "
    "north-eastern north-western south-eastern south-western inland coastal nationwide "
    "nationally countrywide worldwide globally".split()
)
_NOT_PLACES = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Mr Mrs Ms Dr".split()
)
# Words between a figure and the noun it counts, and words that end that noun's phrase.
_NOUN_STOPS = frozenset(
    "more less new further additional extra other per each of in on at for from with by as "
    "to than and or but who which that this these those were was is are be been have has had "
    "will would could can may might said a an the its their his her our your".split()
)
_OPENERS = frozenset(
    "about around nearly almost roughly approximately more over just only another since "
    "while although though despite meanwhile however according last next this".split()
)
_INCREMENT_AFTER = frozenset("more new further additional extra".split())
_ANOTHER = re.compile(r"(?i)\banother\s$")
_POSSESSIVE = re.compile(r"['’]s$")
_TOKEN = re.compile(r"[\w'’.,$€£%-]+")
_LOWER_WORD = re.compile(r"[a-z][a-z'’-]*")
_PLAIN_WORD = re.compile(r"\w+")


def _subject_words(words: Sequence[str]) -> list[str]:
    words = [
        w.casefold()
        for w in words
        # Lower-case content words and acronyms (GDP, NATO); names say who, not what.
        if (w.casefold() not in STOPWORDS and not w[:1].isupper()) or w.isupper()
    ]
    return [w for w in words if w not in ("said", "says", "percent", "cent")][:8]


def _stem(word: str) -> str:
    """A crude stem so "member"/"members" and "spend"/"spending" compare equal."""
    return word[:5]


def _content_words(folded: Sequence[str]) -> frozenset[str]:
    """Stems of what a sentence is about: content words and names (the places and
    organisations that tie two reports of one event together), without attribution."""
    return frozenset(_stem(w) for w in folded if w not in STOPWORDS and w not in _ATTRIBUTION)


def _proper_nouns(sentence: str, folded: Sequence[str]) -> frozenset[str]:
    """Capitalised words naming places, organisations or people (not weekdays, months, or a
    first word that only opens the sentence: "The", "About", "Twelve"), and words that
    narrow a place ("northern", "nationwide")."""
    found: set[str] = set()
    for match in _PROPER.finditer(sentence):
        word = _POSSESSIVE.sub("", match.group())
        lower = word.casefold()
        if word in _NOT_PLACES or (
            not sentence[: match.start()].strip(" \"'‘“")
            and (
                lower in STOPWORDS
                or lower in _OPENERS
                or all(part in NUMBER_WORDS for part in lower.split("-"))
            )
        ):
            continue
        found.add(word)
    found.update(w for w in folded if w in _PLACE_SCOPE)
    return frozenset(found)


def _mentions(word: str, claim: Mapping[str, Any]) -> bool:
    """Whether the sentence of ``claim`` mentions ``word``, allowing for spelling variants
    ("Ukrainian" / "Ukraine", "Kharkiv" / "Kharkov")."""
    folded = word.casefold()
    words: frozenset[str] = claim["_folded"]
    if word in claim["_places"]:
        return True
    if folded in words or folded in _PLACE_SCOPE:
        return folded in words
    for name in claim["_names"]:
        other = name.casefold()
        if len(folded) >= 5 and len(other) >= 5:
            if folded[:5] == other[:5] and abs(len(folded) - len(other)) <= 2:
                return True
            if ratio(folded, other) >= 80:
                return True
    return any(part in words for part in folded.split("-") if len(part) > 3)


def _other_places(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Each sentence names somewhere the other does not: figures for different places."""
    return any(not _mentions(w, b) for w in a["_places"]) and any(
        not _mentions(w, a) for w in b["_places"]
    )


_NO_YEARS: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
_DIGIT = re.compile(r"\d")


def _years(sentence: str) -> tuple[frozenset[str], frozenset[str]]:
    absolute = frozenset(
        f"{m.group(1)}-{m.group(2)}" if m.group(2) else m.group(1) for m in _YEAR.finditer(sentence)
    )
    relative = frozenset(
        f"{m.group(1).lower()} {m.group(2).lower()}" for m in _RELATIVE_YEAR.finditer(sentence)
    )
    return absolute, relative


def _markers(sentence: str, folded: frozenset[str]) -> tuple[set[str], frozenset[str]]:
    """The scope words of a sentence ("cumulative", "demand", "each") and the lengths of the
    periods it gives its figures for ("on Tuesday" is a day; "officials said on Tuesday"
    only dates the report). ``folded``: the sentence's words, lower-cased."""
    found: set[str] = set()
    for name, (keys, pattern) in _MARKERS.items():
        if not keys & folded:
            continue
        if name != "on_day":
            if pattern.search(sentence):
                found.add(name)
            continue
        for match in pattern.finditer(sentence):
            if not _CUE_BEFORE.search(sentence[max(0, match.start() - 40) : match.start() + 1]):
                found.add("day")
    return found, frozenset(found & set(_GRAINS))


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
    return _stem(head[:-1] if head.endswith("s") and len(head) > 3 else head)


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


def _base_words(base: str | None) -> frozenset[str]:
    if not base:
        return frozenset()
    return frozenset(
        _stem(w.casefold().rstrip("s"))
        for w in _WORD.findall(base)
        if w.casefold() not in STOPWORDS
    )


def _change(sentence: str, quantity: Quantity) -> bool:
    """Whether a percentage is a change ("fell 6.1%", "a 9% rise"), not a level."""
    return bool(
        _CHANGE_BEFORE.search(sentence[max(0, quantity.start - 40) : quantity.start])
        or _CHANGE_AFTER.match(sentence, quantity.end)
    )


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The span of the clause around ``sentence[start:end]``."""
    clause_start, clause_end = 0, len(sentence)
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.end() <= start:
            clause_start = match.end()
        elif match.start() >= end:
            clause_end = match.start()
            break
    return clause_start, clause_end


def _span(quantity: Quantity) -> tuple[int, int]:
    return quantity.start, quantity.end


def _sentence_scope(text: str, words: Sequence[str]) -> dict[str, Any]:
    """What every figure of a sentence shares: its wording, years, periods and places."""
    years, relative_years = _years(text) if _DIGIT.search(text) else _NO_YEARS
    folded = [w.casefold() for w in words]
    markers, grains = _markers(text, frozenset(_PLAIN_WORD.findall(text.casefold())))
    return {
        "_words": _content_words(folded),
        "_years": years,
        "_relative_years": relative_years,
        "_cumulative": "cumulative" in markers,
        "_grains": grains,
        "_each": "each" in markers,
        "_demand": "demand" in markers,
        "_places": _proper_nouns(text, folded),
        "_names": frozenset(w for w in words if w[:1].isupper()),
        "_folded": frozenset(folded) | {w[:-2] for w in folded if w.endswith(("'s", "’s"))},
    }


def _dates(text: str) -> list[tuple[int, int, str, int]]:
    """Days an event is said to happen: (start, end, family, value) for "on 14 October"
    (month * 100 + day) and "on Wednesday night" (weekday), not the day a report was made
    ("officials said on Monday")."""
    found: list[tuple[int, int, str, int]] = []
    for match in _CALENDAR.finditer(text):
        day = match.group("day") or match.group("day2")
        month = match.group("month") or match.group("month2")
        if not 1 <= int(day) <= 31:
            continue
        value = (_MONTH_NUMBERS[month[:3].casefold()]) * 100 + int(day)
        found.append((match.start(), match.end(), "date:calendar", value))
    for match in _WEEKDAY_MENTION.finditer(text):
        if any(start <= match.start() < end for start, end, _, _ in found):
            continue
        found.append(
            (match.start(), match.end(), "date:weekday", _WEEKDAYS.index(match.group("weekday")))
        )
    return [date for date in sorted(found) if not _CUE_BEFORE.search(text[: date[0]][-40:])]


def extract_claims(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Figures and event dates in each sentence, with what is needed to compare them.
    Dates (``_date``) are compared like figures but are not claims of the dossier."""
    claims: list[dict[str, Any]] = []
    for article in sorted(articles, key=lambda a: a.id):
        number = 0
        dates_found = 0
        # Story clustering needs names and figures to go on: a short passage that shares
        # few with anything is not shown to be about another event by being alone.
        placed = len(key_terms(article)) >= STORY_EVIDENCE_MIN_TERMS
        for sentence_start, sentence_end in sentence_spans(article.text):
            text = article.text[sentence_start:sentence_end]
            quantities = merge_durations(text, find_quantities(text))
            if _ORDINAL_HINT.search(text):
                quantities = sorted([*quantities, *_ordinals(text, quantities)], key=_span)
            dates = _dates(text)
            if not quantities and not dates:
                continue
            words = _WORD.findall(text)
            scope = _sentence_scope(text, words)
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
                        "_near": _near_words(
                            text, quantity.start, quantity.end, _clause(text, *_span(quantity))
                        ),
                        "scope": _scope(text, quantity.start, _clause(text, *_span(quantity))),
                        "_holders": _holders(text, quantity.start, _clause(text, *_span(quantity))),
                        "_quoted": _inside_quotes(text, quantity.start),
                        "_method": bool(_SURVEY_METHOD.search(text)),
                        "_gap": _is_gap(text, quantity.start, quantity.end),
                        "_conditional": bool(_CONDITIONAL.search(text)),
                        "_base": base,
                        "_base_words": _base_words(base),
                        "_family": family,
                        "_value": figures[index][1],
                        "_high": None if high is None else high * factor + offset,
                        "_precision": quantity.precision * factor,
                        "_bound": quantity.bound,
                        "_noun": nouns[index],
                        "_other_nouns": frozenset(n for n in nouns if n and n != nouns[index]),
                        "_figures": figures,
                        "_change": family == "percentage" and _change(text, quantity),
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
                        "_near": _near_words(text, start, end, _clause(text, start, end)),
                        "_holders": frozenset(),
                        "_quoted": _inside_quotes(text, start),
                        "_method": False,
                        "_gap": False,
                        "_conditional": bool(_CONDITIONAL.search(text)),
                        "_base": None,
                        "_base_words": frozenset(),
                        "_family": family,
                        "_value": float(value),
                        "_high": None,
                        "_precision": 0.0,
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


# A poll's or survey's own figures (its margin of error, its sample): each poll has its own.
_SURVEY_METHOD = re.compile(
    r"(?i)\bmargin of (?:sampling )?error\b|\bplus or minus\b|\bsampling error\b"
)
HOLDER_PREFIX = 6
# What could be ("could have about 90% ... Tuesday") is not a report of what is ("would"
# is also reported speech's future: "said it would open on 1 July").
_CONDITIONAL = re.compile(r"(?i)\b(?:could|might)\b")


# A figure that is a difference between two others ("within $4m of the $37m", "12 more
# than", "5 points ahead"): compared only with another difference.
_GAP_BEFORE = re.compile(r"(?i)\bwithin\s(?:about\s|some\s)?$")
_GAP_AFTER = re.compile(
    r"(?i)\s(?:more|less|fewer|higher|lower)\sthan\b|\s(?:ahead|behind|short)\b"
)


def _is_gap(sentence: str, start: int, end: int) -> bool:
    return bool(
        _GAP_BEFORE.search(sentence, max(0, start - 20), start) or _GAP_AFTER.match(sentence, end)
    )


def _inside_quotes(sentence: str, position: int) -> bool:
    """Whether a figure is inside quotation marks in its sentence: someone's words, whose
    differences between outlets are the quotes' business, not a disagreement on facts."""
    before = sentence[:position]
    curly = sum(before.count(c) for c in "“«„") > sum(before.count(c) for c in "”»")
    straight = before.count('"') % 2 == 1
    return curly or straight


def _holder_names(sentence: str, start: int, clause: tuple[int, int]) -> list[str]:
    """The names written before a figure in its clause, as written: whose figure it is
    ("Rubio ... 23 percent", "Cruz and 15 percent")."""
    names: list[str] = []
    last_end = -2
    for m in _PROPER.finditer(sentence, clause[0], start):
        if (
            m.group() in _NOT_PLACES
            or m.group().rstrip(".") in TITLE_WORDS
            or (
                not sentence[: m.start()].strip(" \"'‘“")
                and (m.group().casefold() in STOPWORDS or m.group().casefold() in _OPENERS)
            )
        ):
            continue
        word = _POSSESSIVE.sub("", m.group())
        if names and m.start() == last_end + 1 and sentence[last_end] == " ":
            names[-1] = f"{names[-1]} {word}"  # "United States", "State Department"
        else:
            names.append(word)
        last_end = m.end()
    return names


def _holders(sentence: str, start: int, clause: tuple[int, int]) -> frozenset[str]:
    # By their first letters: "Lurovia's senate" and "the Lurovian senate" hold one figure.
    return frozenset(
        word.casefold()[:HOLDER_PREFIX]
        for name in _holder_names(sentence, start, clause)
        for word in name.split()
    )


# Where a figure holds: a name after "in", "across", ... ("in Velmora", "across the
# Baltic states"), or a word that narrows or widens a place ("northern", "nationwide").
_WHERE = re.compile(
    r"\b(?:in|across|throughout|at|from)\s(?:the\s)?"
    r"((?:[A-Z][\w'’-]*[a-z][\w'’-]*)(?:\s(?:[A-Z][\w'’-]*[a-z][\w'’-]*|of|and)){0,3})"
)


def _scope(sentence: str, start: int, clause: tuple[int, int]) -> dict[str, list[str]]:
    """Who holds a figure and where it holds, as the sentence writes them (the claim's
    ``scope`` extension)."""
    where = [
        m.group(1).removesuffix(" of").removesuffix(" and")
        for m in _WHERE.finditer(sentence)
        if m.group(1).split()[0] not in _NOT_PLACES
    ]
    where += [w for w in _WORD.findall(sentence) if w.casefold() in _PLACE_SCOPE]
    who = [n for n in _holder_names(sentence, start, clause) if not any(n in w for w in where)]
    return {"who": list(dict.fromkeys(who)), "where": list(dict.fromkeys(where))}


def _other_figures_differ(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Both sentences give further figures of one kind and none of them agree ("691
    delegates ... in five states" / "865 delegates ... in 11 states"): two different
    tallies, not one fact reported two ways."""
    own_a, own_b = float(a["_value"]), float(b["_value"])
    for family in {f for f, _ in a["_figures"]} & {f for f, _ in b["_figures"]}:
        mine = [v for f, v in a["_figures"] if f == family and v != own_a]
        theirs = [v for f, v in b["_figures"] if f == family and v != own_b]
        if mine and theirs and not any(_close(x, y, a, b) for x in mine for y in theirs):
            return True
    return False


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


def _near_words(sentence: str, start: int, end: int, clause: tuple[int, int]) -> set[str]:
    """Stems of the content words nearest a figure on each side, within its clause."""

    def content(text: str) -> list[str]:
        return [w.casefold() for w in _WORD.findall(text) if w.casefold() not in STOPWORDS]

    before = content(sentence[clause[0] : start])[-NEAR_WORDS:]
    after = content(sentence[end : clause[1]])[:NEAR_WORDS]
    return {_stem(w) for w in before + after}


def _same_nouns(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Counts of the same thing: the same noun, or a bare figure in a sentence that names
    what the other counts ("deaths ... fell to 207" / "231 road deaths")."""
    if a["_family"] == "ordinal":
        return bool(a["_noun"] and a["_noun"] == b["_noun"])  # "26th meeting" / "25th meeting"
    if a["_family"] != "count":
        return True
    if a["_noun"] and b["_noun"]:
        return bool(a["_noun"] == b["_noun"])
    noun = a["_noun"] or b["_noun"]
    bare = b if a["_noun"] else a
    # The noun must be in the bare figure's sentence and not counted by another figure there.
    return noun is None or (noun in bare["_words"] and noun not in bare["_other_nouns"])


def _same_scope(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Figures of the same years, kind of period, places and per-item basis."""
    if a["_years"] and b["_years"] and not a["_years"] & b["_years"]:
        return False
    if (
        a["_relative_years"]
        and b["_relative_years"]
        and not a["_relative_years"] & b["_relative_years"]
    ):
        return False
    if a["_cumulative"] != b["_cumulative"]:
        part = b if a["_cumulative"] else a
        if part["_grains"] or part["_increment"]:
            return False  # a running total against one period's figure
    if a["_grains"] and b["_grains"] and not a["_grains"] & b["_grains"]:
        return False
    if a["_increment"] != b["_increment"] and (a["_cumulative"] or b["_cumulative"]):
        return False
    if a["_each"] != b["_each"] or a["_change"] != b["_change"] or a["_demand"] != b["_demand"]:
        return False
    return not _other_places(a, b)


def _states(claim: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Whether ``claim``'s sentence also gives ``other``'s figure: then the two sentences
    agree on it, and the different figure is about something else."""
    return any(
        family == other["_family"] and _close(value, float(other["_value"]), claim, other)
        for family, value in claim["_figures"]
    )


def _same_base(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Shares of the same thing: one base says no more than the other ("households" /
    "rural households"), or one does not say."""
    x, y = a["_base_words"], b["_base_words"]
    return not x or not y or x <= y or y <= x


def _jaccard(a: Mapping[str, Any], b: Mapping[str, Any]) -> float:
    x, y = a["_words"] - _DATE_STEMS, b["_words"] - _DATE_STEMS
    return len(x & y) / max(1, len(x | y))


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def _close(x: float, y: float, a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether figures ``x`` of ``a`` and ``y`` of ``b`` agree, allowing for rounding and
    for the way each is approximated."""
    if x == y:
        return True
    if a["_date"] or b["_date"]:
        return False  # days are exact
    diff, scale = abs(x - y), max(abs(x), abs(y))
    # Rounding: within half a step of the coarser figure's last digit.
    if diff <= max(a["_precision"], b["_precision"]) / 2 + 1e-9 * scale:
        return True
    bound_a, bound_b = a["_bound"], b["_bound"]
    if bound_a is None and bound_b is None:
        return diff <= ROUNDING_TOLERANCE * scale
    if bound_a == bound_b and bound_a in ("lower", "upper"):
        return True  # "at least 56" and "at least 334" are both true of 400
    for bound, mine, theirs in ((bound_a, x, y), (bound_b, y, x)):
        if bound == "lower" and mine * (1 - ROUNDING_TOLERANCE) <= theirs <= mine * (
            1 + BOUND_TOLERANCE
        ):
            return True
        if bound in ("upper", "near") and mine * (1 - BOUND_TOLERANCE) <= theirs <= mine * (
            1 + ROUNDING_TOLERANCE
        ):
            return True
    approximate = bound_a in ("about", "near") or bound_b in ("about", "near")
    return diff <= (APPROXIMATE_TOLERANCE if approximate else ROUNDING_TOLERANCE) * scale


def _same_value(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    x, y = a["_value"], b["_value"]
    hx, hy = a["_high"], b["_high"]
    # "61 votes to 38": a tally (falling "range"), compared end by end.
    tally_a = hx is not None and hx < x
    tally_b = hy is not None and hy < y
    if tally_a or tally_b:
        if tally_a and tally_b:
            return _close(x, y, a, b) and _close(hx, hy, a, b)
        return _close(x, y, a, b)
    if hx is not None or hy is not None:
        low = min(x, hx or x, y, hy or y)
        return low <= max(x, y) <= max(hx or x, hy or y)
    if _close(x, y, a, b):
        return True
    # One figure is the sum of the parts the other sentence lists.
    return (a["_parts"] is not None and _close(a["_parts"], y, a, b)) or (
        b["_parts"] is not None and _close(b["_parts"], x, a, b)
    )


def _identical(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """The very same figure: what the same share of two different things needs to be."""
    x, y = float(a["_value"]), float(b["_value"])
    return abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1.0) and a["_high"] == b["_high"]


def _tally(claim: Mapping[str, Any]) -> bool:
    """ "61 votes to 38", "52 percent to 45 percent": two figures side by side."""
    return claim["_high"] is not None and float(claim["_high"]) < float(claim["_value"])


def _subject_needed(
    a: Mapping[str, Any], b: Mapping[str, Any], story_of: Mapping[str, str], identical: bool
) -> float:
    if (
        identical
        and not _same_base(a, b)
        and story_of.get(a["article"], "a") == story_of.get(b["article"], "b")
    ):
        return SUBJECT_MIN_OVERLAP / 2
    return SUBJECT_MIN_OVERLAP


def _comparable(
    head: Mapping[str, Any], claim: Mapping[str, Any], story_of: Mapping[str, str]
) -> float | None:
    """How closely ``claim`` matches a claim already in a group (None: not comparable;
    VETO: it must not join that group). The cheap tests come first."""
    near = len(head["_near"] & claim["_near"])
    if not near or _tally(head) != _tally(claim):
        return None
    words = _overlap(head["_words"], claim["_words"])
    if words < SUBJECT_MIN_OVERLAP / 2:
        return None
    identical = _identical(head, claim)
    if not (
        # Shares of different things are compared only when the figure is the same.
        (identical or _same_base(head, claim))
        and near >= _near_needed(head, claim, identical)
        and words >= _subject_needed(head, claim, story_of, identical)
        and _same_nouns(head, claim)
    ):
        return None
    same = identical or _same_value(head, claim)
    if not same and _not_contradicting(head, claim, story_of):
        return VETO
    if not same and (
        (head["_family"] == "count" and not (head["_noun"] or claim["_noun"]))
        # Different figures clash only in sentences about the same thing; events are dated
        # often, so two days only in closely matching sentences.
        or _jaccard(head, claim) < (DATE_MIN_JACCARD if claim["_date"] else VALUE_MIN_JACCARD)
        # A sentence that also gives the other's figure agrees with it.
        or _states(head, claim)
        or _states(claim, head)
    ):
        return None
    if not _same_scope(head, claim):
        return None
    # A claim joins the group it agrees with before one it would contradict.
    return words + near / 10 + (1.0 if same else 0.0)


VETO = -1.0  # a claim that must not join a group one of whose members it was compared with


def _not_contradicting(
    a: Mapping[str, Any], b: Mapping[str, Any], story_of: Mapping[str, str]
) -> bool:
    """Different figures that are not a disagreement: from reports of different events
    (another state's primary, another poll: only reports of one story contradict), inside
    someone's quoted words, a poll's own margin of error, held by different names ("Cruz
    ... 15%" / "Rubio ... 23%"), or beside other figures that all differ too."""
    return (
        _other_stories(a, b, story_of)
        or a["_quoted"]
        or b["_quoted"]
        or a["_method"]
        or b["_method"]
        or a["_conditional"] != b["_conditional"]
        or a["_gap"] != b["_gap"]
        or bool(a["_holders"] and b["_holders"] and not a["_holders"] & b["_holders"])
        or _other_figures_differ(a, b)
    )


def _other_stories(a: Mapping[str, Any], b: Mapping[str, Any], story_of: Mapping[str, str]) -> bool:
    """Both articles placed in stories on enough evidence, and not in the same one."""
    if not (a["_placed"] and b["_placed"]):
        return False
    first, second = story_of.get(a["article"]), story_of.get(b["article"])
    return first is not None and second is not None and first != second


def _near_needed(a: Mapping[str, Any], b: Mapping[str, Any], identical: bool) -> int:
    """The same share of two different things ("5% of GDP", "5% of budgets") needs less
    shared context to be worth showing side by side: the figure itself already agrees."""
    if identical and not _same_base(a, b):
        return 1
    return NEAR_MIN_SHARED


def group_claims(
    claims: Sequence[dict[str, Any]],
    source_of: Mapping[str, str],
    story_of: Mapping[str, str] | None = None,
    borrowed: Borrowed | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The contract's ``claim_groups`` and the value/attribute ``conflicts`` among them.

    ``story_of`` (article -> story) lets the same share of two different things in reports
    of one story ("5% of GDP" / "5% of their budgets") meet with less shared wording;
    ``borrowed`` (``relate/independence.py``) makes a figure inside a passage one article
    borrowed from another count once with its counterpart."""
    story_of = story_of or {}
    groups: list[list[dict[str, Any]]] = []
    members_of: list[set[str]] = []  # article ids per group, for a constant-time check
    # Groups indexed by (unit family, nearby word): a claim is compared only with the few
    # groups that share most such keys, and with the first few members of each; a key
    # shared by very many groups says nothing and is dropped. Grouping stays linear in
    # the number of claims.
    index: dict[tuple[Any, str], list[int]] = defaultdict(list)
    for claim in claims:
        hits: Counter[int] = Counter()
        for word in claim["_near"]:
            posting = index.get((claim["_family"], word))
            if posting and len(posting) <= MAX_GROUPS_PER_KEY:
                hits.update(posting)
        # Ties go to the older group: never to the set's (hash-seeded) iteration order.
        candidates = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
        best: tuple[float, int] | None = None
        for number, _ in candidates[:MAX_CANDIDATE_GROUPS]:
            if claim["article"] in members_of[number]:
                continue
            # A claim joins a group through the member it matches best.
            scores = [
                _comparable(member, claim, story_of)
                for member in groups[number][:MAX_MEMBERS_COMPARED]
            ]
            if VETO in scores:
                continue  # it would contradict a member where no contradiction can be
            score = max((x for x in scores if x is not None), default=None)
            if score is not None and (best is None or score > best[0]):
                best = (score, number)
                if score >= 1 + SUBJECT_MIN_OVERLAP * 2:
                    break  # the same figure in closely matching words: no need to look on
        if best is not None:
            groups[best[1]].append(claim)
            members_of[best[1]].add(claim["article"])
        else:
            groups.append([claim])
            members_of.append({claim["article"]})
            for word in claim["_near"]:
                index[(claim["_family"], word)].append(len(groups) - 1)
    groups = _split_other_things(groups)
    _parsed_subjects(groups, source_of)
    claim_groups: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    for group in groups:
        if len(group) < 2:
            continue
        sources = count_sources(
            [(c["article"], c["value_start"], c["value_end"]) for c in group], source_of, borrowed
        )
        values = _value_sets(group)
        if group[0]["_date"]:
            # Event dates are not claims of the dossier: only a clash is reported.
            if len(values) > 1 and sources >= 2:
                conflicts.append(
                    {
                        "kind": "attribute",
                        "what": f"date of: {group[0]['subject']}",
                        "values": _values(_by_label(values, "value")),
                    }
                )
            continue
        if len(values) == 1:
            status = "corroborated" if sources >= 2 else "single-source"
        elif all(_identical(s[0], values[0][0]) for s in values) and not group[0]["_word_share"]:
            status = "different-scope"
        elif all(_identical(s[0], values[0][0]) for s in values):
            # "two-thirds of insiders" / "two-thirds of the votes": a stock phrase, not one
            # figure put to two things
            status = "single-source" if sources < 2 else "corroborated"
        else:
            status = "conflict"
        group_id = f"g{len(claim_groups) + 1}"
        subject = group[0]["subject"]
        claim_groups.append(
            {
                "id": group_id,
                "subject": subject,
                "claims": [c["id"] for c in group],
                "status": status,
                "independent_sources": sources,
            }
        )
        if status in ("conflict", "different-scope") and sources >= 2:
            kind = "value" if status == "conflict" else "attribute"
            what = (
                f"value of: {subject}"
                if kind == "value"
                else f"what {group[0]['text']} is a share of"
            )
            conflicts.append(
                {
                    "kind": kind,
                    "what": what,
                    "values": _values(_by_label(values, kind)),
                    "claim_group": group_id,
                }
            )
    return claim_groups, conflicts


def _split_other_things(groups: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """A group of counts whose figures differ is checked on the parse of its sentences:
    when two of its figures count different nouns ("11 states" / "66 of the state's
    delegates"), each figure is a group of its own. Only such groups are parsed: few."""
    suspects = []
    for number, group in enumerate(groups):
        if len(group) >= 2 and group[0]["_family"] == "count" and len(_value_sets(group)) > 1:
            suspects.append(number)
    if not suspects:
        return groups
    heads = {n: [s[0] for s in _value_sets(groups[n])] for n in suspects}
    requests = [
        (c["sentence"], c["value_start"] - c["start"], c["value_end"] - c["start"])
        for n in suspects
        for c in heads[n]
    ]
    nouns = iter(measured_nouns(requests))
    split: list[list[dict[str, Any]]] = []
    for number, group in enumerate(groups):
        if number not in heads:
            split.append(group)
            continue
        named = {noun for _ in heads[number] if (noun := next(nouns)) is not None}
        if len(named) > 1:
            split.extend(_value_sets(group))
        else:
            split.append(group)
    return split


def _parsed_subjects(groups: Sequence[list[dict[str, Any]]], source_of: Mapping[str, str]) -> None:
    """Each group of claims from two independent sources or more (what a reader compares:
    corroborated, in conflict, of different scope) gets the subject its first claim's
    sentence structure gives (``claims/subjects.py``), for the group and every member;
    other claims keep their sentence's content words (parsing every sentence with a
    figure would cost three times the rest of the stage)."""
    shown = [
        g
        for g in groups
        if len(g) >= 2
        and not g[0]["_date"]
        and len({source_of.get(c["article"], c["article"]) for c in g}) >= 2
    ]
    requests = [
        (
            g[0]["sentence"],
            g[0]["value_start"] - g[0]["start"],
            g[0]["value_end"] - g[0]["start"],
            g[0]["_base"],
        )
        for g in shown
    ]
    for group, subject in zip(shown, subjects(requests), strict=True):
        if subject:
            for claim in group:
                claim["subject"] = subject


def _values(labelled: Mapping[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """A conflict's values: each with its articles and the evidence spans."""
    return [
        {
            "value": label,
            "articles": sorted({c["article"] for c in members}),
            "evidence": [
                {"article": c["article"], "start": c["value_start"], "end": c["value_end"]}
                for c in members
            ],
        }
        for label, members in labelled.items()
    ]


def _value_sets(group: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Claims of a group that give the same figure (within rounding) of the same thing:
    sorted by value and swept once, so large groups stay cheap."""
    sets: list[list[dict[str, Any]]] = []
    ordered = sorted(group, key=lambda c: float(c["_value"]))
    for claim in ordered:
        last = sets[-1][-1] if sets else None
        if last is not None and _same_base(sets[-1][0], claim) and _same_value(last, claim):
            sets[-1].append(claim)
        else:
            sets.append([claim])
    return sets


def _by_label(
    value_sets: Sequence[list[dict[str, Any]]], kind: str
) -> dict[str, list[dict[str, Any]]]:
    """The group's value sets keyed by what a reader sees: the figure, or its base."""
    labelled: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for members in value_sets:
        head = members[0]
        label = head["unit"] if kind == "attribute" else head["text"]
        labelled[str(label)].extend(members)
    return labelled


def name_conflicts(
    entities: Sequence[Mapping[str, Any]],
    articles: Sequence[Article],
    story_of: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """People named with different first names: across outlets reporting one story
    ("name") or within one article ("internal"), each name with its articles and evidence
    spans; a surname spelt two ways in one article ("internal"); then, from the roles the
    articles give people (``claims/roles.py``), another surname or first name for the
    person in one role ("name") and roles that clash for one name ("attribute").

    Two first names of one surname are one person named two ways only when the names are
    spellings of each other ("Mario" / "Marco") or the articles give both the same role
    ("Defence Secretary John Healey" / "Secretary of Defence Mark Healey"); short forms
    ("Ed" / "Edward", "Bill" / "William") are one name. They are two people when one
    article uses both (unless they are spellings of one name) or their roles clash.
    Reports of different stories name different people of one surname: not compared
    (``story_of``: the stories of the articles placed on evidence, ``placed_stories``)."""
    story_of = story_of or {}
    conflicts: list[dict[str, Any]] = []
    known: set[str] = set()
    roles_of: dict[str, dict[tuple[int, int], Role]] | None = None
    for entity in entities:
        if entity.get("type") == "PERSON":
            conflicts += _misspelt_surnames(entity, articles)
        if not entity.get("conflict_candidate"):
            continue
        surname = str(entity["name"]).split()[-1]
        given = set(entity.get("first_names") or ())
        full_names = [
            v
            for v in [entity["name"], *entity["variants"]]
            if " " in str(v)
            and str(v).endswith(surname)
            and (not given or str(v).split()[0] in given)
        ]
        found = _full_name_places(full_names, articles)
        if len(found) < 2:
            continue
        if roles_of is None:
            roles_of = {
                a.id: {(m.start, m.end): m.role for m in mentions(a) if m.role} for a in articles
            }
        # Per story the articles placed in it, with those placed in none.
        stories = {story_of[a] for places in found.values() for a, _, _ in places if a in story_of}
        story_list: list[str | None] = [*sorted(stories)] or [None]
        for story in story_list:
            in_story = {
                first: [p for p in places if story_of.get(p[0], story) == story]
                for first, places in found.items()
            }
            in_story = {first: places for first, places in in_story.items() if places}
            names = _misnamed(in_story, roles_of)
            if len(names) < 2:
                continue
            forms = {first: in_story[first] for first in names}
            by_article: dict[str, set[str]] = defaultdict(set)
            for first, places in forms.items():
                for article_id, _, _ in places:
                    by_article[article_id].add(first)
            internal = [a for a, firsts in by_article.items() if len(firsts) > 1]
            known.add(surname)
            role = f"{entity['role']} " if entity.get("role") else ""
            conflicts.append(
                {
                    "kind": "internal" if internal and len(by_article) == len(internal) else "name",
                    "what": f"first name of {role}{surname}",
                    "values": [
                        {
                            "value": first,
                            "articles": sorted({a for a, _, _ in places}),
                            "evidence": [
                                {"article": a, "start": s, "end": e} for a, s, e in places
                            ],
                        }
                        for first, places in sorted(forms.items(), key=lambda item: -len(item[1]))
                    ],
                    "entity": entity["id"],
                }
            )
    conflicts += role_conflicts(articles, frozenset(known), story_of)
    return conflicts


_MIDDLE_NAME_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][\w'’-]+)\s$")
FIRST_NAME_SPELLING_RATIO = 75.0  # "Jon" / "John", "Mario" / "Marco": one name, misspelt


def _spellings(a: str, b: str) -> bool:
    return ratio(a.casefold(), b.casefold()) >= FIRST_NAME_SPELLING_RATIO


def _misnamed(
    found: Mapping[str, Sequence[tuple[str, int, int]]],
    roles_of: Mapping[str, Mapping[tuple[int, int], Role]],
) -> list[str]:
    """The first names (of ``found``: first name -> places) that name one person in
    conflicting ways; empty when they are one name or different people."""
    firsts_in: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, list[Role]] = defaultdict(list)
    for first, places in found.items():
        for article_id, start, end in places:
            firsts_in[article_id].add(first)
            role = roles_of.get(article_id, {}).get((start, end))
            if role is not None:
                roles[first].append(role)
    names = sorted(found)
    conflicting: set[str] = set()
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if one_name(a, b):
                continue
            both_in_one = any({a, b} <= firsts for firsts in firsts_in.values())
            if _spellings(a, b):
                conflicting |= {a, b}
                continue
            if both_in_one:
                return []  # two people: one article names both
            pairs = [(x, y) for x in roles[a][:4] for y in roles[b][:4]]
            if any(x.head == y.head and not clashing_roles(x, y) for x, y in pairs):
                conflicting |= {a, b}  # one role, two names
            elif pairs:
                return []  # two people in two roles
    return sorted(conflicting)


def _full_name_places(
    full_names: Sequence[str], articles: Sequence[Article]
) -> dict[str, list[tuple[str, int, int]]]:
    """Per first name, where a full name with it is written, leaving out a first name that
    is a middle name ("Hillary Rodham Clinton" is not a "Rodham Clinton")."""
    found: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for article in articles:
        for full in full_names:
            for match in re.finditer(
                rf"(?<![\w'’-]){re.escape(str(full))}(?![\w'’-])", article.text
            ):
                before = _MIDDLE_NAME_BEFORE.search(
                    article.text, max(0, match.start() - 32), match.start()
                )
                if before and before.group(1).rstrip(".") not in TITLE_WORDS:
                    continue
                found[str(full).split()[0]].append((article.id, match.start(), match.end()))
    return {first: sorted(places) for first, places in found.items()}


def placed_stories(articles: Sequence[Article], story_of: Mapping[str, str]) -> dict[str, str]:
    """``story_of`` for the articles whose story rests on evidence: an article with few
    names and figures (a short passage) is alone in its story for want of anything to
    match, which says nothing about what it reports."""
    return {
        a.id: story_of[a.id]
        for a in articles
        if a.id in story_of and len(key_terms(a)) >= STORY_EVIDENCE_MIN_TERMS
    }


def _transliteration_key(name: str) -> str:
    """A spelling with what transliterations vary folded away ("Zelensky" / "Zelenskyy",
    "Kiev" / "Kyiv" are one name; "Hegseth" / "Hegesth" is a typo)."""
    key = name.casefold().replace("ph", "f")
    key = key.translate(str.maketrans("yjwkq", "iivcc")).replace("h", "")
    return re.sub(r"(.)\1+", r"\1", key)


SLIP_MIN_LENGTH = 5
MAX_SPELLING_EVIDENCE = 20


def _slip(surname: str, variant: str) -> bool:
    """Whether ``variant`` reads as a slip in typing ``surname``: one or two letters
    swapped, changed, added or dropped ("Hegesth", "Stephanopolous"), not a longer or
    shorter word ("Clintons", "Sanders’", "Christ" for "Christie"), not a
    transliteration, not a function word."""
    if variant.endswith("s") and _transliteration_key(variant[:-1]) == _transliteration_key(
        surname
    ):
        return False  # "the Lysenkys": the family
    if (
        " " in variant
        or variant == surname
        or len(variant) < SLIP_MIN_LENGTH
        or not variant.isalpha()
        or not variant[1:].islower()  # "UNITE" is a name of its own
        or variant.casefold() in STOPWORDS
        or variant[:1] != surname[:1]
        or variant.startswith(surname)
        or surname.startswith(variant)
        or _transliteration_key(variant) == _transliteration_key(surname)
    ):
        return False
    return OSA.distance(surname.casefold(), variant.casefold()) <= (1 if len(surname) < 7 else 2)


def _misspelt_surnames(
    entity: Mapping[str, Any], articles: Sequence[Article]
) -> list[dict[str, Any]]:
    """One article spelling a person's surname two ways ("Hegseth" ... "Hegesth"): the
    rarer spelling is a slip, unless the two are transliterations of one name."""
    parts = str(entity["name"]).split()
    if len(parts) < 2 or not given_name_like(parts[0]) or len(parts[-1]) < SLIP_MIN_LENGTH:
        return []  # a person known by a full name, with a surname long enough to misspell
    surname = parts[-1]
    variants = [str(v) for v in entity.get("variants") or () if _slip(surname, str(v))]
    if not variants:
        return []
    wanted = set(entity.get("articles") or ())
    conflicts: list[dict[str, Any]] = []
    for article in articles:
        if article.id not in wanted:
            continue
        # A spelling followed by another name is someone's first name ("Christine Todd
        # Whitman" beside "Christie"), not a slip.
        places = {
            spelling: [
                (m.start(), m.end())
                for m in re.finditer(
                    rf"(?<![\w'’-]){re.escape(spelling)}(?![\w-])(?!\s[A-Z])", article.text
                )
            ]
            for spelling in (surname, *variants)
        }
        for variant in variants:
            if not places[variant] or len(places[variant]) >= len(places[surname]):
                continue
            conflicts.append(
                {
                    "kind": "internal",
                    "what": f"spelling of the surname of {entity['name']}",
                    "values": [
                        {
                            "value": spelling,
                            "articles": [article.id],
                            "evidence": [
                                {"article": article.id, "start": a, "end": b}
                                for a, b in places[spelling][:MAX_SPELLING_EVIDENCE]
                            ],
                        }
                        for spelling in (surname, variant)
                    ],
                    "entity": entity["id"],
                }
            )
    return conflicts


def public(claims: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims as the dossier shows them (internal grouping keys and event dates dropped)."""
    return [
        {k: v for k, v in c.items() if not k.startswith("_")} for c in claims if not c.get("_date")
    ]
