"""The reader: every document at /read/<id>, paragraphs with anchors, highlights, citations, and text as text."""
from __future__ import annotations

import re

import pytest
from support import one_source_publication


async def test_every_document_has_a_reader_page(ds, archive_db):
    import sqlite_utils
    for row in sqlite_utils.Database(archive_db).query("select id, passage_count from documents"):
        response = await ds.client.get(f"/read/{row['id']}")
        assert response.status_code == 200
        anchors = re.findall(r'id="p(\d+)"', response.text)
        assert [int(a) for a in anchors] == list(range(1, row["passage_count"] + 1))


async def test_an_unknown_document_is_a_404(ds):
    assert (await ds.client.get("/read/no-such-document")).status_code == 404


async def test_paragraphs_have_permalinks_and_citations(ds):
    html = (await ds.client.get("/read/icmlpo-2009-11-resolution-on-iran")).text
    assert 'href="#p22"' in html and "¶22" in html
    assert "“Resolution on Iran”, 2009-11, paragraph 22. The Internationals Archive, version " in html
    assert "International Conference of Marxist-Leninist Parties and Organizations" in html  # the issuer


async def test_search_terms_are_highlighted_with_stemming_and_accents(ds):
    html = (await ds.client.get("/read/workers-voice-our-international", params={"q": "peru section"})).text
    assert "<mark>Perú</mark>" in html
    assert "<mark>Sections</mark>" in html


async def test_the_reader_lists_signatories_and_addressees_linked_to_their_rows(ds):
    html = (await ds.client.get("/read/flt-2008-letter-to-46th-antiwar-assembly-japan")).text
    assert 'href="/archive/organizations/jrcl-rmf"' in html
    assert 'href="/archive/organizations/lti-bo"' in html


async def test_an_addressee_who_is_no_organization_is_shown_as_written(ds):
    html = (await ds.client.get("/read/flt-2008-letter-to-46th-antiwar-assembly-japan")).text
    aside = html[html.index('<aside class="reader-aside">'):]
    assert "<li>46th International Anti-war Assembly in Japan <a" in aside


async def test_an_issuer_named_by_the_sidecar_and_the_text_is_shown_once(ds):
    html = (await ds.client.get("/read/flt-2008-letter-to-46th-antiwar-assembly-japan")).text
    byline = html[html.index('<p class="reader-byline">'):html.index("</p>", html.index('<p class="reader-byline">'))]
    assert byline.count("Leninist Trotskyist Fraction") == 1


async def test_a_search_hit_links_to_its_paragraph_in_the_reader(ds):
    rows = (await ds.client.get("/archive/search.json", params={"q": "immigrants", "_shape": "array"})).json()
    url = rows[0]["passage_url"]
    path, anchor = url.split("#")
    html = (await ds.client.get(path)).text
    assert f'id="{anchor}"' in html
    assert "<mark>immigrants</mark>" in html


async def test_the_reader_has_json(ds):
    data = (await ds.client.get("/read/icmlpo-2009-11-resolution-on-iran", params={"_format": "json"})).json()
    assert data["document"]["id"] == "icmlpo-2009-11-resolution-on-iran"
    assert len(data["signatories"]) == 16 and data["passages"][0]["position"] == 1


HOSTILE = '<script>alert("x")</script> and <b>bold</b> & <img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def hostile_ds(tmp_path_factory):
    return one_source_publication(
        tmp_path_factory.mktemp("hostile"), "hostile",
        f"A Title With <i>Markup</i>\n\nThe text says {HOSTILE} in a paragraph long enough to be a paragraph.\n\nSigned:\n<b>Bold</b> Workers Party\nRed <script>Group</script>\n",
        'title: "A Title With <i>Markup</i>"\nkind: statement\npublisher: "<script>alert(1)</script>"\n')


@pytest.mark.parametrize("path", [
    "/read/hostile", "/read/hostile?q=script", "/archive/passages", "/archive/documents", "/archive/sources",
    "/archive/search?q=script", "/archive/signatories", "/archive/organizations", "/-/search?q=script", "/",
    "/archive/passages/hostile-p2",
])
async def test_html_in_a_source_is_shown_as_text_everywhere(hostile_ds, path):
    response = await hostile_ds.client.get(path)
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "<img src=x" not in response.text
    assert "<b>bold</b>" not in response.text and "<i>Markup</i>" not in response.text


