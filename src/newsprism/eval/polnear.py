"""Evaluation set "polnear": who said what in political news, direct quotes and all
attributions.

Follows the protocol in ../shared/datasets/polnear/README.md and reports everything twice:
on the direct-quote subset (gold ``is_direct_quote``, predictions of kind "direct") and on
all attributions (gold: every attribution; predictions: direct, mixed and reported speech,
and the partial quotes no other prediction contains). Content token-overlap P/R/F1 (micro,
per article token sets), content exact F1, and speaker matching on greedily matched pairs
(exact token set of the source mention). Predictions inside ``ignore_spans`` are dropped.

Splits: dev, and train cut by a hash of the article id into ``tune`` (the part rules are
written against) and ``untouched`` (a fifth never looked at while writing them); a gap
between them, or between train and dev, shows a rule that fits one split.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsprism.eval.data import read_jsonl_gz
from newsprism.quotes.attribute import Attribution
from newsprism.quotes.reported import attributions

_TOKEN = re.compile(r"\w+")


def load(data_dir: Path, split: str = "dev", limit: int | None = None) -> Iterator[dict[str, Any]]:
    return read_jsonl_gz(data_dir / f"{split}.jsonl.gz", limit)


def _tokens(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Token start offsets covered by the spans (a token is a maximal \\w+ run)."""
    covered: set[int] = set()
    for start, end in spans:
        for match in _TOKEN.finditer(text, start, end):
            covered.add(match.start())
    return covered


def _spans(item: dict[str, Any]) -> list[tuple[int, int]]:
    fragments = item.get("fragments") or [item]
    return [(f["start"], f["end"]) for f in fragments]


