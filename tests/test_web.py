"""The HTML dossier's views and the local web app (``newsprism serve``), without a browser.

Pages and their JSON twins, 404s, bounded parameters, the CSP header, errors without stack
traces, and hostile article values (script tags, event handlers, javascript: URLs, SVG
tricks) rendered as inert text. ``tests/test_browser.py`` checks the same in Chromium.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from newsprism import api
from newsprism.cli import app as cli_app
from newsprism.dossier.build import build_dossier
from newsprism.dossier.highlight import Mark, annotated_text
from newsprism.dossier.html import content_security_policy, render_html, stylesheet
from newsprism.dossier.views import word_diff
from newsprism.errors import NewsprismError
from newsprism.model import StageInfo
from newsprism.web import check_store, create_app
from newsprism.web.app import LOCAL_HOSTS

from .conftest import REPO, SAMPLE_CORPUS

BAD_HTML = REPO / "examples" / "bad" / "hostile.html"
# Each payload sets window.__pwned or calls alert if it ever runs.
PAYLOADS = {
    "script": "<script>window.__pwned=1;alert(1)</script>",
    "img": '<img src=x onerror="window.__pwned=2;alert(2)">',
    "svg": '<svg onload="window.__pwned=3"><script>window.__pwned=4</script></svg>',
    "iframe": '"><iframe srcdoc="<script>parent.__pwned=6</script>"></iframe>',
    "close": "</style></title></textarea><script>window.__pwned=7</script>",
    "link": '<a href="javascript:window.__pwned=8">click</a>',
    "template": "{{ 7*7 }}",
}
ALL = " ".join(PAYLOADS.values())


def hostile_article(outlet: str, extra: str = "") -> dict[str, str]:
    """An article whose title, outlet, URL, text and quotes all carry payloads."""
    p = PAYLOADS
    text = (
        f"Harbour council approves barrier repairs {p['script']}\n\n"
        f"The harbour council approved the first repair contracts for the tidal barrier on "
        f"Thursday {p['img']}, after a debate that ran late into the evening in the old town "
        f"hall of Velmora.\n\n"
        f"\u201cWe fixed the gates {p['svg']} and the power will hold this winter,\u201d said "
        f"council leader Mira Tolvanen {p['iframe']}. The repairs will cost 14 million euros "
        f"and take six weeks, officials said.\n\n"
        f"\u201cNobody should trust {p['close']} a barrier that failed once,\u201d said engineer "
        f"Aino Keskar. Work on the control house starts next month {p['link']} and the gates "
        f"will be tested before autumn {p['template']}.{extra}\n"
    )
    return {
        "title": f"Council approves repairs {p['script']} {p['img']}",
        "outlet": f"{outlet} {p['svg']}",
        "url": "javascript:window.__pwned=9",
        "text": text,
    }


def write_hostile_corpus(folder: Path) -> Path:
    """Two near-copies of a hostile article (JSON Lines) and examples/bad/hostile.html."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        hostile_article("Evil Herald"),
        hostile_article("Evil Copy", " Residents welcomed the news."),
    ]
    (folder / "hostile.jsonl").write_text(
        "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8"
    )
    (folder / "hostile.html").write_bytes(BAD_HTML.read_bytes())
    return folder


