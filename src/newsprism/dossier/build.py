"""Records -> the dossier JSON of ../shared/contract/dossier.md (version 1).

Compatible extensions (documented in the README): per article ``url``, ``format``,
``content_hash`` and ``outlet_evidence``; per quote ``kind``, ``cue_start`` and ``cue_end``
(docs/quotes.md); top level ``errors``, ``stages`` and ``run``.
A section whose stage did not run is an empty list; read ``stages`` before taking an empty
list for "found none". An article's ``spin`` is all nulls unless the spin stage judged it:
"not spun" would be a made-up value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from newsprism.dossier.records import spin_dict, stage_entry
from newsprism.model import Article, InputError, SpinFinding, StageInfo

SCHEMA = "newsprism.dossier/1"
SECTIONS = (
    "stories",
    "relations",
    "sources",
    "entities",
    "quotes",
    "quote_clusters",
    "claims",
    "claim_groups",
    "conflicts",
)
# Which stage fills which section (views say "not analysed" when it did not run).
SECTION_STAGE = {
    "stories": "relate",
    "relations": "relate",
    "sources": "relate",
    "entities": "entities",
    "quotes": "quotes",
    "quote_clusters": "quotes",
    "claims": "claims",
    "claim_groups": "claims",
    "conflicts": "claims",
}


def article_dict(article: Article, spin: SpinFinding | None = None) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "paragraphs": [
            {
                "kind": p.kind,
                "raw": p.raw,
                "start": p.start,
                "end": p.end,
                "duplicate_of": p.duplicate_of,
                "reason": p.reason,
            }
            for p in article.paragraphs
        ],
        # Without the spin stage's word on this article, spin is unknown, not "not spun".
        "spin": spin_dict(spin)
        if spin is not None
        else {"is_spun": None, "score": None, "evidence": []},
        "url": article.url,
        "format": article.format,
        "content_hash": article.content_hash,
        "line": article.line,
        "outlet_evidence": [
            {"method": e.method, "text": e.text, "paragraph": e.paragraph}
            for e in article.outlet_evidence
        ],
    }


def build_dossier(
    articles: Sequence[Article],
    errors: Sequence[InputError],
    stages: Sequence[StageInfo],
    generated_by: str,
    run: Mapping[str, Any] | None = None,
    sections: Mapping[str, list[dict[str, Any]]] | None = None,
    spin: Mapping[str, SpinFinding] | None = None,
) -> dict[str, Any]:
    """The dossier of ``articles``; ``sections``: the batch-wide sections as contract JSON
    (``dossier/records.py`` makes them from the stages' records), ``spin``: the spin
    stage's finding by article id."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "generated_by": generated_by,
        "articles": [article_dict(a, (spin or {}).get(a.id)) for a in articles],
    }
    for section in SECTIONS:
        data[section] = list((sections or {}).get(section, []))
    data["quotes"] = _with_kinds(data["quotes"], articles)
    if sections and "earlier_relations" in sections:
        # Extension: relations with stored articles of earlier runs (not in this dossier).
        data["earlier_relations"] = list(sections["earlier_relations"])
    data["errors"] = [
        {"source": e.source, "line": e.line, "code": e.code, "message": e.message} for e in errors
    ]
    data["stages"] = [stage_entry(s) for s in stages]
    if run is not None:
        data["run"] = dict(run)
    return data


def _with_kinds(quotes: list[dict[str, Any]], articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Extension: each quote's ``kind`` and its cue's span (``cue_start``, ``cue_end``)."""
    fields: dict[tuple[Any, Any, Any], tuple[str, int | None, int | None]] = {
        (a.id, q.start, q.end): (q.kind, q.cue_start, q.cue_end) for a in articles for q in a.quotes
    }
    extended = []
    for quote in quotes:
        kind, cue_start, cue_end = fields.get(
            (quote.get("article"), quote.get("start"), quote.get("end")), ("direct", None, None)
        )
        extended.append({**quote, "kind": kind, "cue_start": cue_start, "cue_end": cue_end})
    return extended


def section_state(dossier: Mapping[str, Any], section: str) -> str:
    """ "not analysed", "none found" or "found" for a later section of the dossier."""
    ran = {s.get("name") for s in dossier.get("stages", [])}
    if SECTION_STAGE.get(section) not in ran:
        return "not analysed"
    return "found" if dossier.get(section) else "none found"


def dump_json(dossier: Mapping[str, Any]) -> str:
    """Deterministic JSON text of a dossier."""
    return json.dumps(dossier, ensure_ascii=False, indent=2) + "\n"


def restored_phrases(article: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The article's phrases restored with no original to compare (``spin.restored``)."""
    return list((article.get("spin") or {}).get("restored") or [])
