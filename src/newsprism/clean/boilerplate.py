"""Lines that recur across one outlet's articles are boilerplate.

No rule can know every outlet's footer. A short line found in several *different* articles
of the same outlet ("Sign up for the Morning Briefing", a masthead slogan) is boilerplate
even when no pattern matches it. Counts come from the current batch and from earlier runs
(``line_stats``, the store's record of which articles held a line), so detection improves
as the store grows.

Trade-off: wire copies share whole body paragraphs across articles, so only lines up to
``MAX_LINE_CHARS`` are considered; a long paragraph repeated across an outlet's articles is
left to the relations stage to explain as copying.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from newsprism.clean.paragraphs import assemble
from newsprism.model import KEPT_KINDS, Article, ParagraphKind
from newsprism.text.keys import fingerprint

MAX_LINE_CHARS = 300
CHUNK_ARTICLES = 1000
DEFAULT_MIN_ARTICLES = 3
RECURRING_LINE = "recurring-line"

# (outlet, line fingerprint) -> content hashes of earlier articles that held the line.
LineStats = Callable[[str, str], frozenset[str]]

__all__ = [
    "CHUNK_ARTICLES",
    "DEFAULT_MIN_ARTICLES",
    "MAX_LINE_CHARS",
    "RECURRING_LINE",
    "LineStats",
    "Relabelled",
    "fingerprint",
    "line_fingerprints",
    "mark_recurring_lines",
]


@dataclass(frozen=True, slots=True)
class Relabelled:
    """One paragraph turned into boilerplate: its kind before, its kind now, the reason."""

    former_kind: ParagraphKind
    kind: ParagraphKind
    reason: str  # the reason's category, as run summaries count it


def line_fingerprints(article: Article) -> list[str]:
    """Fingerprints of the article's short paragraphs (any kind), deduplicated, in order."""
    seen: dict[str, None] = {}
    for paragraph in article.paragraphs:
        if len(paragraph.text) <= MAX_LINE_CHARS:
            seen.setdefault(fingerprint(paragraph.text), None)
    return list(seen)


def mark_recurring_lines(
    records: Iterable[object], min_articles: int, line_stats: LineStats | None
) -> Iterator[tuple[object, list[Relabelled]]]:
    """Each record, with the short lines found in ``min_articles`` articles of its outlet
    marked as boilerplate, and what was relabelled. Other records pass through as they are.
    """
    iterator = iter(records)
    # Chunks keep memory bounded while giving each line a batch-wide count.
    while chunk := list(islice(iterator, CHUNK_ARTICLES)):
        yield from _mark_chunk(chunk, min_articles, line_stats)


def _mark_chunk(
    chunk: Sequence[object], min_articles: int, line_stats: LineStats | None
) -> Iterator[tuple[object, list[Relabelled]]]:
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
            yield record, []
            continue
        relabelled: list[Relabelled] = []
        paragraphs = list(record.paragraphs)
        for index, paragraph in enumerate(paragraphs):
            if paragraph.kind not in KEPT_KINDS or len(paragraph.text) > MAX_LINE_CHARS:
                continue
            key = (record.outlet, prints[(position, index)])
            articles = set(holders.get(key, ()))
            if line_stats is not None and len(articles) < min_articles:
                articles |= line_stats(*key)
            if len(articles) >= min_articles:
                paragraphs[index] = dataclasses.replace(
                    paragraph,
                    kind="boilerplate",
                    reason=f"{RECURRING_LINE}: seen in {len(articles)} articles of {record.outlet}",
                )
                relabelled.append(Relabelled(paragraph.kind, "boilerplate", RECURRING_LINE))
        if relabelled:
            text, placed = assemble(paragraphs)
            yield dataclasses.replace(record, text=text, paragraphs=placed), relabelled
        else:
            yield record, relabelled
