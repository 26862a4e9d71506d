"""The model's attribute ruler (the rules that give each tagged token its coarse part of
speech, morphology and some lemmas), applied without spaCy's ``Matcher``: the same
patterns, attributes and precedence, looked up by each token's tag or lowercase form.

spaCy's ruler runs a general token matcher over every sentence for 179 one- and two-token
patterns, which cost about a third of the whole parse. Its patterns are of a few plain
kinds (a tag, a lowercase form, a dependency label or whitespace; equal to a value, in a
list, not in a list, or matching a regular expression), so ``FastRuler`` finds the same
matches by indexing them: every pattern is tried only at the tokens whose tag or lowercase
form it names. As in spaCy, every pattern is matched on the parse before any attribute is
set, and the matches are applied in the order the patterns were added, a later one
overriding. A ruler with any other kind of pattern is not compiled (``compile`` returns
None) and spaCy's own runs. ``tests/test_attribute_rules.py`` checks that both give the
same attributes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

# Token attributes the patterns may test, as columns of ``Doc.to_array``.
_COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")

Test = Callable[[Sequence[int]], bool]


def _value_test(column: int, value: Any, strings: Any) -> Test | None:
    """A test on one token's row of ``to_array(_COLUMNS)``, or None for an unknown form."""
    if isinstance(value, bool):
        if _COLUMNS[column] != "IS_SPACE":
            return None
        wanted = int(value)
        return lambda row: row[column] == wanted
    if isinstance(value, str) and _COLUMNS[column] != "IS_SPACE":
        key = strings.add(value)
        return lambda row: row[column] == key
    if not isinstance(value, dict) or len(value) != 1 or _COLUMNS[column] == "IS_SPACE":
        return None
    ((operator, operand),) = value.items()
    if operator in ("IN", "NOT_IN") and all(isinstance(v, str) for v in operand):
        keys = frozenset(strings.add(v) for v in operand)
        if operator == "IN":
            return lambda row: row[column] in keys
        return lambda row: row[column] not in keys
    if operator == "REGEX" and isinstance(operand, str):
        pattern = re.compile(operand)
        return lambda row: pattern.search(strings[row[column]]) is not None
    return None


def _token_test(spec: dict[str, Any], strings: Any) -> Test | None:
    tests: list[Test] = []
    for name, value in spec.items():
        if name not in _COLUMNS:
            return None
        test = _value_test(_COLUMNS.index(name), value, strings)
        if test is None:
            return None
        tests.append(test)
    return lambda row: all(t(row) for t in tests)


_MEMO = 200_000  # distinct token rows remembered before the memo starts again


class FastRuler:
    """Applies a compiled attribute ruler to a parsed Doc in place.

    A one-token pattern's match depends on the token's own row (tag, form, label, space)
    alone, so the one-token patterns a row matches are remembered per row; the patterns
    of more tokens are tried where their first token's tag or form fits. Each token then
    gets, in one assignment, the attributes of its matches merged in the order spaCy
    applies them (by pattern, a later one overriding)."""

    def __init__(self, ruler: Any, rules: list[tuple[int, list[Test], dict[str, Any]]]) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self._attrs = ruler.attrs
        self._indices = ruler.indices
        self._single: list[tuple[int, Test]] = []
        self._by_tag: dict[int, list[tuple[int, list[Test]]]] = {}
        self._by_lower: dict[int, list[tuple[int, list[Test]]]] = {}
        self._anywhere: list[tuple[int, list[Test]]] = []
        self._rows: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._merged: dict[tuple[int, ...], dict[Any, Any]] = {}
        strings = ruler.vocab.strings
        for attr_id, tests, first in rules:
            if len(tests) == 1 and ruler.indices[attr_id] in (0, -1):
                self._single.append((attr_id, tests[0]))
                continue
            entry = (attr_id, tests)
            tag, lower = first.get("TAG"), first.get("LOWER")
            if isinstance(tag, str) or (isinstance(tag, dict) and "IN" in tag):
                for value in [tag] if isinstance(tag, str) else tag["IN"]:
                    self._by_tag.setdefault(strings.add(value), []).append(entry)
            elif isinstance(lower, str) or (isinstance(lower, dict) and "IN" in lower):
                for value in [lower] if isinstance(lower, str) else lower["IN"]:
                    self._by_lower.setdefault(strings.add(value), []).append(entry)
            else:
                self._anywhere.append(entry)

    def _row_matches(self, row: tuple[int, ...]) -> tuple[int, ...]:
        found = self._rows.get(row)
        if found is None:
            if len(self._rows) >= _MEMO:
                self._rows.clear()
            found = tuple(attr_id for attr_id, test in self._single if test(row))
            self._rows[row] = found
        return found

    def _attrs_of(self, hits: tuple[int, ...]) -> dict[Any, Any]:
        merged = self._merged.get(hits)
        if merged is None:
            if len(self._merged) >= _MEMO:
                self._merged.clear()
            merged = {}
            for attr_id in sorted(hits):
                merged.update(self._attrs[attr_id])
            self._merged[hits] = merged
        return merged

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import IDS  # type: ignore[import-not-found]

        rows = [tuple(r) for r in doc.to_array([IDS[c] for c in _COLUMNS]).tolist()]
        n = len(rows)
        hits = [self._row_matches(row) for row in rows]
        more: dict[int, list[int]] = {}
        for i, row in enumerate(rows):
            for attr_id, tests in (
                *self._by_tag.get(row[0], ()),
                *self._by_lower.get(row[1], ()),
                *self._anywhere,
            ):
                end = i + len(tests)
                if end <= n and all(t(rows[i + j]) for j, t in enumerate(tests)):
                    index = self._indices[attr_id]
                    more.setdefault(i + index if index >= 0 else end + index, []).append(attr_id)
        for i, extra in more.items():
            hits[i] = tuple(sorted((*hits[i], *extra)))
        for i, found in enumerate(hits):
            if found:
                self._set(doc[i], self._attrs_of(found))
        return doc


def compile_ruler(ruler: Any) -> FastRuler | None:
    """The ruler compiled to a ``FastRuler``, or None when one of its patterns is of a kind
    this module does not know (spaCy's ruler is then the one to run)."""
    strings = ruler.vocab.strings
    rules: list[tuple[int, list[Test], dict[str, Any]]] = []
    for attr_id in range(len(ruler.attrs)):
        found = ruler.matcher.get(str(attr_id))
        if found is None:
            return None
        _, patterns = found
        for pattern in patterns:
            if not pattern or any(not isinstance(spec, dict) for spec in pattern):
                return None
            tests = [_token_test(spec, strings) for spec in pattern]
            if any(t is None for t in tests):
                return None
            rules.append((attr_id, [t for t in tests if t is not None], pattern[0]))
    return FastRuler(ruler, rules)
