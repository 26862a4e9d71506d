"""The story briefs as the HTML templates show them: each evidence span in its sentence's
context (the span itself to be marked), the link to that span marked in its article's
text, the outlet.

Plain data; the template (``_brief.html.j2``) autoescapes every value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsprism.dossier.views import StoryView, brief_anchor


def _evidence(view: StoryView, items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    shown = []
    for e in items:
        article = view.by_id.get(e.get("article"))
        start, end = e.get("start"), e.get("end")
        text = (article or {}).get("text") or ""
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            continue
        shown.append(
            {
                "article": e.get("article"),
                "outlet": view.outlet(e.get("article")),
                "href": view.links.ev(str(e.get("article")), brief_anchor(e) or ""),
                **view.snippet(article or {}, start, end),
            }
        )
    return shown


def _statements(view: StoryView, items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{"s": item, "evidence": _evidence(view, item.get("evidence") or [])} for item in items]


def brief_views(view: StoryView) -> list[dict[str, Any]]:
    """One entry per story with a brief, in the dossier's order."""
    found = []
    for story in view.d.get("stories") or []:
        brief = story.get("brief")
        if not brief:
            continue
        found.append(
            {
                "story": story,
                "agreed": _statements(view, brief.get("agreed") or []),
                "disputed": [
                    {
                        "d": d,
                        "sides": [
                            {"side": side, "evidence": _evidence(view, side.get("evidence") or [])}
                            for side in d.get("sides") or []
                        ],
                    }
                    for d in brief.get("disputed") or []
                ],
                "speakers": [
                    {
                        "p": p,
                        "statements": [
                            {
                                "s": said,
                                "versions": [
                                    {"v": v, "evidence": _evidence(view, v.get("evidence") or [])}
                                    for v in said.get("versions") or []
                                ],
                            }
                            for said in p.get("statements") or []
                        ],
                    }
                    for p in brief.get("speakers") or []
                ],
                "nodes": (brief.get("derivation") or {}).get("nodes") or [],
                "events": _statements(view, (brief.get("timeline") or {}).get("events") or []),
                "published": (brief.get("timeline") or {}).get("published") or [],
                "single": _statements(view, brief.get("single_source") or []),
            }
        )
    return found
