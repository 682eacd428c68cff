"""What the documents demand: rows, themes, countries, and the journalists' queries."""
from __future__ import annotations

import csv
import io
import json

import pytest
import sqlite_utils
import yaml
from support import ROOT, SEEDS


@pytest.fixture(scope="module")
def db(archive_db):
    return sqlite_utils.Database(archive_db)


def test_every_demand_round_trips(db):
    texts = {r["id"]: r["text"] for r in db.query("select id, text from sources")}
    rows = list(db.query("select * from demands"))
    assert rows
    for row in rows:
        assert texts[row["source_id"]][row["start_char"]:row["end_char"]] == row["text"]


def test_every_demand_of_the_seed_sources_has_a_theme(db):
    rows = list(db.query("select * from demands where source_id in (?, ?, ?, ?, ?)", list(SEEDS)))
    assert len(rows) >= 40
    for row in rows:
        assert db["demand_themes"].count_where("demand_id = ?", [row["id"]]) >= 1, row["text"]


@pytest.mark.parametrize("kind, text", [
    ("slogan", "For the military defeat of the imperialist powers in Iraq and Afghanistan!"),
    ("slogan", "Long live the unity of the international working class!"),
    ("slogan", "Long Live the Struggle of the Iranian People to Achieve their Democratic Rights!"),
    ("demand", "We demand the right of immigrants to work where they now live"),
    ("demand", "to establish a decent minimum wage for all sectors or to be guaranteed income to cover the basic needs of the unemployed"),
    ("principle", "A revolutionary break with capitalism is necessary in order to establish socialism."),
])
def test_clear_cut_demands_of_the_sources_are_rows_of_the_right_kind(db, kind, text):
    seeds = ", ".join("?" for _ in SEEDS)
    assert [r["kind"] for r in db.query(f"select kind from demands where text = ? and source_id in ({seeds})", [text, *SEEDS])] == [kind]


def test_the_regroupment_points_are_eight_principles(db):
    assert db["demands"].count_where("kind = 'principle' and document_id = 'workers-voice-our-international'") == 8


@pytest.mark.parametrize("fragment", ["In 2006 the Zionist Army", "The Conference passed several resolutions", "demanding the return to office",
                                      "Sixteen parties participated", "We raise these demands"])
def test_narrative_sentences_of_the_sources_are_not_demands(db, fragment):
    seeds = ", ".join("?" for _ in SEEDS)
    assert db["demands"].count_where(f"text like ? and source_id in ({seeds})", [f"%{fragment}%", *SEEDS]) == 0


def test_passages_and_demands_name_countries_through_demonyms(db):
    iraq = {r["demand_id"] for r in db.query("select demand_id from demand_countries where country_code = 'IQ'")}
    assert len(iraq) >= 3
    palestine = {r["first_as_written"] for r in db.query(
        "select first_as_written from passage_countries where country_code = 'PS' and source_id = 'flt-2008-letter-to-46th-antiwar-assembly-japan'")}
    assert "Palestinian" in palestine


def test_themes_come_from_raw_with_their_descriptions_and_cues_and_are_not_copied_into_metadata(db):
    raw = yaml.safe_load((ROOT / "raw" / "themes.yml").read_text())
    stored = {r["id"]: r for r in db.query("select * from themes")}
    assert {t["id"] for t in raw} == set(stored)
    assert all(stored[t["id"]]["description"] and json.loads(stored[t["id"]]["cues"]) for t in raw)
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text())
    described = metadata["databases"]["archive"]["tables"]["themes"]["description_html"]
    assert not any(t["name"] in described for t in raw)  # one declaration of each theme: raw/themes.yml


QUERIES = {
    "demands_search": ({"q": "wages"}, lambda rows: any("minimum wage" in r["text"] for r in rows)),
    "demands_by_theme": ({"theme": "migrants"}, lambda rows: any("immigrants" in r["text"] for r in rows)),
    "demands_about_country": ({"country": "Iraq"}, lambda rows: any("Iraq and Afghanistan" in r["text"] for r in rows)),
    "who_demands": ({"q": "minimum wage"}, lambda rows: "International Conference of Marxist-Leninist Parties and Organizations" in {r["organization"] for r in rows}),
    "timeline": ({"date": "2009-11"}, lambda rows: {r["document"] for r in rows} >= {"Resolution on Iran"} and all(r["date"].startswith("2009-11") for r in rows)),
    "compare_organizations": ({"a": "ICMLPO", "b": "FLT"}, lambda rows: any(r["a_demands"] and r["b_demands"] for r in rows)),
    "demands_by_theme_counts": ({}, lambda rows: sum(r["demands"] for r in rows) >= 40),
}


@pytest.mark.parametrize("query", QUERIES)
async def test_journalists_queries_answer_as_html_json_and_csv(ds, query):
    params, check = QUERIES[query]
    rows = (await ds.client.get(f"/archive/{query}.json", params={**params, "_shape": "array"})).json()
    assert rows and check(rows), rows[:3]
    html = await ds.client.get(f"/archive/{query}", params=params)
    assert html.status_code == 200
    table = await ds.client.get(f"/archive/{query}.csv", params=params)
    assert len(list(csv.DictReader(io.StringIO(table.text)))) == len(rows)


@pytest.mark.parametrize("query", list(QUERIES) + ["search", "sections_in_country", "sections_of_international",
                                                   "documents_signed_by", "co_signatories", "sections_map", "documents_by_year"])
async def test_every_canned_query_says_what_it_answers_and_takes_empty_parameters(ds, query):
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text())
    spec = metadata["databases"]["archive"]["queries"][query]
    assert spec.get("title") and (spec.get("description") or spec.get("description_html"))
    response = await ds.client.get(f"/archive/{query}.json")
    assert response.status_code == 200, response.text[:300]
