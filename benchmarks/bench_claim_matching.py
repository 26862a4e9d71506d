"""Claim matching on ECB+: shared words against two embedding models, on the same pairs.

    python -m benchmarks.bench_claim_matching [--data DIR] [--limit N] [--json]
    NEWSPRISM_EMBEDDINGS=off|minilm|static python -m benchmarks.bench_claim_matching \
        --pipeline dev

Every ECB+ document of a split (``../shared/datasets/ecbplus``) goes through the claims
of one article (``claims/article.py``: figures, subjects, times). The pairs are the claims
of two different documents of one topic with figures of one unit family; the topic's
other event (its other subtopic) gives the hardest negatives, reports of another event of
the same kind. A pair is **the same subject** (gold) when both documents report the same
event (one subtopic) and the event mention nearest each figure in its sentence is one
event across documents (the same ECB+ ``cross_doc_chain``). The annotation is ECB+'s,
made without our claims in view; the rule that reads it is fixed, not tuned.

A system says two claims match when ``claims/compare.comparable`` compares them (not
None, no veto). Systems, on the very same pairs in one run:

* ``lexical``: shared words only (the thresholds of ``claims/compare.py``);
* ``minilm`` / ``static`` combined: shared words, or subject embeddings of that model
  (``text/embeddings.py``) at least ``subject_min_similarity`` apart, entity and time
  agreeing (``claims/similarity.py``); different figures on meaning alone also need
  ``conflict_min_similarity``;
* ``... alone``: the model's similarity and the hard constraints only, no words (a
  reference for what the model knows).

Only pairs whose two sentences ECB+ annotated with an event are scored for F1 (ECB+
annotates a selection of sentences). A **false alarm** is a matched pair whose figures
differ (``same_value`` false: a conflict a user would be shown) from reports of two
different events (two subtopics), counted over every pair. The thresholds are
swept on the tune split (train) and the best F1 with no more false alarms than lexical is
reported on the untouched split (dev) at the thresholds chosen on train.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from newsprism.claims.article import article_claims
from newsprism.claims.compare import VETO, comparable, same_value
from newsprism.claims.records import comparison_view
from newsprism.claims.similarity import same_entities, same_time, subject_vectors
from newsprism.eval.conflicts import article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "ecbplus"
MODELS = ("minilm", "static")
SUBJECT_SWEEP = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
CONFLICT_SWEEP = (0.8, 0.85, 0.9, 0.95, 1.01)  # 1.01: never on meaning alone
EVENT_TAGS = ("ACTION",)


def _records(data: Path, split: str, limit: int | None) -> list[dict[str, Any]]:
    path = data / f"{split}.jsonl.gz"
    if not path.is_file():
        raise SystemExit(f"no ECB+ {split} split at {path}; pass --data DIR")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    return rows[:limit] if limit else rows


def _listed(value: Any) -> list[dict[str, Any]]:
    return ast.literal_eval(value) if isinstance(value, str) else list(value)


def _nearest_event(mentions: Sequence[dict[str, Any]], start: int, end: int) -> str | None:
    """The cross-document chain of the event mention nearest the figure in its sentence."""
    best: tuple[int, str] | None = None
    for m in mentions:
        if not m["tag"].startswith(EVENT_TAGS) or not m.get("cross_doc_chain"):
            continue
        gap = max(m["start"] - end, start - m["end"], 0)
        if best is None or gap < best[0]:
            best = (gap, str(m["cross_doc_chain"]))
    return best[1] if best else None


def claims_of(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The figures of every document as comparison views, with the gold facts beside."""
    views = []
    for number, record in enumerate(records):
        mentions = _listed(record["mentions"])
        sentences = _listed(record["sentences"])
        for claim in article_claims(article(record["text"], f"doc{number}", number)):
            if claim.event_date:
                continue
            view = comparison_view(claim)
            sentence = next(
                (s for s in sentences if s["start"] <= claim.value_start < s["end"] + 1), None
            )
            inside = [
                m
                for m in mentions
                if sentence is None or sentence["start"] <= m["start"] < sentence["end"] + 1
            ]
            view["_gold_event"] = _nearest_event(inside, claim.value_start, claim.value_end)
            view["_doc"] = record["id"]
            view["_topic"] = str(record["topic"])
            view["_subtopic"] = str(record["subtopic"])
            view["article"] = f"doc{number}"
            views.append(view)
    return views


