"""Peak memory: one giant input, a 50 MB feed, and ingest's growth with the stream's length.

    python -m benchmarks.bench_memory [--mb 50] [--n 20000] [--big-n 100000] [--json]

Every case runs in a process of its own, so each has its own peak resident memory
(``ru_maxrss`` of that process and the processes it waited for, read with ``os.wait4`` by
a small launcher process, so the benchmark's own memory is not counted).
Beside each newsprism command, in the same run and on the same file, its peer: Python
reading the file (and ``json.loads`` per line for the feed), and bare
``trafilatura.extract`` on the giant HTML page.

- giant inputs (untrusted: one file of ``--mb`` MB): a text article, an HTML article, and
  the largest text article the default limits accept, through ``newsprism analyze``;
- a feed of many generated articles, ``--mb`` MB of JSON Lines, through ``newsprism
  ingest --stages extract,clean`` (one worker, so the peak is one process's);
- growth: ``newsprism ingest`` (extract,clean, two workers) of generated stories
  (``benchmarks.stories``, as ``bench_scale``) at ``--n``/2 and ``--n`` articles with a
  small story window (5,000 articles, full after the first batches), so the slope is what
  the coordinator holds per article beyond the window; the 1M estimate adds it to the
  default window's own arrays; then a real run at ``--big-n`` with the default window.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path
from typing import Any

from benchmarks import bench_scale
from benchmarks.corpus import generate
from newsprism.readers.documents import Limits
from newsprism.relate.window import WINDOW_ARTICLES

SINGLE_TARGET_MB = 500.0  # the bound for one 50 MB input
MILLION_TARGET_MB = 2000.0  # and for ingesting a million articles
GROWTH_WINDOW = 5000
TIMEOUT_S = 900.0
PEER_TIMEOUT_S = 300.0  # bare trafilatura on a 50 MB page runs for minutes on a busy machine
PYTHON = sys.executable


def _paragraphs(megabytes: float) -> list[str]:
    target, size, out = int(megabytes * 1e6), 0, []
    for article in generate(10**7):
        for paragraph in article.paragraphs:
            out.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
            if size >= target:
                return out
    return out


def write_inputs(folder: Path, megabytes: float) -> dict[str, Path]:
    """The giant text and HTML articles, the largest accepted text and the feed."""
    paragraphs = _paragraphs(megabytes)
    text = folder / "giant.txt"
    text.write_text("\n\n".join(paragraphs), encoding="utf-8")
    html = folder / "giant.html"
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html.write_text(
        "<!doctype html><html><head><title>A giant page</title></head><body><article>"
        f"<h1>A giant page</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    limit = Limits().max_article_bytes
    accepted = folder / "largest-accepted.txt"
    kept, size = [], 0
    for paragraph in paragraphs:
        size += len(paragraph.encode("utf-8")) + 2
        if size > limit:
            break
        kept.append(paragraph)
    accepted.write_text("\n\n".join(kept), encoding="utf-8")
    feed = folder / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as handle:
        written = 0
        for article in generate(10**7):
            line = json.dumps({"id": f"a{article.number}", "text": article.text}) + "\n"
            handle.write(line)
            written += len(line.encode("utf-8"))
            if written >= megabytes * 1e6:
                break
    return {"text": text, "html": html, "accepted": accepted, "feed": feed}


# Runs the command as its child and writes that child's rusage: a process forked from this
# benchmark (its inputs in memory) would count this process's pages in its own peak, as
# Linux keeps a forked process's high-water mark across exec; one forked from this small
# launcher does not. On a timeout the command is killed; its peak so far is still read.
LAUNCHER = """
import json, os, signal, sys
out, timeout, argv = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
pid = os.fork()
if pid == 0:
    os.execv(argv[0], argv)
signal.signal(signal.SIGALRM, lambda *_: os.kill(pid, signal.SIGKILL))
signal.setitimer(signal.ITIMER_REAL, timeout)
_, status, usage = os.wait4(pid, 0)
cpu = usage.ru_utime + usage.ru_stime
with open(out, "w") as handle:
    json.dump([usage.ru_maxrss, cpu, os.waitstatus_to_exitcode(status)], handle)
"""


def measure(command: list[str], timeout: float = TIMEOUT_S) -> dict[str, Any]:
    """Run ``command`` in its own process: its peak resident memory, time and output."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "rusage.json"
        started = time.perf_counter()
        done = subprocess.run(
            [PYTHON, "-c", LAUNCHER, str(report), str(timeout), *command],
            capture_output=True,
            text=True,
            errors="replace",
            check=False,
        )
        seconds = time.perf_counter() - started
        maxrss_kb, cpu, exit_code = json.loads(report.read_text())
    return {
        "peak_mb": round(maxrss_kb / 1024, 1),
        "seconds": round(seconds, 1),
        "cpu_s": round(cpu, 1),
        "exit": exit_code,
        "stdout": done.stdout,
        "stderr": done.stderr,
    }


