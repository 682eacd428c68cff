"""Ground truth for the extraction rules: texts written for the tests (tests/etl/texts/, and in tests/etl/heldout/ and
tests/etl/blind/ and tests/etl/unseen/ texts written by people who had not read the rules, in layouts of their own
choosing) and the five seed
sources (tests/etl/seeds/), each with the rows a perfect extractor would find, compared with what a build found.

Each `<id>.expected.yml` lists, per document, the signatories, sections, addressees, issuers and demands, every one
with its text exactly as written (and `occurrence: N` where it is written more than once), and its role, status,
country and international; `org` keys say which rows are the same organization. A row the rules are known to get
wrong says why in `known:`.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
import yaml

HERE = Path(__file__).resolve().parent / "etl"
TEXTS, HELDOUT, BLIND, UNSEEN, SEEDS = HERE / "texts", HERE / "heldout", HERE / "blind", HERE / "unseen", HERE / "seeds"
WRITTEN = (TEXTS, HELDOUT, BLIND, UNSEEN)  # texts written for the tests, each a source of one document
KINDS = ("sections", "signatories", "addressees", "issuers", "demands")
STATUS_FAMILY = {"official": "official", "full": "official", "member": "member", "sympathizing": "sympathizing",
                 "observer": "sympathizing", "candidate": "sympathizing", "fraternal": "sympathizing",
                 "associate": "sympathizing", "permanent": "official"}


def raw_folder(root: Path, registries: Path, with_seeds: bool = True) -> Path:
    """A raw/ folder holding the test texts (and the seed sources) with the registries of `registries`."""
    raw = root / "raw"
    (raw / "sources").mkdir(parents=True)
    for registry in registries.glob("*.yml"):
        shutil.copy(registry, raw / registry.name)
    for folder in WRITTEN:
        for text in folder.glob("*.txt"):
            shutil.copy(text, raw / "sources" / text.name)
            shutil.copy(text.with_suffix(".yml"), raw / "sources" / text.with_suffix(".yml").name)
    if with_seeds:
        for expected in SEEDS.glob("*.expected.yml"):
            source = expected.name.removesuffix(".expected.yml")
            for suffix in (".txt", ".yml"):
                shutil.copy(registries / "sources" / f"{source}{suffix}", raw / "sources" / f"{source}{suffix}")
    return raw


def expected_files() -> list[Path]:
    return [path for folder in (*WRITTEN, SEEDS) for path in sorted(folder.glob("*.expected.yml"))]


def documents_of(path: Path) -> dict[str, dict]:
    """document id -> its expected rows, for the files of both layouts (one document, or `documents:`)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    source = path.name.removesuffix(".expected.yml")
    if "documents" in data:
        return {document: rows or {} for document, rows in data["documents"].items()}
    return {source: data}


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(".;!,:").strip()


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    correct: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def span_of(document_text: str, start: int, text: str, occurrence: int) -> tuple[int, int]:
    at = -1
    for _ in range(occurrence):
        at = document_text.find(text, at + 1)
        if at < 0:
            raise AssertionError(f"{text!r} occurs fewer than {occurrence} times")
    return start + at, start + at + len(text)


