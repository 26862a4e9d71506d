"""What a figure measures, read from its sentence's dependency parse.

"NATO members agreed to raise defence spending to 5% of GDP by 2035": the figure is the
object of "to", which attaches to "raise", whose object is "defence spending" and whose
subject (through "agreed") is "NATO members". The subject shown is "NATO members: defence
spending, share of GDP": who, the thing measured, and what a share is of.

The parser is spaCy's (the tagger and parser of the model package the entities stage
uses, loaded once, offline). Parsing costs about 3 ms a sentence, so the claims stage
parses one sentence per claim group (the groups a reader compares), not every sentence
with a figure; without the model the subject stays the sentence's content words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsprism.claims.parses import parsed

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_OBJECTS = ("dobj", "attr", "oprd")
# Determiners and the like are left out of a shown phrase ("the", "its", "about").
_DROP_DEPS = frozenset({"det", "predet", "punct", "advmod", "nummod", "quantmod", "case"})
_PRONOUNS = frozenset("i we you he she it they that which who this these those one".split())
_AMOUNT_PREPS = frozenset({"in", "for", "on"})
MAX_PHRASE_WORDS = 6


def _phrase(token: Any, skip: Any = None) -> str:
    """The words of ``token``'s noun phrase (compounds and modifiers before it, "of"
    phrases after it), without determiners and without the figure's number (``skip``,
    the figure's head token: its subtree, unless it is ``token`` itself)."""
    words = []
    for word in token.subtree:
        if skip is not None and skip != token and (word == skip or skip in word.ancestors):
            continue
        if word.dep_ in _DROP_DEPS or word.is_punct or word.like_num:
            continue
        if word.dep_ in ("relcl", "acl", "appos", "advcl") or any(
            a.dep_ in ("relcl", "acl", "appos", "advcl") and token in a.ancestors
            for a in word.ancestors
        ):
            continue
        words.append(word.text)
    return " ".join(words[:MAX_PHRASE_WORDS])


def _figure_token(doc: Any, start: int, end: int) -> Any:
    inside = [t for t in doc if t.idx < end and t.idx + len(t) > start]
    if not inside:
        return None
    # The figure's head inside its span: the token whose head lies outside it.
    for token in inside:
        if token.head not in inside or token.head == token:
            return token
    return inside[-1]


