"""Stories, copy relations and independent sources for a batch of articles.

Two articles are related when they copy text from each other (aligned passages outside
quotations: two reports quoting the same speech are not copies; or, as journalists see
reuse, enough of one's sentences taken verbatim or rewritten from the other, see
``relate/reuse.py``) or, failing that, when they are about the same event (they share
enough names and figures). Copy relations are typed (duplicate, near-duplicate, spun-copy,
shares-passages, translation), carry the share of each text taken from the other and the
derived text's three-way label, and, where the evidence allows (dates, agency credits,
containment), are directed. Articles joined by copying form one independent source.
Which pairs are weighed at all is ``relate/candidates.py``'s choice.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from newsprism.model import (
    Article,
    RelateResult,
    Relation,
    RelationKind,
    SharedPassage,
    Source,
    Story,
)
from newsprism.relate.align import Passage, align, align_translation
from newsprism.relate.candidates import (
    DEFAULT_BRIEF_SHAPE,
    LSH_MIN_SIMILARITY,
    SAME_STORY_MIN_SHARED,
    BriefShape,
    batch_signatures,
    candidate_pairs,
    is_brief,
)
from newsprism.relate.reuse import (
    CONTAINMENT_MARGIN,
    MIN_CONTENT_WORDS,
    PARTIAL_MIN,
    REWRITTEN_MIN,
    VERBATIM_MIN,
    WHOLE_MIN,
    Derivation,
    Prepared,
    agency_credit,
    derivation,
    derived_side,
    prepare,
    reuse_label,
    time_lean,
)
from newsprism.relate.reuse_model import DERIVED_MIN_PROBABILITY, model_label
from newsprism.relate.stories import STORY_MIN_SIMILARITY, group_stories
from newsprism.sources import SOURCE_MIN_SHARE, joins_sources
from newsprism.text.keys import fold
from newsprism.text.quoted import find_quotes
from newsprism.text.spans import covered_length
from newsprism.text.terms import COMMON_CAPITALS, key_terms
from newsprism.unionfind import DisjointSets

# An aligned passage is copying, not two reports on one subject, when its words agree
# closely; a long passage may be spun harder (a spinner swaps a third of the words).
COPY_MIN_SIMILARITY = 0.7
SPUN_LONG_MIN_SIMILARITY = 0.66
SPUN_LONG_MIN_CHARS = 1000
QUOTED_SHARE_MAX = 0.5  # passages mostly inside quotation marks are shared quotes
NEAR_DUPLICATE_COVERAGE = 0.8
SPUN_MIN_COVERAGE = 0.5
SAME_STORY_MIN_OVERLAP = 0.25
# ... and the shared names' rarity-weighted share of the smaller article's (the ingest
# window's SAME_STORY_MIN_WEIGHT): a batch's common names count for little.
SAME_STORY_MIN_WEIGHT = 0.3
PRIOR_ARTICLES = 20
# A pair is a copy when this share of one text's sentences was taken from the other
# (verbatim or rewritten), even with no aligned passage COPY_MIN_SIMILARITY alike: the
# text is wholly derived. A partly derived pair stays a same-story relation that carries
# its shares and label (the paper added its own reporting: it is a source of its own).
COPY_MIN_SHARE = WHOLE_MIN
# ... and when some of it was taken word for word: two reports that give one fact with the
# same names in their own words ("the ministry put the cost at …" / "… cost …, the
# ministry said") share content words, not phrasing, and are independent sources.
COPY_MIN_VERBATIM = 0.1


@dataclass(frozen=True, slots=True)
class ReuseSettings:
    """The thresholds of sentence-level reuse (``relate/reuse.py``), as the relate stage's
    options give them."""

    verbatim_min: float = VERBATIM_MIN
    rewritten_min: float = REWRITTEN_MIN
    copy_min_share: float = COPY_MIN_SHARE
    partial_min: float = PARTIAL_MIN  # share taken below which a pair is not weighed at all
    whole_min: float = WHOLE_MIN  # share taken from which a copy is wholly derived outright
    containment_margin: float = CONTAINMENT_MARGIN
    copy_min_verbatim: float = COPY_MIN_VERBATIM
    # The label model's chance of "derived" (wholly or partially) that makes a pair derived.
    derived_min_probability: float = DERIVED_MIN_PROBABILITY


@dataclass
class _Pair:
    a: Article
    b: Article
    passages: list[Passage] = field(default_factory=list)
    kind: RelationKind = "same-story"
    score: float = 0.0
    derived: str | None = None
    why: str = ""
    a_from_b: Derivation | None = None
    b_from_a: Derivation | None = None
    derivation: str | None = None
    derived_by: str | None = None
    aligned: int = 0  # passages the aligner found (before the taken sentences are added)
    pair_label: str | None = None  # the label from this pair's share alone


def _quoted_share(text: str, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> float:
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b in quoted)
    return inside / max(1, end - start)


def _quoted(article: Article) -> list[tuple[int, int]]:
    """Spans inside quotation marks (from the quotes stage when it ran): reported speech
    is the writer's own wording, copied or not, so it is no quotation here."""
    if article.quotes:
        return [(q.start, q.end) for q in article.quotes if q.kind in ("direct", "partial")]
    return [(q.start, q.end) for q in find_quotes(article.text)]


