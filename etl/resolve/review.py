"""The review queue: what the editors should look at, each item with its passage and the correction that settles it.

    python -m etl.resolve.review [archive.db] [--source ID]

Rules propose, editors decide. The queue holds, per source, the lines shaped like a list that no rule took, the
names that became new organizations (not curated), the names matched by similarity, and rows whose text looks unlike
their kind (a signatory that reads like no organization's name). Each item links to the reader with exactly its
characters highlighted and gives the sidecar lines to paste under its document: `add:` to accept what the rules
missed, `reject:` to remove what they got wrong. Once a correction is in the sidecar, the item leaves the queue.
"""
from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import sqlite_utils

from ..common.records import NameMatch, ReviewItem, SourceRecords
from ..extract.lists import OFFICE_WORDS, looks_like_organization
from ..registries.countries import CountryIndex
from ..registries.naming import Naming

# what a name ends with when it is someone's post, not an organization: "Mersey Branch Secretary"
POST = re.compile(rf"\b(?:{OFFICE_WORDS})$", re.IGNORECASE)
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def unlike_a_name(text: str, countries: CountryIndex, naming: Naming) -> bool:
    """A row's text that reads unlike the name of an organization: a post, a date, words in lower case."""
    if looks_like_organization(text, countries, naming) and not POST.search(text):
        return False
    return bool(POST.search(text) or YEAR.search(text) or text[:1].islower())


@dataclass
class NameShapes:
    """unlike_a_name() of the texts of a build's rows, each judged once: the same names recur in many sources."""

    countries: CountryIndex
    naming: Naming
    judged: dict[str, bool] = field(default_factory=dict)

    def unlike(self, text: str) -> bool:
        if text not in self.judged:
            self.judged[text] = unlike_a_name(text, self.countries, self.naming)
        return self.judged[text]


def quoted(text: str) -> str:
    """A YAML double-quoted string of the text, exactly as written (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def rejection(text: str) -> str:
    return f"reject:\n  - {quoted(text)}"


def link(document_id: str, passage_id: str, start: int, end: int) -> str:
    position = passage_id.rsplit("-p", 1)[-1]
    return f"/read/{document_id}?span={start}-{end}#p{position}"


def name_rows(records: SourceRecords) -> Iterator[tuple[str, str, NameMatch]]:
    """(document id, kind of row, name) of every name the rules found in the text."""
    for section in records.sections:
        yield section.document_id, "section", section.member
    for signatory in records.signatories:
        yield signatory.document_id, signatory.role, signatory.name
    for addressee in records.addressees:
        yield addressee.document_id, "addressee", addressee.name
    for issuer in records.issuers:
        yield issuer.document_id, "issuer", issuer.name


def review_items(records: SourceRecords, shapes: NameShapes) -> list[ReviewItem]:
    """The review queue of one source."""
    source_id = records.source.id
    items: list[ReviewItem] = []

    def add(kind: str, document_id: str, passage_id: str, text: str, start: int, end: int, correction: str,
            note: str) -> None:
        items.append(ReviewItem(f"{source_id}-r{len(items) + 1}", source_id, document_id, passage_id, kind, text, start,
                                end, correction, note, link(document_id, passage_id, start, end)))

    for block in records.not_taken:
        names = "".join(f"\n    - {quoted(name)}" for name in block.names) or "\n    - \"…\""
        add("list not taken", block.document_id, block.passage_id, block.first_item, block.start, block.end,
            f"add:\n  signatories:{names}",
            f"{block.items} lines shaped like a list that no rule took: if they are names, add them (as signatories, "
            "participants, addressees or sections); if not, nothing to do")
    for document_id, kind, name in name_rows(records):
        if name.found_by != "rule" or name.passage_id is None or name.start_char is None or name.end_char is None:
            continue
        where = (document_id, name.passage_id, name.name_as_written, name.start_char, name.end_char,
                 rejection(name.name_as_written))
        if name.match != "people" and shapes.unlike(name.name_as_written):
            add("unlike its kind", *where, f"the {kind} reads like a person's post, a date or words of a sentence, "
                "not like the name of an organization")
        elif name.match == "new":
            add("new organization", *where, f"the {kind} matches no organization of raw/organizations.yml: register it "
                "there (with this spelling as an alias), or reject the row if it names no organization")
        elif name.match == "fuzzy":
            add("fuzzy match", *where, f"the {kind} was matched to {name.organization_id} by similarity "
                f"({name.match_score}): add the spelling as an alias of the organization if right, else reject the row")
    return items


def queue(db: sqlite_utils.Database, source_id: str | None = None) -> str:
    """The review queue as text, per source."""
    if "review" not in db.table_names():
        return "no review queue in this database: build it with `make build`\n"
    where, params = ("where source_id = ?", [source_id]) if source_id else ("", [])
    lines: list[str] = []
    current = None
    for row in db.query(f"select * from review {where} order by source_id, rowid", params):
        if row["source_id"] != current:
            current = row["source_id"]
            lines += ["", f"== {current} (raw/sources/{current}.yml)"]
        lines += ["", f"[{row['kind']}] {row['text']!r}", f"  {row['note']}",
                  f"  see: {row['reader_url']}",
                  f"  under document {row['document_id']}:", *(f"    {line}" for line in row["correction"].splitlines())]
    count = db["review"].count_where(where.removeprefix("where ") or "1", params)
    return f"{count} item{'s' if count != 1 else ''} to review" + "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="Print what the editors should review, with the corrections to paste.")
    parser.add_argument("db", nargs="?", default="archive.db")
    parser.add_argument("--source", help="only this source")
    args = parser.parse_args()
    print(queue(sqlite_utils.Database(args.db), args.source), end="")


if __name__ == "__main__":
    main()
