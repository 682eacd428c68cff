"""Incremental and parallel builds: unchanged sources are not read again, a registry edit resolves again from the
stage cache, and workers change nothing."""
from __future__ import annotations

import shutil
import sqlite3

import pytest
from support import ROOT

import etl.build
import etl.pipeline.parallel
import etl.pipeline.writing
import etl.resolve.link
from bench.corpus import add_alias
from etl.build import build
from etl.common.errors import BuildError
from etl.pipeline.stage_cache import stages_path

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
    original = etl.pipeline.parallel.read_source
    monkeypatch.setattr(etl.pipeline.parallel, "read_source", lambda path: read.append(path.stem) or original(path))
    report = build(archive_raw, tmp_path / "archive.db")
    assert report.mode == "incremental" and read == [changed.stem] and report.parsed == [changed.stem]
    assert len(report.kept) == len(list((archive_raw / "sources").glob("*.txt"))) - 1


def test_a_build_with_nothing_changed_leaves_the_database_as_it_is(archive_raw, tmp_path, monkeypatch):
    db_path = tmp_path / "archive.db"
    build(archive_raw, db_path)
    before, inode = db_path.read_bytes(), db_path.stat().st_ino
    read = []
    monkeypatch.setattr(etl.pipeline.parallel, "read_source", lambda path: read.append(path.stem))
    report = build(archive_raw, db_path)
    assert (report.mode, report.parsed, read) == ("incremental", [], [])
    assert report.kept == sorted(path.stem for path in (archive_raw / "sources").glob("*.txt"))
    assert db_path.stat().st_ino == inode and db_path.read_bytes() == before  # not even copied and renamed
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []  # no scratch file left
    for module in (etl.build, etl.pipeline.writing):  # a new version of the archive: build_info says it
        monkeypatch.setattr(module, "archive_version", lambda: "99.0.0")
    assert build(archive_raw, db_path).kept == report.kept and db_path.stat().st_ino != inode
    with sqlite3.connect(db_path) as db:
        assert db.execute("select value from build_info where key = 'version'").fetchone() == ("99.0.0",)


def test_an_incremental_build_equals_a_full_one(archive_raw, tmp_path):
    build(archive_raw, tmp_path / "incremental.db")
    sources = sorted((archive_raw / "sources").glob("*.txt"))
    sources[0].write_text(sources[0].read_text(encoding="utf-8") + "\nWe demand the release of all prisoners in Peru.\n",
                          encoding="utf-8")
    sources[-1].unlink()
    sources[-1].with_suffix(".yml").unlink()
    assert build(archive_raw, tmp_path / "incremental.db").mode == "incremental"
    build(archive_raw, tmp_path / "full.db", incremental=False)
    assert_same_rows(dump(tmp_path / "incremental.db"), dump(tmp_path / "full.db"))


def test_workers_build_the_same_database_as_one_process(archive_raw, tmp_path, monkeypatch):
    monkeypatch.setattr(etl.pipeline.parallel, "PARALLEL_FROM", 1)
    build(archive_raw, tmp_path / "serial.db", workers=1)
    build(archive_raw, tmp_path / "parallel.db", workers=2)
    assert dump(tmp_path / "serial.db") == dump(tmp_path / "parallel.db")


def test_errors_found_by_workers_are_reported_as_by_one_process(archive_raw, tmp_path, monkeypatch):
    monkeypatch.setattr(etl.pipeline.parallel, "PARALLEL_FROM", 1)
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


def add_source(raw, source_id: str, title: str, body: str) -> None:
    """A statement written for these tests: its title, then its body."""
    (raw / "sources" / f"{source_id}.txt").write_text(f"{title}\n\n{body}", encoding="utf-8")
    (raw / "sources" / f"{source_id}.yml").write_text(f"title: {title}\nkind: statement\n", encoding="utf-8")


def add_statement(raw) -> None:
    """A source written for these tests, signed by organizations no registry lists."""
    add_source(raw, "joint-appeal-on-the-mines", "Joint appeal on the mines",
               "The closure of the northern mines throws four thousand families into poverty, and the government has "
               "refused every proposal of the miners' committees.\n\nSigned:\n"
               "- Workers Circle of Zambia\n- Red Miners Union of Ghana\n")


