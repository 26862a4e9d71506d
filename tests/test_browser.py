"""The dossier file and the web view in a real browser: Debian's Chromium driven by Playwright.

Pages load without console errors, the side-by-side view highlights exactly the aligned
passages, links lead where they say, phone and print layouts hold, and articles full of
XSS payloads run no script in either view. Screenshots of the main pages are written to
``test-artifacts/screenshots/`` (look at them). Playwright's own browser download does not
work on these machines: the tests launch /usr/bin/chromium (``.ci/run`` installs it).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from newsprism import api
from newsprism.dossier.html import render_html
from newsprism.web import create_app
from newsprism.web.app import LOCAL_HOSTS

from .conftest import REPO, SAMPLE_CORPUS, SEEDS
from .test_web import PAYLOADS, poisoned, write_hostile_corpus

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed: pip install -e '.[dev]'"
)
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.is_file():
    pytest.skip(
        "Debian's chromium is not installed at /usr/bin/chromium "
        "(apt-get install -y chromium; .ci/run does this)",
        allow_module_level=True,
    )

SHOTS = REPO / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Collect every passage of every side-by-side pair as the browser shows it: the text of
# all pieces of one highlight ([data-k=KEY]) joined.
PAIRS_JS = """() => Array.from(document.querySelectorAll('section.pair')).map(s => {
  const joined = key => Array.from(document.querySelectorAll(`[data-k="${key}"]`))
      .map(e => e.textContent).join('');
  const out = {id: s.id, a: s.dataset.a, b: s.dataset.b, a_texts: [], b_texts: []};
  for (let j = 0; j < 500; j++) {
    if (!document.getElementById(`${s.id}a${j}`) && !document.getElementById(`${s.id}b${j}`)) break;
    out.a_texts.push(joined(`${s.id}a${j}`));
    out.b_texts.push(joined(`${s.id}b${j}`));
  }
  return out;
})"""
INERT_JS = """() => ({
  pwned: typeof window.__pwned,
  scripts: document.scripts.length,
  handlers: Array.from(document.querySelectorAll('*')).flatMap(e =>
      Array.from(e.attributes).filter(a => a.name.toLowerCase().startsWith('on'))
        .map(a => e.tagName + ' ' + a.name)),
  frames: document.querySelectorAll('iframe, object, embed, img').length,
  jsLinks: Array.from(document.querySelectorAll('[href]'))
      .filter(e => /^\\s*javascript:/i.test(e.getAttribute('href'))).length,
  text: document.body.innerText,
})"""


@dataclass
class Watched:
    """A page and everything it reported: console errors, uncaught errors, dialogs."""

    page: Any
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def goto(self, url: str) -> Any:
        return self.page.goto(url, wait_until="load")

    def shot(self, name: str, full_page: bool = False) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield chromium
        chromium.close()


@contextmanager
def watched(browser: Any, viewport: dict[str, int] = DESKTOP) -> Iterator[Watched]:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    w = Watched(page)
    page.on("console", lambda m: w.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: w.errors.append(f"uncaught: {e}"))

    def on_dialog(dialog: Any) -> None:
        w.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield w
    finally:
        context.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """The app on a real uvicorn server on 127.0.0.1, in a thread, for the test's length."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("browser-sample")
    dossier = api.analyze([SAMPLE_CORPUS], out=out)
    db = f"sqlite:///{out / 'newsprism.db'}"
    story = max(api.stored_stories(db), key=lambda s: s["articles"])["id"]
    return {
        "out": out,
        "db": db,
        "data": dossier.data,
        "story": story,
        "file": (out / "dossier.html").as_uri(),
    }


@pytest.fixture(scope="module")
def sample_server(sample: dict[str, Any]) -> Iterator[str]:
    with serving(create_app(sample["db"], allowed_hosts=LOCAL_HOSTS)) as url:
        yield url


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = write_hostile_corpus(tmp_path_factory.mktemp("browser-hostile-in"))
    out = tmp_path_factory.mktemp("browser-hostile")
    dossier = api.analyze([folder], out=out)
    worst = out / "poisoned.html"  # payloads in every field, person names included
    worst.write_text(render_html(poisoned(dossier.data)), encoding="utf-8")
    db = f"sqlite:///{out / 'newsprism.db'}"
    return {
        "out": out,
        "db": db,
        "data": dossier.data,
        "files": [(out / "dossier.html").as_uri(), worst.as_uri()],
    }


