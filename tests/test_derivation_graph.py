"""The derivation graph gives each copy one parent: the text it was copied from that covers
most of it, not a partial copy of that text."""

from __future__ import annotations

from typing import Any

from newsprism.dossier.views import StoryView


def _article(article_id: str, length: int) -> dict[str, Any]:
    return {"id": article_id, "text": "x" * length, "paragraphs": [], "outlet": article_id}


def _relation(a: str, b: str, kind: str, derived: str, a_span: int, b_span: int) -> dict[str, Any]:
    passage = {"a_start": 0, "a_end": a_span, "b_start": 0, "b_end": b_span, "kind": "spun"}
    return {"a": a, "b": b, "kind": kind, "derived": derived, "score": 1.0, "passages": [passage]}


def test_a_spun_copy_hangs_from_the_full_original_not_from_a_partial_copy_of_it() -> None:
    dossier = {
        "articles": [_article("wire", 1000), _article("part", 600), _article("spun", 1000)],
        "stories": [{"id": "s1", "articles": ["wire", "part", "spun"]}],
        "sources": [{"id": "src1", "articles": ["wire", "part", "spun"]}],
        "relations": [
            _relation("part", "wire", "shares-passages", "part", 600, 600),
            _relation("spun", "wire", "spun-copy", "spun", 980, 990),
            # the partial copy covers all of itself but only 60% of the spun copy
            _relation("part", "spun", "shares-passages", "spun", 600, 600),
        ],
    }
    (graph,) = StoryView(dossier).graphs()
    parents = {e["from"]: e["to"] for e in graph["edges"] if e["directed"]}
    assert parents == {"part": "wire", "spun": "wire"}
