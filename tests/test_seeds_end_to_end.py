"""The real articles in ../shared/corpus/seeds through the whole pipeline (skipped when absent)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import newsprism
from newsprism.api import Dossier
from newsprism.text.keys import fold

# Lines of the real articles that are not article body. The RULES never name these; the
# test may, because it checks the outcome on this sample.
NOT_BODY_PATTERNS = [
    r"^Want more stories like this",
    r"^Read more at ",
    r"^\*\*\*$",
    r"^Read the full article",
    r"^Follow .{0,60} on ",
    r"caption$",
    r"/AP$",
    r"^_{3,}$",
    r"contributed to this report\.$",
    r"^!\[",
    r"\((heart|proper|left|right|center)\)",
    r"^Secretary of Defense Pete Hegseth in Brussels\.$",
]


@pytest.fixture(scope="module")
def seeds_dossier(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dossier, Path]:
    seeds = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"the real sample articles are not at {seeds} (../shared is absent)")
    out = tmp_path_factory.mktemp("seeds")
    return newsprism.analyze([seeds], out=out), out


def _article(dossier: Dossier, prefix: str) -> dict:
    (article,) = [a for a in dossier.data["articles"] if Path(a["source"]).name.startswith(prefix)]
    return article


def test_every_seed_article_is_read(seeds_dossier: tuple[Dossier, Path]) -> None:
    dossier, _ = seeds_dossier
    assert len(dossier.data["articles"]) == 5
    assert dossier.data["errors"] == []


def test_daily_mail_page_keeps_twelve_paragraphs_and_marks_eleven_duplicates(
    seeds_dossier: tuple[Dossier, Path],
) -> None:
    dossier, _ = seeds_dossier
    kinds = Counter(p["kind"] for p in _article(dossier, "000_")["paragraphs"])
    assert kinds["body"] + kinds["heading"] == 12
    assert kinds["duplicate"] == 11


def test_no_promo_credit_caption_or_byline_line_survives_cleaning(
    seeds_dossier: tuple[Dossier, Path],
) -> None:
    dossier, _ = seeds_dossier
    for article in dossier.data["articles"]:
        for paragraph in article["text"].split("\n\n"):
            for pattern in NOT_BODY_PATTERNS:
                assert not re.search(pattern, paragraph.strip()), (article["source"], paragraph)


def test_seed_dossier_passes_the_contract_checker(
    seeds_dossier: tuple[Dossier, Path], check_dossier_tool: Path
) -> None:
    _, out = seeds_dossier
    checked = subprocess.run(
        [sys.executable, str(check_dossier_tool), str(out / "dossier.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout


def test_kept_paragraph_spans_point_at_their_text(seeds_dossier: tuple[Dossier, Path]) -> None:
    _, out = seeds_dossier
    data = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    for article in data["articles"]:
        for paragraph in article["paragraphs"]:
            if paragraph["kind"] in ("body", "heading"):
                span = article["text"][paragraph["start"] : paragraph["end"]]
                assert span and fold(span) == fold(paragraph["raw"])


def test_seed_disagreements_and_the_internal_slip_are_found_without_false_alarms(
    seeds_dossier: tuple[Dossier, Path],
) -> None:
    dossier, _ = seeds_dossier
    found = {
        (c["kind"], tuple(sorted(v["value"] for v in c["values"])))
        for c in dossier.data["conflicts"]
    }
    assert ("name", ("John", "Mark")) in found  # one outlet's UK defence secretary
    assert ("attribute", ("% of GDP", "% of budgets")) in found  # shares of other things
    assert ("internal", ("Hegesth", "Hegseth")) in found  # one article's slip
    # The differently scoped figures (targets for other years, totals and parts) are not
    # reported as disagreements.
    assert not [c for c in dossier.data["conflicts"] if c["kind"] == "value"]
    texts = {a["id"]: a["text"] for a in dossier.data["articles"]}
    for conflict in dossier.data["conflicts"]:
        if conflict["kind"] not in ("name", "internal"):
            continue
        for value in conflict["values"]:
            for evidence in value["evidence"]:
                shown = texts[evidence["article"]][evidence["start"] : evidence["end"]]
                assert value["value"] in shown or shown in str(value["value"])
