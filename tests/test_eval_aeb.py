"""The extraction quality gate: our HTML path against its pinned floors and bare trafilatura."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsprism.errors import NewsprismError
from newsprism.eval.metrics import evaluate, score_document
from newsprism.eval.registry import run_eval

AEB = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "aeb"


def _need_data() -> None:
    if not (AEB / "aeb.jsonl.gz").is_file():
        pytest.skip(f"the aeb data set is not at {AEB} (../shared is absent)")


def test_shingle_measure_counts_repeated_text() -> None:
    score = score_document("one two three four five", "one two three four five one two three four")
    assert score.tp > 0 and score.fp > 0 and score.fn == 0
    assert evaluate(["a b c d"], [""], bootstrap=0)["recall"] == 0.0


def test_metric_reproduces_the_published_table_for_reference_systems() -> None:
    _need_data()
    with gzip.open(AEB / "aeb.jsonl.gz", "rt", encoding="utf-8") as handle:
        truth = {row["id"]: row["body"] for row in map(json.loads, handle)}
    with gzip.open(AEB / "reference_outputs.json.gz", "rt", encoding="utf-8") as handle:
        reference = json.load(handle)
    ids = sorted(truth)
    published = {"trafilatura": 0.958, "readability": 0.922, "html-text": 0.665}
    for system, f1 in published.items():
        outputs = reference[system]["articleBody"]
        result = evaluate([truth[i] for i in ids], [outputs.get(i, "") for i in ids], bootstrap=0)
        assert round(result["f1"], 3) == f1, system


@pytest.mark.slow
def test_our_extraction_meets_its_floors_and_beats_bare_trafilatura() -> None:
    _need_data()
    result = run_eval("aeb", AEB)
    assert result["n"] == 181
    assert result["passed"], result["failures"]
    assert result["ours"]["f1"] >= result["baselines"]["trafilatura"]["f1"]


def test_unknown_set_and_missing_data_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(NewsprismError) as unknown:
        run_eval("nope")
    assert unknown.value.code == "E400"
    with pytest.raises(NewsprismError) as missing:
        run_eval("aeb", tmp_path / "absent")
    assert missing.value.code == "E401"
