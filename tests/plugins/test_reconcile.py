"""The reconciliation service of plugins/reconcile.py: names of every kind reconcile to their organization, the answers
follow the Reconciliation Service API v0.2 (checked against its own JSON schemas, in reconcile_schemas/), and the
service agrees with the build on every name the build linked."""
from __future__ import annotations

import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sqlite_utils
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7
from support import ROOT, RawFolder, load_plugin, publication
from truth import raw_folder

from etl.build import build

reconcile = load_plugin("reconcile")

SERVICE = "/archive/organizations/-/reconcile"
SCHEMAS = {path.stem: json.loads(path.read_text()) for path in (Path(__file__).parent / "reconcile_schemas").glob("*.json")}
REGISTRY = Registry().with_resources((schema["$id"], Resource(schema, DRAFT7)) for schema in SCHEMAS.values())


def valid(instance, schema: str):
    """The instance, once the API's schema has checked it (draft 7, as the API's own checks run them)."""
    Draft7Validator(SCHEMAS[schema], registry=REGISTRY).validate(instance)
    return instance


async def reconciled(ds, queries: dict, method: str = "post") -> dict:
    """The answer to a batch, sent as OpenRefine sends it (a form field `queries`), both checked by the schemas."""
    valid(queries, "reconciliation-query-batch")
    if method == "post":
        response = await ds.client.post(SERVICE, data={"queries": json.dumps(queries)})
    else:
        response = await ds.client.get(SERVICE, params={"queries": json.dumps(queries)})
    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == "*"
    return valid(response.json(), "reconciliation-result-batch")


def first(answer: dict) -> dict:
    assert answer["result"], "no candidate"
    return answer["result"][0]


# ---- names of every kind ----

NAMES = {  # as a researcher's spreadsheet writes them -> the registry's organization, and whether it is a sure match
    "abbreviation": ("IWL-FI", "iwl-fi", True),
    "abbreviation of another language": ("CIPOML", "icmlpo", True),
    "alias": ("International Workers' League", "iwl-fi", True),
    "alias in organization_aliases": ("LIT-CI", "iwl-fi", True),
    "translation": ("Liga Internacional dos Trabalhadores – Quarta Internacional", "iwl-fi", True),
    "name in its own language": ("Conferencia Internacional de Partidos y Organizaciones Marxista-Leninistas", "icmlpo", True),
    "case, accents and quotes": ("liga internacional dos trabalhadores - quarta internacional", "iwl-fi", True),
    "one letter wrong": ("Leninist Trotskyst Fraction", "flt", False),
    "one letter missing": ("International Worker League – Fourth International", "iwl-fi", False),
    "two letters wrong": ("Internacional Workers Leage", "iwl-fi", False),
    "its id": ("toufan", "toufan", True),
}


async def test_abbreviations_aliases_translations_and_misspellings_return_their_organization_first(ds):
    answers = await reconciled(ds, {case: {"query": name} for case, (name, _, _) in NAMES.items()})
    for case, (_, organization_id, sure) in NAMES.items():
        best = first(answers[case])
        assert (best["id"], best["match"]) == (organization_id, sure), (case, answers[case])
        assert best["score"] == 100 if sure else 90 <= best["score"] < 100, (case, best)
        assert [kind["id"] for kind in best["type"]] in (["international"], ["party"])


async def test_a_batch_is_answered_the_same_by_get(ds):
    queries = {"a": {"query": "LIT-CI"}, "b": {"query": "Leninist Trotskyst Fraction"}}
    assert await reconciled(ds, queries, method="get") == await reconciled(ds, queries)


PST = {"CO": "pst-co", "Honduras": "pst-hn", "Perú": "pst-pe", "Kolumbien": "pst-co", "HN": "pst-hn", "Pérou": "pst-pe"}


async def test_a_country_tells_the_three_partidos_socialistas_de_los_trabajadores_apart(ds):
    name = "Partido Socialista de los Trabajadores"
    answers = await reconciled(ds, {
        country: {"query": name, "properties": [{"pid": "country", "v": country}]} for country in PST})
    for country, organization_id in PST.items():
        assert first(answers[country])["id"] == organization_id, (country, answers[country])
        assert first(answers[country])["match"] is True
        assert organization_id not in {c["id"] for c in answers[country]["result"][1:]}
        assert {c["id"] for c in answers[country]["result"]}.isdisjoint(set(PST.values()) - {organization_id})


