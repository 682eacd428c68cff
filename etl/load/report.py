"""The data-quality report: what the build noticed, as Markdown for the README.

    python -m etl.load.report [archive.db] [--readme README.md]

With --readme, the section between the quality markers of the README is
rewritten, so the report there is always the build's own.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import sqlite_utils

START, END = "<!-- quality:start -->", "<!-- quality:end -->"
KINDS = [
    ("count contradiction", "Contradictions inside a source"),
    ("new organization", "Names no registry entry matches (added as new organizations, not curated)"),
    ("fuzzy match", "Fuzzy matches accepted"),
    ("demand without theme", "Demands without a theme"),
    ("list not taken", "Lines shaped like a list that no rule took"),
]


def quality_report(db: sqlite_utils.Database) -> str:
    lines = []
    for kind, heading in KINDS:
        items: dict[tuple, str] = {}
        for row in db.query("select document_id, passage_id, note from quality_notes where kind = ? order by id", [kind]):
            where = row["passage_id"] or row["document_id"] or ""
            items.setdefault((row["note"], row["document_id"]), f"- {row['note']} (`{where}`)")
        lines += [f"**{heading}** ({len(items)})", "", *(items.values() or ["- none"]), ""]
    return "\n".join(lines)


def rewrite_readme(readme: Path, report: str) -> None:
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    readme.write_text(pattern.sub(lambda _: f"{START}\n{report}{END}", text), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Print the build's data-quality report as Markdown.")
    parser.add_argument("db", nargs="?", default="archive.db")
    parser.add_argument("--readme", type=Path, help="rewrite the report section of this README instead of printing")
    args = parser.parse_args()
    report = quality_report(sqlite_utils.Database(args.db))
    if args.readme:
        rewrite_readme(args.readme, report)
    else:
        print(report, end="")


if __name__ == "__main__":
    main()
