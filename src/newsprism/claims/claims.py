"""Claims, claim groups and conflicts across a batch (first version).

A claim is a quantity in a sentence of an article: its normalised value and unit, what a
percentage is of, the sentence's subject words and the year it is "as of". Claims about the
same subject in the same unit are grouped across articles; a group is corroborated when
independent sources agree, single-source when one source (or copies of it) says it, a
conflict when independent sources give different values, and different-scope when the
values are shares of different things ("4% of GDP" / "4% of their budgets"). People whose
first name differs between outlets are name conflicts. Precision over recall: differences
within rounding, approximations and ranges are not conflicts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from newsprism.claims.quantities import Quantity, find_quantities
from newsprism.model import Article
from newsprism.relate.align import STOPWORDS, sentences

_WORD = re.compile(r"[A-Za-z][\w'’-]{2,}")
_AS_OF = re.compile(r"\b(?:in|by|for|during|since|of)\s((?:19|20)\d\d)\b")
SUBJECT_MIN_OVERLAP = 0.34
NEAR_WORDS = 6  # content words each side of a figure that say what it measures
NEAR_MIN_SHARED = 2
_DETERMINERS = re.compile(r"^(?:their|its|the|his|her|our|your|a|an)\s", re.I)
ROUNDING_TOLERANCE = 0.05


def _subject_words(sentence: str) -> list[str]:
    words = [
        w.casefold()
        for w in _WORD.findall(sentence)
        # Lower-case content words and acronyms (GDP, NATO); names say who, not what.
        if (w.casefold() not in STOPWORDS and not w[:1].isupper()) or w.isupper()
    ]
    return [w for w in words if w not in ("said", "says", "percent", "cent")][:8]


def _stem(word: str) -> str:
    """A crude stem so "member"/"members" and "spend"/"spending" compare equal."""
    return word[:5]


def extract_claims(articles: Sequence[Article]) -> list[dict[str, Any]]:
    claims: list[dict[str, Any]] = []
    for article in sorted(articles, key=lambda a: a.id):
        number = 0
        for sentence in sentences(article.text):
            text = article.text[sentence.start : sentence.end]
            for quantity in find_quantities(text):
                unit = quantity.unit
                if unit == "percentage" and quantity.of:
                    unit = f"% of {_DETERMINERS.sub('', quantity.of).strip()}"
                elif unit == "percentage":
                    unit = "%"
                as_of = _AS_OF.search(text)
                subject = _subject_words(text)
                near = _near_words(text, quantity)
                base = _DETERMINERS.sub("", quantity.of or "").strip() or None
                number += 1
                claims.append(
                    {
                        "id": f"c{article.id[1:]}-{number}",
                        "article": article.id,
                        "start": sentence.start,
                        "end": sentence.end,
                        "sentence": text,
                        "subject": " ".join(subject[:6]) or None,
                        "value": quantity.value,
                        "unit": unit,
                        "text": quantity.text,
                        "as_of": as_of.group(1) if as_of else None,
                        "value_start": sentence.start + quantity.start,
                        "value_end": sentence.start + quantity.end,
                        "approximate": quantity.approximate,
                        "high": quantity.high,
                        "_words": {_stem(w) for w in subject},
                        "_near": near,
                        "_base": base,
                        "_family": quantity.unit,
                    }
                )
    return claims


def _near_words(sentence: str, quantity: Quantity) -> set[str]:
    before = _WORD.findall(sentence[: quantity.start])[-NEAR_WORDS:]
    after = _WORD.findall(sentence[quantity.end :])[:NEAR_WORDS]
    return {_stem(w.casefold()) for w in before + after if w.casefold() not in STOPWORDS}


def _subject_needed(
    a: Mapping[str, Any], b: Mapping[str, Any], story_of: Mapping[str, str]
) -> float:
    same_story = story_of.get(a["article"], "a") == story_of.get(b["article"], "b")
    if same_story and a["_base"] and b["_base"] and a["_base"] != b["_base"] and _same_value(a, b):
        return SUBJECT_MIN_OVERLAP / 2
    return SUBJECT_MIN_OVERLAP


def _near_needed(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    """The same share of two different things ("5% of GDP", "5% of budgets") needs less
    shared context to be worth showing side by side: the figure itself already agrees."""
    if a["_base"] and b["_base"] and a["_base"] != b["_base"] and _same_value(a, b):
        return 1
    return NEAR_MIN_SHARED


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def _same_value(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    x, y = float(a["value"]), float(b["value"])
    if a.get("high") is not None or b.get("high") is not None:
        low = min(x, float(a.get("high") or x), y, float(b.get("high") or y))
        return low <= max(x, y) <= max(float(a.get("high") or x), float(b.get("high") or y))
    tolerance = (
        ROUNDING_TOLERANCE * 2 if a["approximate"] or b["approximate"] else ROUNDING_TOLERANCE
    )
    return abs(x - y) <= tolerance * max(abs(x), abs(y), 1e-9)


def group_claims(
    claims: Sequence[dict[str, Any]],
    source_of: Mapping[str, str],
    story_of: Mapping[str, str] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The contract's ``claim_groups`` and the value/attribute ``conflicts`` among them.

    ``story_of`` (article -> story) lets the same share of two different things in reports
    of one story ("5% of GDP" / "5% of their budgets") meet with less shared wording."""
    story_of = story_of or {}
    groups: list[list[dict[str, Any]]] = []
    members_of: list[set[str]] = []  # article ids per group, for a constant-time check
    # Groups indexed by (unit family, nearby word): a claim is compared only with groups
    # that share one, so grouping stays near-linear in the number of claims.
    index: dict[tuple[Any, str], list[int]] = defaultdict(list)
    for claim in claims:
        candidates = sorted(
            {g for word in claim["_near"] for g in index.get((claim["_family"], word), ())}
        )
        for number in candidates:
            group = groups[number]
            head = group[0]
            if (
                # Shares of different things are compared only when the figure is the same.
                (head["_base"] == claim["_base"] or _same_value(head, claim))
                and not (head["as_of"] and claim["as_of"] and head["as_of"] != claim["as_of"])
                and _overlap(head["_words"], claim["_words"])
                >= _subject_needed(head, claim, story_of)
                and len(head["_near"] & claim["_near"]) >= _near_needed(head, claim)
                and claim["article"] not in members_of[number]
            ):
                group.append(claim)
                members_of[number].add(claim["article"])
                break
        else:
            groups.append([claim])
            members_of.append({claim["article"]})
            for word in claim["_near"]:
                index[(claim["_family"], word)].append(len(groups) - 1)
    claim_groups: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    for group in groups:
        if len(group) < 2:
            continue
        sources = {source_of.get(c["article"], c["article"]) for c in group}
        bases = {(c["_base"] or "").casefold() for c in group}
        values = _value_sets(group)
        if len(values) == 1:
            status = "corroborated" if len(sources) >= 2 else "single-source"
        elif len(bases) > 1 and len({round(c["value"], 6) for c in group}) == 1:
            status = "different-scope"
        else:
            status = "conflict"
        group_id = f"g{len(claim_groups) + 1}"
        subject = group[0]["subject"]
        claim_groups.append(
            {
                "id": group_id,
                "subject": subject,
                "claims": [c["id"] for c in group],
                "status": status,
                "independent_sources": len(sources),
            }
        )
        if status in ("conflict", "different-scope") and len(sources) >= 2:
            kind = "value" if status == "conflict" else "attribute"
            what = (
                f"value of: {subject}"
                if kind == "value"
                else f"what {group[0]['text']} is a share of"
            )
            conflicts.append(
                {
                    "kind": kind,
                    "what": what,
                    "values": [
                        {
                            "value": label,
                            "articles": sorted({c["article"] for c in members}),
                            "evidence": [
                                {
                                    "article": c["article"],
                                    "start": c["value_start"],
                                    "end": c["value_end"],
                                }
                                for c in members
                            ],
                        }
                        for label, members in _by_label(values, kind).items()
                    ],
                    "claim_group": group_id,
                }
            )
    return claim_groups, conflicts