async def test_a_span_in_the_address_marks_exactly_those_characters(ds, archive_db):
    import sqlite_utils
    row = next(sqlite_utils.Database(archive_db).query(
        "select start_char, end_char, name_as_written from signatories where document_id = 'icmlpo-2009-11-resolution-on-iran' "
        "order by id limit 1"))
    html = (await ds.client.get("/read/icmlpo-2009-11-resolution-on-iran",
                                params={"span": f"{row['start_char']}-{row['end_char']}"})).text
    assert html.count('<mark class="span">') == 1
    assert f'<mark class="span">{row["name_as_written"]}</mark>' in html


@pytest.mark.parametrize("span", ["", "x", "5-3", "-1-4", "99999999-999999999"])
async def test_a_span_that_is_no_span_marks_nothing(ds, span):
    response = await ds.client.get("/read/icmlpo-2009-11-resolution-on-iran", params={"span": span})
    assert response.status_code == 200 and '<mark class="span">' not in response.text


async def test_the_sidebar_links_each_row_to_its_characters(ds, archive_db):
    import sqlite_utils
    html = (await ds.client.get("/read/icmlpo-2009-11-resolution-on-iran")).text
    db = sqlite_utils.Database(archive_db)
    for row in db.query("select s.start_char, s.end_char, p.position from signatories s join passages p on p.id = s.passage_id "
                        "where s.document_id = 'icmlpo-2009-11-resolution-on-iran'"):
        assert f'href="/read/icmlpo-2009-11-resolution-on-iran?span={row["start_char"]}-{row["end_char"]}#p{row["position"]}"' in html


@pytest.mark.parametrize("args, url", [
    (("icmlpo-2009", 3, None), "/read/icmlpo-2009#p3"),
    (("icmlpo-2009", 3, "Iran war"), "/read/icmlpo-2009?q=Iran+war#p3"),
    (("icmlpo-2009", 3, None, 120, 168), "/read/icmlpo-2009?span=120-168#p3"),
    (("icmlpo-2009", None, "Iran", 120, 168), "/read/icmlpo-2009?q=Iran&span=120-168"),
    (("icmlpo-2009", None, None), "/read/icmlpo-2009"),
])
def test_read_url_is_the_one_way_addresses_of_the_reader_are_made_in_sql(args, url):
    import sqlite3

    from support import load_plugin
    conn = sqlite3.connect(":memory:")
    load_plugin("reader").prepare_connection(conn)
    placeholders = ", ".join("?" for _ in args)
    assert conn.execute(f"select read_url({placeholders})", args).fetchone()[0] == url


def test_no_canned_query_builds_an_address_of_the_reader_by_hand():
    import yaml
    from support import ROOT
    queries = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))["databases"]["archive"]["queries"]
    assert [name for name, query in queries.items() if "'/read/'" in query["sql"]] == []
    assert sum("read_url(" in query["sql"] for query in queries.values()) >= 8


@pytest.fixture(scope="module")
def spanish_ds(tmp_path_factory):
    return one_source_publication(
        tmp_path_factory.mktemp("spanish"), "declaracion-de-lima",
        "Declaración de Lima\n\nLos trabajadores del Perú y de toda América Latina saludan a los pueblos que luchan.\n\nViva la lucha de los pueblos del mundo entero por su liberación.\n",
        'title: "Declaración de Lima"\nkind: declaration\nlanguage: es\n')


async def test_the_text_is_marked_with_its_sources_language_and_the_page_around_it_is_english(spanish_ds):
    html = (await spanish_ds.client.get("/read/declaracion-de-lima")).text
    assert '<html lang="en">' in html
    assert '<h1 lang="es">Declaración de Lima</h1>' in html
    assert '<p lang="es">Los trabajadores del Perú' in html and '<p lang="es">Viva la lucha' in html
    form = html[html.index('<form class="reader-search"'):html.index("</form>", html.index('<form class="reader-search"'))]
    aside = html[html.index('<aside class="reader-aside">'):]
    assert "lang=" not in form and "lang=" not in aside  # the archive's own words, in the page's English