def check_pairs(w: Watched, data: dict[str, Any]) -> int:
    """Every highlighted passage of every pair is exactly its span; returns how many."""
    texts = {a["id"]: a["text"] for a in data["articles"]}
    relations = {(r["a"], r["b"]): r for r in data["relations"]}
    checked = 0
    for pair in w.page.evaluate(PAIRS_JS):
        relation = relations[(pair["a"], pair["b"])]
        passages = relation["passages"]
        assert len(pair["a_texts"]) == len(passages), pair["id"]
        for p, a_text, b_text in zip(passages, pair["a_texts"], pair["b_texts"], strict=True):
            assert a_text == texts[pair["a"]][p["a_start"] : p["a_end"]], pair["id"]
            assert b_text == texts[pair["b"]][p["b_start"] : p["b_end"]], pair["id"]
            checked += 1
    return checked


def assert_inert(w: Watched, payloads_shown: bool = True) -> None:
    w.page.wait_for_timeout(150)  # an injected onerror/onload would have fired by now
    state = w.page.evaluate(INERT_JS)
    assert w.dialogs == [], w.dialogs
    assert state["pwned"] == "undefined"
    assert state["scripts"] == 0 and state["frames"] == 0 and state["jsLinks"] == 0
    assert state["handlers"] == []
    if payloads_shown:
        assert PAYLOADS["script"] in state["text"]  # shown to the reader, as text
    assert not [e for e in w.errors if "Content Security Policy" in e], w.errors


# -- the dossier file -------------------------------------------------------------------------
def test_dossier_file_loads_cleanly_with_every_view(browser: Any, sample: dict[str, Any]) -> None:
    with watched(browser) as w:
        w.goto(sample["file"])
        headings = w.page.locator("h2").all_inner_texts()
        for wanted in (
            "Articles",
            "Independence: who copied whom",
            "Side by side",
            "Quotes, by cluster",
            "Claims",
            "Conflicts",
            "People, organisations and places",
        ):
            assert wanted in headings
        drawn = sum(len(s["articles"]) for s in sample["data"]["stories"] if len(s["articles"]) > 1)
        assert w.page.locator("figure.graph svg a.node").count() == drawn
        assert w.page.locator("section.pair").first.is_visible()
        assert w.page.locator("section.pair").nth(1).is_hidden()  # one pair at a time
        w.shot("dossier-top")
        for anchor in ("graph", "side-by-side", "quotes", "claims", "conflicts"):
            w.page.locator(f"#{anchor}").scroll_into_view_if_needed()
            w.page.evaluate(f"document.getElementById('{anchor}').scrollIntoView()")
            w.shot(f"dossier-{anchor}")
        assert w.errors == [] and w.dialogs == []


def test_side_by_side_highlights_exactly_the_aligned_passages(
    browser: Any, sample: dict[str, Any]
) -> None:
    data = sample["data"]
    with watched(browser) as w:
        w.goto(sample["file"])
        assert check_pairs(w, data) >= 5
        first = w.page.locator("section.pair mark.psg").first
        shade = first.evaluate("e => getComputedStyle(e).backgroundColor")
        assert shade not in ("rgba(0, 0, 0, 0)", "transparent")  # visibly highlighted
        # spun words, each with its likely original shown beside it
        spun = next(a for a in data["articles"] if a["spin"]["is_spun"])
        for j, e in enumerate(spun["spin"]["evidence"][:20]):
            key = f"{spun['id']}-s{j}"
            pieces = w.page.locator(f'[data-k="{key}"]').all_text_contents()
            assert "".join(pieces) == e["text"] == spun["text"][e["start"] : e["end"]]
            # right after the evidence's last piece (it may be cut by a quote's marks)
            shown = w.page.locator(
                f'xpath=(//*[@data-k="{key}"])[last()]/following::span[@class="orig"][1]'
            ).get_attribute("data-orig")
            assert shown == e["likely_original"]
        # quotes in the article texts
        for q in data["quotes"][:15]:
            assert "".join(w.page.locator(f'[data-k="{q["id"]}"]').all_text_contents()) == q["text"]
        assert w.errors == []


