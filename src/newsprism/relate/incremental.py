"""Relating a batch to what earlier runs stored, through the story window.

A new article joins an earlier story when it shares MinHash LSH bands with a stored
article (copied text; the estimated similarity is checked on the signatures) or enough
names and figures (same event, other words). The window (``relate/window.py``) holds the
store's most recent articles in memory (for a small batch, only its candidates, looked up
through the store's postings); the stored candidates it finds are then related
with the batch like its own articles, and the store keeps the batch's index entries so
later runs find it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from newsprism.model import Article, IndexEntry
from newsprism.relate.minhash import signatures
from newsprism.relate.window import LOOKUP_MAX_BATCH, StoryWindow, index_entries, stored_window

MAX_EARLIER = 1000  # stored articles brought into one batch's relating, at most


def index_batch(batch: Sequence[Article]) -> tuple[list[IndexEntry], np.ndarray]:
    """The batch's index entries and MinHash signature rows (computed once, used twice)."""
    rows = signatures(a.text for a in batch)
    return index_entries(batch, rows), rows


def find_earlier(
    store: Any,
    batch: Sequence[Article],
    entries: Sequence[IndexEntry],
    max_earlier: int = MAX_EARLIER,
) -> list[Article]:
    """Stored articles (not in the batch, ``max_earlier`` at most) that may share a story
    with a batch article, the closest first. A small batch's candidates come through the
    store's postings (``stored_window``: the same links, without loading the window)."""
    lookup = getattr(store, "window_postings", None)
    complete = getattr(store, "window_lookup_complete", lambda: True)
    if lookup is not None and len(entries) <= LOOKUP_MAX_BATCH and complete():
        window = stored_window(lookup, entries)
    else:
        window = StoryWindow.load(store)
    numbers = window.add(entries)
    links = window.links(numbers, entries)
    batch_ids = {a.id for a in batch}
    wanted: Counter[str] = Counter()
    for _, other, similarity in links.copies:
        wanted[window.ids[other]] += int(similarity * 100) + 100
    for _, other, shared in links.same_story:
        wanted[window.ids[other]] += shared
    ranked = sorted(
        ((article, score) for article, score in wanted.items() if article not in batch_ids),
        key=lambda item: (-item[1], item[0]),
    )[:max_earlier]
    return [a for a in store.get_articles([other for other, _ in ranked]) if a.text.strip()]
