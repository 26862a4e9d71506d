"""Error codes are a checked vocabulary: every code has one entry in ``errors.ERRORS``, a
real trigger through the public code paths that produces exactly that code (and the
effect the table says: one input rejected, or the command stopped with its exit status),
and a row in docs/errors.md; a code used in the source without an entry fails here."""

from __future__ import annotations

import ast
import gzip
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import pytest
from typer.testing import CliRunner

import newsprism
import newsprism.stages.metadata as metadata_stage
from newsprism import cli
from newsprism.config import Settings
from newsprism.errors import ERRORS, EXIT_STORE, EXIT_USAGE, ErrorCode, NewsprismError
from newsprism.model import Article
from newsprism.store.base import open_store

from .conftest import REPO, old_store

runner = CliRunner()
CODE = re.compile(r"E\d{3}")
ARTICLE = (
    "The council of Velmora met on Tuesday and approved the new bridge budget after a long "
    "debate about the cost of repairs to the old crossing over the river.\n"
)


@dataclass(frozen=True)
class Seen:
    """What a trigger produced: the codes reported, and the exit status of the command
    that stopped on them (None: reported as input errors, the run went on)."""

    codes: list[str]
    exit_code: int | None


Trigger = Callable[[Path, pytest.MonkeyPatch], Seen]