def _copy_passages(
    a: Article,
    b: Article,
    quoted: Mapping[str, Sequence[tuple[int, int]]],
    min_similarity: float = COPY_MIN_SIMILARITY,
) -> list[Passage]:
    quoted_a, quoted_b = quoted[a.id], quoted[b.id]
    return [
        p
        for p in align(a.text, b.text)
        if (
            p.score >= min_similarity
            or (
                p.score >= SPUN_LONG_MIN_SIMILARITY
                and min(p.a_end - p.a_start, p.b_end - p.b_start) >= SPUN_LONG_MIN_CHARS
            )
        )
        and not (
            _quoted_share(a.text, p.a_start, p.a_end, quoted_a) > QUOTED_SHARE_MAX
            and _quoted_share(b.text, p.b_start, p.b_end, quoted_b) > QUOTED_SHARE_MAX
        )
    ]


def _coverage(passages: Sequence[Passage], length: int, side: str) -> float:
    spans = ((p.a_start, p.a_end) if side == "a" else (p.b_start, p.b_end) for p in passages)
    return covered_length(spans) / max(1, length)


def term_weights(terms: Mapping[str, set[str]]) -> dict[str, float]:
    """Each name's rarity in the batch (inverse document frequency): a day's coverage of
    many events shares its common names (a president, a party) across stories."""
    held = Counter(term for article_terms in terms.values() for term in article_terms)
    # As if the batch came with PRIOR_ARTICLES unrelated ones: in a small batch (two
    # reports of one event) every shared name is in every article, and plain inverse
    # frequencies would weigh exactly the shared ones least.
    total = len(terms) + 1 + PRIOR_ARTICLES
    return {term: math.log(total / (count + 1)) for term, count in held.items()}


def _same_story(
    a: Article,
    b: Article,
    terms: dict[str, set[str]],
    weights: Mapping[str, float],
    min_shared: int = SAME_STORY_MIN_SHARED,
    max_days: int | None = None,
) -> tuple[bool, float]:
    """Two reports of one event share enough names and figures, counted and weighed by
    rarity (as the ingest window does); not dated further apart than an event runs."""
    shared = terms[a.id] & terms[b.id]
    smaller = min(len(terms[a.id]), len(terms[b.id])) or 1
    overlap = len(shared) / smaller
    mass = min(sum(weights[t] for t in terms[a.id]), sum(weights[t] for t in terms[b.id]))
    weighed = sum(weights[t] for t in shared) >= SAME_STORY_MIN_WEIGHT * mass
    related = len(shared) >= min_shared and overlap >= SAME_STORY_MIN_OVERLAP and weighed
    return related and not _days_apart(a, b, max_days), overlap


SAME_STORY_MAX_DAYS = 4  # reports on the same names a week apart are about another event


def _days_apart(a: Article, b: Article, max_days: int | None = None) -> bool:
    """Both dated, and further apart than one event's coverage runs (copies are not
    subject to this: a reprint can come any time)."""
    if not (a.published and b.published):
        return False
    try:
        first = date.fromisoformat(a.published[:10])
        second = date.fromisoformat(b.published[:10])
    except ValueError:
        return False
    return abs((first - second).days) > (SAME_STORY_MAX_DAYS if max_days is None else max_days)


