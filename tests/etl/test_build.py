"""The build: new sources need no code, bad input stops it, and the previous database survives."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest
import sqlite_utils

from etl.build import build
from etl.common.errors import BuildError
from etl.registries.naming import load_naming, naming_of

GOOD = ("Manifesto of the Lighthouse Group\n\nWe stand for the workers of every coast and every port, "
        "and we say so plainly in this manifesto of ours.\n")
GOOD_SIDECAR = "title: Manifesto of the Lighthouse Group\ndate: 1934\nkind: programme\n"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_etl(raw, db) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", "--raw", str(raw.root), "--db", str(db)],
                          capture_output=True, text=True)


def test_a_new_source_with_a_sidecar_is_archived_without_code_change(raw, tmp_path):
    raw.add("lighthouse-1934-manifesto", GOOD, GOOD_SIDECAR)
    db_path = tmp_path / "archive.db"
    result = run_etl(raw, db_path)
    assert result.returncode == 0, result.stderr
    db = sqlite_utils.Database(db_path)
    document = db["documents"].get("lighthouse-1934-manifesto")
    assert (document["title"], document["date"], document["kind"]) == ("Manifesto of the Lighthouse Group", "1934", "programme")
    assert db["passages"].count == 2


BAD_INPUTS = {
    "not utf-8": (b"caf\xe9 au lait\n", GOOD_SIDECAR, r"bad\.txt:1: not valid UTF-8"),
    "missing sidecar": (GOOD, None, r"bad\.yml: missing sidecar"),
    "malformed sidecar": (GOOD, "title: [unclosed\n", r"bad\.yml:\d+: not valid YAML"),
    "unknown kind": (GOOD, "title: T\nkind: pamphlet\n", r"bad\.yml:2: kind: 'pamphlet' is not one of"),
    "impossible date": (GOOD, "title: T\ndate: 2009-13\n", r"bad\.yml:2: date: '2009-13' is not a real date"),
    "first line not found": (GOOD, "title: T\ndocuments:\n  - id: x-doc\n    title: X\n    kind: letter\n    first_line: Nowhere\n",
                             r"bad\.yml:6: documents\[0\]\.first_line: first_line 'Nowhere' not found"),
    "empty file": (b"", GOOD_SIDECAR, r"bad\.txt: the source text is empty"),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_stops_the_build_and_leaves_the_database_untouched(raw, tmp_path, case):
    text, sidecar, message = BAD_INPUTS[case]
    raw.add("lighthouse-1934-manifesto", GOOD, GOOD_SIDECAR)
    db_path = tmp_path / "archive.db"
    assert run_etl(raw, db_path).returncode == 0
    before = digest(db_path)
    raw.add("bad", text, sidecar)
    result = run_etl(raw, db_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert pytest.importorskip("re").search(message, result.stderr), result.stderr
    assert digest(db_path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "raw") == ["archive.db", "archive.db.stages"]  # no scratch


def test_two_documents_with_one_id_stop_the_build(raw, tmp_path):
    raw.add("first-source", GOOD, "title: T\ndocuments:\n  - {id: shared-id, title: A, kind: letter, first_line: Manifesto of the Lighthouse Group}\n")
    raw.add("second-source", GOOD, "title: T\ndocuments:\n  - {id: shared-id, title: B, kind: letter, first_line: Manifesto of the Lighthouse Group}\n")
    result = run_etl(raw, tmp_path / "archive.db")
    assert result.returncode != 0
    assert "second-source.yml:3" in result.stderr and "'shared-id' is already used by" in result.stderr
    assert not (tmp_path / "archive.db").exists()


def test_unchanged_sources_are_kept_and_changed_ones_parsed_again(raw, tmp_path):
    raw.add("one", GOOD, GOOD_SIDECAR)
    raw.add("two", GOOD.replace("Lighthouse", "Harbour"), GOOD_SIDECAR)
    db_path = tmp_path / "archive.db"
    first = build(raw.root, db_path)
    assert first.mode == "full" and first.parsed == ["one", "two"]
    ids_before = [r["id"] for r in sqlite_utils.Database(db_path).query("select id from passages order by id")]
    raw.add("two", GOOD.replace("Lighthouse", "Beacon"), GOOD_SIDECAR)
    second = build(raw.root, db_path)
    assert second.mode == "incremental" and second.kept == ["one"] and second.parsed == ["two"]
    db = sqlite_utils.Database(db_path)
    assert [r["id"] for r in db.query("select id from passages order by id")] == ids_before
    assert "Beacon" in db["sources"].get("two")["text"]
    assert [r["id"] for r in db.query("select passages.id from passages_fts join passages on passages.rowid = passages_fts.rowid "
                                      "where passages_fts match 'beacon'")] == ["two-p1"]
    assert list(db.query("select * from passages_fts where passages_fts match 'harbour'")) == []
    (raw.root / "sources" / "two.txt").unlink()
    (raw.root / "sources" / "two.yml").unlink()
    third = build(raw.root, db_path)
    assert third.removed == ["two"] and sqlite_utils.Database(db_path)["documents"].count == 1


def test_a_full_rebuild_gives_the_same_ids(raw, tmp_path):
    raw.add("one", GOOD, GOOD_SIDECAR)
    build(raw.root, tmp_path / "a.db")
    build(raw.root, tmp_path / "b.db", incremental=False)
    query = "select id, start_char, end_char from passages order by id"
    assert list(sqlite_utils.Database(tmp_path / "a.db").query(query)) == list(sqlite_utils.Database(tmp_path / "b.db").query(query))


def test_the_build_error_names_the_file(raw, tmp_path):
    raw.add("bad", GOOD, "title: T\ndate: 1917-11-31\n")
    with pytest.raises(BuildError) as error:
        build(raw.root, tmp_path / "archive.db")
    assert error.value.path.endswith("bad.yml") and error.value.field == "date"


REGISTRY = """\
- id: harbour-international
  name: Harbour International
  abbreviations: [HI]
  kind: international
  aliases: [Internacional del Puerto]
