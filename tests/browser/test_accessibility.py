"""axe-core finds no serious or critical violation, in the light and the dark scheme.

No rule is disabled: where the theme itself fails a rule, the fix lives in the theme edits
(builder/theme.py) or the stylesheet (colours), not here. Run on every renderer's site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import Reader, resolve
from tests.conftest import RENDERERS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session", params=RENDERERS)
def renderer(request: pytest.FixtureRequest) -> str:
    """Every renderer's site, Zensical's too (the other browser tests read two)."""
    return str(request.param)


BLOCKING = ("serious", "critical")
_AXE = Axe()

# Pages of the fixture's site: the home page with its map, and one of each kind.
PAGES = [
    "/",
    "/outcomes/",
    # Arriving by a status badge: the legend's row is the :target.
    "/outcomes/#status-proposed",
    "/countries/sarvenia/",
    "/sectors/energy-and-climate/",
    "/initiatives/meridian-gateway-investment-package/",
    # A cited paragraph (of the Russian source) as :target, so its highlight and <mark>s
    # are checked too.
    "/sources/dorvask-inform-report/#p5",
    # A quote a citation links to, picked out from the others of its paragraph.
    "/sources/joint-statement/#p9-q4",
    "/timeline/",
    "/figures/",
    "/discrepancies/",
    "/glossary/",
    "/people/tomas-reyvik/",
]


def blocking_violations(reader: Reader) -> list[str]:
    """axe-core's serious and critical violations on the page as it stands, described."""
    results: dict[str, Any] = _AXE.run(reader.page).response
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        nodes = "\n".join(
            f"    {', '.join(map(str, node['target']))}: {node.get('failureSummary', '')}"
            for node in violation["nodes"][:5]
        )
        found.append(
            f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes): "
            f"{violation['help']}\n{nodes}"
        )
    return found


def reader_for(scheme: str, reader: Reader, dark_reader: Reader) -> Reader:
    return dark_reader if scheme == "dark" else reader


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", PAGES)
def test_no_serious_violations(
    reader: Reader, dark_reader: Reader, site_dir: Path, page: str, scheme: str
) -> None:
    tab = reader_for(scheme, reader, dark_reader)
    tab.goto(resolve(site_dir, page))
    expected = "slate" if scheme == "dark" else "default"
    assert tab.page.evaluate("document.body.dataset.mdColorScheme") == expected
    violations = blocking_violations(tab)
    assert not violations, f"{page} ({scheme}):\n" + "\n".join(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_violations_with_search_open(
    reader: Reader, dark_reader: Reader, scheme: str, renderer: str
) -> None:
    tab = reader_for(scheme, reader, dark_reader)
    tab.goto("/")
    if renderer == "zensical":
        # Zensical's search is a dialog of its own, opened from a button, in a shadow
        # root: assets/search-dialog.js mends its result paths' contrast and makes its
        # result list focusable (without it: 3.4:1, and a list no keyboard can scroll).
        tab.page.locator(".md-search__button").click()
        tab.page.keyboard.type("Reyvik", delay=30)
        tab.page.get_by_text("results").first.wait_for(state="visible")
    else:
        tab.open_search()
        tab.page.locator("input.md-search__input").press_sequentially("Reyvik", delay=30)
        tab.page.locator(".md-search-result__item").first.wait_for(state="visible")
    tab.page.wait_for_timeout(500)  # let the result list settle
    violations = blocking_violations(tab)
    assert not violations, f"search open ({scheme}):\n" + "\n".join(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", ["/projects/", "/countries/tirmena/"])
def test_no_serious_violations_on_a_phone(
    reader: Reader, dark_reader: Reader, page: str, scheme: str
) -> None:
    # Tables are a card per row there (assets/tables.js and briefing.css).
    tab = reader_for(scheme, reader, dark_reader)
    tab.page.set_viewport_size({"width": 375, "height": 812})
    tab.goto(page)
    assert tab.page.locator("table[data-stack]").count() >= 1
    violations = blocking_violations(tab)
    assert not violations, f"{page} at 375 px ({scheme}):\n" + "\n".join(violations)
