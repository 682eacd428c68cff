"""Every page type as axe-core sees it, and the way from the home page's search box to a paragraph, keyboard alone.

axe-core (the engine of the browsers' own accessibility audits) comes bundled in the axe-playwright-python package,
locked in uv.lock, and runs inside each page once the page and its scripts have drawn it. A serious or critical
violation fails the test; moderate and minor ones are listed at the end of the run (README: what remains, and why).
"""
from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

import pytest
import yaml
from support import ROOT

playwright_api = pytest.importorskip("playwright.sync_api", reason="the Playwright package is not installed")
axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed")
expect = playwright_api.expect

FAILING = {"serious", "critical"}
SCREENS = {"wide": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}  # a phone's layout differs

# The search query's words, and a source the archive began with that has them (workers-voice-our-international).
WORDS = "peru"
QUERIES = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))["databases"]["archive"]["queries"]

PAGES = [
    "/",
    "/read/workers-voice-our-international?q=peru#p27",
    "/read/icmlpo-2009-11-resolution-on-iran",
    f"/-/search?q={WORDS}",
    f"/search?q={WORDS}",
    f"/search?q={WORDS}&only=passages&kind=letter",  # a filter set
    "/archive",
    "/archive/organizations",
    "/archive/organizations?kind=party",  # a filter set: its row of controls, numbered
    "/archive/documents",
    "/archive/passages?_search=wages",
    "/archive/organizations/jrcl-rmf",
    "/archive/passages/workers-voice-our-international-p27",
    "/archive/no-such-table",  # the error page
]


def canned_query_page(name: str, sql: str) -> str:
    """A canned query's page, with its parameters empty (all rows) but the search's words."""
    parameters = dict.fromkeys(dict.fromkeys(re.findall(r"(?<!:):(\w+)", sql)), "")
    if name == "search":
        parameters["q"] = WORDS
    return f"/archive/{name}" + (f"?{urlencode(parameters)}" if parameters else "")


PAGES += [canned_query_page(name, query["sql"]) for name, query in QUERIES.items()]

# The pictures drawn from a page's rows, as the home page links to them; and what each is drawn into.
PICTURES = {"a.home-map": ".leaflet-marker-icon", "a.home-chart-documents": ".archive-chart svg",
            "a.home-chart-demands": ".archive-chart svg"}


def violations(page) -> list[dict]:
    return axe_playwright.Axe().run(page).response["violations"]


def described(violation: dict) -> str:
    nodes = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    return f"{violation['impact']} {violation['id']} ({len(violation['nodes'])}: {nodes}): {violation['help']}"


def audit(page, path: str, notes: list[str]) -> None:
    """Fail on the page's serious and critical violations; note the others."""
    found = violations(page)
    failing = [described(v) for v in found if v["impact"] in FAILING]
    notes += [f"{path}: {described(v)}" for v in found if v["impact"] not in FAILING]
    assert failing == [], f"{path}:\n" + "\n".join(failing)


def local(url: str) -> str:
    """A page's address on this site: its path, query and fragment."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def settled(page) -> None:
    page.wait_for_load_state("networkidle")
    if urlsplit(page.url).path == "/-/search":  # its results are fetched table by table after the page loads
        expect(page.locator("#search-all-results h2").first).to_be_visible()


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", PAGES)
def test_a_page_has_no_serious_accessibility_violation(page, path, screen, accessibility_notes):
    page.set_viewport_size(SCREENS[screen])
    page.goto(path)
    settled(page)
    audit(page, f"{path} ({screen})", accessibility_notes)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("link, drawn", PICTURES.items())
def test_a_map_or_chart_has_no_serious_accessibility_violation_once_drawn(page, link, drawn, screen, accessibility_notes):
    page.goto("/")
    if page.locator(link).count() == 0:
        pytest.skip(f"no {link} on the home page of this archive")
    page.set_viewport_size(SCREENS[screen])
    page.locator(link).click()
    expect(page.locator(drawn).first).to_be_visible(timeout=15_000)
    settled(page)
    audit(page, f"{local(page.url)} ({screen})", accessibility_notes)


@pytest.mark.parametrize("link, drawn", PICTURES.items())
def test_a_map_or_chart_is_named_as_a_picture_of_the_table_that_follows_it(page, link, drawn):
    page.goto("/")
    if page.locator(link).count() == 0:
        pytest.skip(f"no {link} on the home page of this archive")
    page.click(link)
    expect(page.locator(drawn).first).to_be_visible(timeout=15_000)
    picture = page.locator("[data-text-alternative]")
    expect(picture).to_have_count(1)
    expect(picture).to_have_attribute("role", "figure")
    expect(picture).to_have_attribute("aria-label", re.compile(r"^(Map|Chart) of the rows in the table that follows"))
    rows = page.locator("#rows")
    expect(rows.locator("table.rows-and-columns tbody tr").first).to_be_visible()
    assert picture.evaluate("(p) => !!(p.compareDocumentPosition(document.getElementById('rows').querySelector('table'))"
                            " & Node.DOCUMENT_POSITION_FOLLOWING)")
    if not picture.evaluate("(p) => document.getElementById('rows').contains(p)"):  # the map, before the table
        skip = page.locator("a.text-alternative")
        expect(skip).to_have_attribute("href", "#rows")
        assert skip.evaluate("(a) => a.nextElementSibling.hasAttribute('data-text-alternative')")


# Where the keyboard's focus is, and whether it shows: an outline or a box shadow that is drawn.
FOCUSED = """(selector) => {
  const e = document.activeElement, style = getComputedStyle(e);
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  return {matches: e.matches(selector), what: e.outerHTML.slice(0, 120), ring: ring};
}"""


def tab_to(page, selector: str, most: int = 200) -> None:
    """Press Tab until the focus is on an element matching selector; every element passed shows its focus."""
    unseen = []
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED, selector)
        if not focused["ring"]:
            unseen.append(focused["what"])
        if focused["matches"]:
            assert unseen == [], f"the focus does not show on: {unseen}"
            return
    pytest.fail(f"{most} presses of Tab never reached {selector} on {page.url}")


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is in the content, not the navigation
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_from_the_search_box_to_a_paragraph_and_its_citation_with_the_keyboard_alone(page, problems):
    page.goto("/")
    tab_to(page, "#home-q")
    page.keyboard.type("immigrants")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=immigrants$"))

    tab_to(page, "a.search-passage-link")  # a result: the passage that best matches, linked to the reader
    href = page.evaluate("document.activeElement.getAttribute('href')")
    paragraph = href.rsplit("#p", 1)[1]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/read/[^?#]+\?q=immigrants#p{paragraph}$"))
    expect(page.locator(f"#p{paragraph}")).to_be_in_viewport()

    tab_to(page, f"a.permalink:not([href='#p{paragraph}'])")  # the focus goes on from the paragraph opened
    following = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"#{following[1:]}$"))
    target = page.locator(following)
    assert target.evaluate("e => e.matches(':target')")
    expect(target).to_be_in_viewport()

    tab_to(page, f"{following} details.cite summary")
    page.keyboard.press("Enter")
    citation = page.locator(f"{following} .citation")
    expect(citation).to_be_visible()
    expect(citation).to_contain_text(f"paragraph {following[2:]}. The Internationals Archive")
    tab_to(page, f"{following} .citation-link a")
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith(following)
    assert problems == []
