"""The embedded briefing's content, not the tool: its site's search finds its leaders,
acronyms, initiatives and the variant spellings its sources use, best match first.

These check the briefing in this checkout's data/ (the first Central Asia + Japan
summit); an analyst who replaces data/ deletes them or rewrites them for the new
briefing. The search itself is tested on a fixture briefing in tests/browser/.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import RESULT_LINKS, Reader, assert_first_result, search

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("Tokayev", "/people/kassym-jomart-tokayev/", id="leader"),
        pytest.param("JICA", "/organisations/jica/", id="acronym"),
        pytest.param("digital hub", "/initiatives/ca-japan-digital-hub/", id="initiative"),
        pytest.param("Takichi", "/people/sanae-takaichi/", id="variant-takichi"),
        pytest.param("Zaparov", "/people/sadyr-japarov/", id="variant-zaparov"),
    ],
)
def test_search_puts_the_right_page_first(reader: Reader, query: str, expected: str) -> None:
    assert_first_result(reader, query, expected)


def test_search_result_opens_the_page(reader: Reader) -> None:
    search(reader, "Tokayev")
    reader.page.locator(RESULT_LINKS).first.click()
    reader.page.wait_for_url("**/people/kassym-jomart-tokayev/**")
    assert "Tokayev" in reader.page.locator("article h1").inner_text()
    reader.assert_clean()
