"""Who said what on PolNeAR: ours beside textacy's quotation extraction, same articles, same run.

    python -m benchmarks.bench_polnear [--data ../shared/datasets/polnear] [--split dev]
                                       [--limit N] [--json]

Both systems read the same article texts and are scored by the same protocol
(``newsprism.eval.polnear.score``: content token overlap, exact content, speaker and
end-to-end attribution, on the direct quotes and on all attributions). The peer is
``textacy.extract.triples.direct_quotations`` over the spaCy pipeline the project ships
(``en_core_web_sm``, all components, so textacy has the lemmas it looks up): textacy gives
up on a whole document with an odd number of quotation marks, so it is run paragraph by
paragraph, and a paragraph it refuses yields nothing. It extracts direct quotations only,
so its "all attributions" row shows what direct quotes alone cover. Times are CPU seconds
of this process (parse included for both).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.eval import polnear
from newsprism.quotes.reported import attributions
from newsprism.text import nlp as spacy_loader

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "polnear"
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


@dataclass(frozen=True)
class PeerQuote:
    """textacy's triple in the shape the scorer reads (quote span, speaker span, kind)."""

    quote: _Span
    mention: tuple[int, int] | None
    kind: str = "direct"


def textacy_quotes(nlp: Any, text: str) -> list[PeerQuote]:
    from textacy.extract.triples import direct_quotations

    found: list[PeerQuote] = []
    paragraphs = list(_PARAGRAPH.finditer(text))
    docs = nlp.pipe(m.group() for m in paragraphs)
    for paragraph, doc in zip(paragraphs, docs, strict=True):
        offset = paragraph.start()
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # an odd number of quotation marks in the paragraph
            continue
        for speaker, _cue, content in triples:
            start = offset + content[0].idx
            end = offset + content[-1].idx + len(content[-1])
            speaker_start = offset + min(t.idx for t in speaker)
            speaker_end = offset + max(t.idx + len(t) for t in speaker)
            found.append(PeerQuote(_Span(start, end), (speaker_start, speaker_end)))
    return found


def _figures(result: dict[str, Any]) -> dict[str, float]:
    return {
        "overlap_f1": result["content_overlap"]["f1"],
        "exact_f1": result["content_exact"]["f1"],
        "speaker_accuracy": result["speaker_accuracy"],
        "attribution_f1": result["attribution"]["f1"],
    }


def run(data_dir: Path, split: str, limit: int | None) -> list[dict[str, Any]]:
    import spacy

    name = spacy_loader.model_name()
    if name is None:
        raise SystemExit("bench_polnear: no spaCy model package is installed")
    full_pipeline = spacy.load(name)
    articles = list(polnear.load(data_dir, split, limit))
    rows: list[dict[str, Any]] = []
    for system in ("newsprism", "textacy"):
        started = time.process_time()
        for article in articles:
            text = article["text"]
            article["_found"] = (
                attributions(text) if system == "newsprism" else textacy_quotes(full_pipeline, text)
            )
        seconds = time.process_time() - started
        for subset in ("direct", "all"):
            row = {"system": system, "split": split, "subset": subset}
            row.update(_figures(polnear.score(articles, subset)))
            row["seconds"] = round(seconds, 1)
            row["articles_per_s"] = round(len(articles) / seconds, 1) if seconds else 0.0
            rows.append(row)
    return rows


def format_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| system | split | attributions | overlap F1 | exact F1 | speaker acc. "
        "| attribution F1 | CPU s | articles/s |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['system']} | {row['split']} | {row['subset']} | {row['overlap_f1']:.3f} "
            f"| {row['exact_f1']:.3f} | {row['speaker_accuracy']:.3f} "
            f"| {row['attribution_f1']:.3f} | {row['seconds']} | {row['articles_per_s']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.data / f"{args.split}.jsonl.gz").is_file():
        print(f"bench_polnear: {args.data} holds no {args.split}.jsonl.gz", file=sys.stderr)
        return 2
    try:
        import textacy  # noqa: F401
    except ImportError:
        print("bench_polnear: textacy is not installed (pip install -e '.[dev]')", file=sys.stderr)
        return 2
    rows = run(args.data, args.split, args.limit)
    print(json.dumps(rows, indent=2) if args.json else format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
