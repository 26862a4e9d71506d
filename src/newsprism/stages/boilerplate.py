"""Stage "corpus_boilerplate": lines that recur across one outlet's articles are boilerplate.

No rule can know every outlet's footer. A short line found in several *different* articles
of the same outlet ("Sign up for the Morning Briefing", a masthead slogan) is boilerplate
even when no pattern matches it. Counts come from the current batch and from the store
(``ctx.line_stats``), so detection improves as the store grows.

Trade-off: wire copies share whole body paragraphs across articles, so only lines up to
``MAX_LINE_CHARS`` are considered; a long paragraph repeated across an outlet's articles is
left to the relations stage to explain as copying.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import ClassVar

from newsprism.model import KEPT_KINDS, Article
from newsprism.stages.base import Record, RunContext, register
from newsprism.stages.clean import assemble
from newsprism.textkey import fingerprint

MAX_LINE_CHARS = 300
CHUNK_ARTICLES = 1000
DEFAULT_MIN_ARTICLES = 3

__all__ = ["fingerprint", "line_fingerprints"]


def line_fingerprints(article: Article) -> list[str]:
    """Fingerprints of the article's short paragraphs (any kind), deduplicated, in order."""
    seen: dict[str, None] = {}
    for paragraph in article.paragraphs:
        if len(paragraph.text) <= MAX_LINE_CHARS:
            seen.setdefault(fingerprint(paragraph.text), None)
    return list(seen)


def _mark_recurring(
    chunk: Sequence[Article | Record], ctx: RunContext, min_articles: int
) -> Iterator[Record]:
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    # Fingerprint each short paragraph once: (article position, paragraph index) -> fp.
    prints: dict[tuple[int, int], str] = {}
    for position, record in enumerate(chunk):
        if isinstance(record, Article) and record.outlet:
            for index, paragraph in enumerate(record.paragraphs):
                if len(paragraph.text) <= MAX_LINE_CHARS:
                    fp = fingerprint(paragraph.text)
                    prints[(position, index)] = fp
                    holders[(record.outlet, fp)].add(record.content_hash)
    for position, record in enumerate(chunk):
        if not isinstance(record, Article) or not record.outlet:
            yield record
            continue
        changed = False
        paragraphs = list(record.paragraphs)
        for index, paragraph in enumerate(paragraphs):
            if paragraph.kind not in KEPT_KINDS or len(paragraph.text) > MAX_LINE_CHARS:
                continue
            key = (record.outlet, prints[(position, index)])
            articles = set(holders.get(key, ()))
            if ctx.line_stats is not None and len(articles) < min_articles:
                articles |= ctx.line_stats(*key)
            if len(articles) >= min_articles:
                paragraphs[index] = dataclasses.replace(
                    paragraph,
                    kind="boilerplate",
                    reason=f"recurring-line: seen in {len(articles)} articles of {record.outlet}",
                )
                ctx.kinds[paragraph.kind] -= 1
                ctx.kinds["boilerplate"] += 1
                ctx.removed["recurring-line"] += 1
                changed = True
        if changed:
            text, placed = assemble(paragraphs)
            yield dataclasses.replace(record, text=text, paragraphs=placed)
        else:
            yield record


@register
class CorpusBoilerplateStage:
    name: ClassVar[str] = "corpus_boilerplate"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"article", "metadata"})
    produces: ClassVar[frozenset[str]] = frozenset({"corpus-boilerplate"})

    def run(self, records: Iterable[Record], ctx: RunContext) -> Iterator[Record]:
        min_articles = int(ctx.config.get("recurring_line_min_articles", DEFAULT_MIN_ARTICLES))
        iterator = iter(records)
        # Chunks keep memory bounded while giving each line a batch-wide count.
        while chunk := list(islice(iterator, CHUNK_ARTICLES)):
            yield from _mark_recurring(chunk, ctx, min_articles)
