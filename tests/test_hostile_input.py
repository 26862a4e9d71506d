"""Any input, however broken, yields articles or named errors, never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.api import iter_articles
from newsprism.model import Article, InputError, RawDocument

TEXTISH = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=400)
HTMLISH = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<div>",
            "<h2>",
            "</h2>",
            "<script>",
            "<!--",
            "<table><tr><td>",
            "<img src=x onerror=alert(1)>",
            "&amp;",
            "&#0;",
            "<br>",
            "Harbour gates failed.",
            "“Quote,” she said.",
            "\x00",
            "<",
            ">",
            "Read more at X.example",
            "\n\n",
        ]
    ),
    max_size=60,
).map("".join)


def _check(records: list) -> None:
    for record in records:
        assert isinstance(record, Article | InputError)
        if isinstance(record, Article):
            for paragraph in record.paragraphs:
                if paragraph.kind in ("body", "heading"):
                    assert record.text[paragraph.start : paragraph.end] == paragraph.text
        else:
            assert record.code.startswith("E1")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTISH, st.sampled_from(["text", "markdown"]))
def test_any_text_is_read_or_rejected_with_a_code(text: str, fmt: str) -> None:
    _check(list(iter_articles([RawDocument("fuzz", None, text, fmt)])))  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HTMLISH)
def test_any_html_is_read_or_rejected_with_a_code(html: str) -> None:
    _check(list(iter_articles([RawDocument("fuzz.html", None, html, "html")])))


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_read_or_rejected_with_a_code(data: bytes) -> None:
    _check(list(iter_articles([RawDocument("fuzz.bin", None, data, "text")])))


def test_deeply_nested_html_and_huge_attributes_do_not_crash() -> None:
    nested = (
        "<div>" * 5000
        + "<p>Harbour gates failed on Tuesday night, officials said.</p>"
        + "</div>" * 5000
    )
    huge = f'<p title="{"x" * 2_000_000}">Harbour gates failed on Tuesday, the city said.</p>'
    _check(
        list(
            iter_articles(
                [
                    RawDocument("deep.html", None, nested, "html"),
                    RawDocument("huge.html", None, huge, "html"),
                ]
            )
        )
    )
