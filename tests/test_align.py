"""Passage alignment: copies, spun copies and partial copies found with exact spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.eval.pan13 import plagdet
from newsprism.eval.registry import run_eval
from newsprism.relate.align import align

from .conftest import SAMPLE_CORPUS, SHARED


def _body(name: str) -> str:
    return (SAMPLE_CORPUS / name).read_text(encoding="utf-8")


def test_a_verbatim_copy_aligns_as_one_verbatim_passage() -> None:
    wire = _body("01_continental_press_wire.txt")
    copy = "Some unrelated opening words about the weather today.\n" + wire
    (passage,) = align(wire, copy)
    assert passage.kind == "verbatim"
    assert copy[passage.b_start : passage.b_end] == wire[passage.a_start : passage.a_end]


def test_a_spun_copy_aligns_despite_word_substitutions() -> None:
    passages = align(_body("01_continental_press_wire.txt"), _body("03_spun_copy.md"))
    assert passages and any(p.kind == "spun" for p in passages)
    covered = sum(p.a_end - p.a_start for p in passages)
    assert covered > 0.6 * len(_body("01_continental_press_wire.txt"))


def test_an_independent_report_shares_no_long_passage_with_an_unrelated_story() -> None:
    wire = _body("01_continental_press_wire.txt")
    unrelated = (
        "The town library reopened on Wednesday after a two-year renovation that added a "
        "reading garden and a children's wing. More than 400 people queued before nine. "
        "The work cost 6.5 million crowns, paid by a bequest from a retired carpenter."
    )
    assert align(wire, unrelated) == []


def test_plagdet_edge_cases_follow_the_reference_implementation() -> None:
    assert plagdet([([], [])])["plagdet"] == 1.0
    assert plagdet([([(0, 10, 0, 10)], [])])["plagdet"] == 0.0
    perfect = plagdet([([(0, 10, 0, 10)], [(0, 10, 0, 10)])])
    assert perfect == {"precision": 1.0, "recall": 1.0, "granularity": 1.0, "plagdet": 1.0}
    split = plagdet([([(0, 10, 0, 10)], [(0, 5, 0, 5), (5, 10, 5, 10)])])
    assert split["granularity"] == 2.0 and split["plagdet"] < 1.0


@pytest.mark.slow
def test_pan13_alignment_meets_its_floors() -> None:
    data = SHARED / "datasets" / "pan13"
    if not (data / "pairs.jsonl.gz").is_file():
        pytest.skip(f"the pan13 data set is not at {data} (../shared is absent)")
    result = run_eval("pan13", data)
    assert result["passed"], result["failures"]


def test_sample_corpus_path_exists() -> None:
    assert Path(SAMPLE_CORPUS).is_dir()


@pytest.fixture(scope="module")
def sample_dossier(tmp_path_factory: pytest.TempPathFactory) -> dict:
    import newsprism

    return dict(newsprism.analyze([SAMPLE_CORPUS], out=tmp_path_factory.mktemp("rel")).data)


def _names(dossier: dict) -> dict[str, str]:
    return {
        a["id"]: Path(a["source"]).name + (f":{a['line']}" if a["line"] else "")
        for a in dossier["articles"]
    }


def test_sample_corpus_relations_match_the_corpus_expectations(sample_dossier: dict) -> None:
    names = _names(sample_dossier)
    kinds = {
        frozenset((names[r["a"]], names[r["b"]])): (r["kind"], r["derived"] and names[r["derived"]])
        for r in sample_dossier["relations"]
        if r["kind"] != "same-story"
    }
    wire, herald = "01_continental_press_wire.txt", "02_harbour_herald_copy.txt"
    spun, partial = "03_spun_copy.md", "04_partial_copy.html"
    assert kinds[frozenset((wire, herald))][0] == "near-duplicate"
    assert kinds[frozenset((wire, spun))][0] == "spun-copy"
    assert kinds[frozenset((wire, partial))] == ("shares-passages", partial)
    assert any(
        kind == "translation" and "wire_feed.jsonl:1" in pair for pair, (kind, _) in kinds.items()
    )
    for independent in ("05_independent_report.txt", "06_photo_page.txt"):
        assert not any(independent in pair for pair in kinds)


def test_sample_corpus_stories_and_independent_sources(sample_dossier: dict) -> None:
    names = _names(sample_dossier)
    stories = [sorted(names[i] for i in s["articles"]) for s in sample_dossier["stories"]]
    assert ["wire_feed.jsonl:2"] in stories  # the unrelated library story stays apart
    assert any(len(story) == 8 for story in stories)
    sources = [sorted(names[i] for i in s["articles"]) for s in sample_dossier["sources"]]
    wire_group = next(g for g in sources if "01_continental_press_wire.txt" in g)
    assert {"02_harbour_herald_copy.txt", "03_spun_copy.md", "04_partial_copy.html"} <= set(
        wire_group
    )
    assert ["05_independent_report.txt"] in sources
    for relation in sample_dossier["relations"]:
        for passage in relation["passages"]:
            a = next(x for x in sample_dossier["articles"] if x["id"] == relation["a"])
            b = next(x for x in sample_dossier["articles"] if x["id"] == relation["b"])
            assert 0 <= passage["a_start"] < passage["a_end"] <= len(a["text"])
            assert 0 <= passage["b_start"] < passage["b_end"] <= len(b["text"])


def test_quote_clusters_count_copies_of_one_wire_story_once(sample_dossier: dict) -> None:
    cluster = next(
        c for c in sample_dossier["quote_clusters"] if c["text"].startswith("We lost the gates")
    )
    assert cluster["outlets"] >= 4
    assert cluster["independent_sources"] == 2  # the wire and its copies, and the Tribune


def test_seed_articles_are_one_story_and_the_shared_wire_passage_is_aligned(
    seeds_dir: Path,
) -> None:
    import newsprism

    dossier = newsprism.analyze([seeds_dir]).data
    assert len(dossier["stories"]) == 1 and len(dossier["stories"][0]["articles"]) == 5
    names = {a["id"]: Path(a["source"]).name[:3] for a in dossier["articles"]}
    copies = [r for r in dossier["relations"] if r["passages"]]
    assert any({names[r["a"]], names[r["b"]]} == {"000", "001"} for r in copies)


def test_the_spun_copy_is_flagged_with_likely_originals(sample_dossier: dict) -> None:
    names = _names(sample_dossier)
    spun = {names[a["id"]]: a["spin"] for a in sample_dossier["articles"]}
    assert spun["03_spun_copy.md"]["is_spun"] is True
    assert not any(s["is_spun"] for name, s in spun.items() if name != "03_spun_copy.md")
    article = next(a for a in sample_dossier["articles"] if names[a["id"]] == "03_spun_copy.md")
    pairs = {(e["text"], e["likely_original"]) for e in article["spin"]["evidence"]}
    assert ("tempest", "storm") in pairs and ("inhabitants", "residents") in pairs
    for evidence in article["spin"]["evidence"]:
        assert article["text"][evidence["start"] : evidence["end"]] == evidence["text"]
    # The spun copy derives from the wire story it spins. (Between it and the wire's other
    # copies the direction comes from the agency credit the spinner kept: siblings.)
    (from_wire,) = [
        r
        for r in sample_dossier["relations"]
        if {names[r["a"]], names[r["b"]]} == {"03_spun_copy.md", "01_continental_press_wire.txt"}
    ]
    assert from_wire["kind"] == "spun-copy" and names[from_wire["derived"]] == "03_spun_copy.md"


def test_the_spun_seed_articles_and_only_they_are_flagged_without_their_originals(
    seeds_dir: Path,
) -> None:
    import newsprism

    dossier = newsprism.analyze([seeds_dir]).data
    by_name = {Path(a["source"]).name[:3]: a for a in dossier["articles"]}
    flagged = {name for name, a in by_name.items() if a["spin"]["is_spun"]}
    assert flagged == {"001", "004"}
    for name in flagged:
        article = by_name[name]
        pairs = {
            (e["text"].lower(), e["likely_original"].lower()) for e in article["spin"]["evidence"]
        }
        assert ("protection secretary", "defense secretary") in pairs
        assert "Defense Secretary" in article["spin"]["despun"]
        assert "Protection Secretary" not in article["spin"]["despun"]
    # 000 borrows one background paragraph of the wire story 001 spins: a shared passage,
    # not a copy. They stay two sources; what the borrowed paragraph says counts once.
    dm, spun = by_name["000"]["id"], by_name["001"]["id"]
    (shared,) = [r for r in dossier["relations"] if {r["a"], r["b"]} == {dm, spun}]
    assert shared["kind"] == "shares-passages" and shared["passages"]
    assert not any({dm, spun} <= set(g["articles"]) for g in dossier["sources"])
    claims = {c["id"]: c for c in dossier["claims"]}
    borrowed = [
        g
        for g in dossier["claim_groups"]
        if {claims[c]["article"] for c in g["claims"]} == {dm, spun}
        and all(claims[c]["text"].startswith("23") for c in g["claims"])
    ]
    assert borrowed and all(g["independent_sources"] == 1 for g in borrowed)


def test_reports_on_the_same_names_weeks_apart_are_different_stories() -> None:
    from newsprism.relate.relations import relate

    from .test_store import make_article

    def report(number: int, published: str, text: str) -> object:
        article = make_article(number)
        object.__setattr__(article, "published", published)
        object.__setattr__(article, "text", text)
        return article

    march = report(
        1,
        "2026-03-10",
        "Velmora Harbour Minister Ilse Marrow said the Orla barrier cost 2.4 billion and 38 gates failed in Tarnholm.",
    )
    again = report(
        2,
        "2026-03-11",
        "In Velmora, Ilse Marrow of the Harbour ministry said 38 gates of the Orla barrier failed; Tarnholm was spared; 2.4 billion.",
    )
    later = report(
        3,
        "2026-05-02",
        "Velmora Harbour Minister Ilse Marrow opened the Tarnholm ferry line; the Orla barrier, 38 gates, 2.4 billion, works again.",
    )
    stories = relate([march, again, later]).stories
    grouped = sorted(sorted(s.articles) for s in stories)
    assert grouped == [sorted([march.id, again.id]), [later.id]]
