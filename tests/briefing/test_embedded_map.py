"""The embedded briefing's content, not the tool: its home page's map shows the six
participating countries, each a link to its page.

These check the briefing in this checkout's data/ (the first Central Asia + Japan
summit); an analyst who replaces data/ deletes them or rewrites them for the new
briefing. How the map works (clicks, keyboard, text alternative, caption) is tested on a
fixture briefing in tests/browser/test_map.py.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import Reader

pytestmark = pytest.mark.browser

COUNTRIES = ["Japan", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]


def test_the_map_shows_the_six_countries_each_linked(reader: Reader) -> None:
    tab = reader.goto("/")
    links = tab.locator("figure.briefing-map svg a")
    labels = links.evaluate_all("(as) => as.map((a) => a.getAttribute('aria-label'))")
    assert sorted(labels) == COUNTRIES
    hrefs = links.evaluate_all("(as) => as.map((a) => a.getAttribute('href'))")
    assert sorted(hrefs) == [f"countries/{name.lower()}/" for name in COUNTRIES]
    reader.assert_clean()
