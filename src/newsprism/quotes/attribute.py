"""Who said it: cue verbs and phrases in either order, pronouns, roles, continuations.

Works on plain text and the quotes ``find_quotes`` returns. A speaker that cannot be told
is None, never a guess. Every mention is a character span into the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.text.abbreviations import ABBREVIATIONS
from newsprism.text.lexicon import (
    CUE_VERBS,
    NOT_NAMES,
    ORG_NOUNS,
    ORG_WORDS,
    PARTICIPLE_CUES,
    ROLE_NOUNS,
    TITLE_WORDS,
    bare_token,
    is_person_like,
)
from newsprism.text.quoted import FoundQuote, find_quotes

# Cues are lower case in running text; "the United States warned" must not read "States".
_CUE = rf"(?P<cue>(?:{CUE_VERBS}))"
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|[Ii]t)"
# Bounded and anchored at a word start, so no pattern built on it can backtrack
# quadratically over a long run of capitals.
_NAME_TOKEN = r"(?<![\w'’.\-])[A-Z][\w'’.\-]{0,40}"
# Abbreviations whose full stop does not end a sentence: fixed-width look-behinds, so every
# pattern using them stays linear.
_ABBREVIATIONS = ABBREVIATIONS
# A name goes on past a full stop only after an initial or an abbreviation: "said Mayor Ilse
# Marrow. She added" names "Ilse Marrow", not "Marrow. She".
_NAME_WORD = (
    r"(?<![\w'’.\-])(?:(?:" + "|".join(_ABBREVIATIONS) + r")\.|[A-Z]\.(?:[A-Z]\.){0,3}"
    r"|[A-Z][\w'’.\-]{0,40}(?<!\.))\s"
)
_ORG_WORD = "|".join(sorted(ORG_WORDS | {"Institution", "Society", "Academy", "School"}))
# Organisations keep their linking words: "Institute for Strategic Studies", "Council on
# Foreign Relations"; people do not ("Cameron Easley for Morning Consult").
_NAME = (
    rf"(?:{_NAME_WORD}|(?<![\w'’.\-])(?=[A-Z][a-z]{{1,15}}\s(?:of|for|on|and)\s)"
    rf"(?:{_ORG_WORD})\s(?:of|for|on|and)\s(?:the\s)?){{0,5}}"
    rf"{_NAME_TOKEN}"
)
_NOT_AFTER_ABBREVIATION = "".join(rf"(?<!\b{a})" for a in _ABBREVIATIONS) + r"(?<!\b[A-Z])"
_DETERMINER = (
    r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Mm]y|[Oo]ur|[Yy]our|[Oo]ne|[Tt]wo|"
    r"[Tt]hree|[Ss]ome|[Ss]everal|[Aa]nother|[A-Z][\w\-]{1,30}['’]s)"
)
# "the attorney general of Oklahoma", "one Democratic source on the panel", "the mother of three"
_COMPLEMENT = (
    r"(?:\s(?:of|on|at|for)\s(?:the\s)?(?:[A-Z][\w'’\-]{0,30}(?:\s[A-Z][\w'’\-]{0,30}){0,3}"
    r"|[a-z][\w'’\-]{1,30}(?=[\s,.;:]|$)))?"
)
_DESCRIPTION = (
    rf"{_DETERMINER}\s(?:[\w'’\-/]{{1,30}}\s){{0,4}}?(?:{ROLE_NOUNS}|{ORG_NOUNS})\b{_COMPLEMENT}"
)
_TITLE_ALTERNATIVES = "|".join(
    re.escape(t) for t in sorted(TITLE_WORDS, key=len, reverse=True) if t[:1].isupper()
)
# "White House press secretary Josh Earnest", "Democratic nominee Hillary Clinton":
# capitalised words, a lower-case role noun, a name.
_ROLE_NAME = (
    rf"(?:{_NAME_WORD}){{1,3}}(?:[a-z][\w\-]{{1,30}}\s){{0,2}}"
    rf"(?:(?:{ROLE_NOUNS})\s{_NAME}|(?=(?:{_TITLE_ALTERNATIVES})\.?\s){_NAME})"
)
# "9/11 widow Terry Strada", "panel Chairman Rep. Jason Chaffetz", "state Del. Marcia Price":
# lower-case words before a role noun or a title, then the name.
_LOWER_ROLE_NAME = (
    rf"(?:[a-z0-9][\w/’'\-]{{0,30}}\s){{1,2}}"
    rf"(?:(?:{ROLE_NOUNS})\s{_NAME}|(?=(?:{_TITLE_ALTERNATIVES})\.?\s){_NAME})"
)
# "former Florida governor Jeb Bush": words that date a title belong to the mention.
_PREMODIFIER = (
    r"(?:(?:former|then|ex|late|longtime|acting|outgoing|incoming|retired|onetime|one-time)"
    r"[\s\-])?"
)
# "the insider", "the 43-year-old", "the progressive heavyweights": any noun phrase opened by
# a determiner, tried last.
_ANY_DESCRIPTION = (
    rf"(?<!\bthat\s){_DETERMINER}\s(?:[\w'’\-/]{{1,30}}\s){{0,3}}?[a-z0-9][\w'’\-]{{1,30}}"
)
_SPEAKER = (
    rf"(?P<speaker>(?<![\w'’\-]){_PRONOUN}\b|{_DESCRIPTION}|{_PREMODIFIER}{_ROLE_NAME}|{_LOWER_ROLE_NAME}"
    rf"|(?:[Tt]he\s)?{_NAME})"
)
# "(D-N.C.)", "of New York", "of the Sierra Club"
_PARTY = (
    r"(?:\s\([^()\n]{1,30}\))?"
    r"(?:\sof\s(?:the\s)?[A-Z][\w'’\-]{0,30}(?:\s[A-Z][\w'’\-]{0,30}){0,3}(?![\w'’]))?"
)
_PREPOSITION = (
    r"(?:at|on|in|during|after|before|with|from|according|speaking|when|while|as|via|"
    r"through|under|over|without|by|to|into|outside|inside|later|earlier|then)"
)
# An apposition after the name belongs to the mention: ", a historian who attended"; a
# prepositional phrase (", in a statement") does not.
_AFTER_ABBREVIATION = "(?:" + "|".join(rf"(?<=\b{a})" for a in _ABBREVIATIONS) + r"|(?<=\b[A-Z]))"
_APPOSITION_AFTER = (
    rf"(?:,\s(?!\w+ing\b)(?!{_PREPOSITION}\b(?<!then))"
    rf"(?!then\s(?!(?:[\w\-]{{1,30}}\s){{0,3}}(?:{ROLE_NOUNS})\b))"  # "then ambassador to …"
    rf"(?:[a-z0-9]|(?=(?:Democrat|Republican|Independent)\sof\s)"
    rf"|(?=(?:[A-Z][\w.'’\-]{{0,30}}\s){{1,3}}(?:[a-z0-9][\w\-]{{0,30}}\s){{0,3}}(?:{ROLE_NOUNS})\b))"
    rf"(?:(?!,\s(?:{_PREPOSITION}|\w+ing)\b)(?:[^.“”\"\n]|{_AFTER_ABBREVIATION}\.)){{1,150}}?"
    rf"(?=[.,]?\s*(?:$|[“\"‘]|''|\x00)|,\s(?:{_PREPOSITION}|\w+ing)\b"
    rf"|{_NOT_AFTER_ABBREVIATION}\.))?"
)
_APPOSITION_INNER = rf"(?:,\s(?!\w+ing\b)(?!{_PREPOSITION}\b)[^,“”\"\n]{{1,120}},){{0,2}}"
_ASIDE = rf"(?:,\s{_PREPOSITION}\b[^,“”\"\n]{{1,80}},)?"  # ", at a later press gaggle,"
_GLUE = r"[\s,.!?…—–―\-'\x00]*"
_ADVERB = (
    r"(?:(?:\w+ly|then|also|later|often|always|never|once|again|further|still|even|"
    r"recently|previously|earlier|first|had|has|have|would|will|could|was|once\s+again)\s)?"
)

_AFTER_CUE_FIRST = re.compile(
    rf"^{_GLUE}{_ADVERB}{_CUE}\s(?:(?:[a-z][\w’'\-]*\s){{0,3}}?)"
    rf"(?P<mention>{_SPEAKER}{_PARTY}{_APPOSITION_AFTER})"
)
# Words that open a new clause: "“…,” when Clinton blasted him" is not Clinton's quote.
_SUBORDINATOR = r"(?:when|as|while|after|before|because|since|until|if|though|although|whereas)"
_AFTER_SPEAKER_FIRST = re.compile(
    rf"^{_GLUE}(?:(?!{_SUBORDINATOR}\b)(?:[a-z][\w’'\-]*\s)){{0,3}}?"
    rf"(?P<mention>{_SPEAKER}{_PARTY}{_APPOSITION_INNER}){_ASIDE},?\s{_ADVERB}{_CUE}\b"
)
# Right after a quotation, next to its cue, any description names the speaker ("“…,” the
# insider said", "“…,” said the 43-year-old"); elsewhere it may be an object ("The ad
# uses footage of Clinton asking") or reported speech ("adding that its budget").
_AFTER_CUE_DESCRIPTION = re.compile(
    rf"^{_GLUE}{_ADVERB}(?![a-z]+ing\b){_CUE}\s"
    rf"(?P<mention>(?P<speaker>{_ANY_DESCRIPTION}){_PARTY}{_APPOSITION_AFTER})"
)
_AFTER_DESCRIPTION_FIRST = re.compile(
    rf"^{_GLUE}(?P<mention>(?P<speaker>{_ANY_DESCRIPTION}){_PARTY}{_APPOSITION_INNER})"
    rf"{_ASIDE},?\s{_ADVERB}(?![a-z]+ing\b){_CUE}\b"
)
_BEFORE = re.compile(
    rf"(?<![\w'’.\-])(?P<mention>{_SPEAKER}{_PARTY}{_APPOSITION_INNER}){_ASIDE},?\s{_ADVERB}{_CUE}\b"
    rf"(?:(?!\s[-—–―]\s)(?:[^“”\"‘’.!?—–―]|{_AFTER_ABBREVIATION}\.)){{0,90}}?"
    rf"[,:]?\s{{0,3}}(?:that\s)?['\x00]?$"
)
# "Said Ellis: “…”": the cue opens the sentence.
_SAID_FIRST = re.compile(
    rf"(?:^|[.!?]\s+)(?P<cue>Said|Says|Added|Asked|Wrote|Continued|Stated|Concluded|Explained|"
    rf"Noted|Replied|Responded|Recalled)\s(?P<mention>{_SPEAKER}),?:?\s{{0,3}}$"
)
# "Clinton: “…”", "Poll overhype - HuffPollster: “…”", "More from the report: “…”": a
# name and a colon opening the line (or after a dash) hand it the quotation.
_NAME_COLON = re.compile(
    rf"(?:^|\s[-–—]+\s?)(?:(?:More\s)?[Ff]rom\s)?(?P<mention>{_SPEAKER}{_PARTY})"
    rf"\s?(?P<cue>:)\s{{0,3}}['\x00]?$"
)
# The subject of the sentence: "He then defended the remark, saying, “…”", "Sanders made
# the following comment: “…”".
_NOT_NAME_START = "|".join(sorted(NOT_NAMES))
_SUBJECT = re.compile(
    rf"^(?:[A-Z][^,“”\"]{{0,80}},\s)?(?!(?:{_NOT_NAME_START})\b)"
    rf"(?P<mention>{_SPEAKER}{_PARTY}{_APPOSITION_INNER})"
    rf"\s{_ADVERB}(?:(?:is|was|has|had)\s)?(?:[a-z]{{2,20}}ed|made|took|gave|wrote|told|said|"
    rf"put|went|got|had|did|saw|came|spoke|sent|began|held|kept|left|read|ran|set|struck|"
    rf"threw|won|is|was|has|says|uses|makes|tells|writes|offers|gives|puts)\b"
)
# "…, saying, “…”": a participle after a comma; its speaker is the sentence's subject.
_PARTICIPLE = re.compile(
    rf",\s(?P<cue>{PARTICIPLE_CUES})\b[^“”\"‘’.!?]{{0,60}}?[,:]?\s{{0,3}}(?:that\s)?['\x00]?$"
)
# "I laughed and said", "he paused and added"
_AND_CUE = re.compile(
    rf"(?<![\w'’.\-])(?P<mention>{_SPEAKER})\s[a-z]{{2,15}}ed\sand\s{_ADVERB}{_CUE}\b"
    rf"[^“”\"‘’.!?]{{0,60}}?[,:]?\s{{0,3}}(?:that\s)?['\x00]?$"
)
# “…” ― Carla Sanchez: a dash after the quotation names who said it.
_AFTER_DASH = re.compile(
    rf"^[\s'\"”’\xa0]*(?P<cue>[―—–])[\s\xa0]?(?P<mention>(?P<speaker>{_NAME}))(?:[.,]|\s*$)"
)
_ACCORDING = re.compile(rf"(?P<cue>[Aa]ccording to)\s(?P<mention>{_SPEAKER}),?\s{{0,3}}['\x00]?$")
# Transcripts: "WALLACE: Let's start…" inside the quotation names its speaker.
_TRANSCRIPT = re.compile(
    r"^\s?(?P<mention>(?P<speaker>[A-Z][A-Z'’\-]{1,20}(?: [A-Z][A-Z'’\-]{1,20})?))(?P<cue>:)\s"
)
_APPOSED_NAME = re.compile(rf",\s((?:{_NAME_TOKEN}\s){{1,3}}{_NAME_TOKEN}),")
_SENTENCE_END = re.compile(rf"{_NOT_AFTER_ABBREVIATION}[.!?…][\"”’']?\s+(?=[A-Z“\"‘]|$)")
_PARTICIPLE_CUE = re.compile(r"ing$")
# “… end.” Trump said.: a sentence of a name and a cue alone attributes the quote before.
_BARE_ATTRIBUTION = re.compile(
    rf"\s+(?:[A-Z][\w'’\-]{{1,30}}\s){{0,2}}[A-Z][\w'’\-]{{1,30}}\s{_ADVERB}(?:{CUE_VERBS})"
    r"(?:\s(?:on|last|this|in)\s[A-Z]?[\w]{2,12})?[.]"
)
# Openers that belong to a mention: "The Times", "This newspaper".
_KEPT_OPENERS = frozenset("The A An It Its This That These Those There Here".split())
_DETERMINED = re.compile(_DETERMINER + r"\s")
_SURNAME_SPEAKS = re.compile(
    rf"(?<![\w'’.\-])(?P<a>[A-Z][\w'’\-]{{1,30}})\s{_ADVERB}(?:{CUE_VERBS})\b"
    rf"|\b(?:{CUE_VERBS})\s(?P<b>[A-Z][\w'’\-]{{1,30}})(?=[.,]|\s*$)"
    rf"|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?\s(?P<c>[A-Z][\w'’\-]{{1,30}})\b"
)
_CUE_WORD = re.compile(rf"(?:{CUE_VERBS}|{PARTICIPLE_CUES})")
PARTIAL_MAX_WORDS = 3


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said ``quote``: the speaker resolved within the text, the words naming them
    (``mention``) and the cue's span. ``kind`` is "direct", "partial", "mixed" or
    "reported"; reported speech has no marks, so its ``quote`` has ``style`` "none"."""

    quote: FoundQuote
    text: str
    speaker: str | None
    mention: tuple[int, int] | None
    cue: str | None
    partial: bool
    cue_span: tuple[int, int] | None = None
    kind: str = "direct"


