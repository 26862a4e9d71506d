"""The command line end to end: files in, dossier and store out, exit codes and summaries."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from newsprism.cli import app

from .conftest import SAMPLE_CORPUS

runner = CliRunner()


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


ARTICLE = (
    "Harbour council approves new ferry terminal\n\n"
    "The harbour council voted on Tuesday to build a new ferry terminal on the east quay, "
    "ending two years of debate about the crowded crossing.\n\n"
    "\u201cWe have waited long enough,\u201d said council leader Mira Tolvanen. "
    "The terminal will cost 14 million crowns and open in 2027.\n\n"
    "Want more stories like this? Sign up for our newsletter and follow us for more news.\n"
)


def test_analyze_writes_three_dossier_files_and_exits_zero(tmp_path: Path) -> None:
    _write(tmp_path / "in" / "ferry.txt", ARTICLE)
    result = runner.invoke(app, ["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for name in ("dossier.json", "dossier.md", "dossier.html", "newsprism.db"):
        assert (tmp_path / "out" / name).is_file()
    dossier = json.loads((tmp_path / "out" / "dossier.json").read_text(encoding="utf-8"))
    assert dossier["schema"] == "newsprism.dossier/1"
    (article,) = dossier["articles"]
    assert "newsletter" not in article["text"]
    assert "1 articles read" in result.output


def test_json_summary_counts_removals_by_reason(tmp_path: Path) -> None:
    _write(tmp_path / "ferry.txt", ARTICLE)
    result = runner.invoke(
        app, ["analyze", str(tmp_path / "ferry.txt"), "--out", str(tmp_path / "out"), "--json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["articles_read"] == 1
    assert summary["inputs_rejected"] == 0
    assert sum(summary["removed_by_reason"].values()) >= 1
    assert [s["name"] for s in summary["stages"]][:2] == ["extract", "clean"]


def test_rejected_inputs_give_exit_one_and_are_listed_in_the_dossier(tmp_path: Path) -> None:
    _write(tmp_path / "in" / "good.txt", ARTICLE)
    _write(tmp_path / "in" / "empty.txt", "")
    _write(tmp_path / "in" / "feed.jsonl", '{"text": "' + "A line of news. " * 20 + '"}\n{oops\n')
    result = runner.invoke(
        app, ["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--json"]
    )
    assert result.exit_code == 1, result.output
    dossier = json.loads((tmp_path / "out" / "dossier.json").read_text(encoding="utf-8"))
    errors = {(Path(e["source"]).name, e["line"], e["code"]) for e in dossier["errors"]}
    assert ("empty.txt", None, "E101") in errors
    assert ("feed.jsonl", 2, "E105") in errors
    assert len(dossier["articles"]) == 2


def test_nothing_readable_exits_three(tmp_path: Path) -> None:
    _write(tmp_path / "empty.txt", "")
    result = runner.invoke(
        app, ["analyze", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 3
    assert (tmp_path / "o" / "dossier.json").is_file()


def test_usage_error_exits_two(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path)])  # --out missing
    assert result.exit_code == 2


def test_rerun_stores_nothing_twice_and_keeps_ids(tmp_path: Path) -> None:
    _write(tmp_path / "in" / "ferry.txt", ARTICLE)
    args = ["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--json"]
    first = json.loads(runner.invoke(app, args).stdout)
    ids_first = [
        a["id"] for a in json.loads((tmp_path / "out" / "dossier.json").read_text())["articles"]
    ]
    second = json.loads(runner.invoke(app, args).stdout)
    ids_second = [
        a["id"] for a in json.loads((tmp_path / "out" / "dossier.json").read_text())["articles"]
    ]
    assert first["articles_new"] == 1
    assert second["articles_new"] == 0
    assert ids_first == ids_second
    with sqlite3.connect(tmp_path / "out" / "newsprism.db") as db:
        assert db.execute("select count(*) from articles").fetchone()[0] == 1
        assert db.execute("select count(*) from runs").fetchone()[0] == 2


def test_db_stats_reports_what_is_stored(tmp_path: Path) -> None:
    _write(tmp_path / "ferry.txt", ARTICLE)
    runner.invoke(app, ["analyze", str(tmp_path / "ferry.txt"), "--out", str(tmp_path / "out")])
    url = f"sqlite:///{tmp_path / 'out' / 'newsprism.db'}"
    result = runner.invoke(app, ["db", "stats", "--db", url, "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["articles"] == 1
    assert stats["runs"] == 1


def test_stdin_is_read_with_a_dash(tmp_path: Path) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsprism.cli",
            "analyze",
            "-",
            "--out",
            str(tmp_path / "o"),
            "--json",
        ],
        input=ARTICLE.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr.decode()
    assert json.loads(completed.stdout)["articles_read"] == 1


def test_sample_corpus_analyses_with_a_valid_dossier(
    tmp_path: Path, check_dossier_tool: Path
) -> None:
    result = runner.invoke(app, ["analyze", str(SAMPLE_CORPUS), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    checked = subprocess.run(
        [sys.executable, str(check_dossier_tool), str(tmp_path / "out" / "dossier.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout


def test_a_failing_batch_stage_is_reported_and_the_dossier_still_written(
    tmp_path: Path, monkeypatch
) -> None:
    import newsprism.stages.relate as relate_stage

    def broken(*_args, **_options):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(relate_stage, "relate", broken)
    _write(tmp_path / "ferry.txt", ARTICLE)
    result = runner.invoke(
        app, ["analyze", str(tmp_path / "ferry.txt"), "--out", str(tmp_path / "o"), "--json"]
    )
    assert result.exit_code == 1, result.output
    dossier = json.loads((tmp_path / "o" / "dossier.json").read_text(encoding="utf-8"))
    assert len(dossier["articles"]) == 1
    assert dossier["relations"] == [] and dossier["errors"][0]["code"] == "E199"
