"""The document reader: /read/<document-id>, every paragraph with a permalink and a citation.

Datasette shows rows; people read documents. This page shows a document's passages
in reading order, each with the anchor #p<position> (so /read/<id>#p12 is
paragraph 12), the words of ?q= highlighted, the characters of ?span=<start>-<end>
(offsets in the source's text) marked, and beside the text the document's metadata,
source, issuers, signatories, addressees and demands, each linked to its row and to
its exact characters in the text, the editors' marked as theirs. Every piece of
source text is escaped before it is marked up.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlencode

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

WORD = re.compile(r"\w+")
SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s")


def stem(word: str) -> str:
    """A crude stem, enough to highlight what FTS5's porter stemmer matched."""
    word = "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def highlight(text: str, terms: set[str]) -> Markup:
    """Escaped text with <mark> around the words whose stem is one of the terms' stems."""
    if not terms:
        return Markup(escape(text))
    pieces, cursor = [], 0
    for match in WORD.finditer(text):
        if stem(match.group()) in terms:
            pieces.append(escape(text[cursor:match.start()]))
            pieces.append(Markup("<mark>{}</mark>").format(match.group()))
            cursor = match.end()
    pieces.append(escape(text[cursor:]))
    return Markup("").join(pieces)


def marked(text: str, terms: set[str], span: tuple[int, int] | None) -> Markup:
    """highlight() of the text, with the characters of `span` (offsets in the text) inside <mark class="span">."""
    if span is None:
        return highlight(text, terms)
    start, end = span
    inside = Markup('<mark class="span">{}</mark>').format(highlight(text[start:end], terms))
    return highlight(text[:start], terms) + inside + highlight(text[end:], terms)


def span_of(value: str | None) -> tuple[int, int] | None:
    """?span=<start>-<end>: offsets in the source's text, or None."""
    found = re.fullmatch(r"(\d{1,9})-(\d{1,9})", value or "")
    if not found or int(found.group(1)) >= int(found.group(2)):
        return None
    return int(found.group(1)), int(found.group(2))


def span_url(document_id: str, row: dict) -> str:
    """The reader with exactly a row's characters highlighted: /read/<id>?span=<start>-<end>#p<N>."""
    if row.get("start_char") is None or row.get("paragraph") is None:
        return read_url(document_id)
    return f"/read/{quote(document_id)}?span={row['start_char']}-{row['end_char']}#p{row['paragraph']}"


def terms_of(query: str | None) -> set[str]:
    return {stem(word) for word in WORD.findall(query or "") if len(word) > 1}


def read_url(document_id: str, position: int | None = None, q: str | None = None, start: int | None = None,
             end: int | None = None) -> str:
    """The reader's address of a document, at a paragraph, with words to highlight and a span to mark (in SQL,
    read_url(document_id, position, q) and read_url(document_id, position, q, start_char, end_char))."""
    url = f"/read/{quote(document_id)}"
    query = {**({"q": q} if q else {}), **({"span": f"{start}-{end}"} if start is not None and end is not None else {})}
    if query:
        url += "?" + urlencode(query)
    return url + (f"#p{position}" if position else "")


async def rows(db, sql: str, params: dict) -> list[dict]:
    return [dict(row) for row in (await db.execute(sql, params)).rows]


async def has_table(db, name: str) -> bool:
    return name in await db.table_names()


async def document_context(db, document_id: str, q: str | None, span_arg: str | None = None) -> dict:
    found = await rows(db, "select * from documents where id = :id", {"id": document_id})
    if not found:
        raise NotFound(f"No document {document_id}")
    document = found[0]
    source = (await rows(db, "select id, title, publisher, url, published, language, sha256, path from sources where id = :id",
                         {"id": document["source_id"]}))[0]
    terms = terms_of(q)
    span = span_of(span_arg)
    passages = await rows(db, "select id, position, kind, heading, marker, text, start_char, end_char from passages "
                              "where document_id = :id order by position", {"id": document_id})
    for passage in passages:
        inside = None
        if span and span[0] < passage["end_char"] and passage["start_char"] < span[1]:
            inside = (max(span[0], passage["start_char"]) - passage["start_char"],
                      min(span[1], passage["end_char"]) - passage["start_char"])
        passage["html"] = marked(passage["text"], terms, inside)
        passage["hit"] = bool(terms) and "<mark>" in passage["html"]
        passage["in_span"] = inside is not None
    issuers = await rows(db, """
        select o.id, o.name, group_concat(i.how, ', ') as how from document_issuers i
        join organizations o on o.id = i.organization_id
        where i.document_id = :id group by o.id order by min(i.rowid)""", {"id": document_id}) \
        if await has_table(db, "document_issuers") else []
    linked = {}
    for table in ("signatories", "addressees"):
        if await has_table(db, table):
            linked[table] = await rows(db, f"""
                select t.*, coalesce(o.name, t.name_as_written) as organization, p.position as paragraph from {table} t
                left join organizations o on o.id = t.organization_id left join passages p on p.id = t.passage_id
                where t.document_id = :id order by t.rowid""", {"id": document_id})
    demands = []
    if await has_table(db, "demands"):
        demands = await rows(db, """
            select d.*, p.position as paragraph from demands d join passages p on p.id = d.passage_id
            where d.document_id = :id order by d.start_char""", {"id": document_id})
    for row in [*linked.get("signatories", []), *linked.get("addressees", []), *demands]:
        row["span_url"] = span_url(document_id, row)
    return {
        "document": document, "source": source, "passages": passages, "issuers": issuers,
        "signatories": linked.get("signatories", []), "addressees": linked.get("addressees", []),
        "demands": demands, "q": q or "", "hits": sum(p["hit"] for p in passages), "span": span,
        "issuer_names": ", ".join(i["name"] for i in issuers),
    }


async def read_document(request, datasette):
    document_id = request.url_vars["document_id"]
    db = datasette.get_database("archive")
    context = await document_context(db, document_id, request.args.get("q"), request.args.get("span"))
    context["permanent_base"] = datasette.absolute_url(request, read_url(document_id))
    if request.args.get("_format") == "json":
        document = context["document"]
        body = {
            "document": document, "source": context["source"],
            "passages": [{k: v for k, v in p.items() if k not in ("html", "in_span")} for p in context["passages"]],
            "issuers": context["issuers"], "signatories": context["signatories"],
            "addressees": context["addressees"], "demands": context["demands"],
        }
        return Response.json(body, default=str)
    return Response.html(await datasette.render_template("read.html", context, request=request))


@hookimpl
def register_routes():
    return [(r"^/read/(?P<document_id>[^/.]+)$", read_document)]  # a dot: the citations' /read/<id>.bib, .csl.json


@hookimpl
def prepare_connection(conn):
    conn.create_function("read_url", 3, read_url, deterministic=True)
    conn.create_function("read_url", 5, read_url, deterministic=True)
