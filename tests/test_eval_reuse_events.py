"""The METER and ECB+ evaluation sets: their measures (B-cubed, ARI, trigram containment,
2- and 3-class scores) on hand-made cases, the reuse and same-event prototypes on texts
written here, and each set running end to end on a tiny slice of ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.eval import ecbplus, meter
from newsprism.eval.registry import run_eval
from newsprism.relate.events import cluster_events
from newsprism.relate.reuse import containment, derivation, origin, reuse_label

DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"

WIRE = (
    "By Jane Doe, PA News\n\n"
    "A council leader was today starting a two-year ban from office after admitting fraud. "
    "The court heard that he had claimed expenses for trips he never made. "
    "The judge said the breach of trust was serious and the ban was deserved. "
    "His lawyer said he would not appeal against the ruling."
)
PAPER_REWRITE = (
    "A council leader began a two-year ban from office yesterday after he admitted fraud. "
    "The court was told he claimed expenses for trips he never made, and the judge called "
    "the breach of trust serious."
)
PAPER_OWN = (
    "Voters in the town gathered outside the hall to protest against new parking charges. "
    "Shop owners fear that trade will fall sharply during the winter months."
)


def test_bcubed_scores_a_merge_as_lost_precision_and_a_split_as_lost_recall() -> None:
    gold = ["x", "x", "y", "y"]
    assert ecbplus.bcubed(["a", "a", "b", "b"], gold)["f1"] == 1.0
    merged = ecbplus.bcubed(["a", "a", "a", "a"], gold)
    assert merged["precision"] == 0.5 and merged["recall"] == 1.0
    split = ecbplus.bcubed(["a", "b", "c", "d"], gold)
    assert split["precision"] == 1.0 and split["recall"] == 0.5


def test_adjusted_rand_is_one_for_the_same_partition_and_near_zero_for_a_crossed_one() -> None:
    gold = ["x", "x", "y", "y", "z", "z"]
    assert ecbplus.adjusted_rand([1, 1, 2, 2, 3, 3], gold) == 1.0
    assert ecbplus.adjusted_rand([1, 2, 3, 1, 2, 3], gold) < 0.0


def test_trigram_containment_is_the_share_of_the_articles_trigrams_in_the_source() -> None:
    assert containment("the cat sat on the mat", "yes the cat sat on the mat today") == 1.0
    assert containment("the cat sat on the mat", "a dog lay under a table") == 0.0
    assert containment("the cat sat down", "the cat sat up") == 0.5


def test_two_and_three_class_scores_count_derived_as_wholly_plus_partially() -> None:
    gold = ["wholly_derived", "partially_derived", "non_derived", "non_derived"]
    assert meter.two_class(gold, [True, True, False, True]) == {
        "precision": 0.6667,
        "recall": 1.0,
        "f1": 0.8,
        "accuracy": 0.75,
    }
    three = meter.three_class(
        gold, ["wholly_derived", "wholly_derived", "non_derived", "non_derived"]
    )
    assert three["accuracy_3"] == 0.75


def test_stories_split_into_tune_and_untouched_parts_by_a_stable_hash() -> None:
    parts = [meter.part_of(f"story/{n}") for n in range(300)]
    assert parts == [meter.part_of(f"story/{n}") for n in range(300)]
    assert 70 < parts.count("untouched") < 130


def test_a_rewritten_copy_is_found_derived_despite_tense_and_time_word_changes() -> None:
    found = derivation(PAPER_REWRITE, WIRE)
    assert found.share > 0.9
    assert reuse_label(found.share) == "wholly"
    for taken in found.sentences:
        assert PAPER_REWRITE[taken.start : taken.end].strip()
        assert WIRE[taken.source_start : taken.source_end].strip()
    assert reuse_label(derivation(PAPER_OWN, WIRE).share) == "independent"


def test_the_wire_is_the_origin_by_date_by_agency_byline_and_by_containment() -> None:
    assert origin(WIRE, PAPER_REWRITE, "2000-03-01", "2000-03-02") == "a"
    assert origin(PAPER_REWRITE, WIRE) == "b"  # the PA byline
    bare_wire = WIRE.split("\n\n", 1)[1]
    assert origin(bare_wire, PAPER_REWRITE) == "a"  # the paper sits inside the wire


def test_same_event_clustering_keeps_two_events_of_one_kind_apart() -> None:
    texts = [
        "An earthquake of magnitude 6.1 struck Northland on Monday, damaging homes in Ashford.",
        "The Northland quake in Ashford on Monday damaged homes; magnitude 6.1, officials said.",
        "A magnitude 5.2 earthquake hit Southvale in 2011, cutting power in Brayton.",
        "Power was cut in Brayton when a 5.2 magnitude earthquake struck Southvale in 2011.",
    ]
    labels = cluster_events(texts, threshold=0.2)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]


def test_the_meter_eval_runs_on_a_tiny_slice() -> None:
    if not (DATASETS / "meter" / "docs.jsonl.gz").is_file():
        pytest.skip(f"the meter data set is not at {DATASETS / 'meter'} (../shared is absent)")
    result = run_eval("meter", DATASETS / "meter", limit=3)
    assert result["stories"] == 3 and result["n"] > 0
    for part in ("tune", "untouched", "all"):
        assert 0.0 <= result["runs"]["text"][part]["accuracy"] <= 1.0
    assert (
        set(result["baselines"]) == {"containment", "all_derived"} and "all" in result["prototype"]
    )


def test_the_ecbplus_eval_runs_on_a_tiny_slice() -> None:
    if not (DATASETS / "ecbplus" / "train.jsonl.gz").is_file():
        pytest.skip(f"the ecbplus data set is not at {DATASETS / 'ecbplus'} (../shared is absent)")
    pytest.importorskip("sklearn", reason="the TF-IDF baseline needs scikit-learn (dev extra)")
    result = run_eval("ecbplus", DATASETS / "ecbplus", limit=1)
    for split in ("train", "dev"):
        assert 0.0 < result["splits"][split]["f1"] <= 1.0
        assert 0.0 < result["prototype"][split]["f1"] <= 1.0
        assert 0.0 < result["baselines"]["tfidf_complete_link"][split]["f1"] <= 1.0
