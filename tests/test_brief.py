"""The story brief: agreed statements are verbatim, carried by independent sources and
checkable; disputes, speakers, derivation and the timeline come with their evidence; the
validator catches a span that does not cut its text; Markdown and HTML show it first."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import newsprism
from newsprism.api import Dossier
from newsprism.brief.dates import date_mentions
from newsprism.brief.units import content_words, same_fact
from newsprism.brief.validate import brief_problems
from newsprism.dossier.validate import dossier_problems
from newsprism.text.sentences import sentence_spans

from .conftest import CHECK_DOSSIER, SAMPLE_CORPUS, SEEDS


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dossier, Path]:
    out = tmp_path_factory.mktemp("brief-sample")
    return newsprism.analyze([SAMPLE_CORPUS], out=out), out


def _briefs(dossier: Dossier) -> list[dict]:
    return [s["brief"] for s in dossier.data["stories"] if "brief" in s]


def test_every_story_of_the_sample_carries_a_brief_with_all_parts(sample) -> None:
    dossier, _ = sample
    assert dossier.data["stories"]
    for story in dossier.data["stories"]:
        assert list(story["brief"]) == [
            "agreed",
            "disputed",
            "speakers",
            "derivation",
            "timeline",
            "single_source",
        ]


def test_agreed_statements_are_verbatim_and_backed_by_two_independent_sources(sample) -> None:
    dossier, _ = sample
    texts = {a["id"]: a["text"] for a in dossier.data["articles"]}
    (biggest,) = [b for b in _briefs(dossier) if b["agreed"]][:1]
    assert 3 <= len(biggest["agreed"]) <= 12
    for statement in biggest["agreed"]:
        assert statement["independent_sources"] >= 2
        assert (
            texts[statement["article"]][statement["start"] : statement["end"]] == statement["text"]
        )
        for e in statement["evidence"]:
            assert texts[e["article"]][e["start"] : e["end"]] == e["text"]
    supports = [s["independent_sources"] for s in biggest["agreed"]]
    assert supports == sorted(supports, reverse=True)


def test_the_sample_dossier_passes_both_validators_and_the_shared_checker(sample) -> None:
    dossier, out = sample
    assert dossier_problems(dossier.data) == []
    assert brief_problems(dossier.data) == []
    if CHECK_DOSSIER.exists():
        run = subprocess.run(
            [sys.executable, str(CHECK_DOSSIER), str(out / "dossier.json")],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stdout + run.stderr


def test_the_validator_reports_a_span_that_does_not_cut_its_text(sample) -> None:
    dossier, _ = sample
    broken = copy.deepcopy(dossier.data)
    brief = next(b for b in (s["brief"] for s in broken["stories"]) if b["agreed"])
    brief["agreed"][0]["evidence"][0]["end"] -= 1
    brief["agreed"][0]["independent_sources"] = 99
    problems = brief_problems(broken)
    assert any("is not the text it quotes" in p for p in problems)
    assert any("99 independent sources" in p for p in problems)


def test_disputes_read_as_one_line_with_each_side_and_its_sources(sample) -> None:
    dossier, _ = sample
    disputed = [d for b in _briefs(dossier) for d in b["disputed"]]
    assert disputed
    for d in disputed:
        assert len(d["sides"]) >= 2
        for side in d["sides"]:
            assert str(side["value"]) in d["line"]
            assert side["evidence"] and side["independent_sources"] >= 1


def test_derivation_names_each_copy_with_its_parent_and_share(sample) -> None:
    dossier, _ = sample
    nodes = [n for b in _briefs(dossier) for n in b["derivation"]["nodes"]]
    copies = [n for n in nodes if n["parent"] is not None]
    assert copies
    ids = {n["article"] for n in nodes}
    for n in copies:
        assert n["parent"] in ids and 0 < n["share"] <= 1 and n["depth"] >= 1
    independent = [i["original"] for b in _briefs(dossier) for i in b["derivation"]["independent"]]
    assert all(not next(n for n in nodes if n["article"] == a)["parent"] for a in independent)


def test_each_article_says_how_much_of_it_is_wire_copy_and_of_which_agency(sample) -> None:
    dossier, _ = sample
    nodes = {n["article"]: n for b in _briefs(dossier) for n in b["derivation"]["nodes"]}
    # The agency's own copy is its own origin; every article descending from it is wire
    # copy of that agency, in the share taken through its parent.
    own = [n for n in nodes.values() if n["wire"] and n["wire"]["origin"] == n["article"]]
    assert own and all(n["parent"] is None and n["wire"]["share"] == 1.0 for n in own)
    agencies = {n["article"]: n["wire"]["agency"] for n in own}
    descendants = [n for n in nodes.values() if n["wire"] and n["wire"]["origin"] in agencies]
    assert len(descendants) > len(own)
    for n in descendants:
        if n["article"] == n["wire"]["origin"]:
            continue
        assert (
            n["wire"]["agency"]
            == agencies[n["wire"]["origin"]]
            == nodes[n["wire"]["origin"]]["outlet"]
        )
        assert n["wire"]["share"] == n["share"]
    # An independent report with no agency behind it says so.
    assert any(n["parent"] is None and n["wire"] is None for n in nodes.values())
    markdown = dossier.to_markdown()
    assert "% wire copy of " in markdown and "the agency's own copy" in markdown


def test_markdown_and_html_show_the_brief_before_the_article_table(sample) -> None:
    _, out = sample
    markdown = (out / "dossier.md").read_text(encoding="utf-8")
    assert markdown.index("### What the coverage agrees on") < markdown.index("## Articles")
    html = (out / "dossier.html").read_text(encoding="utf-8")
    assert html.index('id="brief"') < html.index('id="articles"')
    brief = html[html.index('id="brief"') : html.index('id="articles"')]
    assert "<details><summary>" in brief and "<mark>" in brief and 'href="#a' in brief


def test_relative_dates_resolve_against_the_article_date_and_say_so() -> None:
    text = (
        "The gates failed on Tuesday night. The council will meet on Friday. Sales rose last month."
    )
    found = [
        mention
        for start, end in sentence_spans(text)
        for mention in date_mentions(text, start, end, "2026-03-11T09:00:00+01:00")
    ]
    assert [(m.text, m.date, m.relative_to) for m in found] == [
        ("on Tuesday", "2026-03-10", "2026-03-11"),
        ("on Friday", "2026-03-13", "2026-03-11"),
        ("last month", "2026-02", "2026-03-11"),
    ]
    undated = list(date_mentions(text, 0, 34, None))
    assert undated[0].date is None and undated[0].relative_to is None
    assert dt.date.fromisoformat(found[0].date or "").weekday() == 1


def test_an_absolute_date_is_read_as_written_and_a_verb_may_is_not_a_month() -> None:
    text = "Officials said on 4 March 2025 that talks may 3 times fail."
    found = list(date_mentions(text, 0, len(text), None))
    assert [(m.text, m.date) for m in found] == [("4 March 2025", "2025-03-04")]


def test_one_fact_in_other_words_matches_and_an_unrelated_sentence_does_not() -> None:
    from newsprism.brief.units import Unit

    def unit(text: str) -> Unit:
        return Unit("a", 0, len(text), text, content_words(text), 0)

    one = unit(
        "Eleven gates of the tidal barrier failed to close as the storm surge flooded the port."
    )
    two = unit("The storm surge flooded the port after eleven barrier gates failed to close.")
    other = unit("The library reopened its reading rooms to students after a renovation.")
    assert same_fact(one, two, 0.5, 5) > 0
    assert same_fact(one, other, 0.5, 5) == 0


def test_the_cli_validate_command_checks_a_dossier(sample) -> None:
    _, out = sample
    run = subprocess.run(
        [sys.executable, "-m", "newsprism", "validate", str(out / "dossier.json")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    broken = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    story = next(s for s in broken["stories"] if s["brief"]["agreed"])
    story["brief"]["agreed"][0]["evidence"][0]["text"] = "not in the article"
    path = out / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "newsprism", "validate", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 1 and "is not the text it quotes" in run.stdout


def test_the_briefs_of_the_real_seed_articles_pass_the_validator(tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the real seed articles are not at {SEEDS} (../shared is absent)")
    dossier = newsprism.analyze([SEEDS], out=tmp_path)
    assert brief_problems(dossier.data) == []
    assert dossier_problems(dossier.data) == []
    assert all("brief" in s for s in dossier.data["stories"])
