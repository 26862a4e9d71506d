"""Decode bytes, repair mojibake and normalise Unicode while keeping a map back to the input.

The map matters: every span newsprism reports is an offset into normalised text, and a
reader must be able to find the same words in what was actually published.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import ftfy
from ftfy.badness import is_bad

from newsprism.errors import NewsprismError

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


@dataclass(frozen=True, slots=True)
class DecodedBytes:
    """Text decoded from bytes: the encoding chosen and how many undecodable bytes were
    replaced by U+FFFD (counted in the removal log, never dropped silently)."""

    text: str
    encoding: str
    replaced: int = 0


_NON_ASCII = bytes(range(0x80, 0x100))
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,300}?charset\s{0,3}=\s{0,3}["']?([A-Za-z0-9_.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s{0,3}=\s{0,3}["']([A-Za-z0-9_.:-]{1,40})""",
    re.I,
)
# Labels that browsers (WHATWG Encoding) read as windows-1252, a superset of their
# printable characters.
_WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii"})
_BYTE_AS_LATIN1 = "newsprism-byte-as-latin1"
WESTERN_MESS_BOUND = 0.3


def _byte_as_latin1(error: UnicodeError) -> tuple[str, int]:
    # cp1252 leaves five bytes undefined; read them as Latin-1 does rather than lose them.
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error(_BYTE_AS_LATIN1, _byte_as_latin1)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first bytes, if Python knows it."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode_single_byte(data: bytes, encoding: str) -> str:
    name = codecs.lookup(encoding).name
    if name in ("cp1252", "latin-1", "iso8859-1", "ascii") or encoding in _WINDOWS_1252_LABELS:
        return data.decode("cp1252", errors=_BYTE_AS_LATIN1)
    return data.decode(name, errors="replace")


def _mostly_utf8(data: bytes) -> DecodedBytes | None:
    """UTF-8 with a few stray bytes stays UTF-8: more well-formed multi-byte characters
    than bad bytes means the file is UTF-8 and the bad bytes are damage, not a code page."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    ascii_chars = len(data.translate(None, _NON_ASCII))
    multibyte = len(text) - ascii_chars - replaced - data.count("\ufffd".encode())
    if multibyte > 0 and replaced <= multibyte:
        return DecodedBytes(text, "utf-8", replaced)
    return None


def decode_input(data: bytes, source: str = "<input>", declared: str | None = None) -> DecodedBytes:
    """Decode ``data``: a byte-order mark wins, then UTF-8 (strict, or mostly UTF-8 with the
    bad bytes replaced and counted), then the charset the container or the document
    declares, then detection, where a Western single-byte code page (cp1252, which reads
    Latin-1 too) is preferred whenever it reads the bytes as cleanly as the best guess."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return DecodedBytes(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                break
    try:
        return DecodedBytes(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if (mostly := _mostly_utf8(data)) is not None:
        return mostly
    declared = declared or declared_charset(data)
    if declared and not codecs.lookup(declared).name.startswith("utf"):
        return DecodedBytes(_decode_single_byte(data, declared), codecs.lookup(declared).name)
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    best = from_bytes(data[: 1024 * 1024]).best()
    western = _decode_single_byte(data, "cp1252")
    # Another script read as cp1252 is a soup of accents and symbols (mess above 1 on
    # Russian and Polish prose); a Western text stays well under this bound.
    best_chaos = best.chaos if best is not None and best.encoding is not None else 0.0
    if mess_ratio(western[:65536]) <= max(best_chaos + 0.05, WESTERN_MESS_BOUND):
        return DecodedBytes(western, "cp1252")
    if best is None or best.encoding is None:
        raise NewsprismError(
            "E104",
            f"{source}: cannot tell the text encoding; convert the file to UTF-8 and retry",
        )
    return DecodedBytes(data.decode(best.encoding, errors="replace"), best.encoding)


def decode_bytes(data: bytes, source: str = "<input>") -> tuple[str, str]:
    """Decode ``data`` (see ``decode_input``); return the text and the encoding."""
    decoded = decode_input(data, source)
    return decoded.text, decoded.encoding


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