def poisoned(dossier: dict[str, Any]) -> dict[str, Any]:
    """The dossier with payloads in every section the pipeline cannot fill with markup
    (person names, roles, conflict values, cluster and group fields, reasons, errors)."""
    d = copy.deepcopy(dossier)
    first = d["articles"][0]
    aid, text = first["id"], first["text"]
    names = {s["name"] for s in d["stages"]}
    d["stages"] += [
        {"name": n, "version": "1"}
        for n in ("spin", "entities", "claims", "quotes", "relate")
        if n not in names
    ]
    d["stories"] = d["stories"] or [{"id": "s1", "title": ALL, "articles": [aid]}]
    d["stories"][0]["title"] = ALL
    d["entities"] = [
        {
            "id": "e1",
            "name": f"Mira {ALL}",
            "type": "PERSON",
            "role": ALL,
            "variants": [ALL],
            "articles": [aid],
            "conflict_candidate": True,
        }
    ]
    d["conflicts"] = [
        {
            "id": "k1",
            "kind": "name",
            "what": ALL,
            "entity": "e1",
            "values": [
                {
                    "value": ALL,
                    "articles": [aid],
                    "evidence": [{"article": aid, "start": 0, "end": 20}],
                }
            ],
        }
    ]
    cluster_id = 'qc1"><img src=x onerror="window.__pwned=11">'
    for q in d["quotes"]:
        q.update(speaker=f"Mira {ALL}", cue=ALL, cluster=cluster_id, speaker_entity="e1")
    d["quote_clusters"] = [
        {
            "id": cluster_id,
            "speaker": f"Mira {ALL}",
            "text": ALL,
            "members": [{"quote": q["id"], "variant": ALL} for q in d["quotes"]],
            "independent_sources": 1,
            "outlets": 2,
        }
    ]
    claims = d["claims"][:3]
    for c in claims:
        c["subject"] = ALL
    d["claim_groups"] = [
        {
            "id": "g1",
            "subject": ALL,
            "claims": [c["id"] for c in claims],
            "status": ALL,
            "independent_sources": 2,
        }
    ]
    for s in d["sources"]:
        s["why"] = ALL
    for r in d["relations"]:
        r["why"] = ALL
    first["spin"] = {
        "is_spun": True,
        "score": 0.9,
        "evidence": [{"start": 0, "end": 7, "text": text[0:7], "likely_original": ALL, "why": ALL}],
    }
    first["outlet_evidence"] = [{"method": ALL, "text": ALL, "paragraph": 0}]
    first["paragraphs"].append(
        {
            "kind": "boilerplate",
            "raw": ALL,
            "start": None,
            "end": None,
            "duplicate_of": None,
            "reason": ALL,
        }
    )
    d["errors"] = [{"source": ALL, "line": 1, "code": "E105", "message": ALL}]
    return d


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def assert_inert(html: str, shown: bool = True) -> None:
    """No payload survives as markup: the parsed page has only our own elements, no event
    handler attribute, no script URL; the payloads are there as text."""
    parsed = parse(html)
    tags = parsed.tags
    names = {t for t, _ in tags}
    assert not names & {"script", "img", "iframe", "object", "embed", "base", "form", "math"}
    for tag, attrs in tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "xlink:href", "action"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:text")), (
                    value
                )
    # SVG appears only as our graph, never the payload's <svg onload>
    assert all(dict(a).get("onload") is None for t, a in tags if t == "svg")
    if shown:  # the payloads are there, as text a reader sees
        text = "".join(parsed.text)
        assert PAYLOADS["script"] in text and PAYLOADS["svg"] in text
        assert "{ 7*7 }" in text  # not evaluated as a template (spin marks may split it)


