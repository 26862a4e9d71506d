"""The dossier as one self-contained HTML file: inline CSS, no script, no network.

Jinja2 autoescapes every value; links are only made for http(s) URLs, so a hostile
``javascript:`` URL is shown as text. A Content-Security-Policy meta tag forbids loading
anything, as a second line of defence should an escape ever be missed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from newsprism.dossier.build import SECTIONS, section_state

_ENV = Environment(
    loader=PackageLoader("newsprism.dossier", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def cell(value: Any) -> str:
    """A compact, readable form of any section value for a table cell (escaped later)."""
    if value is None:
        return ""
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return ", ".join(str(v) for v in value)
        return f"{len(value)} items"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {cell(v)}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return str(value)


_ENV.filters["cell"] = cell


def safe_href(url: Any) -> str | None:
    """The URL if it is plain http(s), else None (shown as text, never linked)."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _article_view(article: Mapping[str, Any]) -> dict[str, Any]:
    kinds = Counter(p["kind"] for p in article["paragraphs"])
    return {
        **article,
        "kept": kinds["body"] + kinds["heading"],
        "removed": sum(v for k, v in kinds.items() if k not in ("body", "heading")),
        "href": safe_href(article.get("url")),
    }


def render_html(dossier: Mapping[str, Any]) -> str:
    articles = [_article_view(a) for a in dossier.get("articles", [])]
    sections = [
        {
            "name": name,
            "state": section_state(dossier, name),
            "items": dossier.get(name, []),
            "columns": sorted({k for item in dossier.get(name, []) for k in item})[:8],
        }
        for name in SECTIONS
    ]
    template = _ENV.get_template("dossier.html.j2")
    return template.render(
        dossier=dossier,
        articles=articles,
        sections=sections,
        errors=dossier.get("errors", []),
        stages=dossier.get("stages", []),
        run=dossier.get("run") or {},
    )