async def test_without_a_country_the_namesakes_are_all_candidates_and_none_a_match(ds):
    answers = await reconciled(ds, {"name": {"query": "Partido Socialista de los Trabajadores"}, "abbreviation": {"query": "PST"}})
    for answer in answers.values():
        assert {"pst-co", "pst-hn", "pst-pe"} <= {c["id"] for c in answer["result"]}
        assert not any(c["match"] for c in answer["result"])
        assert [c["score"] for c in answer["result"][:3]] == [100, 100, 100]


@pytest.mark.parametrize("written, code", [("PE", "PE"), ("pe", "PE"), ("Pérou", "PE"), ("Spanish State", "ES"),
                                           ("U.K.", "GB"), ("U.K", "GB"), ("Soviet Union", "SU"), ("Atlantis", None)])
def test_a_country_is_known_by_its_code_or_any_name_the_build_knows(archive_db, written, code):
    assert reconcile.load_archive(sqlite3.connect(archive_db)).country_code(written) == code


async def test_a_country_as_an_entity_or_a_list_and_an_abbreviation_as_a_property(ds):
    answers = await reconciled(ds, {
        "entity": {"query": "PST", "properties": [{"pid": "country", "v": {"id": "HN", "name": "Honduras"}}]},
        "list": {"query": "PST", "properties": [{"pid": "country", "v": ["Atlantis", "Colombia"]}]},
        "abbreviation": {"query": "Socialist Workers' Party", "properties": [{"pid": "abbreviation", "v": "PST-H"}]},
    })
    assert [first(answers[key])["id"] for key in ("entity", "list")] == ["pst-hn", "pst-co"]
    assert "pst-hn" in {c["id"] for c in answers["abbreviation"]["result"] if c["score"] == 100}


async def test_a_nonsense_name_is_no_match(ds):
    answers = await reconciled(ds, {"a": {"query": "Zxqv Blorft Society of Glarn"}, "b": {"query": "Qwerty"},
                                    "c": {"query": "The Quick Brown Fox Party"}, "d": {"query": "x" * 400}})
    assert not [c for answer in answers.values() for c in answer["result"] if c["match"]]
    assert answers["d"] == {"result": []}


async def test_limit_is_kept(ds):
    answers = await reconciled(ds, {"one": {"query": "PST", "limit": 1}})
    assert len(answers["one"]["result"]) == 1


# ---- the database served, not raw/ ----

HARBOUR = """\
- id: dockers-league-cl
  name: Dockers League
  name_original: Liga de Estibadores
  kind: union
  country: CL
  wikidata: Q1234567
- id: harbour-international
  name: Harbour International
  abbreviations: [HI]
  kind: international
- id: harbour-island-party-cl
  name: Harbour Island Party
  abbreviations: [HI]
  kind: party
  country: CL
- id: rope-and-anchor-cl
  name: Rope & Anchor <Union>
  kind: union
  country: CL
"""


@pytest.fixture(scope="module")
def harbour(tmp_path_factory):
    """An archive built elsewhere, from a registry and naming rules of its own, and a text naming a committee that
    no registry knows."""
    raw = RawFolder(tmp_path_factory.mktemp("harbour") / "raw")
    raw.copy_registries()
    (raw.root / "organizations.yml").write_text(HARBOUR, encoding="utf-8")
    (raw.root / "naming.yml").write_text("abbreviations:\n  Dkrs: Dockers\ndistinguishing: [of, new]\n", encoding="utf-8")
    raw.add("harbour-call", "Call of the Harbour International\n\nWe call on every port worker to stop work for one "
            "hour on the day of action against the blockade of the strike.\n\nSigned:\nLiga de Estibadores (Chile)\n"
            "Seamen's Solidarity Committee (Norway)\n",
            "title: Call of the Harbour International\ndate: 1934-05\nkind: statement\nissued_by: [harbour-international]\n")
    db_path = raw.root.parent / "archive.db"
    build(raw.root, db_path)
    return publication(db_path), db_path


