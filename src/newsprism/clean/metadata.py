"""An article's title, publication date, language and outlet, with the evidence for it.

The outlet is a guess, so every signal found is kept as ``Evidence`` and the choice follows a
fixed priority: what the container said > a footer naming the outlet > the page's own
site name > a byline naming the outlet > the URL's host. Wire credits ("Name/AP",
"(Reuters)") are evidence of wire origin, recorded but never the outlet by themselves
unless nothing else is known.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from newsprism.model import Article, Evidence, Paragraph
from newsprism.text.fixed_phrases import odd_phrases

PRIORITY = ("container", "footer", "html-meta", "byline", "url", "wire-credit")
MIN_LETTERS_FOR_LANGUAGE = 20

_NAME = r"[A-Z][\w.&'’\-]{0,30}(?: [A-Z&][\w.&'’\-]{0,30}){0,4}"
_FOOTER_PATTERNS = (
    re.compile(
        r"^(?i:read (?:more|the (?:full|original) (?:article|story))(?: at| on)?) "
        rf"({_NAME})\W{{0,3}}$"
    ),
    re.compile(
        rf"\bmore (?:stories|news|articles|coverage)(?: like this)? from (?:the )?({_NAME})\?"
    ),
    re.compile(
        r"^(?i:(?:this (?:article|story) )?(?:first |originally )?(?:appeared|published) "
        rf"(?:on|in|by) (?:the )?)({_NAME})\W{{0,3}}$"
    ),
    re.compile(rf"^(?i:(?:©|\(c\)|copyright)\s?(?:\d{{4}}\s)?)({_NAME})\W{{0,3}}$"),
)
_FOLLOW_BYLINE = re.compile(rf"^(?i:follow (?:the )?)({_NAME})['’]s? ")
_BYLINE_OUTLET = re.compile(rf"^(?i:by) [\w .'’\-]{{1,60}}(?:,| \|| for) ({_NAME})\W{{0,3}}$")
_WIRES = {
    "AP": "AP",
    "Associated Press": "AP",
    "Reuters": "Reuters",
    "AFP": "AFP",
    "Agence France-Presse": "AFP",
    "dpa": "dpa",
    "PA": "PA",
    "EFE": "EFE",
    "ANSA": "ANSA",
    "Bloomberg": "Bloomberg",
    "UPI": "UPI",
    "Xinhua": "Xinhua",
}
_WIRE_NAMES = "|".join(sorted((re.escape(w) for w in _WIRES), key=len, reverse=True))
_WIRE_CREDIT = re.compile(rf"/\s?({_WIRE_NAMES})\b|\(({_WIRE_NAMES})\)|[—–-] ({_WIRE_NAMES})$")
_WIRE_WRITER = re.compile(rf"\b({_WIRE_NAMES}) (?:writer|reporter|correspondent)s?\b")
# "Name Surname/AGENCY" photo credits and "CITY (AGENCY) —" datelines name any agency.
_CREDIT_AGENCY = re.compile(r"/\s?([A-Z][A-Za-z]{1,11})$")
_DATELINE_AGENCY = re.compile(r"^[A-Z][A-Z .,'’\-]{1,40} \(([A-Z][A-Za-z]{1,11})\) ?[—–-]")
# "... Continental Press writer Jo Brek contributed": the agency behind a contributor note.
_AGENCY_WRITER = re.compile(
    r"\b((?:[A-Z][\w&\-]{1,20} ){0,3}[A-Z][\w&\-]{1,20}) "
    r"(?i:writer|reporter|correspondent|author|journalist)s? [A-Z]"
)
# An image's alt text as Markdown or HTML writes it.
_MARKDOWN_ALT = re.compile(r"^!\[([^\]\n]{0,2000})\]")
_HTML_ALT = re.compile(r"""<img\b[^>]{0,5000}?\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_URL_DATE = re.compile(
    r"/(20\d\d|19\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|$|[^\d])"
)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_DOMAIN_SUFFIX = re.compile(
    r"\.(?:co\.uk|com|org|net|co|news|info|uk|us|de|fr|es|it|ca|au|in|ie|eu|example)$", re.I
)
_LETTERS = re.compile(r"[^\W\d_]")


