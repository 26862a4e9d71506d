"""People, organisations and places across a batch: one entity each, with variants.

People come from two sources that check each other. The rules find capitalised
first-name + surname pairs that are not organisations or sentence openers (the tests the
speaker resolver uses), and keep a name when it has a title ("Harbour Minister Ilse
Marrow") or speaks somewhere ("Marrow said"). spaCy's NER (``entities/ner.py``) adds the
full names it labels PERSON, and vetoes names it labels as places or organisations
("Saudi Arabia said") unless a title says otherwise. Mentions are grouped by surname,
tolerating typos ("Hegesth"); a first name that differs between outlets ("John" / "Mark
Healey") stays one entity with both variants, flagged ``conflict_candidate`` for the
conflicts stage, never silently merged or split. Surname-only mentions join the person
already known from the batch. The role is the run of title words written right before
the name, or a role noun in an apposition after it ("John Healey, the UK defence
secretary,"); a title that the spin stage found swapped ("Protection Secretary") is read
as its likely original, so spun titles count as the same role.

Organisations (ORG) and places (GPE, LOC) come from NER only. Their names are folded
("the Pentagon" / "Pentagon", "U.S." / "US", possessives dropped) and an acronym joins
its long form when the batch defines it ("... Strategic Studies (IISS)") or its letters
are the initials of exactly one long form of the same kind ("NATO" / "North Atlantic
Treaty Organization", "EU" / "European Union"). The name shown is the form used most.
Without the spaCy model the rule-based people are all there is.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.fuzz import ratio

from newsprism.entities import ner
from newsprism.model import Article, Entity, SpinEvidence, SpinFinding
from newsprism.text import nlp
from newsprism.text.fixed_phrases import restore_fixed_phrases
from newsprism.text.lexicon import (
    CUE_VERBS,
    NOT_NAMES,
    ROLE_TITLES,
    TITLE_WORDS,
    given_name_like,
    is_person_like,
)

_TOKEN = r"[A-Z][\w'’\-]{1,30}"
# Overlapping matches: "Mayor Tomas Vendel" must also yield "Tomas Vendel".
_FULL_NAME = re.compile(rf"(?=(?<![\w'’.\-])({_TOKEN})\s({_TOKEN})(?![\w'’\-]))")
_ROLE_BEFORE = re.compile(r"((?:[A-Z][\w.'’\-]{0,30}\s|of\s){1,6})$")
_APPOSED_ROLE = re.compile(
    rf"^,\s(?:the\s|a\s|an\s)?(?P<role>(?:[\w.'’\-]{{1,30}}\s){{0,4}}?(?:{ROLE_TITLES})"
    rf"(?:\s(?:of|for)\s(?:the\s)?[A-Z][\w.'’\-]{{0,30}}(?:\s[A-Z][\w.'’\-]{{0,30}}){{0,3}})?)"
    r"(?=[,.;]|\s(?:said|says|told|added)\b)"
)
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][\w'’-]{0,30}(?![\w'’-])")
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]{2,30}(?![\w'’-])")
_POSSESSIVE = re.compile(r"['’]s$")
# Words that open a capitalised pair without being a first name.
NOT_FIRST_NAMES = frozenset("Each Every Both Many Most Some All Several Few No Any Other".split())
SURNAME_TYPO_RATIO = 85.0
PLACE_LABELS = frozenset({"GPE", "LOC"})
_STOP_IN_ACRONYM = frozenset("of the for and on in at to de du la".split())


@dataclass
class _Person:
    surname: str
    full_names: Counter[str] = field(default_factory=Counter)
    surnames_seen: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    first_names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # First names shown to be a person's given name by some mention: NER labels that very
    # full name a person, or a title stands before it ("Defence Secretary John Healey").
    confirmed_first_names: set[str] = field(default_factory=set)
    ner_votes: Counter[str] = field(default_factory=Counter)


@dataclass
class _Named:
    """An organisation or place: its surface forms and labels across the batch."""

    key: str
    forms: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    mid_sentence: int = 0
    spun_forms: set[str] = field(default_factory=set)  # shown as variants, never as the name


def _swapped(text: str, start: int, end: int, evidence: Sequence[SpinEvidence]) -> str:
    """``text[start:end]`` with every spin evidence span inside it read as its original."""
    pieces: list[str] = []
    position = start
    for item in sorted(evidence, key=lambda e: e.start):
        a, b = item.start, item.end
        if a >= position and b <= end and item.likely_original:
            pieces += [text[position:a], item.likely_original]
            position = b
    return "".join([*pieces, text[position:end]])


def _role(text: str, start: int, end: int, evidence: Sequence[SpinEvidence] = ()) -> str | None:
    """Title words right before a name, else a role noun in an apposition after it."""
    window_start = max(0, start - 80)
    match = _ROLE_BEFORE.search(text[window_start:start])
    if match:
        words_start = window_start + match.start(1)
        words = _swapped(text, words_start, start, evidence).split()
        while words and (
            words[0] == "of"
            or (words[0].rstrip(".") not in TITLE_WORDS and words[0] not in ("U.S.", "U.K."))
        ):
            words = words[1:]
        if words and all(w.rstrip(".") in TITLE_WORDS or "." in w or w == "of" for w in words):
            return " ".join(words)
    apposed = _APPOSED_ROLE.match(text[end : end + 160])
    if apposed:
        a, b = end + apposed.start("role"), end + apposed.end("role")
        return " ".join(_swapped(text, a, b, evidence).split())
    return None


def _mentions(
    article: Article, evidence: Sequence[SpinEvidence] = ()
) -> list[tuple[str, str, str | None, int, int]]:
    """(first name, surname, role, start, end) for each full-name mention of a person."""
    found = []
    text = article.text
    for match in _FULL_NAME.finditer(text):
        first, last = match.group(1), match.group(2)
        if (
            first in NOT_NAMES
            or first in NOT_FIRST_NAMES
            or first.endswith(("ing", "’s", "'s"))
            or any(part.rstrip(".") in TITLE_WORDS for part in first.split("-"))
            or last.rstrip(".") in TITLE_WORDS
        ):
            continue
        last = _POSSESSIVE.sub("", last)
        if not is_person_like([first, last]) or not last[1:2].islower():
            continue
        start = match.start(1)
        end = start + len(first) + 1 + len(last)
        found.append((first, last, _role(text, start, end, evidence), start, end))
    return found


_NEAR_CUE = re.compile(
    rf"(?<![\w'’-])([A-Z][\w'’-]{{1,30}})(?:,[^,.]{{1,80}},)?\s(?:\w+ly\s)?(?:{CUE_VERBS})\b"
    rf"|\b(?:{CUE_VERBS})\s(?:[A-Z][\w.'’-]{{0,30}}\s){{0,4}}([A-Z][\w'’-]{{1,30}})(?![\w'’-])"
)


def _speaking(text: str) -> set[str]:
    """Capitalised words that speak in ``text``: "Marrow said", "said Ilse Marrow"."""
    return {
        _POSSESSIVE.sub("", match.group(1) or match.group(2)) for match in _NEAR_CUE.finditer(text)
    }


def _fold(name: str) -> str:
    """The key of an organisation or place name: no article, possessive or punctuation."""
    name = " ".join(name.split())
    name = re.sub(r"^(?:[Tt]he)\s", "", name)
    name = _POSSESSIVE.sub("", name)
    return re.sub(r"[^\w ]", "", name).casefold().strip()


def _display(name: str) -> str:
    name = " ".join(name.split())
    name = re.sub(r"^(?:[Tt]he)\s", "", name)
    name = _POSSESSIVE.sub("", name).strip(" ,;:")
    if name.endswith(".") and not re.search(r"(?:^|[\s.])[A-Z]\.$", name):
        name = name[:-1]  # a sentence's full stop, not the last dot of "U.S."
    return name


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.casefold() not in _STOP_IN_ACRONYM]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


def _acronym(name: str) -> str | None:
    letters = name.replace(".", "")
    if 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper() and " " not in name:
        return letters
    return None


class _Surnames:
    """Known surnames, looked up with typo tolerance ("Hegesth" -> "Hegseth")."""

    def __init__(self, typo_ratio: float = SURNAME_TYPO_RATIO) -> None:
        self.typo_ratio = typo_ratio
        self.exact: dict[str, _Person] = {}
        self.by_initial: dict[str, list[str]] = defaultdict(list)
        self.memo: dict[str, _Person | None] = {}

    def add(self, person: _Person) -> None:
        self.exact[person.surname] = person
        self.by_initial[person.surname[:1]].append(person.surname)
        self.memo.clear()

    def find(self, surname: str) -> _Person | None:
        if surname in self.exact:
            return self.exact[surname]
        if surname in self.memo:
            return self.memo[surname]
        choices = [
            s for s in self.by_initial.get(surname[:1], ()) if abs(len(s) - len(surname)) <= 2
        ]
        best = process.extractOne(
            surname.casefold(),
            [c.casefold() for c in choices],
            scorer=ratio,
            score_cutoff=self.typo_ratio,
        )
        person = self.exact[choices[best[2]]] if best else None
        self.memo[surname] = person
        return person


def find_entities(
    articles: Sequence[Article],
    spin: Mapping[str, SpinFinding] | None = None,
    *,
    surname_typo_ratio: float = SURNAME_TYPO_RATIO,
) -> list[Entity]:
    """The contract's ``entities``: people first, then organisations and places. A
    surname ``surname_typo_ratio`` (0-100) like a known one is taken for it, misspelt."""
    english = sorted((a for a in articles if a.language in (None, "en")), key=lambda a: a.id)
    found = ner.find_mentions([a.text for a in english])
    people = _people(english, found, spin or {}, surname_typo_ratio)
    named = _organisations_and_places(english, found, people, spin)
    entities: list[Entity] = []
    for person in sorted(people, key=lambda p: (-len(p.articles), p.surname)):
        name = person.full_names.most_common(1)[0][0]
        variants = sorted(
            {*person.full_names, *person.surnames_seen} - {name},
            key=lambda v: (-person.full_names.get(v, 0), v),
        )
        given = _distinct_first_names(
            {
                first: articles_using
                for first, articles_using in person.first_names.items()
                if first in person.confirmed_first_names and given_name_like(first)
            }
        )
        entities.append(
            Entity(
                id=f"e{len(entities) + 1}",
                name=name,
                type="PERSON",
                role=_best_role(person.roles),
                variants=tuple(variants),
                articles=tuple(sorted(person.articles)),
                # Two first names for one surname, each shown to be a given name (NER or a
                # title): a name conflict for the conflicts stage to judge.
                conflict_candidate=len(given) > 1,
                first_names=tuple(sorted(given)) if len(given) > 1 else None,
            )
        )
    order = {"ORG": 0, "GPE": 1, "LOC": 2}
    for item in sorted(
        named,
        key=lambda n: (order.get(n.labels.most_common(1)[0][0], 3), -len(n.articles), n.key),
    ):
        forms = sorted(item.forms, key=lambda f: (f in item.spun_forms, -item.forms[f], -len(f), f))
        entities.append(
            Entity(
                id=f"e{len(entities) + 1}",
                name=forms[0],
                type=item.labels.most_common(1)[0][0],
                role=None,
                variants=tuple(sorted(forms[1:])),
                articles=tuple(sorted(item.articles)),
                conflict_candidate=False,
            )
        )
    return entities


def find_people(articles: Sequence[Article]) -> list[Entity]:
    """The PERSON entities alone."""
    return [e for e in find_entities(articles) if e.type == "PERSON"]


def _distinct_first_names(first_names: Mapping[str, set[str]]) -> set[str]:
    """First names that really differ: initials and dotted forms ("J.D." / "JD") don't.
    Returned as written (the first spelling of each folded form)."""
    kept: dict[str, str] = {}
    for name in sorted(first_names):
        if len(name.replace(".", "")) > 2 or not name.replace(".", "").isupper():
            kept.setdefault(name.replace(".", "").casefold(), name)
    return set(kept.values())


def _best_role(roles: Counter[str]) -> str | None:
    """The role most often given, counting a shorter form ("Defense Secretary") as a vote
    for the longer one that ends with it ("U.S. Defense Secretary")."""
    if not roles:
        return None
    folded = {role: role.casefold().split() for role in roles}

    def score(role: str) -> tuple[int, int, int]:
        words = folded[role]
        votes = sum(
            count
            for other, count in roles.items()
            if folded[other] == words[len(words) - len(folded[other]) :]
        )
        return votes, roles[role], -len(role)

    return max(sorted(roles), key=score)


def _people(
    articles: Sequence[Article],
    found: Sequence[Sequence[ner.Mention]],
    spin: Mapping[str, SpinFinding],
    typo_ratio: float = SURNAME_TYPO_RATIO,
) -> list[_Person]:
    people: list[_Person] = []
    surnames = _Surnames(typo_ratio)

    def person_for(surname: str) -> _Person:
        person = surnames.find(surname)
        if person is None:
            person = _Person(surname)
            people.append(person)
            surnames.add(person)
        return person

    words_of = {a.id: set(_CAPITALISED.findall(a.text)) for a in articles}
    has_model = nlp.available()
    non_person: Counter[str] = Counter()  # NER labels other than PERSON, by surface
    for article, mentions in zip(articles, found, strict=True):
        finding = spin.get(article.id)
        evidence = finding.evidence if finding is not None else ()
        labelled: dict[tuple[int, int], str] = {}
        for mention in mentions:
            labelled[(mention.start, mention.end)] = mention.label
            if mention.label != "PERSON":
                non_person[_POSSESSIVE.sub("", mention.text)] += 1
        rule_spans = set()
        for first, last, role, start, end in _mentions(article, evidence):
            person = person_for(last)
            person.full_names[f"{first} {last}"] += 1
            person.surnames_seen[last] += 1
            person.articles.add(article.id)
            person.first_names[first].add(article.id)
            if role:
                person.roles[role] += 1
            label = labelled.get((start, end)) or labelled.get((start, end + 2))
            if label:
                person.ner_votes[label] += 1
            if label == "PERSON" or role or (not has_model and given_name_like(first)):
                person.confirmed_first_names.add(first)
            rule_spans.add(start)
        # Full names only NER finds (particles, initials: "Ursula von der Leyen").
        for mention in mentions:
            tokens = _POSSESSIVE.sub("", mention.text).split()
            if (
                mention.label != "PERSON"
                or mention.start in rule_spans
                or len(tokens) < 2
                or not all(
                    t[:1].isupper() or t in ("von", "der", "van", "de", "bin", "al") for t in tokens
                )
                or any(t.rstrip(".") in TITLE_WORDS for t in tokens)
                or not tokens[-1][1:2].islower()
            ):
                continue
            person = person_for(tokens[-1])
            person.full_names[" ".join(tokens)] += 1
            person.surnames_seen[tokens[-1]] += 1
            person.articles.add(article.id)
            person.first_names[tokens[0]].add(article.id)
            person.confirmed_first_names.add(tokens[0])
            person.ner_votes["PERSON"] += 1
            role = _role(article.text, mention.start, mention.end, evidence)
            if role:
                person.roles[role] += 1
    by_id = {a.id: a for a in articles}
    speaking = {a.id: _speaking(a.text) for a in articles}
    lower_cache: dict[str, set[str]] = {}

    def lower_words(article_id: str) -> set[str]:
        if article_id not in lower_cache:
            lower_cache[article_id] = set(_LOWER_WORD.findall(by_id[article_id].text))
        return lower_cache[article_id]

    def acts_as_person(person: _Person) -> bool:
        return any(person.surname in speaking[i] for i in person.articles if i in speaking)

    def is_person(person: _Person) -> bool:
        votes = person.ner_votes
        others = sum(c for label, c in votes.items() if label != "PERSON")
        if others > votes["PERSON"] and not person.roles:
            return False  # NER reads it as a place or organisation ("Saudi Arabia")
        if person.roles or acts_as_person(person):
            return True
        # NER alone: unless its first word is an ordinary word elsewhere ("Storm Orla"
        # and "the storm").
        first = person.full_names.most_common(1)[0][0].split()[0].lower()
        return votes["PERSON"] > 0 and not any(
            first in lower_words(i) for i in person.articles if i in by_id
        )

    people = [p for p in people if is_person(p)]
    # "Mark" as a surname is the first name of someone else ("Secretary General Mark Rutte").
    first_names = {first for p in people for first in p.first_names}
    people = [p for p in people if p.surname not in first_names]
    _add_misspellings(people, articles, words_of, non_person, speaking, typo_ratio)
    # Surname-only mentions ("Marrow said") join a person already known from this batch.
    by_variant: dict[str, list[_Person]] = defaultdict(list)
    for person in people:
        for variant in person.surnames_seen:
            by_variant[variant].append(person)
    for article in articles:
        for word in words_of[article.id] & by_variant.keys():
            for person in by_variant[word]:
                person.articles.add(article.id)
    return people


def _add_misspellings(
    people: Sequence[_Person],
    articles: Sequence[Article],
    words_of: Mapping[str, set[str]],
    non_person: Counter[str],
    speaking: Mapping[str, set[str]],
    typo_ratio: float = SURNAME_TYPO_RATIO,
) -> None:
    """A capitalised word one or two letters off a known surname ("Hegesth") is a variant,
    unless NER reads that word as a place or organisation and it never speaks."""
    surnames = _Surnames(typo_ratio)
    for person in people:
        surnames.add(person)
    known = {variant for person in people for variant in person.surnames_seen}
    for article in articles:
        for word in words_of[article.id]:
            if word in known or word.endswith(("’s", "'s")):
                continue
            match = surnames.find(word)
            if match is None or word == match.surname:
                continue
            if not non_person[word] or word in speaking[article.id]:
                match.surnames_seen[word] += 1
                match.articles.add(article.id)


def _sentence_initial_only(text: str, start: int, word: str) -> bool:
    """A one-word name opening its sentence and never capitalised mid-sentence in the
    article: likely an ordinary word NER took for a name ("Honesty will be our policy")."""
    before = text[max(0, start - 3) : start]
    if start > 0 and not re.search(r"(?:[.!?:][\"”’']?\s|\n)$", before):
        return False
    return re.search(rf"[\w,;] {re.escape(word)}\b", text) is None


_JOINED_NAMES = re.compile(r"\s[-\u2013\u2014]\s")


def _organisations_and_places(
    articles: Sequence[Article],
    found: Sequence[Sequence[ner.Mention]],
    people: Sequence[_Person],
    spin: Mapping[str, SpinFinding] | None = None,
) -> list[_Named]:
    person_words = {
        word for p in people for name in (*p.full_names, *p.surnames_seen) for word in [name]
    }
    groups: dict[str, _Named] = {}
    defined: dict[str, str] = {}  # acronym -> key of the long form it was defined for
    for article, mentions in zip(articles, found, strict=True):
        finding = (spin or {}).get(article.id)
        evidence = finding.evidence if finding is not None else ()
        for mention in mentions:
            if mention.label not in ("ORG", "GPE", "LOC"):
                continue
            # A name the spin stage found swapped ("White Home") is read as its original.
            display = _display(_swapped(article.text, mention.start, mention.end, evidence))
            key = _fold(display)
            tokens = display.split()
            if (
                not key
                or not display[:1].isupper()
                or display in person_words
                or all(t.rstrip(".") in TITLE_WORDS or t in NOT_NAMES for t in tokens)
                or len(key) < 2
                or _JOINED_NAMES.search(display)  # "Ukraine - Crimea": two names, one span
            ):
                continue
            group = groups.setdefault(key, _Named(key))
            group.forms[display] += 1
            group.labels[mention.label] += 1
            group.articles.add(article.id)
            if (
                " " in display
                or display.isupper()
                or not _sentence_initial_only(article.text, mention.start, display)
            ):
                group.mid_sentence += 1
            after = re.match(r"\s?\(([A-Z][A-Za-z.&]{1,9})\)", article.text[mention.end :])
            if after and _acronym(after.group(1)):
                # "... Strategic Studies (IISS)": the acronym is a form of this name.
                defined[_fold(after.group(1))] = key
                group.forms[after.group(1)] += 1
    _merge_acronyms(groups, defined)
    _merge_spun_names(groups, _spun_words(articles, spin or {}))
    _drop_demonyms(groups)
    # A one-word name only ever seen opening a sentence is likely an ordinary word.
    return [group for group in groups.values() if group.mid_sentence]


def _spun_words(
    articles: Sequence[Article], spin: Mapping[str, SpinFinding]
) -> dict[str, dict[str, str]]:
    """Per spun article, the word swaps its spin evidence shows ("Protection Secretary" for
    "Defense Secretary": protection -> defense): a spinner swaps a word wherever it
    occurs, also inside names the evidence does not cover ("Ukraine Protection Contact
    Group")."""
    swaps: dict[str, dict[str, str]] = {}
    for article in articles:
        record = spin.get(article.id)
        if record is None or not record.is_spun:
            continue
        for item in record.evidence:
            written = _fold(item.text).split()
            original = _fold(item.likely_original or "").split()
            if len(written) != len(original):
                continue
            for mine, theirs in zip(written, original, strict=True):
                if mine != theirs:
                    swaps.setdefault(article.id, {})[mine] = theirs
    return swaps


def _merge_spun_names(groups: dict[str, _Named], swaps: Mapping[str, Mapping[str, str]]) -> None:
    """A name seen only in spun articles whose swapped words, read back, give a name another
    article writes is that name (its spun form stays a variant). Without such a
    confirmation the name is kept as written: "Home Office" is not rewritten on a guess."""
    if not swaps:
        return
    for key in sorted(groups):
        group = groups.get(key)
        if group is None or not group.articles or not all(a in swaps for a in group.articles):
            continue
        words = key.split()
        for article in sorted(group.articles):
            restored = " ".join(swaps[article].get(w, w) for w in words)
            target = groups.get(restored)
            if restored == key or target is None or not (target.articles - group.articles):
                continue
            target.spun_forms |= {form for form in group.forms if form not in target.forms}
            target.forms.update(group.forms)
            target.labels.update(group.labels)
            target.articles |= group.articles
            target.mid_sentence += group.mid_sentence
            del groups[key]
            break


_DEMONYM_ENDINGS = ("ians", "ian", "ese", "ish", "ans", "an", "i")


def _drop_demonyms(groups: dict[str, _Named]) -> None:
    """A one-word "place" that is the adjective of another place found ("Ukrainian" beside
    "Ukraine", "Lebanese" beside "Lebanon") is a nationality the model took for a place."""
    places = [
        g.forms.most_common(1)[0][0]
        for g in groups.values()
        if _kind(g) == "PLACE" and " " not in g.forms.most_common(1)[0][0]
    ]
    for key in list(groups):
        group = groups[key]
        word = group.forms.most_common(1)[0][0]
        if _kind(group) != "PLACE" or " " in word or not word[:1].isupper():
            continue
        for ending in _DEMONYM_ENDINGS:
            if not word.endswith(ending) or len(word) - len(ending) < 4:
                continue
            stem = word[: -len(ending)]
            if any(p != word and p.startswith(stem) and len(p) - len(stem) <= 3 for p in places):
                del groups[key]
            break


def _kind(group: _Named) -> str:
    label = group.labels.most_common(1)[0][0]
    return "PLACE" if label in PLACE_LABELS else label


def _merge_acronyms(groups: dict[str, _Named], defined: Mapping[str, str]) -> None:
    """Fold an acronym's group into its long form's: defined in the text, or the only long
    form of the same kind whose initials it spells."""
    by_initials: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, group in groups.items():
        long_form = group.forms.most_common(1)[0][0]
        initials = _initials(long_form)
        if initials:
            by_initials[(initials, _kind(group))].append(key)
    for key in list(groups):
        group = groups[key]
        letters = _acronym(group.forms.most_common(1)[0][0])
        if not letters:
            continue
        target = defined.get(key)
        if target is None:
            candidates = by_initials.get((letters, _kind(group)), [])
            target = candidates[0] if len(candidates) == 1 else None
        if target is None or target == key or target not in groups:
            continue
        into = groups[target]
        into.forms.update(group.forms)
        into.labels.update(group.labels)
        into.articles |= group.articles
        into.mid_sentence += group.mid_sentence
        del groups[key]


@dataclass
class _Linked:
    entities: object = None
    index: dict[str, str] = field(default_factory=dict)


_LINKED = _Linked()


def _index(entities: Sequence[Entity]) -> dict[str, str]:
    """Names, variants and (for people) unambiguous surnames -> entity id; built once per
    entities list, so linking every quote of a batch stays linear."""
    if _LINKED.entities is entities:
        return _LINKED.index
    index: dict[str, str] = {}
    surnames: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        for name in (entity.name, *entity.variants):
            index.setdefault(f"={_fold(name)}", entity.id)
            if entity.type == "PERSON":
                surnames[name.split()[-1]].add(entity.id)
    for surname, ids in surnames.items():
        if len(ids) == 1:
            index[f"~{surname}"] = next(iter(ids))
    _LINKED.entities, _LINKED.index = entities, index
    return index


def entity_for(speaker: str | None, entities: Sequence[Entity]) -> str | None:
    """The entity id of a resolved speaker: a person by name, variant or surname, an
    organisation by any of its forms ("the IISS", "London-based ... (IISS)")."""
    if not speaker:
        return None
    index = _index(entities)
    folded = _fold(speaker)
    if f"={folded}" in index:
        return index[f"={folded}"]
    tokens = _POSSESSIVE.sub("", speaker).split()
    if tokens and f"~{tokens[-1]}" in index:
        return index[f"~{tokens[-1]}"]
    # "London-based International Institute for Strategic Studies": drop the qualifier.
    trimmed = re.sub(r"^[\w\-]+-based\s", "", " ".join(tokens))
    if (found := index.get(f"={_fold(trimmed)}")) is not None:
        return found
    # A machine-spun name of an institution ("White Home") is the phrase it came from.
    restored = restore_fixed_phrases(speaker)
    return index.get(f"={_fold(restored)}") if restored != speaker else None
