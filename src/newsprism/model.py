"""Records that flow through newsprism. Frozen and slotted; imports nothing from the package.

Every offset is a 0-based, end-exclusive character offset into the string named next to it
(normally an article's clean ``text``), so any record can be highlighted at its source.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

ParagraphKind = Literal[
    "body", "heading", "caption", "credit", "byline", "boilerplate", "duplicate"
]
KEPT_KINDS: frozenset[str] = frozenset({"body", "heading"})

InputFormat = Literal["text", "markdown", "html"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as an ingest reader found it, before any decoding or cleaning.

    ``data`` is bytes when the encoding is still unknown (files, WARC payloads) and str when
    the container already decoded it (JSON Lines, stdin text). ``meta`` carries what the
    container said about the article (url, title, outlet, published, language).
    """

    source: str
    line: int | None
    data: bytes | str
    format: InputFormat
    meta: Mapping[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be read. Errors are records, never exceptions that stop a batch."""

    source: str
    line: int | None
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class RawParagraph:
    """A paragraph of the decoded input, with its span in ``ExtractedDocument.text``.

    ``hint`` is what the extractor knew about it from markup ("heading", "caption", "image",
    "list", "quote", ...) or None.
    """

    text: str
    start: int
    end: int
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """Decoded, repaired and normalised text of one input, split into paragraphs.

    ``text`` is the normalised input; ``raw_offsets[i]`` is the offset in the decoded raw
    input of character ``i`` of ``text`` (length ``len(text) + 1``), the mapping back to
    what came in. ``meta`` merges container metadata with what the page itself says.
    """

    source: str
    line: int | None
    format: InputFormat
    content_hash: str
    text: str
    raw_offsets: tuple[int, ...]
    paragraphs: tuple[RawParagraph, ...]
    meta: Mapping[str, str | None] = field(default_factory=dict)
    # The decoded input before normalisation (for HTML: trafilatura's text), which
    # ``raw_offsets`` index into.
    raw_text: str = ""

    def raw_slice(self, start: int, end: int) -> str:
        """The input as it came in for ``text[start:end]``."""
        if not self.raw_text:
            return self.text[start:end]
        return self.raw_text[self.raw_offsets[start] : self.raw_offsets[end]]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of an article as the cleaner judged it.

    ``raw`` is the paragraph as it came in (before mojibake repair and normalisation, with
    any Markdown syntax); ``text`` is its normalised form, which is what ``Article.text``
    holds. ``start``/``end`` are its span in ``Article.text`` for body and heading
    paragraphs, else None. ``duplicate_of`` indexes the article's paragraph list for
    kind == "duplicate". ``input_start``/``input_end`` locate ``text`` in the normalised
    input (``Article.input_text``).
    """

    kind: ParagraphKind
    raw: str
    text: str
    start: int | None
    end: int | None
    duplicate_of: int | None
    reason: str
    input_start: int
    input_end: int


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a metadata value was chosen: where it came from and the text that says so."""

    method: str  # "container", "url", "footer", "wire-credit", "byline", "html-meta", ...
    text: str
    paragraph: int | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation in an article's clean ``text``: ``start``/``end`` is its content
    inside the quotation marks; ``mention_start``/``mention_end`` the words naming the
    speaker as the article has them ("he", "the new Pentagon chief"), ``speaker`` who that
    resolves to, or None when the text does not tell. ``partial`` marks fragments embedded
    in reported speech and scare quotes. ``kind``: "direct" (inside quotation marks),
    "partial" (a fragment in quotation marks), "mixed" (reported speech holding a quoted
    fragment) or "reported" ("X said that …", "according to X, …": ``start``/``end`` is
    the reported content). ``cue_start``/``cue_end`` span the cue ("said", "according
    to", ":"), None when the text has none."""

    start: int
    end: int
    text: str
    speaker: str | None
    mention_start: int | None
    mention_end: int | None
    cue: str | None
    partial: bool
    kind: str = "direct"
    cue_start: int | None = None
    cue_end: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. ``text`` is the body and headings joined by blank lines."""

    id: str
    content_hash: str
    source: str
    line: int | None
    format: InputFormat
    url: str | None
    outlet: str | None
    outlet_evidence: tuple[Evidence, ...]
    title: str | None
    published: str | None
    language: str | None
    text: str
    paragraphs: tuple[Paragraph, ...]
    input_text: str
    # What the container and the page said (sitename, author, ...), for later stages.
    meta: Mapping[str, str | None] = field(default_factory=dict)
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class StageInfo:
    name: str
    version: str
    # The model a stage used where installs differ (claims: the embedding model matching
    # subjects by meaning, None when matching by words only), so a dossier says how it was made.
    model: str | None = None


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What a run did, for people (the CLI summary) and machines (``--json``)."""

    run_id: str
    articles_read: int
    articles_new: int
    inputs_rejected: int
    paragraphs_by_kind: Mapping[str, int]
    removed_by_reason: Mapping[str, int]
    seconds: float
    stages: tuple[StageInfo, ...]
    errors: tuple[InputError, ...]
    dropped_by_reason: Mapping[str, int] = field(default_factory=dict)
    stage_seconds: Mapping[str, float] = field(default_factory=dict)
    window_posted: int = 0  # story-window index entries posted at the end (ingest --post-window)


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """What the store keeps of an article so later batches and runs can find it."""

    article_id: str
    signature: bytes  # NUM_PERM little-endian uint32 MinHash values
    terms: tuple[str, ...]  # names and figures (key_terms), each at most 80 characters
    day: int | None  # days since 1970-01-01 of publication, when known


@dataclass(frozen=True, slots=True)
class WindowPostings:
    """What the store's postings say of some keys within the story window's stored part
    (its most recent ``tail`` entries): a small batch's candidates, without loading it."""

    size: int  # entries in the stored part of the window
    entries: tuple[IndexEntry, ...]  # the candidates found, oldest first
    bands: tuple[tuple[int, str], ...]  # (band key, article id): the most recent per key
    terms: tuple[tuple[str, str], ...]  # (term, article id): the most recent per term
    held: Mapping[str, int]  # term -> how many stored window entries hold it
    posted: int = 0  # index entries posted first to bring the postings current


COPY_KINDS = ("duplicate", "near-duplicate", "spun-copy", "shares-passages", "translation")


# --- Claims, claim groups and conflicts (the "article_claims" and "claims" stages) -------


@dataclass(frozen=True, slots=True)
class ClaimScope:
    """Who holds a figure and where it holds, as its sentence writes them."""

    who: tuple[str, ...] = ()
    where: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """One figure (or, with ``event_date``, one event date) of an article's sentence.

    ``start``/``end`` is the sentence and ``value_start``/``value_end`` the figure, in the
    article's ``text``. ``subject`` is what is measured, of whom and where (a phrase from
    the sentence's parse), ``time`` when it holds ("2023", "Tuesday"). ``low``/``high_bound``
    is the interval the written figure allows, in the figure's shown unit: its bound ("more
    than", "nearly", "up to"), its range and its rounding ("$66bn" is 65.5 to 66.5).
    ``facts`` is what ``claims/compare.py`` compares (wording, years, places, nouns), not
    shown to readers. Event dates are compared like figures but are no claims of the dossier.
    """

    id: str
    article: str
    start: int
    end: int
    sentence: str
    subject: str | None
    value: float
    unit: str | None
    text: str
    value_start: int
    value_end: int
    approximate: bool
    high: float | None
    as_of: str | None
    scope: ClaimScope
    time: str | None = None
    low_bound: float | None = None
    high_bound: float | None = None
    event_date: bool = False
    facts: Mapping[str, object] = field(default_factory=dict, compare=False)

    def contract(self) -> dict[str, object]:
        """The claim as ``dossier.json`` and the store's rows have it."""
        return {
            "id": self.id,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "subject": self.subject,
            "as_of": self.as_of,
            "value": self.value,
            "unit": self.unit,
            "text": self.text,
            "value_start": self.value_start,
            "value_end": self.value_end,
            "approximate": self.approximate,
            "high": self.high,
            "scope": {"who": list(self.scope.who), "where": list(self.scope.where)},
            "time": self.time,
            "interval": [self.low_bound, self.high_bound],
        }


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Claims of several articles about one subject: ``status`` is "corroborated",
    "single-source", "conflict" or "different-scope"."""

    id: str
    subject: str | None
    claims: tuple[str, ...]
    status: str
    independent_sources: int

    def contract(self) -> dict[str, object]:
        return {
            "id": self.id,
            "subject": self.subject,
            "claims": list(self.claims),
            "status": self.status,
            "independent_sources": self.independent_sources,
        }


@dataclass(frozen=True, slots=True)
class SpanIn:
    """A span of one article's ``text``: the evidence of one side of a conflict."""

    article: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ConflictSide:
    """One value of a conflict: the articles and independent sources that give it, and
    where each writes it."""

    value: str
    articles: tuple[str, ...]
    evidence: tuple[SpanIn, ...]
    sources: tuple[str, ...] = ()

    def contract(self) -> dict[str, object]:
        side: dict[str, object] = {
            "value": self.value,
            "articles": list(self.articles),
            "evidence": [
                {"article": e.article, "start": e.start, "end": e.end} for e in self.evidence
            ],
        }
        if self.sources:
            side["sources"] = list(self.sources)
        return side


ConflictKind = Literal["value", "attribute", "name", "internal"]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Reports that disagree: on a figure ("value"), on what a figure is of or a date or a
    role ("attribute"), on a person's name across outlets ("name") or within one article
    ("internal"). ``claim_group`` or ``entity`` names what it is about."""

    id: str
    kind: ConflictKind
    what: str
    values: tuple[ConflictSide, ...]
    claim_group: str | None = None
    entity: str | None = None

    def contract(self) -> dict[str, object]:
        conflict: dict[str, object] = {
            "id": self.id,
            "kind": self.kind,
            "what": self.what,
            "values": [v.contract() for v in self.values],
        }
        if self.claim_group is not None:
            conflict["claim_group"] = self.claim_group
        if self.entity is not None:
            conflict["entity"] = self.entity
        return conflict


# -- cross-article results: what the batch-wide stages find, one record per finding ------
RelationKind = Literal[
    "duplicate", "near-duplicate", "spun-copy", "shares-passages", "translation", "same-story"
]


@dataclass(frozen=True, slots=True)
class SharedPassage:
    """A passage two related articles share: its span in ``a``'s text and in ``b``'s.
    ``kind`` is "verbatim", "near-verbatim", "spun" or "translated"."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Relation:
    """Two related articles (``a`` < ``b`` by id): how (``kind``), how much (``score``: the
    shared passages' coverage of the fuller side, or the share of names and figures), the
    passages they share and why. ``derived`` is the copy, as the relate stage could tell
    it, or None, and ``derived_by`` the evidence that told it ("dates", "agency",
    "containment"); only where there was none may the spin stage settle a spun copy's
    direction (``settle_direction``). For a copy: ``a_taken`` / ``b_taken``, the share of
    each text's sentences taken (verbatim or rewritten) from the other, and
    ``derivation``, the three-way label ("wholly", "partially", "independent") of the
    derived text (of the more taken one while the direction is open); None otherwise."""

    a: str
    b: str
    kind: RelationKind
    derived: str | None
    score: float
    passages: tuple[SharedPassage, ...] = ()
    why: str = ""
    a_taken: float | None = None
    b_taken: float | None = None
    derivation: str | None = None
    derived_by: str | None = None


def relation_fields(relation: Relation) -> dict[str, Any]:
    """A relation as the dossier contract writes it (and the store keeps it), keys in the
    contract's order."""
    return {
        "a": relation.a,
        "b": relation.b,
        "kind": relation.kind,
        "derived": relation.derived,
        "score": relation.score,
        "passages": [
            {
                "a_start": p.a_start,
                "a_end": p.a_end,
                "b_start": p.b_start,
                "b_end": p.b_end,
                "kind": p.kind,
            }
            for p in relation.passages
        ],
        "why": relation.why,
        "a_taken": relation.a_taken,
        "b_taken": relation.b_taken,
        "derivation": relation.derivation,
        "derived_by": relation.derived_by,
    }


@dataclass(frozen=True, slots=True)
class Story:
    """Articles reporting one event. ``earlier_articles``: the stored articles of earlier
    runs in the story, or None when the batch was not related to a store."""

    id: str
    title: str | None
    articles: tuple[str, ...]
    earlier_articles: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Articles joined by copying: what they say counts once."""

    id: str
    articles: tuple[str, ...]
    why: str


@dataclass(frozen=True, slots=True)
class RelateResult:
    """The relate stage's findings. ``stories``, ``relations`` and ``sources`` name the
    batch's articles only; ``earlier_relations`` (None without stored articles to relate
    to) link a batch article to a stored one. What the store keeps of the batch:
    ``all_relations`` and ``all_stories`` (stored articles included), the batch's story
    window ``index`` entries, and the ``earlier`` stored articles it was related to."""

    stories: tuple[Story, ...] = ()
    relations: tuple[Relation, ...] = ()
    sources: tuple[Source, ...] = ()
    earlier_relations: tuple[Relation, ...] | None = None
    all_relations: tuple[Relation, ...] = ()
    all_stories: tuple[Story, ...] = ()
    index: tuple[IndexEntry, ...] = ()
    earlier: tuple[Article, ...] = ()


@dataclass(frozen=True, slots=True)
class SpinEvidence:
    """A span of a spun article's text (``text`` is ``article.text[start:end]``) with the
    wording it likely replaced; ``why`` names the test that found it, None for a
    substitution seen against an aligned copy."""

    start: int
    end: int
    text: str
    likely_original: str | None
    why: str | None = None


@dataclass(frozen=True, slots=True)
class SpinRestoration:
    """A phrase of a spun article that reads as a thesaurus swap, restored with no original
    to compare (``spin/restore.py``): ``text`` is ``article.text[start:end]``, ``original``
    the wording it likely replaced, ``gain`` how much likelier (natural log) a word-pair
    language model finds the original than the text's wording in its context."""

    start: int
    end: int
    text: str
    original: str
    gain: float


