"""Editors correct what the rules found, in the sidecar: `add:` rows the rules missed, `reject:` rows they got wrong."""
from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest
import sqlite_utils
import yaml

from etl.build import build

TEXT = """\
Greetings to the Dockers of the Northern Ports

We send our warmest greetings to the dock workers who have held the picket lines of the northern ports for six weeks.
Their strike is the strike of every worker who handles the cargo of the shipping monopolies.

The delegations that brought the greetings of their organisations to the strike meeting in the harbour hall were
those of the Harbour Workers Federation, Red Lantern Group and Seamen's Solidarity Committee, each speaking for its
members in the ports of the south.

We demand the reinstatement of every sacked docker and the withdrawal of the police from the harbour gates.
Victory to the dockers!

Signed:
Communist Party of Greece
Workers' Party of Belgium
Mersey Dock Shop Stewards Committee Secretary
"""
CORRECTIONS = {
    "add": {
        "participants": ["Harbour Workers Federation", "Red Lantern Group", "Seamen's Solidarity Committee"],
        "addressees": ["dock workers who have held the picket lines of the northern ports"],
        "issuers": [{"text": "Red Lantern Group", "occurrence": 1}],
        "sections": [{"name": "Workers' Party of Belgium", "country": "Belgium", "status": "sympathizing",
                      "international": "iwl-fi"}],
        "demands": [{"text": "Their strike is the strike of every worker who handles the cargo of the shipping monopolies.",
                     "kind": "principle"}],
    },
    "reject": ["Mersey Dock Shop Stewards Committee Secretary"],
}


def sidecar(corrections: dict | None = None, **extra) -> str:
    data = {"title": "Greetings to the Dockers of the Northern Ports", "kind": "letter", **(corrections or {}), **extra}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def corrected(raw, tmp_path):
    raw.copy_registries()
    raw.add("dockers", TEXT, sidecar(CORRECTIONS))
    build(raw.root, tmp_path / "archive.db")
    return sqlite_utils.Database(tmp_path / "archive.db")


def rows(db, table: str, found_by: str | None = None) -> list[dict]:
    where = " and found_by = ?" if found_by else ""
    return list(db.query(f"select * from {table} where document_id = 'dockers'{where} order by id",
                         [found_by] if found_by else []))


def test_the_rules_alone_miss_the_participants_and_take_a_signature_that_is_no_organization(raw, tmp_path):
    raw.copy_registries()
    raw.add("dockers", TEXT, sidecar())
    build(raw.root, tmp_path / "archive.db")
    db = sqlite_utils.Database(tmp_path / "archive.db")
    assert [r["name_as_written"] for r in rows(db, "signatories")] == [
        "Communist Party of Greece", "Workers' Party of Belgium", "Mersey Dock Shop Stewards Committee Secretary"]


def test_added_rows_are_rows_of_the_editors_resolved_and_with_their_spans(corrected):
    db = corrected
    participants = rows(db, "signatories", "editor")
    assert [(r["id"], r["role"], r["position"], r["name_as_written"]) for r in participants] == [
        ("dockers-ge1", "participant", 1, "Harbour Workers Federation"),
        ("dockers-ge2", "participant", 2, "Red Lantern Group"),
        ("dockers-ge3", "participant", 3, "Seamen's Solidarity Committee"),
    ]
    (section,) = rows(db, "sections", "editor")
    assert (section["id"], section["status"], section["international_id"], section["country_code"]) == (
        "dockers-se1", "sympathizing", "iwl-fi", "BE")
    (addressee,) = rows(db, "addressees", "editor")
    assert addressee["organization_id"] is None and addressee["match"] == "people"  # workers: people
    (issuer,) = rows(db, "document_issuers", "editor")
    assert issuer["name_as_written"] == "Red Lantern Group" and issuer["how"] == "closing lines"
    assert issuer["organization_id"] == participants[1]["organization_id"]  # one name, one organization
    (demand,) = rows(db, "demands", "editor")
    assert (demand["id"], demand["kind"]) == ("dockers-de1", "principle")
    text = db["sources"].get("dockers")["text"]
    for table, column in [("signatories", "name_as_written"), ("sections", "name_as_written"),
                          ("addressees", "name_as_written"), ("document_issuers", "name_as_written"), ("demands", "text")]:
        for row in rows(db, table, "editor"):
            assert text[row["start_char"]:row["end_char"]] == row[column]
            passage = db["passages"].get(row["passage_id"])
            assert passage["start_char"] <= row["start_char"] < row["end_char"] <= passage["end_char"]


