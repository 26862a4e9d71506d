"""Who said it: cue verbs and phrases in either order, pronouns, roles, continuations.

Works on plain text and the quotes ``find_quotes`` returns. A speaker that cannot be told
is None, never a guess. Every mention is a character span into the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.quotes.find import FoundQuote, find_quotes

CUE_VERBS = (
    "said|says|say|saying|told|tells|tell|telling|added|adds|adding|asked|asks|asking|wrote|"
    "writes|stated|states|declared|declares|warned|warns|explained|explains|noted|notes|"
    "insisted|insists|argued|argues|continued|continues|recalled|recalls|replied|replies|"
    "responded|tweeted|tweets|posted|announced|announces|stressed|stresses|concluded|"
    "mentioned|instructed|acknowledged|admitted|admits|claimed|claims|conceded|countered|"
    "joked|remarked|observed|urged|urges|cautioned|reiterated|emphasized|emphasised|"
    "predicted|complained|boasted|promised|vowed|suggested|suggests|thundered|quipped|"
    "shouted|yelled|whispered|testified|confirmed|confirms|denied|described|called|put it|"
    "wondered|pointed out|went on|reported|reports|commented|explains|chanted|sang|sings"
)
# Cues are lower case in running text; "the United States warned" must not read "States".
_CUE = rf"(?P<cue>(?:{CUE_VERBS}))"
# Capitalised words that start sentences or name days, never a person's first name.
NOT_NAMES = frozenset(
    "But And Or So Yet On In At For From With Without After Before As When While Since "
    "Then Also However Still Although Though If Once Meanwhile Earlier Later Last Next This "
    "That These Those There Here It Its The A An Asked Speaking Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December".split()
)
# Words that make a capitalised sequence an organisation or place, not a person.
ORG_WORDS = frozenset(
    "Group Council Ministry Department Agency Association Institute Union Party Committee "
    "Organization Organisation Office House Studies News Press Times Post Alliance Forces "
    "Army Bank University Court States Nations Kingdom Republic Federation Commission "
    "Parliament Congress Senate Government Administration Company Corporation Inc Ltd "
    "Foundation Center Centre Network Service Services Authority Police Guard Street "
    "Intelligence Security Defense Defence Command Board Fund Club League".split()
)
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)"
TITLE_WORDS = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Dr",
        "Prof",
        "Rep",
        "Sen",
        "Gov",
        "Gen",
        "Lt",
        "Col",
        "Capt",
        "Sgt",
        "Rev",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "President",
        "Vice",
        "Prime",
        "Minister",
        "Secretary",
        "Chancellor",
        "Mayor",
        "Governor",
        "Senator",
        "Judge",
        "Justice",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Pope",
        "Chief",
        "Deputy",
        "Foreign",
        "Defense",
        "Defence",
        "Interior",
        "Finance",
        "Health",
        "State",
        "General",
        "Director",
        "Chairman",
        "Chairwoman",
        "Chair",
        "Commissioner",
        "Ambassador",
        "Leader",
        "Speaker",
        "Representative",
        "Congressman",
        "Congresswoman",
        "Councillor",
        "Councilman",
        "Sheriff",
        "Officer",
        "Inspector",
        "Spokesman",
        "Spokeswoman",
        "Spokesperson",
        "Minister",
        "Premier",
        "Emir",
        "Sheikh",
        "Cardinal",
        "Bishop",
        "Harbour",
        "Harbor",
        "Port",
        "Economy",
        "Trade",
        "Transport",
        "Education",
        "Justice",
        "Home",
        "Protection",
        "U.S.",
        "US",
        "UK",
        "U.K.",
        "EU",
        "Former",
        "Acting",
        "Senior",
        "Junior",
        "Assistant",
        "Executive",
        "Managing",
        "Head",
    ]
)
# Bounded and anchored at a word start, so no pattern built on it can backtrack
# quadratically over a long run of capitals.
_NAME_TOKEN = r"(?<![\w'’.\-])[A-Z][\w'’.\-]{0,40}"
_NAME = rf"(?:{_NAME_TOKEN}\s){{0,4}}{_NAME_TOKEN}"
ROLE_NOUNS = (
    "chief|minister|secretary|official|officials|spokesman|spokeswoman|spokesperson|leader|"
    "mayor|governor|president|head|director|chair|chairman|chairwoman|adviser|advisor|aide|"
    "engineer|expert|analyst|candidate|senator|lawmaker|commander|general|counterpart|"
    "lawyer|attorney|economist|professor|researcher|scientist|doctor|officer|manager|"
    "founder|owner|executive|ambassador|envoy|diplomat|negotiator|premier|chancellor|"
    "man|woman|resident|witness|source|sources|member|members|activist|campaigner|"
    "businessman|businesswoman|announcer|narrator|nominee|host|anchor|writer|author|"
    "columnist|reporter|journalist|editor|correspondent|strategist|pollster|voter|"
    "supporter|critic|protester|student|worker|farmer|father|mother|son|daughter|wife|"
    "husband|friend|neighbour|neighbor|victim|survivor|veteran|player|coach|star|actor|"
    "singer|historian|consultant|operative|organiser|organizer|representative|judge"
)
ORG_NOUNS = (
    "ministry|department|office|agency|police|company|firm|government|campaign|committee|"
    "council|army|military|embassy|court|group|organisation|organization|authority|"
    "administration|union|party|board|statement|spokesperson|service|bank|commission|"
    "article|piece|report|ad|advert|advertisement|tweet|post|letter|memo|poll|survey|"
    "study|editorial|website|newspaper|magazine|network|channel|station|book|video"
)
_DESCRIPTION = (
    rf"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s(?:[\w'’\-]{{1,30}}\s){{0,4}}?"
    rf"(?:{ROLE_NOUNS}|{ORG_NOUNS})\b"
)
# "White House press secretary Josh Earnest": capitalised words, a lower-case role, a name.
_ROLE_NAME = rf"(?:{_NAME_TOKEN}\s){{1,3}}(?:[a-z]{{1,30}}\s){{1,3}}{_NAME}"
_SPEAKER = rf"(?P<speaker>{_PRONOUN}\b|{_DESCRIPTION}|{_ROLE_NAME}|{_NAME})"
_PARTY = r"(?:\s\([^()\n]{1,30}\))?"  # "(D-N.C.)"
# An apposition after the name belongs to the mention: ", a historian who attended".
_APPOSITION_AFTER = r"(?:,\s(?!\w+ing\b)[a-z][^.“”\"\n]{1,150}?(?=[.,]?\s*(?:$|[“\"‘])|\.))?"
_APPOSITION_INNER = r"(?:,\s(?!\w+ing\b)[^,“”\"\n]{1,120},)?"
_GLUE = r"[\s,.!?…—–\-]*"
_ADVERB = r"(?:\w+ly\s)?"

_AFTER_CUE_FIRST = re.compile(
    rf"^{_GLUE}{_ADVERB}{_CUE}\s(?:(?:[a-z][\w’'\-]*\s){{0,3}}?)"
    rf"(?P<mention>{_SPEAKER}{_PARTY}{_APPOSITION_AFTER})"
)
_AFTER_SPEAKER_FIRST = re.compile(
    rf"^{_GLUE}(?:(?:[a-z][\w’'\-]*\s){{0,3}}?)"
    rf"(?P<mention>{_SPEAKER}{_PARTY}{_APPOSITION_INNER}),?\s{_ADVERB}{_CUE}\b"
)
_BEFORE = re.compile(
    rf"(?P<mention>{_SPEAKER}{_PARTY}{_APPOSITION_INNER}),?\s{_ADVERB}{_CUE}\b[^“”\"‘’.!?]{{0,90}}?[,:]?\s{{0,3}}(?:that\s)?$"
)
# “…” ― Carla Sanchez: a dash after the quotation names who said it.
_AFTER_DASH = re.compile(
    rf"^[\s'\"”’]*(?P<cue>[―—–])\s?(?P<mention>(?P<speaker>{_NAME}))(?:[.,]|\s*$)"
)
_ACCORDING = re.compile(rf"(?P<cue>[Aa]ccording to)\s(?P<mention>{_SPEAKER}),?\s{{0,3}}$")
# Transcripts: "WALLACE: Let's start…" inside the quotation names its speaker.
_TRANSCRIPT = re.compile(
    r"^\s?(?P<mention>(?P<speaker>[A-Z][A-Z'’\-]{1,20}(?: [A-Z][A-Z'’\-]{1,20})?))(?P<cue>:)\s"
)
_APPOSED_NAME = re.compile(rf",\s((?:{_NAME_TOKEN}\s){{1,3}}{_NAME_TOKEN}),")
_SENTENCE_END = re.compile(r"[.!?…][\"”’']?\s+(?=[A-Z“\"‘]|$)")
PARTIAL_MAX_WORDS = 3


@dataclass(frozen=True, slots=True)
class Attribution:
    quote: FoundQuote
    text: str
    speaker: str | None
    mention: tuple[int, int] | None
    cue: str | None
    partial: bool


def _clean_mention(text: str) -> str:
    return " ".join(text.replace("\n", " ").split())


def _strip_titles(name: str) -> list[str]:
    tokens = [t.rstrip(",") for t in name.split()]
    while len(tokens) > 1 and (tokens[0].rstrip(".") in TITLE_WORDS or tokens[0] in NOT_NAMES):
        tokens = tokens[1:]
    return tokens


def _bare(token: str) -> str:
    return re.sub(r"(?:['’]s|[.,])$", "", token)


def _is_person_like(tokens: Sequence[str]) -> bool:
    return (
        bool(tokens)
        and not any(_bare(t) in ORG_WORDS for t in tokens)
        and not (len(tokens) == 1 and tokens[0] in NOT_NAMES)
    )


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
            if first in NOT_NAMES or not _is_person_like([first, last]):
                continue
            if not first[1:2].islower() or not last[1:2].islower():
                continue
            self.full.setdefault(last, Counter())[f"{first} {last}"] += 1
        self.mentions: list[tuple[int, str]] = []
        for match in re.finditer(rf"\b{_NAME_TOKEN}(?:\s{_NAME_TOKEN}){{0,3}}", text):
            tokens = _strip_titles(match.group(0))
            if (
                tokens
                and _bare(tokens[-1]) in self.full
                and tokens[-1][1:2].islower()
                and _is_person_like(tokens[-2:])
            ):
                self.mentions.append((match.start(), self.canonical(" ".join(tokens)) or ""))

    def canonical(self, mention: str) -> str | None:
        tokens = _strip_titles(_clean_mention(mention))
        if not tokens or not tokens[-1][:1].isupper():
            return None
        if not _is_person_like(tokens[-2:]) and len(tokens) > 1:
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


def attribute(text: str, quotes: Sequence[FoundQuote] | None = None) -> list[Attribution]:
    """Find quotes (unless given) and attribute each to a speaker where the text says who."""
    found = list(find_quotes(text) if quotes is None else quotes)
    names = _Names(text)
    quoted = [(q.open_at, q.end + 1) for q in found]
    results: list[Attribution] = []
    last_speaker: tuple[int, str] | None = None  # (paragraph start, speaker)
    last_mention: tuple[int, int] | None = None
    for index, quote in enumerate(found):
        paragraph = _paragraph_start(text, quote.open_at)
        next_open = found[index + 1].open_at if index + 1 < len(found) else len(text)
        after_start = (quote.close_at + 1) if quote.close_at is not None else quote.end
        paragraph_end = text.find("\n", after_start)
        after_end = min(next_open, paragraph_end if paragraph_end >= 0 else len(text))
        after = text[after_start:after_end][:200]
        previous_close = (found[index - 1].close_at or found[index - 1].end) + 1 if index else 0
        before_start = max(paragraph, previous_close, quote.open_at - 250)
        before = text[before_start : quote.open_at]
        sentence_break = list(_SENTENCE_END.finditer(before))
        if sentence_break:
            before_start += sentence_break[-1].end()
            before = before[sentence_break[-1].end() :]
        speaker, mention, cue = None, None, None
        lead_start, lead = _lead_in(text, quote, paragraph, before)
        if text[quote.start : quote.end].rstrip().endswith(".") and re.match(r"\s+[A-Z]", after):
            after = ""  # “… end.” She said…: a new sentence, not this quote's attribution
        for pattern, base, source in (
            (_AFTER_CUE_FIRST, after_start, after),
            (_AFTER_SPEAKER_FIRST, after_start, after),
            (_AFTER_DASH, after_start, after),
            (_BEFORE, before_start, before),
            (_ACCORDING, before_start, before),
            (_BEFORE, lead_start, lead),
            (_TRANSCRIPT, quote.start, text[quote.start : quote.start + 40]),
        ):
            match = pattern.search(source)
            if match:
                mention = _trim(text, base + match.start("mention"), base + match.end("mention"))
                cue = _clean_mention(match.group("cue"))
                speaker = _resolve(
                    match.group("speaker"), text, mention[0], names, last_speaker, paragraph, quoted
                )
                if speaker is None or speaker == _clean_mention(match.group("speaker")):
                    # "Its chair, Rafael Onduro, said": the apposition names the person.
                    named = _APPOSED_NAME.search(match.group("mention"))
                    if named:
                        speaker = names.canonical(named.group(1)) or speaker
                break
        words = quote.words(text)
        if (
            mention is None
            and last_speaker
            and _continues(text, quote, before, last_speaker, names, quoted)
        ):
            speaker, mention = last_speaker[1], last_mention
        fragment = words <= PARTIAL_MAX_WORDS and not re.search(
            r"[,.!?…]$", text[quote.start : quote.end].strip()
        )
        unattributed_scrap = mention is None and words < 6
        partial = fragment or unattributed_scrap or _embedded(text, quote, before)
        if speaker:
            last_speaker = (paragraph, speaker)
            last_mention = mention
        results.append(
            Attribution(quote, text[quote.start : quote.end], speaker, mention, cue, partial)
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
    previous_paragraph = _paragraph_start(text, max(paragraph - 2, 0))
    if quote.open_at == paragraph:
        return last_speaker[0] >= previous_paragraph
    if last_speaker[0] != paragraph:
        return False
    gap_start = quote.open_at - len(before)
    return names.last_before(quote.open_at, gap_start, quoted) in (None, last_speaker[1])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a sentence's full stop from a mention ("said Caddell.") but keep initials
    and abbreviations ("G.K.", "Jr.", "(D-N.C.)")."""
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
    stripped = before.rstrip()
    if not stripped or not stripped[-1].isalpha():
        return False
    last_word = stripped.split()[-1]
    if not last_word.islower():
        return False
    content = text[quote.start : quote.end].lstrip()
    return content[:1].islower() or content[:1].isdigit() or quote.words(text) < 6


