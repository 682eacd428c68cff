"""Charts of the canned queries that declare one, with the chart code loaded on their pages only.

A canned query of metadata.yml may say how its rows are drawn, by the names of its columns:

    chart: {mark: barY, x: year, y: documents, fill: kind}     # vertical bars, stacked by kind
    chart: {mark: barX, x: demands, y: theme}                  # horizontal bars, longest first

Its page then draws the chart above its table (static/charts.js, with Observable Plot on D3, vendored unchanged in
static/vendor/ with their licenses: about 490 KB). No other page loads any chart code: datasette-vega, which this
replaces, loaded its 944 KB bundle of 2018 on every page, the reader's included, for two charts.
"""
from __future__ import annotations

import json

from datasette import hookimpl

DATABASE = "archive"
MARKS = ("barX", "barY")
CHART_CODE = ["/static/vendor/d3-7.9.2.min.js", "/static/vendor/plot-0.6.17.umd.min.js", "/static/charts.js"]


def chart_of(datasette, template: str, request) -> dict | None:
    """The chart of the canned query a page shows, with the query's title, or None."""
    if request is None or not template.startswith("query") or request.url_vars.get("database") != DATABASE:
        return None
    query = (datasette.metadata("queries", database=DATABASE) or {}).get(request.url_vars.get("table") or "")
    if not isinstance(query, dict):
        return None
    chart = query.get("chart")
    if not isinstance(chart, dict) or chart.get("mark") not in MARKS:
        return None
    return {**chart, "title": query.get("title") or request.url_vars["table"]}


@hookimpl
def extra_js_urls(template, datasette, request):
    return CHART_CODE if chart_of(datasette, template, request) else []


@hookimpl
def extra_body_script(template, datasette, request):
    chart = chart_of(datasette, template, request)
    if chart is None:
        return None
    # the settings as a JavaScript value; "<" written as an escape, so that no text can close the script element
    return "drawChart(" + json.dumps(chart).replace("<", "\\u003c") + ");"
