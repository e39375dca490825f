"""The trimmed stylesheets (builder/trimcss.py) style every page exactly as the theme's own:
every element's computed style, and its ::before's and ::after's, is the same in the
published site and in a copy with the untrimmed stylesheets, on a phone and a desktop,
light and dark, with the search dialog open and showing results (classes the theme's
script adds) as well as closed. (Screenshots are not compared: two of the same page
differ by a few pixels.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import material  # type: ignore[import-untyped]
import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import resolve, serve
from tests.conftest import PROJECT

pytestmark = pytest.mark.browser

PAGES = ["/", "/countries/sarvenia/", "/initiatives/meridian-gateway-investment-package/"]
THEME = Path(material.__file__).parent / "templates"


def untrimmed(site: Path, folder: Path) -> Path:
    """A copy of the site with each stylesheet as the theme or the overrides ship it."""
    copy = folder / "untrimmed"
    shutil.copytree(site, copy)
    for sheet in copy.rglob("*.css"):
        name = sheet.relative_to(copy)
        source = next(p for p in (PROJECT / "overrides" / name, THEME / name) if p.is_file())
        shutil.copy(source, sheet)
    return copy


# Each element's computed style, and its pseudo-elements', as one line.
STYLES = """() => [...document.querySelectorAll('*')].map(el => {
  const id = el.tagName + '.' + el.className + '#' + el.id;
  return id + [null, '::before', '::after'].map(pseudo => {
    const style = getComputedStyle(el, pseudo);
    return [...style].sort().map(name => name + ':' + style.getPropertyValue(name)).join(';');
  }).join('|');
})"""


def styles(browser: Browser, site: Path, width: int, scheme: str) -> list[list[str]]:
    found = []
    with serve(site) as base:
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            color_scheme=scheme,  # type: ignore[arg-type]
        )
        page = context.new_page()
        for path in PAGES:
            page.goto(base + resolve(site, path), wait_until="networkidle")
            found.append(page.evaluate(STYLES))
        if width >= 960:  # the theme shows the search field in the header from 60em
            page.locator("input.md-search__input").click()
        else:  # on a phone, behind the header's search button, which focuses it
            page.locator("label.md-header__button[for='__search']").first.click()
        page.wait_for_function("document.getElementById('__search').checked")
        page.keyboard.type("summit")
        page.wait_for_selector(".md-search-result__item")
        page.wait_for_timeout(1500)  # the dialog's transitions, and the page's scroll lock
        found.append(page.evaluate(STYLES))
        context.close()
    return found


@pytest.mark.parametrize(("width", "scheme"), [(390, "light"), (1280, "dark")])
def test_trimmed_stylesheets_draw_the_pages_as_the_themes_own(
    browser: Browser, fixture_site: Path, tmp_path: Path, width: int, scheme: str
) -> None:
    theirs = untrimmed(fixture_site, tmp_path)
    sheets = sorted(fixture_site.rglob("main.*.css"))
    assert sheets, "the theme's stylesheet is in the site"
    assert (
        sheets[0].stat().st_size
        < 0.9 * (theirs / sheets[0].relative_to(fixture_site)).stat().st_size
    )
    ours, expected = (
        styles(browser, fixture_site, width, scheme),
        styles(browser, theirs, width, scheme),
    )
    for page, mine, wanted in zip([*PAGES, "search results"], ours, expected, strict=True):
        assert len(mine) == len(wanted), page
        differing = [(a, b) for a, b in zip(mine, wanted, strict=True) if a != b]
        assert not differing, f"{page}: {differing[0][0][:300]}"