def _type(
    pair: _Pair,
    near_duplicate_coverage: float = NEAR_DUPLICATE_COVERAGE,
    spun_min_coverage: float = SPUN_MIN_COVERAGE,
    reuse: ReuseSettings = ReuseSettings(),
) -> None:
    """Kind, score, direction and three-way label of a copy: the kind from the aligned
    passages as before (a pair found by sentence reuse alone shares passages), the score
    and the label from the share of each text taken from the other."""
    a, b, aligned = pair.a, pair.b, pair.passages
    a_taken = pair.a_from_b.share if pair.a_from_b else 0.0
    b_taken = pair.b_from_a.share if pair.b_from_a else 0.0
    if fold(a.text) == fold(b.text):
        pair.kind, pair.score = "duplicate", 1.0
        pair.why = "the same words"
        _direct(pair, 1.0, 1.0, reuse)
        return
    cover_a = _coverage(aligned, len(a.text), "a")
    cover_b = _coverage(aligned, len(b.text), "b")
    similarity = sum(p.score * (p.a_end - p.a_start) for p in aligned) / max(
        1, sum(p.a_end - p.a_start for p in aligned)
    )
    if aligned and min(cover_a, cover_b) >= near_duplicate_coverage and similarity >= 0.9:
        pair.kind = "near-duplicate"
    elif aligned and max(cover_a, cover_b) >= spun_min_coverage and similarity < 0.9:
        pair.kind = "spun-copy"
    else:
        pair.kind = "shares-passages"
    # The text held by the other is the copy: by aligned passages or by taken sentences.
    a_held, b_held = max(cover_a, a_taken), max(cover_b, b_taken)
    pair.score = round(max(a_held, b_held), 3)
    pair.aligned = len(aligned)
    pair.passages = [*aligned, *_taken_passages(pair, aligned)]
    _direct(pair, a_held, b_held, reuse)
    pair.passages = [*aligned, *_taken_passages(pair, aligned)]  # the copy's, now it is known
    passages = (
        "1 aligned passage covers"
        if len(aligned) == 1
        else f"{len(aligned)} aligned passages cover"
    )
    pair.why = (
        f"{passages} {cover_a:.0%} of {a.id} and {cover_b:.0%} of "
        f"{b.id} (similarity {similarity:.2f}); sentences taken from the other: "
        f"{a_taken:.0%} of {a.id}, {b_taken:.0%} of {b.id}"
    )


def _partly_derived(pair: _Pair, reuse: ReuseSettings) -> bool:
    """A same-story pair whose sentences were partly taken one from the other (a paper
    that adds its own reporting to wire copy): it keeps its kind (no copy: the two stay
    apart as sources) and carries the shares taken, the direction and the label. Is it
    derived at all? Two reports of one event share quotes and facts: the label model
    (``reuse_model``) tells that from taking by how the sentences were taken."""
    a_taken = pair.a_from_b.share if pair.a_from_b else 0.0
    b_taken = pair.b_from_a.share if pair.b_from_a else 0.0
    if max(a_taken, b_taken) >= reuse.partial_min:
        _direct(pair, a_taken, b_taken, reuse, copy=False)
    if max(a_taken, b_taken) < reuse.partial_min or pair.derivation == "independent":
        pair.a_from_b = pair.b_from_a = None  # nothing taken: a report of the same event
        pair.derived = pair.derivation = pair.pair_label = pair.derived_by = None
        return False
    pair.passages = _taken_passages(pair, [])
    pair.why += (
        f"; sentences taken from the other: {a_taken:.0%} of {pair.a.id}, "
        f"{b_taken:.0%} of {pair.b.id}"
    )
    return True


def _direct(
    pair: _Pair, a_held: float, b_held: float, reuse: ReuseSettings, copy: bool = True
) -> None:
    """Which side is the copy (dates, agency credits, containment) and its label: wholly
    when the copy's share held reaches ``whole_min``, else the label model's on how its
    sentences were taken (a ``copy`` found by aligned passages is derived either way)."""
    a, b = pair.a, pair.b
    side, pair.derived_by = derived_side(
        a_held,
        b_held,
        a.published,
        b.published,
        _agency(a),
        _agency(b),
        reuse.containment_margin,
        *_leans(pair),
    )
    pair.derived = {"a": a.id, "b": b.id}.get(side or "")
    copy_side = side or ("a" if a_held >= b_held else "b")
    share = a_held if copy_side == "a" else b_held
    taken, given = (
        (pair.a_from_b, pair.b_from_a) if copy_side == "a" else (pair.b_from_a, pair.a_from_b)
    )
    if share >= reuse.whole_min or taken is None or given is None:
        label = reuse_label(share, reuse.partial_min, reuse.whole_min)
    else:
        label = model_label(taken, given, reuse.derived_min_probability)
        if copy and label == "independent":
            label = "partially"
    pair.derivation = pair.pair_label = label


