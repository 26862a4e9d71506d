"""Decode bytes as what they are: a byte-order mark, UTF-8 (strict or mostly), a declared
charset, or a detected code page, where a Western one (cp1252, which reads Latin-1 too) is
preferred unless another reading is clearly more plausible.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from newsprism.errors import NewsprismError


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
# The two readings' plausible-word shares must differ by more than this to decide alone.
PLAUSIBLE_WORD_MARGIN = 0.1
# The code pages a browser decodes (WHATWG Encoding Standard): a page in any other would
# not render for its readers, so detection never picks one (mac_latin2, cp1006, ...).
BROWSER_ENCODINGS = (
    "cp866",
    "iso8859_2",
    "iso8859_3",
    "iso8859_4",
    "iso8859_5",
    "iso8859_6",
    "iso8859_7",
    "iso8859_8",
    "iso8859_10",
    "iso8859_13",
    "iso8859_14",
    "iso8859_15",
    "iso8859_16",
    "koi8_r",
    "koi8_u",
    "mac_roman",
    "cp874",
    "cp1250",
    "cp1251",
    "cp1252",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    "mac_cyrillic",
    "gbk",
    "gb18030",
    "big5",
    "euc_jp",
    "iso2022_jp",
    "shift_jis",
    "euc_kr",
    "utf_16_be",
    "utf_16_le",
)


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

    western = _decode_single_byte(data, "cp1252")
    western_words = plausible_word_share(western)
    best, other_words, western_is_candidate = None, -1.0, False
    # charset_normalizer ranks readings by mess and language fit; among them the one whose
    # words read most plausibly is the candidate (earlier rank breaks ties).
    for match in from_bytes(data[: 1024 * 1024], cp_isolation=list(BROWSER_ENCODINGS)):
        if match.encoding == "cp1252":
            western_is_candidate = True
        if match.encoding is None or match.encoding == "cp1252":
            continue
        share = plausible_word_share(str(match))
        if share > other_words:
            best, other_words = match, share
    if best is not None and best.encoding is not None:
        other = data.decode(best.encoding, errors="replace")
        if other == western:
            return DecodedBytes(western, "cp1252")
        # The words the two readings disagree on decide first: a real text's words are
        # letters of one script, with symbols and punctuation only at their edges.
        if western_words > other_words + PLAUSIBLE_WORD_MARGIN:
            return DecodedBytes(western, "cp1252")
        if other_words > western_words + PLAUSIBLE_WORD_MARGIN:
            return DecodedBytes(other, best.encoding)
    # Another script read as cp1252 is a soup of accents and symbols (mess above 1 on
    # Russian and Polish prose); a Western text stays well under this bound.
    best_chaos = best.chaos if best is not None and best.encoding is not None else 0.0
    if mess_ratio(western[:65536]) <= max(best_chaos + 0.05, WESTERN_MESS_BOUND):
        return DecodedBytes(western, "cp1252")
    if best is None or best.encoding is None:
        # The detector rejected every other code page (or every one, on text too short or
        # odd for its statistics): Western stands when its words read as words.
        if western_is_candidate or western_words >= 1.0 - PLAUSIBLE_WORD_MARGIN:
            return DecodedBytes(western, "cp1252")
        raise NewsprismError(
            "E104",
            f"{source}: cannot tell the text encoding; convert the file to UTF-8 and retry",
        )
    return DecodedBytes(data.decode(best.encoding, errors="replace"), best.encoding)


_WORD = re.compile(r"\S+")
# Opening quotes, brackets, dashes and currency signs lead a word; closing ones, signs such
# as ``°`` and ``%`` and currency signs follow it. Modifier symbols (``˝``, ``¨``) never.
_LEADING_MARKS = frozenset({"Ps", "Pi", "Pd", "Po", "Sc"})
_TRAILING_MARKS = frozenset({"Pe", "Pf", "Pd", "Po", "So", "Sc", "Sm"})
_WORD_INNER_JOINS = re.compile("['\u2019\u02bc\u2010\u2011\u2013-]")


def _letter_script(char: str) -> str:
    # The first word of a letter's Unicode name is its script (LATIN, CYRILLIC, GREEK, ...).
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def _plausible_word(word: str) -> bool:
    """Letters of one script (or decimal digits), with symbols and punctuation only at the edges
    and apostrophes or hyphens inside: ``°`` after a word is fine, ``¹`` inside is not,
    nor a Cyrillic letter inside a Latin word."""
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start]) in _LEADING_MARKS:
        start += 1
    while end > start and unicodedata.category(word[end - 1]) in _TRAILING_MARKS:
        end -= 1
    for part in _WORD_INNER_JOINS.split(word[start:end]):
        scripts = set()
        for char in part:
            category = unicodedata.category(char)
            if category[0] == "L":
                scripts.add(_letter_script(char))
            elif category not in ("Nd", "Mn", "Mc"):
                return False
        if len(scripts) > 1:
            return False
    return True


def plausible_word_share(text: str, limit: int = 65536) -> float:
    """Share of the words with a non-ASCII character that read as plausible words (1.0
    when there are none): how two readings of the same bytes differ where they differ."""
    total = plausible = 0
    for match in _WORD.finditer(text, 0, limit):
        word = match.group()
        if word.isascii():
            continue
        total += 1
        plausible += _plausible_word(word)
    return plausible / total if total else 1.0


def decode_bytes(data: bytes, source: str = "<input>") -> tuple[str, str]:
    """Decode ``data`` (see ``decode_input``); return the text and the encoding."""
    decoded = decode_input(data, source)
    return decoded.text, decoded.encoding
