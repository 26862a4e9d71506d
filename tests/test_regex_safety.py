"""Every regular expression in newsprism runs in linear time on hostile input.

Scraped text is attacker-controlled; a pattern with nested unbounded quantifiers can take
minutes on a crafted line. Each compiled pattern of every module is run on long adversarial
strings built from the characters such patterns look for. What is checked is the growth,
not a wall-clock figure (a loaded machine is no regression): four times a hostile input
may take about four times a search's own CPU time (quadratic backtracking takes sixteen),
and no search may take more than a few seconds of it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import newsprism
from newsprism.quotes.attribute import attribute

HOSTILE = [
    "a" * 100_000,
    "A" * 100_000,
    "(" * 50_000,
    "A/" * 50_000,
    "/" * 100_000,
    "By " + "Aa " * 30_000,
    "Read more at " + "Aa " * 30_000,
    "Follow " + "A'" * 40_000,
    "![" + "[" * 50_000,
    "“" + "a " * 50_000,
    "said " + "A " * 30_000,
    "“x,” " + "Mr. " * 20_000 + "said",
    "’" * 100_000,
    "1." * 50_000,
    ", a " * 30_000 + "said",
]


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for module_info in pkgutil.walk_packages(newsprism.__path__, "newsprism."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((f"{module_info.name}.{name}", value))
    return found


SLOW_ENOUGH_TO_CHECK = 0.1  # seconds of CPU; below that, growth is noise
MAX_GROWTH = 8.0  # four times the input: linear takes 4 times the work, quadratic 16
MAX_SECONDS = 5.0


def _cpu_seconds(pattern: re.Pattern[str], text: str) -> float:
    started = time.process_time()
    pattern.search(text)
    return time.process_time() - started


def test_every_pattern_in_the_package_is_fast_on_adversarial_input() -> None:
    patterns = _patterns()
    assert len(patterns) > 40
    for name, pattern in patterns:
        for text in HOSTILE:
            full = _cpu_seconds(pattern, text)
            assert full < MAX_SECONDS, (name, text[:20], full)
            if full > SLOW_ENOUGH_TO_CHECK:
                quarter = _cpu_seconds(pattern, text[: len(text) // 4])
                assert full < MAX_GROWTH * max(quarter, SLOW_ENOUGH_TO_CHECK / 4), (
                    name,
                    text[:20],
                    f"{quarter:.2f} s on a quarter of the input, {full:.2f} s on all of it",
                )


def test_quote_attribution_stays_fast_on_a_pathological_article() -> None:
    started = time.perf_counter()
    attribute(HOSTILE[9] + "\n" + HOSTILE[11])
    assert time.perf_counter() - started < 5.0
