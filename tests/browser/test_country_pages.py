"""A country's page answers "what does this mean for this country" on its first screen,
and two countries' first screens differ."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Reader

pytestmark = pytest.mark.browser

FIRST_SCREEN = 800  # px, at the desktop viewport

# The text of the article's blocks that start within the first screen.
FIRST_SCREEN_JS = """
(limit) => [...document.querySelectorAll('article.md-content__inner > *')]
  .filter((el) => el.getBoundingClientRect().top < limit)
  .map((el) => el.innerText.trim())
  .filter(Boolean)
"""


def first_screen(reader: Reader, country: str) -> list[str]:
    tab = reader.goto(f"/countries/{country}/")
    tab.evaluate("window.scrollTo(0, 0)")
    return list(tab.evaluate(FIRST_SCREEN_JS, FIRST_SCREEN))


def test_the_summary_is_on_the_first_screen(reader: Reader) -> None:
    blocks = first_screen(reader, "tirmena")
    text = "\n".join(blocks)
    assert "What it means for Tirmena" in text
    assert "Took part in the Aurelian Union – Meridian States Summit" in text
    assert re.search(r"Put forward 2 initiatives", text), text
    assert re.search(r"1 project in Tirmena \(2027–2030\)", text), text
    reader.assert_clean()


def test_two_countries_differ_on_the_first_screen(reader: Reader) -> None:
    tirmena = [b.replace("Tirmena", "X") for b in first_screen(reader, "tirmena")]
    sarvenia = [b.replace("Sarvenia", "X") for b in first_screen(reader, "sarvenia")]
    # The name aside, what the two pages say first is not the same.
    assert tirmena != sarvenia
    different = [line for line in tirmena if line not in sarvenia]
    assert len(different) >= 2, different


def test_the_shared_initiatives_are_one_line_and_nothing_is_listed_twice(reader: Reader) -> None:
    tab = reader.goto("/countries/tirmena/")
    hrefs = tab.locator("article a[href*='/initiatives/']").evaluate_all(
        "(as) => as.map((a) => new URL(a.href).pathname)"
    )
    pages = [h for h in hrefs if h.rstrip("/").count("/") == 2]  # an initiative's own page
    assert pages
    assert len(pages) == len(set(pages)), pages
    shared = tab.locator("#shared")
    assert "every participant alike" in shared.inner_text()
    assert shared.locator("a").count() == 1
