"""Corpus-aware boilerplate: a short line recurring across one outlet's articles is removed."""

from __future__ import annotations

import json
from pathlib import Path

import newsprism
from newsprism.api import iter_articles
from newsprism.model import Article, RawDocument

SLOGAN = "Quay Post: independent news for the harbour towns since 1921"


def _article(number: int, outlet: str, slogan: str = SLOGAN) -> RawDocument:
    body = (
        f"Story {number}: the council discussed item {number} of its agenda on Tuesday and "
        f"agreed to return to it after consulting residents of district {number}."
    )
    text = f"{body}\n\nA second paragraph about topic {number} and what comes next for it.\n\n{slogan}\n"
    return RawDocument(f"<{outlet} {number}>", None, text, "text", {"outlet": outlet})


def test_a_line_in_three_articles_of_one_outlet_is_boilerplate() -> None:
    articles = [
        r
        for r in iter_articles([_article(i, "Quay Post") for i in range(3)])
        if isinstance(r, Article)
    ]
    assert len(articles) == 3
    for article in articles:
        assert SLOGAN not in article.text
        assert article.text.startswith("Story ")  # body lines differ, so they stay
        (slogan,) = [p for p in article.paragraphs if p.raw == SLOGAN]
        assert slogan.kind == "boilerplate" and slogan.reason.startswith("recurring-line")


def test_the_same_line_across_three_outlets_is_not_boilerplate() -> None:
    records = [
        _article(i, outlet)
        for i, outlet in enumerate(["Quay Post", "Harbour Herald", "Tide Times"])
    ]
    for article in iter_articles(records):
        assert isinstance(article, Article) and SLOGAN in article.text


def _feed(path: Path, number: int) -> Path:
    document = _article(number, "Quay Post")
    path.write_text(
        json.dumps({"text": document.data, "outlet": "Quay Post"}) + "\n", encoding="utf-8"
    )
    return path


def test_store_statistics_let_later_runs_recognise_the_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'n.db'}"
    for number in range(2):
        run = newsprism.analyze([_feed(tmp_path / f"in{number}.jsonl", number)], db=db)
        assert SLOGAN in run.articles[0].text  # seen in one or two articles: not enough yet
    run = newsprism.analyze([_feed(tmp_path / "in2.jsonl", 2)], db=db)
    assert run.errors == ()
    assert SLOGAN not in run.articles[0].text
