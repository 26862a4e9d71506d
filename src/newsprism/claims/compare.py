"""Whether two claims are the same figure of the same thing, and whether they agree.

Two figures are compared only when they have the same scope: one dimension (units are
converted, so "1.5 tonnes" is "1,500 kg" and "$1,750bn" is "$1.75 trillion"; a count counts
the same noun), the same years ("in 2023" / "in 2024"), the same kind of period (a total
"since the outbreak began" is not one day's count "on Tuesday"; "this year" is not "over
ten years"), the same places (when each sentence names a place, or a part of one such as
"northern" or "nationwide", that the other does not, they are about different places),
both or neither "each", both changes ("rose 9%") or both levels ("rose to 9%"), both
asked for ("called on allies to spend 3%") or both reported, and two tallies ("61 votes to
38") or two single figures. Different figures also need sentences that share a quarter of
their content words, and neither sentence may give the other's figure too.

A figure agrees with another within rounding (half a step of the coarser one's last
written digit: "$7bn" is "$6.93bn"; or 1%), within its approximation ("more than 500" is
530, "nearly 40%" is 39.6%, "about 7,000" is 6,900), when both are bounds the same way ("at
least 56" / "at least 334") and as the sum of the parts the other sentence lists ("9 ... and
five" is 14). Precision over recall throughout.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rapidfuzz.fuzz import ratio

from newsprism.claims.dates import DATE_STEMS
from newsprism.claims.scope import HOLDER_PREFIX, PLACE_SCOPE
from newsprism.claims.similarity import similarity

SUBJECT_MIN_OVERLAP = 0.34

NEAR_MIN_SHARED = 2

# Figures agree within half a step of their last written digit ("$4bn" is $3.5bn to $4.5bn,
# "2.5%" is 2.45% to 2.55%) or within this share (unit conversions, float noise).
ROUNDING_TOLERANCE = 0.01
APPROXIMATE_TOLERANCE = 0.10
# Two dates clash only in sentences that say the same thing: the Jaccard similarity of
# their content words (without the dates) must reach this.
DATE_MIN_JACCARD = 0.55
VALUE_MIN_JACCARD = 0.25

BOUND_TOLERANCE = 0.15  # "more than 500" is compared as 500 to 575, "up to 40" as 34 to 40


def _mentions(word: str, claim: Mapping[str, Any]) -> bool:
    """Whether the sentence of ``claim`` mentions ``word``, allowing for spelling variants
    ("Ukrainian" / "Ukraine", "Kharkiv" / "Kharkov")."""
    folded = word.casefold()
    words: frozenset[str] = claim["_folded"]
    if word in claim["_places"]:
        return True
    if folded in words or folded in PLACE_SCOPE:
        return folded in words
    for name in claim["_names"]:
        other = name.casefold()
        if len(folded) >= 5 and len(other) >= 5:
            if folded[:5] == other[:5] and abs(len(folded) - len(other)) <= 2:
                return True
            if ratio(folded, other) >= 80:
                return True
    return any(part in words for part in folded.split("-") if len(part) > 3)


def _other_places(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Each sentence names somewhere the other does not: figures for different places."""
    return any(not _mentions(w, b) for w in a["_places"]) and any(
        not _mentions(w, a) for w in b["_places"]
    )


