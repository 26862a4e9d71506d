"""Evaluation set "ecbplus": same-event story clustering on ECB+ (train and dev splits).

Protocol of ../shared/datasets/ecbplus/README.md: every document of a split goes through
the public pipeline (``newsprism.api.analyze``) in one batch, text only; the dossier's
stories (read as contract JSON) are compared with the gold ``subtopic`` (the event) and
with ``topic`` (the easier split): B-cubed precision, recall and F1, and the adjusted Rand
index. Beside it, in the same run: the TF-IDF cosine + complete-link baseline
(scikit-learn, a dev dependency; its one threshold chosen on train) and the same-event
prototype of ``newsprism.relate.events`` (its thresholds chosen on train as well). Train is
the tuning split; dev is reported as the untouched one.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

from newsprism.eval.data import read_jsonl_gz
from newsprism.relate.events import cluster_events

SPLITS = ("train", "dev")
# The stages whose output the measure reads (stories); the later ones do not change them.
STAGES = ("extract", "clean", "metadata", "corpus_boilerplate", "quotes", "relate")
BASELINE_THRESHOLDS = tuple(round(0.50 + 0.02 * i, 2) for i in range(25))


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of one clustering against another (one label per
    item, same order): per item, the share of its predicted cluster in its gold cluster and
    the share of its gold cluster in its predicted cluster, averaged over items."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold must label the same items")
    if not gold:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    joint = Counter(zip(predicted, gold, strict=True))
    pred_size, gold_size = Counter(predicted), Counter(gold)
    precision = sum(joint[(p, g)] / pred_size[p] for p, g in zip(predicted, gold, strict=True))
    recall = sum(joint[(p, g)] / gold_size[g] for p, g in zip(predicted, gold, strict=True))
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def adjusted_rand(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Hubert and Arabie's adjusted Rand index from the contingency table."""

    def pairs(n: int) -> float:
        return n * (n - 1) / 2

    n = len(gold)
    if n < 2:
        return 1.0
    joint = sum(pairs(c) for c in Counter(zip(predicted, gold, strict=True)).values())
    rows = sum(pairs(c) for c in Counter(predicted).values())
    cols = sum(pairs(c) for c in Counter(gold).values())
    expected = rows * cols / pairs(n)
    best = (rows + cols) / 2
    if best == expected:
        return 1.0
    return round((joint - expected) / (best - expected), 4)


def score(predicted: Sequence[Hashable], docs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    subtopic = [d["subtopic"] for d in docs]
    topic = [d["topic"] for d in docs]
    event = bcubed(predicted, subtopic)
    return {
        **event,
        "ari": adjusted_rand(predicted, subtopic),
        "topic": {**bcubed(predicted, topic), "ari": adjusted_rand(predicted, topic)},
        "clusters": len(set(predicted)),
    }


def load(data_dir: Path, limit: int | None) -> dict[str, list[dict[str, Any]]]:
    """Each split's documents; ``limit`` keeps the documents of the first N topics."""
    splits: dict[str, list[dict[str, Any]]] = {}
    for split in SPLITS:
        docs = list(read_jsonl_gz(data_dir / f"{split}.jsonl.gz"))
        if limit is not None:
            topics = sorted({d["topic"] for d in docs})[:limit]
            docs = [d for d in docs if d["topic"] in topics]
        splits[split] = docs
    return splits


def dossier_stories(texts: Sequence[str]) -> list[int]:
    """Each text's story in the dossier of one batch (texts in no story stand alone)."""
    from newsprism.api import analyze

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for number, text in enumerate(texts):
            path = Path(tmp) / f"{number:06d}.jsonl"
            path.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
            paths.append(path)
        data = json.loads(analyze(paths, stages=STAGES).to_json())
    index_of = {a["id"]: int(Path(a["source"]).stem) for a in data["articles"]}
    labels = list(range(len(texts)))  # alone until a story says otherwise
    for number, story in enumerate(data["stories"]):
        for article in story["articles"]:
            labels[index_of[article]] = len(texts) + number
    return labels


def tfidf_complete_link(texts: Sequence[str], threshold: float) -> list[int]:
    """The baseline: TF-IDF (sublinear tf, English stopwords) cosine, complete-link
    agglomerative clustering cut at cosine distance ``threshold``."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(texts) < 2:
        return [0] * len(texts)
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="complete", distance_threshold=threshold
    )
    return [int(label) for label in model.fit_predict(matrix.toarray())]


def _baseline(splits: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        return {"unavailable": "scikit-learn is not installed (pip install -e '.[dev]')"}
    started = time.perf_counter()
    texts = {split: [d["text"] for d in docs] for split, docs in splits.items()}
    by_threshold = {
        t: score(tfidf_complete_link(texts["train"], t), splits["train"])["f1"]
        for t in BASELINE_THRESHOLDS
    }
    chosen = max(by_threshold, key=lambda t: (by_threshold[t], -t))
    result: dict[str, Any] = {"threshold": chosen}
    for split, docs in splits.items():
        result[split] = score(tfidf_complete_link(texts[split], chosen), docs)
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def run(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    splits = load(data_dir, limit)
    ours: dict[str, Any] = {}
    detail: dict[str, Any] = {}
    prototype: dict[str, Any] = {}
    for split, docs in splits.items():
        texts = [d["text"] for d in docs]
        started = time.perf_counter()
        detail[split] = score(dossier_stories(texts), docs)
        detail[split]["seconds"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        prototype[split] = score(cluster_events(texts), docs)
        prototype[split]["seconds"] = round(time.perf_counter() - started, 2)
    for split in splits:
        prefix = "" if split == "dev" else f"{split}_"
        ours[f"{prefix}f1"] = detail[split]["f1"]
        ours[f"{prefix}precision"] = detail[split]["precision"]
        ours[f"{prefix}recall"] = detail[split]["recall"]
        ours[f"{prefix}ari"] = detail[split]["ari"]
        ours[f"{prefix}topic_f1"] = detail[split]["topic"]["f1"]
    return {
        "n": sum(len(docs) for docs in splits.values()),
        "tuned_on": "train",
        "untouched": "dev",
        "ours": ours,
        "splits": detail,
        "prototype": prototype,
        "baselines": {"tfidf_complete_link": _baseline(splits)},
    }
