"""Find direct quotations in any typography, with exact spans, never raising.

Handles straight and curly double quotes, single quotes (telling them from apostrophes and
possessives), guillemets and low-high quotes, quotes that run over several paragraphs (an
opening mark without a closing one, the next paragraph re-opening), and unbalanced marks
(the quote then ends with its paragraph). Quotes nested inside another quote are part of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»“"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›‘"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")
_WORD = re.compile(r"\w+")
_FILLER = "\x00"  # stands in for the other half of a two-character mark ('')
_BEFORE_OPEN = set(" \t\n\xa0([{—–―-/:;,\"'“‘«„‚" + _FILLER)
_AFTER_CLOSE = set(" \t\n\xa0)]}.,;:!?—–―-…\"'”’»‘“" + _FILLER)
_DOUBLE_APOSTROPHE = re.compile(r"''")
MAX_QUOTE_CHARS = 4000


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """A quotation: ``start``/``end`` is the content inside the marks (may span paragraphs);
    ``open_at``/``close_at`` are the marks' offsets (``close_at`` None when unbalanced)."""

    start: int
    end: int
    open_at: int
    close_at: int | None
    style: str  # "double" | "single"
    close_width: int = 1  # 2 for an NYT-style '' closing pair

    @property
    def after(self) -> int:
        """The offset just past the closing mark (or the content's end when unbalanced)."""
        return self.close_at + self.close_width if self.close_at is not None else self.end

    def words(self, text: str) -> int:
        return len(_WORD.findall(text[self.start : self.end]))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    position = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match is not None else len(text)
        if end > position:
            spans.append((position, end))
        if match is None:
            break
        position = match.end()
    return spans


def _can_open(text: str, at: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if after == " " and at + 2 < len(text) and text[at + 2].isupper():
        after = text[at + 2]  # a stray space after the mark: "‘ Values are…"
    elif after == " " and at + 2 < len(text) and text[at + 2] in "'‘" and text[at] in '"“':
        after = text[at + 2]  # a nested quote opening first, set apart: " 'Okay, …"
    return (before in _BEFORE_OPEN or at == 0) and not after.isspace()


def _can_close(text: str, at: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if before == " " and at > 1 and text[at - 2] in "'’" and text[at] in '"”':
        before = text[at - 2]  # a nested quote closing first, set apart: "… 'Well done,' "
    return not before.isspace() and (after in _AFTER_CLOSE)


def _marks(text: str, start: int, end: int, style: str) -> Iterator[tuple[int, str]]:
    """(offset, "open"|"close"|"either") for each quote mark of ``style`` in the span."""
    opens, closes, straight = (
        (DOUBLE_OPEN, DOUBLE_CLOSE, '"') if style == "double" else (SINGLE_OPEN, SINGLE_CLOSE, "'")
    )
    for at in range(start, end):
        char = text[at]
        if char == straight or char in opens or char in closes:
            if style == "single":
                before = text[at - 1] if at > 0 else " "
                after = text[at + 1] if at + 1 < len(text) else " "
                if before.isalnum() and after.isalnum():
                    continue  # an apostrophe inside a word: don't, Kyiv’s
            can_open = (char == straight or char in opens) and _can_open(text, at)
            if char in "”’" and (at == 0 or text[at - 1] == "\n"):
                # A wrong-facing mark opening a paragraph: ”Fear. I am truly afraid…
                can_open = at + 1 < len(text) and text[at + 1].isalnum()
            can_close = (char == straight or char in closes) and _can_close(text, at)
            if can_open and can_close:
                yield at, "either"
            elif can_open:
                yield at, "open"
            elif can_close:
                yield at, "close"


def _scan(text: str, style: str, skip: list[tuple[int, int]]) -> list[FoundQuote]:
    found: list[FoundQuote] = []
    paragraphs = _paragraphs(text)
    open_at: int | None = None
    for number, (start, end) in enumerate(paragraphs):
        for at, role in _marks(text, start, end, style):
            if any(a <= at < b for a, b in skip):
                continue
            if open_at is None:
                if role in ("open", "either"):
                    open_at = at
            elif role in ("close", "either") and at > open_at + 1:
                found.append(FoundQuote(open_at + 1, at, open_at, at, style))
                open_at = None
            # A second opening while one is open (a paragraph re-opening a continued
            # quote, or a mis-typed nested mark) does not start a new quote.
        if open_at is not None:
            following = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            reopens = following is not None and _starts_with_open(text, following, style)
            if not reopens or end - open_at > MAX_QUOTE_CHARS:
                # Unbalanced: the quote ends with its paragraph (trailing punctuation kept out).
                content_end = end
                if content_end > open_at + 1:
                    found.append(FoundQuote(open_at + 1, content_end, open_at, None, style))
                open_at = None
    return found


def _starts_with_open(text: str, at: int, style: str) -> bool:
    char = text[at] if at < len(text) else ""
    if style == "double":
        return char in DOUBLE_OPEN or char == '"'
    return char in SINGLE_OPEN or char == "'"


def _mark_view(text: str) -> str:
    """``text`` with each NYT-style '' pair turned into one double mark of the same offsets:
    an opening pair marks its second character, a closing pair its first."""
    if "''" not in text:
        return text
    chars = list(text)
    for match in _DOUBLE_APOSTROPHE.finditer(text):
        at = match.start()
        before = text[at - 1] if at > 0 else " "
        after = text[at + 2] if at + 2 < len(text) else " "
        opening = (before in _BEFORE_OPEN or at == 0) and not after.isspace()
        chars[at], chars[at + 1] = (_FILLER, '"') if opening else ('"', _FILLER)
    return "".join(chars)


def _widened(text: str, quote: FoundQuote) -> FoundQuote:
    """Marks of two characters ('') cover both: ``open_at`` is the first, ``after`` past
    the second."""
    open_at, width = quote.open_at, 1
    if open_at > 0 and text[open_at - 1 : open_at + 1] == "''":
        open_at -= 1
    if quote.close_at is not None and text[quote.close_at : quote.close_at + 2] == "''":
        width = 2
    if (open_at, width) == (quote.open_at, 1):
        return quote
    return FoundQuote(quote.start, quote.end, open_at, quote.close_at, quote.style, width)


def find_quotes(text: str) -> list[FoundQuote]:
    """All top-level quotations in ``text``, in order. Single-quoted passages inside a
    double-quoted one belong to it; elsewhere they are quotes of their own (British style)."""
    view = _mark_view(text)
    try:
        doubles = _scan(view, "double", [])
        covered = [(q.open_at, (q.close_at or q.end) + 1) for q in doubles]
        singles = _scan(view, "single", covered)
    except Exception:  # a malformed article still yields what was found so far: nothing lost
        return []
    quotes = sorted(
        (_widened(text, q) for q in doubles + singles if text[q.start : q.end].strip()),
        key=lambda q: q.start,
    )
    # A quote inside another (“…” inside ‘…’) is part of the outer one.
    return [
        q
        for q in quotes
        if not any(o is not q and o.open_at < q.open_at and q.end <= o.end for o in quotes)
    ]
