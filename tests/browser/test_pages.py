"""Every kind of page opens in a real browser with no error and nothing fetched from afar."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import Reader, resolve

pytestmark = pytest.mark.browser

# One page of every kind of the fixture's site, the Russian source among them.
PAGES = [
    "/",
    "/outcomes/",
    "/countries/sarvenia/",
    "/sectors/energy-and-climate/",
    "/initiatives/meridian-gateway-investment-package/",
    "/projects/alvenna-tessmar-railway-extension/",
    "/people/tomas-reyvik/",
    "/organisations/aurelian-union/",
    "/sources/dorvask-inform-report/",
    "/timeline/",
    "/figures/",
    "/discrepancies/",
    "/glossary/",
    "/coverage/",
    "/method/",
    "/countries/",
    "/sectors/",
    "/initiatives/",
    "/projects/",
    "/people/",
    "/organisations/",
    "/sources/",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_cleanly(reader: Reader, site_dir: Path, page: str) -> None:
    path = resolve(site_dir, page)
    tab = reader.goto(path)
    assert tab.locator("article h1").count() == 1, f"{path}: expected one page heading"
    assert tab.title(), f"{path}: the page has no title"
    reader.assert_clean()


def test_missing_page_is_the_sites_404(reader: Reader) -> None:
    tab = reader.goto("/no/such/page/", status=404)
    assert "404" in tab.locator("article").inner_text()
    # The 404 page is styled and scripted like every other page.
    assert tab.locator("header.md-header").is_visible()
    reader.assert_clean()
