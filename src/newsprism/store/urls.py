"""Store URLs: which ones newsprism accepts (SQLAlchemy URLs, bare SQLite paths), and how
they are shown: every password masked, in errors, logs, JSON output and run records."""

from __future__ import annotations

import re
from pathlib import Path

from newsprism.errors import NewsprismError

# The password of a URL (``scheme://user:PASSWORD@host``) or of a ``password=`` parameter.
_URL_PASSWORD = re.compile(r"(?i)([a-z][a-z0-9+.-]{0,30}://[^:/@\s]{0,200}):[^@\s]{0,500}@")
_PARAMETER_PASSWORD = re.compile(r"(?i)\b(password=)[^&\s'\"]{1,500}")
MASK = "***"


def mask_secrets(text: str) -> str:
    """``text`` with every URL password (and ``password=`` parameter) shown as ``***``:
    what errors, logs, JSON output and run records print of a store URL."""
    text = _URL_PASSWORD.sub(lambda m: f"{m.group(1)}:{MASK}@", text)
    return _PARAMETER_PASSWORD.sub(lambda m: f"{m.group(1)}{MASK}", text)


def normalise_url(url: str) -> str:
    """Accept SQLAlchemy URLs and bare SQLite file paths; refuse anything else (E200)."""
    if url.startswith(("postgresql://", "postgres://")):
        # psycopg 3 (the "postgres" extra) rather than SQLAlchemy's default psycopg2
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith(("sqlite://", "postgresql+psycopg://", "postgresql+psycopg2://")):
        return url
    if url.endswith((".db", ".sqlite", ".sqlite3")) and "://" not in url:
        from pathlib import Path

        return f"sqlite:///{Path(url).resolve()}"
    raise NewsprismError(
        "E200",
        f"store URL {mask_secrets(url)!r} is not supported; use sqlite:///PATH.db, a path "
        "ending in .db, or postgresql://USER@HOST/DB",
    )


def sqlite_file(url: str) -> Path | None:
    """The database file of an SQLite store URL (``sqlite:///PATH``, its URI form
    ``sqlite:///file:PATH?mode=ro``, or a bare ``*.db`` / ``*.sqlite`` path); None for an
    in-memory or another database's URL."""
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        if path in ("", ":memory:"):
            return None
        if path.startswith("file:"):
            path = path.removeprefix("file:")
        return Path(path.split("?", 1)[0]).expanduser()
    if "://" not in url and url.endswith((".db", ".sqlite", ".sqlite3")):
        return Path(url).expanduser()
    return None