def _clean_mention(text: str) -> str:
    return " ".join(text.replace("\n", " ").split())


def _strip_titles(name: str) -> list[str]:
    tokens = [t.rstrip(",") for t in name.split()]
    while len(tokens) > 1 and (tokens[0].rstrip(".") in TITLE_WORDS or tokens[0] in NOT_NAMES):
        tokens = tokens[1:]
    return tokens


class _Names:
    """Canonical person names of one text: "Marrow" and "Mr. Marrow" -> "Ilse Marrow"."""

    def __init__(self, text: str) -> None:
        self.full: dict[str, Counter[str]] = {}
        # Overlapping matches: "Mayor Tomas Vendel" must yield "Tomas Vendel".
        for match in re.finditer(rf"(?=\b({_NAME_TOKEN})\s({_NAME_TOKEN})\b)", text):
            first, last = match.group(1), match.group(2)
            if first.rstrip(".") in TITLE_WORDS or last.rstrip(".") in TITLE_WORDS:
                continue
            if first.endswith(".") or last.endswith("."):
                continue  # "Ukraine. Europe" spans a sentence end
            if first in NOT_NAMES or not is_person_like([first, last]):
                continue
            if not first[1:2].islower() or not last[1:2].islower():
                continue
            self.full.setdefault(last, Counter())[f"{first} {last}"] += 1
        # People this text names by surname only, as speakers or with a title:
        # "Hegseth said", "said Hegseth", "Mr. Kamin".
        for match in _SURNAME_SPEAKS.finditer(text):
            surname = bare_token(match.group("a") or match.group("b") or match.group("c") or "")
            if (
                len(surname) > 2
                and surname[1:2].islower()
                and surname not in self.full
                and is_person_like([surname])
                and surname.rstrip(".") not in TITLE_WORDS
                and not re.fullmatch(_PRONOUN, surname)  # "She added" names nobody
            ):
                self.full[surname] = Counter({surname: 1})
        self.mentions: list[tuple[int, str]] = []
        # The titles written before each person's name: "Harbour Minister Ilse Marrow".
        self.roles: dict[str, set[str]] = {}
        for match in re.finditer(rf"\b(?:{_NAME_WORD}){{0,3}}{_NAME_TOKEN}", text):
            tokens = _strip_titles(match.group(0))
            if (
                tokens
                and bare_token(tokens[-1]) in self.full
                and tokens[-1][1:2].islower()
                and is_person_like(tokens[-2:])
            ):
                name = self.canonical(" ".join(tokens)) or ""
                self.mentions.append((match.start(), name))
                titles = match.group(0).split()[: -len(tokens)]
                roles = self.roles.setdefault(name, set())
                roles.update(t.rstrip(".").lower() for t in titles if t.rstrip(".") in TITLE_WORDS)

    def canonical(self, mention: str) -> str | None:
        tokens = _strip_titles(_clean_mention(mention))
        if not tokens or not tokens[-1][:1].isupper():
            return None
        if len(tokens) > 1 and (
            not is_person_like(tokens[-2:]) or any(t in ("of", "for", "on") for t in tokens)
        ):
            return " ".join(tokens)  # an organisation speaking: keep its name as written
        surname = re.sub(r"(?:['’]s|[.,])$", "", tokens[-1])
        if len(tokens) >= 2 and tokens[-2][1:2].islower():
            return f"{tokens[-2]} {surname}"
        known = self.full.get(surname)
        if known:
            return known.most_common(1)[0][0]
        return " ".join(tokens)

    def first_between(
        self, start: int, end: int, quoted: Sequence[tuple[int, int]] = ()
    ) -> str | None:
        """The first person named in [start, end), outside quotations: the subject."""
        for position, name in self.mentions:
            if position >= end:
                break
            if position >= start and name and not any(a <= position < b for a, b in quoted):
                return name
        return None

    def subject_before(
        self, text: str, start: int, at: int, quoted: Sequence[tuple[int, int]] = ()
    ) -> str | None:
        """The person the last sentence of [start, at) that names anyone opens with: whom a
        following "he" most likely means ("Zelensky spoke last month. But Hegseth ruled
        it out. “…,” he said" is Hegseth, not the paragraph's first name)."""
        ends = [start] + [m.end() for m in _SENTENCE_END.finditer(text, start, at)] + [at]
        for sentence_start, sentence_end in zip(ends[-2::-1], ends[:0:-1], strict=True):
            named = self.first_between(sentence_start, sentence_end, quoted)
            if named:
                return named
        return None

    def holders(self, title: str) -> set[str]:
        """People this text gives the title ("minister", "president")."""
        return {name for name, roles in self.roles.items() if title in roles}

    def last_of(
        self, among: set[str], at: int, quoted: Sequence[tuple[int, int]] = ()
    ) -> str | None:
        """The one of ``among`` named last before ``at``, outside quotations."""
        best = None
        for position, name in self.mentions:
            if position >= at:
                break
            if name in among and not any(a <= position < b for a, b in quoted):
                best = name
        return best

    def last_before(
        self, at: int, not_before: int, quoted: Sequence[tuple[int, int]] = ()
    ) -> str | None:
        """The last person named in [not_before, at), outside quotations."""
        best = None
        for position, name in self.mentions:
            if position >= at:
                break
            if position >= not_before and name and not any(a <= position < b for a, b in quoted):
                best = name
        return best


