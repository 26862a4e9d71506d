"""One oversized input is a coded one-line error naming it and its limit, and the rest of
the batch goes on (small configured limits here; ``benchmarks.bench_memory`` measures the
defaults on 50 MB inputs)."""

from __future__ import annotations

import json
import random
from dataclasses import fields
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism import cli
from newsprism.api import iter_articles
from newsprism.clean import paragraphs
from newsprism.config import Settings, load_settings
from newsprism.errors import NewsprismError
from newsprism.model import Article, InputError, RawDocument
from newsprism.readers.documents import Limits

runner = CliRunner()
PARAGRAPH = (
    "The council of Velmora met on Tuesday and approved the new bridge budget after a long "
    "debate about the cost of repairs to the old crossing over the river."
)
GOOD = f"{PARAGRAPH}\n\nThe mayor said the work would start in the spring, weather allowing.\n"


def _page(paragraph_count: int, padding: int = 0) -> str:
    body = "".join(f"<p>{PARAGRAPH} Paragraph {i}.</p>" for i in range(paragraph_count))
    script = f"<script>var x = '{'y' * padding}';</script>" if padding else ""
    return f"<html><head><title>Bridge</title>{script}</head><body><article>{body}</article></body></html>"


def _batch(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_huge_page.html").write_text(_page(3, padding=20_000), encoding="utf-8")
    (folder / "c_long_text.txt").write_text("\n\n".join([PARAGRAPH] * 40), encoding="utf-8")
    (folder / "d_page_long_text.html").write_text(_page(40), encoding="utf-8")
    (folder / "e_good.md").write_text("# Bridge\n\n" + GOOD, encoding="utf-8")
    return folder


LIMITS = {"NEWSPRISM_MAX_PAGE_BYTES": "12000", "NEWSPRISM_MAX_ARTICLE_BYTES": "3000"}


def test_oversized_inputs_are_coded_one_line_errors_and_the_batch_goes_on(
    tmp_path: Path,
) -> None:
    folder = _batch(tmp_path)
    result = runner.invoke(
        cli.app, ["analyze", str(folder), "--out", str(tmp_path / "out"), "--json"], env=LIMITS
    )
    assert result.exit_code == 1, result.output  # some inputs rejected, the rest analysed
    assert "Traceback" not in result.output
    summary = json.loads(result.stdout)
    errors = {Path(e["source"]).name: e for e in summary["errors"]}
    assert set(errors) == {"b_huge_page.html", "c_long_text.txt", "d_page_long_text.html"}
    assert all(e["code"] == "E103" for e in errors.values())
    assert "max_page_bytes" in errors["b_huge_page.html"]["message"]
    assert "max_article_bytes" in errors["c_long_text.txt"]["message"]
    # A page under the page limit whose text is over the article limit: found by extract.
    assert "text extracted from the page" in errors["d_page_long_text.html"]["message"]
    for error in errors.values():
        assert "\n" not in error["message"] and error["source"] in error["message"]
    assert summary["articles_read"] == 2


def test_ingest_records_oversized_inputs_and_stores_the_rest(tmp_path: Path) -> None:
    folder = _batch(tmp_path)
    db = f"sqlite:///{tmp_path / 'n.db'}"
    result = runner.invoke(
        cli.app,
        ["ingest", str(folder), "--db", db, "--workers", "1", "--executor", "inline", "--json"],
        env=LIMITS,
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    summary = json.loads(result.stdout)
    assert sorted(e["code"] for e in summary["errors"]) == ["E103"] * 3
    assert summary["articles_new"] == 2


def test_feed_fields_get_the_limit_of_what_they_hold(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"html": _page(3, padding=20_000)},
        {"text": "\n\n".join([PARAGRAPH] * 40)},
        {"html": _page(3)},  # a page over the article limit, under the page limit: read
        {"text": GOOD},
    ]
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    settings = Settings(max_page_bytes=12_000, max_article_bytes=3_000)
    records = list(iter_articles([feed], settings=settings))
    errors = [(r.line, r.code) for r in records if isinstance(r, InputError)]
    assert errors == [(1, "E103"), (2, "E103")]
    assert sorted(r.line or 0 for r in records if isinstance(r, Article)) == [3, 4]


def test_a_document_handed_to_the_pipeline_directly_is_held_to_the_limit() -> None:
    settings = Settings(max_article_bytes=3_000)
    documents = [
        RawDocument("<big>", None, "\n\n".join([PARAGRAPH] * 40), "text"),
        RawDocument("<small>", None, GOOD, "text"),
    ]
    records = list(iter_articles(documents, settings=settings, stages=("extract", "clean")))
    assert isinstance(records[0], InputError) and records[0].code == "E103"
    assert "<big>" in records[0].message
    assert isinstance(records[1], Article)


@pytest.mark.parametrize("value", ["0", "-5", "many"])
def test_the_page_limit_is_validated(tmp_path: Path, value: str) -> None:
    with pytest.raises(NewsprismError) as caught:
        load_settings(environ={"NEWSPRISM_MAX_PAGE_BYTES": value})
    assert caught.value.code == "E300" and "max_page_bytes" in caught.value.message


def test_reader_and_settings_defaults_agree() -> None:
    settings = Settings()
    for field in fields(Limits):
        assert getattr(Limits(), field.name) == getattr(settings, field.name), field.name


def _duplicates_one_by_one(keys: list[str], min_ratio: float) -> list[int | None]:
    """The fuzzy search as it was: every earlier kept key in order, length-filtered."""
    from rapidfuzz.fuzz import ratio

    found: list[int | None] = []
    kept: list[tuple[int, str]] = []
    for index, key in enumerate(keys):
        match = None
        comparisons = 0
        for other_index, other in kept if len(key) >= paragraphs.FUZZY_MIN_CHARS else []:
            if abs(len(other) - len(key)) > 0.1 * max(len(key), len(other)):
                continue
            comparisons += 1
            if comparisons > paragraphs.FUZZY_MAX_COMPARISONS:
                break
            if ratio(key, other, score_cutoff=min_ratio):
                match = other_index
                break
        found.append(match)
        if match is None:
            kept.append((index, key))
    return found


def test_the_fuzzy_duplicate_search_by_length_finds_what_one_by_one_found() -> None:
    rng = random.Random(7)
    words = PARAGRAPH.split()
    keys: list[str] = []
    for _ in range(600):
        if keys and rng.random() < 0.3:  # a near copy of an earlier one
            base = list(rng.choice(keys))
            base[rng.randrange(len(base))] = "x"
            keys.append("".join(base))
        else:
            keys.append(" ".join(rng.choices(words, k=rng.randint(14, 40))))
    kept = paragraphs._KeptByLength()
    found = []
    for index, key in enumerate(keys):
        match = paragraphs._fuzzy_match(key, kept, 90.0)
        found.append(match)
        if match is None:
            kept.append(index, key)
    assert found == _duplicates_one_by_one(keys, 90.0)
    assert sum(m is not None for m in found) > 50


def test_ingest_holds_a_bounded_number_of_errors_and_counts_them_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsprism.ingest import stream

    monkeypatch.setattr(stream, "SUMMARY_ERRORS", 3)
    feed = tmp_path / "feed.jsonl"
    lines = ['{"text": "cut off'] * 8 + [json.dumps({"text": GOOD})]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = stream.ingest(
        [feed], f"sqlite:///{tmp_path / 'n.db'}", workers=1, executor="inline", batch_size=2
    )
    assert summary.inputs_rejected == 8 and len(summary.errors) == 3
    assert summary.articles_new == 1


def test_the_window_keeps_the_ids_of_its_own_articles_only() -> None:
    from newsprism.relate.window import WindowIds

    ids = WindowIds(3)
    for name in "abcde":
        ids.append(name)
    assert len(ids) == 5 and [ids[n] for n in (2, 3, 4)] == ["c", "d", "e"]
    with pytest.raises(IndexError):
        ids[1]  # evicted: an error, never the id now in its slot