def test_links_lead_to_pairs_and_evidence(browser: Any, sample: dict[str, Any]) -> None:
    with watched(browser) as w:
        w.goto(sample["file"])
        w.page.locator("ol.pairlist a").nth(1).click()
        assert w.page.locator("#pair2").is_visible() and w.page.locator("#pair1").is_hidden()
        w.shot("dossier-pair2")
        jump = w.page.locator("#pair2 .side-a a.jump").first
        target = jump.get_attribute("href") or ""
        assert target.startswith("#pair2b")
        jump.click()
        assert w.page.url.endswith(target)
        assert w.page.locator(target).is_visible()  # its pair stays shown
        w.page.locator("section.conflict a").first.click()
        target = w.page.url.rsplit("#", 1)[1]
        assert target.startswith("k1-") and w.page.locator(f"#{target}").is_visible()
        assert w.page.locator(f"#{target}").evaluate("e => e.matches(':target')")
        w.page.locator("table.claims a").first.click()
        claim = w.page.url.rsplit("#", 1)[1]
        assert claim in {c["id"] for c in sample["data"]["claims"]}
        assert w.page.locator(f"#{claim}").is_visible()
        w.page.locator("figure.graph a.node").first.click()
        article = w.page.url.rsplit("#", 1)[1]
        assert w.page.locator(f"section.article#{article}").is_visible()
        assert w.errors == []


def test_brief_statements_open_by_keyboard_to_their_evidence_marked_in_the_article(
    browser: Any, sample: dict[str, Any], sample_server: str
) -> None:
    # The brief comes first; a statement opens to its evidence; the link lands on exactly
    # the statement's words in the article's text, marked as the target.
    agreed = [s for story in sample["data"]["stories"] for s in story["brief"]["agreed"]]
    assert agreed, "the sample corpus's story has agreed statements"
    first = agreed[0]["evidence"][0]
    story = sample["story"]
    for url in (sample["file"], f"{sample_server}/stories/{story}"):
        with watched(browser) as w:
            w.goto(url)
            brief = w.page.locator("section#brief")
            assert brief.is_visible()
            assert (
                brief.bounding_box()["y"]
                < w.page.locator("section.article").first.bounding_box()["y"]
            )
            statement = brief.locator("ol.brief-list > li").first
            # by keyboard: a statement opens with Enter, its evidence link follows with Enter
            statement.locator("summary").focus()
            w.page.keyboard.press("Enter")
            link = statement.locator("ul.ev a").first
            assert link.is_visible()
            w.shot("brief-statement-open" if url == sample["file"] else "web-brief-statement-open")
            link.focus()
            w.page.keyboard.press("Enter")
            w.page.wait_for_function("() => location.hash.startsWith('#ev-')")
            target = w.page.url.rsplit("#", 1)[1]
            assert target == f"ev-{first['article']}-{first['start']}-{first['end']}"
            mark = w.page.locator(f"[id='{target}']")
            assert mark.is_visible() and mark.evaluate("e => e.matches(':target')")
            joined = w.page.evaluate(
                "k => Array.from(document.querySelectorAll(`[data-k='${k}']`))"
                ".map(e => e.textContent).join('')",
                target,
            )
            assert joined == first["text"]
            w.shot(
                "brief-evidence-target" if url == sample["file"] else "web-brief-evidence-target"
            )
            assert w.errors == []


def test_dossier_fits_a_phone_and_prints(browser: Any, sample: dict[str, Any]) -> None:
    with watched(browser, PHONE) as w:
        w.goto(sample["file"])
        overflow = w.page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"the page is {overflow}px wider than a phone"
        w.shot("dossier-phone")
        w.page.evaluate("document.getElementById('pair1').scrollIntoView()")
        w.shot("dossier-phone-side-by-side")
    with watched(browser) as w:
        w.goto(sample["file"])
        w.page.emulate_media(media="print")
        assert w.page.locator("ol.pairlist").first.is_hidden()
        pdf = SHOTS / "dossier-print.pdf"
        SHOTS.mkdir(parents=True, exist_ok=True)
        w.page.pdf(path=str(pdf), format="A4")
        assert pdf.stat().st_size > 10_000
        assert w.errors == []


