"""Relating a batch to what earlier runs stored: candidates from the store's indexes.

A new article joins an earlier story when it shares MinHash LSH bands with a stored
article (copied text; the estimated similarity is checked against the stored signature)
or enough names and figures (same event, other words). The stored candidates are then
related with the batch like its own articles, and the relate stage hands the store what it
needs to find this batch in later runs: signatures, band keys and key terms.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsprism.model import Article
from newsprism.relate.minhash import NUM_PERM, band_keys, signatures
from newsprism.relate.relations import (
    LSH_MIN_SIMILARITY,
    MAX_TERM_POSTINGS,
    SAME_STORY_MIN_SHARED,
    SAME_STORY_NEIGHBOURS,
    key_terms,
)

MAX_EARLIER = 1000  # stored articles brought into one batch's relating, at most
COPY_NEIGHBOURS = 8


@dataclass(frozen=True, slots=True)
class RelationIndex:
    """What the store keeps of a batch so later runs can find it."""

    signatures: dict[str, bytes]
    band_keys: dict[str, list[int]]
    terms: dict[str, set[str]]

    def as_kwargs(self) -> dict[str, Any]:
        return {"signatures": self.signatures, "band_keys": self.band_keys, "terms": self.terms}


def index_batch(batch: Sequence[Article]) -> tuple[RelationIndex, np.ndarray]:
    rows = signatures(a.text for a in batch)
    keys = band_keys(rows).astype(np.int64)
    index = RelationIndex(
        signatures={a.id: rows[i].tobytes() for i, a in enumerate(batch)},
        band_keys={a.id: [int(k) for k in keys[i]] for i, a in enumerate(batch)},
        terms={a.id: key_terms(a) for a in batch},
    )
    return index, rows


@dataclass(frozen=True, slots=True)
class StoredLink:
    """A stored article close to a batch article: by copied text or by names and figures."""

    article: str  # the batch article
    other: str  # the stored article
    similarity: float  # estimated word-pair Jaccard (0 for a names-and-figures link)
    shared_terms: int


def stored_links(store: Any, batch: Sequence[Article], index: RelationIndex) -> list[StoredLink]:
    """Each batch article's closest stored articles (not in the batch), from the store's
    LSH band keys (checked against the stored signatures) and key-term index."""
    batch_ids = {a.id for a in batch}
    links: list[StoredLink] = []
    by_key = store.articles_sharing_bands(k for keys in index.band_keys.values() for k in keys)
    shared: dict[str, Counter[str]] = defaultdict(Counter)
    for article_id, keys in index.band_keys.items():
        for key in keys:
            for other in by_key.get(key, ()):
                if other not in batch_ids:
                    shared[article_id][other] += 1
    stored_signatures: dict[str, bytes] = {}
    if shared:
        stored_signatures = store.signatures_of({o for c in shared.values() for o in c})
    for article_id, counts in shared.items():
        mine = np.frombuffer(index.signatures[article_id], dtype=np.uint32)
        scored = []
        for other in counts:
            theirs = stored_signatures.get(other)
            if theirs is None or len(theirs) != NUM_PERM * 4:
                continue
            similarity = float((mine == np.frombuffer(theirs, dtype=np.uint32)).mean())
            if similarity >= LSH_MIN_SIMILARITY:
                scored.append((similarity, other))
        for similarity, other in sorted(scored, reverse=True)[:COPY_NEIGHBOURS]:
            links.append(StoredLink(article_id, other, similarity, 0))
    by_term = store.articles_sharing_terms(
        (t for terms in index.terms.values() for t in terms), MAX_TERM_POSTINGS
    )
    for article_id, terms in index.terms.items():
        counts = Counter(o for t in terms for o in by_term.get(t[:80], ()) if o not in batch_ids)
        close = [(n, o) for o, n in counts.items() if n >= SAME_STORY_MIN_SHARED]
        for n, other in sorted(close, reverse=True)[:SAME_STORY_NEIGHBOURS]:
            links.append(StoredLink(article_id, other, 0.0, n))
    return links


def find_earlier(store: Any, batch: Sequence[Article], index: RelationIndex) -> list[Article]:
    """Stored articles (not in the batch) that may share a story with a batch article."""
    wanted: Counter[str] = Counter()
    for link in stored_links(store, batch, index):
        wanted[link.other] += (
            int(link.similarity * 100) + 100 if link.similarity else link.shared_terms
        )
    ranked = sorted(wanted.items(), key=lambda item: (-item[1], item[0]))[:MAX_EARLIER]
    return [a for a in store.get_articles([other for other, _ in ranked]) if a.text.strip()]
