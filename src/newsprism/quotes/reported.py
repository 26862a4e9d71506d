"""Reported speech and mixed quotes: "X said that …", "according to X, …", "X told
reporters the talks would …", "X warned of …", "…, X said.", each with its content, cue
and speaker mention spans, and the speaker resolved within the article as a direct quote's.

A sentence is read once against a few anchored patterns (speaker first, content first,
"according to"), then by the cue models learned from PolNeAR (``cues.py``: any word that
attributes, its content and its source off the dependency parse); a sentence holding a
whole direct quotation is the direct quote's, not reported speech. Reported content
holding a partial quotation is "mixed", and the partial quote inside takes its speaker.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from newsprism.quotes.attribute import (
    ADVERB,
    APPOSITION,
    PARTY,
    SPEAKER,
    Attribution,
    attribute,
    resolve_mentions,
)
from newsprism.quotes.cues import find_learned
from newsprism.quotes.parsed import complement_starts, described_mentions, lead_subjects
from newsprism.text.abbreviations import ABBREVIATIONS
from newsprism.text.lexicon import NOT_NAMES
from newsprism.text.quoted import FoundQuote
from newsprism.text.sentences import sentence_spans

# Verbs of saying, writing and holding a view: the corpus attributes beliefs too.
REPORT_CUES = (
    "said|says|say|told|tells|added|adds|argued|argues|claimed|claims|warned|warns|noted|"
    "notes|insisted|insists|suggested|suggests|stated|states|explained|explains|announced|"
    "announces|acknowledged|acknowledges|admitted|admits|asserted|asserts|contended|"
    "contends|maintained|maintains|believes|believed|believe|thinks|thought|think|predicted|"
    "predicts|reported|reports|wrote|writes|estimated|estimates|concluded|agreed|agrees|"
    "denied|denies|charged|alleged|alleges|complained|complains|promised|promises|vowed|"
    "vows|pledged|pledges|hopes|hoped|expects|expected|knows|knew|feels|felt|fears|feared|"
    "indicated|indicates|confirmed|confirms|revealed|disclosed|emphasized|emphasised|"
    "stressed|stresses|recalled|recalls|countered|responded|replied|declared|declares|"
    "observed|assured|informed|reminded|urged|urges|signaled|signalled|hinted|conceded|"
    "concedes|tweeted|tweets|wondered|questioned|speculated|cautioned|mused|boasted|"
    "joked|lamented|proposed|demanded|accused|accuses|blamed|blames|called|calls"
)
# Cue forms that are also plural nouns ("Coastal states of the region", "the reports")
# are left to the parse, which tells a verb from a noun.
_NOUN_LIKE = frozenset(
    "states|claims|notes|reports|calls|hopes|fears|promises|pledges|vows|charges|estimates|"
    "thought|concerns|demands|proposals".split("|")
)
_PATTERN_CUES = "|".join(c for c in REPORT_CUES.split("|") if c not in _NOUN_LIKE)
_REPORT_CUE = rf"(?P<cue>(?:{_PATTERN_CUES})(?:\s(?:of|about|against))?)"
# Whom a speaker told: "told reporters", "told the Associated Press", "told CNN on Sunday";
# only after a verb that takes one ("said the allies …" is content).
_ADDRESSEE = (
    r"(?:(?:(?<=told)|(?<=tells)|(?<=informed)|(?<=reminded)|(?<=assured)|(?<=urged))"
    r"\s(?:reporters|journalists|supporters|voters|me|us|him|her|them|"
    r"(?:the\s)?[A-Z][\w'’.\-]{0,30}(?:\s[A-Z][\w'’.\-]{0,30}){0,3}|the\s[a-z]{2,20}))?"
    r"(?:\s(?:on|in|last|this|at)\s[A-Z]?[\w]{2,12}(?:\s[A-Z][\w]{1,12})?)?"
)
_OPENER = r"(?:(?:But|And|Yet|Still|Now|So|However|Meanwhile|Instead|Also|Later|Earlier),?\s)?"
# "In a statement, Trump said …": a short lead clause before the speaker.
_LEAD = r"(?:(?:In|At|On|During|After|Speaking|Asked|Earlier|Later)\s[^,“”\"]{1,60},\s)?"
MAX_SENTENCE_CHARS = 600

# Each pattern reads one sentence from its start ("^"), so a search over a long hostile
# string fails at once everywhere but the first character.
_SPEAKER_FIRST = re.compile(
    rf"^{_OPENER}{_LEAD}(?P<mention>{SPEAKER}{PARTY}{APPOSITION})\s{ADVERB}{_REPORT_CUE}"
    rf"{_ADDRESSEE}[,:]?\s(?P<content>[^\n]{{3,{MAX_SENTENCE_CHARS}}})"
)
_CONTENT_FIRST = re.compile(
    rf"^(?P<content>[^\n]{{8,{MAX_SENTENCE_CHARS}}}?),[’”\"']?\s"
    rf"(?P<mention>{SPEAKER}{PARTY}{APPOSITION})\s{ADVERB}(?P<cue>(?:{_PATTERN_CUES}))"
    rf"(?:\s[^\n.]{{0,80}})?[.!?]?$"
)
_CONTENT_CUE_FIRST = re.compile(
    rf"^(?P<content>[^\n]{{8,{MAX_SENTENCE_CHARS}}}?),[’”\"']?\s"
    rf"(?P<cue>(?:said|says|wrote|writes|added|adds|argued|noted|explained))\s"
    rf"(?P<mention>{SPEAKER}{PARTY})(?:\s[^\n.]{{0,80}})?[.!?]?$"
)
_ACCORDING_FIRST = re.compile(
    rf"^{_OPENER}(?P<cue>[Aa]ccording\sto)\s(?P<mention>{SPEAKER}{PARTY}),\s"
    rf"(?P<content>[^\n]{{3,{MAX_SENTENCE_CHARS}}})"
)
_ACCORDING_LAST = re.compile(
    rf"^(?P<content>[^\n]{{8,{MAX_SENTENCE_CHARS}}}?),\s(?P<cue>according\sto)\s"
    rf"(?P<mention>{SPEAKER}{PARTY})[.!?]?$"
)
# "according to" names a source by itself: what follows it is the source whatever it is
# ("FEC filings", "a new poll", "people close to the campaign"), up to the comma that
# closes it or the sentence's end; tried after the patterns that read a speaker's name.
_SOURCE_NP = r"(?P<mention>[^,;:\n“”\"]{2,120}?)"
_ACCORDING_ANY_FIRST = re.compile(
    rf"^{_OPENER}(?P<cue>[Aa]ccording\sto)\s{_SOURCE_NP},\s"
    rf"(?P<content>[^\n]{{3,{MAX_SENTENCE_CHARS}}})"
)
_ACCORDING_ANY_LAST = re.compile(
    rf"^(?P<content>[^\n]{{8,{MAX_SENTENCE_CHARS}}}?),\s(?P<cue>according\sto)\s{_SOURCE_NP}"
    r"[.!?]?[’”\"']?$"
)
_TRAILING = re.compile(r"[\s.!?]+$")


@dataclasses.dataclass(frozen=True, slots=True)
class _Found:
    content: tuple[int, int]
    cue: tuple[int, int]
    mention: tuple[int, int] | None


# A dateline opens the first sentence, not the reported content: "CITY (AGENCY) — ".
_DATELINE = re.compile(r"[A-Z][A-Z .,'’\-]{1,40}(?:\s\([^()\n]{1,20}\))?\s[—–-]{1,2}\s")


def _content_end(text: str, start: int, end: int) -> int:
    trailing = _TRAILING.search(text, start, end)
    return trailing.start() if trailing else end


def _match_sentence(text: str, start: int, end: int) -> _Found | None:
    sentence = text[start:end]
    for pattern in (
        _ACCORDING_FIRST,
        _SPEAKER_FIRST,
        _ACCORDING_LAST,
        _CONTENT_FIRST,
        _CONTENT_CUE_FIRST,
        _ACCORDING_ANY_FIRST,
        _ACCORDING_ANY_LAST,
    ):
        match = pattern.match(sentence)
        if match is None:
            continue
        groups = match.groupdict()
        speaker = (groups.get("speaker") or groups.get("mention") or "").strip()
        if not speaker or speaker in NOT_NAMES:
            continue
        c_start, c_end = match.span("content")
        if pattern in (_SPEAKER_FIRST, _ACCORDING_FIRST, _ACCORDING_ANY_FIRST):
            c_end = _content_end(sentence, c_start, len(sentence))
        dateline = _DATELINE.match(sentence, c_start)
        if dateline:
            c_start = dateline.end()
        content = (start + c_start, start + c_end)
        if content[1] - content[0] < 3:
            continue
        a, b = match.span("mention")
        while b > a and sentence[b - 1] in " ,":
            b -= 1
        return _Found(
            content,
            (start + match.start("cue"), start + match.end("cue")),
            (start + a, start + b),
        )
    return None


_ABBREVIATION_END = re.compile(
    r"(?:^|\s)(?:" + "|".join(ABBREVIATIONS) + r")\.$|(?:^|[\s.])[A-Z]\.$"
)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, a cut after "Mr." or "Sen." joined back: "Mr. Kirk noted that …"."""
    spans: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        if (
            spans
            and _ABBREVIATION_END.search(text, max(spans[-1][0], spans[-1][1] - 8), spans[-1][1])
            and "\n" not in text[spans[-1][1] : start]
        ):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def reported_sentences(text: str, direct: Sequence[Attribution]) -> list[tuple[int, int]]:
    """The sentences reported speech is read in: those holding no whole direct quotation."""
    whole = [(a.quote.open_at, a.quote.after) for a in direct if not a.partial]
    return [
        (start, end)
        for start, end in _sentences(text)
        if end - start <= MAX_SENTENCE_CHARS and not any(a < end and start < b for a, b in whole)
    ]