def signatory_of(db_path, name: str) -> tuple[str, str]:
    with sqlite3.connect(db_path) as db:
        return db.execute("select id, organization_id from signatories where name_as_written = ?", [name]).fetchone()


def test_a_registry_edit_resolves_again_from_the_stage_cache_and_equals_a_full_build(archive_raw, tmp_path, monkeypatch):
    db_path = tmp_path / "archive.db"
    add_statement(archive_raw)
    build(archive_raw, db_path)
    row_id, new_organization = signatory_of(db_path, "Workers Circle of Zambia")
    organization_id = add_alias(archive_raw, "Workers Circle of Zambia")
    assert new_organization != organization_id
    read = []
    original = etl.pipeline.parallel.read_source
    monkeypatch.setattr(etl.pipeline.parallel, "read_source", lambda path: read.append(path.stem) or original(path))
    report = build(archive_raw, db_path)
    assert report.mode == "resolve" and read == [] and report.extracted == []
    assert report.parsed == ["joint-appeal-on-the-mines"]  # the only source whose rows changed is written again
    assert signatory_of(db_path, "Workers Circle of Zambia") == (row_id, organization_id)
    build(archive_raw, tmp_path / "full.db", incremental=False)
    assert_same_rows(dump(db_path), dump(tmp_path / "full.db"))


def resolved_in(monkeypatch) -> list[str]:
    """The ids of the sources resolved by the builds that follow (in this process)."""
    resolved: list[str] = []
    original = etl.pipeline.parallel.resolve_source
    monkeypatch.setattr(etl.pipeline.parallel, "resolve_source",
                        lambda extracted, *args: resolved.append(extracted.source.id) or original(extracted, *args))
    return resolved


def sources_naming(db_path, organization_id: str) -> set[str]:
    with sqlite3.connect(db_path) as db:
        return {source for (source,) in db.execute(
            "select d.source_id from documents d where d.id in (select document_id from signatories where "
            "organization_id = :o union select document_id from sections where organization_id = :o or "
            "international_id = :o union select document_id from addressees where organization_id = :o union "
            "select document_id from document_issuers where organization_id = :o)", {"o": organization_id})}


def edit_entry(raw, organization_id: str, old: str, new: str) -> None:
    """The first `old` of an organization's entry in raw/organizations.yml replaced by `new`."""
    registry = raw / "organizations.yml"
    text = registry.read_text(encoding="utf-8")
    at = text.index(f"- id: {organization_id}\n")
    assert old in text[at:text.find("\n- id: ", at + 1)]
    registry.write_text(text[:at] + text[at:].replace(old, new, 1), encoding="utf-8")


def test_a_registry_edit_resolves_again_only_the_sources_whose_names_it_answers_otherwise(archive_raw, tmp_path,
                                                                                         monkeypatch):
    db_path = tmp_path / "archive.db"
    add_statement(archive_raw)
    build(archive_raw, db_path)
    resolved = resolved_in(monkeypatch)
    add_alias(archive_raw, "A Name No Source Writes")
    assert build(archive_raw, db_path).mode == "resolve" and resolved == []
    organization_id = add_alias(archive_raw, "Red Miners Union of Ghana")
    assert build(archive_raw, db_path).parsed == ["joint-appeal-on-the-mines"] and resolved == ["joint-appeal-on-the-mines"]
    naming = sources_naming(db_path, organization_id)
    assert "joint-appeal-on-the-mines" in naming
    edit_entry(archive_raw, organization_id, '  note: "', '  note: "Edited. ')  # a field no row takes
    resolved.clear()
    assert build(archive_raw, db_path).mode == "resolve" and resolved == []
    edit_entry(archive_raw, organization_id, "  kind: international", "  kind: party")  # one rows take
    build(archive_raw, db_path)
    every = {path.stem for path in (archive_raw / "sources").glob("*.txt")}
    assert naming <= set(resolved) < every
    build(archive_raw, tmp_path / "full.db", incremental=False)
    assert_same_rows(dump(db_path), dump(tmp_path / "full.db"))


