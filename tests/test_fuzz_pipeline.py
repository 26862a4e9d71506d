"""Property-based fuzzing of the whole pipeline: any input gives a valid dossier.

Random Unicode text, text built from news-like pieces (quotes, figures, names, cue words,
stray quotation marks) and random HTML go through every stage; nothing raises, every
rejected input has an error code, and the dossier keeps the contract: every span inside
its text and pointing at the string it claims (``dossier.validate``).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsprism
from newsprism.dossier.validate import dossier_problems

PIECES = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "'",
        "‘",
        "’",
        "«",
        "»",
        " said ",
        " told reporters ",
        ", she added.",
        "Minister Ilse Marrow",
        "Marrow",
        "Anna Marrow",
        "the minister",
        "NATO",
        "U.S.",
        "€2.4bn",
        "$65.9 billion",
        "5% of GDP",
        "nearly 60%",
        "1,200",
        "in 2024",
        "12 months",
        "Protection Secretary",
        "{a|b}",
        "\n\n",
        "\n",
        ". ",
        " — ",
        "(CP)",
        "Read more at x.",
        "Photo: A/CP",
        "hide caption",
        "<b>",
        "</p>",
        "&amp;",
        "\u200b",
        "\ufeff",
        "\x00",
    ]
)
NEWSLIKE = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)
HTML = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div>",
                "</div>",
                "<script>x()</script>",
                "<title>",
                "</title>",
                "<h1>",
                "</h1>",
                "<figcaption>",
                "<!--",
                "-->",
                "<br>",
            ]
        ),
        NEWSLIKE,
    ),
    max_size=40,
).map("".join)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(items: list[str]) -> None:
    dossier = newsprism.analyze(items)
    assert dossier_problems(dossier.data) == []
    for error in dossier.data["errors"]:
        assert error["code"].startswith("E")


@FUZZ
@given(st.lists(NEWSLIKE, min_size=1, max_size=3))
def test_news_like_texts_always_give_a_valid_dossier(texts: list[str]) -> None:
    # long enough to be taken as literal article texts, not paths
    _check([("\n" + text + "\n") * 2 + "x" * 10 for text in texts])


@FUZZ
@given(st.text(min_size=1, max_size=400))
def test_any_unicode_text_gives_a_valid_dossier(text: str) -> None:
    _check(["\n" + text])


@FUZZ
@given(HTML)
def test_any_html_fragment_gives_a_valid_dossier(html: str) -> None:
    _check(["<!doctype html><html><body>\n" + html + "\n</body></html>"])