def find_reported(text: str, direct: Sequence[Attribution]) -> list[_Found]:
    """Reported speech in the sentences of ``text`` that hold no whole direct quotation:
    the anchored patterns first, the learned cues (``cues.py``) on the rest."""
    found = []
    sentences = reported_sentences(text, direct)
    for start, end in sentences:
        item = _match_sentence(text, start, end)
        if item is not None:
            found.append(item)
    # What the patterns miss, the learned cues (``cues.py``) read off the dependency
    # parse: "Officials who … argued that …", "X criticized …", "polls show …". An
    # attribution the text gives no source keeps a null mention, as the corpus annotates.
    taken = [f.content for f in found]
    for learned in find_learned(text, sentences):
        a, b = learned.content
        if not any(s < b and a < e for s, e in taken):
            found.append(_Found(learned.content, learned.cue, learned.mention))
            taken.append(learned.content)
    return sorted(found, key=lambda f: f.content)


# After a closing mark, the sentence goes on in the writer's words: "“…” to drive up the
# stock price", "“…” of the Clinton proposals". Before an opening mark: "said that, “…”".
_GOES_ON = re.compile(r"[ \t\xa0]{0,3}(?:--|—|–)?[ \t\xa0]{0,3}[a-z]")
_LED_IN = re.compile(r"\bthat,?[ \t\xa0]{1,3}$")