async def test_a_name_found_only_in_a_text_is_found(harbour):
    ds, db_path = harbour
    (found,) = sqlite_utils.Database(db_path).query("select * from organizations where curated = 0")
    answers = await reconciled(ds, {"exact": {"query": "Seamen's Solidarity Committee"},
                                    "misspelt": {"query": "Seamens Solidarity Comittee"},
                                    "country": {"query": "Seamen’s Solidarity Committee", "properties": [{"pid": "country", "v": "Norway"}]},
                                    "vetoed": {"query": "Seamen's Solidarity Committee", "properties": [{"pid": "country", "v": "Chile"}]}})
    for key in ("exact", "misspelt", "country"):
        assert first(answers[key])["id"] == found["id"], (key, answers[key])
    assert first(answers["exact"])["match"] and not first(answers["misspelt"])["match"]
    assert "not in the registry" in first(answers["exact"])["description"]
    assert found["id"] not in {c["id"] for c in answers["vetoed"]["result"]}


async def test_the_registry_and_naming_rules_are_those_the_served_database_was_built_with(harbour):
    ds, _ = harbour
    answers = await reconciled(ds, {"expanded": {"query": "Dkrs League"}, "original": {"query": "Liga de Estibadores"},
                                    "elsewhere": {"query": "International Workers League – Fourth International"}})
    assert (first(answers["expanded"])["id"], first(answers["expanded"])["match"]) == ("dockers-league-cl", True)
    assert first(answers["original"])["id"] == "dockers-league-cl"
    assert answers["elsewhere"] == {"result": []}  # raw/'s registry has it; this database does not


async def test_a_type_ranks_its_kind_first_and_hides_no_other(harbour):
    ds, _ = harbour
    answers = await reconciled(ds, {kind: {"query": "HI", "type": kind} for kind in ("party", "international")})
    assert [c["id"] for c in answers["party"]["result"]] == ["harbour-island-party-cl", "harbour-international"]
    assert [c["id"] for c in answers["international"]["result"]] == ["harbour-international", "harbour-island-party-cl"]
    assert not any(c["match"] for answer in answers.values() for c in answer["result"])


# ---- the service and the build agree ----

def names_linked(db_path: Path) -> list[tuple[str, str, str | None]]:
    """Every name as written that the build linked to an organization, with the country the row records, else its
    organization's (the country the build knew from the text: signatories and issuers keep none)."""
    db = sqlite_utils.Database(db_path)
    rows = []
    for table in ("sections", "signatories", "addressees", "document_issuers"):
        country = "r.country_code" if "country_code" in db[table].columns_dict else "null"
        rows += db.execute(f"select r.name_as_written, r.organization_id, coalesce({country}, o.country_code) from [{table}] r "
                           "join organizations o on o.id = r.organization_id").fetchall()
    return rows


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    """The archive of raw/'s registry and of the texts the extraction rules are measured on, where most names are of
    organizations no registry knows."""
    folder = tmp_path_factory.mktemp("texts")
    build(raw_folder(folder, ROOT / "raw"), folder / "archive.db", workers=1)
    return publication(folder / "archive.db"), folder / "archive.db"


@pytest.mark.parametrize("which", ["archive", "texts"])
async def test_every_name_the_build_linked_reconciles_to_the_organization_it_linked_it_to(which, archive_db, ds, texts):
    served, db_path = (ds, archive_db) if which == "archive" else texts
    rows = names_linked(db_path)
    assert rows
    disagreeing = []
    for start in range(0, len(rows), reconcile.BATCH):
        batch = rows[start:start + reconcile.BATCH]
        answers = await reconciled(served, {str(number): {"query": name, **({"properties": [{"pid": "country", "v": country}]} if country else {})}
                                            for number, (name, _, country) in enumerate(batch)})
        disagreeing += [(name, organization_id, country, answers[str(number)]["result"][:2])
                        for number, (name, organization_id, country) in enumerate(batch)
                        if not answers[str(number)]["result"] or answers[str(number)]["result"][0]["id"] != organization_id]
    assert disagreeing == []


