"""Raw document -> extracted document: the text to judge, with paragraphs and markup hints.

Decodes bytes, repairs mojibake and normalises Unicode (keeping a map back to the input),
gets the main text of HTML pages with trafilatura, strips Markdown syntax and splits the
result into paragraphs with exact spans and markup hints for the cleaner.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.model import ExtractedDocument, RawDocument, RawParagraph
from newsprism.text.decoding import decode_input
from newsprism.text.normalize import normalize

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)\]]$")
# Markdown syntax that is not article text. Bounded quantifiers keep these linear.
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]{0,2000}\]\([^()\n]{0,2000}\)")
_MD_LINK = re.compile(r"(?<!!)\[([^\[\]\n]{1,2000})\]\([^()\n]{0,2000}\)")
_MD_HEADING = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+")
_MD_LIST = re.compile(r"^[ ]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+")
_MD_QUOTE = re.compile(r"^[ ]{0,3}>[ \t]?")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)([^*_\n]{1,500}?)(?<=\S)\1")


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Builder:
    """Accumulates text with, per character, its offset in the original string."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offsets: list[int] = []

    def add(self, text: str, start: int) -> None:
        self.parts.append(text)
        self.offsets.extend(range(start, start + len(text)))

    def text(self) -> str:
        return "".join(self.parts)


def _strip_markdown(raw: str) -> tuple[str, list[int], list[tuple[int, str]]]:
    """Remove link/image/heading/list syntax; return text, map to ``raw``, and line hints.

    Hints are (offset in the returned text of the line start, hint).
    """
    out = _Builder()
    hints: list[tuple[int, str]] = []
    position = 0
    for line in raw.splitlines(keepends=True):
        body_start = position
        hint: str | None = None
        stripped = line.strip()
        if stripped and _MD_IMAGE.fullmatch(stripped):
            hint = "image"
        elif match := _MD_HEADING.match(line):
            hint, body_start = "heading", position + match.end()
        elif match := _MD_LIST.match(line):
            hint, body_start = "list", position + match.end()
        elif match := _MD_QUOTE.match(line):
            hint, body_start = "blockquote", position + match.end()
        if hint:
            hints.append((len(out.offsets), hint))
        content = raw[body_start : position + len(line)]
        if hint == "heading":
            content = content.rstrip("\n").rstrip("# \t") + ("\n" if line.endswith("\n") else "")
        if hint != "image":
            _add_inline(out, content, body_start)
        else:
            out.add(content, body_start)  # kept so the cleaner can log it as image markup
        position += len(line)
    return out.text(), out.offsets, hints


def _add_inline(out: _Builder, content: str, start: int) -> None:
    cursor = 0
    for match in _MD_LINK.finditer(content):
        out.add(content[cursor : match.start()], start + cursor)
        out.add(match.group(1), start + match.start(1))
        cursor = match.end()
    rest = content[cursor:]
    images = list(_MD_IMAGE.finditer(rest))
    if not images:
        out.add(rest, start + cursor)
        return
    inner = 0
    for image in images:  # inline images inside prose are dropped
        out.add(rest[inner : image.start()], start + cursor + inner)
        inner = image.end()
    out.add(rest[inner:], start + cursor + inner)


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Paragraph spans of plain text: blank-line blocks; lines when there are no blank lines.

    Inside a blank-line block, lines are separate paragraphs unless the block looks
    hard-wrapped (lines of similar width that do not end sentences).
    """
    if not _BLANK_LINE.search(text):
        yield from _lines(text, 0, len(text))
        return
    position = 0
    for match in [*_BLANK_LINE.finditer(text), None]:
        end = match.start() if match is not None else len(text)
        block = text[position:end]
        lines = [line for line in block.split("\n") if line.strip()]
        if len(lines) > 1 and _hard_wrapped(lines):
            yield position, end
        else:
            yield from _lines(text, position, end)
        if match is None:
            break
        position = match.end()


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of one paragraph wrapped at a fixed width: similar widths, no sentence ends,
    the next line continuing in lower case."""
    inner = lines[:-1]
    widths = [len(line) for line in inner]
    if max(widths) > 100 or min(widths) < 0.6 * max(widths) or min(widths) < 30:
        return False
    if len(lines) == 2:
        return not _SENTENCE_END.search(inner[0].rstrip()) and lines[1][:1].islower()
    ends = sum(1 for line in inner if _SENTENCE_END.search(line.rstrip()))
    return ends <= len(inner) // 3


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    position = start
    for line in text[start:end].split("\n"):
        yield position, position + len(line)
        position += len(line) + 1


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    segment = text[start:end]
    left = len(segment) - len(segment.lstrip())
    right = len(segment.rstrip())
    if right <= left:
        return None
    return start + left, start + right


