"""A corpus of XSS payloads (tests/data/xss_payloads.txt) in every field we render: the
HTML dossier, the Markdown dossier (rendered by a permissive Markdown viewer) and every
web page show them as text; no element, event handler or script URL comes from them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from markdown_it import MarkdownIt
from starlette.testclient import TestClient

from newsprism import api
from newsprism.dossier.html import render_html
from newsprism.dossier.markdown import render_markdown
from newsprism.web import create_app

from . import test_web

PAYLOAD_FILE = Path(__file__).with_name("data") / "xss_payloads.txt"
PAYLOADS = [
    line
    for line in PAYLOAD_FILE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#:")
]
# Elements our pages never contain: any of them would have come from a payload. (Ones we
# do use, like details or the search form, are checked by their attributes below.)
FORBIDDEN = {
    "script", "iframe", "object", "embed", "img", "base", "math", "video", "audio",
    "source", "marquee", "template", "isindex", "frame", "frameset", "applet", "link",
    "noscript", "x", "use", "animate", "image",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "background", "data"}
SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|data)\s*:", re.I)


def assert_inert(page: str) -> None:
    """Parse the page as a browser would and check that every element, attribute and
    style is one of ours."""
    document = lxml.html.document_fromstring(page)
    styles = 0
    for element in document.iter():
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag == "link" and element.get("rel") == "icon":
            # ours: an empty icon in the file, the web view's own /favicon.ico
            assert element.get("href") in ("data:,", "/favicon.ico"), element.attrib
            continue
        assert tag not in FORBIDDEN, lxml.html.tostring(element)[:200]
        if tag == "style":
            styles += 1
            assert "@import" not in (element.text or "")
        if tag == "meta":
            assert "refresh" not in (element.get("http-equiv") or "").lower()
        for name, value in element.attrib.items():
            name = name.lower()
            assert not name.startswith("on"), (tag, name, value)
            if name in URL_ATTRIBUTES:
                assert not SCRIPT_URL.match(value), (tag, name, value)
            if name == "style":
                assert "expression(" not in value.lower() and "javascript:" not in value.lower()
            if name == "srcdoc":
                pytest.fail(f"srcdoc on {tag}")
    assert styles <= 1  # our own stylesheet at most


def _article(n: int, chunk: list[str]) -> dict[str, str]:
    p = (chunk * 4)[:4]
    return {
        "title": f"Harbour report {n} {p[0]}",
        "outlet": f"Outlet {n} {p[1]}",
        "url": p[2],
        "text": (
            f"Harbour council approves barrier repairs {p[0]}\n\n"
            f"The harbour council of Velmora approved repair contracts on Thursday {p[1]}, "
            f"after a debate that ran late into the evening, officials said.\n\n"
            f"\u201cWe fixed the gates {p[2]} and the power will hold,\u201d said council "
            f"leader Mira Tolvanen. The repairs will cost {n + 14} million euros {p[3]}.\n\n"
            f"\u201cNobody should trust {p[3]} a barrier that failed once,\u201d said engineer "
            f"Aino Keskar {p[0]}.\n"
        ),
    }


@contextmanager
def _worst_values(text: str) -> Iterator[None]:
    """``test_web.poisoned`` puts its payload string in every field the pipeline cannot
    fill with markup (names, roles, conflicts, reasons, errors); here, the corpus's."""
    saved = test_web.ALL
    test_web.ALL = text
    try:
        yield
    finally:
        test_web.ALL = saved


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("xss-in")
    lines = [_article(n, PAYLOADS[i : i + 4]) for n, i in enumerate(range(0, len(PAYLOADS), 4))]
    (folder / "hostile.jsonl").write_text(
        "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8"
    )
    out = tmp_path_factory.mktemp("xss-out")
    dossier = api.analyze([folder], out=out)
    worst: list[dict[str, Any]] = []
    for start in range(0, len(PAYLOADS), 10):
        with _worst_values(" ".join(PAYLOADS[start : start + 10])):
            worst.append(test_web.poisoned(dossier.data))
    return {
        "out": out,
        "data": dossier.data,
        "worst": worst,
        "db": f"sqlite:///{out / 'newsprism.db'}",
    }


def test_the_corpus_holds_every_kind_of_payload() -> None:
    joined = "\n".join(PAYLOADS).lower()
    assert len(PAYLOADS) >= 60
    for kind in ("<script", "onerror=", "javascript:", "data:text/html", "<svg", "<math",
                 "&#", "%3c", "\\u003c", "expression(", "{{", "](javascript:", "srcdoc"):  # fmt: skip
        assert kind in joined, kind


def test_the_html_dossier_shows_every_payload_as_text(rendered: dict[str, Any]) -> None:
    page = (rendered["out"] / "dossier.html").read_text(encoding="utf-8")
    assert_inert(page)
    text = lxml.html.document_fromstring(page).text_content()
    shown = [
        p for p in PAYLOADS if "window.__pwned=" in p and p.split("window.__pwned=")[1][:2] in text
    ]
    assert "<script>window.__pwned=1</script>" in text and len(shown) > len(PAYLOADS) // 2
    for worst in rendered["worst"]:
        assert_inert(render_html(worst))


def test_the_markdown_dossier_renders_inert_in_a_permissive_viewer(
    rendered: dict[str, Any],
) -> None:
    viewer = MarkdownIt("commonmark", {"html": True})  # raw HTML allowed, as many viewers do
    viewer.validateLink = lambda url: True  # and no link filtering of its own
    markdown = (rendered["out"] / "dossier.md").read_text(encoding="utf-8")
    assert_inert(f"<html><body>{viewer.render(markdown)}</body></html>")
    for worst in rendered["worst"]:
        assert_inert(f"<html><body>{viewer.render(render_markdown(worst))}</body></html>")


def test_every_web_page_renders_the_payloads_inert(
    rendered: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = 0
    with TestClient(create_app(rendered["db"])) as client:
        stories = api.stored_stories(rendered["db"])
        paths = ["/stories", "/stories?q=" + PAYLOADS[0]]
        for story in stories:
            data = api.story_dossier(rendered["db"], story["id"]).data
            paths.append(f"/stories/{story['id']}")
            paths += [f"/stories/{story['id']}/articles/{a['id']}" for a in data["articles"]]
            paths += [
                f"/stories/{story['id']}/compare/{r['a']}/{r['b']}" for r in data["relations"]
            ]
            paths += [f"/stories/{story['id']}/entities/{e['id']}" for e in data["entities"]]
            paths += [f"/stories/{story['id']}/quotes/{q['id']}" for q in data["quote_clusters"]]
        for path in paths:
            response = client.get(path)
            assert response.status_code in (200, 400, 404), (path, response.status_code)
            assert_inert(response.text)
            pages += 1
    story = max(stories, key=lambda s: s["articles"])["id"]
    for worst in rendered["worst"]:

        class Stored:
            data = worst

        monkeypatch.setattr("newsprism.web.app.api.story_dossier", lambda *a, **k: Stored())
        with TestClient(create_app(rendered["db"])) as client:
            for path in (f"/stories/{story}", f"/stories/{story}/entities/e1"):
                assert_inert(client.get(path).text)
                pages += 1
    assert pages > 20