# -- the web view ---------------------------------------------------------------------------
def test_web_view_pages_and_navigation(
    browser: Any, sample: dict[str, Any], sample_server: str
) -> None:
    data = api.story_dossier(sample["db"], sample["story"]).data
    with watched(browser) as w:
        w.goto(f"{sample_server}/")
        assert w.page.url.endswith("/stories")
        w.shot("web-stories")
        title = data["stories"][0]["title"]
        w.page.get_by_role("link", name=title).first.click()
        w.page.wait_for_url(f"**/stories/{sample['story']}")
        assert w.page.locator("h1").inner_text() == title
        assert check_pairs(w, data) >= 5
        w.shot("web-story")
        person = data["entities"][0]
        w.page.locator("#entities ~ div table a").filter(has_text=person["name"]).first.click()
        w.page.wait_for_url("**/entities/*")
        assert w.page.locator("h1").inner_text() == person["name"]
        w.shot("web-person")
        w.page.go_back()
        w.page.locator("section.cluster h3 a").first.click()
        w.page.wait_for_url("**/quotes/*")
        assert w.page.locator("table.diff tbody tr").count() >= 2
        w.shot("web-quote-cluster")
        w.page.go_back()
        spun = next(a for a in data["articles"] if a["spin"]["is_spun"])
        w.page.locator(f"#ov-{spun['id']} a").filter(has_text="page").click()
        w.page.wait_for_url(f"**/articles/{spun['id']}")
        for q in (q for q in data["quotes"] if q["article"] == spun["id"]):
            assert "".join(w.page.locator(f'[data-k="{q["id"]}"]').all_text_contents()) == q["text"]
        w.shot("web-article")
        w.page.get_by_role("link", name="side by side").first.click()
        w.page.wait_for_url("**/compare/*/*")
        assert check_pairs(w, data) >= 1
        w.shot("web-side-by-side")
        assert w.errors == [] and w.dialogs == []


def test_web_view_search_paging_and_errors(browser: Any, sample_server: str) -> None:
    with watched(browser) as w:
        w.goto(f"{sample_server}/stories?size=1")
        assert w.page.locator("table.stories tbody tr").count() == 1
        w.page.get_by_role("link", name="older →").click()
        assert w.page.locator("table.stories tbody tr").count() == 1 and "page=2" in w.page.url
        w.page.locator("input[name=q]").fill("library")
        w.page.locator("input[name=q]").press("Enter")
        w.page.wait_for_url("**/stories?q=library*")
        rows = w.page.locator("table.stories tbody tr")
        assert rows.count() == 1 and "library" in rows.first.inner_text().lower()
        assert w.errors == []
        answer = w.goto(f"{sample_server}/stories/S0000000000")
        assert answer.status == 404 and "no story" in w.page.locator(".error").inner_text()
        w.shot("web-404")
        assert all("404" in e for e in w.errors)  # only the page's own status is reported


def test_web_view_fits_a_phone(browser: Any, sample: dict[str, Any], sample_server: str) -> None:
    with watched(browser, PHONE) as w:
        for path, name in (
            (f"/stories/{sample['story']}", "web-story-phone"),
            ("/stories", "web-stories-phone"),
        ):
            w.goto(sample_server + path)
            overflow = w.page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 1, f"{path} is {overflow}px wider than a phone"
            w.shot(name)
        assert w.errors == []


# -- hostile input ------------------------------------------------------------------------------
def test_hostile_dossier_file_runs_no_script(browser: Any, hostile: dict[str, Any]) -> None:
    for i, url in enumerate(hostile["files"]):
        with watched(browser) as w:
            w.goto(url)
            assert_inert(w)
            w.page.locator("ol.pairlist a").first.click()  # navigating runs nothing either
            assert_inert(w)
            w.shot(f"hostile-dossier-{i}")