def _text_document(doc: RawDocument, raw: str) -> ExtractedDocument:
    hints_at: dict[int, str] = {}
    offsets: list[int] | None = None
    source_text = raw
    if doc.format == "markdown":
        source_text, md_offsets, hint_list = _strip_markdown(raw)
        offsets = [*md_offsets, len(raw)]
        hints_at = dict(hint_list)
    normalized = normalize(source_text)
    text = normalized.text
    raw_offsets = (
        normalized.raw_offsets
        if offsets is None
        else tuple(offsets[o] for o in normalized.raw_offsets)
    )
    # Hints were recorded against the stripped text; map them onto normalised offsets.
    norm_hint: dict[int, str] = {}
    if hints_at:
        inverse: dict[int, int] = {}
        for index, original in enumerate(normalized.raw_offsets):
            inverse.setdefault(original, index)
        for at, hint in hints_at.items():
            if at in inverse:
                norm_hint[inverse[at]] = hint
    paragraphs: list[RawParagraph] = []
    for start, end in _blocks(text):
        span = _trimmed(text, start, end)
        if span is None:
            continue
        line_start = text.rfind("\n", 0, span[0]) + 1
        paragraphs.append(
            RawParagraph(
                text[span[0] : span[1]],
                span[0],
                span[1],
                norm_hint.get(line_start) or norm_hint.get(span[0]),
            )
        )
    return ExtractedDocument(
        source=doc.source,
        line=doc.line,
        format=doc.format,
        content_hash=_hash(text),
        text=text,
        raw_offsets=raw_offsets,
        paragraphs=tuple(paragraphs),
        meta=dict(doc.meta),
        raw_text=raw,
    )


_HTML_HINTS = {"head": "heading", "list": "list", "quote": "blockquote", "table": "table"}


def _element_text(element: Any) -> str:
    """Text of an element of trafilatura's tree; a line break counts as a space."""
    pieces = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            pieces.append(" ")
        elif child.tag != "graphic":
            pieces.append(
                " " + _element_text(child) + " "
                if child.tag in ("item", "cell", "p")
                else _element_text(child)
            )
        pieces.append(child.tail or "")
    return " ".join("".join(pieces).split())


def _html_blocks(body: Any) -> Iterator[tuple[str, str | None]]:
    """(text, hint) per block of trafilatura's tree; loose text between blocks is a paragraph."""
    loose = " ".join((body.text or "").split())
    if loose:
        yield loose, None
    for child in body:
        yield from _child_blocks(child)
        tail = " ".join((child.tail or "").split())
        if tail:
            yield tail, None


def _child_blocks(child: Any) -> Iterator[tuple[str, str | None]]:
    tag = child.tag
    if tag == "graphic":
        return
    if tag == "list":
        for item in child.iter("item"):
            text = _element_text(item)
            if text:
                yield text, "list"
        return
    if tag == "table":
        for row in child.iter("row"):
            cells = [_element_text(cell) for cell in row.iter("cell")]
            text = " | ".join(c for c in cells if c)
            if text:
                yield text, "table"
        return
    text = _element_text(child)
    if text:
        yield text, _HTML_HINTS.get(tag)


# Where a page's head says each field, best first: (tag, attribute naming it, its value).
_META_SOURCES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "title": (
        ("meta", "property", "og:title"),
        ("meta", "name", "twitter:title"),
        ("title", "", ""),
    ),
    "sitename": (
        ("meta", "property", "og:site_name"),
        ("meta", "name", "application-name"),
        ("meta", "name", "publisher"),
    ),
    "published": (
        ("meta", "property", "article:published_time"),
        ("meta", "itemprop", "datepublished"),
        ("meta", "name", "date"),
        ("meta", "name", "pubdate"),
        ("meta", "name", "publish-date"),
        ("meta", "name", "dc.date"),
    ),
    "author": (("meta", "name", "author"), ("meta", "property", "article:author")),
    "url": (("link", "rel", "canonical"), ("meta", "property", "og:url")),
}
_JSON_LD_DATE = re.compile(r'"datePublished"\s{0,5}:\s{0,5}"([^"]{4,40})"')


def page_metadata(html: str) -> dict[str, str | None]:
    """What the page's head says about itself (title, site name, date, author, URL).

    One pass over the parsed head: trafilatura's full metadata search (with date guessing
    over the whole page) costs as much as the extraction itself.
    """
    from lxml import html as lxml_html

    meta: dict[str, str | None] = dict.fromkeys([*_META_SOURCES, "language"])
    head_end = html.find("</head>", 0, 2_000_000)
    if head_end < 0:
        head_end = html.find("</HEAD>", 0, 2_000_000)
    head = html[: head_end + 7] + "</html>" if head_end >= 0 else html[:2_000_000]
    try:
        tree = lxml_html.document_fromstring(head)
    except Exception:  # malformed pages still get extracted; they just have no metadata
        return meta
    # One pass over the head's elements, then each field takes its best-ranked value.
    seen: dict[tuple[str, str, str], str] = {}
    for element in tree.iter("meta", "link", "title"):
        tag = element.tag
        if tag == "title":
            value = element.text_content()
            seen.setdefault(("title", "", ""), value)
            continue
        value = element.get("href" if tag == "link" else "content") or ""
        for attribute in ("property", "name", "itemprop", "rel"):
            key = (element.get(attribute) or "").strip().lower()
            if key:
                seen.setdefault((tag, attribute, key), value)
    for field, sources in _META_SOURCES.items():
        for source in sources:
            value = " ".join(seen.get(source, "").split())
            if value:
                meta[field] = value[:500]
                break
    meta["language"] = (tree.get("lang") or "").strip() or None
    if meta["published"] is None and (match := _JSON_LD_DATE.search(html)):
        meta["published"] = match.group(1)
    if meta["language"]:
        meta["language"] = meta["language"].split("-")[0].lower()[:8] or None
    return meta


