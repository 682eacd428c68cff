"""python -m etl [--raw raw] [--db archive.db] [--full]"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import build
from .common.errors import BuildError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Build archive.db from the sources in raw/.")
    parser.add_argument("--raw", default="raw", type=Path, help="the raw/ folder (default: raw)")
    parser.add_argument("--db", default="archive.db", type=Path, help="the database to write (default: archive.db)")
    parser.add_argument("--full", action="store_true",
                        help="read, extract and write every source, even unchanged ones (ignoring the stage cache)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    try:
        report = build(args.raw, args.db, incremental=not args.full)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        print(f"build stopped; {args.db} was left as it was", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"{report.db}: {report.mode} build in {report.seconds:.2f}s; {len(report.parsed)} sources written "
              f"({len(report.extracted)} of them read and extracted), {len(report.kept)} kept as they were, "
              f"{len(report.removed)} removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
