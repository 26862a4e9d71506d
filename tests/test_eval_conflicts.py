"""The conflicts evaluation set: it ships with the package, its scorer counts the "conflict"
label correctly, ``--data DIR`` reads another copy, and our conflict finder holds its floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.errors import NewsprismError
from newsprism.eval import conflicts
from newsprism.eval.registry import default_data_dir, floors, run_eval

PAIR_VALUE = (
    "The water company was fined €150m by the regulator for polluting the river estuary.",
    "The regulator fined the water company €180m for polluting the estuary of the river.",
)
PAIR_SAME = (
    "Seven climbers were rescued from the glacier on Friday, the mountain guides said.",
    "The mountain guides said 7 climbers were brought down from the glacier on Friday.",
)


def _row(number: int, case: str, label: str, a: str = "a", b: str = "b") -> dict[str, object]:
    return {"id": f"t{number}", "case": case, "a": a, "b": b, "label": label, "kind": None}


def _write_set(directory: Path, rows: list[dict[str, object]]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "conflicts.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    return directory


def test_the_packaged_set_loads_with_valid_labels_and_unique_ids() -> None:
    rows = conflicts.load(conflicts.PACKAGED_DIR)
    assert len(rows) == 160
    assert {row["label"] for row in rows} == set(conflicts.LABELS)
    assert len({row["id"] for row in rows}) == len(rows)
    assert default_data_dir("conflicts") == conflicts.PACKAGED_DIR


def test_the_scorer_counts_the_conflict_label_on_a_hand_made_set() -> None:
    rows = [
        _row(1, "value", "conflict"),
        _row(2, "value", "conflict"),
        _row(3, "name", "conflict"),
        _row(4, "rounding", "no-conflict"),
        _row(5, "different-year", "different-scope"),
        _row(6, "different-year", "different-scope"),
    ]
    # tp: t1, t3; fn: t2; fp: t5 (a different scope is a negative); tn: t4, t6.
    result = conflicts.score(rows, [True, False, True, False, True, False])
    assert (result["tp"], result["fp"], result["fn"], result["tn"]) == (2, 1, 1, 2)
    assert result["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["accuracy"] == pytest.approx(4 / 6, abs=1e-4)
    assert result["false_alarms"] == ["t5"]
    assert result["misses"] == ["t2"]
    assert result["by_case"]["value"] == {"label": "conflict", "n": 2, "predicted_conflict": 1}
    assert result["by_case"]["different-year"]["predicted_conflict"] == 1


def test_a_scorer_with_no_predicted_conflicts_has_zero_precision_not_an_error() -> None:
    result = conflicts.score([_row(1, "value", "conflict")], [False])
    assert (result["precision"], result["recall"], result["f1"]) == (0.0, 0.0, 0.0)


def test_the_real_machinery_sees_a_changed_figure_and_not_a_reworded_one() -> None:
    assert conflicts.predict(*PAIR_VALUE)
    assert not conflicts.predict(*PAIR_SAME)
    kinds = {c.kind for c in conflicts.conflicts_between(*PAIR_VALUE)}
    assert kinds == {"value"}


def test_data_dir_reads_another_copy_of_the_set(tmp_path: Path) -> None:
    data = _write_set(
        tmp_path / "mine",
        [_row(1, "value", "conflict", *PAIR_VALUE), _row(2, "words", "no-conflict", *PAIR_SAME)],
    )
    result = run_eval("conflicts", data)
    assert result["n"] == 2 and result["data"] == str(data)
    assert (result["ours"]["tp"], result["ours"]["tn"]) == (1, 1)
    assert run_eval("conflicts", data, limit=1)["n"] == 1


def test_a_missing_or_malformed_set_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NewsprismError) as absent:
        run_eval("conflicts", tmp_path / "absent")
    assert absent.value.code == "E401"
    with pytest.raises(NewsprismError) as no_file:
        run_eval("conflicts", tmp_path)
    assert no_file.value.code == "E401"
    bad = _write_set(tmp_path / "bad", [{"id": "x", "a": "a", "b": "b", "label": "maybe"}])
    with pytest.raises(NewsprismError) as malformed:
        run_eval("conflicts", bad)
    assert malformed.value.code == "E401"


def test_our_conflict_finder_meets_its_floors() -> None:
    pinned = floors("conflicts")
    assert {"precision", "recall", "f1"} <= set(pinned)
    result = run_eval("conflicts")
    assert result["n"] == 160
    assert result["passed"], result["failures"]


def test_the_command_prints_the_table_per_case_and_false_alarms() -> None:
    outcome = CliRunner().invoke(app, ["eval", "conflicts"])
    assert outcome.exit_code == 0, outcome.output
    assert "label conflict" in outcome.output
    assert "different-year" in outcome.output and "false alarms" in outcome.output
    as_json = CliRunner().invoke(app, ["eval", "conflicts", "--json"])
    assert json.loads(as_json.output)["ours"]["by_case"]["value"]["n"] == 22
