"""The view-model of a dossier: what the templates show, computed from the contract JSON.

Plain data for the dossier file and the web app's pages: the articles' overview, each
text with its findings highlighted and anchored, related pairs side by side, the
derivation graph's layout, quote clusters with word diffs, claims, conflicts with their
evidence in context, and people. Links go to in-page anchors in the file and to pages of
their own in the web app (:class:`Links`); a link is made only for an http(s) URL, so a
hostile ``javascript:`` URL is shown as text.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote as urlquote
from urllib.parse import urlsplit

from markupsafe import Markup

from newsprism.dossier.build import SECTIONS, restored_phrases, section_state
from newsprism.dossier.highlight import Mark, annotated_text
from newsprism.model import COPY_KINDS
from newsprism.text.spans import covered_length

MAX_PAIRS = 40  # side-by-side pairs rendered into one page
MAX_PAIR_CHARS = 1_500_000  # characters of article text all pairs together may repeat
# Reported speech is shown as the writer's words, never as a quotation.
_QUOTE_LABELS = {"reported": "reported speech", "mixed": "reported speech with a quote"}
MAX_DIFF_WORDS = 400  # longer quotes are shown without a word diff
CONTEXT_CHARS = 80  # characters of context either side of a conflict's evidence
NODE_W, NODE_H, GAP_X, GAP_Y, PAD, HEAD = 156, 44, 18, 38, 12, 22  # graph layout, px
ARC_ROOM = 16  # room under the last row for arcs between boxes of one row
ROW_NODES, MAX_GRAPH_W = 6, 1150  # nodes in one row of a source; width before wrapping


# What the dossier's entity types are called on the page.
ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place"}


def safe_href(url: Any) -> str | None:
    """The URL if it is plain http(s), else None (shown as text, never linked)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


# -- links: in-page anchors in the file, pages of their own in the web app ----------------
@dataclass(frozen=True)
class Links:
    """Where a view's links go. ``story`` None: everything is in this page (the file)."""

    story: str | None = None
    in_page: bool = True  # the whole story dossier is on this page

    def _base(self) -> str:
        return f"/stories/{urlquote(self.story or '', safe='')}"

    def ev(self, article: str, anchor: str) -> str:
        """The evidence span ``anchor`` in the text of ``article``."""
        if self.in_page or self.story is None:
            return f"#{anchor}"
        return f"{self._base()}/articles/{urlquote(article, safe='')}#{urlquote(anchor, safe='')}"

    def article(self, article: str) -> str:
        if self.in_page or self.story is None:
            return f"#{article}"
        return f"{self._base()}/articles/{urlquote(article, safe='')}"

    def article_page(self, article: str) -> str | None:
        if self.story is None:
            return None
        return f"{self._base()}/articles/{urlquote(article, safe='')}"

    def entity(self, entity: str) -> str | None:
        if self.story is None:
            return None
        return f"{self._base()}/entities/{urlquote(entity, safe='')}"

    def cluster(self, cluster: str) -> str | None:
        if self.story is None:
            return None
        return f"{self._base()}/quotes/{urlquote(cluster, safe='')}"

    def pair(self, pair_id: str, a: str, b: str) -> str:
        if self.in_page or self.story is None:
            return f"#{pair_id}"
        return f"{self._base()}/compare/{urlquote(a, safe='')}/{urlquote(b, safe='')}"


