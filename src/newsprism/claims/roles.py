"""People with their roles as each article names them, and where two articles disagree.

A mention is a full name (two capitalised words) that an article gives a role or an age:
the title written before it ("Health Minister Jan Novak", "dock union leader Eva Berg",
"the country's finance minister, Ida Holm"), an apposition after it ("Eva Berg, leader of
the dockers' union," / "Ida Holm, the finance minister,") or an age ("Piet Maas, 51," /
"a 51-year-old"). A role is its head ("minister", "prime minister", "chief executive", with
synonyms: "premier", "boss") and its portfolio or rank words ("defence", "foreign",
"police", "deputy"). Two mentions in different articles whose sentences say the same thing
are

* a name conflict when they share the role (or the age) and one name but not the other
  ("head coach Leo Brandt" / "head coach Leo Brunner"), the other name appearing nowhere in
  the other article;
* a title conflict when they are the same name with roles that cannot both hold: other
  heads ("captain" / "chairman"), other portfolios ("Defence" / "Foreign Minister") or
  other ranks ("deputy prime minister" / "prime minister"). A word the vocabulary does not
  know ("Resilience Secretary" beside "Defence Secretary") is not taken for another
  portfolio, seats held beside any role ("Senator") never clash, and a "former" role is no
  role.

Precision over recall: only roles written next to the name count, and the two sentences
must share half of their content words (Jaccard).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz.fuzz import ratio

from newsprism.model import Article
from newsprism.text.lexicon import STOPWORDS
from newsprism.text.sentences import sentence_spans

# Role heads: what someone is. Compounds first; synonyms map to one canonical head.
_COMPOUND_HEADS = {
    ("prime", "minister"): "prime minister",
    ("chief", "executive"): "chief executive",
    ("secretary", "general"): "secretary general",
    ("attorney", "general"): "attorney general",
    ("head", "coach"): "coach",
    ("opposition", "leader"): "opposition leader",
}
_HEAD_SYNONYMS = {
    "premier": "prime minister",
    "boss": "chief executive",
    "ceo": "chief executive",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "chairman": "chair",
    "chairwoman": "chair",
    "chairperson": "chair",
    "manager": "coach",
    "headteacher": "head teacher",
}
_HEADS = frozenset(
    "minister secretary president premier chancellor mayor governor judge justice coach "
    "manager captain chairman chairwoman chair chairperson chief executive leader spokesman "
    "spokeswoman spokesperson speaker director candidate midfielder striker defender "
    "goalkeeper winger forward player driver pilot officer commander general ambassador "
    "senator lawmaker mp envoy head boss founder owner prosecutor lawyer attorney "
    "commissioner inspector sheriff editor ceo king queen prince princess pope bishop "
    "archbishop cardinal imam rabbi colonel admiral sergeant constable superintendent "
    "detective professor doctor surgeon nurse teacher headteacher principal councillor "
    "congressman congresswoman representative negotiator mediator adviser advisor economist "
    "analyst scientist researcher journalist reporter correspondent presenter referee "
    "chancellor treasurer auditor ombudsman regulator".split()
)
# Heads that say only "who leads", or a seat anyone may hold beside another role ("Senator
# Mitch McConnell" / "McConnell, the Senate majority leader"): compatible with any head.
_GENERIC_HEADS = frozenset(
    "chief head boss official senator representative congressman congresswoman mp lawmaker "
    "legislator councillor member delegate".split()
)
# Portfolios and services: two different ones are two different jobs.
_PORTFOLIOS = frozenset(
    "defence defense foreign finance financial health interior home justice education "
    "transport energy environment agriculture trade labour labor economy economic culture "
    "tourism housing industry science treasury police fire army navy military intelligence "
    "security immigration culture sport sports digital communications fisheries water "
    "employment welfare women youth development planning infrastructure".split()
)
# One portfolio in another spelling or word: "defense" is "defence", "sports" is "sport".
_PORTFOLIO_SPELLINGS = {
    "defense": "defence",
    "labor": "labour",
    "financial": "finance",
    "economic": "economy",
    "sports": "sport",
}
_ATTRIBUTION = frozenset("said says told according officials announced reporters".split())
_RANKS = frozenset("deputy vice assistant acting junior shadow interim associate".split())
_PAST = frozenset("former ex ex- then late outgoing previous".split())
_NAME = re.compile(
    r"(?=(?<![\w'’.-])([A-Z][a-z][\w'’-]*)\s([A-Z][a-z][\w'’-]*?)(?:['’]s)?(?![\w'’-]))"
)
_ROLE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_AGE_AFTER = re.compile(r",\s(?:a\s|an\s)?(\d{1,3})(?:-year-old)?\b")
_APPOSITION = re.compile(r",\s(?:the\s|a\s|an\s)?([^,.;:()]{2,80})(?=[,.;:])")
SAME_SENTENCE_MIN_JACCARD = 0.5
SURNAME_VARIANT_RATIO = 85.0
MAX_PER_VARIANT = 8  # mentions of one name (or one role) compared with another's


@dataclass(frozen=True, slots=True)
class Role:
    head: str
    portfolios: frozenset[str]
    ranks: frozenset[str]
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    article: str
    first: str
    last: str
    start: int
    end: int
    role: Role | None
    age: int | None
    words: frozenset[str]  # the sentence's content words, without names and role words


def _role_of(words: list[tuple[str, int, int]]) -> Role | None:
    """The role in a run of words ("Transport ministry spokesman", "Speaker of the House",
    "leader of the dockers' union"), or None."""
    lowered = [w.casefold().removesuffix("'s").removesuffix("’s") for w, _, _ in words]
    if any(w in _PAST for w in lowered):
        return None
    core = lowered[: lowered.index("of")] if "of" in lowered else lowered
    if not core:
        return None
    head: str | None = None
    last = core[-1]
    if len(core) >= 2 and (core[-2], last) in _COMPOUND_HEADS:
        head = _COMPOUND_HEADS[(core[-2], last)]
    elif last in _HEADS:
        head = _HEAD_SYNONYMS.get(last, last)
    if head is None:
        return None
    # The role's words start at the first that is capitalised or a role word: "a motion
    # against Prime Minister" is "Prime Minister".
    keep = next(
        i
        for i, (word, _, _) in enumerate(words)
        if word[:1].isupper() or lowered[i] in _HEADS | _PORTFOLIOS | _RANKS
    )
    words, lowered = words[keep:], lowered[keep:]
    modifiers = set(lowered) - set(head.split())
    return Role(
        head,
        frozenset(_PORTFOLIO_SPELLINGS.get(w, w) for w in modifiers & _PORTFOLIOS),
        frozenset(modifiers & _RANKS),
        " ".join(w for w, _, _ in words),
        words[0][1],
        words[-1][2],
    )


def _words_before(text: str, start: int) -> list[tuple[str, int, int]]:
    """Up to five words right before ``start`` in one phrase (across one comma: "the
    country's finance minister, Ida Holm")."""
    window_start = max(0, start - 80)
    window = text[window_start:start]
    if window.endswith(", "):
        window = window[:-2]
    found: list[tuple[str, int, int]] = []
    for match in reversed(list(re.finditer(r"[\w'’-]+|[^\w\s]", window))):
        word = match.group()
        gap = window[match.end() : found[-1][1] - window_start] if found else window[match.end() :]
        if not re.fullmatch(r"\s?", gap) or not word[:1].isalpha():
            break
        if word.casefold() in STOPWORDS and word.casefold() != "of":
            break
        found.append((word, window_start + match.start(), window_start + match.end()))
        if len(found) == 5:
            break
    while found and found[-1][0].casefold() == "of":
        found.pop()
    return list(reversed(found))


def _sentence_words(sentence: str, name: tuple[str, str]) -> frozenset[str]:
    """What a sentence says besides the person's name and roles: its content words."""
    skip = {name[0].casefold(), name[1].casefold()} | STOPWORDS | _HEADS | _PORTFOLIOS | _RANKS
    return frozenset(
        w.casefold()[:5]
        for w in _ROLE_WORD.findall(sentence)
        if len(w) > 2 and w.casefold() not in skip and w.casefold() not in _ATTRIBUTION
    )


def mentions(article: Article) -> list[Mention]:
    """People an article names with a role or an age."""
    found: list[Mention] = []
    for sentence_start, sentence_end in sentence_spans(article.text):
        text = article.text[sentence_start:sentence_end]
        for match in _NAME.finditer(text):
            first, last = match.group(1), match.group(2)
            if {first.casefold(), last.casefold()} & (_HEADS | _PORTFOLIOS | _RANKS):
                continue
            start, end = match.start(1), match.end(2)
            before = [
                (w, sentence_start + s, sentence_start + e)
                for w, s, e in _words_before(text, start)
            ]
            role = _role_of(before)
            age: int | None = None
            rest = text[end:]
            if role is None and (apposition := _APPOSITION.match(rest)):
                offset = sentence_start + end + apposition.start(1)
                phrase = [
                    (m.group(), offset + m.start(), offset + m.end())
                    for m in _ROLE_WORD.finditer(apposition.group(1))
                ]
                role = _role_of(phrase[:8])
            if aged := _AGE_AFTER.match(rest):
                age = int(aged.group(1))
            if role is None and age is None:
                continue
            found.append(
                Mention(
                    article.id,
                    first,
                    last,
                    sentence_start + start,
                    sentence_start + end,
                    role,
                    age,
                    _sentence_words(text, (first, last)),
                )
            )
    return found


# Short forms that are not the start of the name they stand for ("Ed" is "Edward"'s).
_SHORT_FORMS = {
    "bill": "william",
    "will": "william",
    "bob": "robert",
    "rob": "robert",
    "dick": "richard",
    "rick": "richard",
    "mike": "michael",
    "jim": "james",
    "jimmy": "james",
    "jack": "john",
    "peggy": "margaret",
    "maggie": "margaret",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "betty": "elizabeth",
    "kate": "katherine",
    "kathy": "katherine",
    "tony": "anthony",
    "ted": "edward",
    "ned": "edward",
    "chuck": "charles",
    "hank": "henry",
    "harry": "henry",
    "larry": "lawrence",
    "sandy": "alexandra",
    "sasha": "alexander",
    "peg": "margaret",
    "bernie": "bernard",
    "joe": "joseph",
    "pete": "peter",
    "steve": "stephen",
    "nick": "nicholas",
    "andy": "andrew",
    "drew": "andrew",
    "matt": "matthew",
    "tom": "thomas",
    "dan": "daniel",
    "sam": "samuel",
}


def one_name(a: str, b: str) -> bool:
    """Two ways of writing one first name: a short form ("Ed" / "Edward", "Bill" /
    "William") or a dotted form ("J.D." / "JD")."""
    x, y = a.replace(".", "").casefold(), b.replace(".", "").casefold()
    if x == y or (min(len(x), len(y)) >= 2 and (x.startswith(y) or y.startswith(x))):
        return True
    return _SHORT_FORMS.get(x, x) == _SHORT_FORMS.get(y, y)


def _same_role(a: Role, b: Role) -> bool:
    return a.head == b.head or a.head in _GENERIC_HEADS or b.head in _GENERIC_HEADS


def clashing_roles(a: Role, b: Role) -> bool:
    """Roles one person cannot both hold as the two reports put it."""
    if a.head != b.head:
        return not (a.head in _GENERIC_HEADS or b.head in _GENERIC_HEADS) or bool(
            a.portfolios and b.portfolios and not a.portfolios & b.portfolios
        )
    if a.portfolios and b.portfolios and not a.portfolios & b.portfolios:
        return True
    return a.ranks != b.ranks


def _similar(a: Mention, b: Mention) -> bool:
    """Sentences that say the same thing (Jaccard of their content words)."""
    return len(a.words & b.words) / max(1, len(a.words | b.words)) >= SAME_SENTENCE_MIN_JACCARD


def _named_in(name: str, text: str) -> bool:
    return bool(re.search(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])", text))


def _pairs(mentions_: Sequence[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """Pairs of mentions in different articles that could be one person: the same full
    name with two roles, or the same role (or age) with one name part in common. Buckets
    keep this near-linear: each bucket compares its first few mentions of each variant."""
    by_name: dict[tuple[str, str], dict[object, list[Mention]]] = defaultdict(
        lambda: defaultdict(list)
    )
    by_part: dict[tuple[str, str, str], dict[object, list[Mention]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for mention in mentions_:
        role = mention.role
        if role is not None:
            by_name[(mention.first, mention.last)][(role.head, role.portfolios, role.ranks)].append(
                mention
            )
        for key in (role.head if role else None, mention.age):
            if key is not None:
                by_part[("first", mention.first, str(key))][mention.last].append(mention)
                by_part[("last", mention.last, str(key))][mention.first].append(mention)
    for buckets in [*by_name.values(), *by_part.values()]:
        variants = list(buckets.values())
        for i, left in enumerate(variants):
            for right in variants[i + 1 :]:
                for a in left[:MAX_PER_VARIANT]:
                    for b in right[:MAX_PER_VARIANT]:
                        if a.article != b.article:
                            yield (a, b) if a.article < b.article else (b, a)


def role_conflicts(
    articles: Sequence[Article],
    known_surnames: frozenset[str] = frozenset(),
    story_of: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Name conflicts (another surname or first name for the person in one role) and title
    conflicts (the same name in roles that clash) between articles not placed in different
    stories (``story_of``); people whose first names already conflict
    (``known_surnames``) are left to that conflict."""
    story_of = story_of or {}
    texts: Mapping[str, str] = {a.id: a.text for a in articles}
    found_mentions = [m for a in sorted(articles, key=lambda a: a.id) for m in mentions(a)]
    conflicts: list[dict[str, Any]] = []
    seen: set[tuple[str, ...]] = set()
    for a, b in _pairs(found_mentions):
        stories = (story_of.get(a.article), story_of.get(b.article))
        if (None not in stories and stories[0] != stories[1]) or not _similar(a, b):
            continue
        found = _conflict(a, b, texts)
        if found is None:
            continue
        key = (found["kind"], found["what"], *sorted(v["value"] for v in found["values"]))
        if key in seen or (found["what"].startswith("first name") and a.last in known_surnames):
            continue
        seen.add(key)
        conflicts.append(found)
    return conflicts


def _value(value: str, mention: Mention, start: int, end: int) -> dict[str, Any]:
    return {
        "value": value,
        "articles": [mention.article],
        "evidence": [{"article": mention.article, "start": start, "end": end}],
    }


def _conflict(a: Mention, b: Mention, texts: Mapping[str, str]) -> dict[str, Any] | None:
    same_role = (a.role is not None and b.role is not None and _same_role(a.role, b.role)) or (
        a.age is not None and a.age == b.age
    )
    role = a.role or b.role
    label = f"{role.text.casefold()} " if role else ""
    if a.first == b.first and a.last != b.last and same_role:
        if ratio(a.last, b.last) >= SURNAME_VARIANT_RATIO:
            return None  # a spelling variant, not another name
        if _named_in(b.last, texts[a.article]) or _named_in(a.last, texts[b.article]):
            return None  # both people are in the same report
        return {
            "kind": "name",
            "what": f"surname of {label}{a.first}",
            "values": [
                _value(a.last, a, a.start + len(a.first) + 1, a.end),
                _value(b.last, b, b.start + len(b.first) + 1, b.end),
            ],
        }
    if a.last == b.last and not one_name(a.first, b.first) and same_role:
        if _named_in(f"{b.first} {b.last}", texts[a.article]) or _named_in(
            f"{a.first} {a.last}", texts[b.article]
        ):
            return None
        return {
            "kind": "name",
            "what": f"first name of {label}{a.last}",
            "values": [
                _value(a.first, a, a.start, a.start + len(a.first)),
                _value(b.first, b, b.start, b.start + len(b.first)),
            ],
        }
    if (
        a.first == b.first
        and a.last == b.last
        and a.role is not None
        and b.role is not None
        and clashing_roles(a.role, b.role)
    ):
        return {
            "kind": "attribute",
            "what": f"title of {a.first} {a.last}",
            "values": [
                _value(a.role.text, a, a.role.start, a.role.end),
                _value(b.role.text, b, b.role.start, b.role.end),
            ],
        }
    return None
