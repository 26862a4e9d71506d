"""Near-duplicate detection end to end: read, shingle, hash, index, query.

Generates a story corpus with planted copies (``benchmarks.stories``), writes it as gzip
JSON Lines, then for each system reads that file and finds candidate pairs:
- newsprism: NumPy word-pair shingles, rensa MinHash digests, NumPy LSH (``relate.minhash``);
- datasketch MinHash + MinHashLSH, the same shingles made the usual way in Python;
- rensa's own RMinHash + RMinHashLSH, the same Python shingles.
All use 192 permutations in 96 bands of 2 rows over the same shingles (adjacent word
pairs, pairs of two function words left out: plain word pairs make unrelated news articles
collide in so many bands that LSH returns hundreds of candidates per article). newsprism
verifies its candidates (estimated similarity >= LSH_MIN_SIMILARITY, as the relate stage
does); the peers' rows are their raw LSH output. Recall is over the planted copies (a pair
found when it is a candidate); "other pairs" are candidates that are not copy families.

    python -m benchmarks.bench_neardup --n 100000
"""

from __future__ import annotations

import gzip
import json
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

from benchmarks import stories
from benchmarks.common import main
from newsprism.relate.align import STOPWORDS
from newsprism.relate.minhash import BANDS, NUM_PERM, LSHIndex
from newsprism.relate.relations import LSH_MIN_SIMILARITY

_WORD = re.compile(r"\w+")
PEER_LIMIT = 1_000_000  # the Python peers run on the same articles (up to this many)


def _read(path: Path, limit: int | None = None) -> Iterator[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            yield json.loads(line)["text"]


def _python_shingles(text: str) -> list[bytes]:
    """The peers' shingles, made the usual way in Python, with the same definition as
    ours (adjacent word pairs, pairs of two function words left out), so all systems
    index the same sets and their recall differs only by implementation."""
    words = _WORD.findall(text.lower())
    return [
        f"{x} {y}".encode() for x, y in pairwise(words) if not (x in STOPWORDS and y in STOPWORDS)
    ] or [b""]


def run_newsprism(path: Path, limit: int | None) -> tuple[set[tuple[int, int]], int]:
    index = LSHIndex()
    index.add_texts(_read(path, limit))
    found = index.candidate_pairs(min_similarity=LSH_MIN_SIMILARITY)
    return {(int(a), int(b)) for a, b in found.pairs}, index.nbytes()


def run_datasketch(path: Path, limit: int | None) -> tuple[set[tuple[int, int]], int]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, NUM_PERM // BANDS))
    pairs = set()
    for number, text in enumerate(_read(path, limit)):
        minhash = MinHash(num_perm=NUM_PERM)
        minhash.update_batch(_python_shingles(text))
        for other in lsh.query(minhash):
            pairs.add((other, number))
        lsh.insert(number, minhash)
    return pairs, 0


def run_rensa(path: Path, limit: int | None) -> tuple[set[tuple[int, int]], int]:
    import rensa

    lsh = rensa.RMinHashLSH(0.3, NUM_PERM, BANDS)
    pairs = set()
    for number, text in enumerate(_read(path, limit)):
        minhash = rensa.RMinHash(NUM_PERM, 42)
        minhash.update([s.decode() for s in _python_shingles(text)])
        for other in lsh.query(minhash):
            pairs.add((other, number))
        lsh.insert(number, minhash)
    return pairs, 0


SYSTEMS: dict[str, Callable[[Path, int | None], tuple[set[tuple[int, int]], int]]] = {
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
            limit = n if name.startswith("newsprism") else min(n, PEER_LIMIT)
            start = time.perf_counter()
            found, index_bytes = system(path, limit)
            seconds = time.perf_counter() - start
            rows.append(
                {
                    "system": name,
                    "articles": limit,
                    "seconds": round(seconds, 2),
                    "articles_per_s": round(limit / seconds, 1),
                    "index_bytes_per_article": round(index_bytes / limit) if index_bytes else None,
                    "candidate_pairs": len(found),
                    **_score(found, truth, limit),
                }
            )
        ours = rows[0]["articles_per_s"]
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
    ]
    lines = [" | ".join(columns), " | ".join("---" for _ in columns)]
    lines += [" | ".join(str(row.get(c, "")) for c in columns) for row in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    main(__doc__, run, format_table, default_n=20_000)
