"""Who is who in the archive: sections, signatories, addressees, issuers, and the queries over them."""
from __future__ import annotations

import csv
import io

import pytest
import sqlite_utils


@pytest.fixture(scope="module")
def db(archive_db):
    return sqlite_utils.Database(archive_db)


def test_every_extracted_name_round_trips_to_its_source_text(db):
    texts = {r["id"]: r["text"] for r in db.query("select id, text from sources")}
    for table in ("sections", "signatories", "addressees"):
        rows = list(db.query(f"select * from {table}"))
        assert rows, table
        for row in rows:
            assert texts[row["source_id"]][row["start_char"]:row["end_char"]] == row["name_as_written"]
            passage = db["passages"].get(row["passage_id"])
            assert passage["start_char"] <= row["start_char"] < row["end_char"] <= passage["end_char"]


def test_the_iwl_fi_list_gives_26_sections_12_official_14_sympathizing_in_24_countries(db):
    rows = list(db.query("select status, country_code, organization_id from sections "
                         "where international_id = 'iwl-fi' and document_id = 'workers-voice-our-international'"))
    assert len(rows) == 26
    assert sum(r["status"] == "official" for r in rows) == 12
    assert sum(r["status"] == "sympathizing" for r in rows) == 14
    assert len({r["country_code"] for r in rows}) == 24
    assert len({r["organization_id"] for r in rows}) == 26


def test_the_flt_member_groups_are_sections_of_the_flt(db):
    members = {r["organization_id"] for r in db.query(
        "select organization_id from sections where international_id = 'flt' "
        "and document_id = 'flt-2008-letter-to-46th-antiwar-assembly-japan'")}
    assert members == {"poi-ci-cl", "lti-pe", "loi-ci-do-ar", "ft-br", "cwg-nz", "lti-bo"}


def test_the_16_parties_under_the_resolution_on_iran_are_its_signatories(db):
    rows = list(db.query("select position, organization_id from signatories where document_id = 'icmlpo-2009-11-resolution-on-iran' order by position"))
    assert [r["position"] for r in rows] == list(range(1, 17))
    assert len({r["organization_id"] for r in rows}) == 16
    assert rows[-1]["organization_id"] == "toufan"
    curated = {r["id"] for r in db.query("select id from organizations where curated = 1")}
    assert {r["organization_id"] for r in rows} <= curated


def test_same_named_organizations_of_different_countries_are_different_rows(db):
    pst = {r["country_code"]: r["organization_id"] for r in db.query(
        "select country_code, organization_id from sections where name_as_written = 'Partido Socialista de los Trabajadores' "
        "and document_id = 'workers-voice-our-international'")}
    assert set(pst) == {"CO", "HN", "PE"} and len(set(pst.values())) == 3
    lti = {r["organization_id"] for r in db.query(
        "select organization_id from signatories where name_as_written like 'Liga Trotskista Internacionalista%' "
        "and document_id = 'flt-2008-letter-to-46th-antiwar-assembly-japan'")}
    assert lti == {"lti-pe", "lti-bo"}


def test_one_organization_written_two_ways_is_one_row(db):
    letter = "flt-2008-letter-to-46th-antiwar-assembly-japan"
    written = {r["name_as_written"] for r in db.query(
        "select name_as_written from sections where organization_id = 'poi-ci-cl' and document_id = ?", [letter])}
    written |= {r["name_as_written"] for r in db.query(
        "select name_as_written from signatories where organization_id = 'poi-ci-cl' and document_id = ?", [letter])}
    assert len(written) == 2
    assert db["organizations"].count_where("id = 'poi-ci-cl'") == 1


def test_the_letter_has_its_addressees(db):
    rows = list(db.query("select organization_id, name_as_written from addressees "
                         "where document_id = 'flt-2008-letter-to-46th-antiwar-assembly-japan' order by id"))
    assert [r["organization_id"] for r in rows][2:] == ["antiwar-youth-committee", "jrcl-rmf"]
    assert db["organizations"].get(rows[1]["organization_id"])["kind"] == "student"
    assert rows[0]["name_as_written"] == "46th International Anti-war Assembly in Japan"
    assert rows[0]["organization_id"] is None  # a gathering of people, not an organization
    assert [r["country_code"] for r in db.query(
        "select country_code from addressees where document_id = 'flt-2008-letter-to-46th-antiwar-assembly-japan' "
        "order by id")] == ["JP", "JP", None, "JP"]  # as the lines say: "in Japan", "all-Japan", -, "Japanese"


