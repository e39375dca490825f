"""What a reader does on a page: switch light/dark, follow a citation to its paragraph."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import Reader
from tests.test_site import starts_in

pytestmark = pytest.mark.browser

SCHEME = "document.body.getAttribute('data-md-color-scheme')"


def toggle_palette(reader: Reader) -> None:
    reader.page.locator("form[data-md-component='palette'] label:visible").click()


def test_palette_toggle_switches_light_and_dark(reader: Reader) -> None:
    tab = reader.goto("/")
    assert tab.evaluate(SCHEME) == "default"
    toggle_palette(reader)
    tab.wait_for_function(f"{SCHEME} === 'slate'")
    # The choice holds on the next page.
    reader.goto("/countries/")
    assert tab.evaluate(SCHEME) == "slate"
    toggle_palette(reader)
    tab.wait_for_function(f"{SCHEME} === 'default'")
    reader.assert_clean()


def test_dark_preference_is_followed(dark_reader: Reader) -> None:
    tab = dark_reader.goto("/")
    assert tab.evaluate(SCHEME) == "slate"
    dark_reader.assert_clean()


# The quotes and their ¶ links in an entity page's "Sources" section.
CITATIONS_JS = """
() => {
  const heading = document.getElementById('sources');
  const found = [];
  for (let el = heading && heading.nextElementSibling; el && el.tagName !== 'H2';
       el = el.nextElementSibling) {
    for (const li of el.querySelectorAll('li')) {
      const link = [...li.querySelectorAll('a')].find((a) => /¶\\d+$/.test(a.textContent.trim()));
      if (link) found.push({text: li.textContent, href: link.getAttribute('href'),
                            label: link.textContent.trim()});
    }
  }
  return found;
}
"""

# Whether the quote's words, whitespace folded, lie wholly inside <mark> in the element.
MARKED_JS = """
([el, quote]) => {
  let text = '';
  const marked = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const inMark = node.parentElement.closest('mark') !== null;
    for (const ch of node.data) {
      const c = /\\s/.test(ch) ? ' ' : ch;
      if (c === ' ' && text.endsWith(' ')) continue;
      text += c;
      marked.push(inMark);
    }
  }
  const wanted = quote.replace(/\\s+/g, ' ').trim();
  for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) {
    if (marked.slice(at, at + wanted.length).every(Boolean)) return true;
  }
  return false;
}
"""

QUOTE = re.compile(r"^\s*“(?P<quote>.+)”\s+—\s", re.DOTALL)


def test_citation_lands_on_the_marked_paragraph(reader: Reader) -> None:
    # Cited by six quotes from four sources, one of them in Russian.
    initiative = "/initiatives/meridian-gateway-investment-package/"
    tab = reader.goto(initiative)
    citations: list[dict[str, Any]] = tab.evaluate(CITATIONS_JS)
    assert citations, f"{initiative}: no ¶ links in the Sources section"
    for citation in citations:
        match = QUOTE.match(citation["text"])
        assert match, f"{initiative}: no quote before {citation['label']}: {citation['text']!r}"
        quote = match["quote"]
        number = re.search(r"¶(\d+)$", citation["label"])
        assert number
        reader.goto(initiative)
        # By its address: two citations of one paragraph share a label, not a link.
        tab.locator(f"a[href='{citation['href']}']").first.click()
        tab.wait_for_load_state("load")
        # Quiet, as after reader.goto: the search worker is still fetching its language
        # scripts, and leaving now would abort them (a failed request).
        tab.wait_for_load_state("networkidle")
        # The link is to the quote's own mark in the paragraph (to the paragraph itself
        # for a table, whose cells have no marks).
        anchor = citation["href"].rsplit("#", 1)[1]
        assert re.fullmatch(rf"p{number[1]}(-q\d+)?", anchor), citation["href"]
        assert tab.url.endswith(f"#{anchor}"), f"{citation['label']} went to {tab.url}"
        assert "/sources/" in tab.url
        assert tab.locator(":target").count() == 1, f"{tab.url}: no :target element"
        target = tab.locator(".source-paragraph:is(:target, :has(mark:target))")
        assert target.count() == 1, f"{tab.url}: the :target is not in a source paragraph"
        assert target.get_attribute("id") == f"p{number[1]}"
        if anchor != f"p{number[1]}":
            mark = tab.locator(f"mark[id='{anchor}']").inner_text()
            assert starts_in(" ".join(quote.split()), " ".join(mark.split())), (
                f"{tab.url}: the quote {quote!r} does not start in the :target mark {mark!r}"
            )
        assert target.locator("mark").count() >= 1, f"{tab.url}: no <mark> in the paragraph"
        assert tab.evaluate(MARKED_JS, [target.element_handle(), quote]), (
            f"{tab.url}: the quote {quote!r} is not marked in {target.inner_text()!r}"
        )
        assert target.is_visible()
        # What the link was for is in view: the quote's mark, or the table paragraph.
        box = tab.locator(":target").bounding_box()
        viewport = tab.viewport_size
        assert box is not None
        assert viewport is not None
        assert 0 <= box["y"] < viewport["height"], f"{tab.url}: the quote is not in view"
    reader.assert_clean()


def test_phone_menu_opens_the_navigation(reader: Reader) -> None:
    reader.page.set_viewport_size({"width": 375, "height": 812})
    tab = reader.goto("/")
    assert not tab.evaluate("document.getElementById('__drawer').checked")
    tab.locator("label.md-header__button[for='__drawer']").click()
    tab.wait_for_function("document.getElementById('__drawer').checked")
    menu = tab.locator("nav.md-nav--primary")
    menu.get_by_role("link", name="Countries", exact=True).click()
    tab.wait_for_url("**/countries/")
    reader.assert_clean()
