"""The Outcomes page in a real browser: grouped by stage and occasion, two clicks from the
home page, status badges that land on their definition, and readable on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import Reader, open_reader

pytestmark = pytest.mark.browser


def test_what_was_agreed_is_two_clicks_from_home(reader: Reader) -> None:
    page = reader.goto("/")
    # The first link of the page's text is the outcomes: one click.
    first = page.locator("article a[href]:not(.headerlink)").first
    assert first.inner_text() == "What was agreed: the outcomes"
    first.click()
    page.wait_for_url("**/outcomes/")
    # The second click: the decided stage, from the counts at the top.
    page.locator("article a[href='#decided']:not(.headerlink)").click()
    decided = page.locator("h2#decided")
    assert decided.is_visible()
    assert (
        "Joint Roadmap for the Partnership 2032–2037"
        in page.locator("xpath=//h3[@id='decided-here']/following::table[1]").inner_text()
    )
    reader.assert_clean()


def test_stages_come_in_order_and_earlier_meetings_apart(reader: Reader) -> None:
    page = reader.goto("/outcomes/")
    stages = page.locator("article h2").all_inner_texts()
    assert [s.strip("¶ \n") for s in stages[:5]] == [
        "Decided",
        "Announced",
        "Proposed",
        "Earlier and background",
        "Suggestions and unconfirmed claims",
    ]
    earlier = page.locator("h3#background-t-2029-10-first-ministers-meeting")
    assert "At an earlier meeting" in earlier.inner_text()
    table = page.locator(
        "xpath=//h3[@id='background-t-2029-10-first-ministers-meeting']/following::table[1]"
    )
    assert "Aurelian–Meridian foreign ministers' dialogue" in table.inner_text()
    # Each row names its sources with their reliability.
    row = page.locator("tr", has_text="Meridian Scholarships programme").first
    assert "1 source: official joint statement (high reliability)" in row.inner_text()


def test_a_status_badge_lands_on_its_definition(reader: Reader) -> None:
    page = reader.goto("/initiatives/kessa-basin-water-compact/")
    badge = page.locator("article a.status-proposed").first
    assert badge.get_attribute("title") == (
        "A participant (see 'proposed by') put it forward; no source says the others agreed."
    )
    badge.click()
    page.wait_for_url("**/outcomes/#status-proposed")
    target = page.locator("#status-proposed")
    assert target.count() == 1
    row = page.locator("tr", has=target)
    assert "put it forward; no source says the others agreed" in row.inner_text()
    # The definition is on screen, not under the sticky header.
    box = target.bounding_box()
    assert box is not None
    viewport = page.viewport_size
    assert viewport is not None
    assert 40 < box["y"] < viewport["height"]
    reader.assert_clean()


def test_every_mark_in_the_picture_opens_its_initiative(reader: Reader) -> None:
    page = reader.goto("/outcomes/")
    marks = page.locator("svg.briefing-outcomes a")
    assert marks.count() > 10
    mark = page.locator(
        "svg.briefing-outcomes a[aria-label='Kessa Basin Water Compact (proposed)']"
    )
    mark.click()
    page.wait_for_url("**/initiatives/kessa-basin-water-compact/")
    reader.assert_clean()


def test_on_a_phone_the_picture_scrolls_rather_than_shrinks(
    browser: Browser, base_url: str
) -> None:
    reader, context = open_reader(browser, base_url)
    try:
        reader.page.set_viewport_size({"width": 375, "height": 800})
        page = reader.goto("/outcomes/")
        picture = page.locator("svg.briefing-outcomes")
        box = picture.bounding_box()
        assert box is not None
        assert box["width"] >= 560, "the picture shrank to unreadable text"
        overflow = page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        assert overflow, "the page itself scrolls sideways: only the picture's box may"
        reader.assert_clean()
    finally:
        context.close()
