from pathlib import Path

import pytest

from newsprism.spin.restore import restore_spun, spelling_variant
from newsprism.text.lexicon import STOPWORDS
from newsprism.text.thesaurus import Thesaurus, count_model, parse_wordnet


def _thesaurus(tmp_path: Path) -> Thesaurus:
    # A tiny WordNet in its own file format: one verb synset {buy, purchase}.
    for name in ("noun", "adj", "adv"):
        (tmp_path / f"index.{name}").write_text("")
        (tmp_path / f"data.{name}").write_text("")
    (tmp_path / "index.verb").write_text("buy v 1 0 1 0 00000001\npurchase v 1 0 1 0 00000001\n")
    (tmp_path / "data.verb").write_text("00000001 40 v 02 buy 0 purchase 0 000 | get\n")
    (tmp_path / "verb.exc").write_text("bought buy\n")
    return parse_wordnet(tmp_path)


def test_restores_a_swapped_word_from_context(tmp_path: Path) -> None:
    thesaurus = _thesaurus(tmp_path)
    corpus = [["they", "bought", "the", "house"]] * 50 + [["to", "buy", "a", "car"]] * 50
    model = count_model([*corpus, ["purchased"]])
    text = "Last year they purchased the house."
    found = restore_spun(text, thesaurus, model, STOPWORDS)
    assert [(text[r.start : r.end], r.original) for r in found] == [("purchased", "bought")]


def test_spelling_variants_are_no_swap() -> None:
    assert spelling_variant("realised", "realized")
    assert not spelling_variant("purchase", "buy")


def test_eval_despin_runs_on_shared_data() -> None:
    data = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "meter"
    if not data.is_dir():
        pytest.skip("../shared/datasets/meter absent")
    from newsprism.eval import despin

    result = despin.run(data, 3)
    assert result["detail"]["tune"]["swaps"] > 0


def test_swap_weights_match_the_features() -> None:
    from newsprism.spin.restore import expanded_names, swap_weights

    fitted = swap_weights()
    assert len(fitted.weights) == len(expanded_names())


def test_prior_replaces_unigram_counts_where_it_knows_the_word(tmp_path: Path) -> None:
    from newsprism.text.thesaurus import WordPairModel, neighbour_form_count

    counts = count_model([["a", "b"]])
    with_prior = WordPairModel(counts.unigrams, counts.bigrams, counts.total, {"c": 0.25})
    assert with_prior.log_unigram("c") == pytest.approx(-1.3862943611)
    assert with_prior.log_unigram("a") == counts.log_unigram("a")
    assert with_prior.known("c") and not counts.known("c")
    assert neighbour_form_count(_thesaurus(tmp_path), "purchased") == 1  # "bought"


def test_train_despin_fits_on_a_few_texts() -> None:
    data = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "meter"
    if not data.is_dir():
        pytest.skip("../shared/datasets/meter absent")
    from newsprism.eval import despin, train_despin
    from newsprism.text.thesaurus import packaged_word_pairs, wordnet

    thesaurus, model = wordnet(), packaged_word_pairs()
    assert thesaurus is not None and model is not None
    tune = [t for t in despin.load_texts(data) if despin.split_of(t[0]) == "tune"][:4]
    fitted = train_despin.fit(train_despin.examples(tune, thesaurus, model))
    assert len(fitted["weights"]) == len(fitted["features"])
