"""Quote clusters and speaker links come from a registered stage, listed once in the
pipeline after the stages whose results they read, and a failure there costs only its own
sections (a coded run error), never the dossier."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsprism
from newsprism.pipeline import ACROSS_STAGES, DEFAULT_STAGES
from newsprism.stages import quote_clusters

from .conftest import SAMPLE_CORPUS


def test_quote_clusters_run_after_the_stages_they_read() -> None:
    order = list(DEFAULT_STAGES)
    assert order.count("quote_clusters") == 1
    for earlier in ("quotes", "relate", "spin", "entities"):
        assert order.index(earlier) < order.index("quote_clusters")
    assert "quote_clusters" in ACROSS_STAGES  # a stored story's report rebuilds them too


def test_sample_corpus_quotes_are_clustered_and_linked_to_entities(tmp_path: Path) -> None:
    data = newsprism.analyze([SAMPLE_CORPUS], out=tmp_path).data
    assert data["quotes"] and data["quote_clusters"]
    assert any(q["speaker_entity"] for q in data["quotes"])
    clustered = {q["cluster"] for q in data["quotes"] if q["cluster"]}
    assert clustered <= {c["id"] for c in data["quote_clusters"]}


def test_a_failing_quote_cluster_stage_is_a_run_error_not_a_lost_dossier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("cluster failure for the test")

    monkeypatch.setattr(quote_clusters, "cluster_quotes", broken)
    data = newsprism.analyze([SAMPLE_CORPUS], out=tmp_path).data
    codes = [(e["code"], e["message"]) for e in data["errors"]]
    assert any(code == "E199" and "quote_clusters" in message for code, message in codes)
    assert data["quotes"] == [] and data["quote_clusters"] == []
    assert data["articles"] and data["relations"]  # the other sections are intact
