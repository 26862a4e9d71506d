"""A generator of story corpora with planted copies, for relation and scale benchmarks.

Each original article is new text about its own event; around it the generator plants
what real coverage carries: verbatim reprints (with an outlet's own footer), near
duplicates (a few words edited, a paragraph dropped), machine-spun rewrites (a synonym
spinner's word swaps), and partial copies (the first paragraphs of the original followed
by the copier's own). Every planted copy is recorded, so recall can be measured.

Text: word sequences from an order-2 Markov chain trained on real news text, so word
and word-pair statistics are those of news (common bigrams recur across unrelated
stories, as they do in real coverage) while no two stories share sentences. The real
text is the article-extraction benchmark's reference bodies in ``../shared/datasets/aeb``
(MIT licence) when present; without it, the synthetic sentences of ``benchmarks.corpus``.
Nothing of either is written into the repository; generated corpora go to temporary files.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks import corpus

AEB = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "aeb" / "aeb.jsonl.gz"
KINDS = ("exact", "near-duplicate", "spun", "partial")
# The benchmark's own spinner (kept apart from newsprism's lexicon, so a benchmark of spin
# detection is not a test of a table against itself).
SPINNER = {
    "year": "12 months",
    "said": "stated",
    "says": "states",
    "people": "individuals",
    "government": "authorities",
    "country": "nation",
    "new": "recent",
    "big": "large",
    "also": "moreover",
    "help": "assist",
    "use": "utilize",
    "show": "display",
    "start": "commence",
    "end": "finish",
    "buy": "purchase",
    "company": "firm",
    "week": "7 days",
    "month": "30 days",
    "make": "create",
    "made": "created",
    "get": "obtain",
    "got": "obtained",
    "many": "numerous",
    "important": "essential",
    "problem": "challenge",
    "plan": "scheme",
    "money": "funds",
    "team": "group",
    "city": "metropolis",
    "police": "law enforcement",
    "defense": "protection",
    "defence": "protection",
    "secretary": "assistant",
    "minister": "official",
    "report": "document",
    "reported": "documented",
    "began": "commenced",
    "think": "believe",
    "want": "wish",
    "need": "require",
    "told": "informed",
    "home": "residence",
    "house": "home",
    "market": "marketplace",
    "increase": "rise",
    "decrease": "decline",
    "largest": "biggest",
    "world": "globe",
    "group": "team",
    "change": "alter",
    "children": "youngsters",
    "job": "occupation",
    "work": "perform",
    "car": "automobile",
    "game": "match",
    "percent": "p.c.",
    "building": "constructing",
    "major": "main",
    "leaders": "chiefs",
    "leader": "chief",
    "officials": "authorities",
    "deal": "settlement",
    "agreement": "settlement",
    "called": "known as",
    "spending": "expenditure",
    "allies": "allied nations",
    "war": "conflict",
    "attack": "assault",
    "attacks": "assaults",
    "strong": "robust",
    "quickly": "rapidly",
    "before": "prior to",
    "after": "following",
    "about": "roughly",
    "during": "throughout",
}
_TOKEN = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")


@dataclass(frozen=True, slots=True)
class StoryArticle:
    id: str
    story: int
    kind: str  # "original", "report" (another outlet's own report of the event) or one of KINDS
    source: str | None  # the original a planted copy was made from
    text: str


class MarkovText:
    """Order-2 word chain over real news text."""

    def __init__(self, documents: list[str], seed: int = 0) -> None:
        self.rng = random.Random(seed)
        self.next: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.openings: list[tuple[str, str]] = []
        for document in documents:
            words = _TOKEN.findall(document)
            for x, y, z in zip(words, words[1:], words[2:], strict=False):
                self.next[(x, y)].append(z)
                if _SENTENCE_END.search(x) and y[:1].isupper():
                    self.openings.append((y, z))

    def sentence(self, max_words: int = 40) -> str:
        x, y = self.rng.choice(self.openings)
        words = [x, y]
        while len(words) < max_words and not _SENTENCE_END.search(words[-1]):
            following = self.next.get((words[-2], words[-1]))
            if not following:
                break
            words.append(self.rng.choice(following))
        text = " ".join(words)
        return text if _SENTENCE_END.search(text) else text + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))


def real_documents(path: Path = AEB) -> list[str]:
    """Reference article bodies of the aeb set; synthetic sentences when it is absent."""
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            bodies = [json.loads(line).get("body") or "" for line in handle]
        return [b for b in bodies if len(b.split()) > 50]
    return [article.text for article in corpus.generate(300, seed=7)]


def _spin(text: str, rng: random.Random, rate: float) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        replacement = SPINNER.get(word.lower())
        if replacement is None or rng.random() > rate:
            return word
        return replacement.capitalize() if word[:1].isupper() else replacement

    return re.sub(r"[A-Za-z]+", swap, text)


def _edit(paragraph: str, rng: random.Random, share: float) -> str:
    words = paragraph.split()
    for _ in range(max(1, int(len(words) * share))):
        words[rng.randrange(len(words))] = rng.choice(["the", "a", "new", "local", "recent"])
    return " ".join(words)


# 96 syllables: three-syllable names have ~900,000 spellings, so events rarely share one
# (a name in more than a few hundred articles says nothing about one story).
_SYLLABLES = (
    "ka ri mo ve lan tor bel un os ar ith qua sen dor mir fa lu gen rho tas ko nim zar pel "
    "drin hau sko val ine bro cat mer ost ul ren jas vik lor em bal cor dun eth fen gar hol "
    "ist jun kel lam mon nor oth pra quin ros sal tem ur vel wen xan yor zel ab bri cal dov "
    "el fro gil hen ix jor kal lis mag nev ob pim rad sor tul ud vor wyn yel zu ad bor cin "
    "dal er fin gor"
).split()
_NAME_SLOT = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?")
_FIGURE_SLOT = re.compile(r"\b\d[\d,.]*\b")


def _name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


@dataclass(frozen=True, slots=True)
class Event:
    """What makes a story itself: its own people, places and figures."""

    names: tuple[str, ...]
    figures: tuple[str, ...]

    @classmethod
    def invent(cls, rng: random.Random) -> Event:
        people = [f"{_name(rng, 2)} {_name(rng, 3)}" for _ in range(3)]
        places = [_name(rng, 3) for _ in range(2)]
        organisation = f"{_name(rng, 3)} {rng.choice(['Council', 'Group', 'Agency', 'Union'])}"
        figures = [str(rng.randint(12, 9999)), f"{rng.randint(2, 99)}.{rng.randint(1, 9)}"]
        return cls((*people, *places, organisation), tuple(figures))

    def tell(self, paragraph: str, rng: random.Random) -> str:
        """The paragraph about this event: the chain's names and figures (shared by every
        story, like the stock names of real news) are in part replaced by the event's."""
        paragraph = _NAME_SLOT.sub(
            lambda m: rng.choice(self.names) if rng.random() < 0.6 else m.group(0), paragraph
        )
        return _FIGURE_SLOT.sub(
            lambda m: rng.choice(self.figures) if rng.random() < 0.6 else m.group(0), paragraph
        )


