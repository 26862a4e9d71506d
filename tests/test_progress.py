"""Real progress for analyze: the inputs are counted first (cheaply) so that the bar has a
total, and each record is reported as the per-article stages finish it, not all at once
after the batch-wide stages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsprism import api
from newsprism.ingest.counting import count_inputs
from newsprism.readers.files import read_inputs
from newsprism.stages.relate import RelateStage

from .conftest import SAMPLE_CORPUS


def test_the_sample_corpus_is_counted_as_the_records_it_holds() -> None:
    assert api.count_inputs([SAMPLE_CORPUS]) == len(list(read_inputs([SAMPLE_CORPUS]))) == 9


def test_folders_files_and_feed_lines_are_counted_and_the_uncountable_is_unknown(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    (folder / "a.txt").write_text("one article")
    (folder / "nested" / "b.html").write_text("<p>another</p>")
    (folder / ".hidden.txt").write_text("skipped by the readers, so not counted")
    lines = [json.dumps({"text": f"line {n}"}) for n in range(5)]
    (folder / "feed.jsonl").write_text("\n".join(lines))  # no newline after the last
    assert count_inputs([folder]) == 7
    assert count_inputs([folder, "a literal\narticle text"]) == 8
    assert count_inputs([tmp_path / "missing.txt"]) == 1  # one error record
    assert count_inputs(["-"]) is None  # stdin
    packed = tmp_path / "feed.jsonl.gz"
    packed.write_bytes(gzip.compress(b"{}\n"))
    assert count_inputs([packed]) is None
    (tmp_path / "crawl.warc").write_bytes(b"WARC/1.0\r\n")
    assert count_inputs([tmp_path / "crawl.warc"]) is None


def test_each_record_is_reported_before_the_batch_wide_stages_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events: list[str] = []
    relate = RelateStage.compute

    def compute(self, articles, ctx):  # type: ignore[no-untyped-def]
        events.append("relate")
        return relate(self, articles, ctx)

    monkeypatch.setattr(RelateStage, "compute", compute)
    api.analyze([SAMPLE_CORPUS], on_progress=lambda record: events.append(record.source))
    assert len(events) == 10 and events[-1] == "relate"
    assert sum(Path(source).name == "wire_feed.jsonl" for source in events[:-1]) == 3