def test_hostile_web_view_runs_no_script(
    browser: Any, hostile: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = api.stored_stories(hostile["db"])
    with (
        serving(create_app(hostile["db"], allowed_hosts=LOCAL_HOSTS)) as url,
        watched(browser) as w,
    ):
        w.goto(f"{url}/stories")
        assert_inert(w, payloads_shown=False)
        w.goto(f"{url}/stories?q=" + PAYLOADS["script"])
        assert_inert(w, payloads_shown=False)
        for story in stories:
            data = api.story_dossier(hostile["db"], story["id"]).data
            pages = [f"/stories/{story['id']}"] + [
                f"/stories/{story['id']}/articles/{a['id']}" for a in data["articles"]
            ]
            pages += [
                f"/stories/{story['id']}/compare/{r['a']}/{r['b']}" for r in data["relations"]
            ]
            # the payloads show, as text, on the pages of the hostile articles, of their
            # story and of their comparisons; another article's page may only name them
            evil = {a["id"] for a in data["articles"] if "Evil" in (a.get("outlet") or "")}
            shown_on = {f"/stories/{story['id']}": bool(evil)}
            shown_on |= {f"/stories/{story['id']}/articles/{a}": True for a in evil}
            shown_on |= {
                f"/stories/{story['id']}/compare/{r['a']}/{r['b']}": bool({r["a"], r["b"]} & evil)
                for r in data["relations"]
            }
            for path in pages:
                w.goto(url + path)
                assert_inert(w, payloads_shown=shown_on.get(path, False))
        w.goto(f"{url}/stories/{stories[0]['id']}")
        w.shot("hostile-web-story")
    # the worst case: payloads in person names, conflicts, clusters, reasons, errors
    story = max(stories, key=lambda s: s["articles"])["id"]
    worst = poisoned(api.story_dossier(hostile["db"], story).data)

    class Stored:
        data = worst

    monkeypatch.setattr("newsprism.web.app.api.story_dossier", lambda *a, **k: Stored())
    with (
        serving(create_app(hostile["db"], allowed_hosts=LOCAL_HOSTS)) as url,
        watched(browser) as w,
    ):
        for path in (
            f"/stories/{story}",
            f"/stories/{story}/entities/e1",
            f"/stories/{story}/articles/{worst['articles'][0]['id']}",
        ):
            w.goto(url + path)
            assert_inert(w)
        w.shot("hostile-web-person")


# -- the real seed articles ---------------------------------------------------------------------
def test_seed_articles_render_in_the_file_and_the_web_view(browser: Any, tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the real sample articles are not at {SEEDS} (../shared is absent)")
    out = tmp_path / "seeds"
    data = api.analyze([SEEDS], out=out).data
    with watched(browser) as w:
        w.goto((out / "dossier.html").as_uri())
        assert check_pairs(w, data) >= 1
        w.shot("seeds-dossier-top")
        w.page.evaluate("document.getElementById('graph').scrollIntoView()")
        w.shot("seeds-dossier-graph")
        assert w.errors == [] and w.dialogs == []
    db = f"sqlite:///{out / 'newsprism.db'}"
    story = max(api.stored_stories(db), key=lambda s: s["articles"])["id"]
    with serving(create_app(db, allowed_hosts=LOCAL_HOSTS)) as url, watched(browser) as w:
        w.goto(f"{url}/stories/{story}")
        assert w.page.locator("section.article").count() == len(data["articles"])
        w.shot("seeds-web-story")
        w.page.locator("#entities ~ div table a").first.click()
        w.page.wait_for_url("**/entities/*")
        w.shot("seeds-web-person")
        assert w.errors == [] and w.dialogs == []


# -- the XSS payload corpus (tests/data/xss_payloads.txt) ----------------------------------------
def test_payload_corpus_runs_no_script_in_the_file_or_the_web_view(
    browser: Any, tmp_path: Path
) -> None:
    import json

    from .test_xss_corpus import PAYLOADS as CORPUS
    from .test_xss_corpus import _article, _worst_values

    folder = tmp_path / "in"
    folder.mkdir()
    lines = [_article(n, CORPUS[i : i + 4]) for n, i in enumerate(range(0, len(CORPUS), 4))]
    (folder / "corpus.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    out = tmp_path / "out"
    dossier = api.analyze([folder], out=out)
    files = [out / "dossier.html"]
    for start in range(0, len(CORPUS), 20):
        with _worst_values(" ".join(CORPUS[start : start + 20])):
            worst = tmp_path / f"worst-{start}.html"
            worst.write_text(render_html(poisoned(dossier.data)), encoding="utf-8")
            files.append(worst)
    for path in files:
        with watched(browser) as w:
            w.goto(path.as_uri())
            assert_inert(w, payloads_shown=False)
            assert "window.__pwned=1" in w.page.evaluate(INERT_JS)["text"]  # shown, as text
    db = f"sqlite:///{out / 'newsprism.db'}"
    stories = api.stored_stories(db)
    with serving(create_app(db, allowed_hosts=LOCAL_HOSTS)) as url, watched(browser) as w:
        for story in stories:
            data = api.story_dossier(db, story["id"]).data
            for path in [f"/stories/{story['id']}"] + [
                f"/stories/{story['id']}/articles/{a['id']}" for a in data["articles"]
            ]:
                w.goto(url + path)
                assert_inert(w, payloads_shown=False)
        w.shot("payload-corpus-web-story")
