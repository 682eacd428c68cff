"""Releases: bin/release (what `make release` runs) writes the database, a CSV per table, a Data Package that
validates, CITATION.cff and checksums that match; the version is one and the same everywhere."""
from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import tomllib

import pytest
import yaml
from frictionless import Package
from support import ROOT

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def run_release(db, out) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "bin" / "release"), str(db), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def dist(archive_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "dist"
    result = run_release(archive_db, out)
    assert result.returncode == 0, result.stderr
    return out


def tables_of(db) -> set[str]:
    with sqlite3.connect(db) as conn:
        names = {name for (name,) in conn.execute("select name from sqlite_master where type = 'table'")}
    return {name for name in names if not name.startswith("sqlite_") and "_fts" not in name}


def failures(report) -> list[str]:
    return [f"{task.name}: {error.type}: {error.message}" for task in report.tasks for error in task.errors]


def test_the_release_holds_the_database_a_csv_per_table_the_package_and_the_checksums(dist, archive_db):
    names = {path.name for path in dist.iterdir()}
    assert {"archive.db", "datapackage.json", "SHA256SUMS", "CITATION.cff"} <= names
    assert {name[:-4] for name in names if name.endswith(".csv")} == tables_of(archive_db)
    assert (dist / "archive.db").read_bytes() == archive_db.read_bytes()


def test_the_data_package_validates_against_its_schemas_keys_sizes_and_hashes(dist):
    report = Package(str(dist / "datapackage.json")).validate()
    assert report.valid, failures(report)


def test_a_damaged_csv_fails_validation(dist, tmp_path):
    damaged = tmp_path / "damaged"
    shutil.copytree(dist, damaged)
    rows = list(csv.reader((damaged / "signatories.csv").open(encoding="utf-8", newline="")))
    rows[1][rows[0].index("document_id")] = "no-such-document"
    with (damaged / "signatories.csv").open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)
    found = failures(Package(str(damaged / "datapackage.json")).validate())
    assert any("signatories: foreign-key" in failure for failure in found)
    assert any("signatories: hash-count" in failure for failure in found)


def test_every_file_is_in_the_checksums_and_matches(dist):
    lines = (dist / "SHA256SUMS").read_text().splitlines()
    listed = dict(reversed(line.split("  ", 1)) for line in lines)
    assert set(listed) == {path.name for path in dist.iterdir()} - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest, name
    if shutil.which("sha256sum"):
        assert subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=dist).returncode == 0


def test_the_csv_of_a_table_holds_its_rows_as_the_database_does(dist, archive_db):
    with sqlite3.connect(archive_db) as conn:
        conn.row_factory = sqlite3.Row
        stored = dict(conn.execute("select * from sources where id = 'workers-voice-our-international'").fetchone())
        count = conn.execute("select count(*) from passages").fetchone()[0]
    rows = list(csv.DictReader((dist / "sources.csv").open(encoding="utf-8", newline="")))
    (row,) = [row for row in rows if row["id"] == "workers-voice-our-international"]
    assert row == {key: "" if value is None else str(value) for key, value in stored.items()}  # the text, whole
    assert sum(1 for _ in csv.reader((dist / "passages.csv").open(encoding="utf-8", newline=""))) == count + 1


def test_the_package_describes_the_tables_as_metadata_yml_does(dist):
    package = json.loads((dist / "datapackage.json").read_text())
    described = yaml.safe_load((ROOT / "metadata.yml").read_text())["databases"]["archive"]["tables"]
    resources = {resource["name"]: resource for resource in package["resources"]}
    documents = resources["documents"]
    assert documents["description"] == described["documents"]["description"]
    fields = {field["name"]: field for field in documents["schema"]["fields"]}
    assert fields["date"]["description"] == described["documents"]["columns"]["date"]
    assert (fields["id"]["type"], fields["word_count"]["type"]) == ("string", "integer")
    assert documents["schema"]["primaryKey"] == ["id"]
    assert {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["id"]}} in documents["schema"]["foreignKeys"]
    assert resources["archive-db"]["path"] == "archive.db"


def test_one_version_in_pyproject_the_database_the_package_and_citation_cff(dist, archive_db):
    with sqlite3.connect(archive_db) as conn:
        (stored,) = conn.execute("select value from build_info where key = 'version'").fetchone()
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert stored == VERSION == json.loads((dist / "datapackage.json").read_text())["version"] == str(citation["version"])
    assert (dist / "CITATION.cff").read_bytes() == (ROOT / "CITATION.cff").read_bytes()


def test_citation_cff_has_what_the_format_requires():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= set(citation)
    assert citation["authors"] and all(author.get("name") or author.get("family-names") for author in citation["authors"])
    assert citation["type"] in ("software", "dataset")


def test_a_folder_that_is_no_release_is_left_alone(archive_db, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = run_release(archive_db, folder)
    assert result.returncode != 0 and "is no release" in result.stderr and "Traceback" not in result.stderr
    assert (folder / "notes.txt").read_text() == "mine"


def test_a_database_without_a_version_is_refused(archive_db, tmp_path):
    db = tmp_path / "old.db"
    shutil.copyfile(archive_db, db)
    with sqlite3.connect(db) as conn:
        conn.execute("delete from build_info where key = 'version'")
    result = run_release(db, tmp_path / "dist")
    assert result.returncode != 0 and "records no version" in result.stderr and "Traceback" not in result.stderr


def test_make_release_builds_then_writes_dist():
    plan = subprocess.run(["make", "-n", "release"], capture_output=True, text=True, cwd=ROOT).stdout
    assert "-m etl" in plan and "bin/release archive.db --out dist" in plan