def test_a_rejected_text_removes_exactly_its_rows_and_the_others_keep_their_ids(corrected):
    signatories = rows(corrected, "signatories", "rule")
    assert [(r["id"], r["name_as_written"]) for r in signatories] == [
        ("dockers-g1", "Communist Party of Greece"), ("dockers-g2", "Workers' Party of Belgium")]
    assert rows(corrected, "demands", "rule") and all(r["found_by"] == "rule" for r in rows(corrected, "demands", "rule"))


LIST_IN_THE_MIDDLE = TEXT.replace("Victory to the dockers!\n", """Victory to the dockers!

Dock Workers Union of Piraeus
Harbour Porters League of Antwerp

The strike goes on, and so does the solidarity of the ports of the whole continent with the dockers of the north.
""")


def review(db_path) -> str:
    result = subprocess.run([sys.executable, "-m", "etl.resolve.review", str(db_path), "--source", "dockers"], capture_output=True,
                            text=True, check=True)
    return result.stdout


def test_the_review_queue_shows_what_to_check_and_what_to_paste_and_forgets_what_is_settled(raw, tmp_path):
    raw.copy_registries()
    raw.add("dockers", LIST_IN_THE_MIDDLE, sidecar())
    db_path = tmp_path / "archive.db"
    build(raw.root, db_path)
    queue = review(db_path)
    assert "[list not taken] 'Dock Workers Union of Piraeus'" in queue
    assert '    add:\n      signatories:\n        - "Dock Workers Union of Piraeus"\n        - "Harbour Porters League of Antwerp"' in queue
    assert "[unlike its kind] 'Mersey Dock Shop Stewards Committee Secretary'" in queue and '    reject:\n      - "Mersey Dock Shop Stewards Committee Secretary"' in queue
    db = sqlite_utils.Database(db_path)
    (item,) = db.query("select * from review where kind = 'unlike its kind' and source_id = 'dockers'")
    text = db["sources"].get("dockers")["text"]
    assert text[item["start_char"]:item["end_char"]] == "Mersey Dock Shop Stewards Committee Secretary"
    assert item["reader_url"] == f"/read/dockers?span={item['start_char']}-{item['end_char']}#p{item['passage_id'].rsplit('-p')[-1]}"
    raw.add("dockers", LIST_IN_THE_MIDDLE, sidecar({
        "add": {"signatories": ["Dock Workers Union of Piraeus", "Harbour Porters League of Antwerp"]},
        "reject": ["Mersey Dock Shop Stewards Committee Secretary"]}))
    build(raw.root, db_path)
    settled = review(db_path)
    assert "Dock Workers Union of Piraeus" not in settled and "Mersey Dock Shop Stewards Committee Secretary" not in settled
    assert settled.startswith("2 items to review")  # what is left: two names the registry does not know
    assert settled.count("[new organization]") == 2


async def test_the_reader_marks_the_rows_the_editors_added(corrected, tmp_path):
    from support import publication
    html = (await publication(tmp_path / "archive.db").client.get("/read/dockers")).text
    aside = html[html.index('<aside class="reader-aside">'):]
    assert aside.count("added by the editors") == 5  # three participants, the addressee and the demand
    assert "Mersey Dock Shop Stewards Committee Secretary" not in aside


