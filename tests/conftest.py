"""Shared fixtures: where the read-only shared material and the sample corpus live."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SAMPLE_CORPUS = REPO / "examples" / "corpus"
CHECK_DOSSIER = SHARED / "tools" / "check_dossier.py"


def old_store(path: Path) -> str:
    """A store written by an early newsprism: schema 0001, one run and one article."""
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from newsprism.store.schema import MIGRATIONS

    url = f"sqlite:///{path}"
    engine = sa.create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            sa.text(
                "insert into runs (id, started_at, newsprism_version, inputs, stages, config, "
                "status) values ('r1', '2026-01-01', '0.0.1', '[]', '[]', '{}', 'finished')"
            )
        )
        connection.execute(
            sa.text(
                "insert into articles (content_hash, id, source, format, outlet_evidence, text, "
                "paragraphs, input_text, meta, first_run_id, created_at) values ('h1', 'a1', "
                "'old.txt', 'text', '[]', 'Old text.', '[]', 'Old text.', '{}', 'r1', "
                "'2026-01-01')"
            )
        )
    engine.dispose()
    return url


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the real sample articles are not at {SEEDS} (../shared is absent)")
    return SEEDS


@pytest.fixture
def check_dossier_tool() -> Path:
    if not CHECK_DOSSIER.is_file():
        pytest.skip(f"the dossier checker is not at {CHECK_DOSSIER} (../shared is absent)")
    return CHECK_DOSSIER


# -- a real PostgreSQL server for the store's tests ------------------------------------------
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throwaway PostgreSQL server (Debian's postgresql, run as the postgres user, since
    PostgreSQL refuses root); yields a URL to its maintenance database."""
    import os
    import shutil
    import subprocess

    if not (PG_BIN / "initdb").exists() or shutil.which("runuser") is None:
        pytest.skip(f"PostgreSQL binaries are not at {PG_BIN} (apt-get install postgresql)")
    base = Path(tempfile.mkdtemp(prefix="newsprism-pg-"))
    os.chmod(base, 0o755)
    data, sockets = base / "data", base / "run"
    sockets.mkdir()
    shutil.chown(base, "postgres")
    shutil.chown(sockets, "postgres")
    port = _free_port()

    def as_postgres(*command: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *command],
            check=True,
            capture_output=True,
            timeout=60,
        )

    as_postgres(
        str(PG_BIN / "initdb"), "-A", "trust", "--no-sync", "-U", "postgres", "-D", str(data)
    )
    as_postgres(
        str(PG_BIN / "pg_ctl"),
        "-w",
        "-D",
        str(data),
        "-l",
        str(base / "server.log"),
        "-o",
        f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off",
        "start",
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str, request: pytest.FixtureRequest) -> str:
    """A fresh, empty database on the test server for one test."""
    import re

    import sqlalchemy as sa

    name = "t_" + re.sub(r"\W", "_", request.node.name)[:50].lower()
    engine = sa.create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return postgres_server.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The store's tests run against both databases newsprism supports."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("postgres_url"))
