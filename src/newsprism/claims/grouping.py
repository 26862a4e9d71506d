"""Claims grouped across a batch's articles. Claims about the same subject in the same unit
(``claims/compare.py``) form a group; a group is corroborated when independent sources
agree, single-source when one source (or copies of it) says it, a conflict when
independent sources give different values, and different-scope when the values are the
very same share of different things ("4% of GDP" / "4% of their budgets"). Grouping stays
linear: a claim meets only the few groups that share the most of its nearby words, and
only their first members.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from newsprism.claims.compare import (
    SUBJECT_MIN_OVERLAP,
    VETO,
    comparable,
    identical_figures,
    same_base,
    same_value,
)
from newsprism.claims.conflicts import date_conflict, group_conflict
from newsprism.claims.subjects import measured_nouns
from newsprism.sources import Borrowed, count_sources

MAX_GROUPS_PER_KEY = 64  # a nearby word shared by more groups carries no evidence
MAX_CANDIDATE_GROUPS = 6
MAX_MEMBERS_COMPARED = 3


def group_claims(
    claims: Sequence[dict[str, Any]],
    source_of: Mapping[str, str],
    story_of: Mapping[str, str] | None = None,
    borrowed: Borrowed | None = None,
    max_candidate_groups: int = MAX_CANDIDATE_GROUPS,
    max_members_compared: int = MAX_MEMBERS_COMPARED,
    min_sources: int = 2,
    reworded: frozenset[str] = frozenset(),
    subject_min_similarity: float | None = None,
    conflict_min_similarity: float | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The contract's ``claim_groups`` and the value/attribute ``conflicts`` among them.

    ``story_of`` (article -> story) lets the same share of two different things in reports
    of one story ("5% of GDP" / "5% of their budgets") meet with less shared wording;
    ``borrowed`` (``sources.py``) makes a figure inside a passage one article
    borrowed from another count once with its counterpart. A conflict needs
    ``min_sources`` independent sources; a claim is compared with the first
    ``max_members_compared`` members of at most ``max_candidate_groups`` groups. Each
    group's subject is its first claim's (``claims/article.py`` gave every claim one),
    passing over claims of ``reworded`` articles (spun copies whose original is in the
    batch): a reader sees the original's words, not the synonyms a spinner put in.

    Claims with a subject vector (``_vector``, ``claims/similarity.py``) also meet the
    groups whose first claim's subject means the same (cosine at least
    ``subject_min_similarity``, entity and time agreeing), though they share no word;
    ``conflict_min_similarity`` is what different figures of such subjects need to clash.
    None: words alone."""
    story_of = story_of or {}
    groups: list[list[dict[str, Any]]] = []
    members_of: list[set[str]] = []  # article ids per group, for a constant-time check
    # Groups indexed by (unit family, nearby word): a claim is compared only with the few
    # groups that share most such keys, and with the first few members of each; a key
    # shared by very many groups says nothing and is dropped. Grouping stays linear in
    # the number of claims.
    index: dict[tuple[Any, str], list[int]] = defaultdict(list)
    by_meaning = _MeaningIndex() if subject_min_similarity is not None else None
    for claim in claims:
        hits: Counter[int] = Counter()
        for word in claim["_near"]:
            posting = index.get((claim["_family"], word))
            if posting and len(posting) <= MAX_GROUPS_PER_KEY:
                hits.update(posting)
        if by_meaning is not None and subject_min_similarity is not None:
            for number in by_meaning.near(claim, subject_min_similarity, max_candidate_groups):
                hits[number] += 0  # a candidate on meaning alone ranks after shared words
        # Ties go to the older group: never to the set's (hash-seeded) iteration order.
        candidates = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
        best: tuple[float, int] | None = None
        for number, _ in candidates[:max_candidate_groups]:
            if claim["article"] in members_of[number]:
                continue
            # A claim joins a group through the member it matches best.
            scores = [
                comparable(member, claim, story_of, subject_min_similarity, conflict_min_similarity)
                for member in groups[number][:max_members_compared]
            ]
            if VETO in scores:
                continue  # it would contradict a member where no contradiction can be
            score = max((x for x in scores if x is not None), default=None)
            if score is not None and (best is None or score > best[0]):
                best = (score, number)
                if score >= 1 + SUBJECT_MIN_OVERLAP * 2:
                    break  # the same figure in closely matching words: no need to look on
        if best is not None:
            groups[best[1]].append(claim)
            members_of[best[1]].add(claim["article"])
        else:
            groups.append([claim])
            members_of.append({claim["article"]})
            for word in claim["_near"]:
                index[(claim["_family"], word)].append(len(groups) - 1)
            if by_meaning is not None:
                by_meaning.add(claim, len(groups) - 1)
    groups = _split_other_things(groups)
    claim_groups: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    for group in groups:
        if len(group) < 2:
            continue
        sources = count_sources(
            [(c["article"], c["value_start"], c["value_end"]) for c in group], source_of, borrowed
        )
        values = _value_sets(group)
        label = next((c for c in group if c["article"] not in reworded), group[0])
        labelled = [label, *(c for c in group if c is not label)]
        if group[0]["_date"]:
            # Event dates are not claims of the dossier: only a clash is reported.
            if len(values) > 1 and sources >= min_sources:
                conflicts.append(date_conflict(labelled, values))
            continue
        if len(values) == 1:
            status = "corroborated" if sources >= min_sources else "single-source"
        elif (
            all(identical_figures(s[0], values[0][0]) for s in values)
            and not group[0]["_word_share"]
        ):
            status = "different-scope"
        elif all(identical_figures(s[0], values[0][0]) for s in values):
            # "two-thirds of insiders" / "two-thirds of the votes": a stock phrase, not one
            # figure put to two things
            status = "single-source" if sources < min_sources else "corroborated"
        else:
            status = "conflict"
        group_id = f"g{len(claim_groups) + 1}"
        subject = label["subject"]
        claim_groups.append(
            {
                "id": group_id,
                "subject": subject,
                "claims": [c["id"] for c in group],
                "status": status,
                "independent_sources": sources,
            }
        )
        if status in ("conflict", "different-scope") and (
            _voices(values, source_of, borrowed) >= min_sources
        ):
            conflicts.append(group_conflict(labelled, values, status, group_id))
    return claim_groups, conflicts


