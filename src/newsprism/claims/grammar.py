"""A language's number grammar, and the numerals of a text read by it.

Which character marks the decimals and which groups the thousands is the locale's, from
CLDR through Babel ("2,4" and "60.000" in German, "60 000" with a narrow no-break space in
French), so no separator is listed by hand; the words around figures are the table of
``claims/languages.py``. :func:`english_numerals` rewrites each numeral of a text in the
English form the quantity rules read ("2,4" -> "2.4", "1.234,5" -> "1,234.5"): one
character for one, so every span found in the rewritten text is a span of the original.
A numeral the grammar cannot read with confidence ("1.234.5", "11.03.2026", "14.30" in
German) is masked and gives no figure: no claim rather than a truncated one.

English, and an article whose language is not known, keep the English rules unchanged
(:data:`ENGLISH`); a language known to be another one without a table here is not read
(``readable`` False).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from babel.core import UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

from newsprism.claims.languages import LANGUAGE_NUMBERS, NumberWords

# Spaces that group thousands: the plain one of typed text, the no-break, narrow no-break
# and thin spaces of typeset text (CLDR gives one of them; writers use all four).
GROUP_SPACES = frozenset(" \u00a0\u202f\u2009")
MASK = "#"  # what replaces a numeral that cannot be read: neither a digit nor a word


@dataclass(frozen=True, slots=True)
class NumberGrammar:
    language: str | None
    decimal: str
    groups: frozenset[str]
    words: NumberWords | None  # None: the English rules and words
    readable: bool = True

    @property
    def english(self) -> bool:
        return self.readable and self.words is None


ENGLISH = NumberGrammar(None, ".", frozenset(","), None)


def primary_language(tag: str | None) -> str | None:
    """ "de-AT", "pt_BR", "FR" -> "de", "pt", "fr"; None for no tag."""
    if not tag:
        return None
    return re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0] or None


@functools.lru_cache(maxsize=64)
def number_grammar(language: str | None) -> NumberGrammar:
    """The grammar figures of ``language`` are read by (a language code, as the metadata
    stage detects it): :data:`ENGLISH` for English or no language, a locale's grammar for
    a language of ``LANGUAGE_NUMBERS``, and an unreadable one for any other."""
    code = primary_language(language)
    if code is None or code == "en":
        return ENGLISH
    words = LANGUAGE_NUMBERS.get(code)
    try:
        decimal, group = get_decimal_symbol(code), get_group_symbol(code)
    except (UnknownLocaleError, ValueError):
        words = None
    if words is None:
        return NumberGrammar(code, "", frozenset(), None, readable=False)
    groups = {group}
    if group in GROUP_SPACES or decimal == ",":
        groups |= GROUP_SPACES
    if decimal == ",":
        groups.add(".")  # a thousands dot is read where the comma is the decimal mark
    groups.discard(decimal)
    return NumberGrammar(code, decimal, frozenset(groups), words)


# A run of digit groups joined by one separator each; whether it is one numeral, and
# which, is the grammar's to say.
_NUMERIC_RUN = re.compile(r"(?<![\w.,'’])\d{1,15}(?:[.,'’\u00a0\u202f\u2009 ]\d{1,15}){0,12}")
_SEPARATOR = re.compile(r"[^\d]")


def read_numeral(written: str, grammar: NumberGrammar) -> str | None:
    """``written`` in English form, of the same length ("2,4" -> "2.4", "60 000" ->
    "60,000"), or None when the grammar does not read it as one numeral: more than one
    decimal mark, one before a group mark, mixed group marks, or groups not of three."""
    digits = _SEPARATOR.split(written)
    marks = _SEPARATOR.findall(written)
    if not marks:
        return written
    decimals = ""
    if marks[-1] == grammar.decimal:
        decimals = "." + digits[-1]
        digits, marks = digits[:-1], marks[:-1]
    if not marks:
        return digits[0] + decimals
    if len(set(marks)) > 1 or marks[0] not in grammar.groups:
        return None
    if len(digits[0]) > 3 or any(len(group) != 3 for group in digits[1:]):
        return None
    return ",".join(digits) + decimals


def english_numerals(text: str, grammar: NumberGrammar) -> str:
    """``text`` with each numeral written in English form and each one the grammar cannot
    read masked; the same length as ``text``, character for character."""
    pieces: list[str] = []
    last = 0
    for run in _NUMERIC_RUN.finditer(text):
        written = run.group()
        read = read_numeral(written, grammar)
        if read is None and " " in written:
            # A plain space may end a figure rather than group it ("im Jahr 2020 100 Tore").
            read = " ".join(
                read_numeral(part, grammar) or MASK * len(part) for part in written.split(" ")
            )
        pieces.append(text[last : run.start()])
        pieces.append(read if read is not None else MASK * len(written))
        last = run.end()
    pieces.append(text[last:])
    return "".join(pieces)
