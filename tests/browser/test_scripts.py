"""The JavaScript pages load, as a browser counts it: chart code only where a chart is drawn, and a light reader.

Every script a page runs is counted: each file it loads (its body, uncompressed) and each script written into the
page; JSON-LD is data and is not counted.
"""
from __future__ import annotations

import pytest
from support import load_plugin

pytest.importorskip("playwright.sync_api", reason="the Playwright package is not installed")

CHART_CODE = load_plugin("charts").CHART_CODE
READER_BUDGET = 150 * 1024  # bytes of JavaScript, uncompressed, on a reader page
INLINE = """() => [...document.querySelectorAll('script:not([src])')]
    .filter(s => !s.type || /javascript|module/.test(s.type))
    .map(s => new TextEncoder().encode(s.textContent).length)"""


def scripts_of(page, path: str) -> dict[str, int]:
    """The scripts a page loads and runs: their addresses (inline scripts as 'inline N') and their sizes in bytes."""
    loaded: dict[str, int] = {}

    def on_response(response) -> None:
        if response.request.resource_type == "script":
            loaded[response.url] = len(response.body())

    page.on("response", on_response)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", on_response)
    loaded.update({f"inline {n}": size for n, size in enumerate(page.evaluate(INLINE))})
    return loaded


@pytest.mark.parametrize("path", [
    "/read/icmlpo-2009-11-resolution-on-iran", "/read/workers-voice-our-international?q=peru#p27",
    "/read/rcit-struggle-for-power-permanent-revolution",
])
def test_a_reader_page_runs_under_150_kb_of_javascript_and_no_chart_code(page, problems, server, path):
    scripts = scripts_of(page, path)
    assert not [url for url in scripts if any(url.endswith(code) for code in CHART_CODE)]
    assert sum(scripts.values()) < READER_BUDGET, scripts
    assert problems == []


@pytest.mark.parametrize("path", [
    "/", "/-/search?q=peru", "/archive", "/archive/documents", "/archive/passages?_search=wages",
    "/archive/search?q=peru", "/archive/sections_map", "/archive/organizations/icmlpo",
])
def test_no_page_without_a_chart_loads_chart_code(page, problems, path):
    scripts = scripts_of(page, path)
    assert not [url for url in scripts if any(url.endswith(code) for code in CHART_CODE)], scripts
    assert problems == []


@pytest.mark.parametrize("query", ["documents_by_year", "demands_by_theme_counts"])
def test_a_chart_page_loads_the_chart_code(page, problems, server, query):
    scripts = scripts_of(page, f"/archive/{query}")
    assert sorted(f"{server}{code}" for code in CHART_CODE) == sorted(url for url in scripts if any(url.endswith(c) for c in CHART_CODE))
    assert page.locator("figure.archive-chart svg").count() >= 1
    assert problems == []
