"""Long listings come in lettered sections of bounded size (builder/sections.py): one
search entry per section must stay inside every renderer's limit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.sections import initial, sections


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
