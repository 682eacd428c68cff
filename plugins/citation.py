"""Citations of the documents, each naming the version of the archive it was read in.

Researchers cite what they read, and reference managers read citations from the page: Datasette has no notion of
either. So:

- every page's footer names the archive's version (build_info's `version`, which the build takes from
  pyproject.toml): templates/_footer.html shows `archive_version`;
- a reader page carries Highwire `citation_*` meta tags (what Zotero, Google Scholar and other reference managers
  read) and schema.org JSON-LD (what search engines read), through `citation` in read.html's context;
- /read/<id>.bib and /read/<id>.csl.json give the document as BibTeX and as CSL-JSON (the input of citeproc, Zotero,
  Pandoc); `?p=N` gives paragraph N of it, with the paragraph's permanent address.

A document's author is its personal author where the sidecar names one, else the organizations that issued it;
none is guessed. The source's text is data: BibTeX's special characters are escaped, JSON and HTML are escaped by
their writers.
"""
from __future__ import annotations

import json
import re
from weakref import WeakKeyDictionary

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

DATABASE = "archive"
ARCHIVE = "The Internationals Archive"  # when metadata.yml gives no title
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
CSL_TYPES = {"letter": "letter", "article": "article", "web-page": "webpage"}  # any other kind: "document"
BIBTEX_SPECIAL = re.compile(r"[\\{}%&#$_^~]")
# BibTeX counts every brace, escaped or not, to find where a value ends: a brace of the text is a command of its own
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "^": r"\^{}",
                  "~": r"\~{}"}

_versions: WeakKeyDictionary = WeakKeyDictionary()  # Datasette instance → the version its immutable database holds


async def archive_version(datasette) -> str | None:
    """The version the served database was built as, or None when it records none."""
    if DATABASE not in datasette.databases:
        return None
    db = datasette.get_database(DATABASE)
    if not db.is_mutable and datasette in _versions:
        return _versions[datasette]
    version = None
    if await db.table_exists("build_info"):
        row = (await db.execute("select value from build_info where key = 'version'")).first()
        version = row[0] if row else None
    if not db.is_mutable:
        _versions[datasette] = version
    return version


def archive_title(datasette) -> str:
    return datasette.metadata("title") or ARCHIVE


async def citation_record(datasette, document_id: str) -> dict:
    """What a citation of the document says: its title, date, kind, author or issuers, source and reader's path."""
    db = datasette.get_database(DATABASE)
    found = (await db.execute("""
        select d.id, d.title, d.date, d.kind, d.author, read_url(d.id, null, null) as path,
          s.language, s.title as source_title, s.publisher as source_publisher, s.url as source_url,
          s.published as source_published
        from documents d join sources s on s.id = d.source_id where d.id = :id""", {"id": document_id})).first()
    if found is None:
        raise NotFound(f"No document {document_id}")
    record = dict(found)
    issuers = await db.execute("""
        select o.id, o.name from document_issuers i join organizations o on o.id = i.organization_id
        where i.document_id = :id group by o.id order by min(i.rowid)""", {"id": document_id})
    record["issuers"] = [dict(row) for row in issuers.rows]
    return record


def authors(record: dict) -> list[str]:
    """The personal author, else the issuing organizations: whom a citation names first."""
    return [record["author"]] if record["author"] else [issuer["name"] for issuer in record["issuers"]]


def date_parts(date: str | None) -> list[int]:
    return [int(part) for part in date.split("-")] if date else []


def note(record: dict, title: str, version: str | None, paragraph: int | None) -> str:
    """Where the citation points inside the archive, and where the text was first published."""
    parts = [f"Paragraph {paragraph}" if paragraph else None, f"{title}, version {version}" if version else None]
    first = ", ".join(part for part in (record["source_title"], record["source_publisher"], record["source_published"],
                                        record["source_url"]) if part)
    return ". ".join(part for part in [*parts, f"First published in: {first}" if first else None] if part) + "."


def bibtex_text(value: str) -> str:
    """A value of BibTeX written so that none of its characters is taken for BibTeX's or TeX's syntax."""
    return BIBTEX_SPECIAL.sub(lambda m: BIBTEX_ESCAPES.get(m.group(), "\\" + m.group()), " ".join(value.split()))


def bibtex_url(value: str) -> str:
    """A URL as BibTeX's url field takes it (verbatim), with the braces that would end the field percent-encoded."""
    return value.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def braced(value: str) -> str:
    return "{" + bibtex_text(value) + "}"


def bibtex(record: dict, title: str, version: str | None, url: str, paragraph: int | None) -> str:
    """A @misc entry of the document, or of one paragraph of it; howpublished names the archive and its version."""
    key = record["id"] + (f"-p{paragraph}" if paragraph else "")
    # an organization is braced whole, so that BibTeX takes no word of its name for a first name or an "and"
    names = [bibtex_text(name) if record["author"] else braced(name) for name in authors(record)]
    fields: list[tuple[str, str | None]] = [("author", "{" + " and ".join(names) + "}" if names else None),
                                            ("title", "{" + braced(record["title"]) + "}")]
    parts = date_parts(record["date"])
    if parts:
        fields += [("year", f"{{{parts[0]}}}"), ("month", MONTHS[parts[1] - 1] if len(parts) > 1 else None),
                   ("date", braced(record["date"]))]
    fields += [("publisher", braced(title)), ("version", braced(version) if version else None),
               ("howpublished", braced(title + (f", version {version}" if version else ""))),
               ("url", "{" + bibtex_url(url) + "}"), ("note", braced(note(record, title, None, paragraph)))]
    body = ",\n".join(f"  {name} = {value}" for name, value in fields if value)
    return f"@misc{{{key},\n{body}\n}}\n"


