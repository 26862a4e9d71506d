"""Highlighted text: an article's clean text with marks as nested ``<mark>`` elements.

This is the one place that builds markup in Python, and everything it is given is hostile
input (texts, titles and names come from scraped pages): every piece of text and every
attribute value is escaped with ``markupsafe.escape``, and tag and class names come only
from this file's constants.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass
class Mark:
    """A highlight over ``text[start:end]``; an empty span is an anchor at ``start``."""

    start: int
    end: int
    cls: str  # one of the CSS classes below, never data
    layer: int = 0  # outer layers stay whole; inner ones are split where they cross
    key: str | None = None  # data-k on every piece: the pieces of one mark join to its text
    id: str | None = None  # anchor id, on the first piece
    title: str | None = None
    orig: str | None = None  # likely original of a spun word, shown after the mark by CSS
    jump: str | None = None  # href of the aligned passage, a link after the mark
    extra: dict[str, str] = field(default_factory=dict)


_CLASSES = frozenset(
    {
        "hd",
        "q",
        "who",
        "cv",
        "kx",
        "bx",
        "sp",
        "psg",
        "alt",
        "k-verbatim",
        "k-near-verbatim",
        "k-spun",
        "k-translated",
        "k-other",
        "pa",
    }
)


def _attrs(pairs: Iterable[tuple[str, str | None]]) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in pairs if value is not None)


def annotated_text(text: str, marks: Sequence[Mark]) -> Markup:
    """``text`` with ``marks`` as nested ``<mark>`` elements, every character escaped.

    Marks are opened in the order (layer, start, longest first); a mark that crosses the end
    of one opened before it is closed and opened again, so the result always nests and the
    text of a mark's pieces (``[data-k=KEY]``) joined is exactly ``text[start:end]``.
    """
    n = len(text)
    spans: list[Mark] = []
    anchors: dict[int, list[Mark]] = defaultdict(list)
    for m in marks:
        if not (isinstance(m.start, int) and isinstance(m.end, int) and 0 <= m.start <= m.end <= n):
            continue
        if m.start == m.end:
            anchors[m.start].append(m)
        else:
            spans.append(m)
    order = {id(m): (m.layer, m.start, -m.end, i) for i, m in enumerate(spans)}
    starts: dict[int, list[Mark]] = defaultdict(list)
    ends: dict[int, list[Mark]] = defaultdict(list)
    for m in spans:
        starts[m.start].append(m)
        ends[m.end].append(m)
    points = sorted({0, n, *starts, *ends, *anchors})
    active: dict[int, Mark] = {}
    stack: list[Mark] = []
    out: list[str] = []
    for i, pos in enumerate(points):
        for m in ends.get(pos, ()):
            active.pop(id(m), None)
        last = i + 1 == len(points)
        if not last:
            for m in starts.get(pos, ()):
                active[id(m)] = m
        wanted = [] if last else sorted(active.values(), key=lambda m: order[id(m)])
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
            keep += 1
        for m in reversed(stack[keep:]):
            out.append("</mark>")
            if m.end == pos:
                out.append(_after(m))
        del stack[keep:]
        for m in anchors.get(pos, ()):
            out.append(f'<span class="pa"{_attrs([("id", m.id)])}></span>')
        for m in wanted[keep:]:
            out.append(_open(m, first=m.start == pos))
            stack.append(m)
        if not last:
            out.append(str(escape(text[pos : points[i + 1]])))
    return Markup("".join(out))


def _open(m: Mark, first: bool) -> str:
    classes = " ".join(c for c in m.cls.split() if c in _CLASSES) or "q"
    attrs = [("class", classes), ("data-k", m.key)]
    if first:
        attrs += [("id", m.id), *m.extra.items()]
    attrs.append(("title", m.title))
    return f"<mark{_attrs(attrs)}>"


def _after(m: Mark) -> str:
    parts = []
    if m.orig is not None:
        parts.append(f'<span class="orig"{_attrs([("data-orig", m.orig)])}></span>')
    if m.jump is not None:
        parts.append(
            f'<a class="jump"{_attrs([("href", m.jump)])} aria-label="to the aligned passage"></a>'
        )
    return "".join(parts)