def _leans(pair: _Pair) -> tuple[int, int]:
    """How much each side is written on the event's day (``reuse.time_lean``): in the
    passages they share, else in their whole texts (a copy printed the next day says
    "yesterday" in its own lead)."""
    a, b = pair.a, pair.b
    shared = (
        time_lean(a.text, [(p.a_start, p.a_end) for p in pair.passages]),
        time_lean(b.text, [(p.b_start, p.b_end) for p in pair.passages]),
    )
    if shared[0] != shared[1]:
        return shared
    return time_lean(a.text, [(0, len(a.text))]), time_lean(b.text, [(0, len(b.text))])


def _taken_passages(pair: _Pair, aligned: Sequence[Passage]) -> list[Passage]:
    """The copy's taken sentences that no aligned passage already covers, as passages
    (the sentence in the copy, the source window it matched in the other)."""
    copy_is_b = pair.derived == pair.b.id or (
        pair.derived is None
        and (pair.b_from_a.share if pair.b_from_a else 0.0)
        > (pair.a_from_b.share if pair.a_from_b else 0.0)
    )
    found = pair.b_from_a if copy_is_b else pair.a_from_b
    if found is None:
        return []
    covered = [(p.b_start, p.b_end) if copy_is_b else (p.a_start, p.a_end) for p in aligned]
    passages = []
    for t in found.sentences:
        if any(start < t.end and t.start < end for start, end in covered):
            continue
        if copy_is_b:
            passages.append(Passage(t.source_start, t.source_end, t.start, t.end, t.kind, t.score))
        else:
            passages.append(Passage(t.start, t.end, t.source_start, t.source_end, t.kind, t.score))
    return passages


def _agency(article: Article) -> bool:
    """The article is an agency's own copy: its outlet is known only from wire credits,
    or an agency's byline or credit heads or closes it."""
    return (
        _is_wire_original(article)
        or agency_credit(article.text, article.outlet)
        or any(agency_credit(p.text) for p in article.paragraphs if p.kind in _CREDIT_KINDS)
    )


_CREDIT_KINDS = frozenset({"byline", "credit"})  # paragraphs cut from the text that name it
_WIRE_EVIDENCE = frozenset({"wire-credit", "contributor-note"})


def _is_wire_original(article: Article) -> bool:
    """The article is the agency's own: its outlet is known only from wire credits."""
    methods = {e.method for e in article.outlet_evidence}
    return bool(article.outlet) and bool(methods) and methods <= _WIRE_EVIDENCE


