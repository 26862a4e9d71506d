"""How many records a run's inputs hold, counted cheaply before the run so that a progress
bar has a total: files of folders walked as the readers walk them, JSON Lines files by a
newline count of their bytes (no parsing). What cannot be counted without reading it in
full (stdin, gzipped feeds, WARC archives, whose records are known only once parsed)
leaves the total unknown."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from newsprism.readers.documents import JSONL_SUFFIXES, WARC_SUFFIXES

COUNT_CHUNK_BYTES = 1024 * 1024


def count_inputs(items: Iterable[str | Path]) -> int | None:
    """The records the readers will yield for ``items`` (an estimate: blank feed lines
    count), or None when some item cannot be counted cheaply."""
    total = 0
    for item in items:
        if isinstance(item, str) and item == "-":
            return None
        path = Path(item)
        try:
            if path.is_dir():
                found = _count_folder(path)
            elif path.is_file():
                found = _count_file(path)
            else:
                found = 1  # a literal text, or a missing path: one record (its error)
        except (OSError, ValueError):
            found = 1  # the reader reports it as one error
        if found is None:
            return None
        total += found
    return total


def _count_folder(folder: Path) -> int | None:
    total, found = 0, False
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            found = True
            count = _count_file(Path(root) / name)
            if count is None:
                return None
            total += count
    return total if found else 1  # an empty folder is one error


def _count_file(path: Path) -> int | None:
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return None
    if not name.endswith(JSONL_SUFFIXES):
        return 1
    if name.endswith(".gz"):
        return None
    lines, last = 0, b"\n"
    with path.open("rb") as handle:
        while chunk := handle.read(COUNT_CHUNK_BYTES):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")