@dataclass(frozen=True, slots=True)
class SpinFinding:
    """The spin stage's word on one article; ``despun`` is its text with every piece of
    evidence read as its likely original (None when not spun). ``restored``: the phrases
    restored without an original, outside the evidence spans; None where that was not
    looked for (an article not spun, or the thesaurus data not installed)."""

    is_spun: bool
    score: float
    evidence: tuple[SpinEvidence, ...]
    despun: str | None
    restored: tuple[SpinRestoration, ...] | None = None


@dataclass(frozen=True, slots=True)
class SpinResult:
    """The spin stage's findings: per batch article, and the direction it settles for
    spun copies, (a, b) of the relation -> the spun article, which derives from the other."""

    articles: Mapping[str, SpinFinding] = field(default_factory=dict)
    derived: Mapping[tuple[str, str], str] = field(default_factory=dict)


def settle_direction(relation: Relation, spin: SpinResult | None) -> Relation:
    """The relation with its final direction: the relate stage's where dates, an agency
    credit or containment told it (``derived_by``), else the spin stage's for a spun copy
    it could tell apart (the spun side derives): spin cues alone never overrule the
    evidence. Every output that shows a direction reads it here."""
    if relation.derived_by is not None or spin is None:
        return relation
    derived = spin.derived.get((relation.a, relation.b))
    if derived is None or derived == relation.derived:
        return relation
    return dataclasses.replace(relation, derived=derived, derived_by="spin")


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place across the batch (``type``: "PERSON", "ORG", "GPE"
    or "LOC"), with the other ways the articles write it. ``first_names``: for a person
    whose outlets give two first names (``conflict_candidate``), the names; else None."""

    id: str
    name: str
    type: str
    role: str | None
    variants: tuple[str, ...]
    articles: tuple[str, ...]
    conflict_candidate: bool
    first_names: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class ClusteredQuote:
    """A quote of the batch as the dossier lists it: its span in the article's text, who
    said it, the entity the speaker links to and the cluster it belongs to."""

    id: str
    article: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_entity: str | None
    cue: str | None
    cluster: str | None
    mention_start: int | None
    mention_end: int | None
    partial: bool


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """A quote in a cluster and how it differs from the best version ("exact", "wording",
    "spun", "translated", "partial")."""

    quote: str
    variant: str


@dataclass(frozen=True, slots=True)
class QuoteCluster:
    """The same statement across articles. ``independent_sources`` is None when the
    relate stage's sources were not there to count them."""

    id: str
    speaker: str | None
    text: str
    members: tuple[QuoteVariant, ...]
    independent_sources: int | None
    outlets: int


@dataclass(frozen=True, slots=True)
class QuoteLineage:
    """The quote_clusters stage's findings: every quote of the batch and the clusters."""

    quotes: tuple[ClusteredQuote, ...] = ()
    quote_clusters: tuple[QuoteCluster, ...] = ()
