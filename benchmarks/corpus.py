"""A deterministic generator of messy synthetic news articles, as text and as HTML pages.

Every article carries the defects newsprism cleans: a paragraph printed twice in two quote
styles, a promo footer, a photo caption with its credit and toggle remnants, a separator
and a read-more line. The HTML version wraps the same article in realistic page chrome.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

SUBJECTS = [
    "The harbour authority",
    "The regional council",
    "The transport minister",
    "Local traders",
    "The port union",
    "Emergency crews",
    "The finance committee",
    "Residents of the old town",
    "The coastal guard",
    "Independent engineers",
    "The mayor's office",
    "Two opposition parties",
]
VERBS = [
    "approved",
    "rejected",
    "delayed",
    "questioned",
    "welcomed",
    "announced",
    "criticised",
    "reviewed",
    "funded",
    "postponed",
    "defended",
    "inspected",
]
OBJECTS = [
    "a new flood barrier",
    "the ferry timetable",
    "emergency repairs to the sea wall",
    "a plan to widen the canal",
    "the budget for the coming year",
    "a ban on night cargo",
    "the report on the storm damage",
    "a tender for four new pumps",
    "the evacuation routes",
    "compensation for flooded shops",
    "a study of the tidal gates",
    "the harbour dredging",
]
TAILS = [
    "after a long debate on Tuesday",
    "despite warnings from engineers",
    "at a cost of {n} million crowns",
    "before the winter storms",
    "with support from {n} members",
    "following weeks of protests",
    "in a vote of {n} to {m}",
    "as water levels rose by {n} centimetres",
]
NAMES = ["Ilse Marrow", "Tomas Vendel", "Aino Keskar", "Rafael Onduro", "Mira Tolvanen", "Jo Brek"]
ROLES = ["the harbour master", "the deputy mayor", "a council engineer", "the union leader"]
OUTLETS = ["Harbour Herald", "Coastline Daily", "Morning Tribune", "Baltic Ledger", "Quayside Post"]
AGENCIES = ["CP", "NWS", "Press Pool"]


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    number: int
    outlet: str
    title: str
    paragraphs: tuple[str, ...]
    text: str
    html: str


def _sentence(rng: random.Random) -> str:
    tail = rng.choice(TAILS).format(n=rng.randint(2, 90), m=rng.randint(1, 40))
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {tail}."


def _quote(rng: random.Random, curly: bool) -> str:
    words = " ".join(_sentence(rng).rstrip(".").split()[1:])
    opening, closing = ("\u201c", "\u201d") if curly else ('"', '"')
    return f"{opening}We {words},{closing} said {rng.choice(NAMES)}, {rng.choice(ROLES)}."


def _straighten(text: str) -> str:
    return text.replace("\u201c", '"').replace("\u201d", '"').replace(" \u2013 ", " - ")


def article(number: int, seed: int = 0) -> SyntheticArticle:
    rng = random.Random(seed * 1_000_003 + number)
    outlet = rng.choice(OUTLETS)
    title = _sentence(rng).rstrip(".")
    body = []
    for _ in range(rng.randint(5, 10)):
        sentences = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        if rng.random() < 0.3:
            sentences += " \u2013 " + _sentence(rng)
        body.append(sentences)
    body.insert(rng.randint(1, len(body)), _quote(rng, curly=True))
    doubled = rng.randint(0, len(body) - 1)
    caption = f"{rng.choice(NAMES)} (left) speaks with {rng.choice(NAMES)} at the quay, Monday."
    photographer = (
        f"{rng.choice(['Lena', 'Piet', 'Ana'])} {rng.choice(['Ostrova', 'Maas', 'Ruiz'])}"
    )
    credit = f"{photographer}/{rng.choice(AGENCIES)}"
    lines = [title, caption, credit, "hide caption", "toggle caption", credit]
    for index, paragraph in enumerate(body):
        lines.append(paragraph)
        if index == doubled:
            lines.append(_straighten(paragraph))  # the scraper printed it twice
    promo = f"Want more stories like this from the {outlet}? Follow us for more news you need."
    lines += [promo, promo, "***", f"Read more at {outlet.replace(' ', '')}.example"]
    text = "\n\n".join(lines) + "\n"
    html = _html_page(outlet, title, body, caption, credit, number)
    return SyntheticArticle(number, outlet, title, tuple(body), text, html)


SECTIONS = ("news", "world", "business", "sport", "culture", "opinion", "science", "weather")


def _chrome_script(number: int) -> str:
    # Real pages carry kilobytes of inline configuration and tracking code.
    entries = ",".join(f'"slot{i}":{{"id":"ad-{number}-{i}","size":[300,250]}}' for i in range(120))
    return f"<script>window.__PAGE_CONFIG__={{{entries}}};</script>"


def _html_page(
    outlet: str, title: str, body: list[str], caption: str, credit: str, number: int
) -> str:
    menu = "".join(
        f'<li><a href="/{s}/{t}">{s.title()} {t}</a></li>' for s in SECTIONS for t in range(12)
    )
    related = "".join(
        f'<li><a href="/story/{number + i}">{escape(_title(i))}</a></li>' for i in range(1, 9)
    )
    comments = "".join(
        f'<div class="comment"><b>reader{i}</b><p>{escape(_title(i + number))}?</p></div>'
        for i in range(6)
    )
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in body)
    date = f"2026-03-{number % 28 + 1:02d}T08:00:00Z"
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)} | {escape(outlet)}</title>",
        f'<meta property="og:site_name" content="{escape(outlet)}">',
        f'<meta property="article:published_time" content="{date}">',
        "<style>" + "".join(f".c{i}{{margin:{i}px}}" for i in range(300)) + "</style>",
        _chrome_script(number),
        "</head><body>",
        '<div class="cookie-banner">We use cookies to improve your experience.',
        "<button>Accept</button></div>",
        f'<header><div class="logo">{escape(outlet)}</div><nav><ul>{menu}</ul></nav></header>',
        f"<main><article><h1>{escape(title)}</h1>",
        f'<div class="byline">By Staff Reporter | {escape(outlet)}</div>',
        '<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>',
        f'<figure><img src="/img/{number}.jpg" alt="harbour">',
        f"<figcaption>{escape(caption)} {escape(credit)}</figcaption></figure>",
        paragraphs,
        '<aside class="newsletter"><h3>Get our morning newsletter</h3>',
        "<p>Sign up to receive the day's top stories.</p>",
        '<form><input type="email"><button>Subscribe</button></form></aside></article>',
        f'<section class="related"><h2>Related stories</h2><ul>{related}</ul></section>',
        f'<section class="comments"><h2>Comments</h2>{comments}</section></main>',
        f"<footer><p>&copy; 2026 {escape(outlet)}. All rights reserved.</p>",
        '<ul><li><a href="/privacy">Privacy policy</a></li>',
        '<li><a href="/terms">Terms of use</a></li></ul></footer>',
        "</body></html>",
    ]
    return "\n".join(parts)


def _title(i: int) -> str:
    return f"{SUBJECTS[i % len(SUBJECTS)]} {VERBS[i % len(VERBS)]} {OBJECTS[i % len(OBJECTS)]}"


def generate(n: int, seed: int = 0) -> Iterator[SyntheticArticle]:
    for number in range(n):
        yield article(number, seed)
