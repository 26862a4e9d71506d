"""Extracted document -> article: every paragraph judged with a kind and a reason.

Order matters: boilerplate, credits, captions and bylines are decided first (a promo line
printed twice is boilerplate twice, not a duplicate), then repeated body paragraphs are
found on a typography-folded key, then the kept paragraphs are assembled into ``text``.

Reasons read ``"<category>: <detail>"``; the category is a stable slug that run summaries
count. The rules are structural (line shape, position, neighbours) rather than lists of
phrases from particular outlets, and every regex is linear-time on adversarial input.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from heapq import merge
from itertools import islice

from rapidfuzz.fuzz import ratio
from rapidfuzz.process import extract

from newsprism.model import (
    KEPT_KINDS,
    Article,
    ExtractedDocument,
    Paragraph,
    ParagraphKind,
    RawParagraph,
)
from newsprism.text.keys import fold

PARAGRAPH_SEPARATOR = "\n\n"
SHORT_LINE_CHARS = 320  # promo/footer patterns only ever judge lines this short
# Short lines repeat legitimately (list items, "Read more", recipe steps); only paragraphs
# of some length are judged as copies. A paragraph seen 3+ times is a template, not a copy.
DUPLICATE_MIN_CHARS = 60
TEMPLATE_MIN_COPIES = 3
FUZZY_MIN_CHARS = 80
FUZZY_MIN_RATIO = 95.0
FUZZY_MAX_COMPARISONS = 200
FUZZY_BATCH_FROM = 16  # candidates from which one C call compares them all

_NAME = r"[A-Z][\w'’.\-]{0,30}"
_SEPARATOR = re.compile(r"[\s*_\-=•·~#+–—.]{3,}")
_IMAGE_MARKUP = re.compile(r"!\[[^\]\n]{0,2000}\]\([^)\n]{0,2000}\)|<img\b[^>]{0,5000}>", re.I)
_CAPTION_TOGGLE = re.compile(r"(?:\w{1,20} ){0,2}caption", re.I)
_CREDIT_SLASH = re.compile(
    rf"{_NAME}(?: {_NAME}){{0,4}} ?/ ?[A-Z][\w&.\-]{{0,24}}(?: (?:via|for) [\w .&\-]{{1,40}})?"
)
_CREDIT_WORDS = re.compile(
    r"(?:\(?(?:photo|photograph|picture|image)s?"
    r"(?: credit)?(?: by)?\s?[:|]|\(?(?:photo|image|picture)s? by\b|image source\b|"
    r"credit:|©|\(c\)\s?\d{4})",
    re.I,
)
_AGENCY_TAIL = re.compile(
    r"(?:getty images|shutterstock|alamy|reuters|afp|associated press|ap photo|epa|pa wire|"
    r"press association|bloomberg|xinhua|anadolu)[\s)\].]{0,3}$",
    re.I,
)
_POSITION_IN_PHOTO = re.compile(
    r"\b[A-Z][\w'’\-]{1,30} \((?:left|right|centre|center|front|back|top|bottom|"
    r"second (?:left|right|from (?:left|right))|l|r|c)\)",
    re.I,
)
# "Secretary of Defense Pete Hegseth in Brussels." — names and a place, no verb: a caption.
_CAP = r"[A-Z][\w'’.\-]{0,30}"
_NAME_AT_PLACE = re.compile(
    rf"(?:{_CAP}\s){{1,6}}(?:(?:of|for|and|de|van|von)\s(?:{_CAP}\s){{1,3}})?(?:{_CAP}\s){{0,3}}"
    rf"(?:in|at|during|on|outside|inside|near)\s(?:the\s)?(?:{_CAP}[\s,]{{0,2}}){{1,4}}"
    r"(?:,?\s(?:on\s)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d{1,2}\s\w{3,9}|\w{3,9}\s\d{1,2}))?\.?"
)
_PROMO = re.compile(
    r"^(?:want more|read more|read the (?:full|rest|original)|continue reading|click here|"
    r"sign up|subscribe|follow us|like us on|share (?:this|on|via)|download (?:our|the) app|"
    r"listen to this|watch:|watch the|related:|related (?:articles|stories|coverage)|"
    r"more (?:from|on|stories)|recommended|advertisement|sponsored|"
    r"get (?:our|the) (?:newsletter|latest)|join (?:our|the) (?:newsletter|mailing)|"
    r"this (?:article|story) (?:was |first |originally )?(?:appeared|published)|"
    r"originally published|copyright|all rights reserved|don'?t miss|trending|"
    r"see also|also read|you (?:may|might) also like|we use cookies|this site uses cookies)",
    re.I,
)
_PROMO_ANYWHERE = re.compile(
    r"\b(?:newsletters?|subscribe|sign up|follow us|our profile page|follow button|"
    r"all rights reserved|cookies|terms of (?:use|service)|privacy policy|"
    r"share (?:this|on)|read more at|click here)\b",
    re.I,
)
PROMO_ANYWHERE_MAX_WORDS = 25
_BYLINE = re.compile(
    rf"^(?i:by|written by|words by|reporting by|story by)\s+{_NAME}(?:[ ,]+(?:and )?{_NAME}){{0,6}}"
    r"(?:\s*[,|–—-]\s*[\w .&'’\-]{1,60})?$",
)
_FOLLOW_AUTHOR = re.compile(r"^follow [\w .&'’\-]{1,60} on\b", re.I)
_CONTRIBUTOR = re.compile(
    r"(?i:contributed (?:to )?(?:this|the) (?:report|story|article)|"
    r"^\(?(?:reporting|additional reporting|writing|editing) by\b)|"
    rf"^{_NAME}(?: and {_NAME})? reported (?:from|in) [A-Z][\w .,'’\-]{{1,60}}\.",
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.I)
_TERMINAL = re.compile(r"[.!?…:;,\"'”’)\]]$")
_LETTER = re.compile(r"[^\W\d_]")


def _words(text: str) -> int:
    # Counting spaces is enough for these short-line rules and far cheaper than split().
    return text.count(" ") + 1 if text else 0


def _is_credit(text: str) -> bool:
    if len(text) > 160 or _words(text) > 12:
        return False
    if _CREDIT_SLASH.fullmatch(text) or _CREDIT_WORDS.match(text):
        return True
    return _words(text) <= 8 and bool(_AGENCY_TAIL.search(text)) and not _TERMINAL.search(text[:-1])


def _is_toggle(text: str) -> bool:
    return len(text) <= 40 and _words(text) <= 3 and bool(_CAPTION_TOGGLE.fullmatch(text))


class _Judge:
    """Decides kind and reason for each paragraph of one document."""

    def __init__(self, paragraphs: Sequence[RawParagraph]) -> None:
        self.paragraphs = paragraphs
        self.texts = [p.text.strip() for p in paragraphs]
        # Photo credits and caption toggles (not copyright lines) mark the line before them.
        self.photo_marker = [
            (_is_credit(t) and not _COPYRIGHT.match(t)) or _is_toggle(t) for t in self.texts
        ]

    def judge(self, index: int) -> tuple[ParagraphKind, str]:
        text = self.texts[index]
        hint = self.paragraphs[index].hint
        if hint == "image" or _IMAGE_MARKUP.fullmatch(text):
            return "caption", "image-markup: an embedded image, its alt text is not article text"
        if not _LETTER.search(text):
            if _SEPARATOR.fullmatch(text):
                return "boilerplate", "separator: a line of symbols between sections"
            return "boilerplate", "no-text: the paragraph has no letters"
        if _is_toggle(text):
            return "boilerplate", "caption-toggle: a remnant of a show/hide caption button"
        if _is_credit(text):
            return "credit", "photo-credit: names a photographer or picture agency"
        if hint == "caption" or self._caption_by_position(index):
            return (
                "caption",
                "photo-caption: describes a photo "
                "(followed by its credit, or names positions in it)",
            )
        if len(text) <= SHORT_LINE_CHARS:
            found = self._short_line(index, text)
            if found is not None:
                return found
        if hint == "heading":
            return "heading", "heading: marked as a heading in the markup"
        if self._looks_like_heading(index, text) and self._related_link(index, text):
            return "boilerplate", "related-link: another article's headline set inside the text"
        if self._looks_like_heading(index, text):
            return (
                "heading",
                "heading: a short line without sentence punctuation between paragraphs",
            )
        return "body", "body: article prose"

    def _caption_by_position(self, index: int) -> bool:
        text = self.texts[index]
        if len(text) > 600:
            return False
        # A caption is followed by its credit (or the toggle remnants of a caption widget).
        if index + 1 < len(self.texts) and self.photo_marker[index + 1]:
            return not _CONTRIBUTOR.search(text)
        if len(text) < 120 and text.endswith(".") and _NAME_AT_PLACE.fullmatch(text):
            return True
        return len(text) < 300 and "(" in text and bool(_POSITION_IN_PHOTO.search(text))

    def _short_line(self, index: int, text: str) -> tuple[ParagraphKind, str] | None:
        if _COPYRIGHT.match(text):
            return "boilerplate", "copyright: a copyright or rights notice"
        if _PROMO.match(text) or (
            _words(text) <= PROMO_ANYWHERE_MAX_WORDS and _PROMO_ANYWHERE.search(text)
        ):
            if re.match(r"read (?:more|the full)", text, re.I):
                return "boilerplate", "read-more-footer: points the reader to the original page"
            return "boilerplate", "promo: promotion, sharing or navigation prompt"
        if _BYLINE.match(text) and _words(text) <= 14:
            return "byline", "byline: names the author"
        if _FOLLOW_AUTHOR.match(text):
            return "byline", "byline: a follow-the-author prompt"
        if _CONTRIBUTOR.search(text) and _words(text) <= 60:
            return "byline", "contributor-note: who reported and contributed"
        if self._after_final_separator(index):
            return "boilerplate", "footer-note: a short note after the article's closing separator"
        if self._outlet_footer(index, text):
            return "boilerplate", "outlet-footer: a bare name line closing the article"
        return None

    def _after_final_separator(self, index: int) -> bool:
        # Text after a closing separator (___, ***) near the end is footer, not story.
        for back in range(index - 1, max(-1, index - 4), -1):
            if _SEPARATOR.fullmatch(self.texts[back]) and not _LETTER.search(self.texts[back]):
                return len(self.texts) - back <= 4
        return False

    def _outlet_footer(self, index: int, text: str) -> bool:
        if _words(text) > 4 or _TERMINAL.search(text) or index < len(self.texts) - 3:
            return False
        # Only short name-like lines after which nothing but more footer follows.
        words = text.split()
        if len(text) > 40 or not all(w[:1].isupper() for w in words):
            return False
        return all(len(t) <= SHORT_LINE_CHARS for t in self.texts[index + 1 :])

    def _related_link(self, index: int, text: str) -> bool:
        """A long Title-Case line inside the body is another article's headline (a link),
        not a section heading: headings are short or in sentence case."""
        if index == 0 or self.paragraphs[index].hint == "heading":
            return False
        words = [w for w in text.split() if len(w) > 3 and w[:1].isalpha()]
        if len(text.split()) < 9 or len(words) < 5:
            return False
        return sum(w[:1].isupper() for w in words) / len(words) >= 0.8

    def _looks_like_heading(self, index: int, text: str) -> bool:
        if _words(text) > 18 or len(text) > 160 or _TERMINAL.search(text):
            return False
        if not text[:1].isupper() and not text[:1].isdigit():
            return False
        # Headings introduce something: there must be prose after them.
        return index + 1 < len(self.texts)


def _duplicates(
    paragraphs: Sequence[RawParagraph],
    texts: Sequence[str],
    kinds: list[ParagraphKind],
    reasons: list[str],
    min_chars: int = DUPLICATE_MIN_CHARS,
    fuzzy_min_ratio: float = FUZZY_MIN_RATIO,
) -> list[int | None]:
    """Mark later copies of kept paragraphs (``min_chars`` long at least) as duplicates;
    return duplicate_of per index."""
    duplicate_of: list[int | None] = [None] * len(texts)
    # Only kept paragraphs long enough to be judged need a folded key (fold is not free).
    keys = [
        fold(text) if kind in KEPT_KINDS and len(text) >= min_chars else ""
        for text, kind in zip(texts, kinds, strict=True)
    ]
    copies = Counter(key for key in keys if key)
    seen_exact: dict[str, int] = {}
    seen_folded: dict[str, int] = {}
    kept = _KeptByLength()  # kept paragraphs' folded keys, for fuzzy search
    for index, text in enumerate(texts):
        key = keys[index]
        if (
            kinds[index] not in KEPT_KINDS
            or len(text) < min_chars
            or paragraphs[index].hint in ("list", "table")
            or copies[key] >= TEMPLATE_MIN_COPIES
        ):
            continue
        original: int | None
        if text in seen_exact:
            original = seen_exact[text]
            category = "duplicate-exact: the same paragraph again"
        elif key and key in seen_folded:
            original = seen_folded[key]
            category = "duplicate-typography: the same words in other quotes, dashes or spacing"
        else:
            original = _fuzzy_match(key, kept, fuzzy_min_ratio)
            category = "duplicate-fuzzy: the same paragraph with a few characters changed"
        if original is not None:
            kinds[index] = "duplicate"
            reasons[index] = f"{category} (paragraph {original})"
            duplicate_of[index] = original
            continue
        seen_exact.setdefault(text, index)
        if key:
            seen_folded.setdefault(key, index)
            kept.append(index, key)
    return duplicate_of


class _KeptByLength:
    """Kept paragraphs' folded keys by length, each length's in paragraph order: a fuzzy
    search reads only the lengths within a tenth of its own, so an article of thousands
    of paragraphs costs a bounded number of comparisons per paragraph, not a pass over
    every earlier one (quadratic: for a 0.5 MB text, 2.1 s of 2.3 s of cleaning)."""

    def __init__(self) -> None:
        self.by_length: dict[int, list[tuple[int, str]]] = {}
        self.lengths: list[int] = []  # sorted

    def append(self, index: int, key: str) -> None:
        bucket = self.by_length.get(len(key))
        if bucket is None:
            bucket = self.by_length[len(key)] = []
            insort(self.lengths, len(key))
        bucket.append((index, key))

    def near(self, length: int) -> Iterator[tuple[int, str]]:
        """In paragraph order, the keys whose length is within a tenth of the longer."""
        low = bisect_left(self.lengths, int(0.9 * length) - 1)
        high = bisect_right(self.lengths, int(length / 0.9) + 1)
        buckets = [
            self.by_length[other]
            for other in self.lengths[low:high]
            if abs(other - length) <= 0.1 * max(length, other)
        ]
        return merge(*buckets)


def _fuzzy_match(key: str, kept: _KeptByLength, min_ratio: float = FUZZY_MIN_RATIO) -> int | None:
    """The first earlier kept paragraph (of the first ``FUZZY_MAX_COMPARISONS`` of about
    its length) that ``key`` matches with a ratio of ``min_ratio`` at least."""
    if len(key) < FUZZY_MIN_CHARS:
        return None
    candidates = list(islice(kept.near(len(key)), FUZZY_MAX_COMPARISONS))
    if len(candidates) < FUZZY_BATCH_FROM:
        for index, other in candidates:
            if ratio(key, other, score_cutoff=min_ratio):
                return index
        return None
    # Many candidates (a long article of similar paragraphs): compared in one C loop, the
    # first matching one kept, as one by one.
    matches = extract(
        key, [other for _, other in candidates], scorer=ratio, score_cutoff=min_ratio, limit=None
    )
    return candidates[min(m[2] for m in matches)][0] if matches else None


def _placed(paragraph: Paragraph, start: int | None, end: int | None) -> Paragraph:
    if paragraph.start == start and paragraph.end == end:
        return paragraph
    # Direct construction: dataclasses.replace is measurably slow on this hot path.
    return Paragraph(
        paragraph.kind,
        paragraph.raw,
        paragraph.text,
        start,
        end,
        paragraph.duplicate_of,
        paragraph.reason,
        paragraph.input_start,
        paragraph.input_end,
    )


def assemble(paragraphs: Sequence[Paragraph]) -> tuple[str, tuple[Paragraph, ...]]:
    """Join kept paragraphs into the clean text; give each kept one its exact span in it."""
    parts: list[str] = []
    placed: list[Paragraph] = []
    position = 0
    for paragraph in paragraphs:
        if paragraph.kind in KEPT_KINDS:
            if parts:
                position += len(PARAGRAPH_SEPARATOR)
            parts.append(paragraph.text)
            placed.append(_placed(paragraph, position, position + len(paragraph.text)))
            position += len(paragraph.text)
        else:
            placed.append(_placed(paragraph, None, None))
    return PARAGRAPH_SEPARATOR.join(parts), tuple(placed)


@dataclass(frozen=True, slots=True)
class CleanedArticle:
    """A cleaned article and its paragraph counts, for the run summary to add up."""

    article: Article
    kinds: Counter[str]  # paragraphs per kind, in order of first appearance
    removed: Counter[str]  # removed paragraphs per reason category, same order


def clean_article(
    doc: ExtractedDocument,
    *,
    duplicate_min_chars: int = DUPLICATE_MIN_CHARS,
    fuzzy_min_ratio: float = FUZZY_MIN_RATIO,
) -> CleanedArticle:
    """Judge, deduplicate and assemble one document's paragraphs into an article: a kept
    paragraph of ``duplicate_min_chars`` or more that repeats an earlier one (exactly, in
    other typography, or ``fuzzy_min_ratio`` alike) is a duplicate."""
    judge = _Judge(doc.paragraphs)
    judged = [judge.judge(i) for i in range(len(doc.paragraphs))]
    kinds: list[ParagraphKind] = [kind for kind, _ in judged]
    reasons = [reason for _, reason in judged]
    duplicate_of = _duplicates(
        doc.paragraphs, judge.texts, kinds, reasons, duplicate_min_chars, fuzzy_min_ratio
    )
    paragraphs = [
        Paragraph(
            kind=kinds[i],
            raw=doc.raw_slice(raw.start, raw.end),
            text=raw.text,
            start=None,
            end=None,
            duplicate_of=duplicate_of[i],
            reason=reasons[i],
            input_start=raw.start,
            input_end=raw.end,
        )
        for i, raw in enumerate(doc.paragraphs)
    ]
    text, placed = assemble(paragraphs)
    kind_counts: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    for paragraph in placed:
        kind_counts[paragraph.kind] += 1
        if paragraph.kind not in KEPT_KINDS:
            removed[reason_category(paragraph.reason)] += 1
    meta = doc.meta
    article = Article(
        id="a" + doc.content_hash[:10],
        content_hash=doc.content_hash,
        source=doc.source,
        line=doc.line,
        format=doc.format,
        url=meta.get("url") or None,
        outlet=meta.get("outlet") or None,
        outlet_evidence=(),
        title=meta.get("title") or None,
        published=meta.get("published") or None,
        language=meta.get("language") or None,
        text=text,
        paragraphs=placed,
        input_text=doc.text,
        meta=dict(meta),
    )
    return CleanedArticle(article, kind_counts, removed)


def reason_category(reason: str) -> str:
    """The stable slug before the colon of a reason: what run summaries count."""
    return reason.split(":", 1)[0]