def _cli(*args: str) -> list[str]:
    return [PYTHON, "-m", "newsprism.cli", *args]


def _outcome(result: dict[str, Any]) -> str:
    """What the command did: articles read, the error codes it reported, or its crash."""
    try:
        summary = json.loads(result["stdout"])
    except json.JSONDecodeError:
        last = (result["stderr"].strip().splitlines() or ["no output"])[-1]
        return f"exit {result['exit']}: {last[:70]}"
    codes = sorted({e["code"] for e in summary.get("errors", [])})
    read = summary.get("articles_read", summary.get("articles", 0))
    return f"exit {result['exit']}: {read} read" + (f", {'/'.join(codes)}" if codes else "")


def _row(case: str, path: Path, tool: str, result: dict[str, Any], outcome: str) -> dict[str, Any]:
    return _progress(
        {
            "case": case,
            "input_mb": round(path.stat().st_size / 1e6, 1),
            "tool": tool,
            "peak_mb": result["peak_mb"],
            "seconds": result["seconds"],
            "outcome": outcome,
        }
    )


def _progress(row: dict[str, Any]) -> dict[str, Any]:
    """Each row on stderr as it is measured (a long run's partial results survive)."""
    print(json.dumps(row), file=sys.stderr, flush=True)
    return row


def _peer(code: str, path: Path) -> dict[str, Any]:
    return measure([PYTHON, "-c", code, str(path)], PEER_TIMEOUT_S)


def _ended(result: dict[str, Any]) -> str:
    if result["exit"] == -9:  # killed: its peak so far is a lower bound
        return f"killed after {PEER_TIMEOUT_S:.0f} s (peak so far)"
    return f"exit {result['exit']}"


READ = "import sys; t = open(sys.argv[1], 'rb').read().decode('utf-8'); print(len(t))"
READ_LINES = (
    "import json, sys\nn = 0\n"
    "for line in open(sys.argv[1], 'rb'):\n    json.loads(line)['text']; n += 1\nprint(n)"
)
TRAFILATURA = (
    "import sys, trafilatura\n"
    "t = trafilatura.extract(open(sys.argv[1], 'rb').read().decode('utf-8'))\n"
    "print(len(t or ''))"
)


def single_cases(folder: Path, megabytes: float) -> list[dict[str, Any]]:
    paths = write_inputs(folder, megabytes)
    rows = []
    baseline = measure([PYTHON, "-c", "import newsprism.cli"])
    rows.append(
        {
            "case": "baseline",
            "input_mb": 0.0,
            "tool": "python -c 'import newsprism.cli'",
            "peak_mb": baseline["peak_mb"],
            "seconds": baseline["seconds"],
            "outcome": f"exit {baseline['exit']}",
        }
    )
    for case, key, peer_name, peer_code in (
        (f"one {megabytes:g} MB text article", "text", "python: read + decode", READ),
        (f"one {megabytes:g} MB HTML article", "html", "trafilatura.extract", TRAFILATURA),
        ("largest text article accepted", "accepted", "python: read + decode", READ),
    ):
        path = paths[key]
        peer = _peer(peer_code, path)
        rows.append(_row(case, path, peer_name, peer, _ended(peer)))
        ours = measure(_cli("analyze", str(path), "-o", str(folder / f"out-{key}"), "--json"))
        rows.append(_row(case, path, "newsprism analyze", ours, _outcome(ours)))
    feed = paths["feed"]
    case = f"{megabytes:g} MB feed (JSON Lines)"
    peer = _peer(READ_LINES, feed)
    rows.append(_row(case, feed, "python: json.loads per line", peer, _ended(peer)))
    db = f"sqlite:///{folder / 'feed.db'}"
    ours = measure(
        [
            *_cli("ingest", str(feed), "--db", db, "--stages", "extract,clean"),
            *("--workers", "1", "--executor", "inline", "--json"),
        ]
    )
    rows.append(_row(case, feed, "newsprism ingest extract,clean", ours, _outcome(ours)))
    return rows


def ingest_run(n: int, folder: Path, cache: Path | None, window: int) -> dict[str, Any]:
    feed, _ = bench_scale.generated_feed(n, folder, cache)
    db = folder / f"growth-{n}-{window}.db"
    result = measure(
        [
            *_cli("ingest", str(feed), "--db", f"sqlite:///{db}", "--stages", "extract,clean"),
            *("--workers", "2", "--batch-size", "2000", "--window", str(window), "--json"),
        ]
    )
    db.unlink(missing_ok=True)
    summary = json.loads(result["stdout"]) if result["exit"] in (0, 1) else {}
    return _progress(
        {
            "articles": n,
            "window": window,
            "seconds": result["seconds"],
            "coordinator_mb": summary.get("coordinator_peak_mb"),
            "worker_mb": summary.get("worker_peak_mb"),
            "total_mb": summary.get("peak_memory_mb"),
            "outcome": _outcome(result),
        }
    )