def embedded(text: str, item: Attribution) -> bool:
    """Whether a quotation is a fragment of the writer's sentence rather than the speaker's
    whole utterance: the sentence goes on after the closing mark in other words than the
    attribution, or "that" leads into it."""
    after = item.quote.after
    near = [s for s in (item.mention, item.cue_span) if s is not None]
    if _GOES_ON.match(text, after) and not any(after <= a <= after + 4 for a, _ in near):
        return True
    return _LED_IN.search(text, max(0, item.quote.open_at - 8), item.quote.open_at) is not None


def direct_quotes(text: str) -> list[Attribution]:
    """The quotations of ``text`` with their speakers, embedded ones marked partial."""
    direct = [
        dataclasses.replace(a, partial=True, kind="partial")
        if not a.partial and embedded(text, a)
        else a
        for a in attribute(text)
    ]
    return _described_speakers(text, _lead_in_speakers(text, direct))


# Where the clause a cue opens after a quotation ends: a full stop, a quotation mark or the
# paragraph's end.
_CLAUSE_END = re.compile(r"[.!?;“”\"]|''|\n")


# A full stop after an initial or a title ("George W.", "R-S.C.", "Mrs.") ends no clause.
_NOT_A_STOP = re.compile(r"(?:^|[\s.\-(])(?:[A-Z]|" + "|".join(ABBREVIATIONS) + r")$")


def _clause_end(text: str, start: int) -> int:
    for found in _CLAUSE_END.finditer(text, start):
        at = found.start()
        if text[at] == "." and _NOT_A_STOP.search(text, max(0, at - 8), at):
            continue
        return at
    return len(text)