def pairs(views: Sequence[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    by_topic: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for view in views:
        by_topic[view["_topic"]].append(view)
    for topic in sorted(by_topic):
        members = by_topic[topic]
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a["_doc"] != b["_doc"] and a["_family"] == b["_family"]:
                    yield a, b


def gold(a: dict[str, Any], b: dict[str, Any]) -> bool | None:
    """Whether two claims are the same subject; None when a sentence has no annotated
    event (ECB+ annotates a selection of sentences: the others are not scored)."""
    if a["_gold_event"] is None or b["_gold_event"] is None:
        return None
    return a["_subtopic"] == b["_subtopic"] and a["_gold_event"] == b["_gold_event"]


def _matched(
    a: dict[str, Any], b: dict[str, Any], subject: float | None, clash: float | None
) -> bool:
    score = comparable(a, b, {}, subject, clash)
    return score is not None and score != VETO


def _alone(a: dict[str, Any], b: dict[str, Any], model: str, threshold: float) -> bool:
    x, y = a["_vectors"][model], b["_vectors"][model]
    if x is None or y is None or not (same_entities(a, b) and same_time(a, b)):
        return False
    return float(x @ y) >= threshold


def _score(outcomes: Sequence[tuple[bool, bool | None, bool, bool]]) -> dict[str, Any]:
    """F1 of (predicted, gold, figures differ, other event) outcomes over the pairs with a
    gold label (None: a sentence ECB+ did not annotate), and the false alarms: matched
    figures that differ, of two different events (every pair counts)."""
    tp = sum(1 for p, g, _, _ in outcomes if p and g)
    fp = sum(1 for p, g, _, _ in outcomes if p and g is False)
    fn = sum(1 for p, g, _, _ in outcomes if g and not p)
    alarms = sum(1 for p, _, d, other in outcomes if p and d and other)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "false_alarms": alarms,
    }


def evaluate(views: Sequence[dict[str, Any]], settings: dict[str, Any]) -> dict[str, Any]:
    """Every system on the same pairs of one split. ``settings``: per model the combined
    (subject, conflict) thresholds and the alone threshold; None sweeps them all."""
    listed = list(pairs(views))
    facts = [
        (gold(a, b), not same_value(a, b), a["_subtopic"] != b["_subtopic"]) for a, b in listed
    ]
    lexical = [_matched(a, b, None, None) for a, b in listed]
    results: dict[str, Any] = {
        "pairs": len(listed),
        "labelled_pairs": sum(1 for g, _, _ in facts if g is not None),
        "gold_pairs": sum(1 for g, _, _ in facts if g),
        "lexical": _score([(p, *f) for p, f in zip(lexical, facts, strict=True)]),
    }
    low = min(SUBJECT_SWEEP)
    for model in MODELS:
        for view in views:
            view["_vector"] = view["_vectors"][model]
        sims = []
        for a, b in listed:
            x, y = a["_vectors"][model], b["_vectors"][model]
            sims.append(None if x is None or y is None else float(x @ y))
        chosen = settings.get(model)
        grid = (
            [(s, c) for s in SUBJECT_SWEEP for c in CONFLICT_SWEEP if c >= s]
            if chosen is None
            else [tuple(chosen["combined"])]
        )
        sweep = {}
        for subject, clash in grid:
            predicted = [
                _matched(a, b, subject, clash) if sim is not None and sim >= low else lexical[i]
                for i, ((a, b), sim) in enumerate(zip(listed, sims, strict=True))
            ]
            sweep[(subject, clash)] = _score(
                [(p, *f) for p, f in zip(predicted, facts, strict=True)]
            )
        alone_grid = SUBJECT_SWEEP if chosen is None else (chosen["alone"],)
        alone = {
            t: _score(
                [(_alone(a, b, model, t), *f) for (a, b), f in zip(listed, facts, strict=True)]
            )
            for t in alone_grid
        }
        allowed = results["lexical"]["false_alarms"]
        best = max(
            sweep.items(),
            key=lambda item: (item[1]["false_alarms"] <= allowed, item[1]["f1"], item[0][0]),
        )
        best_alone = max(alone.items(), key=lambda item: item[1]["f1"])
        results[model] = {
            "combined": {"thresholds": list(best[0]), **best[1]},
            "alone": {"threshold": best_alone[0], **best_alone[1]},
        }
    return results


def run(data: Path, limit: int | None, fixed: tuple[float, float] | None = None) -> dict[str, Any]:
    """Both splits; the thresholds swept on tune, or ``fixed`` (subject, conflict) on both
    (the stage's own options, say)."""
    out: dict[str, Any] = {}
    settings: dict[str, Any] = (
        {m: {"combined": list(fixed), "alone": min(SUBJECT_SWEEP)} for m in MODELS} if fixed else {}
    )
    for name, split in (("tune", "train"), ("untouched", "dev")):
        started = time.perf_counter()
        views = claims_of(_records(data, split, limit))
        extracted = time.perf_counter() - started
        timing = {}
        for model in MODELS:
            began = time.perf_counter()
            for view, vector in zip(views, subject_vectors(views, model), strict=True):
                view.setdefault("_vectors", {})[model] = vector
            timing[model] = round(time.perf_counter() - began, 2)
        result = evaluate(views, settings)
        result.update(
            split=split,
            claims=len(views),
            phrases=len({v["subject"] for v in views}),
            seconds={"claims": round(extracted, 1), **timing},
        )
        out[name] = result
        if not settings:
            settings = {
                m: {
                    "combined": result[m]["combined"]["thresholds"],
                    "alone": result[m]["alone"]["threshold"],
                }
                for m in MODELS
            }
    return out


def pipeline_conflicts(data: Path, split: str, limit: int | None) -> dict[str, Any]:
    """The whole pipeline on every document of a split in one batch (with the model that
    ``NEWSPRISM_EMBEDDINGS`` names, or off): its value conflicts, and those whose sides
    come from reports of different events (false alarms)."""
    from newsprism.api import analyze
    from newsprism.config import load_settings

    records = _records(data, split, limit)
    started = time.perf_counter()
    # A text ends with a newline, or a one-line text would be read as a path.
    # Stage options from the environment (NEWSPRISM_STAGES__CLAIMS__SUBJECT_MIN_SIMILARITY=.7).
    texts = [r["text"].rstrip("\n") + "\n" for r in records]
    dossier = analyze(texts, settings=load_settings()).data
    # Sources are "<text N>", N counted from 1 in input order.
    of_article = {
        a["id"]: str(records[int(a["source"].strip("<>").split()[-1]) - 1]["subtopic"])
        for a in dossier["articles"]
    }
    values = [c for c in dossier["conflicts"] if c["kind"] == "value"]
    alarms = [
        c
        for c in values
        if len({of_article.get(a) for v in c["values"] for a in v["articles"]}) > 1
    ]
    return {
        "split": split,
        "documents": len(records),
        "value_conflicts": len(values),
        "other_event_conflicts": len(alarms),
        "claim_groups": len(dossier.get("claim_groups", [])),
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="documents per split at most")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--pipeline",
        metavar="SPLIT",
        help="instead: the whole pipeline's value conflicts on one split (train or dev)",
    )
    parser.add_argument(
        "--fixed",
        metavar="SUBJECT,CONFLICT",
        help="these thresholds on both splits instead of those swept on tune (1.01: never)",
    )
    args = parser.parse_args()
    if args.pipeline:
        json.dump(pipeline_conflicts(args.data, args.pipeline, args.limit), sys.stdout)
        print()
        return
    fixed = tuple(float(x) for x in args.fixed.split(",")) if args.fixed else None
    result = run(args.data, args.limit, (fixed[0], fixed[1]) if fixed else None)
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        return
    for name, split in result.items():
        print(
            f"{name} ({split['split']}): {split['claims']} claims, {split['phrases']} subject "
            f"phrases, {split['pairs']} pairs ({split['labelled_pairs']} labelled, "
            f"{split['gold_pairs']} same subject); s {split['seconds']}"
        )
        rows = [("lexical", split["lexical"])]
        for model in MODELS:
            combined = split[model]["combined"]
            rows.append((f"{model} combined {combined['thresholds']}", combined))
            alone = split[model]["alone"]
            rows.append((f"{model} alone {alone['threshold']}", alone))
        for label, row in rows:
            print(
                f"  {label:<34} P {row['precision']:.3f} R {row['recall']:.3f} "
                f"F1 {row['f1']:.3f}  false alarms {row['false_alarms']}"
            )


if __name__ == "__main__":
    main()
