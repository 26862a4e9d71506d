"""Readers: turn files, folders, stdin and literal texts into RawDocument records.

Bad input is the normal case. Every problem becomes an ``InputError`` record naming the file
(and line) with a stable code; the reader then goes on with the next input. Sizes are checked
before anything is read, so a gigantic file costs nothing.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from newsprism.model import InputError, InputFormat, RawDocument
from newsprism.readers.documents import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    META_FIELDS,
    SNIFF_BYTES,
    WARC_SUFFIXES,
    Limits,
    document_from_bytes,
    format_for,
    input_error,
    sniff_format,
    text_format,
    too_large,
)

LITERAL_TEXT_MIN_CHARS = 4096


def read_inputs(
    items: Iterable[str | Path],
    limits: Limits | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[RawDocument | InputError]:
    """Yield one record per article found in ``items`` (see module docs for the item rules).

    An item is ``"-"`` (stdin), a ``Path`` (always a path), a ``str`` naming an existing file or
    folder, or any other ``str`` with a newline or longer than 4,096 characters: a literal
    article text (source ``<text N>``).
    """
    limits = limits or Limits()
    literal_count = 0
    for item in items:
        if isinstance(item, str) and item == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, limits)
            continue
        if (
            isinstance(item, str)
            and not _is_existing_path(item)
            and ("\n" in item or len(item) > LITERAL_TEXT_MIN_CHARS)
        ):
            literal_count += 1
            yield _literal_text(item, f"<text {literal_count}>", limits)
            continue
        path = Path(item)
        if path.is_dir():
            yield from _read_folder(path, limits)
        else:
            yield from read_file(path, limits)


def _literal_text(item: str, source: str, limits: Limits) -> RawDocument | InputError:
    if len(item.encode("utf-8", errors="replace")) > limits.max_article_bytes:
        return input_error(source, None, "E103", too_large(limits.max_article_bytes))
    if not item.strip():
        return input_error(source, None, "E101", "the text is empty")
    return RawDocument(source, None, item, text_format(item))


def _is_existing_path(item: str) -> bool:
    if "\n" in item or "\x00" in item or len(item) > 4096:
        return False
    try:
        return Path(item).exists()
    except (OSError, ValueError):
        return False


def _read_folder(folder: Path, limits: Limits) -> Iterator[RawDocument | InputError]:
    found = False
    for root, dirs, files in os.walk(folder, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                found = True
                yield from read_file(Path(root) / name, limits)
    if not found:
        yield input_error(
            str(folder), None, "E101", "the folder holds no files (hidden ones are skipped)"
        )


def read_file(path: Path, limits: Limits) -> Iterator[RawDocument | InputError]:
    source = str(path)
    name = path.name.lower()
    try:
        if not path.exists():
            yield input_error(source, None, "E100", "no such file or folder; check the path")
            return
        size = path.stat().st_size
        if name.endswith(JSONL_SUFFIXES):
            yield from _read_jsonl(path, limits)
            return
        if name.endswith(WARC_SUFFIXES):
            from newsprism.readers.warc import read_warc

            yield from read_warc(path, limits)
            return
        if size == 0:
            yield input_error(source, None, "E101", "the file is empty")
            return
        if size > limits.max_file_bytes:
            message = too_large(limits.max_file_bytes, "max_file_bytes")
            yield input_error(source, None, "E103", message)
            return
        if size > min(limits.max_article_bytes, limits.max_page_bytes):
            # A text file is one article, its bytes its text: the article limit applies;
            # an HTML page carries markup around its text and gets the page limit.
            limit, setting = limits.for_input(html=not _is_plain_text(path, name))
            if size > limit:
                yield input_error(source, None, "E103", too_large(limit, setting))
                return
        data = path.read_bytes()
    except OSError as exc:
        yield input_error(source, None, "E109", f"cannot read: {exc.strerror or exc}")
        return
    yield from document_from_bytes(source, None, data, format_for(name, data))


def _is_plain_text(path: Path, name: str) -> bool:
    if Path(name).suffix in HTML_SUFFIXES:
        return False
    with path.open("rb") as handle:
        return sniff_format(handle.read(SNIFF_BYTES)) != "html"


def _read_stdin(stream: IO[bytes], limits: Limits) -> Iterator[RawDocument | InputError]:
    data = stream.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        yield input_error(
            "<stdin>", None, "E103", too_large(limits.max_file_bytes, "max_file_bytes")
        )
        return
    first = data.lstrip()[:1]
    if first == b"{":
        yield from _jsonl_lines("<stdin>", io.BytesIO(data), limits)
        return
    fmt = sniff_format(data)
    limit, setting = limits.for_input(html=fmt == "html")
    if len(data) > limit:
        yield input_error("<stdin>", None, "E103", too_large(limit, setting))
        return
    yield from document_from_bytes("<stdin>", None, data, fmt)


def _read_jsonl(path: Path, limits: Limits) -> Iterator[RawDocument | InputError]:
    opener: Any = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            yield from _jsonl_lines(str(path), handle, limits)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield input_error(str(path), None, "E109", f"cannot read (truncated or not gzip?): {exc}")


def _jsonl_lines(
    source: str, handle: IO[bytes], limits: Limits
) -> Iterator[RawDocument | InputError]:
    number = 0
    while True:
        raw = handle.readline(limits.max_jsonl_line_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) > limits.max_jsonl_line_bytes and not raw.endswith(b"\n"):
            # Skip the rest of the oversized line without holding it in memory.
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(1024 * 1024)
            message = too_large(limits.max_jsonl_line_bytes, "max_jsonl_line_bytes")
            yield input_error(source, number, "E103", message)
            continue
        if not raw.strip():
            continue
        yield _jsonl_record(source, number, raw, limits)


def _loads(raw: bytes) -> Any:
    """orjson when it can (twice as fast on news lines); the standard library for what
    orjson refuses but JSON allows (escaped lone surrogates, integers beyond 64 bits)."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)


def _jsonl_record(source: str, number: int, raw: bytes, limits: Limits) -> RawDocument | InputError:
    try:
        obj = _loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        return input_error(source, number, "E105", f"invalid JSON ({exc}); fix or remove this line")
    if not isinstance(obj, dict):
        return input_error(source, number, "E105", "a line must be a JSON object")
    meta: dict[str, str | None] = {}
    for key in META_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return input_error(source, number, "E111", f"field {key!r} must be a string")
        meta[key] = value
    for key, fmt in (("html", "html"), ("text", "text")):
        value = obj.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            return input_error(source, number, "E111", f"field {key!r} must be a string")
        limit, setting = limits.for_input(html=fmt == "html")
        if len(value) > limit:
            return input_error(source, number, "E103", too_large(limit, setting))
        if not value.strip():
            return input_error(source, number, "E101", f"field {key!r} is empty")
        final: InputFormat = "html" if fmt == "html" else text_format(value)
        return RawDocument(source, number, value, final, meta)
    return input_error(source, number, "E106", "the line has neither a 'text' nor an 'html' field")
