"""Check every story brief of a dossier line by line: each evidence span, cut from its
article's text at its offsets, is exactly the words it quotes; each statement's articles,
sources, independent count and outlets are what its evidence says; no agreed statement
touches a side of a reported conflict."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsprism.brief.build import BRIEF_KEYS


def brief_problems(dossier: Mapping[str, Any]) -> list[str]:
    """Everything in the dossier's briefs that its articles do not bear out; [] when none."""
    articles = {a.get("id"): a for a in dossier.get("articles") or []}
    source_of = {
        a: s.get("id") for s in dossier.get("sources") or [] for a in s.get("articles") or []
    }
    conflicted: dict[str, list[tuple[int, int]]] = {}
    for conflict in dossier.get("conflicts") or []:
        for value in conflict.get("values") or []:
            for e in value.get("evidence") or []:
                conflicted.setdefault(e.get("article"), []).append((e.get("start"), e.get("end")))
    problems: list[str] = []

    def span(where: str, item: Mapping[str, Any]) -> bool:
        article = articles.get(item.get("article"))
        if article is None:
            problems.append(f"{where}: unknown article {item.get('article')!r}")
            return False
        text = article.get("text") or ""
        start, end = item.get("start"), item.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            problems.append(f"{where}: span {start}..{end} outside the text ({len(text)})")
            return False
        if text[start:end] != item.get("text"):
            problems.append(f"{where}: text[{start}:{end}] is not the text it quotes")
            return False
        return True

    def statement(where: str, item: Mapping[str, Any], min_sources: int) -> None:
        evidence = item.get("evidence") or []
        if not evidence:
            problems.append(f"{where}: no evidence")
            return
        for n, e in enumerate(evidence):
            span(f"{where} evidence {n}", e)
        if item.get("text") not in [e.get("text") for e in evidence]:
            problems.append(f"{where}: its text is none of its evidence spans")
        ids = sorted({e.get("article") for e in evidence})
        if item.get("articles") != ids:
            problems.append(f"{where}: articles {item.get('articles')} but evidence in {ids}")
        sources = sorted({source_of.get(i, i) for i in ids})
        if source_of and item.get("sources") != sources:
            problems.append(f"{where}: sources {item.get('sources')} but evidence in {sources}")
        count = item.get("independent_sources")
        if not (isinstance(count, int) and min(1, len(ids)) <= count <= len(sources)):
            problems.append(f"{where}: {count} independent sources for {len(sources)} sources")
        elif count < min_sources:
            problems.append(f"{where}: agreed with {count} independent source(s)")
        outlets = sorted({o for i in ids if (o := (articles.get(i) or {}).get("outlet"))})
        if item.get("outlets") != outlets:
            problems.append(f"{where}: outlets {item.get('outlets')} but evidence from {outlets}")

    for story in dossier.get("stories") or []:
        brief = story.get("brief")
        if brief is None:
            continue
        name = f"story {story.get('id')} brief"
        missing = [k for k in BRIEF_KEYS if k not in brief]
        if missing:
            problems.append(f"{name} lacks {missing}")
            continue
        members = set(story.get("articles") or [])
        for n, item in enumerate(brief["agreed"]):
            where = f"{name} agreed {n}"
            statement(where, item, 2)
            for e in item.get("evidence") or []:
                if e.get("article") not in members:
                    problems.append(f"{where}: evidence outside the story ({e.get('article')})")
                spans = conflicted.get(e.get("article"), [])
                if any(a < e.get("end", 0) and e.get("start", 0) < b for a, b in spans):
                    problems.append(f"{where}: evidence on a side of a reported conflict")
        for n, item in enumerate(brief["single_source"]):
            statement(f"{name} single_source {n}", item, 1)
        for n, dispute in enumerate(brief["disputed"]):
            for m, side in enumerate(dispute.get("sides") or []):
                for k, e in enumerate(side.get("evidence") or []):
                    span(f"{name} disputed {n} side {m} evidence {k}", e)
        for n, speaker in enumerate(brief["speakers"]):
            for m, said in enumerate(speaker.get("statements") or []):
                for v, version in enumerate(said.get("versions") or []):
                    for k, e in enumerate(version.get("evidence") or []):
                        span(f"{name} speaker {n} statement {m} version {v} evidence {k}", e)
        for n, event in enumerate(brief["timeline"].get("events") or []):
            for k, e in enumerate(event.get("evidence") or []):
                span(f"{name} timeline event {n} evidence {k}", e)
            for k, e in enumerate(event.get("expressions") or []):
                span(f"{name} timeline event {n} date {k}", e)
    return problems