def relate(
    articles: Sequence[Article],
    earlier: Sequence[Article] = (),
    known_signatures: Mapping[str, np.ndarray] | None = None,
    *,
    copy_min_similarity: float = COPY_MIN_SIMILARITY,
    near_duplicate_coverage: float = NEAR_DUPLICATE_COVERAGE,
    spun_min_coverage: float = SPUN_MIN_COVERAGE,
    same_story_min_shared: int = SAME_STORY_MIN_SHARED,
    same_story_max_days: int = SAME_STORY_MAX_DAYS,
    candidate_min_similarity: float = LSH_MIN_SIMILARITY,
    story_min_similarity: float = STORY_MIN_SIMILARITY,
    reuse: ReuseSettings = ReuseSettings(),
    brief_shape: BriefShape = DEFAULT_BRIEF_SHAPE,
) -> RelateResult:
    """Stories, relations and independent sources for a batch.

    Thresholds (the relate stage's options; defaults are the module's constants): an
    aligned passage ``copy_min_similarity`` alike is copied text; copies covering
    ``near_duplicate_coverage`` of both texts are near-duplicates, ``spun_min_coverage``
    of one a spun copy; ``same_story_min_shared`` names and figures in common, dated at
    most ``same_story_max_days`` apart, make the same story; texts estimated
    ``candidate_min_similarity`` alike by MinHash are aligned at all.
    Stories: copies are one; other reports join when their event similarity (average
    link, relate/stories.py) is at least ``story_min_similarity``.
    ``candidate_min_similarity`` alike by MinHash are aligned at all; ``reuse``: when
    sentences count as taken, what share of them makes a copy, the three-way label's cuts
    and the containment margin that tells the copy from the origin; ``brief_shape``: what
    counts as a brief, weighed sentence by sentence against its story's reports.

    ``earlier``: stored articles from earlier runs that may belong to the batch's stories.
    They are related like the batch's own, but the contract's sections list only the
    batch's articles; each story then names its ``earlier_articles``, and relations with
    them are listed apart in ``earlier_relations`` (their spans point into texts that are
    not in this dossier). ``all_relations`` and ``all_stories`` hold everything, for the
    store (the caller adds the batch's ``index`` entries)."""
    batch_ids = {a.id for a in articles}
    ordered = sorted(
        [*articles, *(a for a in earlier if a.id not in batch_ids)], key=lambda a: a.id
    )
    terms = {a.id: key_terms(a) for a in ordered}
    weights = term_weights(terms)
    pairs: list[_Pair] = []
    best_translation: dict[str, tuple[tuple[int, float, int], str]] = {}
    copy_candidates, pairs_to_check = candidate_pairs(
        ordered,
        terms,
        batch_signatures(ordered, known_signatures or {}),
        min_shared_terms=same_story_min_shared,
        min_lsh_similarity=candidate_min_similarity,
        brief_shape=brief_shape,
    )
    # Quotation spans and the sentence cut once per article, not once per pair.
    quoted = {
        ordered[i].id: _quoted(ordered[i]) for i in {i for pair in copy_candidates for i in pair}
    }
    prepared: dict[str, Prepared] = {}
    for first, second in pairs_to_check:
        a, b = ordered[first], ordered[second]
        related, overlap = _same_story(
            a, b, terms, weights, same_story_min_shared, same_story_max_days
        )
        aligned = (first, second) in copy_candidates and a.language == b.language
        passages = _copy_passages(a, b, quoted, copy_min_similarity) if aligned else []
        weighed = aligned or (
            a.language == b.language and (is_brief(a, brief_shape) or is_brief(b, brief_shape))
        )
        for article in (a, b) if weighed and not aligned else ():
            quoted.setdefault(article.id, _quoted(article))
        a_from_b, b_from_a = _reuse(a, b, quoted, prepared, reuse) if weighed else (None, None)
        if passages or (
            a_from_b
            and b_from_a
            and max(a_from_b.share, b_from_a.share) >= reuse.copy_min_share
            and max(a_from_b.verbatim_share, b_from_a.verbatim_share) >= reuse.copy_min_verbatim
            # taken sentences are weaker evidence than an aligned copy: within one event
            and not _days_apart(a, b, same_story_max_days)
        ):
            pair = _Pair(a, b, passages, a_from_b=a_from_b, b_from_a=b_from_a)
            _type(pair, near_duplicate_coverage, spun_min_coverage, reuse)
            pairs.append(pair)
        elif related or (
            a_from_b
            and b_from_a
            and max(a_from_b.share, b_from_a.share) >= reuse.partial_min
            and not _days_apart(a, b, same_story_max_days)
        ):
            pair = _Pair(
                a,
                b,
                score=round(overlap, 3),
                why=f"share {overlap:.0%} of their names and figures",
                a_from_b=a_from_b,
                b_from_a=b_from_a,
            )
            if not _partly_derived(pair, reuse) and not related:
                continue  # sentences alike in words only, and no names shared
            pairs.append(pair)
            if related and a.language and b.language and a.language != b.language:
                # A text in another language is a translation of its closest match only:
                # the one sharing the most names and figures (a fuller original beats a
                # partial copy of it, whose smaller vocabulary only looks more alike).
                shared_count = len(terms[a.id] & terms[b.id])
                for one, other in ((a, b), (b, a)):
                    closeness = (shared_count, overlap, len(terms[other.id]))
                    if closeness > best_translation.get(one.id, ((0, 0.0, 0), ""))[0]:
                        best_translation[one.id] = (closeness, other.id)
    _label_articles(pairs, prepared, reuse)
    # A translation is of the original, not of a copy of it: follow copy relations from the
    # closest match to where it derives from, while that text is also a candidate.
    origin_of = {
        pair.derived: (pair.b.id if pair.derived == pair.a.id else pair.a.id)
        for pair in pairs
        if pair.kind != "same-story" and pair.derived
    }
    candidates = {frozenset((p.a.id, p.b.id)) for p in pairs if p.kind == "same-story"}
    closest: dict[str, str] = {}
    for text_id, (_, partner) in best_translation.items():
        seen = {partner}
        while (
            (origin := origin_of.get(partner))
            and origin not in seen
            and frozenset((text_id, origin)) in candidates
        ):
            seen.add(origin)
            partner = origin
        closest[text_id] = partner
    for pair in pairs:
        ids = {pair.a.id, pair.b.id}
        if (
            pair.kind == "same-story"
            and all(closest.get(i) in ids - {i} for i in ids)
            and pair.a.language != pair.b.language
        ):
            pair.kind = "translation"
            pair.passages = align_translation(pair.a.text, pair.b.text, COMMON_CAPITALS)
            pair.derived = _translated_one(pair.a, pair.b, ordered)
            pair.why = (
                f"{pair.a.language} and {pair.b.language} texts sharing {pair.score:.0%} of "
                f"their names and figures: the closest match across languages; "
                f"{len(pair.passages)} paragraphs aligned by the names and figures they share"
            )
    stories = _stories(ordered, pairs, same_story_max_days, story_min_similarity)
    sources = DisjointSets([a.id for a in ordered])
    for pair in pairs:
        if _joins(pair):
            sources.union(pair.a.id, pair.b.id)
    by_id = {a.id: a for a in ordered}
    relations = tuple(_relation_record(p) for p in pairs)
    all_stories = tuple(
        Story(f"s{n + 1}", _story_title([by_id[i] for i in group]), tuple(group))
        for n, group in enumerate(stories.groups())
    )
    links_of: dict[str, list[_Pair]] = defaultdict(list)
    borrowed_by: dict[str, list[_Pair]] = defaultdict(list)
    for pair in pairs:
        if _joins(pair):
            links_of[sources.find(pair.a.id)].append(pair)
        elif pair.kind != "same-story":
            borrowed_by[pair.a.id].append(pair)
            borrowed_by[pair.b.id].append(pair)
    source_list: list[Source] = []
    for group in sources.groups():
        members = tuple(i for i in group if i in batch_ids)
        if not members:
            continue
        links = links_of.get(sources.find(group[0]), [])
        borrowing = sorted(
            {p.b.id if p.a.id in group else p.a.id for i in group for p in borrowed_by.get(i, [])}
        )
        why = (
            "one origin: " + "; ".join(f"{p.a.id}–{p.b.id} {p.kind}" for p in links)
            if links
            else "no copied text shared with another article: an independent report"
        )
        if borrowing:
            why += (
                f"; shares only a few passages with {', '.join(borrowing)} (under "
                f"{SOURCE_MIN_SHARE:.0%} of either text): what those passages say counts once"
            )
        source_list.append(Source(f"src{len(source_list) + 1}", members, why))
    story_list: list[Story] = []
    for story in all_stories:
        members = tuple(i for i in story.articles if i in batch_ids)
        if not members:
            continue
        story_list.append(
            Story(
                f"s{len(story_list) + 1}",
                story.title,
                members,
                tuple(i for i in story.articles if i not in batch_ids) if earlier else None,
            )
        )
    return RelateResult(
        stories=tuple(story_list),
        relations=tuple(r for r in relations if r.a in batch_ids and r.b in batch_ids),
        sources=tuple(source_list),
        earlier_relations=(
            tuple(r for r in relations if (r.a in batch_ids) != (r.b in batch_ids))
            if earlier
            else None
        ),
        all_relations=relations,
        all_stories=all_stories,
        earlier=tuple(earlier),
    )