def _resolve(
    mention: str,
    text: str,
    at: int,
    names: _Names,
    last_speaker: tuple[int, str] | None,
    paragraph: int,
    quoted: Sequence[tuple[int, int]] = (),
) -> str | None:
    mention = _clean_mention(mention)
    first = mention.split()[0]
    is_pronoun = re.fullmatch(_PRONOUN, mention) is not None
    is_description = first.lower() in ("the", "a", "an", "his", "her", "their", "its")
    if is_pronoun or (is_description and re.search(rf"\b(?:{ROLE_NOUNS})$", mention)):
        # Pronouns and role descriptions refer back: a person named earlier in this
        # paragraph, else the last speaker of this or the previous paragraph, else the last
        # person named shortly before.
        named_here = names.first_between(paragraph, at, quoted)
        if named_here:
            return named_here
        window = text.rfind("\n", 0, max(paragraph - 2, 0)) + 1
        if last_speaker and last_speaker[0] >= window:
            return last_speaker[1]
        named = names.first_between(window, paragraph, quoted)
        if named:
            return named
        if last_speaker and names.last_before(at, last_speaker[0], quoted) in (
            None,
            last_speaker[1],
        ):
            return last_speaker[1]  # nobody else has been named since the last speaker
        return None
    if is_description:
        return mention  # an organisation's statement: "the ministry"
    return names.canonical(mention)