def test_documents_have_their_issuers(db):
    import json
    issued = {r["id"]: json.loads(r["issued_by"]) for r in db.query("select id, issued_by from documents")}
    assert issued["icmlpo-2009-11-resolution-on-iran"] == ["icmlpo"]
    assert issued["flt-2008-letter-to-46th-antiwar-assembly-japan"] == ["flt"]


def test_countries_come_with_region_and_coordinates(db):
    peru = db["countries"].get("PE")
    assert peru["name"] == "Peru" and peru["region"] and peru["latitude"] is not None and peru["longitude"] is not None
    assert db["countries"].count >= 240


def test_the_quality_report_notes_the_contradictions_of_the_iwl_fi_page(db):
    notes = [r["note"] for r in db.query("select note from quality_notes where kind = 'count contradiction'")]
    assert any("official sections in 13 countries" in n and "12 official sections in 12 countries" in n for n in notes)
    assert any("sympathizing sections in 10 countries" in n and "in 12 countries" in n for n in notes)


def test_the_quality_report_notes_the_lists_no_rule_took(db):
    notes = {r["passage_id"]: r["note"] for r in db.query(
        "select passage_id, note from quality_notes where kind = 'list not taken' and document_id = 'workers-voice-our-international'")}
    assert "'What is the IWL-FI?'" in notes["workers-voice-our-international-p2"]  # the page's table of contents


@pytest.mark.parametrize("country", ["PE", "pe", "Peru", "Perú", "PERU"])
async def test_sections_in_country_accepts_a_code_or_a_name(ds, country):
    rows = (await ds.client.get("/archive/sections_in_country.json", params={"country": country, "_shape": "array"})).json()
    assert {r["country"] for r in rows} == {"Peru"}
    assert {(r["international"], r["organization"]) for r in rows} >= {
        ("International Workers League – Fourth International", "Socialist Workers' Party"),
        ("Leninist Trotskyist Fraction", "Internationalist Trotskyist League"),
    }


async def test_sections_in_country_in_its_own_language_and_political_names(ds):
    for country, code_name in [("Brasil", "Brazil"), ("Spanish State", "Spain"), ("U.K.", "United Kingdom")]:
        rows = (await ds.client.get("/archive/sections_in_country.json", params={"country": country, "_shape": "array"})).json()
        assert rows and {r["country"] for r in rows} == {code_name}


@pytest.mark.parametrize("international", ["iwl-fi", "IWL-FI", "LIT-CI", "International Workers League", "liga internacional de los trabajadores"])
async def test_sections_of_international_accepts_what_people_type(ds, international):
    rows = (await ds.client.get("/archive/sections_of_international.json", params={"international": international, "_shape": "array"})).json()
    assert {r["international"] for r in rows} == {"International Workers League – Fourth International"}
    assert len([r for r in rows if r["passage_url"].startswith("/read/workers-voice-our-international?span=")]) == 26


@pytest.mark.parametrize("organization", ["toufan", "Party of Labor of Iran", "PARTY OF LABOUR OF IRAN (TOUFAN)"])
async def test_documents_signed_by_finds_signed_and_issued_documents(ds, organization):
    rows = (await ds.client.get("/archive/documents_signed_by.json", params={"organization": organization, "_shape": "array"})).json()
    assert {(r["document"], r["role"]) for r in rows} >= {("Resolution on Iran", "signatory")}


async def test_co_signatories_counts_shared_documents(ds):
    rows = (await ds.client.get("/archive/co_signatories.json", params={"organization": "PCOF", "_shape": "array"})).json()
    iran = [r for r in rows if "Resolution on Iran" in r["documents"].split(",")]
    assert len(iran) == 15  # the other 15 signatories of the resolution
    assert all(r["documents_together"] >= 1 for r in iran)
    assert "Party of Labour of Iran (Toufan)" in {r["co_signatory"] for r in iran}


@pytest.mark.parametrize("query", ["sections_in_country", "sections_of_international", "documents_signed_by", "co_signatories"])
async def test_organization_queries_answer_empty_parameters_as_html_json_and_csv(ds, query):
    html = await ds.client.get(f"/archive/{query}")
    assert html.status_code == 200
    as_json = (await ds.client.get(f"/archive/{query}.json", params={"_shape": "array"})).json()
    assert as_json
    as_csv = await ds.client.get(f"/archive/{query}.csv")
    assert as_csv.status_code == 200
    assert len(list(csv.DictReader(io.StringIO(as_csv.text)))) == len(as_json)