def _merge_split_quotes(text: str, predictions: list[Any]) -> tuple[list[set[int]], list[Any]]:
    """One attribution per speaker mention and paragraph stretch, as the corpus annotates
    split quotes ("A," she said, "B.") and a speaker's run of quotes: token sets merged."""
    sets: list[set[int]] = []
    kept: list[Any] = []
    for prediction in predictions:
        tokens = _tokens(text, [(prediction.quote.start, prediction.quote.end)])
        if (
            kept
            and prediction.mention is not None
            and prediction.mention == kept[-1].mention
            and "\n" not in text[kept[-1].quote.end : prediction.quote.start]
        ):
            sets[-1] |= tokens
            continue
        sets.append(tokens)
        kept.append(prediction)
    return sets, kept


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def untouched(article_id: str) -> bool:
    """The fifth of train never read while writing rules (a hash of the id, so stable)."""
    return int(hashlib.sha256(article_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def _predicted(text: str, subset: str, found: list[Attribution]) -> list[Attribution]:
    if subset == "direct":
        return [a for a in found if a.kind == "direct"]
    spans = [(a.quote.start, a.quote.end) for a in found if a.kind != "partial"]
    return [
        a
        for a in found
        if a.kind != "partial" or not any(s <= a.quote.start and a.quote.end <= e for s, e in spans)
    ]


def score(articles: list[dict[str, Any]], subset: str = "direct") -> dict[str, Any]:
    """The protocol's figures on ``articles``: ``subset`` "direct" or "all"."""
    overlap_tp = overlap_pred = overlap_gold = 0
    exact_tp = n_pred = n_gold = 0
    speaker_correct = speaker_total = pairs_correct = 0
    for article in articles:
        text = article["text"]
        ignore = [(s["start"], s["end"]) for s in article.get("ignore_spans", [])]
        gold = [a for a in article["attributions"] if subset == "all" or a["is_direct_quote"]]
        found = article.get("_found")
        if found is None:
            found = attributions(text)
        predictions = [
            p
            for p in _predicted(text, subset, found)
            if not any(a <= p.quote.start and p.quote.end <= b for a, b in ignore)
        ]
        gold_sets = [_tokens(text, _spans(g["content"])) for g in gold]
        pred_sets, predictions = _merge_split_quotes(text, predictions)
        gold_union = set().union(*gold_sets) if gold_sets else set()
        pred_union = set().union(*pred_sets) if pred_sets else set()
        overlap_tp += len(gold_union & pred_union)
        overlap_pred += len(pred_union)
        overlap_gold += len(gold_union)
        n_pred += len(predictions)
        n_gold += len(gold)
        exact_tp += sum(1 for p in pred_sets if p and p in gold_sets)
        # Greedy one-to-one matching on shared content tokens.
        candidates = sorted(
            (
                (len(g & p), gi, pi)
                for gi, g in enumerate(gold_sets)
                for pi, p in enumerate(pred_sets)
                if g & p
            ),
            reverse=True,
        )
        used_gold: set[int] = set()
        used_pred: set[int] = set()
        for _, gi, pi in candidates:
            if gi in used_gold or pi in used_pred:
                continue
            used_gold.add(gi)
            used_pred.add(pi)
            source = gold[gi]["source"]
            mention = predictions[pi].mention
            gold_tokens = _tokens(text, [(source["start"], source["end"])]) if source else None
            pred_tokens = _tokens(text, [mention]) if mention else None
            same = (gold_tokens or None) == (pred_tokens or None)
            if source is not None:
                speaker_total += 1
                speaker_correct += same
            pairs_correct += same
    return {
        "content_overlap": _prf(overlap_tp, overlap_pred, overlap_gold),
        "content_exact": _prf(exact_tp, n_pred, n_gold),
        "speaker_accuracy": round(speaker_correct / speaker_total, 4) if speaker_total else 0.0,
        "attribution": _prf(pairs_correct, n_pred, n_gold),
        "gold_quotes": n_gold,
        "predicted_quotes": n_pred,
    }


_FIGURES = {
    "f1": ("content_overlap", "f1"),
    "exact_f1": ("content_exact", "f1"),
    "speaker_accuracy": ("speaker_accuracy", None),
    "attribution_f1": ("attribution", "f1"),
}


def _flat(prefix: str, result: dict[str, Any]) -> dict[str, float]:
    flat = {}
    for name, (section, key) in _FIGURES.items():
        value = result[section] if key is None else result[section][key]
        flat[f"{prefix}{name}"] = value
    return flat


def run(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    started = time.perf_counter()
    articles = list(load(data_dir, "dev", limit))
    for article in articles:
        article["_found"] = attributions(article["text"])
    seconds = time.perf_counter() - started
    result = score(articles)
    result["seconds"] = round(seconds, 2)
    everything = score(articles, "all")
    flat: dict[str, float] = {
        "f1": result["content_overlap"]["f1"],
        "precision": result["content_overlap"]["precision"],
        "recall": result["content_overlap"]["recall"],
        "exact_f1": result["content_exact"]["f1"],
        "speaker_accuracy": result["speaker_accuracy"],
        "attribution_f1": result["attribution"]["f1"],
        "f1_std": 0.0,
        "accuracy": result["speaker_accuracy"],
        "seconds": result["seconds"],
        "articles_per_second": round(len(articles) / seconds, 1) if seconds else 0.0,
    }
    flat.update(_flat("all_", everything))
    splits: dict[str, Any] = {"dev": {"direct": result, "all": everything}}
    # The train split (ten times larger) is scored too, whole and in its two parts: a
    # change that helps dev or the tuned part alone shows here.
    if (data_dir / "train.jsonl.gz").is_file():
        train = list(load(data_dir, "train", limit))
        for article in train:
            article["_found"] = attributions(article["text"])
        parts = {
            "train": train,
            "tune": [a for a in train if not untouched(a["id"])],
            "untouched": [a for a in train if untouched(a["id"])],
        }
        for name, part in parts.items():
            direct, every = score(part), score(part, "all")
            splits[name] = {"direct": direct, "all": every}
            flat.update(_flat(f"{name}_", direct))
            flat.update(_flat(f"{name}_all_", every))
    return {
        "n": len(articles),
        "ours": flat,
        "detail": result,
        "train": splits.get("train", {}).get("direct"),
        "splits": splits,
        "baselines": {},
    }
