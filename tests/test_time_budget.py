"""A per-article time budget: an article that makes a stage slow becomes a recorded error
(E112) and the rest of the batch comes out as it would without it."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import newsprism
import newsprism.stages.metadata as metadata_stage
from newsprism.config import Settings
from newsprism.ingest.stream import ingest
from newsprism.stages.base import ArticleOverTime, time_budget

SLOW_MARK = "Zyxwvut"


def _texts(tmp_path: Path) -> list[Path]:
    paths = []
    for n, body in enumerate(
        [
            "The council of Velmora met on Tuesday and approved the new bridge budget.",
            f"The port of Ostrand reopened after the storm, said {SLOW_MARK} Harbour.",
            "Farmers in the Kelby valley reported the best harvest in a decade.",
        ]
    ):
        path = tmp_path / f"{n}.txt"
        path.write_text(body * 3, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def slow_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    real = metadata_stage.describe

    def describe(article, **options):  # type: ignore[no-untyped-def]
        if SLOW_MARK in article.text:
            time.sleep(30)  # a stage stuck on one article
        return real(article, **options)

    monkeypatch.setattr(metadata_stage, "describe", describe)


def test_a_slow_article_becomes_an_error_and_the_others_are_unchanged(
    tmp_path: Path, slow_metadata: None
) -> None:
    paths = _texts(tmp_path)
    started = time.perf_counter()
    dossier = newsprism.analyze(paths, settings=Settings(max_article_seconds=1))
    assert time.perf_counter() - started < 20
    [error] = [e for e in dossier.errors if e.code == "E112"]
    assert error.source.endswith("1.txt") and "max_article_seconds" in error.message
    kept = {Path(a["source"]).name for a in dossier.data["articles"]}
    assert kept == {"0.txt", "2.txt"}
    alone = newsprism.analyze([paths[0], paths[2]])
    assert [a["text"] for a in dossier.data["articles"]] == [
        a["text"] for a in alone.data["articles"]
    ]


@pytest.mark.parametrize("workers", [1, 2])  # this process; forked worker processes
def test_streaming_ingest_records_the_slow_article_and_stores_the_rest(
    tmp_path: Path, slow_metadata: None, workers: int
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    summary = ingest(
        [tmp_path / p.name for p in _texts(tmp_path)],
        url,
        settings=Settings(max_article_seconds=1),
        workers=workers,
        stages=("extract", "clean", "metadata"),
    )
    assert summary.articles == 2
    assert [e.code for e in summary.errors] == ["E112"]


def test_the_budget_stops_a_catastrophic_regular_expression() -> None:
    started = time.perf_counter()
    with pytest.raises(ArticleOverTime), time_budget(0.5):
        re.match(r"(a+)+$", "a" * 60 + "b")
    assert time.perf_counter() - started < 5


def test_no_budget_off_the_main_thread_and_none_when_zero() -> None:
    import threading

    finished = []

    def work() -> None:
        with time_budget(0.01):
            time.sleep(0.1)
        finished.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    with time_budget(0):
        time.sleep(0.05)
    assert finished == [True]
