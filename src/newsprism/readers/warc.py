"""WARC files (warcio): each HTML or text response becomes one document.

warcio prints its own warnings and stops with assorted exceptions on damaged files; here
every such problem becomes one coded error (E108) naming the file and the record, and the
records before the damage are kept.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsprism.model import InputError, InputFormat, RawDocument
from newsprism.readers.documents import Limits, document_from_bytes, input_error, too_large

_WANTED_TYPES = ("text/html", "application/xhtml", "text/plain", "text/markdown")
# How a WARC, a gzipped WARC and an ARC file begin.
_MAGIC = (b"WARC/", b"\x1f\x8b", b"filedesc://")


def _quiet_iterator(handle: Any) -> Any:
    """warcio's ArchiveIterator with its "Content-Length is invalid" warning counted (in
    ``err_count``) instead of printed on the user's terminal."""
    from warcio.archiveiterator import ArchiveIterator

    class QuietIterator(ArchiveIterator):
        def _consume_blanklines(self) -> Any:
            with contextlib.redirect_stderr(io.StringIO()):
                return super()._consume_blanklines()

    return QuietIterator(handle)


def _declared_charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset":
            try:
                return codecs.lookup(value.strip().strip("\"'")).name
            except LookupError:
                return None
    return None


def _decoded_with(data: bytes, charset: str | None) -> bytes | str:
    """The payload as the HTTP header's charset says, where it is not UTF-8 already
    (undeclared or UTF-8 payloads stay bytes for the decoder's own checks)."""
    if charset is None or charset.startswith("utf"):
        return data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252" if charset in ("latin-1", "iso8859-1") else charset, "replace")
    return data


def read_warc(path: Path, limits: Limits) -> Iterator[RawDocument | InputError]:
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        with path.open("rb") as handle:
            if not handle.read(16).startswith(_MAGIC):
                yield input_error(
                    str(path), None, "E108", "not a WARC file (it does not start with WARC/)"
                )
                return
            handle.seek(0)
            iterator = _quiet_iterator(handle)
            for record in iterator:
                number += 1
                if iterator.err_count:
                    yield _damaged(path, number, "a record's Content-Length is wrong")
                    return
                if record.rec_type not in ("response", "resource"):
                    continue
                http = record.http_headers
                content_type = (
                    (http.get_header("Content-Type") if http is not None else None)
                    or record.rec_headers.get_header("Content-Type")
                    or ""
                )
                if not content_type.lower().startswith(_WANTED_TYPES):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                source = f"{path}#{url}" if url else f"{path}#record-{number}"
                stream = record.content_stream()
                plain = "text/plain" in content_type.lower() or "markdown" in content_type.lower()
                limit, setting = limits.for_input(html=not plain)
                data = stream.read(limit + 1)
                if len(data) > limit:
                    yield input_error(source, number, "E103", too_large(limit, setting))
                    continue
                while record.raw_stream.read(1024 * 1024):
                    pass
                if record.raw_stream.limit > 0:  # the file ended inside this record
                    yield _damaged(path, number, "the file ends inside this record")
                    return
                fmt: InputFormat = "text" if "text/plain" in content_type.lower() else "html"
                if "markdown" in content_type.lower():
                    fmt = "markdown"
                payload = _decoded_with(data, _declared_charset(content_type))
                yield from document_from_bytes(source, number, payload, fmt, {"url": url})
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, TypeError) as exc:
        # warcio fails with AttributeError on a response record without WARC-Target-URI.
        problem = "a record has no WARC-Target-URI" if isinstance(exc, AttributeError) else exc
        yield _damaged(path, number + 1, str(problem))
        return
    if path.name.lower().endswith(".gz") and (problem := _gzip_problem(path)):
        # warcio stops quietly at a cut gzip member; say so instead of pretending all was read.
        yield input_error(
            str(path),
            None,
            "E108",
            f"the WARC file is truncated ({problem}); the {number} records before the cut were "
            "read, fetch the file again to get the rest",
        )


def _damaged(path: Path, number: int, problem: str) -> InputError:
    return input_error(
        str(path),
        number,
        "E108",
        f"the WARC file is malformed or truncated at record {number} ({problem}); the "
        f"{number - 1} records before it were read",
    )


def _gzip_problem(path: Path) -> str | None:
    try:
        with gzip.open(path, "rb") as handle:
            while handle.read(1024 * 1024):
                pass
    except (EOFError, OSError, gzip.BadGzipFile) as exc:
        return str(exc)
    return None