async def test_names_linked_to_one_organization_need_no_country(ds, archive_db):
    """In the archive, a name the build linked to one organization only reconciles to it with no country at all."""
    linked: dict[str, set[str]] = {}
    for name, organization_id, _ in names_linked(archive_db):
        linked.setdefault(name, set()).add(organization_id)
    alone = sorted((name, ids.pop()) for name, ids in linked.items() if len(ids) == 1)
    assert alone
    disagreeing = []
    for start in range(0, len(alone), reconcile.BATCH):
        batch = alone[start:start + reconcile.BATCH]
        answers = await reconciled(ds, {str(n): {"query": name} for n, (name, _) in enumerate(batch)})
        disagreeing += [name for n, (name, organization_id) in enumerate(batch) if first(answers[str(n)])["id"] != organization_id]
    assert disagreeing == []


# ---- the manifest, preview, suggest and data extension ----

async def test_the_manifest_declares_the_archive_s_own_addresses(ds):
    response = await ds.client.get(SERVICE)
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*"
    ttl = json.loads((ROOT / "settings.json").read_text())["default_cache_ttl"]
    assert response.headers["cache-control"] == f"max-age={ttl}"  # as Datasette's own pages: a new build, a new image
    manifest = valid(response.json(), "manifest")
    assert "0.2" in manifest["versions"]
    table = manifest["identifierSpace"].removesuffix("/")
    assert table.endswith("/archive/organizations") and manifest["schemaSpace"].startswith(table)
    assert {"international", "party", "union"} <= {t["id"] for t in manifest["defaultTypes"]}
    assert manifest["view"]["url"] == table + "/{{id}}"
    page = await ds.client.get(manifest["view"]["url"].replace("{{id}}", "iwl-fi").removeprefix("http://localhost"))
    assert page.status_code == 200 and "International Workers League" in page.text
    for what in ("entity", "property", "type"):
        suggest = manifest["suggest"][what]
        assert suggest["service_url"] == table + "/-/reconcile" and suggest["service_path"] == f"/suggest/{what}"
    assert manifest["extend"]["propose_properties"]["service_path"] == "/properties"
    assert manifest["preview"]["url"] == table + "/-/reconcile/preview?id={{id}}"


class Text(HTMLParser):
    """The text of an HTML page, and the addresses it links to."""

    def __init__(self):
        super().__init__()
        self.text, self.links = "", []

    def handle_data(self, data):
        self.text += data

    def handle_starttag(self, tag, attrs):
        self.links += [value for name, value in attrs if tag == "a" and name == "href"]


