"""Dossier JSON follows the contract; HTML and Markdown render hostile values as inert text."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from newsprism.dossier.build import build_dossier, dump_json, section_state
from newsprism.dossier.html import render_html
from newsprism.dossier.markdown import describe, escape, render_markdown
from newsprism.model import Article, Evidence, InputError, Paragraph, StageInfo

GOLDEN = Path(__file__).parent / "golden" / "dossier"
XSS = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
STAGES = (StageInfo("extract", "1"), StageInfo("clean", "1"))


def hostile_article() -> Article:
    body = f"The mayor said {XSS} was not a threat."
    return Article(
        id="a0123456789",
        content_hash="0" * 64,
        source=f"evil{XSS}.html",
        line=None,
        format="html",
        url="javascript:alert(1)",
        outlet=XSS,
        outlet_evidence=(Evidence("footer", XSS, 1),),
        title=f"[click](javascript:alert(1)) {XSS}",
        published=None,
        language="en",
        text=body,
        paragraphs=(
            Paragraph("body", body, body, 0, len(body), None, "body: article prose", 0, len(body)),
            Paragraph(
                "boilerplate",
                f"Read more at {XSS}",
                f"Read more at {XSS}",
                None,
                None,
                None,
                "read-more-footer: x",
                0,
                1,
            ),
        ),
        input_text=body,
    )


def _dossier() -> dict:
    error = InputError(f"bad{XSS}.jsonl", 3, "E105", f"bad.jsonl:3: invalid JSON {XSS}")
    return build_dossier([hostile_article()], [error], STAGES, "newsprism 0.1.0")


def test_dossier_passes_the_contract_checker(tmp_path: Path, check_dossier_tool: Path) -> None:
    path = tmp_path / "dossier.json"
    path.write_text(dump_json(_dossier()), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(check_dossier_tool), str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_sections_of_stages_that_did_not_run_say_not_analysed() -> None:
    dossier = _dossier()
    assert dossier["quotes"] == [] and section_state(dossier, "quotes") == "not analysed"
    assert dossier["articles"][0]["spin"] == {"is_spun": None, "score": None, "evidence": []}
    ran = build_dossier([], [], (*STAGES, StageInfo("quotes", "1")), "newsprism")
    assert section_state(ran, "quotes") == "none found"


def test_html_escapes_every_hostile_value_and_loads_nothing() -> None:
    html = render_html(_dossier())
    assert "<script" not in html.lower()
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")  # only escaped forms
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "&lt;script&gt;" in html


def test_markdown_escapes_links_html_and_table_pipes() -> None:
    markdown = render_markdown(_dossier())
    assert "<script>" not in markdown and "<img" not in markdown
    assert "](javascript" not in markdown.replace("\\](javascript", "")  # bracket escaped
    assert "\\[click\\]" in markdown


def test_outputs_are_deterministic_and_match_golden_files() -> None:
    dossier = _dossier()
    outputs = {
        "dossier.json": dump_json(dossier),
        "dossier.md": render_markdown(dossier),
        "dossier.html": render_html(dossier),
    }
    for name, text in outputs.items():
        path = GOLDEN / name
        if os.environ.get("NEWSPRISM_UPDATE_GOLDEN") == "1" or not path.exists():
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), name
    assert dump_json(_dossier()) == outputs["dossier.json"]
    assert json.loads(outputs["dossier.json"])["errors"][0]["line"] == 3


def test_hostile_values_in_analysed_sections_are_rendered_inert() -> None:
    stages = (*STAGES, StageInfo("relate", "1"), StageInfo("quotes", "1"), StageInfo("claims", "1"))
    sections = {
        "quotes": [
            {
                "id": "q1",
                "article": "a0123456789",
                "start": 0,
                "end": 5,
                "text": XSS,
                "speaker": XSS,
                "speaker_entity": None,
                "cue": "said",
                "cluster": None,
            }
        ],
        "relations": [
            {
                "a": XSS,
                "b": "a2",
                "kind": "spun-copy",
                "derived": None,
                "score": 1.0,
                "passages": [],
                "why": XSS,
            }
        ],
        "conflicts": [
            {
                "id": "k1",
                "kind": "name",
                "what": XSS,
                "values": [{"value": XSS, "articles": ["a1"], "evidence": []}],
            }
        ],
    }
    dossier = build_dossier([hostile_article()], [], stages, "newsprism", sections=sections)
    html = render_html(dossier)
    markdown = render_markdown(dossier)
    assert "<script" not in html.lower() and "<img" not in html
    assert "<script" not in markdown.lower() and "<img" not in markdown
    assert "&lt;script&gt;" in markdown and "&lt;script&gt;" in html


def test_markdown_escapes_only_what_markdown_reads_as_markup() -> None:
    from markdown_it import MarkdownIt

    viewer = MarkdownIt("commonmark")
    assert escape("version 0.1.0 of 2026-03-11, 3.5 million") == (
        "version 0.1.0 of 2026-03-11, 3.5 million"
    )
    for hostile in ("# heading", "- item", "12. item", "=== x", "*b* _i_ `c`", "[x](y)"):
        rendered = viewer.render(escape(hostile))
        assert rendered.startswith("<p>") and "<a " not in rendered and "<em>" not in rendered
        assert "<code>" not in rendered and "<li>" not in rendered and "<h" not in rendered
    bare = escape("www.evil.example and https://evil.example/x and me@evil.example")
    assert "www\\.evil" in bare and "https\\://" in bare and "me\\@evil" in bare


def test_markdown_relations_name_each_article_s_outlet() -> None:
    relation = {"a": "a1", "b": "a2", "kind": "spun-copy", "score": 0.9, "derived": "a2"}
    line = describe("relations", relation, {"a1": "Wire Service", "a2": None})
    assert line.startswith("a1 (Wire Service) ↔ a2 (outlet unknown): spun-copy (0.9, copy: a2)")
