"""The bare minimum that loads a raw/ folder into SQLite, as the yardstick of the real build.

    python -m bench.bare RAW DB

Read every source text, split it into paragraphs at blank lines, insert them
with sqlite-utils' insert_all as it comes (its own chunking and commits), and
enable FTS5 with the archive's tokenizer. No sidecars, no validation, no
offsets, no extraction, no incremental builds.
"""
from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import sqlite_utils

TOKENIZE = "porter unicode61 remove_diacritics 2"  # the archive's (etl.load.database.TOKENIZE)
BLANK_LINES = re.compile(r"\n\s*\n")


def paragraphs(raw: Path):
    for path in sorted((raw / "sources").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for position, paragraph in enumerate((p.strip() for p in BLANK_LINES.split(text)), 1):
            if paragraph:
                yield {"id": f"{path.stem}-p{position}", "source": path.stem, "position": position, "text": paragraph}


def load(raw: Path, db_path: Path) -> dict:
    if db_path.exists():
        db_path.unlink()
    started = time.perf_counter()
    db = sqlite_utils.Database(db_path)
    db["passages"].insert_all(paragraphs(raw), pk="id")
    db["passages"].enable_fts(["text"], tokenize=TOKENIZE)
    db.close()
    return {"seconds": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("raw", type=Path)
    parser.add_argument("db", type=Path)
    args = parser.parse_args()
    print(f"{args.db}: bare load in {load(args.raw, args.db)['seconds']:.2f}s")


if __name__ == "__main__":
    main()
