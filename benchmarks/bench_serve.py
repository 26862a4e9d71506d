"""``newsprism serve`` on a big store: the stories page and searches, timed through the
real app in process (Starlette's TestClient: routing, the store's queries, the template;
no socket), beside a plain-SQL lower bound on the same store in the same process.

    python -m benchmarks.bench_serve --n 1000000 --cache /tmp/serve-1m.db

The store is written in bulk by ``benchmarks.bench_window.bulk_store`` (filler rows with
titles, then generated news; no window index or postings: serving reads neither), then
given stories as a streaming ingest leaves them: consecutive articles grouped into stories
of geometric size (mean 2.5: 400,000 stories for 1,000,000 articles, as the streaming
benchmark finds), the generated news by its own events, updated in batches of 1,000, a few
merged into others. The store is then opened for writing once, so it is migrated to this
version's schema (the migration's time is printed). ``--cache PATH`` keeps the store and
reuses it on the next run.

Timed (median and p95 of ``--runs`` after one warm-up): the stories page (first page, a
deep page by page number, the next page by its link), one story page (cold: a different
story each run, so the dossier is rebuilt; and warm, from the page cache), and searches for
a common term (a filler word in a sixth of the titles), a rare one (a word of one
generated title) and a person's name. The peer (``sql``): the smallest sqlite3 SELECT that
answers the same page (the stories' rows, ``LIMIT``), which no web view can beat.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import sqlite3
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import stories
from benchmarks.bench_window import REAL, bulk_store, index_search, stored_article

MEAN_STORY = 2.5  # articles per story, as the streaming benchmark finds at 1M
MERGED = 0.01  # share of stories merged into another (they keep no members)


def add_stories(path: Path, real: list[tuple[str, str]]) -> int:
    """Stories over every stored article: filler rows in runs of geometric length, the
    ``real`` (article id, event) pairs by event; returns how many stories were written."""
    rng = np.random.default_rng(7)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    real_ids = {a for a, _ in real}
    rows = db.execute("SELECT id, title FROM articles ORDER BY id").fetchall()
    filler = [(i, t) for i, t in rows if i not in real_ids]
    titles = dict(rows)
    groups: list[list[str]] = []
    at = 0
    sizes = rng.geometric(1 / MEAN_STORY, size=len(filler))
    for size in sizes:
        if at >= len(filler):
            break
        groups.append([i for i, _ in filler[at : at + int(size)]])
        at += int(size)
    by_event: dict[str, list[str]] = {}
    for article_id, event in real:
        by_event.setdefault(event, []).append(article_id)
    groups.extend(sorted(members) for members in by_event.values())
    story_rows = []
    member_rows = []
    start = 1_780_000_000  # seconds: stories are updated in batches of 1,000
    for k, members in enumerate(groups):
        story_id = "S" + min(members).removeprefix("a")
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(start + k // 1000))
        story_rows.append((story_id, titles[members[0]], stamp, stamp, None))
        member_rows.extend((a, story_id) for a in members)
    merged = rng.choice(len(story_rows), size=int(len(story_rows) * MERGED), replace=False)
    for k in merged:
        sid, title, created, updated, _ = story_rows[k]
        story_rows.append((f"{sid}m", title, created, updated, sid))
    db.executemany("INSERT INTO stories VALUES (?, ?, ?, ?, ?)", story_rows)
    db.executemany("INSERT INTO story_members (article_id, story_id) VALUES (?, ?)", member_rows)
    db.commit()
    db.execute("ANALYZE")
    db.close()
    return len(groups)


def build(path: Path, n: int) -> dict[str, Any]:
    from newsprism.store.base import open_store

    generated = list(stories.generate(REAL, seed=5))
    unique = {a.text: a for a in generated}
    real = [(stored_article(a.text, i), a.story) for i, a in enumerate(unique.values())]
    open_store(f"sqlite:///{path}").close()
    started = time.perf_counter()
    seconds = bulk_store(path, n, [a for a, _ in real], postings=False, index=False, titles=True)
    count = add_stories(path, [(a.id, event) for a, event in real])
    index_search(path)  # the stories, written past the store
    seconds["total"] = time.perf_counter() - started
    return {"build_seconds": seconds, "stories": count}


def pick_terms(path: Path) -> dict[str, str]:
    """A common filler word, a word of one generated title, a name from generated titles."""
    db = sqlite3.connect(path)
    titles = [t for (t,) in db.execute("SELECT title FROM articles WHERE source != 'filler'") if t]
    db.close()
    words = Counter(w.lower() for t in titles for w in re.findall(r"[A-Za-z]{7,}", t))
    rare = sorted(w for w, c in words.items() if c == 1)
    lower = {w for t in titles for w in re.findall(r"\b[a-z]+", t)}
    names = Counter(
        m
        for t in titles
        for m in re.findall(r"(?<=[a-z] )[A-Z][a-z]{3,} [A-Z][a-z]{3,}", t)
        if not {w.lower() for w in m.split()} & lower
    )
    name = sorted(names, key=lambda k: (-names[k], k))[0] if names else "Minister"
    return {"common": "w42", "rare": random.Random(3).choice(rare), "name": name}


def index_cost(folder: Path, count: int = 40_000) -> dict[str, float]:
    """Microseconds per article that the search index adds to storing articles
    (``add_articles``, batches of 500, a fresh store each time; with the index, and with
    the tail never indexed, alternately, the best of two each)."""
    from newsprism.store import search
    from newsprism.store.base import open_store

    rng = random.Random(5)
    words = [f"w{k}" for k in range(5000)]
    found: dict[str, list[float]] = {"with index": [], "without": []}
    batch = search.INDEX_BATCH
    for attempt in range(2):
        for label in found:
            path = folder / f"cost-{attempt}-{label.replace(' ', '-')}.db"
            items = [
                stored_article(" ".join(rng.choice(words) for _ in range(60)) + f" {i}", i)
                for i in range(count)
            ]
            search.INDEX_BATCH = batch if label == "with index" else 10**12
            store = open_store(f"sqlite:///{path}")
            try:
                run = store.begin_run([], [], {})
                started = time.perf_counter()
                store.add_articles(items, run)
                found[label].append((time.perf_counter() - started) / count * 1e6)
            finally:
                store.close()
                search.INDEX_BATCH = batch
    return {k: round(min(v), 1) for k, v in found.items()}


def _time(call: Any, runs: int) -> tuple[float, float]:
    call()
    took = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        took.append((time.perf_counter() - started) * 1000)
    took.sort()
    return statistics.median(took), took[min(len(took) - 1, round(0.95 * (len(took) - 1)))]


def run(path: Path, runs: int) -> dict[str, Any]:
    from starlette.testclient import TestClient

    from newsprism.store.base import open_store
    from newsprism.web.app import create_app

    figures: dict[str, Any] = {}
    started = time.perf_counter()
    open_store(f"sqlite:///{path}").close()  # migrated to head (once: then a no-op)
    figures["upgrade_s"] = round(time.perf_counter() - started, 1)
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    figures["articles"] = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    figures["stories"] = db.execute(
        "SELECT count(*) FROM stories WHERE merged_into IS NULL"
    ).fetchone()[0]
    real_stories = [
        s
        for (s,) in db.execute(
            "SELECT story_id FROM story_members WHERE article_id LIKE 'a%' "
            "GROUP BY story_id HAVING count(*) >= 3 ORDER BY story_id"
        )
    ]
    terms = pick_terms(path)
    figures["terms"] = terms
    serving = contextlib.ExitStack()  # the app's lifespan: one store for every request
    client = serving.enter_context(TestClient(create_app(f"sqlite:///{path}")))

    def get(url: str) -> Any:
        def call() -> None:
            answer = client.get(url)
            assert answer.status_code == 200, (url, answer.status_code, answer.text[:300])

        return call

    first = client.get("/stories.json?size=25").json()
    cold = iter(real_stories[1:])

    def story_cold() -> None:
        get(f"/stories/{next(cold)}")()

    def sql(query: str, *args: Any) -> Any:
        return lambda: db.execute(query, args).fetchall()

    newest = (
        "SELECT id, title, updated_at FROM stories WHERE merged_into IS NULL "
        "ORDER BY updated_at DESC, id LIMIT ? OFFSET ?"
    )
    title_like = (
        "SELECT id, title, updated_at FROM stories WHERE merged_into IS NULL AND title LIKE ? "
        "ORDER BY updated_at DESC, id LIMIT 26"
    )
    cases: list[tuple[str, Any, Any]] = [
        ("stories, first page", get("/stories"), sql(newest, 26, 0)),
        ("stories, page 400 (offset 9,975)", get("/stories?page=400"), sql(newest, 26, 9975)),
        ("stories, page 4000 (offset 99,975)", get("/stories?page=4000"), sql(newest, 26, 99975)),
        ("stories, next link of page 1", get(first["next"].replace(".json", "")), None),
        ("story page, cold (rebuilt)", story_cold, None),
        ("story page, warm (cached)", get(f"/stories/{real_stories[0]}"), None),
    ]
    for kind, term in terms.items():
        cases.append(
            (
                f"search, {kind} term {term!r}",
                get(f"/stories?q={term.replace(' ', '+')}"),
                sql(title_like, f"%{term}%"),
            )
        )
    rows = []
    for name, call, peer in cases:
        median, p95 = _time(call, runs)
        row: dict[str, Any] = {
            "request": name,
            "median_ms": round(median, 1),
            "p95_ms": round(p95, 1),
        }
        if peer is not None:
            row["sql_median_ms"] = round(_time(peer, runs)[0], 1)
        rows.append(row)
    serving.close()
    db.close()
    figures["rows"] = rows
    with tempfile.TemporaryDirectory() as scratch:
        figures["store_us_per_article"] = index_cost(Path(scratch))
    return figures


def format_table(f: dict[str, Any]) -> str:
    lines = [
        f"{f['articles']:,} articles, {f['stories']:,} stories; migration to head "
        f"{f['upgrade_s']} s; terms {f['terms']}",
        f"{'request':<44} {'median ms':>10} {'p95 ms':>8} {'sql ms':>8}",
    ]
    for r in f["rows"]:
        peer = r.get("sql_median_ms")
        lines.append(
            f"{r['request']:<44} {r['median_ms']:>10} {r['p95_ms']:>8} "
            f"{'' if peer is None else peer:>8}"
        )
    cost = f["store_us_per_article"]
    lines.append(
        f"storing an article (add_articles): {cost['with index']} µs with the search "
        f"index, {cost['without']} µs without"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="stored articles")
    parser.add_argument("--cache", type=Path, default=None, help="keep/reuse the store here")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per request")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = args.cache or Path(scratch) / "serve.db"
        built: dict[str, Any] = {}
        if not path.is_file():
            built = build(path, args.n)
        figures = {**built, **run(path, args.runs)}
    print(json.dumps(figures, indent=2) if args.json else format_table(figures))


if __name__ == "__main__":
    main()
