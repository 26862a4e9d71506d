"""WARC files (warcio): each HTML or text response becomes one document."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

from newsprism.model import InputError, InputFormat, RawDocument
from newsprism.readers.documents import Limits, document_from_bytes, input_error, too_large

_WANTED_TYPES = ("text/html", "application/xhtml", "text/plain", "text/markdown")


def read_warc(path: Path, limits: Limits) -> Iterator[RawDocument | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                number += 1
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
                data = stream.read(limits.max_article_bytes + 1)
                if len(data) > limits.max_article_bytes:
                    yield input_error(source, number, "E103", too_large(limits.max_article_bytes))
                    continue
                fmt: InputFormat = "text" if "text/plain" in content_type.lower() else "html"
                if "markdown" in content_type.lower():
                    fmt = "markdown"
                yield from document_from_bytes(source, number, data, fmt, {"url": url})
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield input_error(
            str(path),
            number or None,
            "E108",
            f"the WARC file is malformed or truncated after record {number}: {exc}",
        )
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


def _gzip_problem(path: Path) -> str | None:
    try:
        with gzip.open(path, "rb") as handle:
            while handle.read(1024 * 1024):
                pass
    except (EOFError, OSError, gzip.BadGzipFile) as exc:
        return str(exc)
    return None
