"""Dates an article's text names, resolved to the calendar: absolute ones as written
("11 March 2026", "March 11", "2026-03-11") and relative ones ("on Wednesday",
"yesterday", "last month") against the article's own date, which they are kept with."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
ABSOLUTE = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_DAY} {_MONTH}(?:,? {_YEAR})?\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH} {_DAY}(?:,? {_YEAR})?\b", re.IGNORECASE),
    re.compile(rf"\b(?:in )?{_MONTH},? {_YEAR}\b", re.IGNORECASE),
)
RELATIVE = re.compile(
    r"\b(?P<rel>today|yesterday|tomorrow|tonight"
    r"|(?:on |last |this |next )?(?P<weekday>monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday)"
    r"|(?P<which>last|this|next) (?P<unit>week|month|year)"
    r"|(?P<count>[1-9]|two|three|four|five|six|seven) (?P<ago>days|weeks) ago)\b",
    re.IGNORECASE,
)
# A sentence that speaks of the future places "on Friday" on the coming Friday.
FUTURE = re.compile(
    r"\b(?:will|shall|is due|are due|is expected to|are expected to|plans? to|scheduled)\b",
    re.IGNORECASE,
)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date the text names at ``start``..``end``; ``date`` is ISO (a day, "YYYY-MM" or
    "YYYY"), None when a relative date has no article date to be read against;
    ``relative_to`` the article date a relative one was resolved with."""

    start: int
    end: int
    text: str
    date: str | None
    precision: str  # "day", "week", "month" or "year"
    relative_to: str | None


def article_day(published: str | None) -> dt.date | None:
    """The day an article appeared, from its ISO ``published`` value."""
    if not published or len(published) < 10:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _absolute(match: re.Match[str], base: dt.date | None) -> tuple[str, str] | None:
    written = match.group("month")
    if not written[0].isdigit() and not written[0].isupper():
        return None  # "may", "march" as verbs
    month_text = written.lower().rstrip(".")
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text)
    year_text = match.groupdict().get("year")
    year = int(year_text) if year_text else (base.year if base else None)
    if month is None or year is None:
        return None
    day_text = match.groupdict().get("day")
    if day_text is None:
        return f"{year:04d}-{month:02d}", "month"
    try:
        return dt.date(year, month, int(day_text)).isoformat(), "day"
    except ValueError:
        return None


def _relative(match: re.Match[str], base: dt.date, future: bool) -> tuple[str, str]:
    word = match.group("rel").lower()
    if word in ("today", "tonight"):
        return base.isoformat(), "day"
    if word == "yesterday":
        return (base - dt.timedelta(days=1)).isoformat(), "day"
    if word == "tomorrow":
        return (base + dt.timedelta(days=1)).isoformat(), "day"
    if match.group("weekday"):
        target = WEEKDAYS.index(match.group("weekday").lower())
        back = (base.weekday() - target) % 7
        if word.startswith("next ") or (future and not word.startswith("last ")):
            ahead = (target - base.weekday()) % 7
            if ahead == 0 and word.startswith("next "):
                ahead = 7
            return (base + dt.timedelta(days=ahead)).isoformat(), "day"
        if word.startswith("last ") and back == 0:
            back = 7
        # News reports name the past: "on Wednesday" is the latest Wednesday up to today.
        return (base - dt.timedelta(days=back)).isoformat(), "day"
    if match.group("unit"):
        step = {"last": -1, "this": 0, "next": 1}[match.group("which").lower()]
        unit = match.group("unit").lower()
        if unit == "week":
            return (base + dt.timedelta(weeks=step)).isoformat(), "week"
        if unit == "month":
            month_index = base.year * 12 + base.month - 1 + step
            return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month"
        return f"{base.year + step:04d}", "year"
    count_text = match.group("count").lower()
    count = int(count_text) if count_text.isdigit() else _SMALL[count_text]
    days = count * (7 if match.group("ago").lower() == "weeks" else 1)
    return (base - dt.timedelta(days=days)).isoformat(), "day"


def date_mentions(text: str, start: int, end: int, published: str | None) -> Iterator[DateMention]:
    """The dates named in ``text[start:end]``, in text order, each span inside it."""
    base = article_day(published)
    future = FUTURE.search(text, start, end) is not None
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for pattern in ABSOLUTE:
        for match in pattern.finditer(text, start, end):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            resolved = _absolute(match, base)
            if resolved is None:
                continue
            taken.append((match.start(), match.end()))
            year_given = bool(match.groupdict().get("year"))
            found.append(
                DateMention(
                    match.start(),
                    match.end(),
                    match.group(0),
                    resolved[0],
                    resolved[1],
                    None if year_given else (published[:10] if published else None),
                )
            )
    for match in RELATIVE.finditer(text, start, end):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        if base is None:
            found.append(DateMention(match.start(), match.end(), match.group(0), None, "day", None))
            continue
        date, precision = _relative(match, base, future)
        found.append(
            DateMention(
                match.start(), match.end(), match.group(0), date, precision, base.isoformat()
            )
        )
    return iter(sorted(found, key=lambda m: m.start))
