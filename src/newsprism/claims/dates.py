"""Event dates in a sentence ("on 14 October", "on Wednesday night"): compared like
figures and clashing as attribute conflicts, but not claims of the dossier. The day a
report was made ("officials said on Monday") is not an event date.
"""

from __future__ import annotations

import re

from newsprism.claims.scope import REPORT_CUE_BEFORE

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
DATE_STEMS = frozenset(
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


def event_dates(text: str) -> list[tuple[int, int, str, int]]:
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
    return [date for date in sorted(found) if not REPORT_CUE_BEFORE.search(text[: date[0]][-40:])]