class Comparison:
    """What a build found in each document with truth, against the truth."""

    def __init__(self, db_path: Path):
        self.db = sqlite_utils.Database(db_path)
        self.scores = {kind: Score() for kind in KINDS}
        self.keys: dict[str, set[str]] = {}  # org key -> organization ids its rows resolved to
        self.resolved: dict[tuple[str, str], set[str]] = {}  # (org key, name as written) -> organization ids
        self.international_of: dict[str, set[str]] = {}
        self.failures: dict[str, list[str]] = {}  # document id -> rows missed or wrong, but for those known

    def document(self, document_id: str, expected: dict) -> None:
        row = self.db["documents"].get(document_id)
        text = self.db["sources"].get(row["source_id"])["text"]
        body = text[row["start_char"]:row["end_char"]]
        for kind in KINDS:
            self.compare(kind, document_id, body, row["start_char"], expected.get(kind) or [])

    def rows(self, kind: str, document_id: str) -> list[dict]:
        if kind == "demands":
            return list(self.db.query("select * from demands where document_id = ?", [document_id]))
        table = {"issuers": "document_issuers"}.get(kind, kind)
        extra = " and t.passage_id is not null" if kind == "issuers" else ""
        return list(self.db.query(f"select t.*, o.country_code as organization_country from {table} t "
                                  f"left join organizations o on o.id = t.organization_id where t.document_id = ?{extra}",
                                  [document_id]))

    def compare(self, kind: str, document_id: str, body: str, offset: int, expected: list[dict]) -> None:
        score = self.scores[kind]
        found = self.rows(kind, document_id)
        score.expected += len(expected)
        score.found += len(found)
        unmatched = list(found)
        known_spans: list[tuple[int, int]] = []
        for truth in expected:
            match = next((row for row in unmatched if self.same(kind, truth, row, body, offset)), None)
            if match is None:
                score.missed.append(f"{document_id}: {truth}")
                if truth.get("known"):
                    known_spans.append(span_of(body, offset, truth["text"], int(truth.get("occurrence", 1))))
                else:
                    self.failures.setdefault(document_id, []).append(f"missed {kind}: {truth}")
                continue
            unmatched.remove(match)
            score.correct += 1
            if kind == "sections" and truth.get("international"):
                self.international_of.setdefault(truth["international"], set()).add(match["international_id"] or "")
            if truth.get("org") and match.get("organization_id"):
                self.keys.setdefault(truth["org"], set()).add(match["organization_id"])
                self.resolved.setdefault((truth["org"], truth["text"]), set()).add(match["organization_id"])
        for row in unmatched:
            shown = row.get("name_as_written") or row.get("text")
            score.wrong.append(f"{document_id}: {shown!r} {self.attributes(kind, row)}")
            if not any(row["start_char"] <= a and b <= row["end_char"] for a, b in known_spans):
                self.failures.setdefault(document_id, []).append(f"wrong {kind}: {shown!r} {self.attributes(kind, row)}")

    def same(self, kind: str, truth: dict, row: dict, body: str, offset: int) -> bool:
        if kind == "demands":
            return normal(truth["text"]) == normal(row["text"]) and truth["kind"] == row["kind"]
        start, end = span_of(body, offset, truth["text"], int(truth.get("occurrence", 1)))
        if (row["start_char"], row["end_char"]) != (start, end):
            return False
        if kind == "signatories":
            return truth.get("role", "signatory") == row["role"] and truth.get("country") == row["organization_country"]
        if kind == "sections":
            status = STATUS_FAMILY.get(row["status"] or "", row["status"])
            return (truth.get("status") == status and truth.get("country") == row["country_code"]
                    and bool(row["international_id"]))
        if kind == "addressees":
            return truth.get("country") == row["country_code"] and (truth.get("org") is None) == (row["organization_id"] is None)
        return True

    @staticmethod
    def attributes(kind: str, row: dict) -> dict:
        keys = {"signatories": ("role", "organization_country"), "sections": ("status", "country_code", "international_id"),
                "addressees": ("country_code", "organization_id"), "issuers": ("organization_id",),
                "demands": ("kind",)}[kind]
        return {key: row.get(key) for key in keys}

    def report(self) -> str:
        lines = [f"{'kind':<12} {'expected':>8} {'found':>6} {'correct':>7} {'precision':>9} {'recall':>6}"]
        for kind, s in self.scores.items():
            lines.append(f"{kind:<12} {s.expected:>8} {s.found:>6} {s.correct:>7} {s.precision:>9.3f} {s.recall:>6.3f}")
        return "\n".join(lines)


def compare_all(db_path: Path, files: list[Path] | None = None) -> Comparison:
    comparison = Comparison(db_path)
    for path in files or expected_files():
        for document_id, expected in documents_of(path).items():
            comparison.document(document_id, expected)
    return comparison
