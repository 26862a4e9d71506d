"""The compiled attribute ruler gives every token the attributes spaCy's own ruler gives."""

from __future__ import annotations

import pytest

from newsprism.text import nlp
from newsprism.text.attribute_rules import compile_ruler

SENTENCES = [
    "The minister said on Tuesday that 1,200 jobs would go, and I ain't gonna argue.",
    "Let's go, y'all: c'm on, you gotta see it, he was doin' somethin' to 'em.",
    "“We are not finished,” she told reporters.  It was, according to him, a mistake.",
]


def test_same_attributes_as_spacy() -> None:
    parse = nlp.parser()
    if parse is None:
        pytest.skip("spaCy model not installed")
    ruler = compile_ruler(parse.get_pipe("attribute_ruler"))
    assert ruler is not None
    for sentence in SENTENCES:
        expected = parse(sentence)
        with parse.select_pipes(disable=["attribute_ruler"]):
            fast = ruler(parse(sentence))
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in fast] == [
            (t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in expected
        ]
