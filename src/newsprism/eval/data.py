"""Reading evaluation data: gzipped JSON Lines, with a clear error when it is missing."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError


def read_jsonl_gz(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The first ``limit`` records of ``path`` (all when None); E401 when it is absent."""
    if not path.is_file():
        raise NewsprismError("E401", f"{path} not found; pass --data DIR holding {path.name}")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            yield json.loads(line)


def read_jsonl_plain(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """As :func:`read_jsonl_gz`, for an uncompressed file."""
    if not path.is_file():
        raise NewsprismError("E401", f"{path} not found; pass --data DIR holding {path.name}")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            yield json.loads(line)
