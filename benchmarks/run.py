"""Run every benchmark and print its table: ``python -m benchmarks.run [--n N]``."""

from __future__ import annotations

import argparse

from benchmarks import bench_ingest, bench_stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000, help="articles per benchmark")
    args = parser.parse_args()
    print("== ingest + clean, one core ==")
    print(bench_ingest.format_table(bench_ingest.run(args.n)))
    print()
    print("== every stage, one core (3,000 generated articles) ==")
    print(bench_stages.format_table(bench_stages.run(3000)))


if __name__ == "__main__":
    main()
