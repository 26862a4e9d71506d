"""``analyze --db`` with five new articles on a big store: the story window's candidates
through the store's postings (revision 0009) beside loading the window, and beside a
pickled window cache (the alternative: a window the store would keep current on disk).

    python -m benchmarks.bench_window              # 100,000 stored articles
    python -m benchmarks.bench_window --n 1000000

The store is written in bulk, straight through sqlite3 (a million articles through the
pipeline would take hours): ``n`` articles, of which the last ``REAL`` are generated news
(``benchmarks.stories``: events with reports and planted copies; real signatures and key
terms) and the rest filler rows (short random text, random MinHash signatures, names
drawn from a common, a middling and a rare pool, so the posting lists have news-like
lengths). New articles are held-out reports and copies of the stored events. Printed:
``analyze --db`` on an empty store and on the store of ``n`` (lookup, then window load),
the window's load beside the lookup for the same batch (with whether both give the same
earlier articles), the pickled cache's size and load time, the writer's cost per article
with and without the postings, and the store's size with and without them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import stories

REAL = 3000  # generated news articles stored last (inside the window)
BATCH = 5
COMMON_TERMS = [str(v) for v in (2, 3, 5, 10, 20, 100, 2024, 2025)] + [
    f"Common{n}" for n in range(40)
]
MIDDLING = 200_000  # names a few dozen articles in a million share
TERMS_PER_ARTICLE = (2, 6, 12)  # common, middling, rare


def stored_article(text: str, number: int) -> Any:
    from newsprism.model import Article

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(
        id=f"a{digest[:15]}",
        content_hash=digest,
        source=f"stored/{number}.txt",
        line=None,
        format="text",
        url=None,
        outlet=f"outlet{number % 50}",
        outlet_evidence=(),
        title=text.split("\n", 1)[0][:80],
        published="2026-11-20",
        language="en",
        text=text,
        paragraphs=(),
        input_text=text,
    )


def bulk_store(
    path: Path,
    n: int,
    real: list[Any],
    postings: bool,
    *,
    index: bool = True,
    titles: bool = False,
) -> dict[str, float]:
    """Fill the store at ``path`` (already migrated): ``n - len(real)`` filler rows, then
    the real articles; their index entries when ``index`` and postings too when
    ``postings``; ``titles`` gives filler rows a title (their first eight words).
    Seconds per part. (``benchmarks.bench_serve`` builds its store with this too.)"""
    from newsprism.relate.window import index_entries
    from newsprism.store.rows import article_row, index_row, posting_rows
    from newsprism.store.schema import ARTICLE_COLUMNS, ARTICLE_JSON_COLUMNS, encode_json
    from newsprism.text.keys import band_keys

    rng = np.random.default_rng(11)
    words = [f"w{k}" for k in range(5000)]
    filler = n - len(real)
    seconds: dict[str, float] = {}
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-1000000")
    marks = ", ".join("?" for _ in ARTICLE_COLUMNS)
    insert_article = f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({marks})"
    started = time.perf_counter()
    chunk = 50_000
    all_terms: list[np.ndarray] = []
    band_parts: list[np.ndarray] = []
    day = 20_777  # 2026-11-20, the day the real articles are published
    for start in range(0, filler, chunk):
        count = min(chunk, filler - start)
        picks = rng.integers(0, len(words), size=(count, 60))
        rows = []
        for i in range(count):
            number = start + i
            text = " ".join(words[k] for k in picks[i])
            digest = hashlib.sha256(f"filler{number}".encode()).hexdigest()
            rows.append(
                (
                    digest,
                    f"f{number:09d}",
                    "filler",
                    None,
                    "text",
                    None,
                    f"outlet{number % 50}",
                    "[]",
                    text[: text.find(" ", 40)] if titles else None,
                    "2026-11-20",
                    "en",
                    text,
                    "[]",
                    text,
                    "{}",
                    "[]",
                    "bulk",
                    "2026-11-01",
                    None,
                    None,
                )
            )
        db.executemany(insert_article, rows)
        common, middling, rare = TERMS_PER_ARTICLE
        term_ids = np.concatenate(
            [
                rng.integers(0, len(COMMON_TERMS), size=(count, common)),
                len(COMMON_TERMS) + rng.integers(0, MIDDLING, size=(count, middling)),
                len(COMMON_TERMS) + MIDDLING + rng.integers(0, 10**9, size=(count, rare)),
            ],
            axis=1,
        )
        all_terms.append(term_ids)
        if not index:
            continue
        signatures = rng.integers(0, 2**32, size=(count, 192), dtype=np.uint64).astype("<u4")
        db.executemany(
            "INSERT INTO article_index (seq, article_id, signature, terms, day) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                (
                    start + i + 1,
                    f"f{start + i:09d}",
                    signatures[i].tobytes(),
                    "\n".join(sorted({_term(int(t)) for t in term_ids[i]})),
                    day,
                )
                for i in range(count)
            ),
        )
        if postings:
            keys = band_keys(signatures).astype(np.uint64)
            seqs = np.arange(start + 1, start + count + 1, dtype=np.uint64)
            packed = (keys << np.uint64(32)) | seqs[:, None]
            band_parts.append(packed.ravel())
    db.commit()
    seconds["filler rows"] = time.perf_counter() - started
    # The real articles: rows as the store writes them, their index entries.
    started = time.perf_counter()
    entries = index_entries(real)
    db.executemany(
        insert_article,
        [
            tuple(
                encode_json(row[c]) if c in ARTICLE_JSON_COLUMNS else row[c]
                for c in ARTICLE_COLUMNS
            )
            for row in (article_row(a, "bulk") for a in real)
        ],
    )
    base = filler
    if index:
        db.executemany(
            "INSERT INTO article_index (seq, article_id, signature, terms, day) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (base + i + 1, r["article_id"], r["signature"], r["terms"], r["day"])
                for i, r in enumerate(index_row(e) for e in entries)
            ],
        )
    db.commit()
    seconds["real rows"] = time.perf_counter() - started
    if postings:
        started = time.perf_counter()
        packed = np.concatenate(band_parts)
        band_parts.clear()
        packed.sort()
        step = 2_000_000
        for start in range(0, len(packed), step):
            part = packed[start : start + step]
            db.executemany(
                "INSERT OR IGNORE INTO band_postings (band_key, seq) VALUES (?, ?)",
                zip(
                    (part >> np.uint64(32)).tolist(),
                    (part & np.uint64(0xFFFFFFFF)).tolist(),
                    strict=True,
                ),
            )
        del packed
        terms = np.concatenate(all_terms)
        seqs = np.repeat(np.arange(1, filler + 1), terms.shape[1])
        terms = terms.ravel()
        order = np.lexsort((seqs, terms))  # term ids sort as their strings within a pool
        rows_t = ((_term(int(t)), int(s)) for t, s in zip(terms[order], seqs[order], strict=True))
        db.executemany("INSERT OR IGNORE INTO term_postings (term, seq) VALUES (?, ?)", rows_t)
        band_rows, term_rows = posting_rows(
            [base + i + 1 for i in range(len(entries))],
            [e.signature for e in entries],
            [e.terms for e in entries],
        )
        db.executemany("INSERT OR IGNORE INTO band_postings VALUES (?, ?)", band_rows)
        db.executemany("INSERT OR IGNORE INTO term_postings VALUES (?, ?)", term_rows)
        db.execute("UPDATE window_posted SET seq = (SELECT max(seq) FROM article_index)")
        db.commit()
        seconds["postings"] = time.perf_counter() - started
    started = time.perf_counter()
    db.close()
    index_search(path)
    seconds["search index"] = time.perf_counter() - started
    db = sqlite3.connect(path)
    db.execute("ANALYZE")
    db.close()
    return seconds


def index_search(path: Path) -> None:
    """Bring the story search's index (revision 0010) current over rows written past the
    store, as its migration does for a store made before it (else the next writer would
    index them all, inside what a benchmark times)."""
    db = sqlite3.connect(path)
    for table in ("article_search", "story_search"):
        db.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
    db.execute(
        "UPDATE search_indexed SET articles_rowid = (SELECT coalesce(max(rowid), 0) "
        "FROM articles), stories_rowid = (SELECT coalesce(max(rowid), 0) FROM stories)"
    )
    db.commit()
    db.close()


def _term(term_id: int) -> str:
    if term_id < len(COMMON_TERMS):
        return COMMON_TERMS[term_id]
    if term_id < len(COMMON_TERMS) + MIDDLING:
        return f"Middling{term_id - len(COMMON_TERMS):06d}"
    return f"Rare{term_id - len(COMMON_TERMS) - MIDDLING:09d}"


def _write_batch(folder: Path, articles: list[stories.StoryArticle]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in articles:
        path = folder / f"{article.id}.txt"
        path.write_text(article.text, encoding="utf-8")
        paths.append(path)
    return paths


def _timed_analyze(paths: list[Path], url: str, lookup: bool) -> tuple[float, Any]:
    import newsprism
    from newsprism.relate import incremental

    limit = incremental.LOOKUP_MAX_BATCH
    incremental.LOOKUP_MAX_BATCH = limit if lookup else 0
    try:
        started = time.perf_counter()
        dossier = newsprism.analyze(paths, db=url)
        return time.perf_counter() - started, dossier
    finally:
        incremental.LOOKUP_MAX_BATCH = limit


def run(n: int, folder: Path) -> dict[str, Any]:
    from newsprism.relate.incremental import find_earlier
    from newsprism.relate.window import StoryWindow, index_entries, stored_window
    from newsprism.store.base import open_store

    generated = list(stories.generate(REAL + 8 * BATCH, seed=5))
    unique = {a.text: a for a in generated[:REAL]}  # a light edit may change nothing
    stored_real = [stored_article(a.text, i) for i, a in enumerate(unique.values())]
    held_out = generated[REAL:]
    stored_stories = {a.story for a in generated[:REAL]}
    joining = [a for a in held_out if a.story in stored_stories]
    batches = [joining[i * BATCH : (i + 1) * BATCH] for i in range(4)]
    figures: dict[str, Any] = {"n": n, "batch": BATCH}

    # Stores: empty; n with postings current (the size without them: docs/benchmarks.md).
    big = folder / "big.db"
    open_store(f"sqlite:///{big}").close()
    started = time.perf_counter()
    figures["build_seconds"] = bulk_store(big, n, stored_real, postings=True)
    figures["build_seconds"]["total"] = time.perf_counter() - started
    figures["store_mb"] = round(big.stat().st_size / 1e6)

    # analyze --db, five new articles: warm up on a scratch store, then time (the empty
    # store made beforehand: its migrations are not what is measured).
    for name in ("empty0.db", "empty1.db"):
        open_store(f"sqlite:///{folder / name}").close()
    for k in (2, 3):  # two warm-ups: the first runs load models and patterns
        warm = _write_batch(folder / f"warm{k}", batches[k])
        _timed_analyze(warm, f"sqlite:///{folder / f'w{k}.db'}", True)
    paths_lookup = _write_batch(folder / "b0", batches[0])
    paths_full = _write_batch(folder / "b1", batches[1])
    # Each batch's own baseline: the same five articles on an empty store.
    empty0, _ = _timed_analyze(paths_lookup, f"sqlite:///{folder / 'empty0.db'}", True)
    empty1, _ = _timed_analyze(paths_full, f"sqlite:///{folder / 'empty1.db'}", True)
    lookup_seconds, looked = _timed_analyze(paths_lookup, f"sqlite:///{big}", True)
    full_seconds, loaded = _timed_analyze(paths_full, f"sqlite:///{big}", False)
    figures["analyze_empty_s"] = [round(empty0, 2), round(empty1, 2)]
    figures["analyze_lookup_s"] = round(lookup_seconds, 2)
    figures["analyze_window_s"] = round(full_seconds, 2)
    figures["earlier_found"] = {
        "lookup": sum(len(s.get("earlier_articles", [])) for s in looked.data["stories"]),
        "window": sum(len(s.get("earlier_articles", [])) for s in loaded.data["stories"]),
    }

    # The window's load beside the lookup, for the warm-up's batch (not in this store;
    # nothing written).
    batch = [stored_article(a.text, 10**7 + i) for i, a in enumerate(batches[3])]
    entries = index_entries(batch)
    store = open_store(f"sqlite:///{big}", read_only=True)
    try:
        started = time.perf_counter()
        window = StoryWindow.load(store)
        figures["window_load_s"] = round(time.perf_counter() - started, 2)
        figures["window_mb"] = round(window.nbytes() / 1e6)
        started = time.perf_counter()
        stored_window(store.window_postings, entries)
        figures["lookup_s"] = round(time.perf_counter() - started, 3)
        from newsprism.relate import incremental

        with_lookup = [a.id for a in find_earlier(store, batch, entries)]
        limit, incremental.LOOKUP_MAX_BATCH = incremental.LOOKUP_MAX_BATCH, 0
        with_window = [a.id for a in find_earlier(store, batch, entries)]
        incremental.LOOKUP_MAX_BATCH = limit
        figures["same_earlier_articles"] = with_lookup == with_window
        figures["earlier_articles"] = len(with_lookup)
        # The alternative: the window pickled beside the store, loaded by each run.
        cache = folder / "window.pickle"
        started = time.perf_counter()
        cache.write_bytes(pickle.dumps(window, protocol=pickle.HIGHEST_PROTOCOL))
        figures["cache_write_s"] = round(time.perf_counter() - started, 2)
        figures["cache_mb"] = round(cache.stat().st_size / 1e6)
        del window
        started = time.perf_counter()
        pickle.loads(cache.read_bytes())
        figures["cache_load_s"] = round(time.perf_counter() - started, 2)
        cache.unlink()
    finally:
        store.close()

    # The writer: index entries of 10,000 new articles, then posting that delta.
    figures["writer"] = _writer_cost(big)
    return figures


def _writer_cost(path: Path, count: int = 10_000) -> dict[str, float]:
    """The writer's cost per article (index rows only: the postings lag), then the
    one-off cost of posting those ``count`` entries in bulk (``post_window``)."""
    from newsprism.model import IndexEntry
    from newsprism.store.base import open_store

    rng = np.random.default_rng(5)
    signatures = rng.integers(0, 2**32, size=(count, 192), dtype=np.uint64).astype("<u4")
    terms = [
        tuple(sorted({f"Middling{int(t):06d}" for t in rng.integers(0, MIDDLING, 6)}))
        + tuple(f"Newx{i}x{k}" for k in range(12))
        for i in range(count)
    ]
    entries = [IndexEntry(f"x{i}", signatures[i].tobytes(), terms[i], 20_400) for i in range(count)]
    store = open_store(f"sqlite:///{path}")
    try:
        store.post_window()  # current before (the window-load analyze left five behind)
        started = time.perf_counter()
        for start in range(0, count, 500):  # ingest-sized writes
            store.add_index_entries(entries[start : start + 500])
        written = time.perf_counter() - started
        started = time.perf_counter()
        posted = store.post_window()
        posting = time.perf_counter() - started
    finally:
        store.close()
    return {
        "writer_ms": round(1000 * written / count, 3),
        "post_delta": posted,
        "post_s": round(posting, 2),
        "post_ms": round(1000 * posting / max(1, posted), 3),
    }


def format_table(f: dict[str, Any]) -> str:
    e0, e1 = f["analyze_empty_s"]
    lines = [
        f"analyze --db, {f['batch']} new articles, store of {f['n']:,} articles (SQLite)",
        "",
        "| what | seconds | same batch, empty store | added by the store |",
        "|---|---:|---:|---:|",
        f"| analyze --db, indexed lookup | {f['analyze_lookup_s']} | {e0} | "
        f"+{f['analyze_lookup_s'] - e0:.2f} |",
        f"| analyze --db, full window load | {f['analyze_window_s']} | {e1} | "
        f"+{f['analyze_window_s'] - e1:.2f} |",
        "",
        "| candidates for one batch | seconds | size |",
        "|---|---:|---:|",
        f"| full window load (StoryWindow.load) | {f['window_load_s']} | "
        f"{f['window_mb']} MB memory |",
        f"| indexed lookup (stored_window) | {f['lookup_s']} | store {f['store_mb']} MB |",
        f"| pickled window cache, load | {f['cache_load_s']} | {f['cache_mb']} MB file "
        f"(written in {f['cache_write_s']} s) |",
        "",
        f"same earlier articles (lookup vs window): {f['same_earlier_articles']} "
        f"({f['earlier_articles']} found); earlier articles in the analyze runs: "
        f"{f['earlier_found']}",
        f"writer, index entries, ms per article: {f['writer']['writer_ms']} (postings lag); "
        f"posting a delta of {f['writer']['post_delta']:,} entries: {f['writer']['post_s']} s "
        f"({f['writer']['post_ms']} ms an entry)",
        "bulk build seconds: " + ", ".join(f"{k} {v:.0f}" for k, v in f["build_seconds"].items()),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="stored articles")
    parser.add_argument("--dir", type=Path, default=None, help="where the stores go")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    random.seed(0)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        figures = run(args.n, Path(folder))
    print(json.dumps(figures, indent=2) if args.json else format_table(figures))


if __name__ == "__main__":
    main()