- id: dockers-league-cl
  name: Dockers League
  name_original: Liga de Estibadores
  kind: party
  country: CL
"""


def test_names_the_registry_does_not_know_become_new_organizations_not_curated(raw, tmp_path):
    (raw.root / "organizations.yml").write_text(REGISTRY)
    raw.add("harbour-call", """\
        Call of the Harbour International

        We call on every port worker to stop work for one hour on the day of action against the blockade of the strike.

        Signed:
        Liga de Estibadores (Chile)
        Seamen's Solidarity Committee (Norway)
        """, "title: Call of the Harbour International\nkind: statement\nissued_by: [HI]\n")
    build(raw.root, tmp_path / "archive.db")
    db = sqlite_utils.Database(tmp_path / "archive.db")
    signed = {r["name_as_written"]: (r["organization_id"], r["match"]) for r in db.query("select * from signatories")}
    assert signed["Liga de Estibadores"] == ("dockers-league-cl", "exact")  # its place, written apart, is its country
    new_id, how = signed["Seamen's Solidarity Committee"]
    assert how == "new"
    new = db["organizations"].get(new_id)
    assert (new["curated"], new["country_code"], new["name"]) == (0, "NO", "Seamen's Solidarity Committee")
    assert db["quality_notes"].count_where("kind = 'new organization'") == 1
    assert db["document_issuers"].get("harbour-call-i1")["organization_id"] == "harbour-international"


def test_new_organizations_of_a_removed_source_are_purged(raw, tmp_path):
    raw.add("one", "Note\n\nWe greet the congress of our comrades and wish it every success in all its work this year.\n\nSigned:\nRed Lantern Group\nBlue Lantern Group\n",
            "title: Note\nkind: letter\n")
    raw.add("two", GOOD, GOOD_SIDECAR)
    build(raw.root, tmp_path / "archive.db")

    def new() -> set[str]:
        return {r["id"] for r in sqlite_utils.Database(tmp_path / "archive.db").query(
            "select id from organizations where curated = 0")}

    assert new() == {"red-lantern-group", "blue-lantern-group", "lighthouse-group"}  # the last issued the manifesto
    (raw.root / "sources" / "one.txt").unlink()
    (raw.root / "sources" / "one.yml").unlink()
    build(raw.root, tmp_path / "archive.db")
    assert new() == {"lighthouse-group"}


def test_a_malformed_registry_stops_the_build_with_its_line(raw, tmp_path):
    (raw.root / "organizations.yml").write_text(REGISTRY.replace("kind: party", "kind: sect"))
    raw.add("one", GOOD, GOOD_SIDECAR)
    with pytest.raises(BuildError) as error:
        build(raw.root, tmp_path / "archive.db")
    assert error.value.path.endswith("organizations.yml") and error.value.line == 9 and "kind" in error.value.field


def test_a_sidecar_nested_too_deep_stops_the_build_with_an_error_not_a_crash(raw, tmp_path):
    # Found by tests/etl/test_fuzz.py: YAML's C parser recursed once per level and the process died of a segfault.
    raw.add("lighthouse-1934-manifesto", GOOD, GOOD_SIDECAR)
    db_path = tmp_path / "archive.db"
    assert run_etl(raw, db_path).returncode == 0
    before = digest(db_path)
    raw.add("deep", GOOD, "title: T\nissued_by: " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = run_etl(raw, db_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "deep.yml:2: nested more than 10 levels deep" in result.stderr
    assert digest(db_path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "raw") == ["archive.db", "archive.db.stages"]


def test_the_build_records_the_naming_rules_it_matched_names_with(raw, tmp_path):
    """A server that matches names as the build did (plugins/reconcile.py) reads the rules of the database it serves,
    not those of a raw/naming.yml edited since; a build on the database keeps them."""
    raw.copy_registries()
    raw.add("lighthouse-1934-manifesto", GOOD, GOOD_SIDECAR)
    db_path = tmp_path / "archive.db"
    build(raw.root, db_path)
    (raw.root / "sources" / "lighthouse-1934-manifesto.txt").write_text(GOOD + "We greet the dockers.\n", encoding="utf-8")
    assert build(raw.root, db_path).mode == "incremental"
    info = dict(sqlite_utils.Database(db_path).execute("select key, value from build_info").fetchall())
    naming = naming_of(**json.loads(info["naming"]))
    assert naming == load_naming(raw.root)
    assert naming.expand("CP of Greece") == "Communist Party of Greece"
    assert "marxist" in naming.distinguishing


def test_the_build_records_the_longest_text_in_bytes_after_every_build(raw, tmp_path):
    """The server bounds every string a query builds by twice this figure (plugins/limits.py)."""
    raw.copy_registries()
    raw.add("lighthouse-1934-manifesto", GOOD, GOOD_SIDECAR)
    longer = GOOD + "Ünïcödé workers’ ports, " * 200 + "\n"
    raw.add("lighthouse-1935-manifesto", longer, GOOD_SIDECAR.replace("1934", "1935"))
    db_path = tmp_path / "archive.db"
    build(raw.root, db_path)
    info = dict(sqlite_utils.Database(db_path).execute("select key, value from build_info").fetchall())
    assert int(info["longest_text"]) == len(longer.encode("utf-8"))
    (raw.root / "sources" / "lighthouse-1935-manifesto.txt").unlink()
    (raw.root / "sources" / "lighthouse-1935-manifesto.yml").unlink()
    build(raw.root, db_path)  # incremental: the longest text left
    info = dict(sqlite_utils.Database(db_path).execute("select key, value from build_info").fetchall())
    assert int(info["longest_text"]) == len(GOOD.encode("utf-8"))


def test_the_build_records_the_archive_version_of_pyproject_after_every_build(raw, tmp_path):
    import tomllib

    from support import ROOT
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    raw.copy_registries()
    raw.add("lighthouse-1934-manifesto", GOOD, GOOD_SIDECAR)
    db_path = tmp_path / "archive.db"
    for _ in range(2):  # full, then incremental with nothing changed
        build(raw.root, db_path)
        info = dict(sqlite_utils.Database(db_path).execute("select key, value from build_info").fetchall())
        assert info["version"] == declared
