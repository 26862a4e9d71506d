"""Long, coverage-guided fuzzing of every parser (atheris, libFuzzer for Python).

Each target takes the fuzzer's bytes as hostile input, runs one parser on it and checks
what must always hold: no exception but our own error records, and every span it returns
inside its text and equal to the string it claims. Each target runs in its own process
(``-runs=N``); the table gives inputs tried, seconds and whether anything broke.

    python -m benchmarks.fuzz --runs 100000
    python -m benchmarks.fuzz --target quotes --runs 20000

atheris is a dev dependency; without it the command says so and exits 2.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable

TARGETS: dict[str, str] = {
    "bytes-file": "a file of any bytes: decoding, format sniffing, extract, clean, metadata",
    "html": "an HTML page: trafilatura + our cleaning",
    "jsonl": "a JSON Lines feed, line by line",
    "quotes": "direct quotes and their speakers",
    "quantities": "numbers, units, currencies and what percentages are of",
    "pipeline": "the whole pipeline on one text, dossier checked against the contract",
}


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _check_spans(text: str, spans: list[tuple[int, int, str | None]]) -> None:
    for start, end, claimed in spans:
        assert 0 <= start <= end <= len(text), (start, end, len(text))
        assert claimed is None or text[start:end] == claimed


def target_function(name: str) -> Callable[[bytes], None]:
    from newsprism.api import iter_articles
    from newsprism.model import Article, InputError, RawDocument

    def documents(data: bytes | str, fmt: str) -> None:
        records = list(
            iter_articles(
                [RawDocument("<fuzz>", None, data, fmt)],  # type: ignore[arg-type]
                stages=("extract", "clean", "metadata"),
            )
        )
        for record in records:
            assert isinstance(record, Article | InputError)
            if isinstance(record, Article):
                _check_spans(
                    record.text,
                    [(p.start, p.end, None) for p in record.paragraphs if p.start is not None],
                )

    if name == "bytes-file":
        return lambda data: documents(data, "text")
    if name == "html":
        return lambda data: documents(_text(data), "html")
    if name == "jsonl":

        def jsonl(data: bytes) -> None:
            import tempfile
            from pathlib import Path

            from newsprism.readers.documents import Limits
            from newsprism.readers.files import read_file

            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "feed.jsonl"
                path.write_bytes(data)
                for record in read_file(path, Limits()):
                    assert hasattr(record, "source")

        return jsonl
    if name == "quotes":
        from newsprism.text.quoted import find_quotes

        def quotes(data: bytes) -> None:
            text = _text(data)
            _check_spans(text, [(q.start, q.end, None) for q in find_quotes(text)])

        return quotes
    if name == "quantities":
        from newsprism.claims.quantities import find_quantities

        def quantities(data: bytes) -> None:
            text = _text(data)
            _check_spans(text, [(q.start, q.end, None) for q in find_quantities(text)])

        return quantities
    if name == "pipeline":
        import newsprism
        from newsprism.dossier.validate import dossier_problems

        def pipeline(data: bytes) -> None:
            dossier = newsprism.analyze(["\n" + _text(data) + "\n" + "." * 10])
            assert dossier_problems(dossier.data) == []

        return pipeline
    raise SystemExit(f"unknown target {name}; known: {', '.join(TARGETS)}")


def _child(name: str, runs: int) -> None:
    import atheris

    with atheris.instrument_imports():
        check = target_function(name)
    from pathlib import Path

    artifacts = Path("test-artifacts") / "fuzz"
    artifacts.mkdir(parents=True, exist_ok=True)  # a crashing input is written here
    atheris.Setup(
        [
            sys.argv[0],
            f"-runs={runs}",
            "-max_len=4096",
            "-timeout=20",
            f"-artifact_prefix={artifacts}/{name}-",
        ],
        check,
    )
    atheris.Fuzz()


def run(targets: list[str], runs: int) -> list[dict[str, object]]:
    rows = []
    for name in targets:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.fuzz", "--child", name, "--runs", str(runs)],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        executed = re.findall(r"Done (\d+) runs", done.stderr)
        coverage = re.findall(r"cov: (\d+)", done.stderr)
        rows.append(
            {
                "target": name,
                "inputs": int(executed[-1]) if executed else None,
                "seconds": round(seconds, 1),
                "inputs_per_s": round(int(executed[-1]) / seconds, 1) if executed else None,
                "coverage_edges": int(coverage[-1]) if coverage else None,
                "result": "ok" if done.returncode == 0 else f"FAILED (exit {done.returncode})",
                "tail": "" if done.returncode == 0 else done.stderr[-1500:],
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--target", action="append", choices=sorted(TARGETS))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris is not installed (pip install atheris)", file=sys.stderr)
        raise SystemExit(2) from None
    if args.child:
        _child(args.child, args.runs)
        return
    rows = run(args.target or list(TARGETS), args.runs)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print("target | inputs | seconds | inputs/s | coverage edges | result")
        print("--- | --- | --- | --- | --- | ---")
        for row in rows:
            print(
                f"{row['target']} | {row['inputs']} | {row['seconds']} | {row['inputs_per_s']} | "
                f"{row['coverage_edges']} | {row['result']}"
            )
        for row in rows:
            if row["tail"]:
                print(f"\n--- {row['target']} ---\n{row['tail']}")
    if any(row["result"] != "ok" for row in rows):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
