"""Normalisation keeps a map back to the input; extraction gives paragraphs with exact spans."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsprism.clean.extract import extract_document
from newsprism.model import RawDocument
from newsprism.text.decoding import decode_bytes
from newsprism.text.normalize import normalize


@given(st.text(max_size=300))
def test_offset_map_is_monotone_and_covers_the_input(raw: str) -> None:
    result = normalize(raw)
    assert len(result.raw_offsets) == len(result.text) + 1
    assert all(a <= b for a, b in zip(result.raw_offsets, result.raw_offsets[1:], strict=False))
    assert result.raw_offsets[-1] == len(raw)


@given(st.text(alphabet=st.characters(codec="ascii", exclude_categories=["Cc"]), max_size=200))
def test_unchanged_characters_map_to_the_same_raw_character(raw: str) -> None:
    result = normalize(raw)
    for index, char in enumerate(result.text):
        if char not in " \n":
            assert raw[result.raw_offsets[index]] == char


def test_mojibake_is_repaired_and_curly_quotes_survive() -> None:
    broken = "\u2018The caf\u00c3\u00a9 is closed,\u2019 she said \u2013 again."
    assert normalize(broken).text == "\u2018The café is closed,\u2019 she said \u2013 again."
    clean = "\u201cHello,\u201d he said \u2014 and \u2018left\u2019."
    assert normalize(clean).text == clean


def test_spaces_are_unified_and_invisible_characters_removed() -> None:
    assert normalize("a\u00a0\u00a0b\u200bc\td\r\ne  ").text == "a bc d\ne"


def test_latin1_bytes_are_decoded() -> None:
    german = "Die Fähre über die Förde fährt wieder, sagte der Bürgermeister am Dienstag. "
    text, encoding = decode_bytes((german * 20).encode("latin-1"))
    assert text.startswith("Die Fähre über die Förde") and encoding != "utf-8"


def test_text_paragraphs_split_on_lines_when_there_are_no_blank_lines() -> None:
    doc = extract_document(RawDocument("t", None, "Head line\nFirst para.\nSecond para.\n", "text"))
    assert [p.text for p in doc.paragraphs] == ["Head line", "First para.", "Second para."]
    assert all(doc.text[p.start : p.end] == p.text for p in doc.paragraphs)


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = (
        "The council met on Tuesday to discuss the new ferry terminal and\n"
        "its cost, which several members said had grown far beyond the first\n"
        "estimate made two years ago by the harbour authority engineers.\n\n"
        "Second paragraph."
    )
    doc = extract_document(RawDocument("t", None, wrapped, "text"))
    assert len(doc.paragraphs) == 2


def test_markdown_links_and_images_keep_the_offset_map() -> None:
    raw = "![a photo](https://img.example/x.jpg)\n\n# The title\n\nRead [the report](https://r.example) now."
    doc = extract_document(RawDocument("m", None, raw, "markdown"))
    image, heading, body = doc.paragraphs
    assert image.hint == "image"
    assert (heading.text, heading.hint) == ("The title", "heading")
    assert body.text == "Read the report now."
    start = doc.raw_offsets[body.start + body.text.index("report")]
    assert raw[start : start + 6] == "report"


def test_html_main_text_with_headings_and_page_metadata() -> None:
    html = (
        "<html><head><title>T</title><meta property='og:site_name' content='Quay Post'>"
        "<meta property='article:published_time' content='2026-02-03T10:00:00Z'></head><body>"
        "<nav><a href='/'>Home</a><a href='/news'>News</a></nav><article><h1>Storm closes port</h1>"
        + "".join(
            f"<p>Paragraph {i} tells how the storm closed the port and stranded ferries.</p>"
            for i in range(6)
        )
        + "<h2>What next</h2><p>Repairs will take a week, the harbour master said on Monday.</p>"
        "</article><footer>Copyright Quay Post</footer></body></html>"
    )
    doc = extract_document(RawDocument("h.html", None, html, "html"))
    assert doc.meta["sitename"] == "Quay Post"
    assert doc.meta["published"] == "2026-02-03T10:00:00Z"
    assert ("What next", "heading") in [(p.text, p.hint) for p in doc.paragraphs]
    assert "Home" not in doc.text
    assert all(doc.text[p.start : p.end] == p.text for p in doc.paragraphs)