def style_hash(html: str) -> str:
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style is not None
    digest = hashlib.sha256(style.group(1).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


# -- stores made once per module -------------------------------------------------------------
@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("sample")
    dossier = api.analyze([SAMPLE_CORPUS], out=out)
    db = f"sqlite:///{out / 'newsprism.db'}"
    story = max(api.stored_stories(db), key=lambda s: s["articles"])
    return {"out": out, "db": db, "data": dossier.data, "story": story["id"]}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = write_hostile_corpus(tmp_path_factory.mktemp("hostile-in"))
    out = tmp_path_factory.mktemp("hostile")
    dossier = api.analyze([folder], out=out)
    db = f"sqlite:///{out / 'newsprism.db'}"
    return {"out": out, "db": db, "data": dossier.data, "stories": api.stored_stories(db)}


@pytest.fixture(scope="module")
def client(sample: dict[str, Any]) -> Iterator[TestClient]:
    with TestClient(create_app(sample["db"])) as c:
        yield c


# -- the HTML dossier views ------------------------------------------------------------------
def test_annotated_text_nests_crossing_marks_and_each_mark_joins_to_its_span() -> None:
    text = "<b>one</b> two & three\n\nfour"
    marks = [
        Mark(0, 14, "psg", layer=1, key="p"),
        Mark(11, 20, "sp", layer=5, key="s", orig="<i>x</i>"),
        Mark(4, 4, "pa", id="anchor"),
        Mark(3, 99, "q", key="bad"),  # out of range: dropped
    ]
    html = str(annotated_text(text, marks))
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert 'data-orig="&lt;i&gt;x&lt;/i&gt;"' in html
    assert html.count("<mark") == html.count("</mark>")
    assert 'data-k="bad"' not in html and 'id="anchor"' in html

    def joined(key: str) -> str:
        pieces = re.findall(rf'<mark[^>]*data-k="{key}"[^>]*>(.*?)</mark>', html, re.S)
        inner = "".join(re.sub(r"<[^>]+>", "", p) for p in pieces)
        return inner.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")

    assert joined("p") == text[0:14]
    assert joined("s") == text[11:20]


def test_word_diff_marks_missing_and_added_words() -> None:
    diff = word_diff("we lost the gates one by one", "we lost the gates one after another")
    assert ("same", "we lost the gates one") in diff
    assert ("del", "by one") in diff and ("ins", "after another") in diff
    assert word_diff("a " * 500, "b") is None  # too long to diff: shown plain


def test_dossier_file_allows_only_its_own_stylesheet_by_hash(sample: dict[str, Any]) -> None:
    html = render_html(sample["data"])
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert meta is not None
    policy = meta.group(1)
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert style_hash(html) in policy
    assert "<script" not in html.lower() and ' style="' not in html  # nothing CSP would block


def test_dossier_file_shows_every_view_of_the_sample(sample: dict[str, Any]) -> None:
    data = sample["data"]
    html = render_html(data)
    for heading in (
        "Independence: who copied whom",
        "Side by side",
        "Quotes, by cluster",
        "Claims",
        "Conflicts",
        "People, organisations and places",
        "what the cleaning removed",
    ):
        assert heading in html
    assert "not analysed" not in html.replace("spin not analysed", "")
    drawn = sum(len(s["articles"]) for s in data["stories"] if len(s["articles"]) > 1)
    assert "<svg" in html and html.count('class="node') == drawn
    assert "1 story of one article, each its own source" in html
    assert f"{len(data['sources'])} independent sources" in html
    spun = next(a for a in data["articles"] if a["spin"]["is_spun"])
    evidence = spun["spin"]["evidence"][0]
    assert f'data-orig="{evidence["likely_original"]}"' in html
    # every claim value and conflict evidence is an anchor some link points at
    for claim in data["claims"][:10]:
        assert f'id="{claim["id"]}"' in html and f'href="#{claim["id"]}"' in html
    assert 'href="#k1-0-0"' in html and 'id="k1-0-0"' in html
    assert "<del" in html and "<ins" in html  # quote wording diffs
    removed = [p for a in data["articles"] for p in a["paragraphs"] if p["kind"] == "duplicate"]
    assert removed and removed[0]["reason"] in html


def test_sections_whose_stage_did_not_run_say_not_analysed(sample: dict[str, Any]) -> None:
    bare = build_dossier([], [], (StageInfo("extract", "1"), StageInfo("clean", "1")), "x")
    bare["articles"] = [
        dict(sample["data"]["articles"][0], spin={"is_spun": None, "score": None, "evidence": []})
    ]
    html = render_html(bare)
    for what in (
        "stories, copies and sources",
        "related articles",
        "quotes",
        "claims",
        "conflicts",
        "people",
    ):
        assert f"not analysed: the stage that finds {what}" in html
    ran = build_dossier([], [], (StageInfo("quotes", "1"), StageInfo("claims", "1")), "x")
    assert "none found: the stage ran and found no quotes" in render_html(ran)


def test_dossier_file_renders_hostile_values_inert(hostile: dict[str, Any]) -> None:
    written = (hostile["out"] / "dossier.html").read_text(encoding="utf-8")
    assert_inert(written)
    html = render_html(poisoned(hostile["data"]))
    assert_inert(html)
    assert "Mira &lt;script&gt;" in html  # a hostile person name, escaped


# -- the web app -----------------------------------------------------------------------------
def story_paths(sample: dict[str, Any]) -> list[str]:
    s = sample["story"]
    data = api.story_dossier(sample["db"], s).data
    spun = next(a["id"] for a in data["articles"] if a["spin"]["is_spun"])
    relation = next(r for r in data["relations"] if r["passages"])
    return [
        "/stories",
        "/stories?q=velmora&page=1&size=5",
        f"/stories/{s}",
        f"/stories/{s}/articles/{spun}",
        f"/stories/{s}/entities/{data['entities'][0]['id']}",
        f"/stories/{s}/quotes/{data['quote_clusters'][0]['id']}",
        f"/stories/{s}/compare/{relation['a']}/{relation['b']}",
    ]


def test_every_page_loads_and_has_a_json_twin(client: TestClient, sample: dict[str, Any]) -> None:
    for path in story_paths(sample):
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-type"].startswith("text/html")
        assert "<script" not in page.text.lower()
        base, _, query = path.partition("?")
        twin = client.get(base + ".json" + (f"?{query}" if query else ""))
        assert twin.status_code == 200, path
        assert twin.headers["content-type"] == "application/json"
        negotiated = client.get(path, headers={"Accept": "application/json"})
        assert negotiated.json() == twin.json(), path


def test_story_json_is_a_contract_dossier(
    client: TestClient, sample: dict[str, Any], tmp_path: Path, check_dossier_tool: Path
) -> None:
    data = client.get(f"/stories/{sample['story']}.json").json()
    assert data["schema"] == "newsprism.dossier/1"
    path = tmp_path / "dossier.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, str(check_dossier_tool), str(path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout


def test_json_twins_carry_what_the_page_shows(client: TestClient, sample: dict[str, Any]) -> None:
    s = sample["story"]
    people = client.get(f"/stories/{s}/entities/e1.json").json()
    assert people["entity"]["id"] == "e1" and people["quotes"]
    assert all(q["speaker_entity"] == "e1" or q["speaker"] for q in people["quotes"])
    cluster = client.get(f"/stories/{s}/quotes/qc1.json").json()
    assert cluster["members"] and all("diff" in m for m in cluster["members"])
    listing = client.get("/stories.json").json()
    assert {x["id"] for x in listing["stories"]} >= {s}
    relation = next(r for r in sample["data"]["relations"] if r["passages"])
    pair = client.get(f"/stories/{s}/compare/{relation['a']}/{relation['b']}.json").json()
    texts = {a["id"]: a["text"] for a in sample["data"]["articles"]}
    for p in pair["relation"]["passages"]:
        assert p["a_text"] == texts[pair["relation"]["a"]][p["a_start"] : p["a_end"]]


def test_stories_are_paged_with_bounded_page_sizes(client: TestClient) -> None:
    first = client.get("/stories.json?size=1").json()
    assert len(first["stories"]) == 1 and first["next"] and first["prev"] is None
    second = client.get(first["next"]).json()
    assert len(second["stories"]) == 1 and second["prev"]
    assert second["stories"][0]["id"] != first["stories"][0]["id"]
    assert client.get("/stories.json?page=3&size=1").json()["stories"] == []
    assert client.get("/stories.json?q=library").json()["stories"][0]["articles"] == 1
    assert client.get("/stories.json?q=no+such+words").json()["stories"] == []


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=-1",
        "page=abc",
        "page=99999999",
        "size=0",
        "size=101",
        "size=1e3",
        "q=" + "x" * 201,
    ],
)
def test_out_of_bounds_parameters_are_a_clear_400(client: TestClient, query: str) -> None:
    page = client.get(f"/stories?{query}")
    assert page.status_code == 400 and "Traceback" not in page.text
    answer = client.get(f"/stories.json?{query}")
    assert answer.status_code == 400
    name = query.split("=")[0]
    assert f"'{name}'" in answer.json()["error"]["message"]


