"""Wide tables on a phone (375 px): their key columns are on the screen, or a swipe away
with the row's name kept in view."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import Reader

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
PAGES = ["/projects/", "/countries/sarvenia/"]

# For the first body row with a status and a financier, of the page's first table with
# those columns: where each cell is, and the label it shows.
CELLS_JS = """
() => {
  const table = [...document.querySelectorAll('article table')]
    .find((t) => t.querySelector('thead').textContent.includes('Financed by'));
  if (!table) return null;
  const names = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  const key = [names.indexOf('Status'), names.indexOf('Financed by')];
  const row = [...table.querySelectorAll('tbody tr')]
    .find((tr) => key.every((i) => tr.cells[i].textContent.trim()));
  if (!row) return null;
  return [...row.cells].map((cell, i) => {
    const box = cell.getBoundingClientRect();
    return {name: names[i], left: box.left, right: box.right, width: box.width,
            label: getComputedStyle(cell, '::before').content};
  });
}
"""


@pytest.mark.parametrize("page", PAGES)
def test_status_and_financed_by_are_on_the_screen(reader: Reader, page: str) -> None:
    reader.page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    tab = reader.goto(page)
    cells = tab.evaluate(CELLS_JS)
    assert cells, f"{page}: no table with a financed row"
    for cell in cells:
        if cell["name"] in ("Status", "Financed by"):
            assert cell["width"] > 0, cell
            assert cell["left"] >= 0, cell
            assert cell["right"] <= PHONE["width"], cell
            assert cell["label"] == f'"{cell["name"]}: "', "each cell says which column it is"
    reader.assert_clean()


@pytest.fixture
def phone_without_script(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)  # type: ignore[arg-type]
    yield context.new_page()
    context.close()


def test_without_javascript_the_table_scrolls_with_its_name_column_in_view(
    phone_without_script: Page, base_url: str
) -> None:
    tab = phone_without_script
    tab.goto(f"{base_url}/projects/")
    # Without the theme's script the table is not wrapped: it scrolls itself.
    wrap = tab.locator("article table").first
    status = tab.locator("article table th", has_text="Status").first
    wrap.evaluate("(el) => { el.scrollLeft = el.scrollWidth; }")
    box, name = status.bounding_box(), tab.locator("article table tbody td").first.bounding_box()
    assert box is not None
    assert name is not None
    assert box["x"] + box["width"] <= PHONE["width"], "Status is reachable by scrolling"
    assert 0 <= name["x"] < PHONE["width"] / 2, "the name column stays in view"
