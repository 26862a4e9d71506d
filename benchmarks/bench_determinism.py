"""Determinism on real coverage: the same articles give byte-identical dossiers whatever
Python's string-hash seed and however many workers ingested them.

Each run is its own process (the hash seed is fixed at start-up). Two paths are checked:

- ``analyze``: the twelve months of PolNeAR articles (``../shared/datasets/polnear/``), a
  month per dossier, under every seed; each month's ``dossier.json`` is hashed.
- ``ingest`` + ``report``: all articles ingested into a store with 1 and 2 workers (each
  under a different seed), then the stories' memberships and the ``report`` dossier of
  each story with 3 articles or more compared.

    python -m benchmarks.bench_determinism [--seeds 1,2,3] [--data DIR] [--json]

The table shows, per path, how many outputs were compared and how many differed from the
first seed's (the peer run on the same data).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.conflicts_real import DEFAULT_DATA, _articles

# Run inside a child process: prints {month: sha256 of dossier.json}.
_ANALYZE_CHILD = """
import hashlib, json, sys
from collections import defaultdict
from newsprism.api import analyze
months = defaultdict(list)
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    months[record["month"]].append(record["text"])
out = {}
for month, texts in sorted(months.items()):
    data = analyze(texts).data
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    out[month] = hashlib.sha256(blob).hexdigest()
print(json.dumps(out))
"""

# Prints the story memberships' hash and {story: sha256 of its report dossier.json}.
_REPORT_CHILD = """
import hashlib, json, sys, tempfile
from pathlib import Path
from newsprism.api import story_dossier
from newsprism.store.base import open_store
url = sys.argv[1]
store = open_store(url, read_only=True)
members = {}
for article, story in store.iter_story_members():
    members.setdefault(story, []).append(article)
store.close()
listing = json.dumps(sorted((s, sorted(m)) for s, m in members.items())).encode()
out = {"stories": len(members), "memberships": hashlib.sha256(listing).hexdigest(), "reports": {}}
with tempfile.TemporaryDirectory() as tmp:
    for story in sorted(s for s, m in members.items() if len(m) >= 3):
        story_dossier(url, story, Path(tmp) / story)
        blob = (Path(tmp) / story / "dossier.json").read_bytes()
        out["reports"][story] = hashlib.sha256(blob).hexdigest()
print(json.dumps(out))
"""


def _feed(data: Path, folder: Path) -> Path:
    """The PolNeAR articles (read as ``conflicts_real`` reads them, by month) as one feed."""
    months = _articles(data, None)
    if not months:
        raise SystemExit(f"no PolNeAR articles under {data}; pass --data DIR")
    feed = folder / "polnear.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for month, records in months.items():
            for record in records:
                row = {"id": record["id"], "text": record["text"], "month": month}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return feed


def _child(seed: int, args: list[str]) -> Any:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    done = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"run with PYTHONHASHSEED={seed} failed:\n{done.stderr[-3000:]}")
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:  # something printed before the JSON line
        return json.loads(done.stdout.strip().splitlines()[-1])


def run(data: Path, seeds: list[int]) -> dict[str, Any]:
    rows: dict[str, dict[str, Any]] = defaultdict(dict)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        feed = _feed(data, folder)
        analyzed = {seed: _child(seed, ["-c", _ANALYZE_CHILD, str(feed)]) for seed in seeds}
        first = analyzed[seeds[0]]
        rows["analyze, a dossier per month"] = {
            "outputs": len(first) * len(seeds),
            "differing": sum(first[m] != analyzed[s].get(m) for s in seeds[1:] for m in first),
        }
        reports = {}
        for index, seed in enumerate(seeds):
            workers = 1 + index % 2  # seeds alternate between one worker and two
            url = f"sqlite:///{folder / f'store-{seed}.db'}"
            command = [
                "-m", "newsprism", "ingest", str(feed), "--db", url,
                "--workers", str(workers), "--batch-size", "100", "--json",
            ]  # fmt: skip
            _child(seed, command)
            reports[(seed, workers)] = _child(seed, ["-c", _REPORT_CHILD, url])
        keys = list(reports)
        base = reports[keys[0]]
        rows["ingest: story memberships"] = {
            "outputs": len(keys),
            "differing": sum(reports[k]["memberships"] != base["memberships"] for k in keys),
        }
        rows["ingest + report, a dossier per story"] = {
            "outputs": len(base["reports"]) * len(keys),
            "differing": sum(
                base["reports"][story] != reports[k]["reports"].get(story)
                for k in keys[1:]
                for story in base["reports"]
            ),
        }
    return {
        "seeds": seeds,
        "runs": [f"seed {s}, {w} worker{'s' if w > 1 else ''}" for s, w in reports],
        "stories": base["stories"],
        "seconds": round(time.perf_counter() - started, 1),
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seeds", default="1,2,3", help="PYTHONHASHSEED values, comma-separated")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    if len(seeds) < 2:
        raise SystemExit("give two seeds or more: each run is compared with the first")
    result = run(args.data, seeds)
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        return
    print(f"runs: {'; '.join(result['runs'])} ({result['seconds']} s)")
    print(f"{'output':<40} {'compared':>9} {'differing':>10}")
    for name, row in result["rows"].items():
        print(f"{name:<40} {row['outputs']:>9} {row['differing']:>10}")
    if any(row["differing"] for row in result["rows"].values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