def subject_of(doc: Any, start: int, end: int, share_of: str | None = None) -> str | None:
    """The subject of the figure at ``doc.text[start:end]``: who, what is measured, and
    what a share is of (``share_of``), or None when the parse says nothing."""
    token = _figure_token(doc, start, end)
    if token is None:
        return None
    measured = token
    # A number counting a noun ("38 gates"), a unit or a currency: the noun is measured.
    if token.dep_ in ("nummod", "quantmod", "compound") and token.head.pos_ in ("NOUN", "PROPN"):
        measured = token.head
    # Climb prepositions ("to 5%", "of $65.9bn", "by 12 percent") to what governs them.
    governor = measured.head
    while measured.dep_ == "pobj" and governor.dep_ == "prep":
        measured, governor = governor.head, governor.head.head
    what = ""
    verb = None
    if measured.pos_ in ("VERB", "AUX"):
        verb = measured
    elif measured.dep_ in _SUBJECTS and measured.head.pos_ in ("VERB", "AUX"):
        # The counted thing does something: "1,200 people had been evacuated".
        verb = measured.head
        what = " ".join(p for p in (_phrase(measured, skip=token), verb.text) if p)
    elif measured.dep_ in (*_OBJECTS, "npadvmod") and measured.head.pos_ in ("VERB", "AUX"):
        verb = measured.head
        if measured != token:
            what = _phrase(measured, skip=token)
    elif measured != token and measured.pos_ in ("NOUN", "PROPN"):
        what = _phrase(measured, skip=token)
    if not what and token.pos_ == "NUM":
        # A number standing for what it counts: "Eleven of the 38 gates".
        counted = [
            g
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if counted:
            what = _phrase(counted[0])
    if not what:
        # What the amount is in or for: "$65.9bn in military aid", "£2m for the quay".
        for head in (token, measured):
            phrases = [c for c in head.children if c.dep_ == "prep" and c.lower_ in _AMOUNT_PREPS]
            objects = [g for c in phrases for g in c.children if g.dep_ == "pobj"]
            if objects:
                what = _phrase(objects[0])
                break
    who = ""
    if verb is not None:
        objects = [c for c in verb.children if c.dep_ in _OBJECTS and c != measured]
        if not what and objects and token not in objects[0].subtree:
            what = _phrase(objects[0], skip=token)
        # The subject of the verb, or of the verb it completes ("agreed to raise").
        for candidate in (verb, verb.head):
            subjects = [c for c in candidate.children if c.dep_ in _SUBJECTS]
            if subjects and token not in subjects[0].subtree:
                if subjects[0].lower_ not in _PRONOUNS:
                    who = _phrase(subjects[0])
                break
            # "agreed to raise": the one who agreed; not the speaker of reported words.
            if candidate.dep_ not in ("xcomp", "conj"):
                break
    parts = [p for p in (what, f"share of {share_of}" if share_of else "") if p]
    if not who and not parts:
        return None
    return f"{who}: {', '.join(parts)}" if who and parts else who or ", ".join(parts)


def subjects(
    requests: Sequence[tuple[str, int, int, str | None]],
) -> list[str | None]:
    """The subject of each (sentence, figure start, figure end, what a share is of), in
    order; None for all when the parser is not installed."""
    docs = _parsed([sentence for sentence, _, _, _ in requests])
    if docs is None:
        return [None] * len(requests)
    return [subject_of(docs[s], start, end, of) for s, start, end, of in requests]


def _parsed(sentences: Sequence[str]) -> dict[str, Any] | None:
    """Each distinct sentence parsed once (shared with the count units), or None when the
    parser is not installed."""
    return parsed(sentences)


def measured_noun(doc: Any, start: int, end: int) -> str | None:
    """The lemma-like lower-case noun a figure counts or measures ("11 states" -> "state",
    "66 of the state's delegates" -> "delegate"), or None when the parse names none."""
    token = _figure_token(doc, start, end)
    if token is None:
        return None
    noun = None
    if token.pos_ == "NOUN" and not token.like_num:
        noun = token
    elif token.dep_ in ("nummod", "quantmod", "compound") and token.head.pos_ == "NOUN":
        noun = token.head
    else:
        counted = [
            g
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj" and g.pos_ == "NOUN"
        ]
        noun = counted[0] if counted else None
    if noun is None or noun.lower_ in ("percent", "%", "per", "cent"):
        return None
    return (noun.lemma_ or noun.lower_).casefold() if noun.lemma_ else noun.lower_


def measured_nouns(requests: Sequence[tuple[str, int, int]]) -> list[str | None]:
    """``measured_noun`` for each (sentence, figure start, figure end); None for all when
    the parser is not installed."""
    docs = _parsed([sentence for sentence, _, _ in requests])
    if docs is None:
        return [None] * len(requests)
    return [measured_noun(docs[s], start, end) for s, start, end in requests]


_MODALS = frozenset({"would", "could", "might"})
_ARGUMENTS = frozenset({*_SUBJECTS, *_OBJECTS, "pobj", "compound", "amod"})


def _governing_verb(token: Any) -> Any:
    """The verb a figure's phrase hangs from ("beat her 51% to 36%" -> "beat", "leads by
    57 percent" -> "leads"), climbing its noun, its prepositions and a tally's "to"."""
    node = token
    for _ in range(6):
        # A word tagged as a verb in an argument's place ("beats Trump by 46 percent",
        # Trump as "dobj") is not the clause's verb.
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in _ARGUMENTS:
            return node
        if node.head == node:
            return None
        node = node.head
    return None


def agent_and_mood(doc: Any, start: int, end: int) -> tuple[str | None, bool]:
    """Who holds the figure at ``doc.text[start:end]`` by the parse (the named subject of
    the verb it hangs from, by its head word: "Clinton beats Trump by 46 percent" is
    Clinton's figure, "Trump leads by 57 percent" Trump's; a capitalised subject is a name
    though the tagger may call it a noun; None for a pronoun or no subject), and whether
    that verb is a main clause's hypothetical ("Sanders would beat him 53 percent to 36
    percent": a poll's what-if, not a result). A reported future ("said it would open") is
    not a main clause's."""
    token = _figure_token(doc, start, end)
    verb = _governing_verb(token) if token is not None else None
    if verb is None:
        return None, False
    hypothetical = verb.dep_ == "ROOT" and any(
        c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children
    )
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    agent = None
    named = subjects and (subjects[0].pos_ == "PROPN" or subjects[0].text.istitle())
    if named and token not in subjects[0].subtree:
        agent = subjects[0].lower_
    return agent, hypothetical


def agents_and_moods(requests: Sequence[tuple[str, int, int]]) -> list[tuple[str | None, bool]]:
    """``agent_and_mood`` for each (sentence, figure start, figure end); unknown for all
    when the parser is not installed."""
    docs = _parsed([sentence for sentence, _, _ in requests])
    if docs is None:
        return [(None, False)] * len(requests)
    return [agent_and_mood(docs[s], start, end) for s, start, end in requests]