class _MeaningIndex:
    """The subject vectors of each group's first claim, per unit family, in one matrix
    per family that doubles when full: a claim's nearest groups by meaning in one
    matrix-vector product."""

    def __init__(self) -> None:
        self.matrix: dict[Any, Any] = {}
        self.numbers: dict[Any, list[int]] = defaultdict(list)

    def add(self, claim: Mapping[str, Any], number: int) -> None:
        vector, family = claim.get("_vector"), claim["_family"]
        if vector is None:
            return
        rows = self.numbers[family]
        matrix = self.matrix.get(family)
        if matrix is None or len(rows) == len(matrix):
            grown = np.zeros((max(16, 2 * len(rows)), len(vector)), dtype=np.float32)
            if matrix is not None:
                grown[: len(rows)] = matrix
            self.matrix[family] = matrix = grown
        matrix[len(rows)] = vector
        rows.append(number)

    def near(self, claim: Mapping[str, Any], threshold: float, most: int) -> list[int]:
        vector, family = claim.get("_vector"), claim["_family"]
        rows = self.numbers.get(family)
        if vector is None or not rows:
            return []
        sims = self.matrix[family][: len(rows)] @ vector
        best = np.argsort(-sims, kind="stable")[:most]
        return [rows[i] for i in best if sims[i] >= threshold]


def _split_other_things(groups: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """A group of counts whose figures differ is checked on the parse of its sentences:
    when two of its figures count different nouns ("11 states" / "66 of the state's
    delegates"), each figure is a group of its own. Only such groups are parsed: few."""
    suspects = []
    for number, group in enumerate(groups):
        if len(group) >= 2 and group[0]["_family"] == "count" and len(_value_sets(group)) > 1:
            suspects.append(number)
    if not suspects:
        return groups
    heads = {n: [s[0] for s in _value_sets(groups[n])] for n in suspects}
    requests = [
        (c["sentence"], c["value_start"] - c["start"], c["value_end"] - c["start"])
        for n in suspects
        for c in heads[n]
    ]
    nouns = iter(measured_nouns(requests))
    split: list[list[dict[str, Any]]] = []
    for number, group in enumerate(groups):
        if number not in heads:
            split.append(group)
            continue
        named = {noun for _ in heads[number] if (noun := next(nouns)) is not None}
        if len(named) > 1:
            split.extend(_value_sets(group))
        else:
            split.append(group)
    return split


def _voices(
    values: Sequence[Sequence[dict[str, Any]]],
    source_of: Mapping[str, str],
    borrowed: Borrowed | None,
) -> int:
    """Independent voices behind a disagreement: each value's independent sources, summed.
    A copy that gives another figure than the text it copies (an editor changed it) is a
    voice of its own for that figure; figures that differ inside one article are not a
    disagreement between reports (0)."""
    if len({c["article"] for claims in values for c in claims}) < 2:
        return 0
    return sum(
        count_sources(
            [(c["article"], c["value_start"], c["value_end"]) for c in claims], source_of, borrowed
        )
        for claims in values
    )


def _value_sets(group: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Claims of a group that give the same figure (within rounding) of the same thing:
    sorted by value and swept once, so large groups stay cheap."""
    sets: list[list[dict[str, Any]]] = []
    ordered = sorted(group, key=lambda c: float(c["_value"]))
    for claim in ordered:
        last = sets[-1][-1] if sets else None
        if last is not None and same_base(sets[-1][0], claim) and same_value(last, claim):
            sets[-1].append(claim)
        else:
            sets.append([claim])
    return sets