def _described_speakers(text: str, direct: list[Attribution]) -> list[Attribution]:
    """A speaker named after the cue keeps the whole noun phrase the parse gives it ("said
    a person close to the campaign", "wrote Time magazine"), as the corpus annotates."""
    todo = []
    for index, item in enumerate(direct):
        if item.mention is None or item.cue_span is None or item.cue_span[1] > item.mention[0]:
            continue
        if item.mention[0] < item.quote.after:
            continue
        stop = _clause_end(text, item.mention[1])
        if stop - item.cue_span[0] > 400:
            continue
        todo.append((index, (item.mention, item.cue_span, stop)))
    if not todo:
        return direct
    grown = described_mentions(text, [args for _, args in todo])
    # A run of quotations under one mention keeps sharing it.
    renamed = {
        direct[index].mention: mention
        for (index, _), mention in zip(todo, grown, strict=True)
        if mention != direct[index].mention
    }
    return [
        dataclasses.replace(item, mention=renamed[item.mention])
        if item.mention in renamed
        else item
        for item in direct
    ]


def attributions(text: str) -> list[Attribution]:
    """Every attribution of ``text`` in order: direct and partial quotes (``attribute``),
    reported speech and mixed quotes, each with its speaker resolved within the text."""
    direct = direct_quotes(text)
    reported = find_reported(text, direct)
    named = resolve_mentions(text, [r.mention for r in reported if r.mention], direct)
    resolved = iter(named)
    speakers = [next(resolved) if r.mention else None for r in reported]
    results = []
    for item, speaker in zip(reported, speakers, strict=True):
        start, end = item.content
        inside = [a for a in direct if start <= a.quote.open_at and a.quote.end <= end]
        results.append(
            Attribution(
                FoundQuote(start, end, start, None, "none"),
                text[start:end],
                speaker,
                item.mention,
                " ".join(text[item.cue[0] : item.cue[1]].split()),
                False,
                item.cue,
                "mixed" if inside else "reported",
            )
        )
    mixed, direct = _continued_clauses(text, direct)
    results.extend(mixed)
    holders = [(r.quote.start, r.quote.end, r) for r in results]
    for a in direct:
        if a.partial and a.mention is None:
            # A partial quote inside reported speech is that speaker's.
            holder = next((r for s, e, r in holders if s <= a.quote.open_at < e), None)
            if holder is not None:
                a = dataclasses.replace(
                    a,
                    speaker=holder.speaker,
                    mention=holder.mention,
                    cue=holder.cue,
                    cue_span=holder.cue_span,
                )
        results.append(a)
    results = _after_reported(text, results)
    return sorted(results, key=lambda a: (a.quote.start, a.quote.end))


_WORD = re.compile(r"\w+")
# A few words of the writer's opening the sentence and running into the quotation, its
# speaker named after it: "They “appeared to be …,” he wrote", "But “if you are …,” said X".
_RUNS_INTO = re.compile(r"[^\W\d_]{1,30}(?:['’]s)?(?:[ \xa0][^\W\d_]{1,30}(?:['’]s)?){0,3}[ \xa0]$")
_NOT_LEADS = re.compile(r"\w{1,30}ing\b|[A-Z]\w{0,30}:")  # bounded: linear on any input


