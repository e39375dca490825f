"""Timeline order (builder/chronology.py) and the timeline's "What comes next"."""

from __future__ import annotations

from builder.chronology import chronology, in_order
from builder.index import Entity
from builder.model import Citation, TimelineEvent
from builder.pipeline import Paths, prepare
from tests.conftest import Edit


def entry(key: str, date: str) -> Entity[TimelineEvent]:
    item = TimelineEvent(
        id=key,
        date=date,
        date_text=date,
        title=key,
        citations=[Citation(source="s", quote="q")],
    )
    return Entity(key, "timeline", key, "timeline.md", key, item)


def keys(entries: object) -> list[str]:
    return [e.id for e in entries]  # type: ignore[attr-defined]


def test_a_year_only_date_keeps_the_authors_place_among_that_years_dates() -> None:
    # As text "2022" < "2022-04-15": the 9th meeting would come before the 8th.
    written = [
        entry("eighth", "2022-04-15"),
        entry("ninth", "2022"),
        entry("later-2021", "2021-11"),
        entry("early-2022", "2022-01-10"),
    ]
    ordered = keys(in_order(written))
    assert ordered[0] == "later-2021"
    # 2022's dated entries fill the places of dated entries in date order; "ninth" keeps
    # its place, second among 2022's.
    assert ordered[1:] == ["early-2022", "ninth", "eighth"]


def test_same_dates_keep_the_authors_order() -> None:
    written = [entry("b", "2025-12-20"), entry("a", "2025-12-20"), entry("c", "2025")]
    assert keys(in_order(written)) == ["b", "a", "c"]


def test_upcoming_is_what_can_only_be_after_the_event() -> None:
    written = [
        entry("same-year", "2025"),  # may be before the event: not upcoming
        entry("next-month", "2026-01"),
        entry("next-year", "2026"),
        entry("the-day", "2025-12-20"),
    ]
    parts = chronology(written, "2025-12-20")
    assert keys(parts.past) == ["same-year", "the-day"]
    assert keys(parts.upcoming) == ["next-month", "next-year"]
    assert keys(chronology(written, "2025").upcoming) == ["next-month", "next-year"]


def test_the_timeline_page_has_what_comes_next_with_inferred_years_marked(
    tiny: Paths, edit: Edit
) -> None:
    edit(
        "timeline.yaml",
        "- id: ",
        "- id: t-next-forum\n"
        "  date: '2032'\n"
        "  date_text: next year\n"
        "  title: Second Lakes Forum\n"
        "  citations:\n"
        "    - source: harbour-report\n"
        "      quote: the first Lakes Forum\n"
        "- id: ",
    )
    page = prepare(tiny).pages["timeline.md"]
    past, _, upcoming = page.partition("## What comes next {: #next }")
    assert "Second Lakes Forum" in upcoming
    assert "Second Lakes Forum" not in past
    assert "*The source does not state the year here; 2032 is inferred.*" in upcoming
    assert "[what comes next](#next)" in past
    assert "“the first Lakes Forum” — [" in upcoming, "each entry cited"