def readable_outlet(name: str) -> str:
    """ "DailyMail.co.uk" -> "Daily Mail"; names without a domain suffix are kept as they are."""
    name = name.strip().strip(".,;:!?\"'“”‘’()[]").strip()
    if _DOMAIN_SUFFIX.search(name) and " " not in name:
        bare = _DOMAIN_SUFFIX.sub("", name.removeprefix("www."))
        return _CAMEL.sub(" ", bare)
    return name


def outlet_from_host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    labels = [label for label in host.split(".") if label and label != "www"]
    if len(labels) < 2:
        return None
    # The registrable label: skip public suffix parts such as co.uk / com.au.
    core = (
        labels[-3]
        if len(labels) >= 3 and len(labels[-2]) <= 3 and len(labels[-1]) == 2
        else labels[-2]
    )
    return core


def wire_name(name: str) -> str | None:
    """The agency a credit names, also where a synonym spinner reworded its name ("Related
    Press" is a spun "Associated Press"); None when it names no agency we know."""
    if name in _WIRES:
        return _WIRES[name]
    for phrase in odd_phrases(name):
        if phrase.start == 0 and phrase.end == len(name) and phrase.likely_original in _WIRES:
            return _WIRES[phrase.likely_original]
    return None


def outlet_evidence(article: Article) -> tuple[Evidence, ...]:
    found: list[Evidence] = []
    meta = article.meta
    if article.outlet:
        found.append(Evidence("container", article.outlet))
    last = len(article.paragraphs) - 1
    for index, paragraph in enumerate(article.paragraphs):
        # Outlet names sit in removed lines (footers, bylines, credits) and at the very end.
        if paragraph.kind in ("body", "duplicate") and 2 < index < last - 1:
            continue
        text = paragraph.text.strip()
        if len(text) > 400:
            text_for_wire = text[:400]
        else:
            text_for_wire = text
            for pattern in _FOOTER_PATTERNS:
                if match := pattern.search(text):
                    found.append(Evidence("footer", readable_outlet(match.group(1)), index))
                    break
            if (match := _FOLLOW_BYLINE.match(text)) or (match := _BYLINE_OUTLET.match(text)):
                found.append(Evidence("byline", readable_outlet(match.group(1)), index))
            if paragraph.reason.startswith("outlet-footer"):
                found.append(Evidence("footer", readable_outlet(text), index))
        if paragraph.kind in ("credit", "byline") or index == 0:
            for match in _WIRE_CREDIT.finditer(text_for_wire):
                wire = next(g for g in match.groups() if g)
                found.append(Evidence("wire-credit", _WIRES.get(wire, wire), index))
        if paragraph.kind == "credit" and (match := _CREDIT_AGENCY.search(text_for_wire)):
            found.append(Evidence("wire-credit", _WIRES.get(match[1], match[1]), index))
        if index <= 2 and (match := _DATELINE_AGENCY.match(text_for_wire)):
            found.append(Evidence("wire-credit", _WIRES.get(match[1], match[1]), index))
        if paragraph.kind == "byline":
            for match in _WIRE_WRITER.finditer(text):
                found.append(
                    Evidence("wire-credit", _WIRES.get(match.group(1), match.group(1)), index)
                )
            for match in _AGENCY_WRITER.finditer(text_for_wire):
                if match[1] in _WIRES:
                    continue
                if (agency := wire_name(match[1])) is not None:
                    # A spun credit of an agency we know ("Related Press Author ...").
                    found.append(Evidence("wire-credit", agency, index))
                # Kept as evidence; names an agency, maybe machine-spun, so never chosen alone.
                found.append(Evidence("contributor-note", match[1], index))
    sitename = meta.get("sitename")
    if sitename:
        found.append(Evidence("html-meta", sitename.strip()))
    host = outlet_from_host(article.url)
    if host:
        found.append(Evidence("url", host))
    unique: dict[tuple[str, str, int | None], Evidence] = {}
    for evidence in found:
        unique.setdefault((evidence.method, evidence.text, evidence.paragraph), evidence)
    return tuple(unique.values())


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def choose_outlet(evidence: Iterable[Evidence]) -> str | None:
    """The best-ranked evidence; an agency acronym is spelt out when a contributor note
    names an agency with those initials ("CP" + "Continental Press writer ...")."""
    items = list(evidence)
    ranked = sorted(
        (e for e in items if e.method in PRIORITY), key=lambda e: PRIORITY.index(e.method)
    )
    if not ranked:
        return None
    chosen = ranked[0].text
    if ranked[0].method == "wire-credit":
        for e in items:
            if e.method == "contributor-note" and _initials(e.text) == chosen:
                return e.text
    return chosen


