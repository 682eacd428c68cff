"""Charts: the canned queries that declare one load the chart code and draw it; no other page loads any."""
from __future__ import annotations

import hashlib
import re

import pytest
import yaml
from support import ROOT, load_plugin

charts = load_plugin("charts")
METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text())
QUERIES = METADATA["databases"]["archive"]["queries"]
CHARTED = sorted(name for name, query in QUERIES.items() if "chart" in query)


def scripts(html: str) -> list[str]:
    return re.findall(r'<script[^>]* src="([^"]+)"', html)


def test_the_two_charts_of_the_archive_are_declared():
    assert {"documents_by_year", "demands_by_theme_counts"} <= set(CHARTED)


@pytest.mark.parametrize("name", CHARTED)
async def test_a_chart_page_loads_the_chart_code_and_draws_its_declared_chart(ds, name):
    html = (await ds.client.get(f"/archive/{name}")).text
    assert scripts(html)[:len(charts.CHART_CODE)] == charts.CHART_CODE
    (call,) = re.findall(r"drawChart\((\{.*?\})\);", html)
    assert yaml.safe_load(call) == {**QUERIES[name]["chart"], "title": QUERIES[name]["title"]}
    for path in charts.CHART_CODE:
        assert (await ds.client.get(path)).status_code == 200, path


@pytest.mark.parametrize("name", CHARTED)
async def test_a_chart_names_columns_its_query_gives(ds, name):
    chart = QUERIES[name]["chart"]
    columns = (await ds.client.get(f"/archive/{name}.json")).json()["columns"]
    assert chart["mark"] in charts.MARKS
    assert {chart[key] for key in ("x", "y", "fill") if key in chart} <= set(columns)


@pytest.mark.parametrize("path", [
    "/", "/read/icmlpo-2009-11-resolution-on-iran", "/archive", "/archive/documents", "/archive/documents/icmlpo-2009-11-resolution-on-iran",
    "/archive/search?q=peru", "/archive/sections_map", "/archive?sql=select+year,+count(*)+as+documents+from+documents+group+by+year",
    "/-/search?q=peru",
])
async def test_no_page_without_a_chart_loads_chart_code(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200
    assert not set(scripts(response.text)) & set(charts.CHART_CODE)
    assert "drawChart(" not in response.text


def test_the_settings_of_a_chart_cannot_close_its_script_element():
    class Site:
        def metadata(self, key, database):
            return {"q": {"title": "</script><script>alert(1)</script>", "chart": {"mark": "barY", "x": "a", "y": "b"}}}

    class Request:
        url_vars = {"database": "archive", "table": "q"}

    script = charts.extra_body_script("query.html", Site(), Request())
    assert "</script>" not in script and "\\u003c/script>" in script
    assert charts.extra_body_script("table.html", Site(), Request()) is None  # a table named like it draws nothing


def test_the_vendored_chart_code_is_the_published_code_with_its_licenses():
    vendor = ROOT / "static" / "vendor"
    listed = dict(re.findall(r"^\| `([^`]+\.js)` \|.*\| `([0-9a-f]{64})` \|$", (vendor / "README.md").read_text(), re.M))
    assert sorted(f"/static/vendor/{name}" for name in listed) == sorted(p for p in charts.CHART_CODE if "/vendor/" in p)
    for name, digest in listed.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == digest, name
    for license_file in ("LICENSE-plot", "LICENSE-d3"):
        assert "Permission to use, copy, modify" in (vendor / license_file).read_text()