BAD = {
    "a text not in the document": ({"add": {"signatories": ["Blue Lantern Group"]}},
                                   r"dockers\.yml:\d+: add\.signatories\[0\]: 'Blue Lantern Group' is not in the document"),
    "an occurrence that does not exist": ({"add": {"signatories": [{"text": "Red Lantern Group", "occurrence": 3}]}},
                                          r"add\.signatories\[0\]: 'Red Lantern Group' occurs 1 time in the document, not 3"),
    "an unknown kind of row": ({"add": {"supporters": ["Red Lantern Group"]}}, r"add\.supporters: unknown field"),
    "an unknown status": ({"add": {"sections": [{"name": "Red Lantern Group", "status": "honorary"}]}},
                          r"add\.sections\[0\]\.status: 'honorary' is not one of"),
    "an unknown kind of demand": ({"add": {"demands": [{"text": "Victory to the dockers!", "kind": "wish"}]}},
                                  r"add\.demands\[0\]\.kind: 'wish' is not one of"),
    "a country nobody knows": ({"add": {"sections": [{"name": "Red Lantern Group", "country": "Atlantis"}]}},
                               r"add\.sections\[0\]\.country: 'Atlantis' is not a country"),
    "a reject that matches no row": ({"reject": ["Harbour Workers Federation"]},
                                     r"reject\[0\]: 'Harbour Workers Federation' matches no row the rules extracted"),
    "a text over two passages": ({"add": {"demands": [{"text": "harbour gates.\nVictory", "kind": "demand"}]}},
                                 r"add\.demands\[0\]: .* runs over two passages"),
}


def run_etl(raw, db) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", "--raw", str(raw.root), "--db", str(db)], capture_output=True,
                          text=True)


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_bad_correction_stops_the_build_with_its_line_and_field_and_leaves_the_database(raw, tmp_path, case):
    import re
    corrections, message = BAD[case]
    raw.copy_registries()
    raw.add("dockers", TEXT, sidecar())
    db_path = tmp_path / "archive.db"
    assert run_etl(raw, db_path).returncode == 0
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    raw.add("dockers", TEXT, sidecar(corrections))
    result = run_etl(raw, db_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(message, result.stderr), result.stderr
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_corrections_of_a_source_with_documents_go_under_their_document(raw, tmp_path):
    raw.copy_registries()
    raw.add("dockers", TEXT, sidecar({"reject": ["Mersey Dock Shop Stewards Committee Secretary"]}, documents=[
        {"id": "dockers-letter", "title": "Greetings", "kind": "letter",
         "first_line": "Greetings to the Dockers of the Northern Ports"}]))
    result = run_etl(raw, tmp_path / "archive.db")
    assert result.returncode == 1 and "dockers.yml:" in result.stderr and "reject: the corrections of a source" in result.stderr


def test_a_correction_rebuilds_its_source_only_and_the_ids_of_unchanged_rows_stay(raw, tmp_path):
    raw.copy_registries()
    raw.add("dockers", TEXT, sidecar())
    raw.add("harbour", TEXT.replace("Northern", "Southern"), sidecar(title="Greetings South"))
    db_path = tmp_path / "archive.db"
    build(raw.root, db_path)
    query = "select id, name_as_written from signatories where source_id = ? order by id"
    before = {source: list(sqlite_utils.Database(db_path).query(query, [source])) for source in ("dockers", "harbour")}
    raw.add("dockers", TEXT, sidecar({"reject": ["Mersey Dock Shop Stewards Committee Secretary"]}))
    report = build(raw.root, db_path)
    assert report.mode == "incremental" and report.parsed == ["dockers"] and report.kept == ["harbour"]
    db = sqlite_utils.Database(db_path)
    assert list(db.query(query, ["harbour"])) == before["harbour"]
    assert list(db.query(query, ["dockers"])) == before["dockers"][:2]  # the rejected row gone, the others as they were