def csl_item(record: dict, title: str, version: str | None, url: str, paragraph: int | None) -> dict:
    """The document, or one paragraph of it, as a CSL-JSON item."""
    item: dict = {"id": record["id"] + (f"-p{paragraph}" if paragraph else ""),
                  "type": CSL_TYPES.get(record["kind"] or "", "document"), "title": record["title"]}
    if authors(record):
        item["author"] = [{"literal": name} for name in authors(record)]
    if record["date"]:
        item["issued"] = {"date-parts": [date_parts(record["date"])]}
    if record["kind"]:
        item["genre"] = record["kind"]
    item.update({"publisher": title, "archive": title, "URL": url, "language": record["language"] or "en",
                 "note": note(record, title, version, paragraph)})
    if version:
        item["version"] = version
    if record["source_publisher"]:
        item["original-publisher"] = record["source_publisher"]
    if record["source_published"]:
        item["original-date"] = {"date-parts": [date_parts(record["source_published"])]}
    return item


def highwire(record: dict, title: str, url: str) -> list[tuple[str, str]]:
    """The citation_* meta tags of a reader page (Highwire Press's names, read by Zotero and Google Scholar)."""
    tags = [("citation_title", record["title"]), *(("citation_author", name) for name in authors(record))]
    if record["date"]:
        tags.append(("citation_publication_date", record["date"].replace("-", "/")))
    tags += [("citation_publisher", title), ("citation_public_url", url), ("citation_fulltext_html_url", url),
             ("citation_language", record["language"] or "en")]
    return tags


def json_ld(datasette, request, record: dict, title: str, version: str | None, url: str) -> dict:
    """The document as a schema.org CreativeWork, part of the archive's Dataset, based on its source."""
    def organization(issuer: dict) -> dict:
        path = datasette.urls.row(DATABASE, "organizations", issuer["id"])
        return {"@type": "Organization", "name": issuer["name"], "url": datasette.absolute_url(request, path)}

    work: dict = {"@context": "https://schema.org", "@type": "CreativeWork", "@id": url, "url": url,
                  "identifier": record["id"], "name": record["title"], "inLanguage": record["language"] or "en"}
    if record["author"]:
        work["author"] = {"@type": "Person", "name": record["author"]}
    elif record["issuers"]:
        work["author"] = [organization(issuer) for issuer in record["issuers"]]
    if record["date"]:
        work["datePublished"] = record["date"]
    if record["kind"]:
        work["genre"] = record["kind"]
    work["publisher"] = {"@type": "Organization", "name": title}
    work["isPartOf"] = {"@type": "Dataset", "name": title, "url": datasette.absolute_url(request, "/"),
                        **({"version": version} if version else {})}
    source = {"@type": "CreativeWork", "name": record["source_title"]}
    source.update({key: value for key, value in (("url", record["source_url"]),
                                                 ("datePublished", record["source_published"])) if value})
    if record["source_publisher"]:
        source["publisher"] = {"@type": "Organization", "name": record["source_publisher"]}
    work["isBasedOn"] = source
    return work


async def paragraph_of(datasette, document_id: str, value: str | None) -> int | None:
    """?p=N: a paragraph of the document, or None for the whole document; anything else is not found."""
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise NotFound(f"No paragraph {value} in {document_id}")
    found = (await datasette.get_database(DATABASE).execute(
        "select 1 from passages where document_id = :id and position = :p", {"id": document_id, "p": int(value)})).first()
    if found is None:
        raise NotFound(f"No paragraph {value} in {document_id}")
    return int(value)


async def citation_of(datasette, request) -> tuple[dict, str, str | None, str, int | None]:
    """The record, the archive's title and version, the permanent address and paragraph of a citation request."""
    document_id = request.url_vars["document_id"]
    record = await citation_record(datasette, document_id)
    paragraph = await paragraph_of(datasette, document_id, request.args.get("p"))
    url = datasette.absolute_url(request, record["path"]) + (f"#p{paragraph}" if paragraph else "")
    return record, archive_title(datasette), await archive_version(datasette), url, paragraph


async def bibtex_file(request, datasette):
    record, title, version, url, paragraph = await citation_of(datasette, request)
    return Response(bibtex(record, title, version, url, paragraph), content_type="application/x-bibtex; charset=utf-8")


async def csl_file(request, datasette):
    record, title, version, url, paragraph = await citation_of(datasette, request)
    body = json.dumps([csl_item(record, title, version, url, paragraph)], ensure_ascii=False, indent=2)
    return Response(body, content_type="application/vnd.citationstyles.csl+json; charset=utf-8")


@hookimpl
def register_routes():
    return [(r"^/read/(?P<document_id>[^/.]+)\.bib$", bibtex_file),
            (r"^/read/(?P<document_id>[^/.]+)\.csl\.json$", csl_file)]


@hookimpl
def extra_template_vars(template, datasette, request):
    async def inner():
        version = await archive_version(datasette)
        if template != "read.html" or request is None or "document_id" not in request.url_vars:
            return {"archive_version": version}
        record = await citation_record(datasette, request.url_vars["document_id"])
        title, url = archive_title(datasette), datasette.absolute_url(request, record["path"])
        return {"archive_version": version,
                "citation": {"meta": highwire(record, title, url), "json_ld": json_ld(datasette, request, record, title,
                                                                                       version, url)}}

    return inner
