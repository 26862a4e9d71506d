"""The dossier does not depend on Python's string-hash seed: any set or dict iteration
that reached the output would make two runs of one input differ. Each run is a separate
process with its own PYTHONHASHSEED, through the command line and the store."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SAMPLE_CORPUS, SHARED

POLNEAR = SHARED / "datasets" / "polnear"
# A month of real political coverage: many stories and outlets, figures that tie when
# claims are grouped (the kind of input that showed a hash-order dependence).
MONTH = "2016-03"


def _dossiers(inputs: list[Path], out: Path, seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    command = [sys.executable, "-m", "newsprism", "analyze", *map(str, inputs), "--out", str(out)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return {
        name: (out / name).read_bytes() for name in ("dossier.json", "dossier.md", "dossier.html")
    }


def _assert_same_whatever_the_seed(inputs: list[Path], tmp_path: Path) -> None:
    first = _dossiers(inputs, tmp_path / "seed1", "1")
    second = _dossiers(inputs, tmp_path / "seed2", "2")
    for name, written in first.items():
        assert written == second[name], f"{name} differs between hash seeds 1 and 2"


def test_the_sample_corpus_dossier_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    _assert_same_whatever_the_seed([SAMPLE_CORPUS], tmp_path)


def test_a_month_of_real_coverage_gives_the_same_dossier_whatever_the_hash_seed(
    tmp_path: Path,
) -> None:
    source = POLNEAR / "train.jsonl.gz"
    if not source.is_file():
        pytest.skip(f"the PolNeAR articles are not at {POLNEAR} (../shared is absent)")
    feed = tmp_path / "month.jsonl"
    with gzip.open(source, "rt", encoding="utf-8") as records, feed.open("w") as out:
        for line in records:
            record = json.loads(line)
            if re.search(rf"_{MONTH}-\d\d_", record["id"]):
                out.write(json.dumps({"id": record["id"], "text": record["text"]}) + "\n")
    assert feed.stat().st_size > 0
    _assert_same_whatever_the_seed([feed], tmp_path)
