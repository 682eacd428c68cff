"""The organizations as an OpenRefine reconciliation service: /<database>/organizations/-/reconcile.

Researchers and journalists arrive with their own lists of parties and internationals, written in every spelling,
language and abbreviation, and clean them in OpenRefine, which speaks the Reconciliation Service API (v0.2).
datasette-reconcile, the plugin made for this, searches one name column with full-text search and never the aliases:
an abbreviation scored 17 and was no match, an alias and a misspelling found nothing. Here a name is matched as the
build matches it, by the build's own code (etl/resolve/names.py) over the registry and the naming rules the served database
was built with, read from that database, and against every organization found in its texts under every name the build
found it written as. So a name of the archive reconciles to the organization the build linked it to.

- GET the service: its manifest. GET or POST `queries=` (a JSON batch): candidates for each query. `extend=`: data
  extension. `/preview?id=`: an HTML card, made to be shown in OpenRefine's frame. `/suggest/entity|property|type
  ?prefix=&cursor=`: type-ahead. `/properties?type=`: the properties data extension offers. Every answer allows any
  origin (CORS); JSONP, optional in v0.2, is not offered.
- Candidates: the organization the build's resolver takes (exactly, by an alias, an abbreviation, with the abbreviated
  words of raw/naming.yml written out, or by similarity at its threshold), then every organization with one of the
  query's names or abbreviations exactly, or a name at least as similar as the threshold, the words that tell parties
  apart kept. A `country` property (an ISO code or a name in any language the archive knows) vetoes organizations of
  another country, as in the build, and puts those of that country first; an `abbreviation` property is the name's
  abbreviation, as a list gives it beside the name. A type puts organizations of that kind first; it hides none (the
  kind of an organization found only in a text is the build's guess).
- Score (0-100): 100 for the id, a name, an alias or an abbreviation, the similarity (rapidfuzz ratio) otherwise;
  among equal scores, in the resolver's order: the id, a name, an abbreviation. `match` is true only for the first
  candidate, at 100, when no other is at 100 by the same step: an exact name, alias or abbreviation no other
  organization shares (a name found whole goes before another organization's abbreviation in its parentheses).
"""
# No `from __future__ import annotations`: Datasette runs a plugin as a module that is not in sys.modules, where
# dataclasses cannot read annotations left as strings.
import asyncio
import json
import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl

from datasette import Response, hookimpl
from markupsafe import Markup
from rapidfuzz import fuzz, process

from etl.common.normalize import fold, looks_like_abbreviation, name_key
from etl.registries.naming import Naming, naming_of
from etl.registries.organizations import KINDS, Organization
from etl.resolve.names import FUZZY_THRESHOLD, Mention, RegistryIndex, Resolver, split_parentheticals

SERVICE = r"^/(?P<database>[^/]+)/organizations/-/reconcile"
# How a name was matched, by the step of the resolver that matches so: its id, one of its names (as written, without
# parentheses, with abbreviated words written out; "new": the name of an organization the build made of it), an
# abbreviation, similarity.
STEP = {"id": 0, "exact": 1, "alias": 1, "expanded": 1, "new": 1, "abbreviation": 2, "fuzzy": 3}
CANDIDATES, MOST_CANDIDATES = 10, 25  # per query: unless it asks for a limit, and at most
BATCH = 50  # queries in one batch, at most (413 past it)
LONGEST_QUERY = 300  # characters: a longer text is no organization's name, and gets no candidates
LONGEST_BODY = 1024 * 1024  # bytes of a POST
SUGGESTIONS = 10  # per page of type-ahead
PREVIEW_DOCUMENTS = 8
PROPERTIES = {  # what data extension gives, and (country, abbreviation) what a query may say
    "country": "Country", "country_code": "Country code (ISO 3166-1)", "kind": "Kind", "abbreviation": "Abbreviations",
    "sections_of": "Section or member of", "documents_signed": "Documents signed", "documents_issued": "Documents issued",
    "wikidata": "Wikidata item", "partyfacts": "Party Facts id", "curated": "In the registry (1) or found in a text (0)",
}


