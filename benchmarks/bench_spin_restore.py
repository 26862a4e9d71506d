"""What restoring spun words costs the spin stage, per flagged and per unflagged article.

    python -m benchmarks.bench_spin_restore [--n 200] [--json]

METER article bodies (``../shared/datasets/meter``), spun by ``newsprism eval despin``'s
seeded spinner, go through the spin stage's ``compute`` twice, with ``restore`` on and
off, in the same process: once with ``min_score`` 0 (every article flagged, so each is
restored) and once plain, with the default options (the unspun bodies: none flagged). The
first row is the one-time load of the thesaurus and the language model (once per process).
"""

from __future__ import annotations

import hashlib
import random
import time
from pathlib import Path
from typing import Any

from benchmarks import common
from newsprism.eval.despin import SEED, load_texts, spin_text
from newsprism.model import Article
from newsprism.stages.base import RunContext
from newsprism.stages.spin import Options, SpinStage
from newsprism.text.thesaurus import packaged_word_pairs, wordnet

METER = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "meter"


def _article(index: int, text: str) -> Article:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Article(
        f"a{index}", digest, f"<meter {index}>", None, "text", None, None, (), None, None,
        "en", text, (), text,
    )  # fmt: skip


def _seconds(articles: list[Article], options: Options) -> tuple[float, int]:
    ctx = RunContext()
    started = time.perf_counter()
    result = SpinStage(options).compute(articles, ctx)
    seconds = time.perf_counter() - started
    return seconds, sum(1 for f in result.articles.values() if f.is_spun)


def run(n: int) -> list[dict[str, Any]]:
    started = time.perf_counter()
    thesaurus, model = wordnet(), packaged_word_pairs()
    load = time.perf_counter() - started
    assert thesaurus is not None and model is not None, "wn and symspellpy are core deps"
    texts = load_texts(METER)[:n]
    plain = [_article(i, text) for i, (_, text) in enumerate(texts)]
    spun = [
        _article(i, spin_text(text, thesaurus, random.Random(f"{SEED}:{group}:{i}"))[0])
        for i, (group, text) in enumerate(texts)
    ]
    rows: list[dict[str, Any]] = [{"case": "load once per process", "seconds": round(load, 2)}]
    for case, articles, base in (
        ("flagged (min_score 0)", spun, Options(min_score=0.0)),
        ("not flagged (defaults)", plain, Options()),
    ):
        off, _ = _seconds(articles, Options(min_score=base.min_score, restore=False))
        on, flagged = _seconds(articles, base)
        rows.append(
            {
                "case": case,
                "articles": len(articles),
                "flagged": flagged,
                "words": sum(len(a.text.split()) for a in articles),
                "stage_ms_restore_off": round(1000 * off, 1),
                "stage_ms_restore_on": round(1000 * on, 1),
                "extra_ms_per_article": round(1000 * (on - off) / len(articles), 3),
            }
        )
    return rows


def format_table(rows: list[dict[str, Any]]) -> str:
    lines = [f"load once per process: {rows[0]['seconds']} s", ""]
    lines.append(
        "| case | articles | flagged | words | stage ms, restore off | on | extra ms/article |"
    )
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows[1:]:
        lines.append(
            f"| {r['case']} | {r['articles']} | {r['flagged']} | {r['words']:,} | "
            f"{r['stage_ms_restore_off']} | {r['stage_ms_restore_on']} | "
            f"{r['extra_ms_per_article']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    common.main(__doc__, run, format_table, 200)
