"""Direct quotes in every typography, their speakers, and quote lineage across articles."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsprism
from newsprism.errors import NewsprismError
from newsprism.eval.registry import run_eval
from newsprism.quotes.attribute import attribute
from newsprism.text.quoted import find_quotes

from .conftest import SAMPLE_CORPUS, SHARED

GOLDEN = Path(__file__).parent / "golden" / "quotes"


def _quotes(text: str) -> list[tuple[str, str | None, bool]]:
    return [(a.text, a.speaker, a.partial) for a in attribute(text)]


def test_curly_straight_single_and_guillemet_quotes_are_found() -> None:
    text = (
        '“Curly double,” said Ana Ruiz. "Straight double," said Piet Maas. '
        "‘Curly single,’ said Lena Ostrova. 'Straight single,' said Jo Brek. "
        "«Guillemets here,» said Rafael Onduro."
    )
    found = [text[q.start : q.end] for q in find_quotes(text)]
    assert found == [
        "Curly double,",
        "Straight double,",
        "Curly single,",
        "Straight single,",
        "Guillemets here,",
    ]


def test_apostrophes_and_possessives_are_not_quote_marks() -> None:
    text = "The allies’ plan won’t work, said the ministers’ aide, and Kyiv’s envoy agreed."
    assert find_quotes(text) == []


def test_a_quote_running_over_paragraphs_is_one_quote() -> None:
    text = "She said:\n\n“We did our part. We evacuated everyone.\n\n“Now the state must act.”"
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end].startswith("We did our part")
    assert text[quote.start : quote.end].endswith("Now the state must act.")


def test_unbalanced_quote_ends_with_its_paragraph_and_never_raises() -> None:
    text = "He said “this never closes\n\nNext paragraph has no quote."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == "this never closes"


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n“”‘’'\"«»„Hhe said")), max_size=200))
def test_any_text_gives_quotes_with_exact_spans(text: str) -> None:
    for item in attribute(text):
        assert text[item.quote.start : item.quote.end] == item.text
        if item.mention:
            assert 0 <= item.mention[0] < item.mention[1] <= len(text)


def test_speaker_after_or_before_the_quote_in_either_order() -> None:
    assert _quotes("“The gates failed,” said harbour master Ilse Marrow.")[0][1] == "Ilse Marrow"
    assert _quotes("“The gates failed,” Marrow told reporters.")[0][1] == "Marrow"
    assert _quotes("Ilse Marrow warned: “The gates failed again.”")[0][1] == "Ilse Marrow"
    assert _quotes("According to Ilse Marrow, “the gates failed twice.”")[0][1] == "Ilse Marrow"


def test_pronouns_roles_and_surnames_resolve_to_the_person() -> None:
    text = (
        "Harbour Minister Ilse Marrow visited the quay on Tuesday. “We lost the gates,” she said.\n\n"
        "“That must never happen again,” the minister said.\n\n"
        "“The steel held,” Marrow added."
    )
    assert [speaker for _, speaker, _ in _quotes(text)] == ["Ilse Marrow"] * 3


def test_split_quote_and_continuation_keep_the_speaker() -> None:
    text = (
        "“The city did what it had to do,” Mayor Tomas Vendel said. “Now the state must pay.”\n\n"
        "“Luck is not a flood defence plan.”"
    )
    assert [speaker for _, speaker, _ in _quotes(text)] == ["Tomas Vendel"] * 3


def test_unknown_speaker_is_none_never_a_guess() -> None:
    assert _quotes("“Nobody knows who said this sentence here.”")[0][1] is None


def test_scare_quotes_and_embedded_fragments_are_partial() -> None:
    text = "Critics called the plan “reckless” and said it would “only prolong the misery of residents.”"
    assert all(partial for _, _, partial in _quotes(text))


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return dict(newsprism.analyze([SAMPLE_CORPUS], out=tmp_path_factory.mktemp("q")).data)


def test_sample_corpus_quotes_match_golden_file(sample: dict) -> None:
    names = {a["id"]: (Path(a["source"]).name, a["line"]) for a in sample["articles"]}
    view = sorted(
        [
            names[q["article"]][0],
            names[q["article"]][1] or 0,
            q["text"],
            q["speaker"],
            q["cue"],
            q["partial"],
        ]
        for q in sample["quotes"]
    )
    path = GOLDEN / "sample_corpus.json"
    if os.environ.get("NEWSPRISM_UPDATE_GOLDEN") == "1" or not path.exists():
        path.write_text(json.dumps(view, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert view == json.loads(path.read_text(encoding="utf-8"))


def test_the_same_quote_in_several_outlets_is_one_cluster(sample: dict) -> None:
    by_id = {q["id"]: q for q in sample["quotes"]}
    clusters = [
        c for c in sample["quote_clusters"] if c["text"].startswith("We lost the gates one by one")
    ]
    (cluster,) = clusters
    assert cluster["speaker"] == "Ilse Marrow"
    variants = {by_id[m["quote"]]["text"][:30]: m["variant"] for m in cluster["members"]}
    assert "wording" in variants.values() and "exact" in variants.values()
    assert len(cluster["members"]) >= 4
    for quote in sample["quotes"]:
        article = next(a for a in sample["articles"] if a["id"] == quote["article"])
        assert article["text"][quote["start"] : quote["end"]] == quote["text"]


@pytest.mark.slow
def test_polnear_direct_quotes_meet_their_floors() -> None:
    data = SHARED / "datasets" / "polnear"
    if not (data / "dev.jsonl.gz").is_file():
        pytest.skip(f"the polnear data set is not at {data} (../shared is absent)")
    result = run_eval("polnear", data)
    assert result["passed"], result["failures"]


def test_polnear_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "polnear").mkdir()
    with pytest.raises(NewsprismError) as caught:
        run_eval("polnear", tmp_path / "polnear")
    assert caught.value.code == "E401"


def test_people_are_one_entity_each_with_variants_and_roles(sample: dict) -> None:
    people = {e["name"]: e for e in sample["entities"] if e["type"] == "PERSON"}
    marrow = people["Ilse Marrow"]
    assert marrow["type"] == "PERSON" and marrow["role"] == "Harbour Minister"
    assert "Anna Marrow" in marrow["variants"] and marrow["conflict_candidate"] is True
    assert people["Tomas Vendel"]["role"] == "Mayor"
    assert "Velmora" not in people and not any("Storm" in name for name in people)
    by_id = {e["id"]: e for e in sample["entities"]}
    linked = [q for q in sample["quotes"] if q["speaker"] == "Ilse Marrow"]
    assert linked and all(by_id[q["speaker_entity"]]["name"] == "Ilse Marrow" for q in linked)


def test_seed_people_merge_misspellings_and_flag_first_name_conflicts(seeds_dir: Path) -> None:
    entities = newsprism.analyze([seeds_dir]).data["entities"]
    people = {e["name"]: e for e in entities}
    assert "Hegesth" in people["Pete Hegseth"]["variants"]
    healey = next(e for e in entities if e["name"].endswith("Healey"))
    assert {"John Healey", "Mark Healey"} <= {healey["name"], *healey["variants"]}
    assert healey["conflict_candidate"] is True
