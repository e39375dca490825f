"""The map on the home page: every participant is a named link a keyboard can reach, and
the caption names those it cannot show. The fixture's site, where two of its invented
countries carry the codes of real ones (FIXTURE_MAP_CODES)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import FIXTURE_MAP_CODES, Reader

pytestmark = pytest.mark.browser

COUNTRIES = sorted(FIXTURE_MAP_CODES)
NOT_ON_THE_MAP = ["the Aurelian Union (an organisation)", "Vellaria", "Dorvask"]


def test_clicking_a_country_opens_its_page(reader: Reader) -> None:
    tab = reader.goto("/")
    tab.locator("figure.briefing-map svg a", has=tab.locator("title", has_text="Tirmena")).click()
    tab.wait_for_url("**/countries/tirmena/")
    assert tab.locator("h1").inner_text().removesuffix("¶") == "Tirmena"
    reader.assert_clean()


def test_every_country_is_reachable_by_keyboard(reader: Reader) -> None:
    tab = reader.goto("/")
    links = tab.locator("figure.briefing-map svg a")
    assert links.count() == len(COUNTRIES)
    names = set()
    links.first.focus()
    for _ in range(len(COUNTRIES)):
        names.add(tab.evaluate("document.activeElement.getAttribute('aria-label')"))
        tab.keyboard.press("Tab")
    assert names == set(COUNTRIES)
    # Enter on a focused country follows its link.
    links.first.focus()
    first = tab.evaluate("document.activeElement.getAttribute('aria-label')")
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**/countries/{first.lower()}/")
    reader.assert_clean()


def test_map_has_a_text_alternative(reader: Reader) -> None:
    tab = reader.goto("/")
    svg = tab.locator("figure.briefing-map svg")
    title_id = svg.get_attribute("aria-labelledby")
    assert title_id
    assert (tab.locator(f"[id='{title_id}']").text_content() or "").startswith("Map:")
    caption = tab.locator("figure.briefing-map figcaption").inner_text()
    assert "Not on the map:" in caption
    for name in NOT_ON_THE_MAP:
        assert name in caption, caption
