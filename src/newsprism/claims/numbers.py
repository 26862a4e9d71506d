"""Numbers as news writes them: numerals ("1,250", ".5", the exponent of "2.998×10^8"),
number words ("forty-seven", "a dozen"), scale words ("bn", "million", "lakh") and
fractions in words ("two-thirds of", "half a million"), with each one's value and the
precision its last written digit gives.
"""

from __future__ import annotations

import re

SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "crore": 1e7,
    "lakh": 1e5,
}

NUMBER_WORD_VALUES = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "half": 0.5,
}

# Words that write a figure out ("forty-seven", "two million", "a dozen").
NUMBER_WORDS = frozenset(NUMBER_WORD_VALUES) | frozenset(SCALES) | {"a", "an"}
NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d{1,4}(?!\d)"
WORD_NUMBER = "|".join(sorted(NUMBER_WORD_VALUES, key=len, reverse=True))
LONG_SCALE = "|".join(sorted((k for k in SCALES if len(k) > 1), key=len, reverse=True))

# Fractions said in words: "a third of", "half of", "two-thirds of" (shares, as percentages)
# and "half a million" (a count).
FRACTION_SHARES: dict[str, float] = {"half": 0.5, "a half": 0.5, "one half": 0.5}
for _count, _name, _share in (
    ("a", "third", 1 / 3),
    ("one", "third", 1 / 3),
    ("two", "thirds", 2 / 3),
    ("a", "quarter", 1 / 4),
    ("one", "quarter", 1 / 4),
    ("three", "quarters", 3 / 4),
    ("a", "fourth", 1 / 4),
    ("one", "fourth", 1 / 4),
    ("three", "fourths", 3 / 4),
    ("a", "fifth", 1 / 5),
    ("one", "fifth", 1 / 5),
    ("a", "tenth", 1 / 10),
    ("one", "tenth", 1 / 10),
):
    FRACTION_SHARES[f"{_count} {_name}"] = FRACTION_SHARES[f"{_count}-{_name}"] = _share
FRACTION_WORDS = ("half", "third", "quarter", "fourth", "fifth", "tenth")
FRACTION_PHRASE = re.compile(
    r"(?i)(?<![\w-])(?P<fraction>"
    + "|".join(re.escape(f) for f in sorted(FRACTION_SHARES, key=len, reverse=True))
    + r")(?:\s(?P<of>of)\s|\s(?:a|an)\s(?P<scale>thousand|million|billion|trillion)\b)"
)
FRACTION_BEFORE = re.compile(r"(?i)(?:half|thirds?|quarters?|fourths?|fifth|tenth)\s$")

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻−", "0123456789--")


def power_of_ten(written: str) -> int:
    """The power of ten of "×10^-8", "×10−8", "×10⁸" or "E-29"."""
    folded = written.translate(_SUPERSCRIPTS).replace("^", "").replace(" ", "")
    power = folded[folded.index("10") + 2 :] if folded[:1] not in "eE" else folded[1:]
    return int(power)


def number_value(text: str) -> float | None:
    """The value of a numeral ("1,250") or of number words ("forty-seven"); None else."""
    text = text.strip().lower()
    if text in ("a", "an"):
        return 1.0  # "a million"
    if re.fullmatch(NUMERAL, text):
        return float(text.replace(",", ""))
    total = 0.0
    for word in re.split(r"[\s-]+", text):
        if word not in NUMBER_WORD_VALUES:
            return None
        value = NUMBER_WORD_VALUES[word]
        total = total * value if value == 100 and total else total + value
    return total or None


def written_precision(number: str, multiplier: float) -> float:
    """The step of a numeral's last written digit, times ``multiplier`` ("3.4" million: 1e5)."""
    digits = number.replace(",", "")
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    return multiplier * 10.0**-decimals
