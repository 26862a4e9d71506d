"""The singular of an English noun ("viruses" -> "virus", "children" -> "child"): units and
what a count counts are compared in the singular.
"""

from __future__ import annotations

import functools

# Plurals that do not just add -s, and words in -s that are not plurals.
_IRREGULAR_PLURALS = {
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "oxen": "ox",
    "dice": "die",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "indices": "index",
    "crises": "crisis",
    "analyses": "analysis",
    "theses": "thesis",
    "diagnoses": "diagnosis",
    "hypotheses": "hypothesis",
    "oases": "oasis",
    "cacti": "cactus",
    "fungi": "fungus",
    "nuclei": "nucleus",
    "stimuli": "stimulus",
    "alumni": "alumnus",
    "radii": "radius",
    "larvae": "larva",
    "antennae": "antenna",
    "wives": "wife",
    "knives": "knife",
    "lives": "life",
    "halves": "half",
    "wolves": "wolf",
    "leaves": "leaf",
    "shelves": "shelf",
    "thieves": "thief",
    "calves": "calf",
    "loaves": "loaf",
    "selves": "self",
    "scarves": "scarf",
    "hooves": "hoof",
    "shoes": "shoe",
    "toes": "toe",
    "canoes": "canoe",
    "foes": "foe",
    "kronor": "krona",
    "kroner": "krone",
    "reais": "real",
}
_NOT_PLURAL = frozenset(
    "news series species means headquarters premises physics economics politics athletics "
    "mathematics gymnastics thanks diabetes measles clothes jeans trousers scissors overseas "
    "whereas always perhaps towards across chaos cosmos ethos kudos pathos thermos atlas bias "
    "canvas alias christmas pancreas".split()
)
_PLURAL_US = frozenset("menus gurus emus haikus hindus tutus gnus".split())
_SINGULAR_IS = frozenset("axis tennis penis iris chassis trellis ibis debris marquis".split())
_IE_NOUNS = frozenset(
    "movie cookie calorie zombie rookie pie tie lie brownie selfie hippie goalie genie newbie "
    "prairie sortie auntie birdie smoothie hoodie veggie freebie walkie talkie specie".split()
)
_SINGULAR_MEN = frozenset(
    "specimen omen abdomen regimen semen acumen ramen lumen bitumen stamen hymen amen yemen".split()
)


@functools.lru_cache(maxsize=16384)
def singular(word: str) -> str:
    """The singular of a lower-case noun: "viruses" -> "virus", "children" -> "child",
    "countries" -> "country", "firemen" -> "fireman"; other words unchanged."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith("men") and len(word) > 3 and word not in _SINGULAR_MEN:
        return word[:-3] + "man"
    if (
        len(word) <= 3
        or not word.endswith("s")
        or word in _NOT_PLURAL
        or word.endswith(("ss", "ous", "sis"))
        or word in _SINGULAR_IS
        or (word.endswith("us") and word not in _PLURAL_US)
    ):
        return word
    if word.endswith("ies"):
        return word[:-1] if word[:-1] in _IE_NOUNS else word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zzes", "oes")):
        return word[:-2]
    if word.endswith("uses") and len(word) > 4 and (word == "buses" or word[-5] in "rnptl"):
        return word[:-2]  # "viruses", "bonuses", "campuses"; not "causes", "houses"
    return word[:-1]


def is_plural(word: str) -> bool:
    return singular(word) != word or word in ("people", "police", "cattle", "staff", "personnel")
