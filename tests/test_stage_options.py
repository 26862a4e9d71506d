"""Stage options: each stage's tunable thresholds, set in a config file's [stages.NAME]
tables or NEWSPRISM_STAGES__NAME__KEY, checked with the file (or variable) and key named,
and reaching the algorithms, in this process and in ingest's workers."""

from __future__ import annotations

import dataclasses
import json
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsprism
from newsprism.cli import app
from newsprism.config import Settings, load_settings, stage_values
from newsprism.errors import NewsprismError
from newsprism.pipeline import STAGES, build_pipeline, stage_options
from newsprism.stages.base import registered

from .conftest import SAMPLE_CORPUS

# Two constructed reports, the second a light rewrite of the first (a few words swapped).
ORIGINAL = (
    "the council voted on tuesday to close the old bridge over the river for repairs. "
    "engineers found cracks in two of the supports during an inspection last month. "
    "the work is expected to take most of the summer and will cost the town a large sum. "
    "drivers will have to use the road through the valley, which adds twenty minutes. "
    "shop owners near the bridge said they feared losing customers while it stays shut."
)
REWRITE = (
    "the council voted on tuesday to shut the old bridge over the river for repairs. "
    "engineers found cracks in two of the pillars during an inspection last month. "
    "the work is expected to take most of the summer and will cost the town a big sum. "
    "drivers will need to use the road through the valley, which adds twenty minutes. "
    "shop owners near the bridge said they feared losing buyers while it stays closed."
)


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "newsprism.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _pair(tmp_path: Path) -> Path:
    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "a.txt").write_text(ORIGINAL, encoding="utf-8")
    (folder / "b.txt").write_text(REWRITE, encoding="utf-8")
    return folder


def test_a_stricter_relate_threshold_in_the_config_file_drops_the_aligned_passages(
    tmp_path: Path,
) -> None:
    pair = _pair(tmp_path)
    default = newsprism.analyze([pair])
    assert [r["kind"] for r in default.data["relations"]] == ["near-duplicate"]
    strict = _config(tmp_path, "[stages.relate]\nmin_similarity = 0.99\n")
    dossier = newsprism.analyze([pair], settings=load_settings(strict, environ={}))
    # No aligned passage is copied text any more: the copy is found by its taken sentences.
    assert [(r["kind"], r["passages"][0]["kind"]) for r in dossier.data["relations"]] == [
        ("shares-passages", "verbatim")
    ]


def test_an_option_from_the_environment_changes_the_behaviour_too(tmp_path: Path) -> None:
    settings = load_settings(None, environ={"NEWSPRISM_STAGES__RELATE__MIN_SIMILARITY": "0.99"})
    assert stage_options(settings)["relate"].min_similarity == 0.99
    relations = newsprism.analyze([_pair(tmp_path)], settings=settings).data["relations"]
    assert [r["kind"] for r in relations] == ["shares-passages"]


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            '[stages.relate]\nmin_similarity = "x"\n',
            "min_similarity must be a number between 0 and 1, got 'x'",
        ),
        (
            "[stages.relate]\nmin_similarity = 1.5\n",
            "min_similarity must be a number between 0 and 1, got 1.5",
        ),
        (
            "[stages.relate]\nsame_story_min_shared = 2.5\n",
            "same_story_min_shared must be an integer",
        ),
        ("[stages.spin]\nmin_odd_phrases = true\n", "min_odd_phrases must be an integer"),
    ],
)
def test_a_bad_option_value_is_E300_naming_the_file_and_the_key(
    tmp_path: Path, table: str, expected: str
) -> None:
    config = _config(tmp_path, table)
    with pytest.raises(NewsprismError) as caught:
        stage_options(load_settings(config, environ={}))
    stage = table.split("]")[0] + "]"
    assert caught.value.code == "E300"
    assert caught.value.message.startswith(f"{config}: {stage} {expected}")


