"""The per-article time budget counts an article's own CPU time: on a machine whose cores
are busy with other jobs, analyze keeps every article it keeps on an idle one, and an
article that is stuck without using CPU still fails on the wall-clock safety net."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsprism.stages.base import ArticleOverTime, time_budget

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "corpus"
SPIN = "while True: pass"


def _analyze(out: Path, cores: set[int] | None = None) -> tuple[list[str], list[str]]:
    """Sources of the dossier's articles and the codes of its errors, from a fresh process
    (so that it loads its models itself, as a user's first run does)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        # The smallest budget there is: a loaded machine's waiting would exceed it.
        "NEWSPRISM_MAX_ARTICLE_SECONDS": "1",
        # The batch stages' spaCy model is loaded outside the budget: off, to keep this short.
        "NEWSPRISM_NER_MODEL": "off",
    }
    done = subprocess.run(
        [sys.executable, "-m", "newsprism", "analyze", str(SAMPLE), "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=50,
        preexec_fn=None if cores is None else lambda: os.sched_setaffinity(0, cores),
    )
    assert done.returncode == 0, done.stderr
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    sources = sorted(article["source"].rsplit("/", 1)[-1] for article in dossier["articles"])
    return sources, [error["code"] for error in dossier.get("errors", [])]


@contextlib.contextmanager
def busy_core(core: int, hogs: int = 2) -> Iterator[None]:
    """``hogs`` processes spinning on one core for as long as the block runs: a process
    pinned there gets a third of it (the machine's other cores stay free for others)."""
    spinning = [
        subprocess.Popen(
            [sys.executable, "-c", SPIN], preexec_fn=lambda: os.sched_setaffinity(0, {core})
        )
        for _ in range(hogs)
    ]
    try:
        yield
    finally:
        for hog in spinning:
            hog.kill()
        for hog in spinning:
            hog.wait()


def test_analyze_on_a_busy_core_keeps_every_article_of_an_idle_run(tmp_path: Path) -> None:
    core = min(os.sched_getaffinity(0))
    with busy_core(core):
        busy_sources, busy_errors = _analyze(tmp_path / "busy", cores={core})
    idle_sources, idle_errors = _analyze(tmp_path / "idle")
    assert "E112" not in busy_errors + idle_errors
    assert len(idle_sources) == 9
    assert busy_sources == idle_sources


def test_waiting_does_not_count_but_a_stuck_article_meets_the_wall_clock_net() -> None:
    started = time.perf_counter()
    with time_budget(0.2, wall_seconds=5):
        time.sleep(0.5)  # waiting, not working: within a 0.2 s CPU budget
    with pytest.raises(ArticleOverTime) as over, time_budget(0.2, wall_seconds=1):
        time.sleep(30)  # stuck without using CPU
    assert over.value.stuck
    assert time.perf_counter() - started < 5


def test_work_over_the_cpu_budget_is_stopped_on_time() -> None:
    started = time.perf_counter()
    with pytest.raises(ArticleOverTime) as over, time_budget(0.3):
        while True:
            pass
    assert not over.value.stuck
    assert time.perf_counter() - started < 3