def _file(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _analyze(paths: list[Path], settings: Settings | None = None) -> Seen:
    dossier = newsprism.analyze(paths, settings=settings)
    return Seen([error.code for error in dossier.errors], None)


def _command(args: list[str]) -> Seen:
    result = runner.invoke(cli.app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return Seen(re.findall(r"error (E\d{3}):", result.output), result.exit_code)


def _feed_line(tmp_path: Path, line: str) -> Seen:
    return _analyze([_file(tmp_path / "feed.jsonl", line + "\n")])


def _store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    open_store(url).close()
    return url


def _e100(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    return _analyze([tmp_path / "missing.txt"])


def _e101(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    return _analyze([_file(tmp_path / "empty.txt", "")])


def _e102(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    return _analyze([_file(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")])


def _e103(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    path = _file(tmp_path / "long.txt", ARTICLE * 4)
    return _analyze([path], Settings(max_file_bytes=100))


def _e104(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    # Every byte above ASCII, none of them control bytes: no encoding explains it.
    return _analyze([_file(tmp_path / "unknown.txt", bytes(range(0x80, 0x100)) * 4)])


def _e105(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    return _feed_line(tmp_path, '{"text": "cut off')


def _e106(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    return _feed_line(tmp_path, '{"title": "A headline and nothing else"}')


def _e107(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    return _analyze([_file(tmp_path / "page.html", "<html><body></body></html>")])


def _e108(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    crawl = gzip.compress(b"not a WARC record\r\n\r\n")
    return _analyze([_file(tmp_path / "crawl.warc.gz", crawl)])


def _e109(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    # A feed named .gz that is not gzip cannot be read at all.
    return _analyze([_file(tmp_path / "feed.jsonl.gz", '{"text": "plain"}\n')])


def _e110(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    page = "Share on Facebook\n\nShare on Twitter\n\nSubscribe to our newsletter\n\nAdvertisement"
    return _analyze([_file(tmp_path / "links.txt", page)])


def _e111(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    return _feed_line(tmp_path, '{"text": 42}')


def _e112(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Seen:
    # Fault injected: no input is known to be slow (that would be a bug to fix).
    def stuck(article: Article, **_options: object) -> Article:
        time.sleep(30)
        return article

    monkeypatch.setattr(metadata_stage, "describe", stuck)
    return _analyze([_file(tmp_path / "a.txt", ARTICLE)], Settings(max_article_seconds=1))


def _e199(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Seen:
    # Fault injected: no input is known to make a stage fail (that would be a bug to fix).
    def broken(article: Article, **_options: object) -> Article:
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(metadata_stage, "describe", broken)
    return _analyze([_file(tmp_path / "a.txt", ARTICLE)])


def _e200(_tmp: Path, _mp: pytest.MonkeyPatch) -> Seen:
    return _command(["db", "stats", "--db", "mysql://somewhere/news"])


def _e201(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    return _command(["db", "stats", "--db", f"sqlite:///{tmp_path / 'missing.db'}"])


def _e202(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    url = _store(tmp_path)
    with sqlite3.connect(tmp_path / "store.db") as db:
        db.execute("update alembic_version set version_num = '9999'")
    return _command(["db", "stats", "--db", url])


def _e203(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    url = _store(tmp_path)
    with sqlite3.connect(tmp_path / "store.db") as db:
        db.execute(
            "create trigger refuse before insert on runs "
            "begin select raise(abort, 'the database refuses writes'); end"
        )
    path = _file(tmp_path / "a.txt", ARTICLE)
    return _command(["analyze", str(path), "--out", str(tmp_path / "out"), "--db", url])


def _e204(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    return _command(["db", "story", "a0000000000", "--db", _store(tmp_path)])


def _e205(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    return _command(["db", "stats", "--db", old_store(tmp_path / "old.db")])


def _e300(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    config = _file(tmp_path / "newsprism.toml", "[newsprism]\nmax_file_bytes = -1\n")
    path = _file(tmp_path / "a.txt", ARTICLE)
    return _command(["analyze", str(path), "--out", str(tmp_path / "o"), "--config", str(config)])


def _e400(_tmp: Path, _mp: pytest.MonkeyPatch) -> Seen:
    return _command(["eval", "no-such-set"])


def _e401(tmp_path: Path, _mp: pytest.MonkeyPatch) -> Seen:
    return _command(["eval", "aeb", "--data", str(tmp_path / "missing")])


TRIGGERS: dict[str, Trigger] = {
    "E100": _e100,
    "E101": _e101,
    "E102": _e102,
    "E103": _e103,
    "E104": _e104,
    "E105": _e105,
    "E106": _e106,
    "E107": _e107,
    "E108": _e108,
    "E109": _e109,
    "E110": _e110,
    "E111": _e111,
    "E112": _e112,
    "E199": _e199,
    "E200": _e200,
    "E201": _e201,
    "E202": _e202,
    "E203": _e203,
    "E204": _e204,
    "E205": _e205,
    "E300": _e300,
    "E400": _e400,
    "E401": _e401,
}


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_each_code_has_a_trigger_that_produces_exactly_it(
    code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = TRIGGERS[code](tmp_path, monkeypatch)
    assert seen.codes == [code]
    info = ERRORS[code]  # type: ignore[index]
    if seen.exit_code is None:
        assert info.rejects_input, f"{code} was reported as an input error"
    else:
        assert seen.exit_code == info.exit_code, f"{code} stopped the command differently"


def test_a_missing_path_stops_ingest_before_it_reads_anything(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    seen = _command(["ingest", str(tmp_path / "missing.jsonl"), "--db", db])
    assert seen == Seen(["E100"], ERRORS["E100"].exit_code)
    assert not (tmp_path / "store.db").exists()


def test_every_code_in_the_table_has_a_trigger() -> None:
    assert set(TRIGGERS) == set(ERRORS)


def test_the_code_vocabulary_and_the_table_hold_the_same_codes() -> None:
    assert set(get_args(ErrorCode)) == set(ERRORS)
    assert all(CODE.fullmatch(code) for code in ERRORS)


def _codes_in_source() -> dict[str, set[str]]:
    """Every string literal of the package that is an error code, with the files using it
    (errors.py, which defines them, aside)."""
    package = REPO / "src" / "newsprism"
    used: dict[str, set[str]] = {}
    for path in sorted(package.rglob("*.py")):
        if path == package / "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and CODE.fullmatch(node.value):
                used.setdefault(node.value, set()).add(str(path.relative_to(package)))
    return used


def test_every_code_the_source_uses_is_in_the_table() -> None:
    used = _codes_in_source()
    assert len(used) >= 20  # the scan sees the codes (a broken scan would pass vacuously)
    unknown = {code: files for code, files in used.items() if code not in ERRORS}
    assert not unknown, f"codes used without an entry in errors.ERRORS: {unknown}"


def test_an_unknown_code_is_refused_at_run_time_too() -> None:
    with pytest.raises(ValueError, match="E999"):
        NewsprismError("E999", "no such code")  # type: ignore[arg-type]


def test_the_table_states_every_code_s_effect() -> None:
    for code, info in ERRORS.items():
        assert info.rejects_input or info.stops_command, code
        assert info.meaning and info.action, code
        assert info.exit_code in (None, EXIT_USAGE, EXIT_STORE), code
    assert (EXIT_USAGE, EXIT_STORE) == (cli.EXIT_USAGE, cli.EXIT_STORE)


def test_docs_list_every_code_with_its_meaning() -> None:
    page = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| *`?(E\d{3})`? *\| *([^|]+?) *\|", page, re.MULTILINE)
    assert [code for code, _ in rows] == list(ERRORS)
    for code, meaning in rows:
        assert meaning == ERRORS[code].meaning, code  # type: ignore[index]