def _value_sets(group: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Claims of a group that give the same figure (within rounding) of the same thing:
    sorted by value and swept once, so large groups stay cheap."""
    sets: list[list[dict[str, Any]]] = []
    ordered = sorted(group, key=lambda c: ((c["_base"] or "").casefold(), float(c["value"])))
    for claim in ordered:
        last = sets[-1][-1] if sets else None
        if (
            last is not None
            and (last["_base"] or "").casefold() == (claim["_base"] or "").casefold()
            and _same_value(last, claim)
        ):
            sets[-1].append(claim)
        else:
            sets.append([claim])
    return sets


def _by_label(
    value_sets: Sequence[list[dict[str, Any]]], kind: str
) -> dict[str, list[dict[str, Any]]]:
    """The group's value sets keyed by what a reader sees: the figure, or its base."""
    labelled: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for members in value_sets:
        head = members[0]
        label = head["unit"] if kind == "attribute" else head["text"]
        labelled[str(label)].extend(members)
    return labelled


def name_conflicts(
    entities: Sequence[Mapping[str, Any]], articles: Sequence[Article]
) -> list[dict[str, Any]]:
    """People named with different first names: across outlets ("name") or within one
    article ("internal"), each name with its articles and evidence spans."""
    conflicts: list[dict[str, Any]] = []
    for entity in entities:
        if not entity.get("conflict_candidate"):
            continue
        surname = str(entity["name"]).split()[-1]
        full_names = [
            v
            for v in [entity["name"], *entity["variants"]]
            if " " in str(v) and str(v).endswith(surname)
        ]
        found: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
        for article in articles:
            for full in full_names:
                for match in re.finditer(
                    rf"(?<![\w'’-]){re.escape(str(full))}(?![\w'’-])", article.text
                ):
                    found[str(full)].append((article.id, match.start(), match.end()))
        if len(found) < 2:
            continue
        by_article: dict[str, set[str]] = defaultdict(set)
        for full, places in found.items():
            for article_id, _, _ in places:
                by_article[article_id].add(full)
        internal = [a for a, names in by_article.items() if len(names) > 1]
        role = f"{entity['role']} " if entity.get("role") else ""
        conflicts.append(
            {
                "kind": "internal" if internal and len(by_article) == len(internal) else "name",
                "what": f"first name of {role}{surname}",
                "values": [
                    {
                        "value": full.split()[0],
                        "articles": sorted({a for a, _, _ in places}),
                        "evidence": [{"article": a, "start": s, "end": e} for a, s, e in places],
                    }
                    for full, places in sorted(found.items(), key=lambda item: -len(item[1]))
                ],
                "entity": entity["id"],
            }
        )
    return conflicts


def public(claims: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims as the dossier shows them (internal grouping keys dropped)."""
    return [{k: v for k, v in c.items() if not k.startswith("_")} for c in claims]