def growth_cases(n: int, big_n: int, folder: Path, cache: Path | None) -> list[dict[str, Any]]:
    small = ingest_run(n // 2, folder, cache, GROWTH_WINDOW)
    large = ingest_run(n, folder, cache, GROWTH_WINDOW)
    rows = [small, large]
    if small["coordinator_mb"] and large["coordinator_mb"]:
        slope = (large["coordinator_mb"] - small["coordinator_mb"]) / (n - n // 2)
        large["kb_per_article_beyond_window"] = round(slope * 1024, 3)
    if big_n:
        big = ingest_run(big_n, folder, cache, WINDOW_ARTICLES)
        rows.append(big)
        if "kb_per_article_beyond_window" in large and big["total_mb"]:
            # The default window fills at WINDOW_ARTICLES; before that the coordinator grows
            # with it (measured by the big run), past it only by the slope above.
            per_article = large["kb_per_article_beyond_window"] / 1024
            if big_n >= WINDOW_ARTICLES:
                estimate = big["total_mb"] + per_article * (1_000_000 - big_n)
            else:
                window_slope = (big["coordinator_mb"] - large["coordinator_mb"]) / (big_n - n)
                estimate = (
                    big["total_mb"]
                    + window_slope * (WINDOW_ARTICLES - big_n)
                    + per_article * (1_000_000 - WINDOW_ARTICLES)
                )
            big["estimate_1m_mb"] = round(estimate, 0)
    return rows


def run(megabytes: float, n: int, big_n: int, cache: Path | None, only: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        single = single_cases(folder, megabytes) if only in ("all", "single") else []
        growth = growth_cases(n, big_n, folder, cache) if only in ("all", "growth") else []
    return {"single": single, "growth": growth}


def format_table(result: dict[str, Any]) -> str:
    lines = []
    if result["single"]:
        header = f"{'case':<32}{'MB':>6}  {'tool':<32}{'peak MB':>9}{'s':>7}  outcome"
        lines += [header, "-" * (len(header) + 30)]
        for r in result["single"]:
            lines.append(
                f"{r['case']:<32}{r['input_mb']:>6.1f}  {r['tool']:<32}{r['peak_mb']:>9.0f}"
                f"{r['seconds']:>7.1f}  {r['outcome']}"
            )
        worst = max(r["peak_mb"] for r in result["single"] if r["tool"].startswith("newsprism"))
        lines.append(
            f"target: one input <= {SINGLE_TARGET_MB:.0f} MB peak "
            f"({'met' if worst <= SINGLE_TARGET_MB else 'MISSED'}: {worst:.0f} MB at most)"
        )
    if result["growth"]:
        if lines:
            lines.append("")
        header = (
            f"{'articles':>9}{'window':>8}{'s':>7}{'coord. MB':>11}{'worker MB':>11}"
            f"{'total MB':>10}{'KB/art.':>9}{'1M line':>9}  outcome"
        )
        lines += [header, "-" * (len(header) + 20)]
        for r in result["growth"]:
            slope = r.get("kb_per_article_beyond_window")
            estimate = r.get("estimate_1m_mb")
            lines.append(
                f"{r['articles']:>9}{r['window']:>8}{r['seconds']:>7.1f}"
                f"{r['coordinator_mb'] or 0:>11.0f}{r['worker_mb'] or 0:>11.0f}"
                f"{r['total_mb'] or 0:>10.0f}{'' if slope is None else f'{slope:.3f}':>9}"
                f"{'' if estimate is None else f'{estimate:.0f}':>9}  {r['outcome']}"
            )
        estimates = [r["estimate_1m_mb"] for r in result["growth"] if "estimate_1m_mb" in r]
        if estimates:
            lines.append(
                f"target: 1M articles <= {MILLION_TARGET_MB:.0f} MB "
                f"({'met' if estimates[0] <= MILLION_TARGET_MB else 'not shown'} by a straight "
                f"line: {estimates[0]:.0f} MB, an upper bound, as SQLite's page cache, part "
                "of the slope, stops at its cache_size; bench_scale measures the million)"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="size of the giant inputs")
    parser.add_argument("--n", type=int, default=20_000, help="articles of the growth runs")
    parser.add_argument("--big-n", type=int, default=100_000, help="the real run (0: none)")
    parser.add_argument("--only", choices=("all", "single", "growth"), default="all")
    parser.add_argument("--cache", type=Path, help="keep generated feeds in this folder")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    result = run(args.mb, args.n, args.big_n, args.cache, args.only)
    print(json.dumps(result, indent=2) if args.json else format_table(result))


if __name__ == "__main__":
    main()
