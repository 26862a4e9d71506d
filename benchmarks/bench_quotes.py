"""Quotes + entities throughput on one core, with spaCy's own cost in the same table.

    python -m benchmarks.bench_quotes [--n 1000] [--json]

Articles of about 700 words: paragraphs from the order-2 word chain of
``benchmarks.stories`` (real news statistics from the aeb set's reference bodies when
``../shared`` is present, synthetic sentences otherwise), with quotes in several
typographies and attribution patterns and the names of people, organisations and places
mixed in. Each article is the clean ``Article`` record the stages receive, so the rows time
the stages and nothing upstream:

- ``quotes``: the quotes stage (find + attribute), article by article;
- ``entities``: the entities stage on the whole batch (rules + spaCy NER on windows), and
  ``of which spaCy nlp.pipe``: the CPU time spent inside ``nlp.pipe`` during it;
- ``spaCy, every window``: ``nlp.pipe`` alone on every article's windows, as if no name
  were settled by earlier articles of the batch (see ``entities/ner.py``);
- ``spaCy, whole texts``: ``nlp.pipe`` alone on the whole texts, what windows save;
- ``quotes + entities``: the two stages together, the figure the target is about;
- ``real (aeb)``: the same two stages on the 179 real article bodies of the aeb set.

Times are CPU seconds of this process (``time.process_time``), one thread, so other work on
a shared machine does not count against us; the model is loaded before timing (its load
time is its own row).
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Sequence
from typing import Any

from benchmarks import common
from benchmarks.common import throughput_row
from benchmarks.stories import AEB, MarkovText, real_documents
from newsprism.entities import ner
from newsprism.entities.resolve import find_entities
from newsprism.model import Article
from newsprism.stages.quotes import quotes_of
from newsprism.text import nlp as spacy_loader

TARGET_PER_SECOND = 50.0
WORDS = 700
FIRST = ["Ilse", "Tomas", "Aino", "Rafael", "Mira", "Jonas", "Petra", "Samuel", "Lena", "Omar"]
LAST = ["Marrow", "Vendel", "Keskar", "Onduro", "Tolvanen", "Brek", "Haldane", "Quist", "Ferro"]
TITLES = ["Harbour Minister", "Mayor", "Senator", "Defence Secretary", "Police Chief"]
ORGS = ["the Coastal Authority", "the Port Workers Union", "the Ministry of Transport"]
PLACES = ["Velmora", "Tarnholm", "Brussels", "the Baltic coast", "Oslo"]


def _quote(rng: random.Random, text: MarkovText, person: str, surname: str) -> str:
    said = text.sentence(18).rstrip(".")
    kind = rng.randrange(5)
    if kind == 0:
        return f"“{said},” said {person}. “{text.sentence(14)}”"
    if kind == 1:
        return f"{surname} told reporters: “{said}.”"
    if kind == 2:
        return f'"{said}," {surname} added.'
    if kind == 3:
        return f"“{said},” she said.\n\n“{text.sentence(14)}”"
    org = rng.choice(ORGS)
    return f"In a statement, {org} said it would “{said.lower()}”."


def article(number: int, text: MarkovText, seed: int = 0) -> Article:
    rng = random.Random(seed * 1_000_003 + number)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    person, title = f"{first} {last}", rng.choice(TITLES)
    paragraphs = [
        f"{title} {person} met officials from {rng.choice(ORGS)} in {rng.choice(PLACES)} "
        f"on {rng.choice(['Monday', 'Tuesday', 'Friday'])}."
    ]
    words = len(paragraphs[0].split())
    while words < WORDS:
        paragraph = _quote(rng, text, person, last) if rng.random() < 0.3 else text.paragraph()
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return _article(number, "\n\n".join(paragraphs))


def _article(number: int, body: str) -> Article:
    digest = hashlib.sha256(body.encode()).hexdigest()
    return Article(
        id=f"a{digest[:10]}",
        content_hash=digest,
        source=f"<bench {number}>",
        line=None,
        format="text",
        url=None,
        outlet=None,
        outlet_evidence=(),
        title=None,
        published=None,
        language="en",
        text=body,
        paragraphs=(),
        input_text=body,
    )


def generate(n: int, seed: int = 0) -> list[Article]:
    text = MarkovText(real_documents(), seed)
    return [article(i, text, seed) for i in range(n)]


def _timed(run: Any) -> tuple[Any, float]:
    started = time.process_time()
    result = run()
    return result, time.process_time() - started


def run(n: int) -> list[dict[str, Any]]:
    articles = generate(n)
    texts = [a.text for a in articles]
    nlp, load_seconds = _timed(spacy_loader.load)
    if nlp is None:
        raise SystemExit(f"the spaCy model {spacy_loader.model_name()!r} is not installed")
    list(nlp.pipe(texts[:5]))  # warm up
    quoted, quote_seconds = _timed(lambda: [quotes_of(a) for a in articles])
    before = ner.STATS.seconds
    entities, entity_seconds = _timed(lambda: find_entities(quoted))
    inside = ner.STATS.seconds - before
    windows, window_seconds = _timed(lambda: ner.pipe_only(texts, nlp))
    whole, whole_seconds = _timed(
        lambda: sum(len(d.ents) for d in nlp.pipe(texts, batch_size=ner.BATCH_SIZE))
    )
    n_quotes = sum(len(a.quotes) for a in quoted)
    rows = [
        throughput_row("quotes", texts, n_quotes, quote_seconds),
        throughput_row("entities", texts, len(entities), entity_seconds),
        throughput_row("  of which spaCy nlp.pipe", texts, 0, inside),
        throughput_row("spaCy, every window", texts, windows, window_seconds),
        throughput_row("spaCy, whole texts", texts, whole, whole_seconds),
        throughput_row(
            "quotes + entities", texts, n_quotes + len(entities), quote_seconds + entity_seconds
        ),
    ]
    words = sum(len(t.split()) for t in texts) / len(texts)
    for row in rows:
        row["words_per_article"] = round(words)
    real = [_article(i, body) for i, body in enumerate(real_bodies())]
    if real:
        bodies = [a.text for a in real]
        real_quoted, seconds = _timed(lambda: [quotes_of(a) for a in real])
        before = ner.STATS.seconds
        found, more = _timed(lambda: find_entities(real_quoted))
        row = throughput_row("real (aeb): quotes + entities", bodies, len(found), seconds + more)
        row["words_per_article"] = round(sum(len(b.split()) for b in bodies) / len(bodies))
        spacy_seconds = ner.STATS.seconds - before
        rows += [row, throughput_row("  of which spaCy nlp.pipe", bodies, 0, spacy_seconds)]
    rows.append({"path": "spaCy model load (once)", "seconds": round(load_seconds, 2)})
    return rows


def real_bodies() -> list[str]:
    """The aeb set's reference article bodies (179 real articles), when ../shared is there."""
    return real_documents() if AEB.exists() else []