def normalise_date(value: str | None) -> str | None:
    """ISO 8601 from what the container or page said; None when it cannot be read."""
    if not value:
        return None
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return normalise_day(text)
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    if match := _ISO_DATE.search(text):
        try:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    return None


def normalise_day(text: str) -> str | None:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def date_from_url(url: str | None) -> str | None:
    if not url or not (match := _URL_DATE.search(url)):
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _classify() -> Any:
    # py3langid ships its model inside the package: loads offline, once per process.
    import py3langid

    return py3langid.classify


def detect_language(text: str, min_letters: int = MIN_LETTERS_FOR_LANGUAGE) -> str | None:
    # ~80 words tell a language; py3langid walks the text byte by byte in Python, so the
    # cost grows with the sample (1,200 characters cost 1.3 ms an article, 500 a third).
    sample = text[:500]
    if len(_LETTERS.findall(sample)) < min_letters:
        return None
    language, _score = _classify()(sample)
    return str(language)


def _alt_text(paragraph: Paragraph) -> str | None:
    text = paragraph.raw.strip()
    if match := _MARKDOWN_ALT.match(text):
        return match[1]
    if match := _HTML_ALT.search(text):
        return match[1] if match[1] is not None else match[2]
    return None


def title_from_image(paragraphs: Iterable[Paragraph]) -> str | None:
    """A headline kept only as the alt text of the image that opens the page: the first
    paragraph is an image and no text comes before it. Publishing systems often write the
    headline as both alt and title of the lead image, so a text repeated twice is read once.
    A description of the photo ("A man walks past a burning car.") ends as a sentence does
    and is not a headline."""
    first = next(iter(paragraphs), None)
    if first is None or not first.reason.startswith("image-markup"):
        return None
    alt = " ".join((_alt_text(first) or "").split())
    words = alt.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        words = words[:half]
    headline = " ".join(words)
    if not 3 <= len(words) <= 25 or not headline[:1].isupper():
        return None
    if headline[-1] in ".!" or "/" in headline or "_" in headline:
        return None
    return headline


def describe(
    article: Article, *, min_letters_for_language: int = MIN_LETTERS_FOR_LANGUAGE
) -> Article:
    """The article with its title, outlet (and evidence), date and language filled in (a
    text's language is told from ``min_letters_for_language`` letters at least)."""
    evidence = outlet_evidence(article)
    title = article.title
    if not title and article.paragraphs and article.paragraphs[0].kind == "heading":
        title = article.paragraphs[0].text
    if not title:
        title = title_from_image(article.paragraphs)
    return dataclasses.replace(
        article,
        title=title,
        outlet=choose_outlet(evidence),
        outlet_evidence=evidence,
        published=normalise_date(article.published) or date_from_url(article.url),
        language=(article.language or detect_language(article.text, min_letters_for_language)),
    )
