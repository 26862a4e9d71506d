"""Sentence-level reuse in the dossier's copy relations: which sentences a copy took
(verbatim or rewritten), the share of each text taken from the other, the three-way
label, and the direction from dates, agency credits, time words and containment, with
the spin stage deciding only what that evidence leaves open. Texts are written here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import newsprism
from newsprism.model import Relation, SpinResult, settle_direction
from newsprism.relate.reuse import agency_credit, derivation, derived_side, prepare, time_lean

WIRE = (
    "By Jane Doe, PA News\n\n"
    "A council leader was today starting a two-year ban from office after admitting fraud "
    "at Ashworth Crown Court. "
    "The court heard that he had claimed expenses for trips to Lisbon he never made. "
    "Judge Mary Holt said the breach of trust was serious and the ban was deserved. "
    "His lawyer, Tom Reed, said he would not appeal against the ruling. "
    "The council will elect a new leader at a special meeting next month."
)
BRIEF = (
    "A council leader began a two-year ban from office yesterday after he admitted fraud "
    "at Ashworth Crown Court. The court was told he claimed expenses for trips to Lisbon "
    "he never made."
)
OWN = (
    "Voters in the town gathered outside the hall to protest against new parking charges. "
    "Shop owners fear that trade will fall sharply during the winter months, and the "
    "chamber of commerce has asked for a review."
)


def _dossier(tmp_path: Path, *lines: dict[str, str]) -> dict[str, Any]:
    paths = []
    for number, line in enumerate(lines):
        path = tmp_path / f"{number}.jsonl"
        path.write_text(json.dumps(line) + "\n", encoding="utf-8")
        paths.append(path)
    return dict(newsprism.analyze(paths).data)


def _by_source(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(a["source"]).stem: a for a in data["articles"]}


def test_a_prepared_text_gives_the_same_derivation_as_the_plain_one() -> None:
    assert derivation(prepare(BRIEF), prepare(WIRE)) == derivation(BRIEF, WIRE)


def test_a_shared_quote_counts_only_with_the_sentences_around_it_carried() -> None:
    quote = '"We will fight this ruling in every court we can," the mayor told the council.'
    source = f"The mayor spoke after the vote on Monday evening. {quote}"
    alone = f"Rain fell across the valley all weekend and the rivers rose. {quote}"
    spans = [(alone.index('"'), alone.rindex('"') + 1)]
    assert derivation(prepare(alone, spans), source).share == 0.0
    carried = f"The mayor spoke after the vote on Monday evening. {quote}"
    spans = [(carried.index('"'), carried.rindex('"') + 1)]
    assert derivation(prepare(carried, spans), source).share == 1.0


def test_the_copy_is_told_by_dates_then_agency_then_time_words_then_containment() -> None:
    # Dates win over everything else; then an agency credit; then "yesterday" for "today".
    assert derived_side(0.9, 0.1, "2000-03-02", "2000-03-01", True, False) == ("a", "dates")
    assert derived_side(0.9, 0.1, None, None, True, False) == ("b", "agency")
    assert derived_side(0.9, 0.1, a_lean=1, b_lean=-1) == ("b", "time words")
    assert derived_side(0.9, 0.1) == ("a", "containment")  # a sits inside b
    assert derived_side(0.5, 0.45) == (None, None)


def test_agency_credits_are_read_from_bylines_and_from_an_agencys_short_name() -> None:
    assert agency_credit(WIRE)
    assert agency_credit("Text with no credit at all.", outlet="PA")
    assert not agency_credit(BRIEF, outlet="Daily Mail")
    assert time_lean(WIRE, [(0, len(WIRE))]) == 1 and time_lean(BRIEF, [(0, len(BRIEF))]) == -1


def test_a_rewritten_brief_of_the_wire_is_a_copy_with_its_taken_sentences(
    tmp_path: Path,
) -> None:
    data = _dossier(tmp_path, {"text": WIRE}, {"text": BRIEF}, {"text": OWN})
    by_source = _by_source(data)
    wire, brief = by_source["0"], by_source["1"]
    copies = [r for r in data["relations"] if r["kind"] != "same-story"]
    (relation,) = [r for r in copies if {r["a"], r["b"]} == {wire["id"], brief["id"]}]
    assert relation["derived"] == brief["id"] and relation["derived_by"] == "agency"
    side = "a" if relation["a"] == brief["id"] else "b"
    other = "b" if side == "a" else "a"
    assert relation[f"{side}_taken"] > 0.85 and relation["derivation"] == "wholly"
    assert relation["passages"]
    for passage in relation["passages"]:
        taken = brief["text"][passage[f"{side}_start"] : passage[f"{side}_end"]]
        source = wire["text"][passage[f"{other}_start"] : passage[f"{other}_end"]]
        assert taken.strip() and taken in brief["text"] and source.strip()
    # The unrelated report is no copy of either.
    assert all(by_source["2"]["id"] not in (r["a"], r["b"]) for r in copies)
    # The brief and the wire are one source.
    assert any({wire["id"], brief["id"]} <= set(s["articles"]) for s in data["sources"])


def test_spin_cues_do_not_overrule_the_evidence_for_a_direction() -> None:
    told = Relation("a1", "a2", "spun-copy", "a2", 0.9, derived_by="agency")
    open_one = Relation("a1", "a2", "spun-copy", None, 0.9)
    spin = SpinResult(derived={("a1", "a2"): "a1"})
    assert settle_direction(told, spin) is told
    settled = settle_direction(open_one, spin)
    assert settled.derived == "a1" and settled.derived_by == "spin"


def test_a_paper_adding_its_own_reporting_to_one_wire_sentence_stays_its_own_source(
    tmp_path: Path,
) -> None:
    paper = f"{BRIEF.split('. ')[0]}. {OWN} Residents said they had lost faith in the council."
    data = _dossier(tmp_path, {"text": WIRE}, {"text": paper})
    wire, own = _by_source(data)["0"], _by_source(data)["1"]
    # Partly derived: a same-story relation carrying the share taken, not a copy.
    (relation,) = data["relations"]
    assert relation["kind"] == "same-story" and relation["passages"]
    assert relation["derived"] == own["id"] and relation["derivation"] == "partially"
    assert [wire["id"]] in [s["articles"] for s in data["sources"]]
    assert [own["id"]] in [s["articles"] for s in data["sources"]]
