"""Cross-article records -> the dossier contract's sections (../shared/contract/dossier.md).

One function per record, keys in the contract's order: the JSON a dossier is written as
is these dicts, so the order here is the order of the bytes. Directions are the final ones
(``model.settle_direction``: the relate stage's relation with the spin stage's finding).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsprism.model import (
    ClusteredQuote,
    Entity,
    QuoteCluster,
    QuoteLineage,
    RelateResult,
    Source,
    SpinFinding,
    SpinResult,
    StageInfo,
    Story,
    relation_fields,
    settle_direction,
)


def stage_entry(stage: StageInfo) -> dict[str, Any]:
    """A ``stages`` entry: name and version, and the model where one was used (an
    extension: absent when the stage's output does not depend on what is installed)."""
    entry: dict[str, Any] = {"name": stage.name, "version": stage.version}
    if stage.model is not None:
        entry["model"] = stage.model
    return entry


def story_dict(
    story: Story,
    stored: Mapping[str, str | None] | None = None,
    briefs: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """``stored``: batch story id -> the stored story it joined, when the run was stored
    (the ``stored_id`` extension); ``briefs``: story id -> its brief, when the brief stage
    ran (the ``brief`` extension, already in the contract's JSON: see docs/contract.md)."""
    data: dict[str, Any] = {"id": story.id, "title": story.title, "articles": list(story.articles)}
    if briefs is not None and story.id in briefs:
        data["brief"] = dict(briefs[story.id])
    if story.earlier_articles is not None:
        data["earlier_articles"] = list(story.earlier_articles)
    if stored is not None:
        data["stored_id"] = stored.get(story.id)
    return data


def source_dict(source: Source) -> dict[str, Any]:
    return {"id": source.id, "articles": list(source.articles), "why": source.why}


def spin_dict(finding: SpinFinding) -> dict[str, Any]:
    """An article's ``spin`` object; an evidence item's ``why`` is there when known;
    ``restored`` (the phrases restored without an original, docs/dossier-extensions.md)
    is null where they were not looked for."""
    evidence: list[dict[str, Any]] = []
    for item in finding.evidence:
        entry: dict[str, Any] = {
            "start": item.start,
            "end": item.end,
            "text": item.text,
            "likely_original": item.likely_original,
        }
        if item.why is not None:
            entry["why"] = item.why
        evidence.append(entry)
    restored = (
        None
        if finding.restored is None
        else [
            {
                "start": r.start,
                "end": r.end,
                "text": r.text,
                "likely_original": r.original,
                "gain": r.gain,
            }
            for r in finding.restored
        ]
    )
    return {
        "is_spun": finding.is_spun,
        "score": finding.score,
        "evidence": evidence,
        "despun": finding.despun,
        "restored": restored,
    }


def entity_dict(entity: Entity) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "role": entity.role,
        "variants": list(entity.variants),
        "articles": list(entity.articles),
        "conflict_candidate": entity.conflict_candidate,
    }
    if entity.first_names is not None:
        data["first_names"] = list(entity.first_names)
    return data


def quote_dict(quote: ClusteredQuote) -> dict[str, Any]:
    """A quote (with ``mention`` and ``partial`` as extensions)."""
    return {
        "id": quote.id,
        "article": quote.article,
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_entity": quote.speaker_entity,
        "cue": quote.cue,
        "cluster": quote.cluster,
        "mention": (
            {"start": quote.mention_start, "end": quote.mention_end}
            if quote.mention_start is not None
            else None
        ),
        "partial": quote.partial,
    }


def quote_cluster_dict(cluster: QuoteCluster) -> dict[str, Any]:
    """A quote cluster (with ``outlets`` as an extension)."""
    return {
        "id": cluster.id,
        "speaker": cluster.speaker,
        "text": cluster.text,
        "members": [{"quote": m.quote, "variant": m.variant} for m in cluster.members],
        "independent_sources": cluster.independent_sources,
        "outlets": cluster.outlets,
    }


def result_sections(
    related: RelateResult | None = None,
    spin: SpinResult | None = None,
    entities: tuple[Entity, ...] | None = None,
    lineage: QuoteLineage | None = None,
    stored: Mapping[str, str | None] | None = None,
    briefs: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The sections of the batch-wide stages that ran (claims are added by the caller);
    ``briefs``: the brief stage's result, story id -> brief."""
    sections: dict[str, list[dict[str, Any]]] = {}
    if related is not None:
        sections["stories"] = [story_dict(s, stored, briefs) for s in related.stories]
        sections["relations"] = [
            relation_fields(settle_direction(r, spin)) for r in related.relations
        ]
        sections["sources"] = [source_dict(s) for s in related.sources]
        if related.earlier_relations is not None:
            sections["earlier_relations"] = [
                relation_fields(settle_direction(r, spin)) for r in related.earlier_relations
            ]
    if entities is not None:
        sections["entities"] = [entity_dict(e) for e in entities]
    if lineage is not None:
        sections["quotes"] = [quote_dict(q) for q in lineage.quotes]
        sections["quote_clusters"] = [quote_cluster_dict(c) for c in lineage.quote_clusters]
    return sections
