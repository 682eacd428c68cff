"""Citations: the reader's meta tags and JSON-LD, BibTeX and CSL-JSON that parse, and the version in every one."""
from __future__ import annotations

import json
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import citeproc
import pybtex
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string
from support import load_plugin, one_source_publication

RESOLUTION = "icmlpo-2009-11-resolution-on-iran"  # issued by an international, dated to the month
ESSAY = "rcit-struggle-for-power-permanent-revolution"  # a personal author, dated to the year
HARVARD = Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"


class Head(HTMLParser):
    """The meta tags, the canonical link and the JSON-LD of a page."""

    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.links: dict[str, str] = {}
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("name"):
            self.meta.append((attributes["name"], attributes.get("content") or ""))
        elif tag == "link" and attributes.get("rel"):
            self.links[attributes["rel"]] = attributes.get("href") or ""
        self._in_json_ld = tag == "script" and attributes.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)


def head_of(html: str) -> Head:
    head = Head()
    head.feed(html)
    return head


def facts(db: Path, document_id: str) -> dict:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        document = dict(conn.execute("select * from documents where id = ?", [document_id]).fetchone())
        document["issuers"] = [row[0] for row in conn.execute(
            "select o.name from document_issuers i join organizations o on o.id = i.organization_id "
            "where i.document_id = ? group by o.id order by min(i.rowid)", [document_id])]
        document["version"] = conn.execute("select value from build_info where key = 'version'").fetchone()[0]
    return document


async def test_a_reader_page_carries_the_highwire_tags_zotero_reads(ds, archive_db):
    document = facts(archive_db, RESOLUTION)
    assert document["issuers"] and document["date"] and not document["author"]
    meta = head_of((await ds.client.get(f"/read/{RESOLUTION}")).text).meta
    tags = {name: [content for n, content in meta if n == name] for name, _ in meta}
    assert tags["citation_title"] == [document["title"]]
    assert tags["citation_author"] == document["issuers"]  # no personal author: the issuing organizations
    assert tags["citation_publication_date"] == [document["date"].replace("-", "/")]
    assert tags["citation_publisher"] == ["The Internationals Archive"]
    assert tags["citation_public_url"] == [f"http://localhost/read/{RESOLUTION}"]


async def test_a_personal_author_is_cited_before_the_issuers(ds, archive_db):
    document = facts(archive_db, ESSAY)
    assert document["author"]
    meta = head_of((await ds.client.get(f"/read/{ESSAY}")).text).meta
    assert [content for name, content in meta if name == "citation_author"] == [document["author"]]
    assert ("citation_publication_date", document["date"]) in meta


async def test_the_json_ld_describes_the_document_as_part_of_a_version_of_the_archive(ds, archive_db):
    document = facts(archive_db, RESOLUTION)
    head = head_of((await ds.client.get(f"/read/{RESOLUTION}")).text)
    (work,) = [json.loads(text) for text in head.json_ld]
    assert work["@context"] == "https://schema.org" and work["@type"] == "CreativeWork"
    assert (work["name"], work["datePublished"], work["genre"]) == (document["title"], document["date"], document["kind"])
    assert [author["name"] for author in work["author"]] == document["issuers"]
    assert work["url"] == head.links["canonical"] == f"http://localhost/read/{RESOLUTION}"
    assert work["isPartOf"]["version"] == document["version"]
    with sqlite3.connect(archive_db) as conn:
        source_url = conn.execute("select s.url from sources s join documents d on d.source_id = s.id where d.id = ?",
                                  [RESOLUTION]).fetchone()[0]
    assert work["isBasedOn"]["url"] == source_url


async def test_the_bibtex_of_a_document_parses_and_names_the_version(ds, archive_db):
    document = facts(archive_db, RESOLUTION)
    response = await ds.client.get(f"/read/{RESOLUTION}.bib")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/x-bibtex")
    entry = parse_string(response.text, "bibtex").entries[RESOLUTION]
    assert entry.type == "misc"
    assert [str(person) for person in entry.persons["author"]] == ["{" + name + "}" for name in document["issuers"]]
    assert entry.fields["title"] == "{" + document["title"] + "}"
    assert (entry.fields["year"], entry.fields["month"]) == (document["date"][:4], "November")
    assert entry.fields["version"] == document["version"]
    assert entry.fields["url"] == f"http://localhost/read/{RESOLUTION}"
    printed = pybtex.format_from_string(response.text, "plain", output_backend="text")
    assert document["title"] in printed and f"version {document['version']}" in printed


async def test_the_bibtex_of_a_paragraph_points_at_it(ds):
    response = await ds.client.get(f"/read/{RESOLUTION}.bib", params={"p": 22})
    entry = parse_string(response.text, "bibtex").entries[f"{RESOLUTION}-p22"]
    assert entry.fields["url"] == f"http://localhost/read/{RESOLUTION}#p22"
    assert entry.fields["note"].startswith("Paragraph 22.")


