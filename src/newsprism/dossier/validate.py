"""Check a dossier against the contract (``../shared/contract/dossier.md``, version 1).

The same rules as the shared checker, in the package so tests and fuzzing can run them on
every dossier they make: required keys, paragraph kinds, and every span inside its
article's text and equal to the text it claims.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsprism.dossier.build import SCHEMA, SECTIONS

REQUIRED_KEYS: dict[str, tuple[str, ...]] = {
    "": ("schema", "generated_by", "articles", *SECTIONS),
    "articles": (
        "id",
        "source",
        "outlet",
        "title",
        "published",
        "language",
        "text",
        "paragraphs",
        "spin",
    ),
    "stories": ("id", "title", "articles"),
    "relations": ("a", "b", "kind", "derived", "score", "passages"),
    "sources": ("id", "articles", "why"),
    "entities": ("id", "name", "type", "role", "variants", "articles"),
    "quotes": (
        "id",
        "article",
        "start",
        "end",
        "text",
        "speaker",
        "speaker_entity",
        "cue",
        "cluster",
    ),
    "quote_clusters": ("id", "speaker", "text", "members", "independent_sources"),
    "claims": (
        "id",
        "article",
        "start",
        "end",
        "sentence",
        "subject",
        "value",
        "unit",
        "text",
        "as_of",
    ),
    "claim_groups": ("id", "subject", "claims", "status", "independent_sources"),
    "conflicts": ("id", "kind", "what", "values"),
}
PARAGRAPH_KINDS = frozenset(
    {"body", "heading", "caption", "credit", "byline", "boilerplate", "duplicate"}
)


def dossier_problems(dossier: Mapping[str, Any]) -> list[str]:
    """Everything that breaks the contract; an empty list when the dossier keeps it."""
    problems = [f"missing top-level key {k!r}" for k in REQUIRED_KEYS[""] if k not in dossier]
    if dossier.get("schema") != SCHEMA:
        problems.append(f"schema is {dossier.get('schema')!r}")
    for section, keys in REQUIRED_KEYS.items():
        for index, item in enumerate(dossier.get(section) or [] if section else []):
            missing = [k for k in keys if k not in item]
            if missing:
                problems.append(f"{section}[{index}] lacks {missing}")
    texts = {a.get("id"): a.get("text") or "" for a in dossier.get("articles", [])}

    def span(where: str, article: Any, start: Any, end: Any, claimed: str | None = None) -> None:
        if article not in texts:
            problems.append(f"{where}: unknown article {article!r}")
            return
        text = texts[article]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            problems.append(f"{where}: span {start}..{end} outside the text ({len(text)})")
        elif claimed is not None and text[start:end] != claimed:
            problems.append(f"{where}: text[{start}:{end}] is not the text it claims")

    for article in dossier.get("articles", []):
        for index, paragraph in enumerate(article.get("paragraphs", [])):
            if paragraph.get("kind") not in PARAGRAPH_KINDS:
                problems.append(
                    f"article {article.get('id')}: paragraph kind {paragraph.get('kind')!r}"
                )
            elif paragraph["kind"] in ("body", "heading"):
                span(
                    f"paragraph {index}",
                    article.get("id"),
                    paragraph.get("start"),
                    paragraph.get("end"),
                )
        for item in (article.get("spin") or {}).get("evidence") or []:
            span(
                "spin evidence",
                article.get("id"),
                item.get("start"),
                item.get("end"),
                item.get("text"),
            )
        for item in (article.get("spin") or {}).get("restored") or []:
            span(
                "restored spin",
                article.get("id"),
                item.get("start"),
                item.get("end"),
                item.get("text"),
            )
    for quote in dossier.get("quotes", []):
        span(
            f"quote {quote.get('id')}",
            quote.get("article"),
            quote.get("start"),
            quote.get("end"),
            quote.get("text"),
        )
    for claim in dossier.get("claims", []):
        span(
            f"claim {claim.get('id')}",
            claim.get("article"),
            claim.get("start"),
            claim.get("end"),
            claim.get("sentence"),
        )
    for relation in dossier.get("relations", []):
        for passage in relation.get("passages", []):
            span("passage", relation.get("a"), passage.get("a_start"), passage.get("a_end"))
            span("passage", relation.get("b"), passage.get("b_start"), passage.get("b_end"))
    for conflict in dossier.get("conflicts", []):
        for value in conflict.get("values", []):
            for item in value.get("evidence", []):
                span(
                    f"conflict {conflict.get('id')}",
                    item.get("article"),
                    item.get("start"),
                    item.get("end"),
                )
    return problems
