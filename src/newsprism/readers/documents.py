"""What every reader shares: the size limits, the coded input error, format sniffing and
the one way a document is made from bytes. Public, so the file, feed and WARC readers use
one definition of each."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsprism.model import InputError, InputFormat, RawDocument

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
META_FIELDS = ("url", "title", "outlet", "published", "language")
SNIFF_BYTES = 8192
HTML_MARKERS = re.compile(rb"<!doctype html|<html[\s>]|<body[\s>]|<p[\s>]|<div[\s>]", re.I)
MARKDOWN_MARKERS = re.compile(r"^(#{1,6} |!\[[^\]\n]{0,500}\]\(|> |\* |- )", re.M)


# One article's text: a million bytes, so that no text (nor any sentence of it) is longer
# than the million characters spaCy parses at most (its max_length, which raises beyond);
# a text this long is already past the per-article time budget (a 1 MB text: 378 MB at its
# peak, an 8 MB one 532 MB and a minute before E112). A page: an 8 MB page of text costs
# 361 MB to extract (trafilatura alone on 16 MB: 531 MB, 10 s; on 50 MB over 800 MB).
# Measured by ``python -m benchmarks.bench_memory`` (docs/benchmarks.md).
ARTICLE_BYTES = 1_000_000
PAGE_BYTES = 8 * 1024**2
LIMIT_ENV = {
    "max_file_bytes": "NEWSPRISM_MAX_FILE_BYTES",
    "max_article_bytes": "NEWSPRISM_MAX_ARTICLE_BYTES",
    "max_jsonl_line_bytes": "NEWSPRISM_MAX_JSONL_LINE_BYTES",
    "max_page_bytes": "NEWSPRISM_MAX_PAGE_BYTES",
}


@dataclass(frozen=True, slots=True)
class Limits:
    """Size limits that keep one hostile input from exhausting memory (README: Limits).

    ``max_article_bytes`` bounds one article's text (a text file, a JSON line's text, a
    WARC text record, and the text extracted from a page, checked by the extract stage),
    ``max_page_bytes`` one HTML page (a file, a JSON line's html, a WARC record): the
    extraction and cleaning of one input hold many copies of it (``bench_memory``)."""

    max_file_bytes: int = 64 * 1024**2
    max_article_bytes: int = ARTICLE_BYTES
    max_jsonl_line_bytes: int = 16 * 1024**2
    max_page_bytes: int = PAGE_BYTES

    def for_input(self, html: bool) -> tuple[int, str]:
        """The limit one input is held to, and its setting's name: a page's or a text's."""
        if html:
            return self.max_page_bytes, "max_page_bytes"
        return self.max_article_bytes, "max_article_bytes"


def input_error(source: str, line: int | None, code: str, message: str) -> InputError:
    where = f"{source}:{line}" if line is not None else source
    return InputError(source, line, code, f"{where}: {message}")


def looks_binary(sample: bytes) -> bool:
    """NUL bytes or many control characters in the first bytes: not a text article.

    UTF-16/32 with a byte-order mark contain NULs legitimately and are let through.
    """
    if sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control / len(sample) > 0.05


def sniff_format(sample: bytes) -> InputFormat:
    if HTML_MARKERS.search(sample[:SNIFF_BYTES]):
        return "html"
    text = sample[:SNIFF_BYTES].decode("utf-8", errors="ignore")
    return "markdown" if MARKDOWN_MARKERS.search(text) else "text"


def text_format(text: str) -> InputFormat:
    return "markdown" if MARKDOWN_MARKERS.search(text[:SNIFF_BYTES]) else "text"


def too_large(limit: int, setting: str = "max_article_bytes") -> str:
    """The E103 message: the limit passed and the setting (and variable) raising it."""
    return (
        f"larger than the {limit:,}-byte limit {setting}; raise it ({LIMIT_ENV[setting]}) "
        "if this is a real article"
    )


def format_for(name: str, data: bytes) -> InputFormat:
    suffix = Path(name).suffix
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES and TEXT_SUFFIXES[suffix] == "markdown":
        return "markdown"
    # Scraped ".txt" files often carry Markdown (image lines, links): sniff them too.
    return sniff_format(data[:SNIFF_BYTES])


def document_from_bytes(
    source: str,
    line: int | None,
    data: bytes | str,
    fmt: InputFormat,
    meta: dict[str, str | None] | None = None,
) -> Iterator[RawDocument | InputError]:
    """One document from an input's bytes (or its text, where the container declared the
    charset), or the coded error saying why it is none."""
    if not data.strip():
        yield input_error(source, line, "E101", "the input is empty")
    elif isinstance(data, bytes) and looks_binary(data[:SNIFF_BYTES]):
        yield input_error(
            source, line, "E102", "binary data, not an article (NUL or control bytes)"
        )
    else:
        yield RawDocument(source, line, data, fmt, meta or {})
