"""Search finds names, acronyms, initiatives and variant spellings, best match first."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import Reader

pytestmark = pytest.mark.browser

RESULT_LINKS = ".md-search-result__item > a.md-search-result__link"


def search(reader: Reader, query: str) -> list[str]:
    """Type a query as a reader does and return the result pages' paths, best first.

    Material searches on key presses (fill() would start no search) and updates the list
    as each key arrives, so the list is read once it has stopped changing.
    """
    reader.goto("/")
    reader.open_search()
    reader.page.locator("input.md-search__input").press_sequentially(query, delay=30)
    reader.page.locator(RESULT_LINKS).first.wait_for(state="visible")
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
    results = search(reader, query)
    assert results, f"no results for {query!r}"
    assert results[0] == expected, f"{query!r}: first result {results[0]}, all: {results[:5]}"
    reader.assert_clean()


def test_search_result_opens_the_page(reader: Reader) -> None:
    search(reader, "Tokayev")
    reader.page.locator(RESULT_LINKS).first.click()
    reader.page.wait_for_url("**/people/kassym-jomart-tokayev/**")
    assert "Tokayev" in reader.page.locator("article h1").inner_text()
    reader.assert_clean()