def _paragraph_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _previous_paragraph_start(text: str, paragraph: int) -> int:
    """Where the paragraph before the one starting at ``paragraph`` starts: how far back a
    pronoun, "it" or an organisation's description may look."""
    return _paragraph_start(text, max(paragraph - 2, 0))


def _last_sentence(text: str, start: int, end: int) -> int:
    """Where the last sentence of ``text[start:end]`` begins."""
    breaks = list(_SENTENCE_END.finditer(text, start, end))
    return breaks[-1].end() if breaks else start


def attribute(text: str, quotes: Sequence[FoundQuote] | None = None) -> list[Attribution]:
    """Find quotes (unless given) and attribute each to a speaker where the text says who."""
    found = list(find_quotes(text) if quotes is None else quotes)
    names = _Names(text)
    quoted = [(q.open_at, q.after) for q in found]
    results: list[Attribution] = []
    last_speaker: tuple[int, str] | None = None  # (paragraph start, speaker)
    last_mention: tuple[int, int] | None = None
    last_cue: tuple[str | None, tuple[int, int] | None] = (None, None)
    last_thing: tuple[int, str] | None = None  # the last organisation or document quoted
    unnamed: tuple[int, tuple[int, int]] | None = None  # a speaker the text does not name
    people = {name for counter in names.full.values() for name in counter}
    for index, quote in enumerate(found):
        paragraph = _paragraph_start(text, quote.open_at)
        next_open = found[index + 1].open_at if index + 1 < len(found) else len(text)
        after_start = quote.after
        paragraph_end = text.find("\n", after_start)
        after_end = min(next_open, paragraph_end if paragraph_end >= 0 else len(text))
        after = text[after_start:after_end][:200]
        previous_close = found[index - 1].after if index else 0
        before_start = max(paragraph, previous_close, quote.open_at - 250)
        before_start = _last_sentence(text, before_start, quote.open_at)
        before = text[before_start : quote.open_at]
        speaker, mention, cue = None, None, None
        cue_span: tuple[int, int] | None = None
        lead_start, lead = _lead_in(text, quote, paragraph, before)
        if (
            text[quote.start : quote.end].rstrip().endswith(".")
            and re.match(r"\s+[A-Z]", after)
            and not _BARE_ATTRIBUTION.match(after)
        ):
            after = ""  # “… end.” She said…: a new sentence, not this quote's attribution
        elif re.match(r"[.!?]\s+[A-Z]", after) and not _BARE_ATTRIBUTION.match(after[1:]):
            after = ""  # “… a goal”. Russia says…: the sentence ended after the quotation
        for pattern, base, source in (
            (_AFTER_CUE_FIRST, after_start, after),
            (_AFTER_SPEAKER_FIRST, after_start, after),
            (_AFTER_DASH, after_start, after),
            (_AFTER_CUE_DESCRIPTION, after_start, after),
            (_AFTER_DESCRIPTION_FIRST, after_start, after),
            (_SAID_FIRST, before_start, before),
            (_PARTICIPLE, before_start, before),
            (_BEFORE, before_start, before),
            (_AND_CUE, before_start, before),
            (_ACCORDING, before_start, before),
            (_NAME_COLON, before_start, before),
            (_BEFORE, lead_start, lead),
            (_TRANSCRIPT, quote.start, text[quote.start : quote.start + 40]),
        ):
            match = pattern.search(source)
            while match and (match.groupdict().get("speaker") or "").strip() in NOT_NAMES:
                # "When asked …, he said": "When" is no name; look further right
                match = pattern.search(source, match.start() + 1)
            if not match:
                continue
            cue = _clean_mention(match.group("cue"))
            cue_span = (base + match.start("cue"), base + match.end("cue"))
            if pattern is _PARTICIPLE or (
                pattern is _BEFORE
                and _PARTICIPLE_CUE.search(cue)
                and "," in source[match.end("mention") : match.start("cue")]
            ):
                # "Trump attacked Clinton over Iraq and Libya, saying, “…”": the one saying
                # is the sentence's subject, not the words before the comma.
                subject = _SUBJECT.match(source)
                if subject is None:
                    cue, cue_span = None, None
                    continue
                spoken = subject.group("speaker")
                first, last = subject.start("mention"), subject.end("mention")
            else:
                spoken = match.group("speaker")
                first, last = match.start("mention"), match.end("mention")
            mention = _trim(text, base + first, base + last)
            # "Its chair, Rafael Onduro, said": the apposition names the person.
            named = _APPOSED_NAME.search(text[mention[0] : mention[1]] + ",")
            if named and (not spoken[:1].isupper() or _DETERMINED.match(spoken)):
                speaker = names.canonical(named.group(1))
            else:
                speaker = _resolve(
                    spoken, text, mention[0], names, last_speaker, paragraph, quoted, last_thing
                )
            break
        if mention is None:
            # "Sanders made the following comment: “…”": a colon hands the quotation to the
            # subject of its sentence.
            for base, source in ((before_start, before), (lead_start, lead)):
                if source.rstrip().endswith(":"):
                    sentence = _last_sentence(text, base, base + len(source.rstrip()) - 1)
                    subject = _SUBJECT.match(text[sentence : base + len(source)])
                    if subject:
                        colon = base + len(source.rstrip()) - 1
                        cue, cue_span = ":", (colon, colon + 1)
                        a, b = subject.span("mention")
                        mention = _trim(text, sentence + a, sentence + b)
                        speaker = _resolve(
                            subject.group("speaker"),
                            text,
                            mention[0],
                            names,
                            last_speaker,
                            paragraph,
                            quoted,
                            last_thing,
                        )
                        break
        words = quote.words(text)
        if (
            mention is None
            and last_speaker
            and _continues(text, quote, before, last_speaker, names, quoted)
        ):
            speaker, mention = last_speaker[1], last_mention
            cue, cue_span = last_cue  # the run goes on under the cue that opened it
        elif (
            mention is None
            and unnamed is not None
            and unnamed[0] == paragraph
            and names.last_before(quote.open_at, unnamed[1][1], quoted) is None
        ):
            # “…,” said a veteran of the campaign. “…”: the same unnamed speaker goes on.
            mention = unnamed[1]
        if mention is not None and speaker is None:
            unnamed = (paragraph, mention)
        elif speaker:
            unnamed = None
        fragment = words <= PARTIAL_MAX_WORDS and not re.search(
            r"[,.!?…]$", text[quote.start : quote.end].strip()
        )
        unattributed_scrap = mention is None and words < 6
        partial = fragment or unattributed_scrap or _embedded(text, quote, before)
        if speaker:
            last_speaker = (paragraph, speaker)
            last_mention = mention
            last_cue = (cue, cue_span)
            if (
                speaker not in people
                and speaker not in names.full
                and (speaker[:1].islower() or " " not in speaker)
            ):
                last_thing = (paragraph, speaker)
        results.append(
            Attribution(
                quote,
                text[quote.start : quote.end],
                speaker,
                mention,
                cue,
                partial,
                cue_span,
                "partial" if partial else "direct",
            )
        )
    return results


