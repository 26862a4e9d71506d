"""Evaluation sets by name, their data locations and pinned floors."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError

FLOORS_FILE = Path(__file__).with_name("floors.toml")


def _aeb(data_dir: Path, limit: int | None) -> dict[str, Any]:
    from newsprism.eval import aeb

    return aeb.run(data_dir, limit)


def _polnear(data_dir: Path, limit: int | None) -> dict[str, Any]:
    from newsprism.eval import polnear

    return polnear.run(data_dir, limit)


def _pan13(data_dir: Path, limit: int | None) -> dict[str, Any]:
    from newsprism.eval import pan13

    return pan13.run(data_dir, limit)


def _newsquant(data_dir: Path, limit: int | None) -> dict[str, Any]:
    from newsprism.eval import newsquant

    return newsquant.run(data_dir, limit)


def _conflicts(data_dir: Path, limit: int | None) -> dict[str, Any]:
    from newsprism.eval import conflicts

    return conflicts.run(data_dir, limit)


def _meter(data_dir: Path, limit: int | None) -> dict[str, Any]:
    from newsprism.eval import meter

    return meter.run(data_dir, limit)


def _ecbplus(data_dir: Path, limit: int | None) -> dict[str, Any]:
    from newsprism.eval import ecbplus

    return ecbplus.run(data_dir, limit)


def _despin(data_dir: Path, limit: int | None) -> dict[str, Any]:
    from newsprism.eval import despin

    return despin.run(data_dir, limit)


EVAL_SETS: dict[str, Callable[[Path, int | None], dict[str, Any]]] = {
    "conflicts": _conflicts,
    "newsquant": _newsquant,
    "aeb": _aeb,
    "polnear": _polnear,
    "pan13": _pan13,
    "meter": _meter,
    "ecbplus": _ecbplus,
    "despin": _despin,
}


# Sets small enough to ship inside the package: their data directory by default.
PACKAGED_SETS: dict[str, Path] = {"conflicts": Path(__file__).with_name("sets")}


def default_data_dir(name: str) -> Path:
    """The packaged set's directory, else ../shared/datasets/NAME beside the checkout (from
    the working directory or package)."""
    if name in PACKAGED_SETS:
        return PACKAGED_SETS[name]
    candidates = [
        Path.cwd().parent / "shared" / "datasets" / name,
        Path.cwd() / "shared" / "datasets" / name,
        Path(__file__).resolve().parents[4] / "shared" / "datasets" / name,
    ]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def floors(name: str) -> dict[str, Any]:
    with FLOORS_FILE.open("rb") as handle:
        return dict(tomllib.load(handle).get(name, {}))


def check_floors(result: dict[str, Any], pinned: dict[str, Any]) -> list[str]:
    failures = []
    ours = result["ours"]
    for metric, floor in pinned.items():
        if metric == "beat_baseline":
            baseline = result["baselines"][floor]["f1"]
            if ours["f1"] < baseline:
                failures.append(f"f1 {ours['f1']:.4f} is below {floor}'s {baseline:.4f}")
        elif metric.startswith("train_") and metric not in ours:
            continue  # a --data directory holding one split only (a held-out test split)
        elif isinstance(floor, int | float) and ours.get(metric, 0.0) < floor:
            failures.append(f"{metric} {ours.get(metric, 0.0):.4f} is below its floor {floor}")
    return failures


def run_eval(name: str, data_dir: Path | None = None, limit: int | None = None) -> dict[str, Any]:
    if name not in EVAL_SETS:
        raise NewsprismError("E400", f"unknown evaluation set {name!r}; known: {sorted(EVAL_SETS)}")
    directory = data_dir or default_data_dir(name)
    if not directory.is_dir():
        raise NewsprismError("E401", f"evaluation data for {name!r} not found at {directory}")
    result = EVAL_SETS[name](directory, limit)
    pinned = floors(name)
    failures = check_floors(result, pinned)
    return {
        "set": name,
        "data": str(directory),
        **result,
        "floors": pinned,
        "passed": not failures,
        "failures": failures,
    }


def format_eval_table(result: dict[str, Any]) -> str:
    if result["set"] == "polnear":
        return _format_polnear(result)
    if result["set"] == "pan13":
        return _format_pan13(result)
    if result["set"] == "newsquant":
        return _format_newsquant(result)
    if result["set"] == "conflicts":
        return _format_conflicts(result)
    if result["set"] == "meter":
        return _format_meter(result)
    if result["set"] == "ecbplus":
        return _format_ecbplus(result)
    if result["set"] == "despin":
        return _format_despin(result)
    rows = [("ours", result["ours"]), *list(result["baselines"].items())]
    header = f"{'system':<14}{'F1':>8}{'±':>8}{'P':>8}{'R':>8}{'acc':>8}{'s':>8}"
    lines = [f"evaluation set {result['set']} ({result['n']} documents, {result['data']})", header]
    for name, m in rows:
        lines.append(
            f"{name:<14}{m['f1']:>8.4f}{m['f1_std']:>8.4f}{m['precision']:>8.4f}"
            f"{m['recall']:>8.4f}{m['accuracy']:>8.4f}{m['seconds']:>8.1f}"
        )
    lines.append(_floors_line(result))
    return "\n".join(lines)


def _format_despin(result: dict[str, Any]) -> str:
    lines = [
        f"evaluation set despin: originals restored in self-spun articles ({result['data']})",
        f"{'part':<12}{'texts':>8}{'swaps':>8}{'restored':>10}{'R':>8}{'P':>8}{'span P':>8}",
    ]
    for name, m in result["detail"].items():
        lines.append(
            f"{name:<12}{m['texts']:>8}{m['swaps']:>8}{m['restorations']:>10}"
            f"{m['recall']:>8.4f}{m['precision']:>8.4f}{m['span_precision']:>8.4f}"
        )
    lines.append(_floors_line(result))
    return "\n".join(lines)


def _format_polnear(result: dict[str, Any]) -> str:
    detail = result["detail"]
    lines = [
        f"evaluation set polnear, direct quotes ({result['n']} articles, "
        f"{detail['gold_quotes']} gold quotes, {detail['predicted_quotes']} predicted)",
        f"{'measure':<28}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for name, key in (
        ("content token overlap", "content_overlap"),
        ("content exact", "content_exact"),
        ("attribution (content+speaker)", "attribution"),
    ):
        m = detail[key]
        lines.append(f"{name:<28}{m['precision']:>8.4f}{m['recall']:>8.4f}{m['f1']:>8.4f}")
    lines.append(f"{'speaker exact accuracy':<28}{detail['speaker_accuracy']:>24.4f}")
    train = result.get("train")
    if train:
        lines.append(
            f"train split ({train['gold_quotes']} gold quotes): overlap F1 "
            f"{train['content_overlap']['f1']:.4f}, exact F1 {train['content_exact']['f1']:.4f}, "
            f"attribution F1 {train['attribution']['f1']:.4f}, speaker "
            f"{train['speaker_accuracy']:.4f}"
        )
    lines.append("human agreement (README): content overlap F1 0.939, speaker 0.965")
    lines.append(_floors_line(result))
    return "\n".join(lines)


def _format_pan13(result: dict[str, Any]) -> str:
    ours = result["ours"]
    lines = [
        f"evaluation set pan13 ({result['n']} document pairs, {result['data']})",
        f"{'obfuscation':<16}{'plagdet':>9}{'P':>8}{'R':>8}{'gran.':>8}",
        f"{'all':<16}{ours['plagdet']:>9.4f}{ours['precision']:>8.4f}{ours['recall']:>8.4f}"
        f"{ours['granularity']:>8.3f}",
    ]
    for name, m in result["by_obfuscation"].items():
        lines.append(
            f"{name:<16}{m['plagdet']:>9.4f}{m['precision']:>8.4f}{m['recall']:>8.4f}"
            f"{m['granularity']:>8.3f}"
        )
    lines.append(f"{ours['pairs_per_second']:.0f} pairs/s on one core ({ours['seconds']} s)")
    lines.append(_floors_line(result))
    return "\n".join(lines)


def _format_newsquant(result: dict[str, Any]) -> str:
    lines = [
        f"evaluation set newsquant ({result['n']} sentences, {result['data']})",
        f"{'system':<14}{'value P':>9}{'R':>8}{'F1':>8}{'+unit F1':>10}",
    ]
    for name, m in [("ours", result["ours"]), *result["baselines"].items()]:
        lines.append(
            f"{name:<14}{m['precision']:>9.4f}{m['recall']:>8.4f}{m['f1']:>8.4f}"
            f"{m['value_unit_f1']:>10.4f}"
        )
    lines.append("published (all 590 sentences): CQE 0.920 / 0.856, quantulum3 0.730 / 0.472")
    lines.append(_floors_line(result))
    return "\n".join(lines)


def _format_conflicts(result: dict[str, Any]) -> str:
    ours = result["ours"]
    lines = [
        f"evaluation set conflicts ({result['n']} passage pairs, {result['data']})",
        f"{'label conflict':<26}{'P':>8}{'R':>8}{'F1':>8}{'acc':>8}",
        f"{'ours':<26}{ours['precision']:>8.4f}{ours['recall']:>8.4f}{ours['f1']:>8.4f}"
        f"{ours['accuracy']:>8.4f}",
        f"tp {ours['tp']}, fp {ours['fp']}, fn {ours['fn']}, tn {ours['tn']} "
        f"in {ours['seconds']:.1f} s",
        "",
        f"{'case':<22}{'label':<17}{'rows':>6}{'predicted conflict':>20}",
    ]
    for case, row in ours["by_case"].items():
        lines.append(f"{case:<22}{row['label']:<17}{row['n']:>6}{row['predicted_conflict']:>20}")
    lines.append("")
    lines.append(f"false alarms ({len(ours['false_alarms'])}): {', '.join(ours['false_alarms'])}")
    lines.append(f"missed ({len(ours['misses'])}): {', '.join(ours['misses'])}")
    lines.append(_floors_line(result))
    return "\n".join(lines)


def _format_meter(result: dict[str, Any]) -> str:
    lines = [
        f"evaluation set meter ({result['n']} labelled newspaper articles in "
        f"{result['stories']} stories, {result['data']})",
        f"{'system':<22}{'part':<11}{'P':>7}{'R':>7}{'F1':>7}{'acc':>7}{'acc3':>7}"
        f"{'mF1-3':>7}{'dir (text/meta)':>17}",
    ]
    rows = [
        ("dossier, text only", result["runs"]["text"]),
        ("dossier, outlet+date", result["runs"]["outlet_date"]),
        ("3-gram containment", result["baselines"]["containment"]),
        ("prototype (reuse.py)", result["prototype"]),
    ]
    for name, by_part in rows:
        for part in ("tune", "untouched"):
            m = by_part[part]
            direction = "" if m.get("direction") is None else f"{m['direction']:.3f}"
            if name.startswith("prototype"):
                text_dir, meta_dir = m["direction_text"], m["direction_outlet_date"]
                direction = f"{text_dir or 0:.3f}/{meta_dir or 0:.3f}"
            lines.append(
                f"{name:<22}{part:<11}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}"
                f"{m['accuracy']:>7.3f}{m['accuracy_3']:>7.3f}{m['macro_f1_3']:>7.3f}"
                f"{direction:>17}"
            )
    lines.append(f"thresholds (chosen on tune): {result['thresholds']}")
    lines.append("prototype dir: text only / with outlet and date; published 3-class F1 .664")
    lines.append(_floors_line(result))
    return "\n".join(lines)


def _format_ecbplus(result: dict[str, Any]) -> str:
    lines = [
        f"evaluation set ecbplus ({result['n']} documents, {result['data']}); "
        "train tunes, dev is untouched",
        f"{'system':<24}{'split':<7}{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}{'ARI':>7}"
        f"{'topicF1':>8}{'s':>7}",
    ]
    baseline = result["baselines"]["tfidf_complete_link"]
    rows = [("dossier stories", result["splits"]), ("prototype (events.py)", result["prototype"])]
    if "unavailable" not in baseline:
        rows.append((f"tfidf complete-link {baseline['threshold']}", baseline))
    for name, by_split in rows:
        for split in ("train", "dev"):
            if split not in by_split:
                continue
            m = by_split[split]
            lines.append(
                f"{name:<24}{split:<7}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}"
                f"{m['ari']:>7.3f}{m['topic']['f1']:>8.3f}{m.get('seconds', 0.0):>7.1f}"
            )
    if "unavailable" in baseline:
        lines.append(f"baseline: {baseline['unavailable']}")
    lines.append(_floors_line(result))
    return "\n".join(lines)


def _floors_line(result: dict[str, Any]) -> str:
    status = "passed" if result["passed"] else "FAILED: " + "; ".join(result["failures"])
    return f"floors {result['floors']}: {status}"
