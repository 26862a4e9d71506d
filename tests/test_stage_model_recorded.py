"""A stage whose output depends on what is installed names the model it used in the
dossier's ``stages`` (claims: the embedding model matching subjects by meaning), and
says nothing where matching was by words only."""

from __future__ import annotations

import pytest

from newsprism.dossier.markdown import render_markdown
from newsprism.dossier.records import stage_entry
from newsprism.model import StageInfo
from newsprism.pipeline import stage_infos
from newsprism.stages.claims import ClaimsStage, Options


def test_claims_matching_by_words_records_no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_EMBEDDINGS", "off")
    (info,) = stage_infos([ClaimsStage()])
    assert info.model is None
    assert stage_entry(info) == {"name": "claims", "version": ClaimsStage.version}


def test_matching_by_meaning_turned_off_by_the_option_records_no_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NEWSPRISM_EMBEDDINGS", "static")
    stage = ClaimsStage(Options(subject_min_similarity=1.0))
    assert stage.model_used() is None


def test_an_installed_embedding_model_is_named_in_the_stage_entry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip(
        "static_model", reason="tokenlearn-static-model (a dev dependency) is not installed"
    )
    monkeypatch.setenv("NEWSPRISM_EMBEDDINGS", "static")
    (info,) = stage_infos([ClaimsStage()])
    assert info.model == "static"
    entry = stage_entry(info)
    assert entry["model"] == "static"
    markdown = render_markdown({"stages": [entry], "articles": []})
    assert "claims v" in markdown and "(static)" in markdown


def test_a_stage_without_a_model_keeps_the_contract_entry() -> None:
    assert stage_entry(StageInfo("quotes", "7")) == {"name": "quotes", "version": "7"}
