"""The publication in a real browser: bin/serve on a free loopback port, driven by headless Chromium.

The browser is Debian's chromium (bin/install-browser puts it at /usr/bin/chromium; set CHROMIUM
to use another), launched by Playwright through its path: Playwright's own browser downloads are
never used. Without the Playwright package or a Chromium that starts, every test here is skipped
with the reason.

Requests to any host other than the test server are aborted, so the pages behave the same with or
without a network (map tiles come from the internet and are only images). A page's JavaScript
errors, its console errors and its failed requests to the test server are recorded; failed loads
from other hosts are not.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support import ROOT, stop

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium's own connections (QUIC, updates, sync) fail or hang on a closed network.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
HOST = "127.0.0.1"
STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"bin/serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"bin/serve did not answer {url} within {STARTUP_SECONDS}s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def server(archive_db, tmp_path_factory) -> str:
    """The base URL of bin/serve serving a database built from a copy of raw/."""
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "bin" / "serve"), str(archive_db), "--host", HOST, "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
        )
    base = f"http://{HOST}:{port}"
    try:
        wait_until_serving(base + "/-/versions.json", process, log)
        yield base
    finally:
        stop(process)


@pytest.fixture(scope="module")
def browser():
    # Module scope, not session: while Playwright's sync API is started it holds an event loop
    # running, and the suite's asyncio tests cannot run until it stops.
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        pytest.skip(f"the Playwright package is not installed ({error}): pip install -e '.[test]'")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: run `bash bin/install-browser` (or set CHROMIUM)")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Error as error:
        playwright.stop()
        pytest.skip(f"Chromium at {CHROMIUM} would not start: {error}")
    yield browser
    browser.close()
    playwright.stop()


class Problems(list):
    """What went wrong in the pages of one test, as readable lines."""

    def __init__(self, base: str):
        super().__init__()
        self.host = urlsplit(base).netloc

    def is_ours(self, url: str) -> bool:
        return urlsplit(url).netloc == self.host

    def on_console(self, message) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if message.text.startswith("Failed to load resource") and url and not self.is_ours(url):
            return  # an external host (map tiles), unreachable here and aborted anyway
        self.append(f"console error: {message.text} at {url or '?'}")

    def on_page_error(self, error) -> None:
        self.append(f"JavaScript error: {error}")

    def on_request_failed(self, request) -> None:
        if self.is_ours(request.url):
            self.append(f"failed request: {request.url} ({request.failure})")

    def on_response(self, response) -> None:
        if self.is_ours(response.url) and response.status >= 400:
            self.append(f"HTTP {response.status}: {response.url}")


@pytest.fixture
def problems(server) -> Problems:
    return Problems(server)


@pytest.fixture
def page(browser, server, problems):
    """A fresh browser page whose errors land in `problems`; tests assert `problems == []`."""
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)

    def only_the_test_server(route):
        if problems.is_ours(route.request.url) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_the_test_server)
    page = context.new_page()
    page.on("console", problems.on_console)
    page.on("pageerror", problems.on_page_error)
    page.on("requestfailed", problems.on_request_failed)
    page.on("response", problems.on_response)
    yield page
    context.close()


# What the accessibility test finds below its bar (moderate and minor violations), shown at the end of the run.
ACCESSIBILITY_NOTES = pytest.StashKey[list[str]]()


@pytest.fixture
def accessibility_notes(request) -> list[str]:
    """Lines for the run's closing summary: the accessibility test appends what it does not fail on."""
    return request.config.stash.setdefault(ACCESSIBILITY_NOTES, [])


def pytest_terminal_summary(terminalreporter, config) -> None:
    notes = config.stash.get(ACCESSIBILITY_NOTES, [])
    if notes:
        terminalreporter.section("accessibility: moderate and minor violations (axe-core), not failed on")
        for line in notes:
            terminalreporter.write_line(line)
