"""Stage "relate": stories, copy relations and independent sources across the batch.

Relations look across articles, so this is a batch stage (see ``BatchStage``). With a
store, the batch is also related to stored articles from earlier runs (candidates from the
store's MinHash and key-term indexes), so new articles join the stories already there; what
the store must remember of this batch (``RelateResult``'s ``all_relations``,
``all_stories`` and ``index``) is written with the articles.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from newsprism.config import integer, number, option
from newsprism.model import Article, RelateResult
from newsprism.relate.candidates import (
    BRIEF_MAX_CHARS,
    BRIEF_MAX_SENTENCES,
    BRIEF_MIN_SHARED,
    LSH_MIN_SIMILARITY,
    SAME_STORY_MIN_SHARED,
    BriefShape,
)
from newsprism.relate.incremental import MAX_EARLIER, find_earlier, index_batch
from newsprism.relate.relations import (
    COPY_MIN_SHARE,
    COPY_MIN_SIMILARITY,
    COPY_MIN_VERBATIM,
    NEAR_DUPLICATE_COVERAGE,
    SAME_STORY_MAX_DAYS,
    SPUN_MIN_COVERAGE,
    ReuseSettings,
    relate,
)
from newsprism.relate.reuse import (
    CONTAINMENT_MARGIN,
    PARTIAL_MIN,
    REWRITTEN_MIN,
    VERBATIM_MIN,
    WHOLE_MIN,
)
from newsprism.relate.reuse_model import DERIVED_MIN_PROBABILITY
from newsprism.relate.stories import STORY_MIN_SIMILARITY
from newsprism.stages.base import BatchStage, RunContext, register


@dataclass(frozen=True, slots=True)
class Options:
    min_similarity: float = option(
        COPY_MIN_SIMILARITY,
        number(0, 1),
        "similarity at which an aligned passage is copied text",
    )
    near_duplicate_coverage: float = option(
        NEAR_DUPLICATE_COVERAGE,
        number(0, 1),
        "share of both texts copied passages cover in a near-duplicate",
    )
    spun_min_coverage: float = option(
        SPUN_MIN_COVERAGE, number(0, 1), "share of one text a spun copy's passages cover"
    )
    same_story_min_shared: int = option(
        SAME_STORY_MIN_SHARED, integer(1), "names and figures two reports of one story share"
    )
    same_story_max_days: int = option(
        SAME_STORY_MAX_DAYS, integer(0), "days apart two dated reports of one story may be"
    )
    candidate_min_similarity: float = option(
        LSH_MIN_SIMILARITY,
        number(0, 1),
        "MinHash-estimated similarity at which two texts are aligned at all",
    )
    max_earlier: int = option(
        MAX_EARLIER, integer(0), "stored articles from earlier runs related to one batch"
    )
    story_min_similarity: float = option(
        STORY_MIN_SIMILARITY,
        number(0, 1),
        "event similarity (average link) at which reports join one story",
    )
    reuse_verbatim_min: float = option(
        VERBATIM_MIN,
        number(0, 1),
        "share of a sentence's word trigrams in the other text that makes it taken verbatim",
    )
    reuse_rewritten_min: float = option(
        REWRITTEN_MIN,
        number(0, 1),
        "share of a sentence's common content words (not names or figures) in two adjacent "
        "sentences of the other text "
        "that makes it taken rewritten",
    )
    copy_min_share: float = option(
        COPY_MIN_SHARE,
        number(0, 1),
        "share of one text's sentences taken from the other that makes the pair a copy",
    )
    partially_derived_min: float = option(
        PARTIAL_MIN,
        number(0, 1),
        "share taken below which a pair is not weighed as derived at all",
    )
    wholly_derived_min: float = option(
        WHOLE_MIN,
        number(0, 1),
        "share taken from which a copy is wholly derived whatever the label model says",
    )
    derived_min_probability: float = option(
        DERIVED_MIN_PROBABILITY,
        number(0, 1),
        "label model's chance of wholly or partially derived that makes a pair derived",
    )
    containment_margin: float = option(
        CONTAINMENT_MARGIN,
        number(0, 1),
        "how much more of one text is taken than of the other for it to be the copy",
    )
    copy_min_verbatim: float = option(
        COPY_MIN_VERBATIM,
        number(0, 1),
        "share of a copy found by sentence reuse alone that must be taken word for word",
    )
    brief_max_sentences: int = option(
        BRIEF_MAX_SENTENCES,
        integer(0),
        "sentences a brief has at most (a brief is weighed sentence by sentence against its "
        "story's reports)",
    )
    brief_max_chars: int = option(
        BRIEF_MAX_CHARS, integer(0), "characters a brief has at most, whatever its sentences"
    )
    brief_min_shared: int = option(
        BRIEF_MIN_SHARED,
        integer(1),
        "names and figures a brief shares with a report to be compared with it",
    )


@register
class RelateStage(BatchStage):
    name: ClassVar[str] = "relate"
    version: ClassVar[str] = "6"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "metadata"})
    produces: ClassVar[frozenset[str]] = frozenset({"relations"})
    options_type: ClassVar[type[Options]] = Options
    options: Options

    def empty(self) -> RelateResult:
        return RelateResult()

    def compute(self, articles: list[Article], ctx: RunContext) -> RelateResult:
        batch = [a for a in articles if a.text.strip()]
        entries, rows = index_batch(batch)
        given = self.options
        earlier = (
            find_earlier(ctx.store, batch, entries, given.max_earlier)
            if ctx.store is not None
            else []
        )
        result = relate(
            batch,
            earlier,
            {a.id: rows[i] for i, a in enumerate(batch)},
            copy_min_similarity=given.min_similarity,
            near_duplicate_coverage=given.near_duplicate_coverage,
            spun_min_coverage=given.spun_min_coverage,
            same_story_min_shared=given.same_story_min_shared,
            same_story_max_days=given.same_story_max_days,
            candidate_min_similarity=given.candidate_min_similarity,
            story_min_similarity=given.story_min_similarity,
            reuse=ReuseSettings(
                verbatim_min=given.reuse_verbatim_min,
                rewritten_min=given.reuse_rewritten_min,
                copy_min_share=given.copy_min_share,
                partial_min=given.partially_derived_min,
                whole_min=given.wholly_derived_min,
                derived_min_probability=given.derived_min_probability,
                containment_margin=given.containment_margin,
                copy_min_verbatim=given.copy_min_verbatim,
            ),
            brief_shape=BriefShape(
                max_sentences=given.brief_max_sentences,
                max_chars=given.brief_max_chars,
                min_shared=given.brief_min_shared,
            ),
        )
        return dataclasses.replace(result, index=tuple(entries))