def format_table(rows: Sequence[dict[str, Any]]) -> str:
    header = f"{'path':<30}{'articles':>9}{'found':>8}{'CPU s':>8}{'art/s':>9}"
    lines = [header, "-" * len(header)]
    for r in rows:
        if "articles" not in r:
            lines.append(f"{r['path']:<30}{'':>9}{'':>8}{r['seconds']:>8.2f}")
            continue
        found = r["produced"] or ""
        lines.append(
            f"{r['path']:<30}{r['articles']:>9}{found:>8}{r['seconds']:>8.2f}"
            f"{r['articles_per_s']:>9.0f}"
        )
    total = next(r for r in rows if r["path"] == "quotes + entities")
    rate = total["articles_per_s"]
    lines.append(
        f"generated articles of {total['words_per_article']} words on average; target: "
        f"quotes + entities >= {TARGET_PER_SECOND:.0f} articles/s/core "
        f"({'met' if rate >= TARGET_PER_SECOND else 'MISSED'}: {rate:.0f})"
    )
    real = next((r for r in rows if r["path"].startswith("real")), None)
    if real:
        lines.append(f"real articles (aeb): {real['words_per_article']} words on average")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    common.main(__doc__, run, format_table, 1000, argv)


if __name__ == "__main__":
    main()
