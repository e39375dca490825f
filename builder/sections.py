"""Long listing pages cut into lettered sections, each with a heading.

Search indexes a page by its sections: everything between two headings is one entry.
A listing of 1,400 initiatives in one table was one 83 KB entry at 3,000 entities, over
the 64 KiB Zensical allows for one (it stops the build), and a slow one for any search
to load and show. Past ``ROWS`` entries, a listing is cut where the initial letter
changes, into sections of at most ``ROWS`` entries ("A–C", "D", "E (1)", "E (2)"), which
also gives the reader a table of contents of the letters. Shorter listings keep one table
and no extra heading. Tables on other pages (all figures, the glossary) use the
``lettered`` filter the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any, Generic, TypeVar

from anyascii import anyascii

T = TypeVar("T")

# Zensical's limit for one entry shrinks as the index grows: 64 KiB up to ~16,000 entries,
# 32 KiB at 20,340 (5,000 entities). A row has up to ~150 bytes of search text (an
# initiative's name, status, proposers and sectors): 100 rows stay near 15 KB, inside the
# limit up to about four times that index.
ROWS = 100


@dataclass(frozen=True)
class Section(Generic[T]):
    label: str  # "" for the one section of a short listing: no heading
    entries: list[T]


def initial(title: str) -> str:
    """The letter a title is filed under: its first letter in Latin script, or "#"."""
    letters = [c for c in anyascii(title).upper() if c.isalnum()]
    return letters[0] if letters and letters[0].isalpha() else "#"


def sections(
    entries: Sequence[T], titles: Sequence[str], rows: int | None = None
) -> list[Section[T]]:
    """``entries`` (sorted by title, ``titles`` alongside) as sections of at most ``rows``
    (default ``ROWS``)."""
    rows = ROWS if rows is None else rows
    if len(entries) <= rows:
        return [Section("", list(entries))]
    letters: list[tuple[str, list[T]]] = []
    pairs = zip(titles, entries, strict=True)
    for letter, pairs_of_letter in groupby(pairs, key=lambda pair: initial(pair[0])):
        letters.append((letter, [entry for _, entry in pairs_of_letter]))
    found: list[Section[T]] = []
    pending: list[tuple[str, list[T]]] = []

    def close() -> None:
        if pending:
            first, last = pending[0][0], pending[-1][0]
            label = first if first == last else f"{first}–{last}"
            found.append(Section(label, [e for _, group in pending for e in group]))
            pending.clear()

    for letter, group in letters:
        if len(group) > rows:  # one letter too many for a section: numbered parts
            close()
            parts = [group[at : at + rows] for at in range(0, len(group), rows)]
            found += [Section(f"{letter} ({n})", part) for n, part in enumerate(parts, 1)]
            continue
        if sum(len(g) for _, g in pending) + len(group) > rows:
            close()
        pending.append((letter, group))
    close()
    return found


def lettered(
    entries: Sequence[Any], attribute: str = "title", rows: int | None = None
) -> list[Section[Any]]:
    """The Jinja filter: ``entries`` in sections by the ``attribute`` they are sorted by,
    of at most ``rows`` each (default ``ROWS``; fewer where rows are long)."""
    return sections(entries, [str(getattr(entry, attribute)) for entry in entries], rows)
