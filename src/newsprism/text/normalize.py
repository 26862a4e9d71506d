"""Decode bytes, repair mojibake and normalise Unicode while keeping a map back to the input.

The map matters: every span newsprism reports is an offset into normalised text, and a
reader must be able to find the same words in what was actually published.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import ftfy
from ftfy.badness import is_bad

# ftfy repairs encodings but must not "uncurl" quotes or touch line breaks: curly vs straight
# quotes are evidence (duplicates in two quote styles, quote typography per outlet).
_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_line_breaks=False,
    unescape_html=False,
    fix_character_width=False,
    normalization="NFC",
    explain=False,
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")
# A line with none of these maps 1:1 and takes the fast path.
_NEEDS_CHAR_WORK = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f"
    r"\u3000\ufeff\ufff9-\ufffb]|  |^ | $"
)
_DROPPED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised text and, for each of its characters, the offset in the raw input.

    ``raw_offsets`` has ``len(text) + 1`` entries and never decreases; the last entry is the
    raw input's length, so ``raw[raw_offsets[s]:raw_offsets[e]]`` is the raw form of
    ``text[s:e]``.
    """

    text: str
    raw_offsets: tuple[int, ...]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.raw_offsets[start], self.raw_offsets[end]


# Mojibake of UTF-8 read as Latin-1/cp1252 always shows a lead byte as one of these.
_MOJIBAKE_LEAD = re.compile("[\u00c2-\u00f4\u0080-\u009f]")


def _needs_repair(line: str) -> bool:
    if line.isascii():
        return False
    if not unicodedata.is_normalized("NFC", line):
        return True
    return bool(_MOJIBAKE_LEAD.search(line)) and is_bad(line)


def normalize(raw: str) -> NormalizedText:
    """Repair mojibake (ftfy), NFC, one kind of line break, one kind of space; map back.

    Characters that pass unchanged map 1:1. Where ftfy or NFC rewrote a line, every character
    of the rewritten line maps to the line's raw start (the line end stays exact).
    """
    chars: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in [*_LINE_BREAK.finditer(raw), None]:
        end = match.start() if match is not None else len(raw)
        line = raw[position:end]
        repair = _needs_repair(line)
        if not repair and not _NEEDS_CHAR_WORK.search(line):
            chars.append(line)
            offsets.extend(range(position, end))
            if match is None:
                break
            chars.append("\n")
            offsets.append(match.start())
            position = match.end()
            continue
        if repair:
            fixed = ftfy.fix_text(line, _FTFY_CONFIG)
            pairs = (
                zip(line, range(position, end), strict=True)
                if fixed == line
                else ((c, position) for c in fixed)
            )
        else:
            pairs = zip(line, range(position, end), strict=True)
        for char, offset in pairs:
            if char in _DROPPED:
                continue
            if char == "\t" or char.isspace():
                if chars and chars[-1] == " ":
                    continue
                chars.append(" ")
                offsets.append(offset)
                continue
            if unicodedata.category(char) in ("Cc", "Cf", "Cs"):
                continue
            chars.append(char)
            offsets.append(offset)
        # Trailing spaces of a line carry nothing.
        while chars and chars[-1] == " " and offsets[-1] >= position:
            chars.pop()
            offsets.pop()
        if match is None:
            break
        chars.append("\n")
        offsets.append(match.start())
        position = match.end()
    offsets.append(len(raw))
    return NormalizedText("".join(chars), tuple(offsets))