# -- the views ----------------------------------------------------------------------------
def brief_evidence(brief: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every evidence span of one story's brief: agreed, disputed, speakers' versions,
    timeline and single-source statements."""
    statements = [
        *(brief.get("agreed") or []),
        *((brief.get("timeline") or {}).get("events") or []),
        *(brief.get("single_source") or []),
        *(side for d in brief.get("disputed") or [] for side in d.get("sides") or []),
        *(
            version
            for speaker in brief.get("speakers") or []
            for said in speaker.get("statements") or []
            for version in said.get("versions") or []
        ),
    ]
    for statement in statements:
        yield from statement.get("evidence") or []


def brief_anchor(evidence: Mapping[str, Any]) -> str | None:
    """The anchor of a brief's evidence span in its article's text."""
    article, start, end = evidence.get("article"), evidence.get("start"), evidence.get("end")
    if not (isinstance(article, str) and isinstance(start, int) and isinstance(end, int)):
        return None
    return f"ev-{article}-{start}-{end}"


def _span_ok(article: Mapping[str, Any] | None, start: Any, end: Any) -> bool:
    return (
        article is not None
        and isinstance(start, int)
        and isinstance(end, int)
        and 0 <= start <= end <= len(article.get("text") or "")
    )


def _outlet(article: Mapping[str, Any] | None) -> str:
    if article is None:
        return "article not in this dossier"
    return str(article.get("outlet") or "outlet unknown")


def _spin_state(article: Mapping[str, Any]) -> str:
    spin = article.get("spin") or {}
    if spin.get("is_spun") is None:
        return "not analysed"
    return "spun" if spin.get("is_spun") else "not spun"


def _structure_marks(article: Mapping[str, Any], ids: bool) -> list[Mark]:
    marks = []
    for i, p in enumerate(article.get("paragraphs") or []):
        if p.get("kind") in ("body", "heading") and _span_ok(article, p.get("start"), p.get("end")):
            if ids:
                marks.append(Mark(p["start"], p["start"], "pa", id=f"{article['id']}-p{i}"))
            if p.get("kind") == "heading":
                marks.append(Mark(p["start"], p["end"], "hd", layer=0))
    return marks


def _spin_marks(article: Mapping[str, Any], ids: bool) -> list[Mark]:
    marks = []
    evidence = (article.get("spin") or {}).get("evidence") or []
    for j, e in enumerate(evidence):
        original = e.get("likely_original")
        why = e.get("why")
        title = f"spun; likely original: {original}" if original else "spun wording"
        marks += _spun_mark(article, e, f"s{j}", ids, f"{title} ({why})" if why else title)
    for j, r in enumerate(restored_phrases(article)):
        title = (
            f"spun; likely original: {r.get('likely_original')} (restored with no "
            f"original to compare, gain {r.get('gain')})"
        )
        marks += _spun_mark(article, r, f"r{j}", ids, title)
    return marks


def _spun_mark(
    article: Mapping[str, Any], item: Mapping[str, Any], suffix: str, ids: bool, title: str
) -> list[Mark]:
    """The mark of one spun span (evidence or restoration), none when its span is off."""
    if not _span_ok(article, item.get("start"), item.get("end")):
        return []
    original = item.get("likely_original")
    anchor = f"{article['id']}-{suffix}" if ids else None
    return [
        Mark(
            item["start"],
            item["end"],
            "sp",
            layer=5,
            key=anchor,
            id=anchor,
            title=title,
            orig=str(original) if original else None,
        )
    ]


class StoryView:
    """Everything the templates show of one dossier, computed once."""

    def __init__(self, dossier: Mapping[str, Any], links: Links | None = None) -> None:
        self.d = dossier
        self.links = links or Links()
        self.articles: list[Mapping[str, Any]] = list(dossier.get("articles") or [])
        self.by_id = {a.get("id"): a for a in self.articles}
        self.relations: list[Mapping[str, Any]] = list(dossier.get("relations") or [])
        self.quotes: list[Mapping[str, Any]] = list(dossier.get("quotes") or [])
        self.quote_by_id = {q.get("id"): q for q in self.quotes}
        self.claims: list[Mapping[str, Any]] = list(dossier.get("claims") or [])
        self.claim_by_id = {c.get("id"): c for c in self.claims}
        self.state = {name: section_state(dossier, name) for name in SECTIONS}
        self.spin_ran = any(s.get("name") == "spin" for s in dossier.get("stages") or [])
        self.source_of = {
            a: s.get("id") for s in dossier.get("sources") or [] for a in s.get("articles") or []
        }
        # Findings by article, so that rendering every article stays linear.
        self.quotes_in: dict[Any, list[Mapping[str, Any]]] = defaultdict(list)
        for q in self.quotes:
            self.quotes_in[q.get("article")].append(q)
        self.claims_in: dict[Any, list[Mapping[str, Any]]] = defaultdict(list)
        for c in self.claims:
            self.claims_in[c.get("article")].append(c)
        self.evidence_in: dict[Any, list[tuple[str, Any, Mapping[str, Any]]]] = defaultdict(list)
        self.brief_in: dict[Any, list[tuple[str, Mapping[str, Any]]]] = defaultdict(list)
        for k in dossier.get("conflicts") or []:
            for vi, value in enumerate(k.get("values") or []):
                for ei, e in enumerate(value.get("evidence") or []):
                    anchor = f"{k.get('id')}-{vi}-{ei}"
                    title = f"conflict {k.get('id')}: {value.get('value')}"
                    self.evidence_in[e.get("article")].append((anchor, title, e))
        # The brief's evidence spans, anchored once each so that a statement's link lands
        # on its words in the article, marked.
        self.brief_anchors: set[str] = set()
        for story in dossier.get("stories") or []:
            for e in brief_evidence(story.get("brief") or {}):
                mark_id = brief_anchor(e)
                if mark_id is None or mark_id in self.brief_anchors:
                    continue
                self.brief_anchors.add(mark_id)
                self.brief_in[e.get("article")].append((mark_id, e))

    # articles -------------------------------------------------------------------------
    def outlet(self, article_id: Any) -> str:
        return _outlet(self.by_id.get(article_id))

    def overview(self) -> list[dict[str, Any]]:
        origins: dict[str, list[dict[str, Any]]] = defaultdict(list)
        copies: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in self.relations:
            if r.get("kind") in COPY_KINDS and r.get("derived") in (r.get("a"), r.get("b")):
                copy = r["derived"]
                origin = r["b"] if copy == r["a"] else r["a"]
                origins[copy].append(
                    {"id": origin, "kind": r.get("kind"), "outlet": self.outlet(origin)}
                )
                copies[origin].append(
                    {"id": copy, "kind": r.get("kind"), "outlet": self.outlet(copy)}
                )
        rows = []
        for a in self.articles:
            kinds = Counter(p.get("kind") for p in a.get("paragraphs") or [])
            evidence = []
            for e in (a.get("outlet_evidence") or [])[:3]:
                paragraph = e.get("paragraph")
                anchor = None
                if isinstance(paragraph, int) and 0 <= paragraph < len(a.get("paragraphs") or []):
                    kept = a["paragraphs"][paragraph].get("kind") in ("body", "heading")
                    anchor = f"{a['id']}-{'p' if kept else 'r'}{paragraph}"
                evidence.append(
                    {
                        "method": e.get("method"),
                        "text": e.get("text"),
                        "href": self.links.ev(a["id"], anchor) if anchor else None,
                    }
                )
            rows.append(
                {
                    "a": a,
                    "id": a.get("id"),
                    "href": self.links.article(a["id"]),
                    "page": self.links.article_page(a["id"]),
                    "url": safe_href(a.get("url")),
                    "spin": _spin_state(a),
                    "spin_score": (a.get("spin") or {}).get("score"),
                    "evidence": evidence,
                    "origins": origins.get(a["id"], []),
                    "copies": copies.get(a["id"], []),
                    "source": self.source_of.get(a["id"]),
                    "kept": kinds["body"] + kinds["heading"],
                    "removed": sum(v for k, v in kinds.items() if k not in ("body", "heading")),
                }
            )
        return rows

    def article_text(self, article: Mapping[str, Any]) -> Markup:
        """The clean text with every finding of this article highlighted and anchored."""
        aid = article["id"]
        marks = _structure_marks(article, ids=True) + _spin_marks(article, ids=True)
        for q in self.quotes_in.get(aid, ()):
            if not _span_ok(article, q.get("start"), q.get("end")):
                continue
            speaker = q.get("speaker") or "speaker unknown"
            marks.append(
                Mark(
                    q["start"],
                    q["end"],
                    "q",
                    layer=1,
                    key=q["id"],
                    id=q["id"],
                    title=f"{_QUOTE_LABELS.get(str(q.get('kind')), 'quote')} {q['id']} · {speaker}",
                )
            )
            mention = q.get("mention") or {}
            if _span_ok(article, mention.get("start"), mention.get("end")):
                marks.append(
                    Mark(
                        mention["start"],
                        mention["end"],
                        "who",
                        layer=2,
                        key=f"{q['id']}-who",
                        title=f"speaker: {speaker}",
                    )
                )
        for c in self.claims_in.get(aid, ()):
            start = c.get("value_start", c.get("start"))
            end = c.get("value_end", c.get("end"))
            if not _span_ok(article, start, end):
                continue
            marks.append(
                Mark(
                    start,
                    end,
                    "cv",
                    layer=3,
                    key=c["id"],
                    id=c["id"],
                    title=f"claim {c['id']}: {c.get('text')} ({c.get('subject')})",
                )
            )
        for anchor, title, e in self.evidence_in.get(aid, ()):
            if _span_ok(article, e.get("start"), e.get("end")):
                marks.append(
                    Mark(e["start"], e["end"], "kx", layer=4, key=anchor, id=anchor, title=title)
                )
        for anchor, e in self.brief_in.get(aid, ()):
            if _span_ok(article, e.get("start"), e.get("end")):
                marks.append(Mark(e["start"], e["end"], "bx", key=anchor, id=anchor))
        return annotated_text(article.get("text") or "", marks)

    def removed(self, article: Mapping[str, Any]) -> list[dict[str, Any]]:
        rows = []
        for i, p in enumerate(article.get("paragraphs") or []):
            if p.get("kind") in ("body", "heading"):
                continue
            raw = str(p.get("raw") or "")
            dup = p.get("duplicate_of")
            rows.append(
                {
                    "index": i,
                    "id": f"{article['id']}-r{i}",
                    "kind": p.get("kind"),
                    "reason": p.get("reason"),
                    "raw": raw if len(raw) <= 400 else raw[:400] + "…",
                    "duplicate_of": dup,
                    "dup_href": self.links.ev(article["id"], f"{article['id']}-p{dup}")
                    if isinstance(dup, int)
                    else None,
                }
            )
        return rows

    # the independence graph -----------------------------------------------------------
    def graphs(self) -> list[dict[str, Any]]:
        stories = self.d.get("stories") or []
        return [g for g in (self._graph(s) for s in stories) if g is not None]

    def _graph(self, story: Mapping[str, Any]) -> dict[str, Any] | None:
        members = [a for a in story.get("articles") or [] if a in self.by_id]
        if not members:
            return None
        present = set(members)
        groups: dict[str, list[str]] = {}
        for a in members:
            groups.setdefault(self.source_of.get(a) or f"?{a}", []).append(a)
        edges: list[dict[str, Any]] = []
        # Each copy hangs from one parent: of the texts it was copied from, the one that
        # covers most of it (a spun copy of a wire story descends from the wire story, not
        # from a partial copy of it that covers a part); the other origins are shortcuts.
        parent_of: dict[str, tuple[tuple[float, int, str], str]] = {}
        for r in self.relations:
            a, b = r.get("a"), r.get("b")
            if r.get("kind") not in COPY_KINDS or a not in present or b not in present:
                continue
            copy = r.get("derived") if r.get("derived") in (a, b) else None
            origin = (b if copy == a else a) if copy else None
            if copy and origin:
                rank = (
                    _covered_share(r, self.by_id[copy], "a" if copy == a else "b"),
                    len(self.by_id[origin].get("text") or ""),
                    origin,
                )
                if copy not in parent_of or rank > parent_of[copy][0]:
                    parent_of[copy] = (rank, origin)
            edges.append(
                {
                    "from": copy or a,
                    "to": origin or b,
                    "directed": copy is not None,
                    "kind": r.get("kind"),
                    "score": r.get("score"),
                }
            )
        origins_of: dict[str, set[str]] = {c: {o} for c, (_, o) in parent_of.items()}
        edges = [e for e in edges if not e["directed"] or e["to"] in origins_of[e["from"]]]
        depth = dict.fromkeys(members, 0)
        for _ in range(len(members)):  # longest path from an origin, bounded against cycles
            changed = False
            for copy, origins in origins_of.items():
                want = 1 + max(depth[o] for o in origins)
                if want > depth[copy] and want < len(members):
                    depth[copy], changed = want, True
            if not changed:
                break
        nodes: dict[str, dict[str, Any]] = {}
        boxes: list[dict[str, Any]] = []
        x, y, band = PAD, PAD, 0  # groups fill bands of at most MAX_GRAPH_W, then wrap
        for gid, group in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[1][0])):
            levels: dict[int, list[str]] = defaultdict(list)
            for a in sorted(group):
                levels[depth[a]].append(a)
            rows = [
                row[i : i + ROW_NODES]
                for _, row in sorted(levels.items())
                for i in range(0, len(row), ROW_NODES)
            ]
            width = max(len(r) for r in rows) * (NODE_W + GAP_X) - GAP_X + 2 * PAD
            height = len(rows) * (NODE_H + GAP_Y) - GAP_Y + 2 * PAD + HEAD + ARC_ROOM
            if x > PAD and x + width > MAX_GRAPH_W:
                x, y, band = PAD, y + band + GAP_X, 0
            for ri, row in enumerate(rows):
                for j, a in enumerate(row):
                    article = self.by_id[a]
                    outlet = _outlet(article)
                    spun = _spin_state(article) == "spun"
                    nodes[a] = {
                        "id": a,
                        "x": x + PAD + j * (NODE_W + GAP_X),
                        "y": y + HEAD + PAD + ri * (NODE_H + GAP_Y),
                        "label": outlet if len(outlet) <= 22 else outlet[:21] + "…",
                        "sub": f"{a}{' · spun' if spun else ''}",
                        "spun": spun,
                        "title": f"{outlet}: {article.get('title') or a}",
                        "href": self.links.article(a),
                    }
            label = gid if not gid.startswith("?") else "source"
            plural = "s" if len(group) != 1 else ""
            boxes.append(
                {
                    "x": x,
                    "y": y,
                    "w": width,
                    "h": height,
                    "label": f"{label} · {len(group)} article{plural}",
                }
            )
            x += width + GAP_X
            band = max(band, height)
        for e in edges:
            e["d"] = _edge_path(nodes[e["from"]], nodes[e["to"]])
            e["title"] = (
                f"{e['from']} is a {e['kind']} of {e['to']}"
                if e["directed"]
                else f"{e['from']} and {e['to']}: {e['kind']}"
            )
        width = max(b["x"] + b["w"] for b in boxes) + PAD
        height = max(b["y"] + b["h"] for b in boxes) + PAD
        return {
            "id": story.get("id"),
            "title": story.get("title"),
            "articles": len(members),
            "sources": len(groups),
            "width": width,
            "height": height,
            "nodes": list(nodes.values()),
            "edges": edges,
            "boxes": boxes,
        }

    # side by side ---------------------------------------------------------------------
    def pairs(self, limit: int = MAX_PAIRS) -> tuple[list[dict[str, Any]], int]:
        """Related pairs, copies first; returns the rendered pairs and how many were left out."""
        ranked = sorted(
            (r for r in self.relations if r.get("a") in self.by_id and r.get("b") in self.by_id),
            key=lambda r: (not r.get("passages"), -(r.get("score") or 0)),
        )
        shown: list[dict[str, Any]] = []
        chars = 0
        for i, r in enumerate(ranked):
            size = len(self.by_id[r["a"]].get("text") or "") + len(
                self.by_id[r["b"]].get("text") or ""
            )
            if len(shown) >= limit or (shown and chars + size > MAX_PAIR_CHARS):
                break
            chars += size
            shown.append(self.pair(r, f"pair{i + 1}"))
        return shown, len(ranked) - len(shown)

    def pair(self, r: Mapping[str, Any], pid: str) -> dict[str, Any]:
        a, b = self.by_id[r["a"]], self.by_id[r["b"]]
        marks_a = _structure_marks(a, ids=False) + _spin_marks(a, ids=False)
        marks_b = _structure_marks(b, ids=False) + _spin_marks(b, ids=False)
        for j, p in enumerate(r.get("passages") or []):
            kind = (
                p.get("kind")
                if p.get("kind") in ("verbatim", "near-verbatim", "spun", "translated")
                else "other"
            )
            cls = f"psg k-{kind}{' alt' if j % 2 else ''}"
            ka, kb = f"{pid}a{j}", f"{pid}b{j}"
            if _span_ok(a, p.get("a_start"), p.get("a_end")):
                marks_a.append(
                    Mark(
                        p["a_start"],
                        p["a_end"],
                        cls,
                        layer=1,
                        key=ka,
                        id=ka,
                        title=f"{kind} passage {j + 1}",
                        jump=f"#{kb}",
                    )
                )
            if _span_ok(b, p.get("b_start"), p.get("b_end")):
                marks_b.append(
                    Mark(
                        p["b_start"],
                        p["b_end"],
                        cls,
                        layer=1,
                        key=kb,
                        id=kb,
                        title=f"{kind} passage {j + 1}",
                        jump=f"#{ka}",
                    )
                )
        derived = r.get("derived")
        return {
            "id": pid,
            "rel": r,
            "a": a,
            "b": b,
            "href": self.links.pair(pid, r["a"], r["b"]),
            "role_a": "copy" if derived == r["a"] else "origin" if derived == r["b"] else None,
            "role_b": "copy" if derived == r["b"] else "origin" if derived == r["a"] else None,
            "text_a": annotated_text(a.get("text") or "", marks_a),
            "text_b": annotated_text(b.get("text") or "", marks_b),
            "passages": len(r.get("passages") or []),
        }

    # quotes -----------------------------------------------------------------------------
    def clusters(self) -> list[dict[str, Any]]:
        return [self.cluster(c) for c in self.d.get("quote_clusters") or []]

    def cluster(self, c: Mapping[str, Any]) -> dict[str, Any]:
        best = str(c.get("text") or "")
        members = []
        for m in c.get("members") or []:
            q = self.quote_by_id.get(m.get("quote"))
            if q is None:
                continue
            members.append(
                {
                    "quote": q,
                    "variant": m.get("variant"),
                    "outlet": self.outlet(q.get("article")),
                    "href": self.links.ev(q.get("article") or "", q.get("id") or ""),
                    "diff": word_diff(best, str(q.get("text") or "")),
                }
            )
        return {
            "c": c,
            "members": members,
            "href": self.links.cluster(c.get("id") or ""),
            "speaker_href": self._entity_href_by_name(c.get("speaker")),
        }

    def _entity_href_by_name(self, name: Any) -> str | None:
        for e in self.d.get("entities") or []:
            if name and (e.get("name") == name or name in (e.get("variants") or [])):
                return self.links.entity(e.get("id") or "")
        return None

    # claims and conflicts ---------------------------------------------------------------
    def claim_link(self, claim_id: Any) -> dict[str, Any] | None:
        c = self.claim_by_id.get(claim_id)
        if c is None:
            return None
        return {
            "c": c,
            "outlet": self.outlet(c.get("article")),
            "href": self.links.ev(c.get("article") or "", claim_id),
        }

    def claim_groups(self) -> list[dict[str, Any]]:
        rows = []
        for g in self.d.get("claim_groups") or []:
            claims = [x for x in (self.claim_link(cid) for cid in g.get("claims") or []) if x]
            rows.append({"g": g, "claims": claims})
        return rows

    def ungrouped_claims(self) -> list[dict[str, Any]]:
        grouped = {cid for g in self.d.get("claim_groups") or [] for cid in g.get("claims") or []}
        return [
            x
            for x in (
                self.claim_link(c.get("id")) for c in self.claims if c.get("id") not in grouped
            )
            if x
        ]

    def conflicts(self) -> list[dict[str, Any]]:
        out = []
        for k in self.d.get("conflicts") or []:
            values = []
            for vi, v in enumerate(k.get("values") or []):
                evidence = []
                for ei, e in enumerate(v.get("evidence") or []):
                    article = self.by_id.get(e.get("article"))
                    if article is None or not _span_ok(article, e.get("start"), e.get("end")):
                        continue
                    evidence.append(
                        {
                            **self.snippet(article, e["start"], e["end"]),
                            "article": e.get("article"),
                            "outlet": _outlet(article),
                            "href": self.links.ev(e["article"], f"{k.get('id')}-{vi}-{ei}"),
                        }
                    )
                # Copies of one story are one voice: the card counts independent sources.
                held = {self.source_of.get(a) or a for a in v.get("articles") or []}
                values.append({"v": v, "evidence": evidence, "sources": len(held)})
            out.append(
                {
                    "k": k,
                    "values": values,
                    "entity_href": self.links.entity(k["entity"]) if k.get("entity") else None,
                }
            )
        return out

    @staticmethod
    def snippet(article: Mapping[str, Any], start: int, end: int) -> dict[str, str]:
        """The span with up to CONTEXT_CHARS of its own paragraph either side, cut at words."""
        text = article.get("text") or ""
        lo = max(0, start - CONTEXT_CHARS, text.rfind("\n", 0, start) + 1)
        newline = text.find("\n", end)
        hi = min(len(text), end + CONTEXT_CHARS, newline if newline >= 0 else len(text))
        before, after = text[lo:start], text[end:hi]
        cut_before = lo > 0 and text[lo - 1] not in "\n" and " " in before
        cut_after = hi < len(text) and text[hi] not in "\n" and " " in after
        if cut_before:
            before = "…" + before[before.index(" ") :]
        if cut_after:
            after = after[: after.rindex(" ")] + " …"
        return {"before": before, "hit": text[start:end], "after": after}

    # entities ---------------------------------------------------------------------------
    def entities(self) -> list[dict[str, Any]]:
        return [self.entity(e) for e in self.d.get("entities") or []]

    def entity(self, e: Mapping[str, Any]) -> dict[str, Any]:
        eid = e.get("id")
        names = {str(n) for n in [e.get("name"), *(e.get("variants") or [])] if n}
        quotes = [
            q
            for q in self.quotes
            if q.get("speaker_entity") == eid
            or (q.get("speaker_entity") is None and q.get("speaker") in names)
        ]
        pattern = _names_pattern(names)
        # claims naming the person, in the articles the person appears in
        claims = [
            c
            for a in (e.get("articles") or self.by_id)
            for c in self.claims_in.get(a, ())
            if pattern and pattern.search(str(c.get("sentence") or ""))
        ]
        conflicts = [k for k in self.d.get("conflicts") or [] if k.get("entity") == eid]
        return {
            "e": e,
            "kind": ENTITY_KINDS.get(str(e.get("type")), str(e.get("type") or "")),
            "href": self.links.entity(eid or ""),
            "quotes": [
                {
                    "q": q,
                    "outlet": self.outlet(q.get("article")),
                    "href": self.links.ev(q.get("article") or "", q.get("id") or ""),
                    "cluster_href": self.links.cluster(q["cluster"]) if q.get("cluster") else None,
                }
                for q in quotes
            ],
            "claims": [x for x in (self.claim_link(c.get("id")) for c in claims) if x],
            "conflicts": conflicts,
        }


def _covered_share(relation: Mapping[str, Any], article: Mapping[str, Any], side: str) -> float:
    """The share of ``article``'s text (side "a" or "b" of the relation) its passages cover."""
    spans = (
        (int(p.get(f"{side}_start") or 0), int(p.get(f"{side}_end") or 0))
        for p in relation.get("passages") or []
    )
    return covered_length(spans) / max(1, len(article.get("text") or ""))


def _names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted(
        {n.strip() for n in names if n and n.strip() and len(n) <= 200}, key=len, reverse=True
    )
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words[:50]) + r")(?!\w)")


