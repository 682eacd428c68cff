"""Cells that Datasette would show as plain text but readers need as links or highlights.

- a column named `snippet` holds escaped source text with <mark> around matched words;
- a column whose name ends in `_url` and whose value is a path on this site becomes a link;
- an organization's `wikidata` item and `partyfacts` id link to their pages there.
Everything else in the value is escaped: text from sources is never rendered as HTML.
"""
from __future__ import annotations

import re

from datasette import hookimpl
from markupsafe import Markup, escape

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
EXTERNAL = {  # column of organizations -> the address of the page its identifier names
    "wikidata": "https://www.wikidata.org/wiki/{}",
    "partyfacts": "https://partyfacts.herokuapp.com/data/partycodes/{}/",
}
IDENTIFIER = {"wikidata": re.compile(r"Q[1-9][0-9]*"), "partyfacts": re.compile(r"[1-9][0-9]*")}


def highlight(value: str) -> Markup:
    """Escape a snippet, then restore only the <mark> tags that FTS5's snippet() put around matches."""
    escaped = str(escape(value))
    return Markup(escaped.replace(str(escape(MARK_OPEN)), MARK_OPEN).replace(str(escape(MARK_CLOSE)), MARK_CLOSE))


def site_link(value: str) -> Markup | None:
    if value.startswith("/") and not value.startswith("//"):
        return Markup('<a href="{0}">{0}</a>').format(value)
    return None


def external_link(column: str, value: object) -> Markup | None:
    """The identifier as a link to its page, if it has the form the registry allows (the registry checks it too)."""
    identifier = str(value)
    if not IDENTIFIER[column].fullmatch(identifier):
        return None
    return Markup('<a href="{0}">{1}</a>').format(EXTERNAL[column].format(identifier), identifier)


@hookimpl
def render_cell(value, column, table):
    if table == "organizations" and column in EXTERNAL and value is not None:
        return external_link(column, value)
    if not isinstance(value, str):
        return None
    if column == "snippet":
        return highlight(value)
    if column.endswith("_url"):
        return site_link(value)
    return None
