"""Hostile data in a real browser: every free-text field of the tiny fixture holds markup
that would run if anything inserted it as HTML, and the reader hovers everything that
can show a tooltip.

The static HTML of such a site can look clean while the theme's JavaScript turns an
escaped attribute back into markup (a tooltip built from a ``title`` with innerHTML):
only a browser shows that, so this pass hovers abbreviations, titled elements and
truncated labels on every page kind and looks at the live DOM afterwards.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Locator
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.conftest import open_reader, serve
from tests.conftest import TINY, make_project, run_site_build
from tests.hostile import poison_folder

pytestmark = pytest.mark.browser

# Anything data could have planted: a handler attribute, the payload's image, a script
# that is not the theme's own.
PLANTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      if (attr.startsWith('on')) found.push(el.tagName + ' ' + attr);
    }
  }
  for (const img of document.querySelectorAll('img[src="x"]')) found.push('img src=x');
  for (const s of document.querySelectorAll('script:not([src])')) {
    if (s.type !== 'application/ld+json' && s.textContent.includes('alert(')) {
      found.push('inline script with data');
    }
  }
  return found;
}"""
HOVERED = "abbr, [title], .md-ellipsis"
MAX_HOVERS = 40  # per page: enough for every abbreviation and title of the tiny site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-browser")
    data = root / "data"
    shutil.copytree(TINY / "data", data)
    assert poison_folder(data) > 40, "the poisoner found too few free-text fields"
    (root / "project").mkdir()
    project = make_project(root / "project", data)
    result = run_site_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as url:
        yield url


def _pages(site: Path) -> list[str]:
    """One page of each kind: every top-level page and the first of each folder."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        parts = path.relative_to(site).parts[:-1]
        if len(parts) <= 1 or parts[-1] == sorted(p.name for p in path.parent.parent.iterdir())[0]:
            pages.append("/" + "".join(f"{p}/" for p in parts))
    return pages


def test_hovering_hostile_text_plants_nothing(
    browser: Browser, hostile_site: Path, hostile_url: str
) -> None:
    reader, context = open_reader(browser, hostile_url)
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{reader.page.url}: {dialog.message}")
        dialog.dismiss()

    reader.page.on("dialog", on_dialog)
    pages = _pages(hostile_site)
    assert len(pages) >= 15, pages
    abbreviations = hovered = 0
    try:
        for path in pages:
            page = reader.goto(path)
            abbreviations += page.locator("abbr").count()
            targets = page.locator(HOVERED)
            for position in range(min(targets.count(), MAX_HOVERS)):
                target = targets.nth(position)
                if target.is_visible():
                    hovered += _hover(target)
            planted = page.evaluate(PLANTED)
            assert not planted, f"{path}: {planted}"
    finally:
        context.close()
    assert abbreviations > 0, "no abbreviation was hovered: the payload's term had no tooltip"
    assert not dialogs, dialogs
    assert hovered > 40, f"only {hovered} elements could be hovered"


def _hover(target: Locator) -> int:
    """Hover an element as a mouse would (1), or 0 when something covers it wherever it
    scrolls to (the sticky header over a heading's permalink, for instance)."""
    target.evaluate("element => element.scrollIntoView({block: 'center'})")
    try:
        target.hover(timeout=500)
    except PlaywrightTimeoutError:
        return 0
    target.page.wait_for_timeout(30)  # the theme shows a tooltip on the next frames
    return 1