def test_an_alias_a_name_is_a_misspelling_of_resolves_its_source_again(archive_raw, tmp_path, monkeypatch):
    db_path = tmp_path / "archive.db"
    add_statement(archive_raw)
    build(archive_raw, db_path)
    _, created = signatory_of(db_path, "Red Miners Union of Ghana")
    resolved = resolved_in(monkeypatch)
    organization_id = add_alias(archive_raw, "Red Miners Unoin of Ghana")  # matched by similarity only
    assert build(archive_raw, db_path).parsed == ["joint-appeal-on-the-mines"] and resolved == ["joint-appeal-on-the-mines"]
    assert signatory_of(db_path, "Red Miners Union of Ghana")[1] == organization_id != created
    with sqlite3.connect(db_path) as db:
        assert db.execute("select match from signatories where name_as_written = ?",
                          ["Red Miners Union of Ghana"]).fetchone() == ("fuzzy",)


def test_a_database_of_an_earlier_schema_is_built_again_in_full(archive_raw, tmp_path):
    """A registry edit would resolve again into the tables the database has: one that lacks a column the build now
    writes is built in full instead, with every column."""
    db_path = tmp_path / "archive.db"
    build(archive_raw, db_path)
    with sqlite3.connect(db_path) as db:
        db.execute("alter table organizations drop column evidence")
    add_alias(archive_raw, "A Name No Source Writes")
    assert build(archive_raw, db_path).mode == "full"
    with sqlite3.connect(db_path) as db:
        assert "evidence" in {row[1] for row in db.execute("pragma table_info(organizations)")}
    assert build(archive_raw, db_path).mode == "incremental"


def assert_same_rows(built_on: dict[str, list], full: dict[str, list]) -> None:
    for table in TABLES:  # the same rows; rowids, and the integer ids of some tables, differ where rows were replaced
        skip = 2 if table in INTEGER_IDS else 1
        assert sorted(row[skip:] for row in built_on[table]) == sorted(row[skip:] for row in full[table]), table


def test_a_change_to_a_registry_extraction_reads_extracts_everything_again(archive_raw, tmp_path):
    build(archive_raw, tmp_path / "archive.db")
    countries = archive_raw / "countries.yml"
    countries.write_text(countries.read_text(encoding="utf-8").replace("aliases:\n", "aliases:\n  Ruritania: RO\n", 1),
                         encoding="utf-8")
    report = build(archive_raw, tmp_path / "archive.db")
    assert sorted(report.extracted) == sorted(path.stem for path in (archive_raw / "sources").glob("*.txt"))


def test_a_damaged_entry_of_the_stage_cache_is_extracted_again_and_full_ignores_the_cache(archive_raw, tmp_path):
    db_path = tmp_path / "archive.db"
    build(archive_raw, db_path)
    with sqlite3.connect(stages_path(db_path)) as stages:
        (damaged,) = stages.execute("select source_id from extracted order by source_id limit 1").fetchone()
        for table in ("extracted", "resolved"):  # what it looked up in the registry damaged too: resolved again
            stages.execute(f"update {table} set blob = x'00ff' where source_id = ?", [damaged])
    add_alias(archive_raw, "A Name No Source Writes")
    assert build(archive_raw, db_path).extracted == [damaged]
    assert len(build(archive_raw, db_path, incremental=False).extracted) == len(list((archive_raw / "sources").glob("*.txt")))


def test_organizations_found_only_in_a_source_that_is_gone_go_with_it(archive_raw, tmp_path):
    db_path = tmp_path / "archive.db"
    add_statement(archive_raw)
    (archive_raw / "sources" / "letter-to-the-miners.txt").write_text(
        "Letter to the miners\n\nTo the workers and people of Zambia\n\nDear comrades,\n\nWe send you our solidarity "
        "in the strike that has closed the northern mines for a month now, and we will collect funds for it.\n",
        encoding="utf-8")
    (archive_raw / "sources" / "letter-to-the-miners.yml").write_text("title: Letter to the miners\nkind: letter\n",
                                                                      encoding="utf-8")
    build(archive_raw, db_path)
    with sqlite3.connect(db_path) as db:
        assert db.execute("select count(*) from addressees where organization_id is null").fetchone()[0] >= 1
        (found,) = db.execute("select organization_id from signatories where name_as_written = ?",
                              ["Red Miners Union of Ghana"]).fetchone()
    for suffix in (".txt", ".yml"):
        (archive_raw / "sources" / f"joint-appeal-on-the-mines{suffix}").unlink()
    assert build(archive_raw, db_path).mode == "incremental"
    with sqlite3.connect(db_path) as db:
        assert db.execute("select count(*) from organizations where id = ?", [found]).fetchone()[0] == 0


