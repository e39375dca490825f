"""Locate verbatim quotes in source paragraphs.

Each source's paragraphs are folded once (whitespace runs to one space); a quote is then
looked up only in its own source, so the cost grows with the data, not with its square.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from builder.paragraphs import Paragraph, fold

if TYPE_CHECKING:
    from builder.authoring.quote import Picker

# Typographic look-alikes: used only to suggest a fix, never to match.
_LOOKALIKES = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "}
)


# Failed quotes given a detailed reason (what differs, longer quotes that occur once) per
# run; the rest get the short hints. A detailed reason searches the whole source.
MAX_EXPLAINED = 100


@dataclass(frozen=True)
class Location:
    paragraph: int
    start: int  # offsets in the paragraph's folded text
    end: int


class _HasParagraphs(Protocol):
    @property
    def paragraphs(self) -> tuple[Paragraph, ...]: ...


class QuoteIndex:
    def __init__(
        self, sources: Mapping[str, _HasParagraphs], key: Callable[[str], str] | None = None
    ) -> None:
        """``key``, for a search that forgives some differences: a function of a folded
        text giving one character for each of its characters (so offsets stay)."""
        self.sources = {
            name: [key(p.folded) if key else p.folded for p in s.paragraphs]
            for name, s in sources.items()
        }
        self._whole = {key: " ".join(texts) for key, texts in self.sources.items()}
        self._paragraphs = {key: s.paragraphs for key, s in sources.items()}
        self._joins: dict[str, tuple[str, list[int]]] = {}  # made on first use
        self._plains: dict[tuple[str, bool], str] = {}
        self._explained = 0  # failed quotes told in detail so far; see MAX_EXPLAINED
        self._pickers: dict[str, Picker] = {}  # made for the first failed quote of a source

    def paragraphs_with(self, source: str, quote: str) -> list[int]:
        """Every paragraph containing the quote (for skips, where repeats are harmless)."""
        wanted = fold(quote)
        texts = self.sources[source]
        return [n for n, text in enumerate(texts, 1) if wanted and wanted in text]

    def occurrences(
        self, source: str, quote: str, limit: int | None = None
    ) -> list[tuple[int, int]]:
        """Where the folded quote stands in the source: (paragraph, offset) of each time,
        or of the first ``limit`` times. One search of the source's paragraphs joined by
        line breaks, which no folded quote holds: a match never spans two paragraphs."""
        wanted = fold(quote)
        if not wanted:
            return []
        joined, starts = self._joined(source)
        hits: list[tuple[int, int]] = []
        at = joined.find(wanted)
        while at >= 0 and (limit is None or len(hits) < limit):
            number = bisect.bisect_right(starts, at)
            hits.append((number, at - starts[number - 1]))
            at = joined.find(wanted, at + 1)
        return hits

    def _joined(self, source: str) -> tuple[str, list[int]]:
        if source not in self._joins:
            texts = self.sources[source]
            starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
            self._joins[source] = ("\n".join(texts), starts)
        return self._joins[source]

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
                self._longer(source, hits[:2], len(wanted)),
            )
        return f"quote not found in source {source!r}: {quote!r}", self._hint(source, wanted)

    def _picker(self, source: str) -> Picker:
        from builder.authoring.quote import Picker

        if source not in self._pickers:
            self._pickers[source] = Picker(source, self._paragraphs[source])
        return self._pickers[source]

    def _plain(self, source: str, casefold: bool = False) -> str:
        """The whole source with typographic look-alikes made plain (or in case-folded
        form), made once: a thousand broken quotes need not fold a long source each."""
        if (source, casefold) not in self._plains:
            whole = self._whole[source]
            plain = whole.casefold() if casefold else whole.translate(_LOOKALIKES)
            self._plains[source, casefold] = plain
        return self._plains[source, casefold]

    def _longer(self, source: str, hits: list[tuple[int, int]], length: int) -> str:
        from builder.quotediag import unique_longer

        if self._explained >= MAX_EXPLAINED:
            return "quote more words, so that it occurs once"
        self._explained += 1
        longer = unique_longer(self._picker(source), hits, length)
        example = f", e.g. {' or '.join(longer[:2])}" if longer else ""
        return f"quote more words, so that it occurs once{example}"

    def _hint(self, source: str, wanted: str) -> str:
        from builder.quotediag import explain_missing

        whole = self._whole[source]
        if wanted in whole:
            return "the quote spans two paragraphs; quote within one"
        if self._explained < MAX_EXPLAINED:
            self._explained += 1
            explained = explain_missing(self._picker(source), wanted)
            if explained:
                return explained
        if wanted.translate(_LOOKALIKES) in self._plain(source):
            return "quotes, apostrophes or dashes differ from the source (’ “ ” – —); copy exactly"
        if wanted.casefold() in self._plain(source, casefold=True):
            return "upper and lower case differ from the source"
        return "copy the words exactly from the source text"
