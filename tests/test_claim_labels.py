"""A claim group is labelled in the words of an original, never of a spun copy of it: a
reader sees what the story said, not the synonyms a spinner swapped in."""

from __future__ import annotations

from pathlib import Path

import newsprism

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def test_claim_groups_and_conflicts_take_their_label_from_an_unspun_version() -> None:
    data = newsprism.analyze([SAMPLE]).data
    reworded = {
        r["derived"] for r in data["relations"] if r["kind"] == "spun-copy" and r["derived"]
    }
    assert reworded, "the sample corpus has spun copies of articles it also carries"
    claims = {c["id"]: c for c in data["claims"]}
    subjects = {}
    mixed = 0
    for group in data["claim_groups"]:
        members = [claims[c] for c in group["claims"] if c in claims]
        originals = [c for c in members if c["article"] not in reworded]
        subjects[group["id"]] = group["subject"]
        if originals and len(originals) < len(members):
            mixed += 1
            assert group["subject"] == originals[0]["subject"]
    assert mixed, "some claim group mixes a spun copy with its original"
    for conflict in data["conflicts"]:
        if conflict["kind"] == "value" and conflict.get("claim_group"):
            assert conflict["what"] == f"value of: {subjects[conflict['claim_group']]}"


def test_a_share_of_a_spun_fixed_phrase_is_a_share_of_the_phrase() -> None:
    from newsprism.claims.scope import base_words
    from newsprism.text.fixed_phrases import restore_fixed_phrases

    assert restore_fixed_phrases("2% of gross home product") == "2% of gross domestic product"
    assert base_words("gross home product") == base_words("gross domestic product")
    assert base_words("household budgets") != base_words("gross domestic product")
