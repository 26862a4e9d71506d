"""Near-duplicate detection end to end: read, shingle, hash, index, query.

Generates a story corpus with planted copies (``benchmarks.stories``), writes it as gzip
JSON Lines, then for each system reads that file and finds candidate pairs:
- newsprism: NumPy word-pair shingles, rensa MinHash digests, NumPy LSH (``relate.minhash``);
- datasketch MinHash + MinHashLSH, the same shingles made the usual way in Python;
- rensa's own RMinHash + RMinHashLSH, the same Python shingles.
All use 192 permutations in 96 bands of 2 rows over the same shingles (adjacent word
pairs, pairs of two function words left out: plain word pairs make unrelated news articles
collide in so many bands that LSH returns hundreds of candidates per article). Every
system's candidates are then verified the same way (estimated similarity from its own
signatures >= LSH_MIN_SIMILARITY, as the relate stage does), inside its timing; recall
and "other pairs" (candidates that are not a planted copy family) are counted after it,
and "raw_pairs" is what the LSH returned before it. Recall is over the planted copies (a pair
found when it is a candidate); "other pairs" are candidates that are not copy families.

    python -m benchmarks.bench_neardup --n 100000
"""

from __future__ import annotations

import gzip
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from benchmarks import stories
from benchmarks.common import main
from newsprism.relate.candidates import LSH_MIN_SIMILARITY
from newsprism.relate.minhash import BANDS, NUM_PERM, LSHIndex, estimated_jaccard
from newsprism.text.lexicon import STOPWORDS

_WORD = re.compile(r"\w+")
ONLY = ""  # NEWSPRISM_BENCH_ONLY=newsprism times one system alone
PEER_LIMIT = 1_000_000  # the Python peers run on the same articles (up to this many)


def _read(path: Path, limit: int | None = None) -> Iterator[str]:
    with gzip.open(path, "rb") as handle:  # as newsprism's JSON Lines reader does
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            yield orjson.loads(line)["text"]


def _python_shingles(text: str) -> list[bytes]:
    """The peers' shingles, made the usual way in Python, with the same definition as
    ours (adjacent word pairs, pairs of two function words left out), so all systems
    index the same sets and their recall differs only by implementation."""
    words = _WORD.findall(text.lower())
    return [
        f"{x} {y}".encode() for x, y in pairwise(words) if not (x in STOPWORDS and y in STOPWORDS)
    ] or [b""]


Found = tuple[set[tuple[int, int]], int, int]  # verified pairs, raw pairs, index bytes


def run_newsprism(path: Path, limit: int | None) -> Found:
    index = LSHIndex()
    index.add_texts(_read(path, limit))
    raw = index.candidate_pairs()
    keep = raw.similarity >= LSH_MIN_SIMILARITY
    return {(int(a), int(b)) for a, b in raw.pairs[keep]}, len(raw.pairs), index.nbytes()


def _verified(pairs: set[tuple[int, int]], rows: np.ndarray) -> set[tuple[int, int]]:
    """The peers' candidates checked like ours: estimated similarity from their own
    signatures at the same threshold (as a user of their LSH would)."""
    if not pairs:
        return set()
    array = np.array(sorted(pairs), dtype=np.int64)
    keep = estimated_jaccard(rows, array) >= LSH_MIN_SIMILARITY
    return {(int(a), int(b)) for a, b in array[keep]}


def run_datasketch(path: Path, limit: int | None) -> Found:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, NUM_PERM // BANDS))
    pairs = set()
    rows = []
    for number, text in enumerate(_read(path, limit)):
        minhash = MinHash(num_perm=NUM_PERM)
        minhash.update_batch(_python_shingles(text))
        for other in lsh.query(minhash):
            pairs.add((other, number))
        lsh.insert(number, minhash)
        rows.append(minhash.hashvalues)
    return _verified(pairs, np.array(rows)), len(pairs), 0


def run_rensa(path: Path, limit: int | None) -> Found:
    import rensa

    lsh = rensa.RMinHashLSH(0.3, NUM_PERM, BANDS)
    pairs = set()
    rows = []
    for number, text in enumerate(_read(path, limit)):
        minhash = rensa.RMinHash(NUM_PERM, 42)
        minhash.update([s.decode() for s in _python_shingles(text)])
        for other in lsh.query(minhash):
            pairs.add((other, number))
        lsh.insert(number, minhash)
        rows.append(minhash.digest())
    return _verified(pairs, np.array(rows, dtype=np.uint32)), len(pairs), 0


SYSTEMS: dict[str, Callable[[Path, int | None], Found]] = {
    "newsprism (rensa digests + numpy LSH)": run_newsprism,
    "datasketch MinHash+MinHashLSH": run_datasketch,
    "rensa RMinHash+RMinHashLSH": run_rensa,
}


def _score(
    found: set[tuple[int, int]], truth: list[stories.StoryArticle], limit: int
) -> dict[str, Any]:
    number = {a.id: i for i, a in enumerate(truth[:limit])}
    family = [number.get(a.source or a.id, -1) for a in truth[:limit]]
    planted: dict[str, list[tuple[int, int]]] = {}
    for i, article in enumerate(truth[:limit]):
        if article.source is not None and article.source in number:
            pair = (min(i, number[article.source]), max(i, number[article.source]))
            planted.setdefault(article.kind, []).append(pair)
    row: dict[str, Any] = {}
    for kind, pairs in sorted(planted.items()):
        row[f"recall_{kind}"] = round(sum(p in found for p in pairs) / len(pairs), 4)
    everything = [p for pairs in planted.values() for p in pairs]
    row["recall"] = round(sum(p in found for p in everything) / max(1, len(everything)), 4)
    row["other_pairs"] = sum(family[a] != family[b] for a, b in found)
    return row


def run(n: int) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stories.jsonl.gz"
        truth = stories.write_jsonl(stories.generate(n, seed=1), path)
        rows = []
        for name, system in SYSTEMS.items():
            if ONLY and not name.startswith(ONLY):
                continue
            limit = n if name.startswith("newsprism") else min(n, PEER_LIMIT)
            start = time.perf_counter()
            found, raw_pairs, index_bytes = system(path, limit)
            seconds = time.perf_counter() - start
            rows.append(
                {
                    "system": name,
                    "articles": limit,
                    "seconds": round(seconds, 2),
                    "articles_per_s": round(limit / seconds, 1),
                    "index_bytes_per_article": round(index_bytes / limit) if index_bytes else None,
                    "raw_pairs": raw_pairs,
                    "candidate_pairs": len(found),
                    **_score(found, truth, limit),
                }
            )
        ours = next(r["articles_per_s"] for r in rows) if rows else 0.0
        for row in rows:
            row["speedup_of_newsprism"] = round(ours / row["articles_per_s"], 2)
        return rows


def format_table(rows: list[dict[str, Any]]) -> str:
    columns = [
        "system",
        "articles",
        "articles_per_s",
        "speedup_of_newsprism",
        "index_bytes_per_article",
        "recall",
        "recall_exact",
        "recall_near-duplicate",
        "recall_partial",
        "recall_spun",
        "other_pairs",
        "candidate_pairs",
        "raw_pairs",
    ]
    lines = [" | ".join(columns), " | ".join("---" for _ in columns)]
    lines += [" | ".join(str(row.get(c, "")) for c in columns) for row in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    import os

    ONLY = os.environ.get("NEWSPRISM_BENCH_ONLY", "")
    main(__doc__, run, format_table, default_n=20_000)