# libxml2, under lxml and trafilatura, stops building the tree 256 elements deep.
MAX_HTML_DEPTH = 255
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})(?=[\s/>])")
_VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)


def html_nesting_depth(html: str, stop_at: int = MAX_HTML_DEPTH + 1) -> int:
    """How deep the page's elements nest (void elements aside), counted up to ``stop_at``:
    one linear scan of the tags, no parser."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        if match.group(2).lower() in _VOID_TAGS:
            continue
        if match.group(1):
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest >= stop_at:
                break
    return deepest


def _no_text_error(doc: RawDocument, html: str) -> NewsprismError:
    """E107, saying "too deep" where the page nests deeper than the parser reads."""
    if html_nesting_depth(html) > MAX_HTML_DEPTH:
        return NewsprismError(
            "E107",
            f"{doc.source}: the HTML is nested too deep (more than {MAX_HTML_DEPTH} elements "
            "inside each other), deeper than the parser reads; no article text found",
        )
    return NewsprismError("E107", f"{doc.source}: no article text found in the HTML page")


def _check_text_size(doc: RawDocument, text: str, limit: int | None, what: str) -> None:
    """E103 when the text of one article is over ``limit`` bytes (UTF-8): the cleaner and
    the later stages hold several copies of it and its offset maps."""
    if limit is None or len(text) * 4 <= limit:
        return
    if len(text) > limit or len(text.encode("utf-8", "surrogatepass")) > limit:
        raise NewsprismError(
            "E103",
            f"{doc.source}: {what} is larger than the {limit:,}-byte limit max_article_bytes; "
            "raise it (NEWSPRISM_MAX_ARTICLE_BYTES) if this is a real article",
        )


def _html_document(doc: RawDocument, html: str, max_text_bytes: int | None) -> ExtractedDocument:
    from trafilatura import bare_extraction
    from trafilatura.settings import Document

    try:
        result = bare_extraction(html, url=doc.meta.get("url"), include_comments=False)
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken pages
        raise NewsprismError("E107", f"{doc.source}: the HTML could not be parsed ({exc})") from exc
    if not isinstance(result, Document) or result.body is None:
        raise _no_text_error(doc, html)
    blocks = list(_html_blocks(result.body))
    if not blocks:
        raise _no_text_error(doc, html)
    joined = "\n\n".join(text for text, _ in blocks)
    _check_text_size(doc, joined, max_text_bytes, "the text extracted from the page")
    normalized = normalize(joined)
    text = normalized.text
    paragraphs: list[RawParagraph] = []
    position = 0
    for (_, hint), chunk in zip(blocks, text.split("\n\n"), strict=False):
        span = _trimmed(text, position, position + len(chunk))
        if span is not None:
            paragraphs.append(RawParagraph(text[span[0] : span[1]], span[0], span[1], hint))
        position += len(chunk) + 2
    meta = page_metadata(html)
    meta.update({k: v for k, v in doc.meta.items() if v})  # the container's word wins
    return ExtractedDocument(
        source=doc.source,
        line=doc.line,
        format="html",
        content_hash=_hash(text),
        text=text,
        raw_offsets=normalized.raw_offsets,
        paragraphs=tuple(paragraphs),
        meta=meta,
        raw_text=joined,
    )


# The removal-log reason for bytes that could not be decoded and became U+FFFD.
UNDECODABLE_BYTES = "undecodable-bytes-replaced"


def extract_document(
    doc: RawDocument,
    on_replaced: Callable[[int], None] | None = None,
    max_text_bytes: int | None = None,
) -> ExtractedDocument:
    """Decode and split one document; bad input raises NewsprismError (E107: an HTML page
    without article text; E103: an article's text, or the text extracted from a page,
    over ``max_text_bytes``). ``on_replaced`` hears how many undecodable bytes were
    replaced."""
    if isinstance(doc.data, bytes):
        decoded = decode_input(doc.data, doc.source)
        raw = decoded.text
        if decoded.replaced and on_replaced is not None:
            on_replaced(decoded.replaced)
    else:
        raw = doc.data
    if doc.format == "html":
        return _html_document(doc, raw, max_text_bytes)
    _check_text_size(doc, raw, max_text_bytes, "the article's text")
    return _text_document(doc, raw)
