"""Conflicts between reports, each with its values, their articles and evidence spans:
value and attribute conflicts of claim groups (``claims/grouping.py``), clashing event
dates, and people named differently or given roles that clash (``name_conflicts``, with
``claims/roles.py``). Precision over recall throughout.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import ratio

from newsprism.claims.extract import STORY_EVIDENCE_MIN_TERMS
from newsprism.claims.roles import Role, clashing_roles, mentions, one_name, role_conflicts
from newsprism.model import Article, Entity
from newsprism.text.lexicon import STOPWORDS, TITLE_WORDS, given_name_like
from newsprism.text.terms import key_terms


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


def date_conflict(
    group: Sequence[Mapping[str, Any]], value_sets: Sequence[list[dict[str, Any]]]
) -> dict[str, Any]:
    """Event dates of one group that differ: an attribute conflict (dates are not claims,
    so it names no claim group)."""
    return {
        "kind": "attribute",
        "what": f"date of: {group[0]['subject']}",
        "values": _values(_by_label(value_sets, "value")),
    }


def group_conflict(
    group: Sequence[Mapping[str, Any]],
    value_sets: Sequence[list[dict[str, Any]]],
    status: str,
    group_id: str,
) -> dict[str, Any]:
    """The conflict of a claim group in ``status`` "conflict" (a value conflict) or
    "different-scope" (an attribute conflict: what one figure is a share of)."""
    kind = "value" if status == "conflict" else "attribute"
    what = (
        f"value of: {group[0]['subject']}"
        if kind == "value"
        else f"what {group[0]['text']} is a share of"
    )
    return {
        "kind": kind,
        "what": what,
        "values": _values(_by_label(value_sets, kind)),
        "claim_group": group_id,
    }


def name_conflicts(
    entities: Sequence[Entity],
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
        if entity.type == "PERSON":
            conflicts += _misspelt_surnames(entity, articles)
        if not entity.conflict_candidate:
            continue
        surname = entity.name.split()[-1]
        given = set(entity.first_names or ())
        full_names = [
            v
            for v in [entity.name, *entity.variants]
            if " " in v and v.endswith(surname) and (not given or v.split()[0] in given)
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
            role = f"{entity.role} " if entity.role else ""
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
                    "entity": entity.id,
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


def _misspelt_surnames(entity: Entity, articles: Sequence[Article]) -> list[dict[str, Any]]:
    """One article spelling a person's surname two ways ("Hegseth" ... "Hegesth"): the
    rarer spelling is a slip, unless the two are transliterations of one name."""
    parts = entity.name.split()
    if len(parts) < 2 or not given_name_like(parts[0]) or len(parts[-1]) < SLIP_MIN_LENGTH:
        return []  # a person known by a full name, with a surname long enough to misspell
    surname = parts[-1]
    variants = [v for v in entity.variants if _slip(surname, v)]
    if not variants:
        return []
    wanted = set(entity.articles)
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
                    "what": f"spelling of the surname of {entity.name}",
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
                    "entity": entity.id,
                }
            )
    return conflicts
