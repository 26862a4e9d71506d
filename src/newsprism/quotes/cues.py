"""Attribution cues learned from PolNeAR: which word of a parsed sentence says, thinks,
shows or reports something ("criticized", "according to", "endorsed", "showed"), and
which of its dependents are the content and the source.

Two linear models read spaCy's dependency parse (through the process's sentence cache,
``text/nlp.parses``): one scores each candidate word as a cue (its form, part of speech,
dependency label, the labels of its dependents, the kind of its subject); one gives each
dependent of a cue (a child, the object of a child preposition, the cue's head, a subject
inherited from a governing verb) a role, "content", "source" or none. The content span is
the extent of the content dependents' subtrees, the source the source dependent's subtree.
Both are fitted on the PolNeAR train split by ``newsprism.eval.train_cues`` and shipped as
plain weights in ``cue_weights.json`` (package data): no scikit-learn at run time. Only
sentences holding a word the training data uses as a cue are parsed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from newsprism.text.nlp import parses
from newsprism.text.spans import trimmed


@dataclass(frozen=True, slots=True)
class CueWeights:
    """The fitted models: the word forms that may be cues, the cue model and its
    threshold, and one linear model per role."""

    forms: frozenset[str]
    threshold: float
    cue_bias: float
    cue: Mapping[str, float]
    role_bias: tuple[float, ...]
    roles: tuple[Mapping[str, float], ...]


@lru_cache(maxsize=1)
def cue_weights() -> CueWeights:
    """The weights ``eval/train_cues.py`` wrote, read once per process."""
    data = json.loads(files("newsprism.quotes").joinpath("cue_weights.json").read_text("utf-8"))
    return CueWeights(
        forms=frozenset(data["cue_forms"]),
        threshold=float(data["threshold"]),
        cue_bias=float(data["cue_bias"]),
        cue=data["cue_weights"],
        role_bias=tuple(float(b) for b in data["role_bias"]),
        roles=tuple(data["role_weights"]),
    )


_SKIP_ROLES = frozenset({"punct", "cc", "aux", "auxpass", "neg", "det", "case"})
_QUOTE_MARKS = frozenset('“”"')
_TRIM_END = " ,.;:”\"'’—–-"
_TRIM_START = " ,“\"‘'—–-"
ROLES = ("none", "content", "source")


@dataclass(frozen=True, slots=True)
class LearnedSpeech:
    """One attribution read by the learned models: (start, end) spans into the text."""

    content: tuple[int, int]
    cue: tuple[int, int]
    mention: tuple[int, int] | None
    score: float


def _side(token: Any, cue: Any) -> str:
    return "L" if token.i < cue.i else "R"


def _size(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9+"


def _quoted_before(token: Any) -> bool:
    """Whether ``token`` stands inside quotation marks opened earlier in its sentence."""
    marks = sum(1 for t in token.doc[: token.i] if t.text in _QUOTE_MARKS)
    return marks % 2 == 1


def cue_features(token: Any) -> list[str]:
    """The cue model's inputs for one candidate word."""
    word, pos, dep = token.lower_, token.pos_, token.dep_
    head = token.head
    feats = [
        f"w={word}",
        f"p={pos}",
        f"t={token.tag_}",
        f"d={dep}",
        f"w|d={word}|{dep}",
        f"w|p={word}|{pos}",
        f"hd={head.dep_ if head.i != token.i else 'ROOT'}",
        f"hp={head.pos_ if head.i != token.i else 'ROOT'}",
        f"q={_quoted_before(token)}",
        f"first={token.i == 0}",
    ]
    has_subject = False
    has_clause = False
    for child in token.children:
        cdep = child.dep_
        if cdep == "punct":
            continue
        side = _side(child, token)
        feats += [f"c={cdep}", f"c|s={cdep}|{side}", f"w|c={word}|{cdep}"]
        if cdep in ("prep", "agent", "dative", "mark", "prt"):
            feats += [f"cl={cdep}|{child.lower_}", f"w|cl={word}|{child.lower_}"]
        if cdep in ("nsubj", "nsubjpass"):
            has_subject = True
            kind = child.lower_ if child.pos_ == "PRON" else child.pos_
            feats += [f"subj={kind}", f"w|subj={word}|{child.pos_}"]
        if cdep in ("ccomp", "xcomp"):
            has_clause = True
            feats.append(f"w|clause={word}|{cdep}|{side}")
    feats += [f"hs={has_subject}", f"hc={has_clause}", f"w|hs|hc={word}|{has_subject}|{has_clause}"]
    return feats


def _inherited_subject(token: Any) -> Any:
    """The subject of the verb governing ``token`` ("wants to say", "rose and said")."""
    current = token
    for _ in range(4):
        if current.head.i == current.i or current.dep_ not in ("xcomp", "conj", "advcl", "acl"):
            return None
        current = current.head
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
    return None


def role_candidates(cue: Any) -> Iterator[tuple[str, Any]]:
    """(kind, token) pairs that may hold a cue's content or source: its children, the
    object of a child preposition ("according to X", "critical of Y"), its head (the
    content of "…, X said" parsed with the cue below), an inherited subject."""
    for child in cue.children:
        if child.dep_ in _SKIP_ROLES:
            continue
        yield child.dep_, child
        if child.dep_ in ("prep", "agent"):
            for grandchild in child.children:
                if grandchild.dep_ in ("pobj", "pcomp"):
                    yield f"{child.dep_}:{child.lower_}:{grandchild.dep_}", grandchild
    if cue.head.i != cue.i:
        yield f"HEAD:{cue.dep_}", cue.head
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        inherited = _inherited_subject(cue)
        if inherited is not None:
            yield "INHERIT", inherited