def _stories(
    ordered: Sequence[Article], pairs: Sequence[_Pair], max_days: int, min_similarity: float
) -> DisjointSets[str]:
    """Stories by the event reported (relate/stories.py); copies and translations are
    always one story."""
    position = {a.id: n for n, a in enumerate(ordered)}
    copies = [(position[p.a.id], position[p.b.id]) for p in pairs if p.kind != "same-story"]
    labels = group_stories(
        [a.text for a in ordered],
        copies,
        lambda i, j: _days_apart(ordered[i], ordered[j], max_days),
        min_similarity=min_similarity,
    )
    stories = DisjointSets([a.id for a in ordered])
    first_of: dict[int, str] = {}
    for article, label in zip(ordered, labels, strict=True):
        stories.union(article.id, first_of.setdefault(label, article.id))
    return stories


def _label_articles(
    pairs: Sequence[_Pair], prepared: Mapping[str, Prepared], reuse: ReuseSettings
) -> None:
    """Each copy's label is its article's: wholly when the share of the derived article's
    sentences taken from any of the texts it derives from (an editor takes the lead from
    one wire version and the close from another) reaches ``whole_min``, else the strongest
    of its pairs' labels."""
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for pair in pairs:
        if pair.derived is None or pair.pair_label is None:
            continue
        found = pair.a_from_b if pair.derived == pair.a.id else pair.b_from_a
        if found is not None:
            taken[pair.derived].extend((t.start, t.end) for t in found.sentences)
    shares = {
        article_id: _sentence_share(spans, prepared[article_id])
        for article_id, spans in taken.items()
        if article_id in prepared
    }
    strength = {"independent": 0, "partially": 1, "wholly": 2}
    strongest: dict[str, str] = {}
    for pair in pairs:
        if pair.derived in shares and pair.pair_label is not None:
            label = pair.pair_label
            if shares[pair.derived] >= reuse.whole_min:
                label = "wholly"
            if strength[label] > strength[strongest.get(pair.derived, "independent")]:
                strongest[pair.derived] = label
    for pair in pairs:
        if pair.derived in strongest and pair.pair_label not in (None, "independent"):
            pair.derivation = strongest[pair.derived]