def test_an_unknown_stage_or_key_is_E300_naming_where_it_was_set(tmp_path: Path) -> None:
    config = _config(tmp_path, "[stages.relat]\nmin_similarity = 0.9\n")
    with pytest.raises(NewsprismError, match=r"unknown stage \[stages\.relat\]") as caught:
        stage_options(load_settings(config, environ={}))
    assert caught.value.code == "E300" and str(config) in caught.value.message
    config = _config(tmp_path, "[stages.relate]\nmin_similarty = 0.9\n")
    with pytest.raises(NewsprismError, match="unknown option 'min_similarty'") as caught:
        stage_options(load_settings(config, environ={}))
    assert "min_similarity" in caught.value.message  # the known ones are listed
    variable = "NEWSPRISM_STAGES__SPIN__NO_SUCH_KEY"
    with pytest.raises(NewsprismError, match=f"{variable}: .*unknown option 'no_such_key'"):
        stage_options(load_settings(None, environ={variable: "1"}))


def test_a_bad_option_value_from_the_environment_names_the_variable() -> None:
    variable = "NEWSPRISM_STAGES__QUOTE_CLUSTERS__MIN_WORDS"
    with pytest.raises(NewsprismError) as caught:
        stage_options(load_settings(None, environ={variable: "many"}))
    assert caught.value.message == (
        f"{variable}: [stages.quote_clusters] min_words must be an integer of at least 1, "
        "got 'many'"
    )


def test_the_analyze_command_reports_a_bad_option_before_writing_anything(
    tmp_path: Path,
) -> None:
    config = _config(tmp_path, "[stages.entities]\nsurname_typo_ratio = 150\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["analyze", str(_pair(tmp_path)), "--out", str(out), "--config", str(config)]
    )
    assert result.exit_code == 2
    assert "E300" in result.output and "surname_typo_ratio" in result.output
    assert not (out / "newsprism.db").exists()


def test_every_stage_declares_frozen_options_whose_defaults_pass_their_own_checks() -> None:
    available = registered()
    assert set(STAGES) == set(available)
    for name, cls in available.items():
        options = cls.options_type()
        assert dataclasses.is_dataclass(options), name
        for field in dataclasses.fields(options):
            check = field.metadata["check"]
            assert check.accept(field.default, False) == field.default, (name, field.name)
            assert field.metadata["help"], (name, field.name)
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(options, field.name, field.default)
        assert pickle.loads(pickle.dumps(options)) == options  # they go to workers


def test_build_pipeline_gives_each_stage_its_options_and_the_defaults_elsewhere() -> None:
    options = stage_options(Settings(stage_options=stage_values({"spin": {"min_score": 0.5}})))
    stages = {s.name: s for s in build_pipeline(options=options)}
    assert stages["spin"].options.min_score == 0.5
    assert stages["relate"].options == registered()["relate"].options_type()


def test_the_older_recurring_lines_setting_still_sets_the_boilerplate_stage() -> None:
    older = stage_options(Settings(recurring_line_min_articles=5))
    assert older["corpus_boilerplate"].min_articles == 5
    both = Settings(
        recurring_line_min_articles=5,
        stage_options=stage_values({"corpus_boilerplate": {"min_articles": 4}}),
    )
    assert stage_options(both)["corpus_boilerplate"].min_articles == 4  # the table wins


def test_options_reach_the_ingest_workers(tmp_path: Path) -> None:
    from newsprism.ingest.stream import ingest

    config = _config(tmp_path, "[stages.metadata]\nmin_letters_for_language = 100000\n")
    languages: dict[str, list[str | None]] = {}
    for name, settings in (("default", Settings()), ("strict", load_settings(config, environ={}))):
        url = f"sqlite:///{tmp_path / name}.db"
        ingest(
            [SAMPLE_CORPUS],
            url,
            settings=settings,
            workers=2,
            executor="local",
            stages=("extract", "clean", "metadata"),
        )
        newsprism.api.export(url, tmp_path / name, "jsonl", ["articles"])
        rows = (tmp_path / name / "articles.jsonl").read_text().splitlines()
        languages[name] = [json.loads(row)["language"] for row in rows]
    # Languages told from the text are gone (no text has 100,000 letters to tell it by);
    # those the page declares stay.
    assert languages["default"].count(None) == 0
    assert 0 < languages["strict"].count(None) < len(languages["strict"])


def test_the_readme_lists_every_stage_option_with_its_default() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name, cls in registered().items():
        for field in dataclasses.fields(cls.options_type):
            assert f"| `{name}` | `{field.name}` | {field.default:g} |" in readme, field.name
