"""Long listings come in lettered sections of bounded size (builder/sections.py): one
search entry per section must stay inside every renderer's limit."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import render as render_module
from builder import sections as sections_module
from builder.pipeline import Paths, prepare
from builder.sections import initial, sections
from tests.conftest import BLOC_SUMMIT, PROJECT


def test_a_short_listing_is_one_section_without_a_heading() -> None:
    assert [(s.label, s.entries) for s in sections([1, 2], ["Alpha", "Beta"])] == [("", [1, 2])]


def test_letters_are_merged_up_to_the_bound_and_a_crowded_letter_is_numbered() -> None:
    titles = ["Apple"] * 2 + ["Birch"] * 2 + ["Cedar"] * 7 + ["Dune"]
    found = sections(list(range(len(titles))), titles, rows=4)
    assert [(s.label, len(s.entries)) for s in found] == [
        ("A–B", 4),
        ("C (1)", 4),
        ("C (2)", 3),
        ("D", 1),
    ]


def test_titles_in_any_script_are_filed_under_a_latin_letter() -> None:
    assert initial("Ёлкин") == "E"
    assert initial("«Zeta»") == "Z"
    assert initial("9th meeting") == "#"


@settings(deadline=None)  # the machine is shared: time is not what this checks
@given(st.lists(st.text(min_size=1, max_size=8), max_size=300), st.integers(1, 40))
def test_sections_keep_every_entry_in_order_and_none_is_over_the_bound(
    titles: list[str], rows: int
) -> None:
    titles = sorted(titles, key=str.casefold)
    found = sections(list(range(len(titles))), titles, rows=rows)
    assert [e for s in found for e in s.entries] == list(range(len(titles)))
    assert all(len(s.entries) <= rows for s in found)
    if len(titles) > rows:
        assert all(s.label for s in found)


@pytest.fixture
def few_rows(monkeypatch: pytest.MonkeyPatch) -> Callable[[], dict[str, str]]:
    """The bloc-summit fixture's pages as a briefing many times its size renders them:
    sections of two entries, and a brief that lists one of each."""
    monkeypatch.setattr(sections_module, "ROWS", 2)
    monkeypatch.setattr(render_module, "BRIEF_ITEMS", 1)

    def pages() -> dict[str, str]:
        paths = Paths(BLOC_SUMMIT / "data", BLOC_SUMMIT / "docs", PROJECT / "templates")
        return prepare(paths).pages

    return pages


def test_a_long_listing_page_has_a_heading_per_section_and_every_entry_once(
    few_rows: Callable[[], dict[str, str]],
) -> None:
    pages = few_rows()
    listing = pages["initiatives/index.md"]
    entries = [
        page for page in pages if page.startswith("initiatives/") and page != "initiatives/index.md"
    ]
    assert len(entries) > 2
    headings = re.findall(r"(?m)^## (.+)$", listing)
    assert len(headings) >= len(entries) / 2
    for page in entries:
        assert listing.count(f"]({page.removeprefix('initiatives/')})") == 1, page


def test_the_brief_stops_a_long_list_and_links_to_the_whole_one(
    few_rows: Callable[[], dict[str, str]],
) -> None:
    pages = few_rows()
    brief = pages["brief.md"]
    sources = [page for page in pages if page.startswith("sources/") and page != "sources/index.md"]
    assert f"; and {len(sources) - 1} more: [all sources](sources/index.md)" in brief
    assert "more in [the discrepancy register](discrepancies.md)" in brief
    assert {"sources/index.md", "discrepancies.md"} <= set(pages)