@pytest.mark.parametrize(
    "path",
    [
        "/stories/S0000000000",
        "/stories/..%2F..%2Fetc%2Fpasswd",
        "/stories/%2e%2e",
        "/stories/a%00b",
        "/stories/" + "S" * 65,
        "/stories/{story}/articles/a0000000000",
        "/stories/{story}/articles/..%2Fnewsprism.db",
        "/stories/{story}/entities/e999",
        "/stories/{story}/quotes/qc999",
        "/stories/{story}/compare/a0000000000/a0000000001",
        "/articles/a0000000000",
        "/static/../../etc/passwd",
        "/no/such/page",
    ],
)
def test_unknown_things_are_a_404_in_html_and_json(
    client: TestClient, sample: dict[str, Any], path: str
) -> None:
    path = path.format(story=sample["story"])
    page = client.get(path)
    assert page.status_code == 404, path
    assert page.headers["content-type"].startswith("text/html") and "Traceback" not in page.text
    answer = client.get(path, headers={"Accept": "application/json"})
    assert answer.status_code == 404 and answer.json()["error"]["status"] == 404
    assert "root:" not in page.text and "SQLite format" not in page.text


def test_only_get_and_head_are_allowed(client: TestClient, sample: dict[str, Any]) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        answer = client.request(method, f"/stories/{sample['story']}")
        assert answer.status_code == 405 and "read-only" in answer.text
    assert client.head("/stories").status_code == 200


