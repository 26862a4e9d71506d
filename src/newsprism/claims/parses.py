"""One dependency parse per sentence, shared by the readers of one article: the count units
(``claims/count_units.py``, while figures are read) and the subjects (``claims/subjects.py``,
afterwards) parse the same sentence strings, so the second reader takes the Doc the first
one made. A bounded cache of the most recent sentences: an article's figures sit in far
fewer sentences than it holds."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from newsprism.text.nlp import parser

CACHED_SENTENCES = 1024
PARSE_BATCH = 64
_recent: OrderedDict[str, Any] = OrderedDict()


def parsed(sentences: Sequence[str]) -> dict[str, Any] | None:
    """Each distinct sentence's parse (taken from the cache or parsed in one batch), or None
    when the parser is not installed. Callers must not change the Docs: they are shared."""
    nlp = parser()
    if nlp is None:
        return None
    distinct = list(dict.fromkeys(sentences))
    missing = [s for s in distinct if s not in _recent]
    for sentence, doc in zip(missing, nlp.pipe(missing, batch_size=PARSE_BATCH), strict=True):
        _recent[sentence] = doc
    found = {}
    for sentence in distinct:
        doc = _recent.get(sentence)
        if doc is None:  # pushed out by this same call: parse it again
            doc = nlp(sentence)
        else:
            _recent.move_to_end(sentence)
        found[sentence] = doc
    while len(_recent) > CACHED_SENTENCES:
        _recent.popitem(last=False)
    return found