def generate(
    n: int, seed: int = 0, copy_share: float = 0.5, report_share: float = 0.15
) -> Iterator[StoryArticle]:
    """``n`` articles; about ``copy_share`` of them planted copies of an earlier article,
    ``report_share`` independent reports of an earlier article's event (own words, the
    event's names and figures), the rest originals about a new event."""
    text = MarkovText(real_documents(), seed)
    rng = random.Random(seed)
    originals: list[tuple[str, int, list[str]]] = []
    events: list[tuple[int, Event]] = []
    story = 0
    for number in range(n):
        article_id = f"a{number:07d}"
        roll = rng.random()
        if not originals or roll < 1 - copy_share - report_share:
            event = Event.invent(rng)
            events.append((story, event))
            events = events[-2000:]  # reports and copies follow within a window
            paragraphs = [event.tell(text.paragraph(), rng) for _ in range(rng.randint(4, 9))]
            originals.append((article_id, story, paragraphs))
            originals = originals[-2000:]
            yield StoryArticle(article_id, story, "original", None, "\n\n".join(paragraphs))
            story += 1
            continue
        if roll < 1 - copy_share:
            event_story, event = rng.choice(events)
            paragraphs = [event.tell(text.paragraph(), rng) for _ in range(rng.randint(3, 8))]
            originals.append((article_id, event_story, paragraphs))
            yield StoryArticle(article_id, event_story, "report", None, "\n\n".join(paragraphs))
            continue
        source_id, source_story, paragraphs = rng.choice(originals)
        kind = rng.choice(KINDS)
        if kind == "exact":
            body = [*paragraphs, f"Read more at outlet{rng.randint(1, 500)}.example"]
        elif kind == "near-duplicate":
            body = [_edit(p, rng, 0.03) for p in paragraphs]
            if len(body) > 4:
                del body[rng.randrange(len(body))]
        elif kind == "spun":
            body = [_spin(p, rng, 0.9) for p in paragraphs]
        else:
            keep = max(2, int(len(paragraphs) * rng.uniform(0.4, 0.7)))
            body = paragraphs[:keep] + [text.paragraph() for _ in range(rng.randint(1, 3))]
        yield StoryArticle(article_id, source_story, kind, source_id, "\n\n".join(body))


def write_jsonl(articles: Iterator[StoryArticle], path: Path) -> list[StoryArticle]:
    """Write the articles as newsprism JSON Lines (gzip) and return them (with the truth)."""
    kept = []
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps({"id": article.id, "text": article.text}) + "\n")
            kept.append(article)
    return kept
