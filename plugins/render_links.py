"""Cells that Datasette would show as plain text but readers need as links or highlights.

- a column named `snippet` holds escaped source text with <mark> around matched words;
- a column whose name ends in `_url` and whose value is a path on this site becomes a link.
Everything else in the value is escaped: text from sources is never rendered as HTML.
"""
from __future__ import annotations

from datasette import hookimpl
from markupsafe import Markup, escape

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


def highlight(value: str) -> Markup:
    """Escape a snippet, then restore only the <mark> tags that FTS5's snippet() put around matches."""
    escaped = str(escape(value))
    return Markup(escaped.replace(str(escape(MARK_OPEN)), MARK_OPEN).replace(str(escape(MARK_CLOSE)), MARK_CLOSE))


def site_link(value: str) -> Markup | None:
    if value.startswith("/") and not value.startswith("//"):
        return Markup('<a href="{0}">{0}</a>').format(value)
    return None


@hookimpl
def render_cell(value, column):
    if not isinstance(value, str):
        return None
    if column == "snippet":
        return highlight(value)
    if column.endswith("_url"):
        return site_link(value)
    return None
