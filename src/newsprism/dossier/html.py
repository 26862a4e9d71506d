"""The dossier as one self-contained HTML file, and the Jinja2 setup the web app shares.

Everything from the dossier is hostile input (titles, outlets, texts, quotes and names come
from scraped pages). Jinja2 autoescapes every value in the templates; the one place that
builds markup in Python, :func:`newsprism.dossier.highlight.annotated_text`, escapes every
piece of text and every attribute value itself. The file has no script at all: the
side-by-side view switches pairs with CSS ``:target``. Its Content-Security-Policy forbids
loading anything and allows the one inline stylesheet by its hash, computed when
rendering, as a second line of defence should an escape ever be missed. What the templates
show is computed in :mod:`newsprism.dossier.views`.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from newsprism.dossier.brief_html import brief_views
from newsprism.dossier.views import view_context


def jinja_env(*packages: str) -> Environment:
    """Templates of these packages, every value autoescaped (the file and the web pages)."""
    env = Environment(
        loader=ChoiceLoader([PackageLoader(p, "templates") for p in packages]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = cell
    env.filters["num"] = cell
    env.globals["brief_views"] = brief_views  # the story briefs, first on every story page
    return env


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


_ENV = jinja_env("newsprism.dossier")


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The one stylesheet of the dossier and the web pages."""
    return (files("newsprism.dossier") / "templates" / "dossier.css").read_text(encoding="utf-8")


def csp_hash(source: str) -> str:
    """The CSP source expression allowing exactly this inline ``<style>``/``<script>``."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(style: str, *, served: bool = False) -> str:
    """Load nothing; allow only the given inline stylesheet (by hash), no script at all."""
    policy = f"default-src 'none'; style-src {csp_hash(style)}; base-uri 'none'; "
    if served:
        return policy + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"
    return policy + "img-src data:; form-action 'none'"


def render_html(dossier: Mapping[str, Any]) -> str:
    """The self-contained dossier file."""
    style = stylesheet()
    template = _ENV.get_template("dossier.html.j2")
    return template.render(
        style=Markup(style),  # our own constant stylesheet, never data
        csp=Markup(content_security_policy(style)),  # our constant policy and a base64 hash
        **view_context(dossier),
    )
