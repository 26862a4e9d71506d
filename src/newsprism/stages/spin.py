"""Stage "spin": which articles were machine-paraphrased, with evidence and likely originals.

For each article it flags, it also restores the words a spinner swapped where no original
is there to compare (``spin.detect.with_restorations``, options ``restore*``).

Runs after "relate" (it learns substitutions from aligned copies) and, like it, looks
across the batch. It also settles the direction of spun-copy relations (the spun article
derives from the plainer one) in its own result; ``model.settle_direction`` combines that
with the relate stage's relation wherever a direction is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from newsprism.config import boolean, integer, number, option
from newsprism.model import Article, RelateResult, SpinResult
from newsprism.spin.detect import (
    ODD_PHRASES_FOR_SPUN,
    RESTORE_MAX_CHARS,
    SPUN_MIN_SCORE,
    detect_spin,
    spun_copy_directions,
    with_restorations,
)
from newsprism.spin.restore import MAX_WORDS, MIN_GAIN
from newsprism.stages.base import BatchStage, RunContext, register


@dataclass(frozen=True, slots=True)
class Options:
    min_score: float = option(
        SPUN_MIN_SCORE, number(0, 1), "spin score (0-1) at which an article is spun"
    )
    min_odd_phrases: int = option(
        ODD_PHRASES_FOR_SPUN,
        integer(1),
        "odd phrases of a spinner's lexicon that raise the score on their own",
    )
    restore: bool = option(
        True,
        boolean(),
        "restore a spun article's swapped words with no original to compare (WordNet and "
        "word-pair counts load once per process at the first spun article: about 2 s)",
    )
    restore_min_gain: float = option(
        MIN_GAIN,
        number(-20, 20),
        "log-odds the swap model must give a restored wording (fitted on tune for "
        "precision .85; higher: fewer, surer restorations)",
    )
    restore_max_words: int = option(MAX_WORDS, integer(1, 5), "words a restored phrase may have")
    restore_max_chars: int = option(
        RESTORE_MAX_CHARS,
        integer(0),
        "characters of a spun article's text searched for swapped words (0: all); a "
        "huge article costs about 0.24 ms a word",
    )


@register
class SpinStage(BatchStage):
    name: ClassVar[str] = "spin"
    version: ClassVar[str] = "2"
    requires: ClassVar[frozenset[str]] = frozenset({"relations"})
    produces: ClassVar[frozenset[str]] = frozenset({"spin"})
    options_type: ClassVar[type[Options]] = Options
    options: Options

    def empty(self) -> SpinResult:
        return SpinResult()

    def compute(self, articles: list[Article], ctx: RunContext) -> SpinResult:
        related: RelateResult = ctx.results.get("relate") or RelateResult()
        relations = [*related.relations, *(related.earlier_relations or ())]
        # Stored articles related to this batch take part, so a copy's direction can be
        # told against an original from an earlier run; only the batch's spin is returned.
        batch_ids = {a.id for a in articles}
        everything = [*articles, *(a for a in related.earlier if a.id not in batch_ids)]
        spin = detect_spin(
            everything,
            relations,
            min_score=self.options.min_score,
            min_odd_phrases=self.options.min_odd_phrases,
        )
        batch = {key: value for key, value in spin.items() if key in batch_ids}
        if self.options.restore:
            batch = with_restorations(
                batch,
                {a.id: a.text for a in articles},
                min_gain=self.options.restore_min_gain,
                max_words=self.options.restore_max_words,
                max_chars=self.options.restore_max_chars,
            )
        return SpinResult(
            articles=batch,
            derived=spun_copy_directions(relations, spin),
        )
