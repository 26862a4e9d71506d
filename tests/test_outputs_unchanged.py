"""What a user sees does not change when the code moves: the dossier of the sample corpus is
pinned whole (JSON, Markdown, HTML), and the dossiers of real articles read from ../shared
(the seeds; a month of PolNeAR) are pinned by their SHA-256 digest, since their text is not
ours to copy into the repository. Regenerate with NEWSPRISM_UPDATE_GOLDEN=1 after a change
that is meant to alter the output, and say why in the commit."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from pathlib import Path

import pytest

import newsprism

from .conftest import SAMPLE_CORPUS, SEEDS, SHARED

GOLDEN = Path(__file__).parent / "golden" / "full"
POLNEAR_TRAIN = SHARED / "datasets" / "polnear" / "train.jsonl.gz"
MONTH = "2016-03"
OUTPUTS = ("dossier.json", "dossier.md", "dossier.html")
UPDATE = os.environ.get("NEWSPRISM_UPDATE_GOLDEN") == "1"


def _digests(out: Path) -> dict[str, str]:
    return {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in OUTPUTS}


def _check_digests(name: str, out: Path) -> None:
    pinned = GOLDEN / f"{name}.sha256.json"
    digests = _digests(out)
    if UPDATE or not pinned.exists():
        pinned.write_text(json.dumps(digests, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    assert digests == json.loads(pinned.read_text(encoding="utf-8"))


def _analyze(source: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Inputs are named relative to their folder: the dossier records the path as given.
    monkeypatch.chdir(source.parent)
    newsprism.analyze([Path(source.name)], out=out)


def test_sample_corpus_dossier_is_byte_identical_to_the_pinned_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _analyze(SAMPLE_CORPUS, tmp_path, monkeypatch)
    for name in OUTPUTS:
        pinned = GOLDEN / f"sample_corpus.{name}"
        written = (tmp_path / name).read_text(encoding="utf-8")
        if UPDATE or not pinned.exists():
            pinned.write_text(written, encoding="utf-8")
        assert written == pinned.read_text(encoding="utf-8"), name


def test_seeds_dossier_digest_is_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the real sample articles are not at {SEEDS} (../shared is absent)")
    _analyze(SEEDS, tmp_path, monkeypatch)
    _check_digests("seeds", tmp_path)


def test_a_month_of_polnear_gives_the_pinned_dossier_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not POLNEAR_TRAIN.is_file():
        pytest.skip(f"the PolNeAR articles are not at {POLNEAR_TRAIN} (../shared is absent)")
    feed = tmp_path / "month.jsonl"
    with gzip.open(POLNEAR_TRAIN, "rt", encoding="utf-8") as records, feed.open("w") as out:
        for line in records:
            record = json.loads(line)
            if re.search(rf"_{MONTH}-\d\d_", record["id"]):
                out.write(json.dumps({"id": record["id"], "text": record["text"]}) + "\n")
    _analyze(feed, tmp_path / "out", monkeypatch)
    _check_digests("polnear_month", tmp_path / "out")