def test_a_stage_cache_that_is_no_database_is_started_again(archive_raw, tmp_path):
    db_path = tmp_path / "archive.db"
    build(archive_raw, db_path)
    stages_path(db_path).write_bytes(b"not a database at all" * 100)
    add_alias(archive_raw, "A Name No Source Writes")
    report = build(archive_raw, db_path)
    assert report.mode == "full" and len(report.extracted) == len(list((archive_raw / "sources").glob("*.txt")))
    assert build(archive_raw, db_path).mode == "incremental"


def test_a_registry_edit_resolved_by_workers_writes_what_one_process_writes(archive_raw, tmp_path, monkeypatch):
    monkeypatch.setattr(etl.pipeline.parallel, "PARALLEL_FROM", 1)
    add_statement(archive_raw)
    for name in ("workers.db", "serial.db"):
        build(archive_raw, tmp_path / name, workers=2 if name == "workers.db" else 1)
    add_alias(archive_raw, "Red Miners Union of Ghana")
    reports = [build(archive_raw, tmp_path / name, workers=2 if name == "workers.db" else 1)
               for name in ("workers.db", "serial.db")]
    assert [(r.mode, r.parsed) for r in reports] == [("resolve", ["joint-appeal-on-the-mines"])] * 2
    assert dump(tmp_path / "workers.db") == dump(tmp_path / "serial.db")


def add_demands(raw) -> None:
    """A source written for these tests, whose slogans name the mines but no cue of the registry's themes."""
    add_source(raw, "slogans-of-the-mine-strike", "Slogans of the mine strike",
               "The strike committee of the northern pits calls for these slogans to be carried on every march this "
               "month.\n\nOur slogans:\n\n- The northern collieries belong to the colliers!\n"
               "- Open the collieries again under the control of the colliers!\n")


def themes_of_the_slogans(db_path) -> list[tuple[str, str]]:
    with sqlite3.connect(db_path) as db:
        return db.execute("select d.text, t.theme_id from demands d join demand_themes t on t.demand_id = d.id "
                          "where d.document_id like 'slogans-of-the-mine-strike%' order by d.id, t.theme_id").fetchall()


def test_an_alias_added_themes_no_demand_again_and_a_themes_edit_themes_them_all(archive_raw, tmp_path, monkeypatch):
    db_path = tmp_path / "archive.db"
    add_demands(archive_raw)
    build(archive_raw, db_path)
    with sqlite3.connect(db_path) as db:
        slogans = db.execute("select count(*) from demands where document_id like 'slogans-of-the-mine-strike%'").fetchone()
    assert slogans[0] >= 2 and themes_of_the_slogans(db_path) == []
    themed = []
    original = etl.resolve.link.themes_and_countries
    monkeypatch.setattr(etl.resolve.link, "themes_and_countries", lambda *args: themed.append(args[0]) or original(*args))
    add_alias(archive_raw, "A Name No Source Writes")
    assert build(archive_raw, db_path).mode == "resolve" and themed == []  # kept from the build before
    themes = archive_raw / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8").replace("cues: [", "cues: [collier*, ", 1), encoding="utf-8")
    report = build(archive_raw, db_path)
    assert report.mode == "resolve" and report.extracted == [] and len(themed) >= slogans[0]
    assert "slogans-of-the-mine-strike" in report.parsed
    assert {text for text, _ in themes_of_the_slogans(db_path)} >= {"The northern collieries belong to the colliers!"}
    build(archive_raw, tmp_path / "full.db", incremental=False)
    assert_same_rows(dump(db_path), dump(tmp_path / "full.db"))
