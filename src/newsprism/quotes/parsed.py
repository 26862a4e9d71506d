"""Reported speech read off spaCy's dependency parse: the subject of a speech verb is the
speaker, the verb the cue, its clausal complement the content ("X said [that …]", "[…],
X argued", "X promised [to …]"), in whichever order the sentence has them.

Only sentences holding a cue word are parsed (the parse is the quote stage's main cost),
through the process's sentence cache (``text/nlp.parses``): a sentence the claims parse
for its figures is parsed once. Without spaCy or its model, nothing is found here and the
patterns of ``reported.py`` run alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.text.nlp import parses

# Subjects that name nobody: relative pronouns and expletives.
_NOT_SPEAKERS = frozenset({"it", "there", "this", "that", "which", "who", "what", "whom"})
_TRIM_END = " ,.;:”\"'’"
_TRIM_START = " ,“\"‘'"


@dataclass(frozen=True, slots=True)
class ParsedSpeech:
    """One parsed attribution: (start, end) spans into the text."""

    content: tuple[int, int]
    cue: tuple[int, int]
    mention: tuple[int, int]


def verb_forms(cues: Iterable[str]) -> frozenset[str]:
    """The inflections a parse meets of each cue ("said", "argued" -> "argue", "arguing",
    "argues"): over-generated forms that are no word never match a token."""
    forms: set[str] = set()
    for cue in cues:
        forms.add(cue)
        stems = {cue}
        if cue.endswith("ed"):
            stems |= {cue[:-1], cue[:-2]}
        elif cue.endswith("s"):
            stems.add(cue[:-1])
        for stem in stems:
            forms |= {stem, stem + "s", stem + "ing", stem.rstrip("e") + "ing"}
    return frozenset(forms)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _TRIM_END:
        end -= 1
    while start < end and text[start] in _TRIM_START:
        start += 1
    return start, end


def _subtree_span(token: object, offset: int) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge  # type: ignore[attr-defined]
    return offset + left.idx, offset + right.idx + len(right.text)


def _has_cue(sentence: str, cue_forms: frozenset[str]) -> bool:
    return any(w.strip(_TRIM_END + _TRIM_START).lower() in cue_forms for w in sentence.split())


def find_parsed(
    text: str,
    sentences: Sequence[tuple[int, int]],
    cue_forms: frozenset[str],
    infinitive_cues: frozenset[str],
    blocked: Sequence[tuple[int, int]] = (),
) -> list[ParsedSpeech]:
    """Speech verbs with a subject and a clausal complement in ``sentences`` of ``text``.
    ``infinitive_cues`` also take an infinitive as content ("vowed to …"); a content that
    overlaps a ``blocked`` span (a whole direct quotation) is the direct quote's."""
    todo = [(start, end) for start, end in sentences if _has_cue(text[start:end], cue_forms)]
    docs = parses([text[s:e] for s, e in todo])
    if docs is None:
        return []
    found: list[ParsedSpeech] = []
    for offset, end in todo:
        doc = docs[text[offset:end]]
        for token in doc:
            word = token.lower_
            if word not in cue_forms or token.pos_ not in ("VERB", "AUX"):
                continue
            content = next(
                (
                    c
                    for c in token.children
                    if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and word in infinitive_cues)
                ),
                None,
            )
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if content is None or subject is None or subject.lower_ in _NOT_SPEAKERS:
                continue
            c_start, c_end = _trimmed(text, *_subtree_span(content, offset))
            if c_end - c_start < 3 or any(a < c_end and c_start < b for a, b in blocked):
                continue
            m_start, m_end = _trimmed(text, *_subtree_span(subject, offset))
            cue_start = offset + token.idx
            found.append(
                ParsedSpeech(
                    (c_start, c_end), (cue_start, cue_start + len(token.text)), (m_start, m_end)
                )
            )
    return found


def _clause_subject(token: Any) -> Any:
    """The one doing ``token``'s action: its subject, or (passive) the agent ("was asked by
    host X"), climbing from a participle or a conjoined verb to the verb that has one."""
    for _ in range(6):
        children = list(token.children)
        agent = next((c for c in children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if token.head is token:
            return None
        token = token.head
    return None


def lead_subjects(
    text: str, leads: Sequence[tuple[int, int]]
) -> list[tuple[tuple[int, int], tuple[int, int]] | None]:
    """For each lead-in (the sentence's words before a quotation: "Trump tried to laugh it
    off by interjecting,"), the (mention, cue) spans of whoever does its last verb, read off
    the parse; None where the lead has no verb or its subject names nobody."""
    docs = parses([text[s:e] for s, e in leads])
    if docs is None:
        return [None for _ in leads]
    found: list[tuple[tuple[int, int], tuple[int, int]] | None] = []
    for offset, end in leads:
        doc = docs[text[offset:end]]
        # The clause introducing the quotation, not a relative clause inside the subject
        # ("was asked by host X, who backs him, “…”").
        verbs = [
            t
            for t in doc
            if t.pos_ == "VERB" and not any(a.dep_ == "relcl" for a in (t, *t.ancestors))
        ]
        subject = _clause_subject(verbs[-1]) if verbs else None
        if subject is None or subject.lower_ in _NOT_SPEAKERS or subject.lower_ == "you":
            found.append(None)
            continue
        verb = verbs[-1]
        cue_start = offset + verb.idx
        found.append(
            (
                _trimmed(text, *_subtree_span(subject, offset)),
                (cue_start, cue_start + len(verb.text)),
            )
        )
    return found
