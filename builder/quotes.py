"""Locate verbatim quotes in source paragraphs.

Each source's paragraphs are folded once (whitespace runs to one space); a quote is then
looked up only in its own source, so the cost grows with the data, not with its square.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from builder.paragraphs import Paragraph, fold

if TYPE_CHECKING:
    from builder.authoring.quote import Picker

# Typographic look-alikes: used only to suggest a fix, never to match.
_LOOKALIKES = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "}
)


@dataclass(frozen=True)
class Location:
    paragraph: int
    start: int  # offsets in the paragraph's folded text
    end: int


class _HasParagraphs(Protocol):
    @property
    def paragraphs(self) -> tuple[Paragraph, ...]: ...


class QuoteIndex:
    def __init__(self, sources: Mapping[str, _HasParagraphs]) -> None:
        self.sources = {key: [p.folded for p in s.paragraphs] for key, s in sources.items()}
        self._whole = {key: " ".join(texts) for key, texts in self.sources.items()}
        self._paragraphs = {key: s.paragraphs for key, s in sources.items()}
        self._pickers: dict[str, Picker] = {}  # made for the first failed quote of a source

    def paragraphs_with(self, source: str, quote: str) -> list[int]:
        """Every paragraph containing the quote (for skips, where repeats are harmless)."""
        wanted = fold(quote)
        texts = self.sources[source]
        return [n for n, text in enumerate(texts, 1) if wanted and wanted in text]

    def occurrences(self, source: str, quote: str) -> list[tuple[int, int]]:
        """Where the folded quote stands in the source: (paragraph, offset) of each time."""
        wanted = fold(quote)
        return [
            (number, start)
            for number, text in enumerate(self.sources[source], 1)
            for start in _find_all(text, wanted)
        ]

    def locate(self, source: str, quote: str) -> Location | tuple[str, str]:
        """The quote's single place, or a message and a hint saying why there is none."""
        wanted = fold(quote)
        if not wanted:
            return "empty quote", "copy a few words from the source"
        hits = self.occurrences(source, wanted)
        if len(hits) == 1:
            number, start = hits[0]
            return Location(number, start, start + len(wanted))
        if hits:
            where = ", ".join(f"¶{n}" for n, _ in hits[:5])
            return (
                f"quote occurs {len(hits)} times in source {source!r} ({where}): {quote!r}",
                self._longer(source, hits[:5], len(wanted)),
            )
        return f"quote not found in source {source!r}: {quote!r}", self._hint(source, wanted)

    def _picker(self, source: str) -> Picker:
        from builder.authoring.quote import Picker

        if source not in self._pickers:
            self._pickers[source] = Picker(source, self._paragraphs[source])
        return self._pickers[source]

    def _longer(self, source: str, hits: list[tuple[int, int]], length: int) -> str:
        from builder.quotediag import unique_longer

        longer = unique_longer(self._picker(source), hits, length)
        example = f", e.g. {' or '.join(longer[:2])}" if longer else ""
        return f"quote more words, so that it occurs once{example}"

    def _hint(self, source: str, wanted: str) -> str:
        from builder.quotediag import explain_missing

        whole = self._whole[source]
        if wanted in whole:
            return "the quote spans two paragraphs; quote within one"
        explained = explain_missing(self._picker(source), wanted)
        if explained:
            return explained
        if wanted.translate(_LOOKALIKES) in whole.translate(_LOOKALIKES):
            return "quotes, apostrophes or dashes differ from the source (’ “ ” – —); copy exactly"
        if wanted.casefold() in whole.casefold():
            return "upper and lower case differ from the source"
        return "copy the words exactly from the source text"


def _find_all(text: str, wanted: str) -> list[int]:
    found = []
    start = text.find(wanted)
    while start >= 0:
        found.append(start)
        start = text.find(wanted, start + 1)
    return found
