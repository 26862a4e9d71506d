"""Speakers read off spaCy's dependency parse for quotations the patterns gave nobody:
the subject of the verb whose clause introduces the quotation ("He then joked, “…”").
Reported speech itself is read by the learned cues (``cues.py``).

The parse comes through the process's sentence cache (``text/nlp.parses``). Without spaCy
or its model nothing is found here and the patterns run alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsprism.text.lexicon import CUE_VERBS, PARTICIPLE_CUES
from newsprism.text.nlp import parses
from newsprism.text.spans import trimmed

# Subjects that name nobody: relative pronouns and expletives.
_NOT_SPEAKERS = frozenset({"it", "there", "this", "that", "which", "who", "what", "whom"})
_TRIM_END = " ,.;:”\"'’"
_TRIM_START = " ,“\"‘'"


def _subtree_span(token: object, offset: int) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge  # type: ignore[attr-defined]
    return offset + left.idx, offset + right.idx + len(right.text)


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
                trimmed(text, *_subtree_span(subject, offset), _TRIM_END, _TRIM_START),
                (cue_start, cue_start + len(verb.text)),
            )
        )
    return found


_QUOTE_MARK_CHARS = frozenset("“”\"‘’'")
# A word that only modifies the noun after it ("said Virginia delegate Beau Correll", "said
# one former campaign staffer") or stands in apposition to one before it ("said another
# friend, Mariam Emara"): the phrase is that noun's.
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod", "appos"})


def _phrase_head(token: Any, offset: int, mention: tuple[int, int]) -> Any:
    """The head of the noun phrase ``token`` (a mention's head) belongs to, the mention's
    start kept: a modifier climbs to the noun it modifies, an apposition to its noun."""
    for _ in range(4):
        head = token.head
        if token.dep_ not in _MODIFIER_DEPS or head is token or head.pos_ not in ("NOUN", "PROPN"):
            break
        if token.dep_ != "appos" and head.i < token.i:
            break
        if token.dep_ == "appos" and offset + head.left_edge.idx < mention[0] - 60:
            break
        token = head
    return token


# What follows a speaker's noun phrase without describing who they are: a clause of what
# they did ("…, explaining why he …", "…, told POLITICO last month") or how they said it.
_NOT_DESCRIPTIONS = frozenset({"acl", "advcl", "conj", "cc"})


def _phrase_end(head: Any) -> Any:
    """The last token of ``head``'s noun phrase, before the first right dependent that
    tells what the speaker did rather than who they are (a participle or verb clause)."""
    for child in head.rights:
        if child.dep_ in _NOT_DESCRIPTIONS or (child.pos_ == "VERB" and child.dep_ != "relcl"):
            doc, previous = head.doc, child.i - 1
            while previous > head.i and (doc[previous].is_punct or doc[previous].is_space):
                previous -= 1
            return doc[previous]
    return head.right_edge


def described_mentions(
    text: str, items: Sequence[tuple[tuple[int, int], tuple[int, int], int]]
) -> list[tuple[int, int]]:
    """For each (mention, cue, stop) of a speaker named after the cue ("said an adviser to
    both campaigns"), the mention grown to the whole noun phrase the parse gives its head
    (its determiner, modifiers and the phrases after it) up to ``stop`` (the end of the
    clause the cue opens); unchanged where the parse does not reach further."""
    pieces = [(cue[0], stop) for _, cue, stop in items]
    docs = parses([text[a:b] for a, b in pieces])
    if docs is None:
        return [mention for mention, _, _ in items]
    grown: list[tuple[int, int]] = []
    for (mention, _, _), (offset, end) in zip(items, pieces, strict=True):
        doc = docs[text[offset:end]]
        inside = [t for t in doc if mention[0] <= offset + t.idx < mention[1]]
        heads = [t for t in inside if not (mention[0] <= offset + t.head.idx < mention[1])]
        if len(heads) != 1 or heads[0].pos_ not in ("NOUN", "PROPN"):
            grown.append(mention)
            continue
        head = _phrase_head(heads[0], offset, mention)
        left, right = head.left_edge, _phrase_end(head)
        stretch = doc[left.i : right.i + 1]
        if any(t.text in _QUOTE_MARK_CHARS or t.lower_ in ("said", "says") for t in stretch):
            grown.append(mention)
            continue
        start = min(mention[0], offset + left.idx)
        stop = max(mention[1], offset + right.idx + len(right.text))
        grown.append(trimmed(text, start, stop, _TRIM_END, _TRIM_START))
    return grown


# Verbs that introduce a quotation of their own at a lead-in's end ("…, adding:", "and
# then predicted:", "went on to say,"): the quotation is their object, not part of a clause.
_INTRODUCING = frozenset(
    w
    for w in f"{CUE_VERBS}|{PARTICIPLE_CUES}|say|add|ask|explain|predict|follow".split("|")
    if " " not in w
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_CLAUSE_TAIL = " ,:;\xa0—–-\"“”'’\n"


def complement_starts(text: str, leads: Sequence[tuple[int, int, int]]) -> list[int | None]:
    """For each (start, cue, end) lead-in of a quotation (the sentence's words from the
    speaker to the opening mark, ``cue`` the cue word's offset), where the clause the cue
    reports starts when the quotation goes on with it ("Bolton said that whatever choice
    voters make, “…”", "She adds that Muslims have two choices: “…”"): the offset of the
    clause's first word; None where the quotation is the cue's own object ("said in a
    statement:", "told reporters, adding,") or the parse does not tell."""
    docs = parses([text[s:e] for s, _, e in leads])
    if docs is None:
        return [None for _ in leads]
    found: list[int | None] = []
    for start, cue_at, end in leads:
        at = _complement_start(docs[text[start:end]], cue_at - start)
        found.append(None if at is None else start + at)
    return found


def _complement_start(doc: Any, cue_at: int) -> int | None:
    cue = next((t for t in doc if t.idx == cue_at), None)
    words = [t for t in doc if not (t.is_punct or t.is_space)]
    if cue is None or not words or words[-1].i <= cue.i:
        return None
    last = words[-1]
    if last.pos_ in ("VERB", "AUX") and last.lower_ in _INTRODUCING:
        return None
    for token in doc[cue.i + 1 :]:
        if token.head.i < cue.i or token.left_edge.i <= cue.i:
            continue
        marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)
        # "said that in 2009, …": the parse may take a bare "that" for the cue's object.
        bare_that = token.lower_ == "that" and token.head is cue and token.dep_ in ("dobj", "mark")
        if not bare_that and not (
            (token.dep_ == "ccomp" or (marked and token.dep_ in ("advcl", "conj")))
            and (marked or any(c.dep_ in _SUBJECTS for c in token.children))
        ):
            continue
        if bare_that:
            return int(token.idx)
        # The clause runs on to the opening mark: the quotation continues it.
        edge = token.right_edge
        if not doc.text[edge.idx + len(edge.text) :].strip(_CLAUSE_TAIL):
            first = token.left_edge
            if first.i > cue.i + 1 and doc[first.i - 1].lower_ == "that":
                first = doc[first.i - 1]  # "said that whatever …": "that" taken for a preposition
            return int(first.idx)
    return None
