"""Speakers read off spaCy's dependency parse for quotations the patterns gave nobody:
the subject of the verb whose clause introduces the quotation ("He then joked, “…”").
Reported speech itself is read by the learned cues (``cues.py``).

The parse comes through the process's sentence cache (``text/nlp.parses``). Without spaCy
or its model nothing is found here and the patterns run alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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
        head = heads[0]
        left, right = head.left_edge, head.right_edge
        stretch = doc[left.i : right.i + 1]
        if any(t.text in _QUOTE_MARK_CHARS or t.lower_ in ("said", "says") for t in stretch):
            grown.append(mention)
            continue
        start = min(mention[0], offset + left.idx)
        stop = max(mention[1], offset + right.idx + len(right.text))
        grown.append(trimmed(text, start, stop, _TRIM_END, _TRIM_START))
    return grown