async def test_the_preview_is_a_card_with_name_country_abbreviation_and_documents(ds, archive_db):
    response = await ds.client.get(SERVICE + "/preview", params={"id": "pst-pe"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "frame-ancestors *" in response.headers["content-security-policy"]  # OpenRefine shows it in a frame
    card = Text()
    card.feed(response.text)
    assert "Socialist Workers' Party" in card.text and "Peru" in card.text and "PST" in card.text
    assert "Partido Socialista de los Trabajadores" in card.text
    assert any(link.endswith("/archive/organizations/pst-pe") for link in card.links)
    signed = Text()
    signed.feed((await ds.client.get(SERVICE + "/preview", params={"id": "pcr-br"})).text)
    title = sqlite_utils.Database(archive_db)["documents"].get("icmlpo-2009-11-resolution-on-iran")["title"]
    assert title in signed.text and "signatory" in signed.text  # the resolution on Iran it signed, and how
    assert any(link.endswith("/read/icmlpo-2009-11-resolution-on-iran") for link in signed.links)


async def test_the_preview_shows_names_as_text_never_as_html(harbour):
    ds, _ = harbour
    html = (await ds.client.get(SERVICE + "/preview", params={"id": "rope-and-anchor-cl"})).text
    assert "Rope &amp; Anchor &lt;Union&gt;" in html and "<Union>" not in html


async def test_only_the_preview_may_be_framed(ds):
    for path in (SERVICE, "/archive/organizations/pst-pe", "/"):
        assert "frame-ancestors 'none'" in (await ds.client.get(path)).headers["content-security-policy"]


async def test_an_unknown_organization_has_no_preview(ds):
    response = await ds.client.get(SERVICE + "/preview", params={"id": "<script>"})
    assert response.status_code == 404 and "<script>" not in response.headers["content-type"]
    assert response.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("prefix, expected", [("Tudeh", "tudeh"), ("LIT", "iwl-fi"), ("toufan", "toufan"),
                                              ("liga internacional", "iwl-fi"), ("Trotskyist Fraction", "ft-br")])
async def test_suggest_finds_organizations_by_the_beginning_of_a_name_abbreviation_or_id(ds, prefix, expected):
    response = await ds.client.get(SERVICE + "/suggest/entity", params={"prefix": prefix})
    answer = valid(response.json(), "suggest-entities-response")
    assert expected in [item["id"] for item in answer["result"][:3]], answer
    assert all(item["notable"] and item["description"] for item in answer["result"])


async def test_suggest_pages_with_its_cursor(ds):
    pages = [valid((await ds.client.get(SERVICE + "/suggest/entity", params={"prefix": "p", "cursor": cursor})).json(),
                   "suggest-entities-response")["result"] for cursor in (0, reconcile.SUGGESTIONS)]
    assert len(pages[0]) == reconcile.SUGGESTIONS and pages[1]
    assert not {item["id"] for item in pages[0]} & {item["id"] for item in pages[1]}


async def test_suggest_properties_and_types(ds):
    properties = valid((await ds.client.get(SERVICE + "/suggest/property", params={"prefix": "coun"})).json(),
                       "suggest-properties-response")
    assert "country" in [item["id"] for item in properties["result"]]
    types = valid((await ds.client.get(SERVICE + "/suggest/type", params={"prefix": "par"})).json(), "suggest-types-response")
    assert [item["id"] for item in types["result"]] == ["party"]


async def test_data_extension_proposes_its_properties(ds):
    answer = valid((await ds.client.get(SERVICE + "/properties", params={"type": "party"})).json(),
                   "data-extension-property-proposal")
    assert {"country", "kind", "abbreviation", "sections_of", "documents_signed", "wikidata", "partyfacts"} <= \
        {p["id"] for p in answer["properties"]}
    limited = valid((await ds.client.get(SERVICE + "/properties", params={"type": "party", "limit": "2"})).json(),
                    "data-extension-property-proposal")
    assert len(limited["properties"]) == 2 and limited["limit"] == 2


async def extended(ds, ids: list[str], properties: list[str], method: str = "post") -> dict:
    query = valid({"ids": ids, "properties": [{"id": p} for p in properties]}, "data-extension-query")
    if method == "post":
        response = await ds.client.post(SERVICE, data={"extend": json.dumps(query)})
    else:
        response = await ds.client.get(SERVICE, params={"extend": json.dumps(query)})
    assert response.status_code == 200, response.text
    return valid(response.json(), "data-extension-response")


async def test_data_extension_adds_country_kind_abbreviation_sections_and_documents(ds, archive_db):
    wanted = ["country", "country_code", "kind", "abbreviation", "sections_of", "documents_signed", "documents_issued",
              "wikidata", "partyfacts", "curated"]
    answer = await extended(ds, ["pst-pe", "pcr-br", "icmlpo", "no-such-organization"], wanted)
    assert [m["id"] for m in answer["meta"]] == wanted
    pst, pcr = answer["rows"]["pst-pe"], answer["rows"]["pcr-br"]
    assert (pst["country"], pst["country_code"], pst["kind"]) == ([{"str": "Peru"}], [{"str": "PE"}], [{"str": "party"}])
    assert {"str": "PST"} in pst["abbreviation"]
    assert {"id": "iwl-fi", "name": "International Workers League – Fourth International"} in pst["sections_of"]
    db = sqlite_utils.Database(archive_db)
    signed = db.execute("select count(distinct document_id) from signatories where organization_id = 'pcr-br'").fetchone()[0]
    issued = db.execute("select count(distinct document_id) from document_issuers where organization_id = 'icmlpo'").fetchone()[0]
    assert pcr["documents_signed"] == [{"int": signed}] and signed >= 1  # it signed the resolution on Iran
    assert answer["rows"]["icmlpo"]["documents_issued"] == [{"int": issued}] and issued >= 1
    assert pst["wikidata"] == [] and pst["partyfacts"] == [] and pst["curated"] == [{"int": 1}]  # unknown stays empty
    assert answer["rows"]["no-such-organization"] == {name: [] for name in wanted}
    assert await extended(ds, ["pst-pe"], ["kind"], method="get") == await extended(ds, ["pst-pe"], ["kind"])


async def test_data_extension_gives_the_external_identifiers_of_the_registry(harbour):
    ds, _ = harbour
    answer = await extended(ds, ["dockers-league-cl"], ["wikidata", "partyfacts"])
    assert answer["rows"]["dockers-league-cl"] == {"wikidata": [{"str": "Q1234567"}], "partyfacts": []}


# ---- what OpenRefine in a browser needs, and bad requests ----

async def test_a_preflight_request_is_allowed_from_any_origin(ds):
    for path in (SERVICE, SERVICE + "/suggest/entity", SERVICE + "/preview", SERVICE + "/properties"):
        response = await ds.client.request("OPTIONS", path, headers={"Origin": "http://127.0.0.1:3333",
                                                                      "Access-Control-Request-Method": "POST"})
        assert response.status_code == 204, path
        assert response.headers["access-control-allow-origin"] == "*"
        assert "POST" in response.headers["access-control-allow-methods"]


@pytest.mark.parametrize("data, status, message", [
    ({"queries": "{not json"}, 400, "must be JSON"),
    ({"queries": "[1, 2]"}, 400, "must be a JSON object"),
    ({"queries": json.dumps({"a": {"query": 3}})}, 400, "query is a string"),
    ({"queries": json.dumps({"a": {"query": "x", "properties": [{"v": "PE"}]}})}, 400, "pid"),
    ({"queries": json.dumps({str(n): {"query": "PST"} for n in range(51)})}, 413, "at most 50"),
    ({"extend": json.dumps({"ids": ["pst-pe"], "properties": [{"id": "members"}]})}, 400, "no such property: members"),
    ({"extend": json.dumps({"ids": "pst-pe", "properties": []})}, 400, "ids"),
])
async def test_a_bad_request_is_told_what_is_wrong(ds, data, status, message):
    response = await ds.client.post(SERVICE, data=data)
    assert response.status_code == status
    assert message in response.json()["error"]
    assert response.headers["access-control-allow-origin"] == "*"


async def test_a_body_too_large_is_refused(ds):
    response = await ds.client.post(SERVICE, data={"queries": json.dumps({"a": {"query": "x" * (reconcile.LONGEST_BODY + 1)}})})
    assert response.status_code == 413


async def test_a_database_that_is_not_an_archive_has_no_service(ds):
    assert (await ds.client.get("/nowhere/organizations/-/reconcile")).status_code == 404


async def test_a_batch_posted_with_the_site_s_cookies_but_no_token_is_answered_and_other_forms_still_refused(ds):
    """OpenRefine in a browser posts from another site, without Datasette's CSRF token; every other form keeps the check."""
    cookies = {"cookie": "ds_messages=x"}
    queries = json.dumps({"a": {"query": "PST"}})
    assert (await ds.client.post(SERVICE, data={"queries": queries}, headers=cookies)).status_code == 200
    assert (await ds.client.post("/archive/-/query", data={"sql": "select 1"}, headers=cookies)).status_code == 403


def test_match_needs_an_exact_name_no_other_candidate_shares():
    party = reconcile.Organization(id="a", name="A", kind="party", country_code=None, curated=True)
    other = reconcile.Organization(id="b", name="B", kind="party", country_code=None, curated=True)
    exact, alias, abbreviation, fuzzy = (reconcile.Candidate(party, 100, "exact"), reconcile.Candidate(other, 100, "alias"),
                                         reconcile.Candidate(other, 100, "abbreviation"), reconcile.Candidate(party, 95, "fuzzy"))
    assert reconcile.is_match([exact]) and reconcile.is_match([exact, abbreviation])  # a name before an abbreviation
    assert not reconcile.is_match([exact, alias]) and not reconcile.is_match([fuzzy]) and not reconcile.is_match([])
    assert re.fullmatch(reconcile.SERVICE + "$", SERVICE)