def role_features(cue: Any, kind: str, token: Any) -> list[str]:
    """The role model's inputs for one (cue, dependent) pair."""
    word = cue.lower_
    side = _side(token, cue)
    n = token.right_edge.i - token.left_edge.i + 1
    feats = [
        f"k={kind}",
        f"k|s={kind}|{side}",
        f"w|k={word}|{kind}",
        f"p={token.pos_}",
        f"k|p={kind}|{token.pos_}",
        f"t={token.tag_}",
        f"n={_size(n)}",
        f"k|n={kind}|{_size(n)}",
        f"cp={cue.pos_}",
        f"cd={cue.dep_}",
    ]
    if token.pos_ in ("PRON", "ADP", "SCONJ", "DET") or kind.startswith(("prep", "agent")):
        feats.append(f"k|l={kind}|{token.lower_}")
    siblings = {c.dep_ for c in cue.children}
    feats += [f"k|sib={kind}|{s}" for s in sorted(siblings & {"ccomp", "xcomp", "dobj", "nsubj"})]
    return feats


def _linear(table: Mapping[str, float], feats: Sequence[str], bias: float) -> float:
    return bias + sum(table.get(f, 0.0) for f in feats)


def cue_score(token: Any) -> float:
    """The probability that ``token`` is an attribution cue."""
    z = _linear(cue_weights().cue, cue_features(token), cue_weights().cue_bias)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def role_of(cue: Any, kind: str, token: Any) -> str:
    feats = role_features(cue, kind, token)
    scores = [
        _linear(cue_weights().roles[index], feats, cue_weights().role_bias[index])
        for index in range(len(ROLES))
    ]
    return ROLES[max(range(len(ROLES)), key=scores.__getitem__)]


def _token_span(doc: Any, first: int, last: int, offset: int) -> tuple[int, int]:
    return offset + doc[first].idx, offset + doc[last].idx + len(doc[last].text)


def content_range(cue: Any, kind: str, token: Any) -> tuple[int, int]:
    """The token range [first, last] a dependent (content or source) covers: its subtree,
    or for the cue's head the head's subtree on the far side of the cue's own subtree."""
    if not kind.startswith("HEAD"):
        return token.left_edge.i, token.right_edge.i
    left, right = token.left_edge.i, token.right_edge.i
    cue_left, cue_right = cue.left_edge.i, cue.right_edge.i
    if cue_left - left >= right - cue_right:
        return left, cue_left - 1
    return cue_right + 1, right


def read_cue(cue: Any, text: str, offset: int) -> LearnedSpeech | None:
    """The content and source of one cue in its sentence's parse, None without content."""
    contents: list[tuple[int, int]] = []
    source = None
    source_kind = ""
    for kind, token in role_candidates(cue):
        role = role_of(cue, kind, token)
        if role == "content":
            contents.append(content_range(cue, kind, token))
        elif role == "source" and source is None:
            source, source_kind = token, kind
    if not contents:
        return None
    # One side of the cue: the larger share of the content dependents.
    left = [r for r in contents if r[1] < cue.i]
    right = [r for r in contents if r[0] > cue.i]
    side = left if sum(b - a for a, b in left) > sum(b - a for a, b in right) else right
    if not side:
        return None
    first, last = min(a for a, _ in side), max(b for _, b in side)
    if last < first:
        return None
    doc = cue.doc
    content = trimmed(text, *_token_span(doc, first, last, offset), _TRIM_END, _TRIM_START)
    if content[1] - content[0] < 3:
        return None
    mention = None
    if source is not None and source.dep_ in ("prep", "agent"):
        # "according to X", "dismissed by X": the source is the preposition's object.
        source = next((c for c in source.children if c.dep_ in ("pobj", "pcomp")), source)
    if source is not None:
        # The head as source ("a super PAC supporting X"): its words outside the cue's.
        s_first, s_last = content_range(cue, source_kind, source)
        if s_last < first or s_first > last:
            mention = trimmed(
                text, *_token_span(doc, s_first, s_last, offset), _TRIM_END, _TRIM_START
            )
            if mention[1] <= mention[0]:
                mention = None
    cue_span = (offset + cue.idx, offset + cue.idx + len(cue.text))
    return LearnedSpeech(content, cue_span, mention, 0.0)


def candidate_sentences(text: str, sentences: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences holding a word the training data used as a cue: the ones parsed."""
    forms = cue_weights().forms
    return [
        (s, e)
        for s, e in sentences
        if any(w.strip(_TRIM_END + _TRIM_START).lower() in forms for w in text[s:e].split())
    ]


def find_learned(
    text: str, sentences: Sequence[tuple[int, int]], threshold: float | None = None
) -> list[LearnedSpeech]:
    """The attributions the learned models read in ``sentences`` of ``text``: each word
    scoring at least ``threshold`` (by default the fitted one) as a cue, with the content
    and source it governs."""
    weights = cue_weights()
    cut = weights.threshold if threshold is None else threshold
    todo = candidate_sentences(text, sentences)
    docs = parses([text[s:e] for s, e in todo])
    if docs is None:
        return []
    found: list[LearnedSpeech] = []
    for offset, end in todo:
        doc = docs[text[offset:end]]
        for token in doc:
            if token.lower_ not in weights.forms:
                continue
            score = cue_score(token)
            if score < cut:
                continue
            item = read_cue(token, text, offset)
            if item is not None:
                found.append(LearnedSpeech(item.content, item.cue, item.mention, score))
    return found
