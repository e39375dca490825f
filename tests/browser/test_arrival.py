"""Arriving by a citation link: the quote the link was for stands out from the other
quotes of its paragraph, with and without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import DESKTOP, Reader

pytestmark = pytest.mark.browser

# Paragraph 9 of the joint statement holds four cited quotes; the investment package's
# page cites the first and the fourth.
INITIATIVE = "/initiatives/meridian-gateway-investment-package/"
SOURCE = "/sources/joint-statement/"

# Each mark of the :target's paragraph: its id, whether it is the :target, and how it is
# drawn (background, outline).
MARKS_JS = """
() => {
  const target = document.querySelector(':target');
  const paragraph = target && target.closest('.source-paragraph');
  if (!paragraph) return null;
  return {
    target: target.id,
    paragraph: paragraph.id,
    highlighted: getComputedStyle(paragraph).borderLeftColor !== 'rgba(0, 0, 0, 0)',
    marks: [...paragraph.querySelectorAll('mark')].map((mark) => {
      const style = getComputedStyle(mark);
      return {id: mark.id, target: mark.matches(':target'), text: mark.textContent,
              background: style.backgroundColor, outline: style.outlineStyle};
    }),
  };
}
"""


def arrived(page: Page, anchor: str) -> dict[str, object]:
    found = page.evaluate(MARKS_JS)
    assert found is not None, f"{page.url}: no :target inside a source paragraph"
    assert found["target"] == anchor, found
    return dict(found)


def assert_stands_out(found: dict[str, object], anchor: str) -> None:
    marks = list(found["marks"])  # type: ignore[call-overload]
    target = [m for m in marks if m["target"]]
    others = [m for m in marks if not m["target"]]
    assert [m["id"] for m in target] == [anchor]
    assert others, "the paragraph has other quotes to tell it from"
    assert found["highlighted"], "the paragraph itself is marked as reached"
    for other in others:
        assert other["background"] != target[0]["background"], other
        assert other["outline"] == "none"
        assert target[0]["outline"] != "none"


def test_the_citation_clicked_is_the_quote_picked_out(reader: Reader) -> None:
    tab = reader.goto(INITIATIVE)
    links = tab.locator("a[href*='joint-statement/#p9-']")
    hrefs = links.evaluate_all("(as) => as.map((a) => a.getAttribute('href'))")
    assert len(set(hrefs)) >= 2, f"two citations of one paragraph: {hrefs}"
    for href in sorted(set(hrefs)):
        anchor = href.rsplit("#", 1)[1]
        reader.goto(INITIATIVE)
        tab.locator(f"a[href='{href}']").first.click()
        tab.wait_for_load_state("networkidle")
        found = arrived(tab, anchor)
        assert found["paragraph"] == "p9"
        assert_stands_out(found, anchor)
        box = tab.locator(f"[id='{anchor}']").bounding_box()
        assert box is not None
        assert 0 <= box["y"] < DESKTOP["height"], "the quote is in view"
    reader.assert_clean()


@pytest.fixture
def no_script_page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_too(no_script_page: Page, base_url: str) -> None:
    no_script_page.goto(f"{base_url}{SOURCE}#p9-q4")
    assert no_script_page.evaluate("document.documentElement.classList.contains('no-js')")
    assert_stands_out(arrived(no_script_page, "p9-q4"), "p9-q4")


def test_a_link_to_the_paragraph_marks_every_quote_alike(reader: Reader) -> None:
    # Mentions link to the paragraph, not to a quote: no quote is picked out.
    tab = reader.goto(f"{SOURCE}#p9")
    marks = tab.locator("#p9 mark").evaluate_all(
        "(ms) => ms.map((m) => getComputedStyle(m).backgroundColor)"
    )
    assert len(marks) == 4, marks
    assert len(set(marks)) == 1, marks