def _continues(
    text: str,
    quote: FoundQuote,
    before: str,
    last_speaker: tuple[int, str],
    names: _Names,
    quoted: Sequence[tuple[int, int]],
) -> bool:
    """A quote naming nobody continues the last speaker when it opens the next paragraph,
    or follows that speaker's quote in the same paragraph with no one else named between."""
    paragraph = _paragraph_start(text, quote.open_at)
    previous_paragraph = _previous_paragraph_start(text, paragraph)
    if quote.open_at == paragraph:
        return last_speaker[0] >= previous_paragraph
    if last_speaker[0] != paragraph:
        return False
    gap_start = quote.open_at - len(before)
    return names.last_before(quote.open_at, gap_start, quoted) in (None, last_speaker[1])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a sentence's full stop from a mention ("said Caddell.") but keep initials
    and abbreviations ("G.K.", "Jr.", "(D-N.C.)"); drop a sentence opener before a name
    ("As Steven M. Rosenthal ... put it")."""
    opener = re.match(r"([A-Z][a-z]{1,12})\s(?=[A-Z])", text[start:end])
    if opener and opener.group(1) in NOT_NAMES and opener.group(1) not in _KEPT_OPENERS:
        start += opener.end()
    while end > start and text[end - 1] in " ,":
        end -= 1
    if end > start and text[end - 1] == ".":
        last = text[start:end].split()[-1]
        if len(last) > 3 and not last.endswith(").") and last.count(".") == 1:
            end -= 1
    return start, end


def _lead_in(text: str, quote: FoundQuote, paragraph: int, before: str) -> tuple[int, str]:
    """A quote opening its paragraph may be introduced by the previous one: "He said:"."""
    if before.strip() or quote.open_at != paragraph or paragraph == 0:
        return 0, ""
    previous = _paragraph_start(text, max(paragraph - 2, 0))
    lead = text[previous:paragraph].rstrip()
    if not lead.endswith(":") or len(lead) > 400:
        return 0, ""
    return previous, lead


def _embedded(text: str, quote: FoundQuote, before: str) -> bool:
    """A partial quote inside reported speech: "called it “a disaster”", "said Europe must
    ‘lead from the front’": the mark follows a word directly and the quoted words continue
    the sentence (lower case, or only a few words)."""
    stripped = before.rstrip().rstrip("'\x00")
    if not stripped or not (stripped[-1].isalpha() or stripped[-1] in "’'"):
        return False
    words = stripped.split()
    content = text[quote.start : quote.end].lstrip()
    if words[-1].islower() and (
        content[:1].islower() or content[:1].isdigit() or quote.words(text) < 6
    ):
        return True
    # The quotation continues a sentence of reported speech with no comma or colon before
    # it ("Clinton says Trump’s “latest meltdown is unhinged”", "she knows that “…”"),
    # unless a cue verb introduces it ("Trump declared “I think…”").
    if _CUE_WORD.fullmatch(words[-1]):
        return False
    told = len(words) >= 2 and _CUE_WORD.fullmatch(words[-2]) and words[-1].islower()
    return len(words) >= 2 and not told  # "told reporters “…”" is introduced by a cue


CATAPHORA_CHARS = 1500
_INDEFINITE = frozenset("a an one two three some several another".split())
# Titles that name one office: "the minister" is only someone the story calls a minister.
# Other role nouns ("the new Pentagon chief", "the official") may refer to anyone.
SPECIFIC_TITLES = frozenset(
    "secretary minister president mayor governor senator chancellor premier ambassador "
    "commissioner judge justice director chairman chairwoman chair general commander "
    "representative congressman congresswoman sheriff spokesman spokeswoman spokesperson "
    "king queen prince princess pope emir sheikh".split()
)
_HEAD = re.compile(rf"\b({ROLE_NOUNS}){_COMPLEMENT}$")
# Kinds of organisation a name was just given for: "the think-tank" is the one quoted.
_ORG_KIND = re.compile(
    r"\b(?:think[- ]?tank|institute|group|organi[sz]ation|foundation|cent(?:er|re)|"
    r"association|coalition|federation|league|network|firm|company|agency)$"
)
_ORG_HEAD = re.compile(rf"\b(?:{ORG_NOUNS})s?{_COMPLEMENT}$")


def _refer_back(
    text: str,
    at: int,
    names: _Names,
    last_speaker: tuple[int, str] | None,
    paragraph: int,
    quoted: Sequence[tuple[int, int]],
) -> str | None:
    """Who "he", "she" or "the official" refers to: a person named earlier in this
    paragraph, else the last speaker of this or the previous paragraph, else the person
    named in the previous paragraph, else the last speaker if nobody was named since."""
    named_here = names.subject_before(text, paragraph, at, quoted)
    if named_here:
        return named_here
    window = _previous_paragraph_start(text, paragraph)
    if last_speaker and last_speaker[0] >= window:
        return last_speaker[1]
    named = names.subject_before(text, window, paragraph, quoted)
    if named:
        return named
    if last_speaker and names.last_before(at, last_speaker[0], quoted) in (
        None,
        last_speaker[1],
    ):
        return last_speaker[1]
    if last_speaker is None and names.last_before(at, 0, quoted) is None:
        # An article opening “…,” he said: nobody named yet, so the first person the next
        # paragraphs name as speaking (the story's subject, named in its headline).
        for position, name in names.mentions:
            if (
                at <= position < at + CATAPHORA_CHARS
                and name
                and not any(a <= position < b for a, b in quoted)
            ):
                surname = re.escape(name.split()[-1])
                if re.search(rf"\b{surname}\s{_ADVERB}(?:{CUE_VERBS})\b", text):
                    return name
    return None


def _resolve(
    mention: str,
    text: str,
    at: int,
    names: _Names,
    last_speaker: tuple[int, str] | None,
    paragraph: int,
    quoted: Sequence[tuple[int, int]] = (),
    last_thing: tuple[int, str] | None = None,
) -> str | None:
    """The speaker a mention names: a canonical person name, an organisation or document
    as written ("the ministry"), or None when the text does not tell."""
    mention = _clean_mention(mention)
    words = mention.split()
    first = words[0].lower()
    if re.fullmatch(_PRONOUN, mention):
        if first == "it":  # a statement, report or organisation quoted just before
            window = _previous_paragraph_start(text, paragraph)
            return last_thing[1] if last_thing and last_thing[0] >= window else None
        if first in ("i", "we", "they"):
            return None  # the writer, or a group nobody named
        return _refer_back(text, at, names, last_speaker, paragraph, quoted)
    possessive = re.fullmatch(r"[A-Z][\w\-]{1,30}['’]s", words[0]) is not None
    named = first == "the" and len(words) > 1 and words[1][:1].isupper()
    head = _HEAD.search(mention)
    if named and head is None:
        pass  # "the IISS", "the London-based International Institute ...": a name
    elif first in ("the", "his", "her", "their", "its", "my", "our", "your") or possessive:
        if head is None:
            window = _previous_paragraph_start(text, paragraph)
            if (
                first == "the"
                and _ORG_KIND.search(mention)
                and last_thing
                and last_thing[0] >= window
                and last_thing[1][:1].isupper()
            ):
                return last_thing[1]  # "the IISS said …. “…,” the think-tank said"
            if _ORG_HEAD.search(mention):
                return mention  # an organisation or a document speaking: "the ministry"
            return None  # "the insider", "the 43-year-old": someone this text does not name
        if possessive or first in ("my", "our", "your"):
            return None  # "Obama's former strategist": someone this text does not name
        title = head.group(1).split()[-1]
        if title in SPECIFIC_TITLES:
            holders = names.holders(title)
            if holders:
                # "the president": the one the story calls president, named last.
                return names.last_of(holders, at, quoted) or (
                    next(iter(holders)) if len(holders) == 1 else None
                )
        qualified = head.start() > len(words[0]) + 1  # "the Ukrainian energy minister"
        if qualified and title in SPECIFIC_TITLES:
            return None  # a particular office nobody in the text is titled with: not named
        person = _refer_back(text, at, names, last_speaker, paragraph, quoted)
        if person and title in SPECIFIC_TITLES and names.roles.get(person):
            return None  # "the energy minister" is not the one titled secretary
        if person and " " not in person and not names.roles.get(person):
            return None  # known only as "Russia says": maybe a country, never "the official"
        return person
    if first in _INDEFINITE:
        return None  # "a senior official", "a statement": nobody this text names
    mention = re.sub(r"^[Tt]he\s", "", re.sub(r"\s\([^()]{1,30}\)", "", mention))
    person = re.split(r"\s(?:of|for)\s", mention)[0]  # "Mr. Morgan of the Sierra Club"
    if person != mention and is_person_like(_strip_titles(person)[-2:]):
        return names.canonical(person)
    return names.canonical(mention)


# The mention patterns, for reported speech (quotes/reported.py) to name speakers the same way.
SPEAKER = _SPEAKER
PARTY = _PARTY
APPOSITION = _APPOSITION_INNER
ADVERB = _ADVERB


def resolve_mentions(
    text: str, mentions: Sequence[tuple[int, int]], found: Sequence[Attribution]
) -> list[str | None]:
    """Whom each mention (start, end) resolves to, as a quote's speaker would: "he" after
    the quotes in ``found`` is the last of their speakers, "Marrow" the full name."""
    names = _Names(text)
    quoted = [(a.quote.open_at, a.quote.after) for a in found]
    spoken = [(a.quote.open_at, a.speaker) for a in found if a.speaker]
    openings = [at for at, _ in spoken]
    resolved = []
    for start, end in mentions:
        paragraph = _paragraph_start(text, start)
        index = bisect_left(openings, start) - 1
        last = None
        if index >= 0:
            last = (_paragraph_start(text, spoken[index][0]), spoken[index][1] or "")
        resolved.append(_resolve(text[start:end], text, start, names, last, paragraph, quoted))
    return resolved
