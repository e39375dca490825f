"""What a source's text itself states about it: dates, bylines, its script.

These are offers for the analyst, printed beside the line they come from; ``source add``
never fills a field from them. A date in the text may be the event's rather than the
publication's, and a name after "By" may be a photographer's: only a reader can tell.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from builder.paragraphs import Paragraph

DATELINE_WORDS = 8  # a date is offered from a line this short: a dateline, not a story
MAX_OFFERS = 3

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "january jan января январь",
            "february feb февраля февраль",
            "march mar марта март",
            "april apr апреля апрель",
            "may мая май",
            "june jun июня июнь",
            "july jul июля июль",
            "august aug августа август",
            "september sep sept сентября сентябрь",
            "october oct октября октябрь",
            "november nov ноября ноябрь",
            "december dec декабря декабрь",
        ],
        1,
    )
    for name in names.split()
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATES = [
    # (pattern, order of the groups: year, month, day)
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), (1, 2, 3)),
    (re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\.?,?\s+(\d{{4}})\b", re.IGNORECASE), (3, 2, 1)),
    (re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE), (3, 1, 2)),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), (3, 2, 1)),
]
_BYLINE = re.compile(
    r"^(?:by|written by|author:?|text:?|автор:?|текст:?)\s+"
    r"(?P<name>[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,4})\s*(?:$|[,|(–—-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Offer:
    """A value the text states, where it states it, for the analyst to accept or not."""

    field: str  # the flag it would fill, e.g. "date"
    value: str
    said: str  # the words of the text
    line: int  # line of the body


def offers(paragraphs: Sequence[Paragraph]) -> list[Offer]:
    """Publication dates and bylines the text seems to state, at most a few of each."""
    dates = _first(_dates(paragraphs))
    bylines = _first(_bylines(paragraphs))
    return [*dates, *bylines]


def _first(found: Iterator[Offer]) -> list[Offer]:
    seen: dict[str, Offer] = {}
    for offer in found:
        seen.setdefault(offer.value, offer)
        if len(seen) == MAX_OFFERS:
            break
    return list(seen.values())


def _dates(paragraphs: Sequence[Paragraph]) -> Iterator[Offer]:
    for paragraph in paragraphs:
        if len(paragraph.folded.split()) > DATELINE_WORDS:
            continue
        for pattern, (year, month, day) in _DATES:
            for match in pattern.finditer(paragraph.folded):
                value = _iso(match.group(year), match.group(month), match.group(day))
                if value:
                    yield Offer("date", value, match.group(), paragraph.line)


def _iso(year: str, month: str, day: str) -> str:
    number = int(month) if month.isdigit() else _MONTHS[month.lower()]
    try:
        return dt.date(int(year), number, int(day)).isoformat()
    except ValueError:
        return ""


def _bylines(paragraphs: Sequence[Paragraph]) -> Iterator[Offer]:
    for paragraph in paragraphs:
        text = paragraph.folded
        match = _BYLINE.match(text) if len(text.split()) <= DATELINE_WORDS else None
        name = match.group("name").rstrip(".,") if match else ""
        if name and all(word[0].isupper() for word in name.split()):  # not "by the way"
            yield Offer("author", name, text, paragraph.line)


# Scripts written by one language only: the text's language is then plain from its letters.
_ONE_LANGUAGE = {
    "GREEK": "el",
    "ARMENIAN": "hy",
    "GEORGIAN": "ka",
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "THAI": "th",
}
# Cyrillic letters of other languages than Russian (Ukrainian, Belarusian, Serbian,
# Macedonian and the Turkic and Iranian languages written in Cyrillic), and letters
# Russian has but Bulgarian lacks.
_NOT_RUSSIAN = set("іїєґўђћџљњјѓќѕәғқңөұүһҳҷӣӯ")
_RUSSIAN_ONLY = set("ыэё")
OBVIOUS = 0.9  # share of the letters in one script


def guess_language(text: str) -> tuple[str, str] | None:
    """The ISO 639 code of the text's language if its letters make it obvious, and why."""
    scripts = Counter(_script(char) for char in text if char.isalpha())
    if not scripts:
        return None
    script, count = scripts.most_common(1)[0]
    share = count / sum(scripts.values())
    if script in ("HIRAGANA", "KATAKANA", "CJK") and scripts["HIRAGANA"] + scripts["KATAKANA"]:
        return "ja", "kana among the letters"
    if share < OBVIOUS:
        return None
    if script in _ONE_LANGUAGE:
        return _ONE_LANGUAGE[script], f"{script.title()} script"
    letters = set(text.lower())
    if script == "CYRILLIC" and letters & _RUSSIAN_ONLY and not letters & _NOT_RUSSIAN:
        return "ru", "Cyrillic script with ы, э or ё and no letters of other Cyrillic alphabets"
    return None


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""