def _continued_clauses(
    text: str, direct: list[Attribution]
) -> tuple[list[Attribution], list[Attribution]]:
    """A quotation that goes on with the writer's words of the same sentence is one mixed
    attribution from those words to the closing mark, as the corpus annotates it: the clause
    its cue reports ("Bolton said that whatever choice voters make, “…”", "She adds that
    Muslims have two choices: “…”"), or a few words opening the sentence before a quotation
    whose speaker follows it ("They “appeared to be …,” he wrote"). The quotation stays as
    a partial quote of the same speaker. Returns the mixed attributions and the quotes with
    those quotations made partial."""
    spans = _sentences(text)
    todo = []
    starts: dict[int, int] = {}
    for index, item in enumerate(direct):
        if item.kind != "direct" or item.mention is None or item.cue_span is None:
            continue
        cue, open_at = item.cue_span, item.quote.open_at
        sentence = next((s for s in spans if s[0] <= open_at < s[1]), None)
        if sentence is None:
            continue
        if item.mention[0] >= item.quote.after:
            lead = _RUNS_INTO.fullmatch(text, sentence[0], open_at)
            if lead and not _NOT_LEADS.match(text, sentence[0]):
                starts[index] = sentence[0]
            continue
        if not sentence[0] <= item.mention[0] or cue[1] > open_at:
            continue
        if len(_WORD.findall(text, cue[1], open_at)) < 2 or open_at - cue[0] > 400:
            continue
        todo.append((index, (min(item.mention[0], cue[0]), cue[0], open_at)))
    found = complement_starts(text, [lead for _, lead in todo]) if todo else []
    starts.update((index, at) for (index, _), at in zip(todo, found, strict=True) if at is not None)
    mixed = []
    result = list(direct)
    for index, start in sorted(starts.items()):
        item = direct[index]
        end = item.quote.after
        mixed.append(
            dataclasses.replace(
                item,
                quote=FoundQuote(start, end, start, None, "none"),
                text=text[start:end],
                partial=False,
                kind="mixed",
            )
        )
        result[index] = dataclasses.replace(item, partial=True, kind="partial")
    return mixed, result


def _after_reported(text: str, found: list[Attribution]) -> list[Attribution]:
    """A quotation nobody was given that opens the sentence right after reported speech
    with a named source, in the same paragraph, goes on with that source's words
    ("X said in a statement. “…”", "X argued that … . “…”")."""
    spans = _sentences(text)
    starts = {s: i for i, (s, _) in enumerate(spans)}
    sentence_of = {}
    for item in found:
        if item.kind in ("reported", "mixed") and item.mention is not None:
            index = next((i for i, (s, e) in enumerate(spans) if s <= item.quote.start < e), None)
            if index is not None:
                sentence_of[index] = item
    result = []
    for item in found:
        whole_sentence = item.kind == "direct" or (
            item.kind == "partial" and re.search(r"[.!?…]$", item.text.strip()) is not None
        )
        if item.mention is None and whole_sentence:
            start = next((s for s, e in spans if s <= item.quote.open_at < e), None)
            index = starts.get(start) if start is not None else None
            holder = sentence_of.get(index - 1) if index else None
            if (
                holder is not None
                and start is not None
                and item.quote.open_at - start < 3
                and "\n" not in text[holder.quote.end : item.quote.open_at]
            ):
                item = dataclasses.replace(
                    item,
                    speaker=holder.speaker,
                    mention=holder.mention,
                    cue=holder.cue,
                    cue_span=holder.cue_span,
                    partial=False,
                    kind="direct",
                )
        result.append(item)
    return result


# A lead-in the parse reads for a subject: it ends where a quotation is introduced.
_INTRODUCES = re.compile(r"(?:[,:]|[a-z])[\s\xa0]*$")


def _lead_in_speakers(text: str, direct: list[Attribution]) -> list[Attribution]:
    """Quotations the patterns gave nobody take the subject of the verb whose clause
    introduces them in the same sentence ("He then adopted an accent and joked, “…”",
    "The email goes on to say: “…”", "She called the plan “a crucial step”"), resolved as
    any mention is."""
    spans = _sentences(text)
    todo: list[tuple[int, tuple[int, int]]] = []
    for index, item in enumerate(direct):
        if item.mention is not None:
            continue
        start = next((s for s, e in spans if s <= item.quote.open_at < e), None)
        if start is None or item.quote.open_at - start < 8:
            continue
        lead = (start, item.quote.open_at)
        if _INTRODUCES.search(text, *lead) and not any(
            a.quote.open_at < lead[1] and lead[0] < a.quote.after for a in direct if a is not item
        ):
            todo.append((index, lead))
    subjects = lead_subjects(text, [lead for _, lead in todo])
    hits = [(index, found) for (index, _), found in zip(todo, subjects, strict=True) if found]
    speakers = resolve_mentions(text, [mention for _, (mention, _) in hits], direct)
    result = list(direct)
    for (index, (mention, cue)), speaker in zip(hits, speakers, strict=True):
        result[index] = dataclasses.replace(
            direct[index],
            speaker=speaker,
            mention=mention,
            cue=" ".join(text[cue[0] : cue[1]].split()),
            cue_span=cue,
        )
    return result
