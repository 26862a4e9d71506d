"""Quotes as the records the pipeline carries: direct, partial and mixed quotations and
reported speech, every span an offset into the article's text."""

from __future__ import annotations

from newsprism.model import Quote
from newsprism.quotes.reported import attributions


def quotes_in(text: str) -> tuple[Quote, ...]:
    """The quotations and reported speech of ``text`` as records, every span an offset into
    ``text``."""
    found = []
    for item in attributions(text):
        mention, cue = item.mention, item.cue_span
        found.append(
            Quote(
                start=item.quote.start,
                end=item.quote.end,
                text=text[item.quote.start : item.quote.end],
                speaker=item.speaker,
                mention_start=mention[0] if mention else None,
                mention_end=mention[1] if mention else None,
                cue=item.cue,
                partial=item.partial,
                kind=item.kind,
                cue_start=cue[0] if cue else None,
                cue_end=cue[1] if cue else None,
            )
        )
    return tuple(found)
