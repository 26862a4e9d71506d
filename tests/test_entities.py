"""Entities: spaCy NER on windows, people by rules checked by NER, organisations and places
canonicalised across articles, and speakers linked to them. Texts are made up for the test."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import pytest

import newsprism
from newsprism.entities import ner
from newsprism.entities import resolve as entities_module
from newsprism.entities.resolve import entity_for, find_entities
from newsprism.model import Article, Entity, SpinEvidence, SpinFinding
from newsprism.text import nlp as spacy_loader

from .conftest import SAMPLE_CORPUS

needs_model = pytest.mark.skipif(
    not spacy_loader.available(),
    reason=f"the spaCy model {spacy_loader.model_name()!r} is not installed",
)


def _article(identifier: str, text: str, outlet: str | None = None) -> Article:
    return Article(
        id=identifier,
        content_hash=identifier * 4,
        source=f"<{identifier}>",
        line=None,
        format="text",
        url=None,
        outlet=outlet,
        outlet_evidence=(),
        title=None,
        published=None,
        language="en",
        text=text,
        paragraphs=(),
        input_text=text,
    )


@needs_model
def test_the_model_loads_once_offline_with_ner_alone() -> None:
    nlp = spacy_loader.load()
    assert nlp is spacy_loader.load()  # cached for the process
    assert nlp.pipe_names == ["ner"]
    assert nlp.meta["license"] == "MIT"


def test_windows_cover_each_name_once_inside_its_paragraph() -> None:
    text = (
        "The Coastal Authority met in Velmora on Monday with engineers and divers.\n\n"
        "Later the Coastal Authority said the pumps of Velmora had failed twice."
    )
    spans = ner.windows(text)
    assert all("\n" not in text[a:b] for a, b in spans)
    covered = "".join(text[a:b] for a, b in spans)
    assert "Coastal Authority" in covered and "Velmora" in covered
    # Their second occurrences are not run again; days are not names.
    assert sum(b - a for a, b in spans) < len(text) * 3 // 4
    assert [r for r, _, _ in ner.first_runs(text)] == ["Coastal Authority", "Velmora"]


@needs_model
def test_windows_find_what_the_whole_text_gives_on_the_sample_corpus() -> None:
    articles = newsprism.analyze([SAMPLE_CORPUS]).articles
    texts = [a.text for a in articles]
    windowed = ner.find_mentions(texts)
    whole = ner.find_mentions(texts, whole=True)

    def names(found: Sequence[Sequence[ner.Mention]]) -> set[tuple[int, str]]:
        return {(i, m.text) for i, ms in enumerate(found) for m in ms}

    shared = names(windowed) & names(whole)
    assert len(shared) >= 0.9 * len(names(whole))
    assert len(shared) >= 0.9 * len(names(windowed))


def _fake_mentions(labels: dict[str, str]):  # type: ignore[no-untyped-def]
    """A stand-in for NER: every occurrence of each given name, with its label."""

    def find(
        texts: Sequence[str], nlp: object = None, whole: bool = False
    ) -> list[list[ner.Mention]]:
        found = []
        for text in texts:
            mentions = []
            for name, label in labels.items():
                at = text.find(name)
                while at >= 0:
                    mentions.append(ner.Mention(at, at + len(name), name, label))
                    at = text.find(name, at + 1)
            found.append(mentions)
        return found

    return find


def test_organisations_and_places_merge_acronyms_and_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    labels = {
        "the North Atlantic Treaty Organization": "ORG",
        "NATO": "ORG",
        "the Institute for Harbour Studies": "ORG",
        "IHS": "ORG",
        "Velmora": "GPE",
        "the European Union": "ORG",
    }
    monkeypatch.setattr(ner, "find_mentions", _fake_mentions(labels))
    articles = [
        _article("a1", "Ministers of the North Atlantic Treaty Organization met in Velmora."),
        _article("a2", "NATO ministers met in Velmora. NATO said little."),
        _article(
            "a3", "A study by the Institute for Harbour Studies (IHS) was cited. IHS said so."
        ),
        _article("a4", "Observers from the European Union went to Velmora."),
    ]
    found = {e.name: e for e in find_entities(articles)}
    nato = found["NATO"]
    assert nato.type == "ORG" and nato.variants == ("North Atlantic Treaty Organization",)
    assert nato.articles == ("a1", "a2")
    assert found["IHS"].variants == ("Institute for Harbour Studies",)
    assert found["Velmora"].type == "GPE" and len(found["Velmora"].articles) == 3
    assert "European Union" in found and "EU" not in found
    assert all(e.conflict_candidate is False for e in found.values())


def test_an_acronym_with_two_possible_long_forms_is_not_merged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    labels = {"Port Authority": "ORG", "Pilots Association": "ORG", "PA": "ORG"}
    monkeypatch.setattr(ner, "find_mentions", _fake_mentions(labels))
    articles = [
        _article("a1", "The Port Authority and the Pilots Association disagreed."),
        _article("a2", "Officials at PA declined to comment on the dispute."),
    ]
    names = {e.name for e in find_entities(articles)}
    assert {"Port Authority", "Pilots Association", "PA"} <= names


def test_ner_vetoes_a_place_that_speaks_and_adds_a_silent_person(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    labels = {"Saudi Arabia": "GPE", "Ursula Quist": "PERSON"}
    monkeypatch.setattr(ner, "find_mentions", _fake_mentions(labels))
    articles = [
        _article(
            "a1", "Saudi Arabia said it would send ships. Ursula Quist watched from the quay."
        ),
    ]
    people = {e.name for e in find_entities(articles) if e.type == "PERSON"}
    assert people == {"Ursula Quist"}


def test_without_the_model_the_rules_still_find_people(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_NER_MODEL", "none")
    assert not spacy_loader.available()
    articles = [
        _article("a1", "Harbour Minister Ilse Marrow visited the quay. Marrow said it held."),
        _article("a2", "Harbour Minister Anna Marrow said the gates failed. Marow added more."),
    ]
    (marrow,) = find_entities(articles)
    assert marrow.name in ("Ilse Marrow", "Anna Marrow") and marrow.role == "Harbour Minister"
    assert {"Ilse Marrow", "Anna Marrow", "Marow"} <= {marrow.name, *marrow.variants}
    assert marrow.conflict_candidate is True
    assert marrow.first_names == ("Anna", "Ilse")


def test_a_spun_title_counts_as_the_original_role(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_NER_MODEL", "none")
    spun_text = "Protection Secretary Jonas Quist said the navy would sail."
    articles = [
        _article("a1", "Defence Secretary Jonas Quist said the navy would sail."),
        _article("a2", spun_text),
        _article("a3", "Protection Secretary Jonas Quist said it again."),
    ]
    evidence = SpinEvidence(0, 20, "Protection Secretary", "Defence Secretary")
    spin = {
        "a2": SpinFinding(is_spun=True, score=0.5, evidence=(evidence,), despun=None),
        "a3": SpinFinding(is_spun=True, score=0.5, evidence=(evidence,), despun=None),
    }
    (quist,) = find_entities(articles, spin)
    assert quist.role == "Defence Secretary"


def test_a_name_in_a_spun_article_joins_the_name_its_swapped_words_restore(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    labels = {
        "Harbour Defense Council": "ORG",
        "Harbour Protection Council": "ORG",
        "Protection Board": "ORG",
        "Velmora": "GPE",
    }
    monkeypatch.setattr(ner, "find_mentions", _fake_mentions(labels))
    spun = "Protection Secretary Ilse Marrow told the Harbour Protection Council in Velmora."
    articles = [
        _article("a1", "The Harbour Defense Council met in Velmora on Monday."),
        _article("a2", f"{spun} The Protection Board met too."),
    ]
    evidence = SpinEvidence(0, 20, "Protection Secretary", "Defense Secretary")
    spin = {"a2": SpinFinding(is_spun=True, score=0.5, evidence=(evidence,), despun=None)}
    found = {e.name: e for e in find_entities(articles, spin)}
    council = found["Harbour Defense Council"]
    assert council.variants == ("Harbour Protection Council",)
    assert council.articles == ("a1", "a2")
    # No article writes "Defense Board": the name is kept as written, not rewritten on a guess.
    assert "Protection Board" in found and "Defense Board" not in found
    # Without the spin stage's verdict nothing is merged.
    plain = {e.name for e in find_entities(articles, {})}
    assert {"Harbour Defense Council", "Harbour Protection Council"} <= plain


def test_nationalities_and_joined_names_are_not_places_or_organisations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    labels = {
        "Velmoria": "GPE",
        "Velmorian": "GPE",
        "Ostrava Bay": "GPE",
        "Coastal Authority - Ostrava Bay": "ORG",
        "Oman": "GPE",
    }
    monkeypatch.setattr(ner, "find_mentions", _fake_mentions(labels))
    articles = [
        _article("a1", "Troops left Velmoria on Monday. A Velmorian official said so."),
        _article("a2", "The Coastal Authority - Ostrava Bay office in Oman stayed shut."),
    ]
    names = {e.name for e in find_entities(articles)}
    assert "Velmoria" in names and "Velmorian" not in names
    assert "Oman" in names and "Ostrava Bay" in names
    assert not any(" - " in name for name in names)


def test_roles_come_from_appositions_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_NER_MODEL", "none")
    articles = [_article("a1", "Lena Brek, the harbour director, said the pumps failed.")]
    (brek,) = find_entities(articles)
    assert brek.role == "harbour director"


def test_speakers_link_to_people_and_organisations() -> None:
    entities = [
        Entity("e1", "Pete Quist", "PERSON", None, ("Quist", "Qiust"), ("a1",), False),
        Entity("e2", "IHS", "ORG", None, ("Institute for Harbour Studies",), ("a1",), False),
    ]
    assert entity_for("Pete Quist", entities) == "e1"
    assert entity_for("Qiust", entities) == "e1"
    assert entity_for("Quist", entities) == "e1"
    assert entity_for("the IHS", entities) == "e2"
    assert entity_for("London-based Institute for Harbour Studies", entities) == "e2"
    assert entity_for("Rafael Onduro", entities) is None
    assert entity_for(None, entities) is None


def test_linking_every_quote_of_a_batch_builds_the_index_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entities = [
        Entity(f"e{i}", f"Person{i} Name{i}", "PERSON", None, (), ("a1",), False) for i in range(50)
    ]
    calls = []
    original = entities_module._fold
    monkeypatch.setattr(entities_module, "_fold", lambda name: calls.append(name) or original(name))
    for _ in range(100):
        entity_for("Name7", entities)
    assert len(calls) < 200  # 50 names indexed once, then one fold per lookup


def test_sample_corpus_has_people_organisations_and_places(tmp_path: Path) -> None:
    data = newsprism.analyze([SAMPLE_CORPUS], out=tmp_path).data
    kinds = {e["type"] for e in data["entities"]}
    assert "PERSON" in kinds
    people = [e for e in data["entities"] if e["type"] == "PERSON"]
    assert len({e["name"] for e in people}) == len(people)  # one entity per person
    if spacy_loader.available():
        assert kinds & {"ORG", "GPE", "LOC"}
        assert not any(e["name"] == "Velmora" for e in people)


@pytest.mark.seeds
def test_seed_people_are_one_entity_each_with_misspellings(seeds_dir: Path) -> None:
    data = newsprism.analyze([seeds_dir]).data
    people = [e for e in data["entities"] if e["type"] == "PERSON"]
    by_name = {e["name"]: e for e in people}
    assert "Hegesth" in by_name["Pete Hegseth"]["variants"]
    assert by_name["Pete Hegseth"]["role"] is not None
    assert "Protection" not in by_name["Pete Hegseth"]["role"]  # a spun title, read back
    zelensky = next(e for e in people if "Zelensky" in e["name"])
    assert {"Zelensky", "Zelenskyy"} <= {zelensky["name"], *zelensky["variants"]}
    surnames = [e["name"].split()[-1] for e in people]
    assert len(surnames) == len(set(surnames))  # no person split in two
    if spacy_loader.available():
        assert "Saudi Arabia" not in by_name
        organisations = {e["name"] for e in data["entities"] if e["type"] == "ORG"}
        assert "NATO" in organisations
    # A speaker that names someone links to them; a description of a document ("the
    # study", "The annual … report" in reported speech) names nobody to link.
    linked = [
        q
        for q in data["quotes"]
        if q["speaker"]
        and not q["partial"]
        and q["speaker"].split()[0].lower() not in ("the", "a", "an")
    ]
    direct = [q for q in linked if q.get("kind", "direct") == "direct"]
    assert direct and all(q["speaker_entity"] for q in direct)
    # Reported speech read by the learned cues may name a group ("Allies reported …"),
    # which is no one entity; most of it still links.
    reported = [q for q in linked if q.get("kind") == "reported"]
    assert sum(bool(q["speaker_entity"]) for q in reported) >= 0.8 * len(reported)


def test_entity_ids_and_order_are_stable_across_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = newsprism.analyze([SAMPLE_CORPUS]).articles
    first = find_entities(articles)
    second = find_entities(list(reversed([dataclasses.replace(a) for a in articles])))
    assert first == second
