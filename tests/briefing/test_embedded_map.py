"""The embedded briefing's content, not the tool: its home page's map shows the six
participating countries, each a link a keyboard can reach.

These check the briefing in this checkout's data/ (the first Central Asia + Japan
summit); an analyst who replaces data/ deletes them or rewrites them for the new
briefing. The map itself is tested on a fixture briefing in tests/browser/test_map.py.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import Reader

pytestmark = pytest.mark.browser

COUNTRIES = ["Japan", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]


def test_clicking_a_country_opens_its_page(reader: Reader) -> None:
    tab = reader.goto("/")
    tab.locator(
        "figure.briefing-map svg a", has=tab.locator("title", has_text="Kyrgyzstan")
    ).click()
    tab.wait_for_url("**/countries/kyrgyzstan/")
    assert tab.locator("h1").inner_text().removesuffix("¶") == "Kyrgyzstan"
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
