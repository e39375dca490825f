"""Small pieces of English the pages share: lists of names, counts, articles.

The functions work on plain text and join what they are given without escaping it, so
the renderer can pass names it has already escaped or linked (and mark the result as
trusted); the words they add themselves are plain letters, digits and commas.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence


def join_names(names: Sequence[str]) -> str:
    """Names joined as English lists them: "A", "A and B", "A, B and C"; "" for none."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def counted(number: int, singular: str, plural: str) -> str:
    """A number and its noun: "1 country", "2 countries"."""
    return f"{number} {singular if number == 1 else plural}"


def article(name: str) -> str:
    """The article a name takes in a sentence: "the " before a name of several words
    ("the European Union", "the Lake Council"); "" before one word (an acronym such as
    "ASEAN", or a name such as "Interpol") and before a name that starts with "The"."""
    words = name.split()
    if len(words) < 2 or words[0].casefold() == "the":
        return ""
    return "the "


def participants_phrase(countries: int, others: Sequence[str]) -> str:
    """Who took part, in words: "5 countries and the European Union", "2 countries",
    "the European Union and ASEAN", "none".

    ``countries`` is how many countries took part; ``others`` are the other parties'
    names as they should read (articles included), in the order to show them.
    """
    parts = [counted(countries, "country", "countries")] if countries else []
    return join_names([*parts, *others]) or "none"


def named_in(text: str, names: Iterable[str]) -> tuple[int, int] | None:
    """Where ``text`` names one of ``names`` as a whole word or words, compared without
    case: the (start, end) of the first such place (the longest name there), or None."""
    found: tuple[int, int] | None = None
    for name in names:
        if not name.strip():
            continue
        pattern = r"(?<!\w)" + re.escape(name.strip()) + r"(?!\w)"
        match = re.search(pattern, text, re.IGNORECASE)
        if match is None:
            continue
        place = (match.start(), match.end())
        if found is None or (place[0], -place[1]) < (found[0], -found[1]):
            found = place
    return found
