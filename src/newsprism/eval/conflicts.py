"""Evaluation set "conflicts": do two reports of one event disagree?

Each row of ``conflicts.jsonl`` holds two short passages ``a`` and ``b`` and a label:
``conflict`` (they disagree on a figure, a name, a date or a title), ``no-conflict`` (the
same facts, reworded, rounded, in other units or transliterated) or ``different-scope``
(different figures that do not contradict: another year, place, period or total). The
passages become two cleaned articles from two outlets and run, chained as the pipeline
chains them, through every stage the pipeline runs after "metadata" (quotes, relate, spin,
entities, claims, ...); a row is predicted ``conflict`` when the claims stage reports a
value, attribute or name conflict involving both articles.
The "conflict" label is the positive class: precision, recall and F1 are of that label, so
``no-conflict`` and ``different-scope`` are both negatives. The set ships in the package
(``newsprism/eval/sets/conflicts.jsonl``); ``--data DIR`` reads DIR/conflicts.jsonl.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.eval.data import read_jsonl_plain
from newsprism.model import Article, Conflict, Paragraph
from newsprism.pipeline import DEFAULT_STAGES  # importing the pipeline registers the stages
from newsprism.stages.base import RunContext, registered

FILE_NAME = "conflicts.jsonl"
PACKAGED_DIR = Path(__file__).with_name("sets")
POSITIVE = "conflict"
LABELS = ("conflict", "no-conflict", "different-scope")
# The pipeline's stages after the ones that build an article from its input.
STAGES = DEFAULT_STAGES[DEFAULT_STAGES.index("metadata") + 1 :]
CONFLICT_KINDS = frozenset({"value", "attribute", "name"})

Predictor = Callable[[str, str], bool]


def load(data_dir: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The rows of ``data_dir/conflicts.jsonl`` (E401 when it is absent), checked."""
    rows = list(read_jsonl_plain(data_dir / FILE_NAME, limit))
    for number, row in enumerate(rows, start=1):
        missing = {"id", "a", "b", "label"} - set(row)
        if missing or row["label"] not in LABELS:
            raise NewsprismError(
                "E401",
                f"{data_dir / FILE_NAME}:{number}: a row needs id, a, b and a label in "
                f"{list(LABELS)} (missing {sorted(missing)}, label {row.get('label')!r})",
            )
    return rows


def article(text: str, outlet: str, number: int) -> Article:
    """One passage as a cleaned article of ``outlet``: one body paragraph, English."""
    digest = hashlib.sha256(f"{outlet}\n{text}".encode()).hexdigest()
    return Article(
        id=f"a{number:02d}{digest[:9]}",
        content_hash=digest,
        source=f"{outlet}.txt",
        line=None,
        format="text",
        url=f"https://{outlet}.example/{number}",
        outlet=outlet,
        outlet_evidence=(),
        title=None,
        published=None,
        language="en",
        text=text,
        paragraphs=(
            Paragraph("body", text, text, 0, len(text), None, "body: article prose", 0, len(text)),
        ),
        input_text=text,
    )


def conflicts_between(a: str, b: str) -> list[Conflict]:
    """The conflicts the batch stages report for passages ``a`` and ``b`` as two articles of
    two outlets that involve both of them."""
    articles = [article(a, "outlet-a", 1), article(b, "outlet-b", 2)]
    ctx = RunContext()
    stages = registered()
    records: Iterable[Any] = articles
    for name in STAGES:
        # As in the pipeline: each stage takes the records of the one before; batch stages
        # store their findings in ctx.results and record a failure as a run error.
        records = stages[name]().run(records, ctx)
    for _ in records:
        pass
    if ctx.errors:
        raise RuntimeError("; ".join(e.message for e in ctx.errors))
    ids = {x.id for x in articles}
    found = []
    for conflict in ctx.results["claims"]["conflicts"]:
        involved = {i for value in conflict.values for i in value.articles}
        if conflict.kind in CONFLICT_KINDS and ids <= involved:
            found.append(conflict)
    return found


def predict(a: str, b: str) -> bool:
    return bool(conflicts_between(a, b))


def score(rows: Sequence[dict[str, Any]], predicted: Iterable[bool]) -> dict[str, Any]:
    """Precision, recall and F1 of the "conflict" label, a per-case table and the ids of
    false alarms and misses."""
    tp = fp = fn = tn = 0
    by_case: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"label": None, "n": 0, "predicted_conflict": 0}
    )
    false_alarms: list[str] = []
    misses: list[str] = []
    for row, guess in zip(rows, predicted, strict=True):
        positive = row["label"] == POSITIVE
        case = by_case[str(row.get("case") or row["label"])]
        labels = {case["label"], row["label"]} - {None}
        case["label"] = row["label"] if len(labels) == 1 else "mixed"
        case["n"] += 1
        case["predicted_conflict"] += int(guess)
        if guess and positive:
            tp += 1
        elif guess:
            fp += 1
            false_alarms.append(str(row["id"]))
        elif positive:
            fn += 1
            misses.append(str(row["id"]))
        else:
            tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = tp + fp + fn + tn
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "accuracy": round((tp + tn) / total, 4) if total else 0.0,
        "f1_std": 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "by_case": {name: by_case[name] for name in sorted(by_case)},
        "false_alarms": false_alarms,
        "misses": misses,
    }


def run(data_dir: Path, limit: int | None = None, system: Predictor = predict) -> dict[str, Any]:
    rows = load(data_dir, limit)
    started = time.perf_counter()
    predicted = [system(str(row["a"]), str(row["b"])) for row in rows]
    seconds = time.perf_counter() - started
    ours = score(rows, predicted)
    ours["seconds"] = round(seconds, 3)
    return {"n": len(rows), "ours": ours, "baselines": {}}
