"""Incremental and parallel builds: unchanged sources are not read again, and workers change nothing."""
from __future__ import annotations

import shutil
import sqlite3

import pytest
from support import ROOT

import etl.build
from etl.build import build
from etl.errors import BuildError

TABLES = ["sources", "documents", "passages", "organizations", "organization_aliases", "sections", "signatories",
          "addressees", "document_issuers", "quality_notes", "demands", "demand_themes", "demand_countries",
          "passage_countries"]
INTEGER_IDS = {"organization_aliases", "demand_themes", "demand_countries", "passage_countries"}


def dump(path) -> dict[str, list]:
    with sqlite3.connect(path) as db:
        return {table: db.execute(f"select rowid, * from [{table}] order by rowid").fetchall() for table in TABLES}


@pytest.fixture
def archive_raw(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "raw", raw)
    return raw


def test_unchanged_sources_are_not_read_again(archive_raw, tmp_path, monkeypatch):
    build(archive_raw, tmp_path / "archive.db")
    changed = sorted((archive_raw / "sources").glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA paragraph added at the end of the source.\n", encoding="utf-8")
    read = []
    original = etl.build.read_source
    monkeypatch.setattr(etl.build, "read_source", lambda path: read.append(path.stem) or original(path))
    report = build(archive_raw, tmp_path / "archive.db")
    assert report.mode == "incremental" and read == [changed.stem] and report.parsed == [changed.stem]
    assert len(report.kept) == len(list((archive_raw / "sources").glob("*.txt"))) - 1


def test_an_incremental_build_equals_a_full_one(archive_raw, tmp_path):
    build(archive_raw, tmp_path / "incremental.db")
    sources = sorted((archive_raw / "sources").glob("*.txt"))
    sources[0].write_text(sources[0].read_text(encoding="utf-8") + "\nWe demand the release of all prisoners in Peru.\n",
                          encoding="utf-8")
    sources[-1].unlink()
    sources[-1].with_suffix(".yml").unlink()
    assert build(archive_raw, tmp_path / "incremental.db").mode == "incremental"
    build(archive_raw, tmp_path / "full.db", incremental=False)
    incremental, full = dump(tmp_path / "incremental.db"), dump(tmp_path / "full.db")
    for table in TABLES:  # the same rows; rowids, and the integer ids of some tables, differ where rows were replaced
        skip = 2 if table in INTEGER_IDS else 1
        assert sorted(row[skip:] for row in incremental[table]) == sorted(row[skip:] for row in full[table]), table


def test_workers_build_the_same_database_as_one_process(archive_raw, tmp_path, monkeypatch):
    monkeypatch.setattr(etl.build, "PARALLEL_FROM", 1)
    build(archive_raw, tmp_path / "serial.db", workers=1)
    build(archive_raw, tmp_path / "parallel.db", workers=2)
    assert dump(tmp_path / "serial.db") == dump(tmp_path / "parallel.db")


def test_errors_found_by_workers_are_reported_as_by_one_process(archive_raw, tmp_path, monkeypatch):
    monkeypatch.setattr(etl.build, "PARALLEL_FROM", 1)
    source = sorted((archive_raw / "sources").glob("*.yml"))[-1]
    source.write_text(source.read_text(encoding="utf-8").replace("language: en", "language: en\ndate: 2009-13"),
                      encoding="utf-8")
    errors = []
    for workers in (1, 2):
        with pytest.raises(BuildError) as error:
            build(archive_raw, tmp_path / f"archive-{workers}.db", workers=workers)
        errors.append((str(error.value), error.value.line, error.value.field))
        assert not (tmp_path / f"archive-{workers}.db").exists()
    assert errors[0] == errors[1] and "not a real date" in errors[0][0]
