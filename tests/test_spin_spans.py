"""Spin evidence stays inside one paragraph: words either side of a paragraph break are no
one phrase, swapped or not."""

from __future__ import annotations

from newsprism.spin.detect import substitutions
from newsprism.text.fixed_phrases import odd_phrases


def test_a_substituted_run_never_spans_a_paragraph_break() -> None:
    original = "The council met on Monday to vote.\n\nThe members approved the levy."
    spun = "The council met on Monday to ballot.\n\nEach member sanctioned the levy."
    found, _ = substitutions(original, spun, (0, len(original)), (0, len(spun)))
    assert found  # the swapped words are still found ...
    for (a_start, a_end), (b_start, b_end) in found:
        assert "\n" not in original[a_start:a_end] and "\n" not in spun[b_start:b_end]


def test_a_swapped_fixed_phrase_is_not_read_across_a_paragraph_break() -> None:
    text = "He spoke to the protection\n\nsecretary. Later the protection-secretary agreed."
    spans = [text[p.start : p.end] for p in odd_phrases(text)]
    assert spans == ["protection-secretary"]
