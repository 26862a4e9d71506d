"""The spin stage restores a flagged article's swapped words with no original to compare
(``spin/restore.py`` through ``spin.detect.with_restorations``): each restored phrase is a
span of the article's text with its likely original and gain, in the dossier's JSON
(``spin.restored``), Markdown and HTML; an article not flagged is not looked at."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsprism
import newsprism.spin.detect as detect
from newsprism.config import Settings, stage_values
from newsprism.dossier.html import render_html
from newsprism.dossier.markdown import render_markdown
from newsprism.dossier.validate import dossier_problems
from newsprism.model import SpinEvidence, SpinFinding
from newsprism.text.thesaurus import packaged_word_pairs, wordnet

# A made-up report run through a spinner: two fixed phrases with a swapped word ("press
# convention", "per penny") flag it, and "misplaced" stands where a reporter wrote "lost".
SPUN = (
    "Harbour officials in Corvand told a press convention on Monday that the tempest had "
    "cut power to 40 per penny of homes along the coast.\n\n"
    "The harbour master said in an assertion that crews would work through the night and "
    "that the ferry service would resume solely when the sea calmed.\n\n"
    "Residents who misplaced their boats in the tempest can apply for help from the town, "
    "the council said."
)
PLAIN = (
    "The library of Ostrel will open on Saturdays from next month, the town council "
    "decided on Thursday after a vote that followed a long debate about opening hours.\n\n"
    "Volunteers will staff the reading room, and the children's corner stays open late."
)

needs_data = pytest.mark.skipif(
    wordnet() is None or packaged_word_pairs() is None,
    reason="the thesaurus (wn) or word-pair counts (symspellpy) are not installed",
)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("restored")
    newsprism.analyze([SPUN, PLAIN], out=out)
    return out


def _spin(out: Path) -> tuple[dict, dict]:
    data = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert dossier_problems(data) == []
    spun, plain = data["articles"]
    return spun, plain


@needs_data
def test_a_flagged_article_gets_its_original_words_restored(written: Path) -> None:
    spun, plain = _spin(written)
    assert spun["spin"]["is_spun"] is True
    restored = spun["spin"]["restored"]
    pairs = [(r["text"], r["likely_original"]) for r in restored]
    assert ("misplaced", "lost") in pairs
    evidence = [(e["start"], e["end"]) for e in spun["spin"]["evidence"]]
    for r in restored:
        assert spun["text"][r["start"] : r["end"]] == r["text"]
        assert r["gain"] > 0
        # the evidence already names an original: a restoration never overlaps it
        assert all(r["end"] <= start or r["start"] >= end for start, end in evidence)
    # not flagged: not looked at (null, not "none found")
    assert plain["spin"]["is_spun"] is False
    assert plain["spin"]["restored"] is None


@needs_data
def test_restored_words_are_shown_in_markdown_and_html(written: Path) -> None:
    markdown = (written / "dossier.md").read_text(encoding="utf-8")
    assert "Words restored with no original to compare (spin):" in markdown
    assert "- “misplaced” [" in markdown
    assert "→ likely “lost”" in markdown
    html = (written / "dossier.html").read_text(encoding="utf-8")
    assert "words restored with no original to compare" in html
    assert 'data-orig="lost"' in html
    assert "restored with no original to compare, gain" in html  # the mark's title


def test_restoration_can_be_turned_off(tmp_path: Path) -> None:
    settings = Settings(stage_options=stage_values({"spin": {"restore": False}}))
    data = newsprism.analyze([SPUN], settings=settings).data
    assert data["articles"][0]["spin"]["is_spun"] is True
    assert data["articles"][0]["spin"]["restored"] is None


def test_without_the_thesaurus_data_nothing_is_restored_and_nothing_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(detect, "wordnet", lambda: None)
    finding = SpinFinding(True, 0.4, (SpinEvidence(0, 4, "word", "other"),), "despun")
    result = detect.with_restorations({"a": finding}, {"a": SPUN})
    assert result["a"].restored is None


def test_articles_not_flagged_never_load_the_thesaurus(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> None:
        raise AssertionError("loaded for an article that is not spun")

    monkeypatch.setattr(detect, "wordnet", fail)
    monkeypatch.setattr(detect, "packaged_word_pairs", fail)
    finding = SpinFinding(False, 0.0, (), None)
    assert detect.with_restorations({"a": finding}, {"a": PLAIN}) == {"a": finding}


@needs_data
def test_restored_wording_is_escaped_in_markdown_and_html(written: Path) -> None:
    data = json.loads((written / "dossier.json").read_text(encoding="utf-8"))
    payload = '<img src=x onerror=alert(1)>[link](http://evil.example)"'
    restored = data["articles"][0]["spin"]["restored"]
    restored[0] = {**restored[0], "likely_original": payload}
    html = render_html(data)
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    markdown = render_markdown(data)
    assert "<img" not in markdown
    assert "&lt;img src=x onerror=alert(1)&gt;\\[link\\](http\\://evil.example)" in markdown


@needs_data
def test_only_the_head_of_a_huge_article_is_searched() -> None:
    finding = SpinFinding(True, 0.4, (), "despun")
    whole = detect.with_restorations({"a": finding}, {"a": SPUN})["a"].restored
    assert whole is not None and any(r.text == "misplaced" for r in whole)
    cut = SPUN.index("misplaced") + 4  # inside the word: the head ends at the space before
    head = detect.with_restorations({"a": finding}, {"a": SPUN}, max_chars=cut)["a"].restored
    assert head is not None and all(r.end < cut for r in head)
    assert not any(r.text.startswith("mis") for r in head)
