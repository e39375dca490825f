"""Browser fixtures: real sites, each built once, served on 127.0.0.1, read by Chromium.

The tool's browser tests (this folder) read the site of the bloc-summit fixture briefing
(tests/fixtures/bloc-summit/), never the embedded briefing in data/: they pass whatever
briefing data/ holds. The embedded briefing's site is built only for the checks of its
content in tests/briefing/, whose conftest binds `site_dir` to it. Each site is built
into a temporary folder (never into docs/ or site/), served by the standard library, and
driven through Playwright with Debian's Chromium. Without that browser the tests skip
locally but fail under CI=true.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    Route,
    ViewportSize,
    sync_playwright,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.conftest import BLOC_SUMMIT, PROJECT, make_project, run_site_build

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOST = "127.0.0.1"
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
Scheme = Literal["light", "dark"]


# The fixture's countries are invented and have no ISO codes, so its site would have no
# map. The copy the browser tests build gives two of them the codes of real countries,
# which the map draws under the invented names; the other two, and the Aurelian Union (an
# organisation), stay off the map and are named in its caption.
FIXTURE_MAP_CODES = {"Sarvenia": "PRT", "Tirmena": "ESP"}


def build_site(root: Path, data: Path, renderer: str = "mkdocs") -> Path:
    """Build the site of a data folder as `make site RENDERER=renderer` does, in a project
    under root (this checkout's code, templates and hand-written pages); return the site
    folder."""
    project = make_project(root, data)
    result = run_site_build(project, renderer)
    if result.returncode:
        raise RuntimeError(
            f"the site did not build (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return project / "site"


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site the way GitHub Pages does: 404.html for a missing page."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port); yield its base URL, no trailing slash."""
    handler = functools.partial(_SiteHandler, directory=str(site))
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def chromium_missing_message() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if CHROMIUM.is_file():
        return None
    return f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)"


@dataclass
class Watch:
    """Everything a page did that a reader of an offline, error-free site should never see."""

    base: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    expected_status: dict[str, int] = field(default_factory=dict)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        url = message.location.get("url", "")
        # Chromium reports an error status of the page itself in the console too.
        if url in self.expected_status and "status of" in message.text:
            return
        self.console_errors.append(f"{message.text} ({url})")

    def on_request_failed(self, request: Request) -> None:
        self.failed.append(f"{request.url}: {request.failure}")

    def on_response(self, response: Response) -> None:
        if response.status >= 400 and self.expected_status.get(response.url) != response.status:
            self.failed.append(f"{response.url}: HTTP {response.status}")

    def route(self, route: Route) -> None:
        """Let through requests to the local server only; record and block the rest."""
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.hostname == LOCAL_HOST:
            route.continue_()
            return
        self.foreign.append(url)
        route.abort("blockedbyclient")

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"uncaught exception: {m}" for m in self.page_errors]
            + [f"failed request: {m}" for m in self.failed]
            + [f"request to another host: {m}" for m in self.foreign]
        )


@dataclass
class Reader:
    """A browser tab on the served site, with a watch on what it requests and logs."""

    page: Page
    base: str
    watch: Watch

    def url(self, path: str) -> str:
        return self.base + path

    def goto(self, path: str, status: int = 200) -> Page:
        """Open a page by its site path (e.g. "/countries/"), wait until it is quiet."""
        url = self.url(path)
        if status != 200:
            self.watch.expected_status[url] = status
        response = self.page.goto(url, wait_until="load")
        assert response is not None, f"no response for {url}"
        assert response.status == status, f"{url}: HTTP {response.status}, expected {status}"
        self.page.wait_for_load_state("networkidle")
        return self.page

    def assert_clean(self) -> None:
        problems = self.watch.problems()
        assert not problems, "\n".join(problems)

    def open_search(self) -> None:
        """Open the search dialog the way a reader does: click the search field or icon."""
        field_ = self.page.locator("input.md-search__input")
        if not field_.is_visible():
            self.page.locator("label.md-header__button[for='__search']").click()
        field_.click()
        self.page.wait_for_function("document.getElementById('__search').checked")


RESULT_LINKS = ".md-search-result__item > a.md-search-result__link"
# The count above the results once a search has run: "No matching documents",
# "1 matching document", "12 matching documents" (Material's English strings). A query
# the search reads as no words at all leaves "Type to start searching" there.
SEARCHED = """() => /matching document/.test(
  document.querySelector('.md-search-result__meta')?.textContent ?? '')"""


def search(reader: Reader, query: str) -> list[str]:
    """Type a query as a reader does and return the result pages' paths, best first
    ([] when the search finds nothing).

    Material searches on key presses (fill() would start no search) and updates the list
    as each key arrives, so the list is read once it has stopped changing.
    """
    reader.goto("/")
    reader.open_search()
    field = reader.page.locator("input.md-search__input")
    field.press_sequentially(query, delay=30)
    # Playwright types what a US keyboard has no key for (Cyrillic, say) as inserted text,
    # with no key events, and the search starts on a key event: a reader's keyboard sends
    # one for every letter. One real key (End moves nothing) stands in for them.
    field.press("End")
    with contextlib.suppress(PlaywrightTimeoutError):  # no count: the list stays empty
        reader.page.wait_for_function(SEARCHED, timeout=10_000)
    seen: list[str] = []
    stable_since = time.monotonic()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        links = reader.page.locator(RESULT_LINKS).evaluate_all("(as) => as.map((a) => a.href)")
        paths = [urlsplit(str(href)).path for href in links]
        if paths != seen:
            seen, stable_since = paths, time.monotonic()
        elif time.monotonic() - stable_since > 0.75:
            break
        time.sleep(0.1)
    return seen