class BadRequest(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Archive:
    """What the service matches against, read once from the database served."""

    organizations: dict[str, Organization]  # every organization: the registry's and those found in texts
    registry: Resolver  # the build's, over the registry alone
    index: RegistryIndex  # every organization, under every name it is known by or was found written as
    countries: dict[str, str]  # code -> name
    country_codes: dict[str, str]  # a country's name, folded -> its code
    named: list[tuple[str, list[str]]]  # for type-ahead: every name, abbreviation and id as a key, and whose it is

    @property
    def naming(self) -> Naming:
        return self.registry.naming

    def country_code(self, written: str) -> str | None:
        """The ISO code of a country given as its code or any of its names, as the build recognises them."""
        written = written.strip().strip(".,;:")
        if len(written) == 2 and written.upper() in self.countries:
            return written.upper()
        return self.country_codes.get(fold(written)) or self.country_codes.get(fold(written + "."))  # U.K.


@dataclass(frozen=True)
class Query:
    text: str
    country: str | None = None
    abbreviation: str | None = None
    types: tuple[str, ...] = ()
    limit: int = CANDIDATES


@dataclass(frozen=True)
class Candidate:
    organization: Organization
    score: float
    how: str
    chosen: bool = False  # the organization the build's resolver takes


# ---- reading the database ----

ALIASES = """select organization_id, alias, how from organization_aliases where how in ('alias', 'as written')
               group by organization_id, alias, how order by min(id)"""  # a name found in many sources: once
ORGANIZATIONS = """select id, name, kind, country_code, curated, name_original, abbreviations, wikidata, partyfacts
                   from organizations order by rowid"""


def rows_of(conn, sql: str) -> list[tuple]:
    """The rows of the service's own query, as plain tuples, outside the budget of a visitor's (plugins/limits.py)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(sql).fetchall()


def organizations_of(conn) -> tuple[list[Organization], dict[str, list[str]]]:
    """Every organization, with the registry's aliases, and the names the build found each written as."""
    aliases: dict[str, list[str]] = {}
    written: dict[str, list[str]] = {}
    for organization_id, alias, how in rows_of(conn, ALIASES):
        (aliases if how == "alias" else written).setdefault(organization_id, []).append(alias)
    organizations = [Organization(
        id=row[0], name=row[1], kind=row[2], country_code=row[3], curated=bool(row[4]), name_original=row[5],
        abbreviations=tuple(json.loads(row[6] or "[]")), aliases=tuple(aliases.get(row[0], [])), wikidata=row[7],
        partyfacts=row[8],
    ) for row in rows_of(conn, ORGANIZATIONS)]
    return organizations, written


def naming_in(conn) -> Naming:
    """The naming rules the database was built with (build_info), or none for a database that does not record them."""
    found = rows_of(conn, "select value from build_info where key = 'naming'")
    return naming_of(**json.loads(found[0][0])) if found else Naming()


def load_archive(conn) -> Archive:
    organizations, written = organizations_of(conn)
    registry = Resolver([o for o in organizations if o.curated], naming=naming_in(conn))
    everything = [replace(o, aliases=o.aliases + tuple(written.get(o.id, []))) for o in organizations]
    countries = dict(rows_of(conn, "select code, name from countries"))
    country_codes = dict(rows_of(conn, "select name_folded, code from country_names"))
    index = RegistryIndex.of(everything)
    return Archive({o.id: o for o in organizations}, registry, index, countries, country_codes, named_in(index))


def named_in(index: RegistryIndex) -> list[tuple[str, list[str]]]:
    """The keys type-ahead looks at: every name, abbreviation and id, with the organizations that have it."""
    named = [(name, [i for i, _ in entries]) for name, entries in index.names.items()]
    named += [(name_key(abbreviation), ids) for abbreviation, ids in index.abbreviations.items()]
    return named + [(name_key(i), [i]) for i in index.organizations]


_archives: dict[str, tuple[tuple, Archive]] = {}  # database path -> (the build it was read from, what was read)


async def archive_of(db) -> Archive:
    """The archive of the database, read again only when a new build of it is served."""
    rows = (await db.execute("select key, value from build_info where key in ('fingerprint', 'rows') order by key")).rows
    build = tuple(tuple(row) for row in rows)
    kept = _archives.get(db.path)
    if kept is None or kept[0] != build:
        kept = (build, await db.execute_fn(load_archive))
        _archives[db.path] = kept
    return kept[1]


# ---- matching ----

def variants(text: str, naming: Naming) -> tuple[list[str], list[str]]:
    """The names to look up for a text, as the resolver tries them (as written, without its parentheses, what they
    hold but abbreviations, with abbreviated words written out), and the abbreviations it gives."""
    core, inner = split_parentheticals(text, naming)
    abbreviations = [part for part in [*inner, core] if looks_like_abbreviation(part)]
    names = list(dict.fromkeys(name for name in [text, core, *(p for p in inner if p not in abbreviations)] if name))
    names += [naming.expand(name) for name in names if naming.abbreviated(name)]
    return names, abbreviations


def agrees(organization: Organization, country: str | None) -> bool:
    """The build's veto: a country known for the name must be the organization's, if it has one."""
    return country is None or organization.country_code in (country, None)


def better(found: tuple[float, str], than: tuple[float, str] | None) -> bool:
    """A higher score, or the same by an earlier step of the resolver."""
    return than is None or (-found[0], STEP[found[1]]) < (-than[0], STEP[than[1]])


def found_by_name(archive: Archive, query: Query) -> dict[str, tuple[float, str]]:
    """Every organization with one of the query's names or abbreviations exactly, or a name as close as the build's
    threshold: its best score and how."""
    found: dict[str, tuple[float, str]] = {}

    def add(organization_id: str, score: float, how: str) -> None:
        if agrees(archive.organizations[organization_id], query.country) and better((score, how), found.get(organization_id)):
            found[organization_id] = (score, how)

    names, abbreviations = variants(query.text, archive.naming)
    if query.text.strip() in archive.organizations:
        add(query.text.strip(), 100.0, "id")
    for name in names:
        for organization_id, how in archive.index.names.get(name_key(name), []):
            add(organization_id, 100.0, how)
    for abbreviation in abbreviations + ([query.abbreviation] if query.abbreviation else []):
        for organization_id in archive.index.abbreviations.get(fold(abbreviation), []):
            add(organization_id, 100.0, "abbreviation")
    for organization_id, score in similar(archive, [name for name in names if len(name) >= 8]):
        add(organization_id, score, "fuzzy")
    return found


def similar(archive: Archive, names: list[str]) -> list[tuple[str, float]]:
    """Organizations with a name at least as similar to one of these as the build's threshold, the words that tell
    parties apart the same."""
    close = []
    for name in names:
        for key, score, _ in process.extract(name_key(name), archive.index.keys, scorer=fuzz.ratio,
                                             score_cutoff=FUZZY_THRESHOLD, limit=MOST_CANDIDATES):
            if archive.registry.same_distinguishing_words(name, key):
                close += [(organization_id, round(score, 1)) for organization_id, _ in archive.index.names[key]]
    return close


def build_choice(archive: Archive, query: Query) -> tuple[str, float, str] | None:
    """The organization the build links the name to: the one its resolver takes from the registry, or the one it made
    of the name when it found it in a text (the same id, of the name and country); None if there is none."""
    match = archive.registry.fork().resolve(Mention(query.text, query.country, query.abbreviation))
    if match.how == "new" and match.organization_id not in archive.organizations:
        return None
    return match.organization_id, 100.0 if match.how != "fuzzy" else float(match.score or 0), match.how


def candidates(archive: Archive, query: Query) -> list[Candidate]:
    """The organizations a query may mean, best first."""
    if not query.text.strip() or len(query.text) > LONGEST_QUERY:
        return []
    found = found_by_name(archive, query)
    chosen = build_choice(archive, query)
    if chosen and better(chosen[1:], found.get(chosen[0])):
        found[chosen[0]] = chosen[1:]
    ranked = [Candidate(archive.organizations[i], score, how, chosen is not None and i == chosen[0])
              for i, (score, how) in found.items()]
    return sorted(ranked, key=lambda c: rank(c, query))[:query.limit]


def rank(candidate: Candidate, query: Query) -> tuple:
    """Higher scores first, and among equals: by the resolver's earlier step, the build's choice, the query's country,
    its types, the registry's."""
    organization = candidate.organization
    return (-candidate.score, STEP[candidate.how], not candidate.chosen,
            query.country is not None and organization.country_code != query.country,
            bool(query.types) and organization.kind not in query.types, not organization.curated, organization.name)


def is_match(ranked: list[Candidate]) -> bool:
    """The first candidate is an exact id, name, alias or abbreviation, and no other matches as well at the same step."""
    if not ranked or ranked[0].score < 100 or ranked[0].how == "fuzzy":
        return False
    return len(ranked) == 1 or ranked[1].score < 100 or STEP[ranked[1].how] > STEP[ranked[0].how]


# ---- the API's answers ----

def type_of(kind: str) -> dict:
    return {"id": kind, "name": kind.capitalize()}


def description(archive: Archive, organization: Organization) -> str:
    parts = [organization.kind.capitalize(), archive.countries.get(organization.country_code or "", ""),
             ", ".join(organization.abbreviations), "" if organization.curated else "found in a text, not in the registry"]
    return " · ".join(part for part in parts if part)


def result(archive: Archive, query: Query) -> dict:
    ranked = candidates(archive, query)
    matched = is_match(ranked)
    return {"result": [{
        "id": c.organization.id, "name": c.organization.name, "description": description(archive, c.organization),
        "score": c.score, "match": matched and number == 0, "type": [type_of(c.organization.kind)],
    } for number, c in enumerate(ranked)]}


def values_of(value) -> list[str]:
    """A property's value as the texts it gives: strings, numbers, and entities by name (else id)."""
    items = value if isinstance(value, list) else [value]
    texts = [item.get("name") or item.get("id") if isinstance(item, dict) else item for item in items]
    return [str(text) for text in texts if isinstance(text, (str, int, float)) and not isinstance(text, bool)]


def query_of(archive: Archive, raw) -> Query:
    """A reconciliation query of a batch, checked as the API's schema has it."""
    if not isinstance(raw, dict) or not isinstance(raw.get("query", ""), str):
        raise BadRequest("each query must be an object whose query is a string")
    given: dict[str, list[str]] = {}
    for item in raw.get("properties") or []:
        if not isinstance(item, dict) or not isinstance(item.get("pid"), str) or "v" not in item:
            raise BadRequest("each property of a query must be an object with a pid and a v")
        given.setdefault(item["pid"], []).extend(values_of(item["v"]))
    countries = [code for code in map(archive.country_code, given.get("country", []) + given.get("country_code", [])) if code]
    abbreviation = next(iter(given.get("abbreviation", [])), None)
    types = raw.get("type") or []
    if not isinstance(types, (str, list)):
        raise BadRequest("the type of a query must be a string or a list of strings")
    limit = raw.get("limit")
    wanted = int(limit) if isinstance(limit, (int, float)) and not isinstance(limit, bool) and limit >= 1 else CANDIDATES
    return Query(text=raw.get("query") or abbreviation or "", country=countries[0] if countries else None,
                 abbreviation=abbreviation, types=tuple([types] if isinstance(types, str) else map(str, types)),
                 limit=min(wanted, MOST_CANDIDATES))


def results(archive: Archive, batch: dict) -> dict:
    """The answer to a batch of queries (all checked first), each answered on its own, as the API asks."""
    queries = {key: query_of(archive, raw) for key, raw in batch.items()}
    return {key: result(archive, query) for key, query in queries.items()}


def parsed(text: str, what: str) -> dict:
    try:
        value = json.loads(text)
    except ValueError:
        raise BadRequest(f"{what} must be JSON") from None
    if not isinstance(value, dict):
        raise BadRequest(f"{what} must be a JSON object")
    return value


@dataclass(frozen=True)
class Urls:
    table: str  # the organizations' table, as an absolute address
    service: str
    site: str  # the site's root, for the reader's pages


def urls_of(datasette, request, database: str) -> Urls:
    table = datasette.absolute_url(request, datasette.urls.table(database, "organizations"))
    return Urls(table, table + "/-/reconcile", datasette.absolute_url(request, datasette.urls.path("/")).rstrip("/"))


def manifest(urls: Urls) -> dict:
    service = {"service_url": urls.service}
    return {
        "versions": ["0.2"],
        "name": "The Internationals Archive: organizations",
        "identifierSpace": urls.table + "/",
        "schemaSpace": urls.table,
        "documentation": urls.table,
        "defaultTypes": [type_of(kind) for kind in KINDS],
        "view": {"url": urls.table + "/{{id}}"},
        "preview": {"url": urls.service + "/preview?id={{id}}", "width": 420, "height": 220},
        "suggest": {what: {**service, "service_path": f"/suggest/{what}"} for what in ("entity", "property", "type")},
        "extend": {"propose_properties": {**service, "service_path": "/properties"}, "property_settings": []},
        "batchSize": BATCH,
    }


# ---- data extension ----

COUNTS = {
    "documents_signed": "select organization_id, count(distinct document_id) from signatories",
    "documents_issued": "select organization_id, count(distinct document_id) from document_issuers",
}
WANTED = " where organization_id in (select value from json_each(?)) group by organization_id"
SECTIONS_OF = ("select distinct organization_id, international_id from sections where international_id is not null"
               " and organization_id in (select value from json_each(?)) order by organization_id, international_id")


def own_values(archive: Archive, organization: Organization) -> dict[str, list[dict]]:
    """The properties an organization's row gives, as the API writes values (none where it is unknown)."""
    def texts(*values: str | None) -> list[dict]:
        return [{"str": value} for value in values if value]

    return {
        "country": texts(archive.countries.get(organization.country_code or "")),
        "country_code": texts(organization.country_code), "kind": texts(organization.kind),
        "abbreviation": texts(*organization.abbreviations), "wikidata": texts(organization.wikidata),
        "partyfacts": [{"int": organization.partyfacts}] if organization.partyfacts is not None else [],
        "curated": [{"int": int(organization.curated)}],
    }


def value_cells(archive: Archive, organization: Organization, facts: dict[str, dict], wanted: str) -> list[dict]:
    """The values of one property of one organization."""
    if wanted in COUNTS:
        return [{"int": facts[wanted].get(organization.id, 0)}]
    if wanted == "sections_of":
        return [{"id": i, "name": archive.organizations[i].name} for i in facts[wanted].get(organization.id, [])
                if i in archive.organizations]
    return own_values(archive, organization)[wanted]


async def facts_of(db, ids: list[str], wanted: list[str]) -> dict[str, dict]:
    """What data extension reads from the rows: counts of documents and the internationals of sections."""
    facts: dict[str, dict] = {}
    for name in [w for w in wanted if w in COUNTS]:
        facts[name] = dict((await db.execute(COUNTS[name] + WANTED, [json.dumps(ids)])).rows)
    if "sections_of" in wanted:
        facts["sections_of"] = {}
        for organization_id, international_id in (await db.execute(SECTIONS_OF, [json.dumps(ids)])).rows:
            facts["sections_of"].setdefault(organization_id, []).append(international_id)
    return facts


async def extended(db, archive: Archive, request: dict, urls: Urls) -> dict:
    ids, wanted = request.get("ids"), request.get("properties")
    if not isinstance(ids, list) or not isinstance(wanted, list) or not all(isinstance(i, str) for i in ids) \
            or not all(isinstance(p, dict) and isinstance(p.get("id"), str) for p in wanted):
        raise BadRequest("extend must have ids (a list of strings) and properties (a list of objects with an id)")
    names = [p["id"] for p in wanted]
    unknown = [name for name in names if name not in PROPERTIES]
    if unknown:
        raise BadRequest(f"no such property: {', '.join(unknown)} (see {urls.service}/properties)")
    facts = await facts_of(db, ids, names)
    rows = {i: {name: value_cells(archive, archive.organizations[i], facts, name) if i in archive.organizations else []
                for name in names} for i in ids}
    meta = [{"id": name, "name": PROPERTIES[name], **({"type": type_of("international")} if name == "sections_of" else {})}
            for name in names]
    return {"meta": meta, "rows": rows}


def proposed(kind: str | None, limit: int | None) -> dict:
    properties = [{"id": pid, "name": name} for pid, name in PROPERTIES.items()]
    answer: dict = {"type": kind or "", "properties": properties[:limit] if limit else properties}
    if limit:
        answer["limit"] = limit
    return answer


# ---- suggest and preview ----

def place_of(name: str, key: str) -> int | None:
    """0: the name is what was typed; 1: it begins with it; 2: one of its words does; None: neither."""
    if name == key:
        return 0
    if name.startswith(key):
        return 1
    return 2 if f" {key}" in f" {name}" else None


def suggested_organizations(archive: Archive, prefix: str) -> list[Organization]:
    """Organizations with a name, abbreviation or id that is what was typed or begins with it (the whole, else a word
    of it), the registry's first."""
    key = name_key(prefix)
    if not key:
        return []
    best: dict[str, int] = {}
    for name, ids in archive.named:
        place = place_of(name, key)
        if place is None:
            continue
        for organization_id in ids:
            best[organization_id] = min(place, best.get(organization_id, place))
    ranked = sorted(best, key=lambda i: (best[i], not archive.organizations[i].curated, archive.organizations[i].name))
    return [archive.organizations[i] for i in ranked]


def suggestions(archive: Archive, what: str, prefix: str, cursor: int) -> dict:
    if what == "entity":
        items = [{"id": o.id, "name": o.name, "description": description(archive, o), "notable": [type_of(o.kind)]}
                 for o in suggested_organizations(archive, prefix)]
    else:
        pairs = PROPERTIES.items() if what == "property" else ((kind, kind.capitalize()) for kind in KINDS)
        items = [{"id": pid, "name": name} for pid, name in pairs if fold(prefix) in fold(name) or fold(prefix) in pid]
    return {"result": items[cursor:cursor + SUGGESTIONS]}


DOCUMENTS = """
    select d.id, d.title, d.date, group_concat(distinct r.role) as roles from (
      select document_id, role from signatories where organization_id = :id
      union all select document_id, 'issuer' from document_issuers where organization_id = :id) r
    join documents d on d.id = r.document_id group by d.id order by d.date desc, d.id limit :limit
"""
CARD = Markup("""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{name}</title>
<style>body{{font:13px/1.4 system-ui,sans-serif;margin:6px 8px;color:#222}}h1{{font-size:15px;margin:0 0 2px}}
p{{margin:2px 0}}ul{{margin:4px 0;padding-left:18px}}a{{color:#0645ad}}.quiet{{color:#666}}</style></head>
<body><h1><a href="{page}" target="_blank" rel="noopener">{name}</a></h1>{original}<p class="quiet">{facts}</p>
{documents}</body></html>""")
DOCUMENT = Markup('<li><a href="{}" target="_blank" rel="noopener">{}</a> <span class="quiet">{} ({})</span></li>')


def documents_list(rows: list, urls: Urls) -> Markup:
    """The documents an organization signed or issued, newest first, each linked to the reader."""
    if not rows:
        return Markup("<p>Signed or issued no document of the archive.</p>")
    more = f" (the latest {PREVIEW_DOCUMENTS})" if len(rows) > PREVIEW_DOCUMENTS else ""
    items = Markup("").join(DOCUMENT.format(f"{urls.site}/read/{row[0]}", row[1] or row[0], row[2] or "undated",
                                            row[3].replace(",", ", ")) for row in rows[:PREVIEW_DOCUMENTS])
    return Markup("<p>Signed or issued{}:</p><ul>{}</ul>").format(more, items)


async def preview_card(db, archive: Archive, organization: Organization, urls: Urls) -> Markup:
    rows = (await db.execute(DOCUMENTS, {"id": organization.id, "limit": PREVIEW_DOCUMENTS + 1})).rows
    original = Markup('<p class="quiet">{}</p>').format(organization.name_original) \
        if organization.name_original and organization.name_original != organization.name else ""
    return CARD.format(name=organization.name, page=f"{urls.table}/{organization.id}", original=original,
                       facts=description(archive, organization), documents=documents_list(list(rows), urls))


# ---- HTTP ----

CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type"}


def answer(data: dict, status: int = 200) -> Response:
    return Response.json(data, status=status, headers=dict(CORS))


async def form_of(request) -> dict[str, str]:
    """The query string's parameters, and a POSTed form's (application/x-www-form-urlencoded), read up to
    LONGEST_BODY."""
    fields = {key: request.args[key] for key in request.args}
    if request.method == "POST":
        body, more = b"", True
        while more:
            message = await request.receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > LONGEST_BODY:
                raise BadRequest(f"a request may send at most {LONGEST_BODY // 1024} KB", status=413)
        fields.update(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
    return fields


async def served(datasette, request) -> tuple:
    """The database named in the address, if it is an archive (it has organizations), and what it holds."""
    name = request.url_vars["database"]
    try:
        db = datasette.get_database(name)
    except KeyError:
        raise BadRequest(f"no database {name!r}", status=404) from None
    if not await db.table_exists("organizations") or not await db.table_exists("build_info"):
        raise BadRequest(f"{name!r} holds no organizations of an archive", status=404)
    return db, await archive_of(db), urls_of(datasette, request, name)


async def in_thread(function, *args):
    return await asyncio.get_running_loop().run_in_executor(None, function, *args)


def handled(view):
    """A view of the service, answering OPTIONS (CORS's preflight) and its errors as JSON, with CORS headers; what it
    answers to GET may be kept as long as Datasette's pages (default_cache_ttl): the database changes only with a
    new build."""
    async def wrapped(datasette, request):
        if request.method == "OPTIONS":
            return Response.text("", status=204, headers=CORS)
        try:
            response = await view(datasette, request, *await served(datasette, request))
        except BadRequest as error:
            return answer({"ok": False, "error": str(error)}, status=error.status)
        if request.method == "GET":
            response.headers["Cache-Control"] = f"max-age={datasette.setting('default_cache_ttl')}"
        return response
    return wrapped


@handled
async def service(datasette, request, db, archive: Archive, urls: Urls) -> Response:
    fields = await form_of(request)
    if "queries" in fields:
        batch = parsed(fields["queries"], "queries")
        if len(batch) > BATCH:
            raise BadRequest(f"a batch may hold at most {BATCH} queries", status=413)
        return answer(await in_thread(results, archive, batch))
    if "extend" in fields:
        return answer(await extended(db, archive, parsed(fields["extend"], "extend"), urls))
    return answer(manifest(urls))


@handled
async def suggest(datasette, request, db, archive: Archive, urls: Urls) -> Response:
    cursor = request.args.get("cursor", "0")
    start = int(cursor) if cursor.isdigit() else 0
    return answer(suggestions(archive, request.url_vars["what"], request.args.get("prefix", ""), start))


@handled
async def properties(datasette, request, db, archive: Archive, urls: Urls) -> Response:
    limit = request.args.get("limit", "")
    return answer(proposed(request.args.get("type"), int(limit) if limit.isdigit() and int(limit) > 0 else None))


@handled
async def preview(datasette, request, db, archive: Archive, urls: Urls) -> Response:
    organization = archive.organizations.get(request.args.get("id", ""))
    if organization is None:
        raise BadRequest(f"no organization {request.args.get('id', '')!r}", status=404)
    card = await preview_card(db, archive, organization, urls)
    return Response.html(str(card), headers=dict(CORS))


@hookimpl
def register_routes():
    return [(SERVICE + r"$", service), (SERVICE + r"/preview$", preview),
            (SERVICE + r"/suggest/(?P<what>entity|property|type)$", suggest), (SERVICE + r"/properties$", properties)]


@hookimpl
def skip_csrf(scope):
    """OpenRefine posts its batches from another site, with no token: the service changes nothing."""
    return bool(re.match(SERVICE, scope.get("path", "")))