def test_every_response_carries_a_strict_csp(client: TestClient, sample: dict[str, Any]) -> None:
    policy = content_security_policy(stylesheet(), served=True)
    for path in ["/stories", f"/stories/{sample['story']}", "/stories.json", "/nope", "/"]:
        answer = client.get(path, follow_redirects=False)
        csp = answer.headers["content-security-policy"]
        assert csp == policy
        assert "default-src 'none'" in csp and "script-src" not in csp and "unsafe" not in csp
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
        if answer.headers.get("content-type", "").startswith("text/html"):
            assert style_hash(answer.text) in csp


def test_a_failure_is_a_short_500_without_a_trace(
    sample: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("secret internal detail /etc/shadow")

    monkeypatch.setattr("newsprism.web.app.api.story_dossier", broken)
    with TestClient(create_app(sample["db"]), raise_server_exceptions=False) as c:
        for accept in ("text/html", "application/json"):
            answer = c.get(f"/stories/{sample['story']}", headers={"Accept": accept})
            assert answer.status_code == 500
            assert "secret" not in answer.text and "Traceback" not in answer.text
            assert "content-security-policy" in answer.headers


def test_a_store_that_cannot_be_read_is_a_503(
    sample: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(*_args: Any, **_kwargs: Any) -> Any:
        raise NewsprismError("E201", "cannot open store sqlite:////secret/path.db")

    monkeypatch.setattr("newsprism.web.app.api.stored_stories", unreadable)
    with TestClient(create_app(sample["db"])) as c:
        answer = c.get("/stories.json")
    assert answer.status_code == 503 and "secret" not in answer.text


def test_a_local_server_answers_only_to_local_host_names(sample: dict[str, Any]) -> None:
    with TestClient(
        create_app(sample["db"], allowed_hosts=LOCAL_HOSTS), base_url="http://127.0.0.1"
    ) as c:
        assert c.get("/stories").status_code == 200
        assert c.get("/stories", headers={"Host": "localhost:8765"}).status_code == 200
        assert c.get("/stories", headers={"Host": "evil.example"}).status_code == 400


def test_web_pages_render_hostile_values_inert(hostile: dict[str, Any]) -> None:
    with TestClient(create_app(hostile["db"])) as c:
        for story in hostile["stories"]:
            data = c.get(f"/stories/{story['id']}.json").json()
            # The payloads must show, as text, on the pages of the hostile articles (and of
            # their story); another article's page may name them (an outlet in a list)
            # without showing their text.
            hostile_story = any("Evil" in (a.get("outlet") or "") for a in data["articles"])
            paths = [(f"/stories/{story['id']}", hostile_story)] + [
                (f"/stories/{story['id']}/articles/{a['id']}", "Evil" in (a.get("outlet") or ""))
                for a in data["articles"]
            ]
            for path, shown in paths:
                page = c.get(path)
                assert page.status_code == 200, path
                assert_inert(page.text, shown=shown)
        listing = c.get("/stories")
        assert "&lt;script&gt;" in listing.text or "Council approves" in listing.text
        assert "<script" not in listing.text.lower()
        searched = c.get("/stories", params={"q": PAYLOADS["script"]})
        assert searched.status_code == 200 and "<script" not in searched.text.lower()


def test_web_views_of_a_poisoned_dossier_are_inert(
    hostile: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    story = max(hostile["stories"], key=lambda s: s["articles"])["id"]
    data = poisoned(api.story_dossier(hostile["db"], story).data)

    class Fake:
        pass

    fake = Fake()
    fake.data = data  # type: ignore[attr-defined]
    monkeypatch.setattr("newsprism.web.app.api.story_dossier", lambda *a, **k: fake)
    with TestClient(create_app(hostile["db"])) as c:
        for path in (
            f"/stories/{story}",
            f"/stories/{story}/entities/e1",
            f"/stories/{story}/articles/{data['articles'][0]['id']}",
        ):
            page = c.get(path)
            assert page.status_code == 200, path
            assert_inert(page.text)
        # the hostile cluster id is not a valid id: it cannot be asked for
        assert c.get("/stories/" + story + "/quotes/qc1%22%3E%3Cimg").status_code == 404


def test_serving_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(NewsprismError) as missing:
        check_store(None)
    assert missing.value.code == "E300"
    absent = tmp_path / "absent.db"
    with pytest.raises(NewsprismError) as gone:
        check_store(f"sqlite:///{absent}")
    assert gone.value.code == "E201" and not absent.exists()  # serving never creates a store


def test_serve_command_reports_usage_and_store_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli_app, ["serve"]).exit_code == 2
    result = runner.invoke(cli_app, ["serve", "--db", f"sqlite:///{tmp_path / 'none.db'}"])
    assert result.exit_code == 4 and "no store at" in result.output
    assert runner.invoke(cli_app, ["serve", "--port", "70000"]).exit_code == 2


def _json_links(page: str) -> list[str]:
    return re.findall(r'href="([^"]*)" rel="alternate" type="application/json"', page)


def test_json_twin_links_are_built_from_the_route_never_from_the_raw_path(
    client: TestClient, sample: dict[str, Any]
) -> None:
    for path in ("//evil.example/x", "//evil.example/x.json", "/nothing/%00here", "/stories/%00"):
        page = client.get("http://testserver" + path, headers={"Accept": "text/html"})
        assert page.status_code == 404, path
        assert "evil" not in page.text and "\x00" not in page.text, path
        if page.headers["content-type"] == "application/json":
            continue  # the twin of a JSON path answers in JSON, without links
        (link,) = _json_links(page.text)
        assert link.startswith("/") and not link.startswith("//"), (path, link)
    for path in story_paths(sample):
        base = path.partition("?")[0]
        (link,) = _json_links(client.get(path).text)
        assert link.startswith(base.rstrip("/") + ".json") or base == "/", (path, link)
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link


def test_a_busy_port_is_a_coded_error_before_serving_is_announced(
    sample: dict[str, Any],
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli_app, ["serve", "--db", sample["db"], "--port", str(port)])
    assert result.exit_code == 2, result.output
    assert "E302" in result.output and "in use" in result.output
    assert "serving" not in result.output