def _sentence_share(spans: Sequence[tuple[int, int]], text: Prepared) -> float:
    """Characters of the text's sentences that ``spans`` cover (each sentence once)."""
    total = covered = 0
    for (start, end), words in zip(text.spans, text.words, strict=True):
        if not words:
            continue
        total += end - start
        if any(s < end and start < e for s, e in spans):
            covered += end - start
    return covered / total if total else 0.0


def _joins(pair: _Pair) -> bool:
    """A copy makes one source (``joins_sources``, which reads the derivation label),
    except a copy found by sentence reuse alone that is not wholly derived."""
    if pair.kind == "shares-passages" and not pair.aligned and pair.pair_label != "wholly":
        return False
    return joins_sources(pair.kind, pair.score, pair.derivation)


def _relation_record(p: _Pair) -> Relation:
    return Relation(
        a=p.a.id,
        b=p.b.id,
        kind=p.kind,
        derived=p.derived,
        score=p.score,
        passages=tuple(
            SharedPassage(x.a_start, x.a_end, x.b_start, x.b_end, x.kind) for x in p.passages
        ),
        why=p.why,
        a_taken=p.a_from_b.share if p.a_from_b else None,
        b_taken=p.b_from_a.share if p.b_from_a else None,
        derivation=p.derivation,
        derived_by=p.derived_by,
    )


def _reuse(
    a: Article,
    b: Article,
    quoted: Mapping[str, Sequence[tuple[int, int]]],
    prepared: dict[str, Prepared],
    reuse: ReuseSettings,
) -> tuple[Derivation, Derivation]:
    """What each text took from the other, sentence by sentence (each text cut up once)."""
    for article in (a, b):
        if article.id not in prepared:
            prepared[article.id] = prepare(article.text, quoted[article.id])
    first, second = prepared[a.id], prepared[b.id]
    settings = (reuse.verbatim_min, reuse.rewritten_min, MIN_CONTENT_WORDS)
    return derivation(first, second, *settings), derivation(second, first, *settings)


def _translated_one(a: Article, b: Article, batch: Sequence[Article]) -> str | None:
    """The translation is the text in the language fewer of the batch's articles use."""
    languages = Counter(article.language for article in batch)
    if languages[a.language] == languages[b.language]:
        return None
    return a.id if languages[a.language] < languages[b.language] else b.id


def _story_title(articles: Sequence[Article]) -> str | None:
    titled = [a for a in articles if a.title]
    if not titled:
        return None
    # The story's main language first, then the earliest dated report.
    languages = Counter(a.language for a in articles)
    main = languages.most_common(1)[0][0]
    return min(titled, key=lambda a: (a.language != main, a.published or "9999", a.id)).title
