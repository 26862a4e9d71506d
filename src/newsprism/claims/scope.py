"""What the sentence around a figure says about its scope: its content words, the years
and periods it gives ("in 2023", "on Tuesday", "since the outbreak began"), the places it
names, who holds the figure ("Rubio ... 23 percent"), whether the figure is a change, is
asked for, is a gap between two others, is inside quotation marks or only could be, and
the words nearest it. ``claims/compare.py`` compares claims only within one scope.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsprism.claims.figures import Quantity
from newsprism.claims.numbers import NUMBER_WORDS
from newsprism.text.fixed_phrases import restore_fixed_phrases
from newsprism.text.lexicon import STOPWORDS, TITLE_WORDS

WORD = re.compile(r"[A-Za-z][\w'’-]{2,}")

NEAR_WORDS = 6  # content words each side of a figure that say what it measures

# Words that say who reported a figure, not what it is.
_ATTRIBUTION = frozenset(
    "said says told according officials official reported announced spokesman spokeswoman "
    "added statement percent cent".split()
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "officials said on Sunday" dates the report, not the figure.
REPORT_CUE_BEFORE = re.compile(
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
# A named day with the capitalised words that name it with the weekday ("Super Tuesday",
# "Tuesday’s contests"): which day a figure is for.
_DAY_NAME = re.compile(rf"\b((?:[A-Z][a-z]+\s){{0,3}}){_WEEKDAY}\b")  # bounded: linear time

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
PLACE_SCOPE = frozenset(
    "northern southern eastern western northeastern northwestern southeastern southwestern "
    "north-eastern north-western south-eastern south-western inland coastal nationwide "
    "nationally countrywide worldwide globally".split()
)
_NOT_PLACES = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Mr Mrs Ms Dr".split()
)

_OPENERS = frozenset(
    "about around nearly almost roughly approximately more over just only another since "
    "while although though despite meanwhile however according last next this".split()
)

_POSSESSIVE = re.compile(r"['’]s$")

_PLAIN_WORD = re.compile(r"\w+")


def stem(word: str) -> str:
    """A crude stem so "member"/"members" and "spend"/"spending" compare equal."""
    return word[:5]


def _content_words(folded: Sequence[str]) -> frozenset[str]:
    """Stems of what a sentence is about: content words and names (the places and
    organisations that tie two reports of one event together), without attribution."""
    return frozenset(stem(w) for w in folded if w not in STOPWORDS and w not in _ATTRIBUTION)


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
    found.update(w for w in folded if w in PLACE_SCOPE)
    return frozenset(found)


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
            if not REPORT_CUE_BEFORE.search(
                sentence[max(0, match.start() - 40) : match.start() + 1]
            ):
                found.add("day")
    return found, frozenset(found & set(_GRAINS))


def base_words(base: str | None) -> frozenset[str]:
    """The words of what a share is of, compared by stem; a machine-spun fixed phrase
    counts as the phrase it came from ("of gross home product" is of GDP)."""
    if not base:
        return frozenset()
    words = WORD.findall(restore_fixed_phrases(base))
    return frozenset(stem(w.casefold().rstrip("s")) for w in words if w.casefold() not in STOPWORDS)


def is_change(sentence: str, quantity: Quantity) -> bool:
    """Whether a percentage is a change ("fell 6.1%", "a 9% rise"), not a level."""
    return bool(
        _CHANGE_BEFORE.search(sentence[max(0, quantity.start - 40) : quantity.start])
        or _CHANGE_AFTER.match(sentence, quantity.end)
    )


def clause_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The span of the clause around ``sentence[start:end]``."""
    clause_start, clause_end = 0, len(sentence)
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.end() <= start:
            clause_start = match.end()
        elif match.start() >= end:
            clause_end = match.start()
            break
    return clause_start, clause_end


def day_names(sentence: str) -> frozenset[str]:
    """The days a sentence gives its figures for, by name ("Going into Super Tuesday" is
    "super tuesday", "Tuesday’s contests" "tuesday"), leaving out a day that only dates
    the report ("officials said on Sunday")."""
    days = set()
    for match in _DAY_NAME.finditer(sentence):
        if REPORT_CUE_BEFORE.search(sentence[max(0, match.start() - 40) : match.start()]):
            continue
        words = match.group().casefold().split()
        while len(words) > 1 and (words[0] in STOPWORDS or words[0] in _OPENERS):
            words.pop(0)
        days.add(" ".join(words))
    return frozenset(days)


def sentence_scope(text: str, words: Sequence[str]) -> dict[str, Any]:
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
        "_days": day_names(text) if "day" in text else frozenset(),
        "_each": "each" in markers,
        "_demand": "demand" in markers,
        "_places": _proper_nouns(text, folded),
        "_names": frozenset(w for w in words if w[:1].isupper()),
        "_folded": frozenset(folded) | {w[:-2] for w in folded if w.endswith(("'s", "’s"))},
    }


# A poll's or survey's own figures (its margin of error, its sample): each poll has its own.
SURVEY_METHOD = re.compile(
    r"(?i)\bmargin of (?:sampling )?error\b|\bplus or minus\b|\bsampling error\b"
)
HOLDER_PREFIX = 6
# What could be ("could have about 90% ... Tuesday") is not a report of what is ("would"
# is also reported speech's future: "said it would open on 1 July").
CONDITIONAL = re.compile(r"(?i)\b(?:could|might)\b")


# A figure that is a difference between two others ("within $4m of the $37m", "12 more
# than", "5 points ahead"): compared only with another difference.
_GAP_BEFORE = re.compile(r"(?i)\bwithin\s(?:about\s|some\s)?$")
_GAP_AFTER = re.compile(
    r"(?i)\s(?:more|less|fewer|higher|lower)\sthan\b|\s(?:ahead|behind|short)\b"
)


def is_gap(sentence: str, start: int, end: int) -> bool:
    return bool(
        _GAP_BEFORE.search(sentence, max(0, start - 20), start) or _GAP_AFTER.match(sentence, end)
    )


def inside_quotes(sentence: str, position: int) -> bool:
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


def holders(sentence: str, start: int, clause: tuple[int, int]) -> frozenset[str]:
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


def figure_scope(sentence: str, start: int, clause: tuple[int, int]) -> dict[str, list[str]]:
    """Who holds a figure and where it holds, as the sentence writes them (the claim's
    ``scope`` extension)."""
    where = [
        m.group(1).removesuffix(" of").removesuffix(" and")
        for m in _WHERE.finditer(sentence)
        if m.group(1).split()[0] not in _NOT_PLACES
    ]
    where += [w for w in WORD.findall(sentence) if w.casefold() in PLACE_SCOPE]
    who = [n for n in _holder_names(sentence, start, clause) if not any(n in w for w in where)]
    return {"who": list(dict.fromkeys(who)), "where": list(dict.fromkeys(where))}


def near_words(sentence: str, start: int, end: int, clause: tuple[int, int]) -> set[str]:
    """Stems of the content words nearest a figure on each side, within its clause."""

    def content(text: str) -> list[str]:
        return [w.casefold() for w in WORD.findall(text) if w.casefold() not in STOPWORDS]

    before = content(sentence[clause[0] : start])[-NEAR_WORDS:]
    after = content(sentence[end : clause[1]])[:NEAR_WORDS]
    return {stem(w) for w in before + after}
