"""A store URL's password is never shown: not in errors, logs, JSON output or run records
(a real PostgreSQL server, the one tests/conftest.py starts; it trusts any password)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.store.urls import mask_secrets

SECRET = "S3cret-PW"
runner = CliRunner()


def _with_password(url: str) -> str:
    scheme, rest = url.split("://", 1)
    return f"{scheme}://postgres:{SECRET}@{rest.split('@', 1)[1]}"


def test_a_password_is_masked_in_urls_and_parameters() -> None:
    assert mask_secrets(f"postgresql://me:{SECRET}@db.example/news") == (
        "postgresql://me:***@db.example/news"
    )
    assert SECRET not in mask_secrets(f"host=db password={SECRET} user=me")
    assert mask_secrets("sqlite:///out/news.db") == "sqlite:///out/news.db"


def test_store_errors_never_print_the_password(postgres_url: str) -> None:
    missing = _with_password(postgres_url).rsplit("/", 1)[0] + "/no_such_database"
    for command in (
        ["db", "stats", "--db", missing],
        ["db", "stats", "--db", missing, "--json"],
        ["db", "upgrade", "--db", missing],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 4 and "E201" in result.output, result.output
        assert SECRET not in result.output and "***" in result.output


def test_json_output_logs_and_run_records_never_hold_the_password(
    postgres_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = _with_password(postgres_url)
    article = tmp_path / "a.txt"
    article.write_text(
        "The council of Velmora met on Tuesday and approved the new bridge budget after a "
        "long debate about the cost of repairs to the old crossing.\n",
        encoding="utf-8",
    )
    caplog.set_level(logging.DEBUG)
    outputs = [
        runner.invoke(
            app, ["analyze", str(article), "--out", str(tmp_path / "o"), "--db", url, "--json"]
        ),
        runner.invoke(app, ["db", "upgrade", "--db", url, "--json"]),
        runner.invoke(app, ["db", "stats", "--db", url, "--json"]),
        runner.invoke(app, ["db", "stories", "--db", url, "--json"]),
    ]
    for result in outputs:
        assert result.exit_code == 0, result.output
        assert SECRET not in result.output
    assert json.loads(outputs[2].output)["url"].count("***") == 1
    assert SECRET not in caplog.text
    written = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "o").iterdir())
    assert SECRET not in written
    engine = sa.create_engine(postgres_url)
    with engine.connect() as connection:
        runs = connection.execute(sa.text("SELECT inputs, stages, config FROM runs")).all()
    engine.dispose()
    assert runs and SECRET not in json.dumps([list(map(str, row)) for row in runs])