def word_diff(best: str, other: str) -> list[tuple[str, str]] | None:
    """``other`` against ``best`` word by word: ("same"|"del"|"ins", words); None if too long."""
    a, b = best.split(), other.split()
    if len(a) > MAX_DIFF_WORDS or len(b) > MAX_DIFF_WORDS:
        return None
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("del", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("ins", " ".join(b[j1:j2])))
    return out


def view_context(dossier: Mapping[str, Any], links: Links | None = None) -> dict[str, Any]:
    """What the dossier templates need (the file and the web app's story page)."""
    view = StoryView(dossier, links)
    pairs, omitted = view.pairs()
    return {
        "dossier": dossier,
        "view": view,
        "links": view.links,
        "state": view.state,
        "spin_ran": view.spin_ran,
        "overview": view.overview(),
        "graphs": view.graphs(),
        "pairs": pairs,
        "pairs_omitted": omitted,
        "clusters": view.clusters(),
        "claim_groups": view.claim_groups(),
        "ungrouped_claims": view.ungrouped_claims(),
        "conflicts": view.conflicts(),
        "entities": view.entities(),
        "errors": dossier.get("errors") or [],
        "stages": dossier.get("stages") or [],
        "run": dossier.get("run") or {},
    }


def _edge_path(a: Mapping[str, Any], b: Mapping[str, Any]) -> str:
    """A curve from node ``a`` (the copy) into node ``b`` (its origin)."""
    ax, bx = a["x"] + NODE_W / 2, b["x"] + NODE_W / 2
    if a["y"] == b["y"]:  # same row: an arc below the boxes (groups keep room for it)
        y = a["y"] + NODE_H
        drop = min(2 * ARC_ROOM - 4, 18 + abs(ax - bx) / 8)
        return f"M{ax:.0f},{y} Q{(ax + bx) / 2:.0f},{y + drop:.0f} {bx:.0f},{y}"
    if a["y"] > b["y"]:
        y1, y2 = a["y"], b["y"] + NODE_H
    else:
        y1, y2 = a["y"] + NODE_H, b["y"]
    mid = (y1 + y2) / 2
    return f"M{ax:.0f},{y1} C{ax:.0f},{mid:.0f} {bx:.0f},{mid:.0f} {bx:.0f},{y2}"
