"""Timeline order: dates as precise as the sources make them, and what lies ahead.

A date is "2022", "2022-04" or "2022-04-15". Sorted as text, "2022" comes before
"2022-04-15" whatever happened first: a meeting the sources date only by its year would
precede one dated to the day that came before it. So the years are in order, and within
a year an entry dated only by its year stays where the author placed it among that
year's entries; the entries dated more precisely fill the other places in date order,
and entries with the same date keep the author's order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from builder.index import Entity
from builder.model import TimelineEvent

Entry = Entity[TimelineEvent]


def _parts(date: str, missing: int) -> tuple[int, int, int]:
    numbers = [int(part) for part in date.split("-")]
    year, month, day = [*numbers, missing, missing][:3]
    return year, month, day


def earliest(date: str) -> tuple[int, int, int]:
    """The first day a partial date can mean: "2026" is from 1 January 2026."""
    return _parts(date, 1)


def latest(date: str) -> tuple[int, int, int]:
    """A day at or after the last one a partial date can mean."""
    return _parts(date, 99)


@dataclass(frozen=True)
class Chronology:
    past: tuple[Entry, ...]  # up to the event's end
    upcoming: tuple[Entry, ...]  # dated after it: what comes next


def in_order(entries: Sequence[Entry]) -> list[Entry]:
    """``entries`` (in the author's order) in timeline order; see the module's note."""
    by_year = sorted(entries, key=lambda entry: int(entry.item.date[:4]))  # stable
    ordered: list[Entry] = []
    for _, group in groupby(by_year, key=lambda entry: entry.item.date[:4]):
        year = list(group)
        places = [i for i, entry in enumerate(year) if len(entry.item.date) > 4]
        dated = sorted((year[i] for i in places), key=lambda entry: earliest(entry.item.date))
        for place, entry in zip(places, dated, strict=True):
            year[place] = entry
        ordered += year
    return ordered


def chronology(entries: Sequence[Entry], event_end: str) -> Chronology:
    """The timeline split at the event: an entry is upcoming when the earliest day its
    date can mean is after the last day the event's can."""
    past: list[Entry] = []
    upcoming: list[Entry] = []
    for entry in in_order(entries):
        after = earliest(entry.item.date) > latest(event_end)
        (upcoming if after else past).append(entry)
    return Chronology(tuple(past), tuple(upcoming))