async def test_the_csl_json_is_read_by_a_citation_processor(ds, archive_db):
    document = facts(archive_db, RESOLUTION)
    response = await ds.client.get(f"/read/{RESOLUTION}.csl.json", params={"p": 22})
    assert response.headers["content-type"].startswith("application/vnd.citationstyles.csl+json")
    (item,) = response.json()
    assert (item["id"], item["URL"]) == (f"{RESOLUTION}-p22", f"http://localhost/read/{RESOLUTION}#p22")
    assert item["issued"] == {"date-parts": [[int(part) for part in document["date"].split("-")]]}
    assert item["version"] == document["version"] and f"version {document['version']}" in item["note"]
    bibliography = CitationStylesBibliography(CitationStylesStyle(str(HARVARD), validate=False),
                                              CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    (printed,) = [str(entry) for entry in bibliography.bibliography()]
    assert document["issuers"][0] in printed and document["title"] in printed and document["date"][:4] in printed


async def test_a_personal_author_is_a_person_in_bibtex_and_a_name_in_csl(ds, archive_db):
    author = facts(archive_db, ESSAY)["author"]
    entry = parse_string((await ds.client.get(f"/read/{ESSAY}.bib")).text, "bibtex").entries[ESSAY]
    (person,) = entry.persons["author"]
    assert " ".join(person.first_names + person.middle_names + person.prelast_names + person.last_names) == author
    (item,) = (await ds.client.get(f"/read/{ESSAY}.csl.json")).json()
    assert item["author"] == [{"literal": author}]


@pytest.mark.parametrize("path", [
    "/read/no-such-document.bib", "/read/no-such-document.csl.json", f"/read/{RESOLUTION}.bib?p=9999",
    f"/read/{RESOLUTION}.csl.json?p=two",
])
async def test_what_does_not_exist_is_not_found(ds, path):
    assert (await ds.client.get(path)).status_code == 404


def test_every_character_bibtex_or_tex_would_read_as_syntax_is_escaped():
    citation = load_plugin("citation")
    written = citation.bibtex_text("50% & {more} \\ _x_ ^ ~ $ #")
    assert written == r"50\% \& \textbraceleft{}more\textbraceright{} \textbackslash{} \_x\_ \^{} \~{} \$ \#"
    entry = parse_string("@misc{k, title = {" + written + "}}", "bibtex").entries["k"]
    assert entry.fields["title"] == written  # the braces balance: the value ends where it should


@pytest.fixture(scope="module")
def awkward_ds(tmp_path_factory):
    """A document whose title and issuer are full of BibTeX's and HTML's special characters."""
    return one_source_publication(
        tmp_path_factory.mktemp("awkward"), "awkward",
        "Closing } the {brace\n\nA paragraph long enough to be a paragraph of its own, and more.\n",
        'title: "Closing } the {brace: 100% of <b>us</b> & them"\nkind: statement\nauthor: "A. Writer_{1}"\n')


async def test_a_title_full_of_special_characters_still_parses(awkward_ds):
    bib = (await awkward_ds.client.get("/read/awkward.bib")).text
    entry = parse_string(bib, "bibtex").entries["awkward"]
    assert set(entry.fields) >= {"title", "url", "note", "howpublished"}
    assert entry.fields["title"] == r"{Closing \textbraceright{} the \textbraceleft{}brace: 100\% of <b>us</b> \& them}"
    (item,) = (await awkward_ds.client.get("/read/awkward.csl.json")).json()
    assert item["title"] == "Closing } the {brace: 100% of <b>us</b> & them"
    html = (await awkward_ds.client.get("/read/awkward")).text
    assert "<b>us</b>" not in html
    (work,) = [json.loads(text) for text in head_of(html).json_ld]
    assert work["name"] == item["title"] and work["author"] == {"@type": "Person", "name": "A. Writer_{1}"}


async def test_the_cite_box_and_the_footer_name_the_version(ds, archive_db):
    version = facts(archive_db, RESOLUTION)["version"]
    html = (await ds.client.get(f"/read/{RESOLUTION}")).text
    assert (f"“Resolution on Iran”, 2009-11, paragraph 22. The Internationals Archive, version {version}, "
            f"http://localhost/read/{RESOLUTION}#p22") in html
    assert f'href="/read/{RESOLUTION}.bib?p=22"' in html and f'href="/read/{RESOLUTION}.csl.json?p=22"' in html
    assert f'href="/read/{RESOLUTION}.bib"' in html
    for path in ("/", "/archive/documents", f"/read/{RESOLUTION}", "/archive/search?q=peru"):
        footer = (await ds.client.get(path)).text.split('<footer class="ft">')[1]
        assert f"The Internationals Archive, version {version}" in footer, path