def site_page(site: Path, kind: str, prefer: str = "") -> str:
    """The site path of one built page of a kind ("sectors"): prefer's, else the first."""
    folder = site / kind
    slugs = sorted(p.parent.name for p in folder.glob("*/index.html"))
    assert slugs, f"the built site has no {kind} pages"
    slug = prefer if prefer in slugs else slugs[0]
    return f"/{kind}/{slug}/"


def resolve(site: Path, page: str) -> str:
    """A page given as "/path/", or as "kind:preferred-slug#fragment" for an entity page
    picked from what was built (the slug is preferred, not required)."""
    if page.startswith("/"):
        return page
    ref, _, fragment = page.partition("#")
    kind, _, prefer = ref.partition(":")
    return site_page(site, kind, prefer) + (f"#{fragment}" if fragment else "")


def fixture_data(folder: Path) -> Path:
    """A copy of the bloc-summit fixture's data in folder, with FIXTURE_MAP_CODES."""
    data = folder / "data"
    shutil.copytree(BLOC_SUMMIT / "data", data)
    countries = data / "countries.yaml"
    text = countries.read_text("utf-8")
    for name, code in FIXTURE_MAP_CODES.items():
        line = f"  name: {name}\n"
        assert text.count(line) == 1, f"{name} is not a country of the fixture"
        text = text.replace(line, f"{line}  iso3: {code}\n")
    countries.write_text(text, "utf-8")
    return data


def _built(root: Path, data: Path, renderer: str = "mkdocs") -> Path:
    try:
        return build_site(root, data, renderer)
    except RuntimeError as error:
        pytest.fail(str(error))


# The renderers every browser test runs on: the default and ProperDocs, whose pages are
# Material's. Zensical's search is its own (no Material search field to type into), so on
# Zensical only the accessibility checks run (test_accessibility.py adds it).
BROWSER_RENDERERS = ("mkdocs", "properdocs")
_fixture_sites: dict[str, Path] = {}


@pytest.fixture(scope="session", params=BROWSER_RENDERERS)
def renderer(request: pytest.FixtureRequest) -> str:
    """The renderer whose site the browser tests read (`make site RENDERER=…`)."""
    return str(request.param)


@pytest.fixture(scope="session")
def fixture_site(renderer: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bloc-summit fixture's site (see fixture_data) as the renderer builds it, built
    once per test session and renderer: the site the tool's browser tests read."""
    if renderer not in _fixture_sites:
        root = tmp_path_factory.mktemp(f"browser-fixture-{renderer}")
        data = fixture_data(root / "input")
        (root / "project").mkdir()
        _fixture_sites[renderer] = _built(root / "project", data, renderer)
    return _fixture_sites[renderer]


@pytest.fixture(scope="session")
def embedded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded briefing's site (this checkout's data/), built once per test session;
    only the checks of its content in tests/briefing/ use it."""
    return _built(tmp_path_factory.mktemp("browser-embedded"), PROJECT / "data")


@pytest.fixture(scope="session")
def site_dir(fixture_site: Path) -> Path:
    """The site the browser tests here read: the fixture's. (tests/briefing/ binds it to
    the embedded briefing's site instead.)"""
    return fixture_site


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright; the test skips without it (fails under
    CI=true). The session's one `browser` fixture (tests/conftest.py) starts it: the sync
    API runs one Playwright at a time, and tests/briefing/ shares it with this folder."""
    missing = chromium_missing_message()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing}; browser tests must run under CI=true")
        pytest.skip(missing)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def open_reader(
    browser: Browser, base: str, scheme: Scheme = "light"
) -> tuple[Reader, BrowserContext]:
    """A fresh browser context (no stored palette choice) on the served site."""
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    watch = Watch(base)
    context.route("**/*", watch.route)
    page = context.new_page()
    page.on("console", watch.on_console)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.on("requestfailed", watch.on_request_failed)
    page.on("response", watch.on_response)
    return Reader(page, base, watch), context


@pytest.fixture
def reader(browser: Browser, base_url: str) -> Iterator[Reader]:
    """A browser tab (light scheme, desktop width) on the served site."""
    tab, context = open_reader(browser, base_url)
    yield tab
    context.close()


@pytest.fixture
def dark_reader(browser: Browser, base_url: str) -> Iterator[Reader]:
    """A browser tab whose system preference is dark (the site follows it)."""
    tab, context = open_reader(browser, base_url, "dark")
    yield tab
    context.close()


def assert_first_result(reader: Reader, query: str, expected: str) -> None:
    """The search, typed as a reader types it, puts ``expected`` (a site path) first."""
    results = search(reader, query)
    assert results, f"no results for {query!r}"
    assert results[0] == expected, f"{query!r}: first result {results[0]}, all: {results[:5]}"
    reader.assert_clean()