def _other_figures_differ(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Both sentences give further figures of one kind and none of them agree ("691
    delegates ... in five states" / "865 delegates ... in 11 states"): two different
    tallies, not one fact reported two ways."""
    own_a, own_b = float(a["_value"]), float(b["_value"])
    for family in {f for f, _ in a["_figures"]} & {f for f, _ in b["_figures"]}:
        mine = [v for f, v in a["_figures"] if f == family and v != own_a]
        theirs = [v for f, v in b["_figures"] if f == family and v != own_b]
        if mine and theirs and not any(_close(x, y, a, b) for x in mine for y in theirs):
            return True
    return False


def _same_nouns(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Counts of the same thing: the same noun, or a bare figure in a sentence that names
    what the other counts ("deaths ... fell to 207" / "231 road deaths")."""
    if a["_family"] == "ordinal":
        return bool(a["_noun"] and a["_noun"] == b["_noun"])  # "26th meeting" / "25th meeting"
    if a["_family"] != "count":
        return True
    if a["_noun"] and b["_noun"]:
        return bool(a["_noun"] == b["_noun"])
    noun = a["_noun"] or b["_noun"]
    bare = b if a["_noun"] else a
    # The noun must be in the bare figure's sentence and not counted by another figure there.
    return noun is None or (noun in bare["_words"] and noun not in bare["_other_nouns"])


def _same_scope(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Figures of the same years, kind of period, places and per-item basis."""
    if a["_years"] and b["_years"] and not a["_years"] & b["_years"]:
        return False
    if (
        a["_relative_years"]
        and b["_relative_years"]
        and not a["_relative_years"] & b["_relative_years"]
    ):
        return False
    if a["_cumulative"] != b["_cumulative"]:
        part = b if a["_cumulative"] else a
        if part["_grains"] or part["_increment"]:
            return False  # a running total against one period's figure
    if a["_grains"] and b["_grains"] and not a["_grains"] & b["_grains"]:
        return False
    dated = a["_date"] or b["_date"]  # two days for one event is what a date clash is
    if not dated and a.get("_days") and b.get("_days") and not a["_days"] & b["_days"]:
        return False  # "going into Super Tuesday" / "going into Tuesday's contests"
    if a["_increment"] != b["_increment"] and (a["_cumulative"] or b["_cumulative"]):
        return False
    if a["_each"] != b["_each"] or a["_change"] != b["_change"] or a["_demand"] != b["_demand"]:
        return False
    return not _other_places(a, b)


def _states(claim: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Whether ``claim``'s sentence also gives ``other``'s figure: then the two sentences
    agree on it, and the different figure is about something else."""
    return any(
        family == other["_family"] and _close(value, float(other["_value"]), claim, other)
        for family, value in claim["_figures"]
    )


def same_base(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Shares of the same thing: one base says no more than the other ("households" /
    "rural households"), or one does not say."""
    x, y = a["_base_words"], b["_base_words"]
    return not x or not y or x <= y or y <= x


def _jaccard(a: Mapping[str, Any], b: Mapping[str, Any]) -> float:
    x, y = a["_words"] - DATE_STEMS, b["_words"] - DATE_STEMS
    return len(x & y) / max(1, len(x | y))


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def _close(x: float, y: float, a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether figures ``x`` of ``a`` and ``y`` of ``b`` agree, allowing for rounding and
    for the way each is approximated."""
    if x == y:
        return True
    if a["_date"] or b["_date"]:
        return False  # days are exact
    diff, scale = abs(x - y), max(abs(x), abs(y))
    # Rounding: within half a step of the coarser figure's last digit.
    if diff <= max(a["_precision"], b["_precision"]) / 2 + 1e-9 * scale:
        return True
    bound_a, bound_b = a["_bound"], b["_bound"]
    if bound_a is None and bound_b is None:
        return diff <= ROUNDING_TOLERANCE * scale
    if bound_a == bound_b and bound_a in ("lower", "upper"):
        return True  # "at least 56" and "at least 334" are both true of 400
    for bound, mine, theirs in ((bound_a, x, y), (bound_b, y, x)):
        if bound == "lower" and mine * (1 - ROUNDING_TOLERANCE) <= theirs <= mine * (
            1 + BOUND_TOLERANCE
        ):
            return True
        if bound in ("upper", "near") and mine * (1 - BOUND_TOLERANCE) <= theirs <= mine * (
            1 + ROUNDING_TOLERANCE
        ):
            return True
    approximate = bound_a in ("about", "near") or bound_b in ("about", "near")
    return diff <= (APPROXIMATE_TOLERANCE if approximate else ROUNDING_TOLERANCE) * scale


ABOUT_SHARE = 0.10  # "about 7,000" reaches a tenth either side
NEAR_SHARE = 0.15  # "nearly 40" reaches 15% below


def interval(
    value: float,
    high: float | None,
    bound: str | None,
    step: float,
    about_share: float = ABOUT_SHARE,
    near_share: float = NEAR_SHARE,
) -> tuple[float | None, float | None]:
    """The values a written figure allows (None: unbounded on that side). ``step`` is the
    step of its last written digit; ``about_share`` how far "about" reaches either side,
    ``near_share`` how far below "nearly" reaches."""
    low, top = value, value if high is None else high
    if high is not None and high < value:
        return value, value  # a tally ("61 votes to 38"): two figures, not a range
    half = step / 2
    if bound == "lower":
        return low - half, None
    if bound == "upper":
        return None, top + half
    if bound == "near":
        return low * (1 - near_share) if low >= 0 else low, top + half
    if bound == "about":
        spread = max(abs(low), abs(top)) * about_share
        return low - max(spread, half), top + max(spread, half)
    return low - half, top + half


def compared_interval(
    value: float,
    high: float | None,
    bound: str | None,
    step: float,
    about_share: float = ABOUT_SHARE,
    near_share: float = NEAR_SHARE,
    bound_share: float = BOUND_TOLERANCE,
) -> tuple[float, float]:
    """The interval a figure is compared with another report's by: ``interval``, with a
    one-sided bound reaching ``bound_share`` past its figure. A report of "at least 40
    dead" gives the count as its outlet knows it; another outlet's 52 is another count."""
    low, top = interval(value, high, bound, step, about_share, near_share)
    if low is None:
        low = (value if high is None else high) * (1 - bound_share) - step / 2
    if top is None:
        top = value * (1 + bound_share) + step / 2
    return low, top


def _kept_interval(claim: Mapping[str, Any]) -> tuple[float, float]:
    """The compared interval ``claims/records.py`` kept (in the unit figures are compared
    in: tonnes as kilograms), else one with the default shares."""
    kept = claim.get("_interval")
    if kept is not None:
        return kept
    return compared_interval(
        float(claim["_value"]), claim["_high"], claim["_bound"], float(claim["_precision"])
    )


def intervals_meet(
    a: tuple[float | None, float | None], b: tuple[float | None, float | None]
) -> bool:
    """Whether two intervals share a value. Rounding intervals that only touch ("4" is 3.5
    to 4.5, "5" is 4.5 to 5.5) do not: two different whole figures."""
    lows = [x for x in (a[0], b[0]) if x is not None]
    highs = [x for x in (a[1], b[1]) if x is not None]
    low, high = max(lows, default=float("-inf")), min(highs, default=float("inf"))
    return low < high or (low == high and (a[0] == a[1] or b[0] == b[1]))


def same_value(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two figures can be true together: their intervals (bound, range, rounding;
    ``interval``) meet, or they differ by no more than unit conversions and float noise do
    (1%), or one is the sum of the parts the other sentence lists."""
    x, y = a["_value"], b["_value"]
    hx, hy = a["_high"], b["_high"]
    # "61 votes to 38": a tally (falling "range"), compared end by end.
    tally_a = hx is not None and hx < x
    tally_b = hy is not None and hy < y
    if tally_a or tally_b:
        if tally_a and tally_b:
            return _close(x, y, a, b) and _close(hx, hy, a, b)
        return _close(x, y, a, b)
    if x == y and hx == hy:
        return True
    if a["_date"] or b["_date"]:
        return False  # days are exact
    plain = a["_bound"] is None and b["_bound"] is None and hx is None and hy is None
    if plain and abs(x - y) <= ROUNDING_TOLERANCE * max(abs(x), abs(y)):
        return True
    if a["_bound"] == b["_bound"] and a["_bound"] in ("lower", "upper"):
        return True  # "at least 56" and "at least 334" are both true of 400
    if intervals_meet(_kept_interval(a), _kept_interval(b)):
        return True
    # One figure is the sum of the parts the other sentence lists.
    return (a["_parts"] is not None and _close(a["_parts"], y, a, b)) or (
        b["_parts"] is not None and _close(b["_parts"], x, a, b)
    )


def identical_figures(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """The very same figure: what the same share of two different things needs to be."""
    x, y = float(a["_value"]), float(b["_value"])
    return abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1.0) and a["_high"] == b["_high"]


def _tally(claim: Mapping[str, Any]) -> bool:
    """ "61 votes to 38", "52 percent to 45 percent": two figures side by side."""
    return claim["_high"] is not None and float(claim["_high"]) < float(claim["_value"])


def _subject_needed(
    a: Mapping[str, Any], b: Mapping[str, Any], story_of: Mapping[str, str], identical: bool
) -> float:
    if (
        identical
        and not same_base(a, b)
        and story_of.get(a["article"], "a") == story_of.get(b["article"], "b")
    ):
        return SUBJECT_MIN_OVERLAP / 2
    return SUBJECT_MIN_OVERLAP


def comparable(
    head: Mapping[str, Any],
    claim: Mapping[str, Any],
    story_of: Mapping[str, str],
    subject_min_similarity: float | None = None,
    conflict_min_similarity: float | None = None,
) -> float | None:
    """How closely ``claim`` matches a claim already in a group (None: not comparable;
    VETO: it must not join that group). The cheap tests come first.

    With ``subject_min_similarity`` (and subject vectors, ``claims/similarity.py``), two
    claims whose subjects mean the same (entity and time agreeing) are compared though
    their sentences share few words; different figures then also need
    ``conflict_min_similarity`` (or the shared wording) to clash."""
    if _tally(head) != _tally(claim):
        return None
    near = len(head["_near"] & claim["_near"])
    words = _overlap(head["_words"], claim["_words"])
    meant = (
        similarity(head, claim)
        if subject_min_similarity is not None and head["_family"] == claim["_family"]
        else None
    )
    by_meaning = meant is not None and meant >= (subject_min_similarity or 0.0)
    if not by_meaning and (not near or words < SUBJECT_MIN_OVERLAP / 2):
        return None
    identical = identical_figures(head, claim)
    if not (
        # Shares of different things are compared only when the figure is the same.
        (identical or same_base(head, claim))
        and (
            by_meaning
            or (
                near >= _near_needed(head, claim, identical)
                and words >= _subject_needed(head, claim, story_of, identical)
            )
        )
        and _same_nouns(head, claim)
    ):
        return None
    same = identical or same_value(head, claim)
    if not same and _not_contradicting(head, claim, story_of):
        return VETO
    if not same and (
        (head["_family"] == "count" and not (head["_noun"] or claim["_noun"]))
        # Different figures clash only in sentences about the same thing; events are dated
        # often, so two days only in closely matching sentences.
        or (
            _jaccard(head, claim) < (DATE_MIN_JACCARD if claim["_date"] else VALUE_MIN_JACCARD)
            and not (
                meant is not None
                and conflict_min_similarity is not None
                and meant >= conflict_min_similarity
                and not claim["_date"]
            )
        )
        # A sentence that also gives the other's figure agrees with it.
        or _states(head, claim)
        or _states(claim, head)
    ):
        return None
    if not _same_scope(head, claim):
        return None
    # A claim joins the group it agrees with before one it would contradict.
    subject = max(words, meant) if by_meaning and meant is not None else words
    return subject + near / 10 + (1.0 if same else 0.0)


VETO = -1.0  # a claim that must not join a group one of whose members it was compared with


def _not_contradicting(
    a: Mapping[str, Any], b: Mapping[str, Any], story_of: Mapping[str, str]
) -> bool:
    """Different figures that are not a disagreement: from reports of different events
    (another state's primary, another poll: only reports of one story contradict), inside
    someone's quoted words, a poll's own margin of error, held by different names ("Cruz
    ... 15%" / "Rubio ... 23%"), beside other figures that all differ too, or beside other
    figures of the kind in one sentence only."""
    return (
        _other_stories(a, b, story_of)
        or a["_quoted"]
        or b["_quoted"]
        or a["_method"]
        or b["_method"]
        or a["_conditional"] != b["_conditional"]
        or a["_gap"] != b["_gap"]
        or bool(a["_holders"] and b["_holders"] and not a["_holders"] & b["_holders"])
        or _other_agents(a, b)
        or _counted_base(a) != _counted_base(b)
        or _other_figures_differ(a, b)
        or _of_a_kind(a) != _of_a_kind(b)
    )


# A number in what a share is of that is not a year ("of 223 votes", not "of 2023 GDP").
_COUNTED = re.compile(r"\d(?<!\b(?:1[89]|20)\d\d)(?!\d)")


def _counted_base(claim: Mapping[str, Any]) -> bool:
    """A share of a total the sentence counts ("73 percent of 223 votes cast"): the share
    of one contest's or survey's total, set against another report's only when that
    report counts its total too."""
    base = claim.get("_base") or ""
    return claim["_family"] == "percentage" and _COUNTED.search(base) is not None


def _other_agents(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Tallies the parse gives to different named subjects ("Clinton beats Trump by 46
    percent to 42" / "Trump leads by 57 percent to 33"): a tally's first figure is its
    subject's, so these are two results, not one."""
    if not (_tally(a) and _tally(b)):
        return False
    x, y = a.get("_agent"), b.get("_agent")
    return bool(x and y and x[:HOLDER_PREFIX] != y[:HOLDER_PREFIX])


def _of_a_kind(claim: Mapping[str, Any]) -> bool:
    """Whether the sentence gives further figures of its figure's kind ("23 of its 29
    delegates", "214 delegates at stake ... at least 118"): which of them another report's
    single figure answers is not known, so the two are not set against each other."""
    own = float(claim["_value"])
    return any(f == claim["_family"] and v != own for f, v in claim["_figures"])


def _other_stories(a: Mapping[str, Any], b: Mapping[str, Any], story_of: Mapping[str, str]) -> bool:
    """Both articles placed in stories on enough evidence, and not in the same one."""
    if not (a["_placed"] and b["_placed"]):
        return False
    first, second = story_of.get(a["article"]), story_of.get(b["article"])
    return first is not None and second is not None and first != second


def _near_needed(a: Mapping[str, Any], b: Mapping[str, Any], identical: bool) -> int:
    """The same share of two different things ("5% of GDP", "5% of budgets") needs less
    shared context to be worth showing side by side: the figure itself already agrees."""
    if identical and not same_base(a, b):
        return 1
    return NEAR_MIN_SHARED
