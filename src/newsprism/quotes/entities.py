"""People across a batch: one entity per person, with spelling variants and a role.

Rule-based, first version: person names are capitalised first-name + surname pairs that
are not organisations or sentence openers (the same tests the speaker resolver uses).
Mentions are grouped by surname, tolerating typos ("Hegesth"), and a first name that
differs between outlets ("Ilse" / "Anna Marrow") stays one entity with both variants,
flagged as a conflict candidate rather than silently merged or split. The role is the run
of title words written right before the name ("Harbour Minister Ilse Marrow").
Organisations and places are not covered yet.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.fuzz import ratio

from newsprism.model import Article
from newsprism.quotes.attribute import CUE_VERBS, NOT_NAMES, TITLE_WORDS, _is_person_like

_TOKEN = r"[A-Z][\w'’\-]{1,30}"
# Overlapping matches: "Mayor Tomas Vendel" must also yield "Tomas Vendel".
_FULL_NAME = re.compile(rf"(?=(?<![\w'’.\-])({_TOKEN})\s({_TOKEN})(?![\w'’\-]))")
_CUE = re.compile(rf"\b(?:{CUE_VERBS})\b")
_ROLE_BEFORE = re.compile(r"((?:[A-Z][\w.'’\-]{0,30}\s|of\s){1,6})$")
# Words that open a capitalised pair without being a first name.
NOT_FIRST_NAMES = frozenset("Each Every Both Many Most Some All Several Few No Any Other".split())
SURNAME_TYPO_RATIO = 85.0


@dataclass
class _Person:
    surname: str
    full_names: Counter[str] = field(default_factory=Counter)
    surnames_seen: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    first_names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _role(text: str, start: int) -> str | None:
    match = _ROLE_BEFORE.search(text[max(0, start - 80) : start])
    if not match:
        return None
    words = match.group(1).split()
    while words and (
        words[0] == "of"
        or (words[0].rstrip(".") not in TITLE_WORDS and words[0] not in ("U.S.", "U.K."))
    ):
        words = words[1:]
    if not words or not all(w.rstrip(".") in TITLE_WORDS or "." in w or w == "of" for w in words):
        return None
    return " ".join(words)


def _mentions(article: Article) -> list[tuple[str, str, str | None]]:
    """(first name, surname, role) for each full-name mention of a person."""
    found = []
    for match in _FULL_NAME.finditer(article.text):
        first, last = match.group(1), match.group(2)
        if (
            first in NOT_NAMES
            or first in NOT_FIRST_NAMES
            or first.endswith(("ing", "’s", "'s"))
            or any(part.rstrip(".") in TITLE_WORDS for part in first.split("-"))
            or last.rstrip(".") in TITLE_WORDS
        ):
            continue
        last = re.sub(r"['’]s$", "", last)
        if not _is_person_like([first, last]) or not last[1:2].islower():
            continue
        found.append((first, last, _role(article.text, match.start())))
    return found


def _acts_as_person(surname: str, texts: Sequence[str]) -> bool:
    """Evidence that a surname names a person: it speaks ("Marrow said", "said Marrow")."""
    name = re.escape(surname)
    pattern = re.compile(
        rf"(?<![\w'’-]){name}(?:,[^,.]{{1,80}},)?\s(?:\w+ly\s)?(?:{CUE_VERBS})\b"
        rf"|\b(?:{CUE_VERBS})\s(?:[A-Z][\w.'’-]{{0,30}}\s){{0,4}}{name}(?![\w'’-])"
    )
    return any(pattern.search(text) for text in texts)


def find_people(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The contract's ``entities`` (PERSON only), plus ``conflict_candidate``."""
    people: list[_Person] = []

    def person_for(surname: str) -> _Person:
        for person in people:
            if person.surname == surname or (
                surname[:1] == person.surname[:1]
                and ratio(surname.casefold(), person.surname.casefold()) >= SURNAME_TYPO_RATIO
            ):
                return person
        person = _Person(surname)
        people.append(person)
        return person

    english = [a for a in articles if a.language in (None, "en")]
    texts = [a.text for a in english]
    for article in sorted(english, key=lambda a: a.id):
        for first, last, role in _mentions(article):
            person = person_for(last)
            person.full_names[f"{first} {last}"] += 1
            person.surnames_seen[last] += 1
            person.articles.add(article.id)
            person.first_names[first].add(article.id)
            if role:
                person.roles[role] += 1
    # Only names with a title or that speak somewhere are people ("Saudi Arabia" is not).
    people = [p for p in people if p.roles or _acts_as_person(p.surname, texts)]
    # "Mark" as a surname is the first name of someone else ("Secretary Common Mark Rutte").
    first_names = {first for p in people for first in p.first_names}
    people = [p for p in people if p.surname not in first_names]
    _add_misspellings(people, articles)
    for article in articles:
        # Surname-only mentions ("Marrow said") join a person already known from this batch.
        for person in people:
            for variant in set(person.surnames_seen):
                if re.search(rf"(?<![\w'’-]){re.escape(variant)}(?![\w'’-])", article.text):
                    person.articles.add(article.id)
    entities: list[dict[str, Any]] = []
    for person in sorted(people, key=lambda p: (-len(p.articles), p.surname)):
        name = person.full_names.most_common(1)[0][0]
        variants = sorted(
            {*person.full_names, *person.surnames_seen} - {name},
            key=lambda v: (-person.full_names.get(v, 0), v),
        )
        entities.append(
            {
                "id": f"e{len(entities) + 1}",
                "name": name,
                "type": "PERSON",
                "role": person.roles.most_common(1)[0][0] if person.roles else None,
                "variants": variants,
                "articles": sorted(person.articles),
                # Two first names for one surname across outlets: a name conflict to check.
                "conflict_candidate": len(person.first_names) > 1,
            }
        )
    return entities


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-z\w'’-]{2,30}(?![\w'’-])")


def _add_misspellings(people: Sequence[_Person], articles: Sequence[Article]) -> None:
    """A capitalised word one or two letters off a known surname ("Hegesth") is a variant."""
    by_initial: dict[str, list[_Person]] = defaultdict(list)
    for person in people:
        by_initial[person.surname[:1]].append(person)
    for article in articles:
        words = set(_CAPITALISED.findall(article.text))
        for word in words:
            for person in by_initial.get(word[:1], ()):
                if (
                    word != person.surname
                    and word[:1] == person.surname[:1]
                    and abs(len(word) - len(person.surname)) <= 2
                    and ratio(word, person.surname) >= SURNAME_TYPO_RATIO
                    and not word.endswith(("’s", "'s"))
                ):
                    person.surnames_seen[word] += 1
                    person.articles.add(article.id)


def entity_for(speaker: str | None, entities: Sequence[dict[str, Any]]) -> str | None:
    """The entity id of a resolved speaker name, by its surname."""
    if not speaker:
        return None
    surname = speaker.split()[-1]
    for entity in entities:
        if entity["name"] == speaker or entity["name"].split()[-1] == surname:
            return str(entity["id"])
        if surname in entity["variants"] or speaker in entity["variants"]:
            return str(entity["id"])
    return None
