"""Run every benchmark and print its table: ``python -m benchmarks.run [--n N]``."""

from __future__ import annotations

import argparse

from benchmarks import bench_ingest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000, help="articles per benchmark")
    args = parser.parse_args()
    print("== ingest + clean, one core ==")
    print(bench_ingest.format_table(bench_ingest.run(args.n)))


if __name__ == "__main__":
    main()
