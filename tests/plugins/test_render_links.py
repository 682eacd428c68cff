"""Cells shown as links: an organization's Wikidata item and Party Facts id link to their pages there."""
from __future__ import annotations

import pytest
from support import RawFolder, load_plugin, publication

from etl.build import build

render_links = load_plugin("render_links")

REGISTRY = """\
- id: dockers-league-cl
  name: Dockers League
  kind: party
  country: CL
  wikidata: Q1234567
  partyfacts: 4321
- id: harbour-international
  name: Harbour International
  kind: international
"""


@pytest.fixture(scope="module")
def harbour(tmp_path_factory):
    raw = RawFolder(tmp_path_factory.mktemp("harbour") / "raw")
    (raw.root / "organizations.yml").write_text(REGISTRY, encoding="utf-8")
    raw.add("harbour-call", "Call of the Harbour International\n\nWe call on every port worker to stop work for one "
            "hour.\n\nSigned:\nDockers League (Chile)\nSeamen's Solidarity Committee (Norway)\n",
            "title: Call of the Harbour International\nkind: statement\nissued_by: [harbour-international]\n")
    db_path = raw.root.parent / "archive.db"
    build(raw.root, db_path)
    return publication(db_path)


async def test_an_organization_page_links_its_wikidata_item_and_party_facts_id(harbour):
    page = (await harbour.client.get("/archive/organizations/dockers-league-cl")).text
    assert '<a href="https://www.wikidata.org/wiki/Q1234567">Q1234567</a>' in page
    assert '<a href="https://partyfacts.herokuapp.com/data/partycodes/4321/">4321</a>' in page


async def test_an_organization_without_them_shows_them_empty(harbour):
    rows = (await harbour.client.get("/archive/organizations.json", params={"_shape": "objects"})).json()["rows"]
    unknown = {row["id"]: (row["wikidata"], row["partyfacts"]) for row in rows if row["id"] != "dockers-league-cl"}
    assert unknown and set(unknown.values()) == {(None, None)}
    page = (await harbour.client.get("/archive/organizations/harbour-international")).text
    assert "wikidata.org" not in page and "partyfacts" in page  # the column, with nothing in it


@pytest.mark.parametrize("column, value", [("wikidata", "Q0"), ("wikidata", "Q42 onclick=x"), ("wikidata", "javascript:1"),
                                           ("partyfacts", 0), ("partyfacts", "12/../x")])
def test_a_value_of_another_form_is_no_link(column, value):
    assert render_links.render_cell(value, column, "organizations") is None


def test_the_same_column_of_another_table_is_left_alone():
    assert render_links.render_cell("Q42", "wikidata", "countries") is None
