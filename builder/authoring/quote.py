"""The quote picker: from words roughly as remembered to a quote the builder will accept.

A proposal is a span of one paragraph, from the start of a word to the end of a word, in
the source's own characters (curly quotes, dashes, any script), that the builder's own
quote check (:class:`builder.quotes.QuoteIndex`) finds exactly once. Words are matched
without case, accents or look-alike differences, so "Council" finds a "Сouncil" written
with a Cyrillic С, and the proposal keeps the source's letter.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from builder.lookalike import text_key
from builder.paragraphs import Paragraph, fold
from builder.quotes import QuoteIndex

# Past this many words added around the remembered ones, the whole paragraph is the quote.
_MAX_EXTRA_WORDS = 40
# Exact windows tried per paragraph, shortest first: more only lengthen the same search.
_WINDOWS_TRIED = 5
# A passage less alike than this is no help: it is shown only when nothing is closer.
GOOD_SCORE = 60

_WORD = re.compile(r"\w+")
# Quotation marks and brackets that a quote should not cut in two.
_PAIRS = (('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"), ("(", ")"), ("[", "]"))


class Word(NamedTuple):  # a tuple: a long source has hundreds of thousands
    start: int  # offsets in the paragraph's folded text
    end: int
    key: str  # what it matches: no case, accents or look-alike differences


@dataclass(frozen=True)
class Proposal:
    source: str
    paragraph: int
    line: int  # body line where the paragraph starts
    quote: str
    score: int  # similarity to the words asked for, 0-100; 100 when every word is there
    exact: bool  # every word asked for is in the quote

    def yaml(self) -> str:
        """A citation to paste under ``citations:``."""
        return f"- source: {self.source}\n  quote: {yaml_quoted(self.quote)}"

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "paragraph": self.paragraph,
            "line": self.line,
            "quote": self.quote,
            "score": self.score,
            "exact": self.exact,
            "yaml": self.yaml(),
        }


@dataclass(frozen=True)
class Picked:
    proposals: list[Proposal]
    exact: bool  # the proposals hold every word asked for
    repeated: list[int]  # paragraphs holding the words that only repeat other paragraphs


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back character for character:
    backslashes, double quotes and anything unprintable escaped, everything else as is."""
    out = []
    for char in text:
        if char in '\\"':
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        else:
            out.append(f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def words_of(text: str, keyed: str | None = None) -> list[Word]:
    """The words of a folded text; ``keyed``, its :func:`text_key` if already made."""
    keyed = text_key(text) if keyed is None else keyed
    return [Word(m.start(), m.end(), keyed[m.start() : m.end()]) for m in _WORD.finditer(text)]


@dataclass(frozen=True)
class _Source:
    paragraphs: tuple[Paragraph, ...]


class Picker:
    """Quotes of one source, checked by the builder's quote check."""

    def __init__(self, source: str, paragraphs: Sequence[Paragraph]) -> None:
        self.source = source
        self.paragraphs = tuple(paragraphs)
        self.texts = [p.folded for p in self.paragraphs]
        self._keyed_source = QuoteIndex({source: _Source(self.paragraphs)}, key=text_key)
        self.keyed = self._keyed_source.sources[source]  # each text as text_key has it
        self.words = [words_of(t, k) for t, k in zip(self.texts, self.keyed, strict=True)]
        self._with_word: dict[str, list[int]] | None = None  # word key -> paragraphs
        self._check = QuoteIndex({source: _Source(self.paragraphs)})

    def _paragraphs_with(self, key: str) -> list[int]:
        if self._with_word is None:
            self._with_word = {}
            for number, words in enumerate(self.words, 1):
                for k in dict.fromkeys(w.key for w in words):
                    self._with_word.setdefault(k, []).append(number)
        return self._with_word.get(key, [])

    def alike(self, text: str, limit: int) -> list[tuple[int, int]]:
        """Where text stands in the source but for case, accents, look-alikes and
        typography: (paragraph, offset) of the first ``limit`` times."""
        return self._keyed_source.occurrences(self.source, text_key(fold(text)), limit)

    def occurs_once(self, quote: str) -> bool:
        # As the quote check locates a quote (fold, then find), without its diagnostics.
        return len(self._check.occurrences(self.source, quote, limit=2)) == 1

    def span(self, number: int, first: int, last: int) -> str:
        """The text of paragraph ``number`` from its word ``first`` to its word ``last``,
        with the quotation mark or bracket that closes (or opens) one inside it."""
        words = self.words[number - 1]
        text = self.texts[number - 1]
        start, end = words[first].start, words[last].end
        for opening, closing in _PAIRS:
            inside = text[start:end]
            if opening == closing:
                unpaired = inside.count(opening) % 2 == 1
                if unpaired and text[end : end + 1] == closing and inside.index(opening) > 0:
                    end += 1
                elif unpaired and start > 0 and text[start - 1] == opening:
                    start -= 1
            elif inside.count(opening) > inside.count(closing) and text[end : end + 1] == closing:
                end += 1
            elif (
                inside.count(closing) > inside.count(opening) and text[start - 1 : start] == opening
            ):
                start -= 1
        return text[start:end]

    def unique_span(
        self, number: int, first: int, last: int, min_words: int = 1
    ) -> tuple[int, int] | None:
        """The shortest span of paragraph ``number`` around its words ``first``..``last``
        (at least ``min_words`` long) that occurs once in the source, as word indices; None
        when even the whole paragraph occurs elsewhere (a repeated headline or menu)."""
        words = self.words[number - 1]
        if not words or not self.occurs_once(self.span(number, 0, len(words) - 1)):
            return None
        for extra in range(len(words)):
            if extra > _MAX_EXTRA_WORDS:
                break
            best: tuple[int, int] | None = None
            for left in range(extra, -1, -1):  # on a tie, the words before: "in the city"
                start, end = first - left, last + extra - left
                if start < 0 or end >= len(words) or end - start + 1 < min_words:
                    continue
                text = self.span(number, start, end)
                if self.occurs_once(text) and (
                    best is None or len(text) < len(self.span(number, *best))
                ):
                    best = (start, end)
            if best is not None:
                return best
        return 0, len(words) - 1

    def proposal(self, number: int, span: tuple[int, int], score: int, exact: bool) -> Proposal:
        paragraph = self.paragraphs[number - 1]
        quote = self.span(number, *span)
        return Proposal(self.source, number, paragraph.line, quote, score, exact)

    def pick(self, remembered: str, limit: int = 3) -> Picked:
        """The shortest unique spans holding every remembered word, one per paragraph,
        shortest first; else the closest passages by similarity, most alike first."""
        keys = [word.key for word in words_of(fold(remembered))]
        if not keys:
            return Picked([], False, [])
        found: list[tuple[bool, Proposal]] = []
        repeated: list[int] = []
        for number, words in enumerate(self.words, 1):
            # The words in the order remembered, if the paragraph has them so; else any order.
            in_order = _ordered_windows(words, keys)
            windows = sorted(
                in_order or _windows(words, Counter(keys)),
                key=lambda w: words[w[1]].end - words[w[0]].start,
            )
            spans = [self.unique_span(number, *w) for w in windows[:_WINDOWS_TRIED]]
            unique = [s for s in spans if s is not None]
            if unique:
                best = min(unique, key=lambda s: len(self.span(number, *s)))
                found.append((not in_order, self.proposal(number, best, 100, True)))
            elif windows:
                repeated.append(number)
        if found:
            found.sort(key=lambda f: (f[0], len(f[1].quote), f[1].paragraph))
            return Picked([p for _, p in found[:limit]], True, repeated)
        if repeated:
            return Picked([], False, repeated)  # the words are there, but cannot be quoted
        return Picked(self.closest(remembered, limit), False, repeated)

    def nearest(
        self, remembered: str, leeway: int = 2, among: int | None = None
    ) -> list[tuple[int, tuple[int, int], int]]:
        """For each paragraph, the run of words most like the remembered ones: as many
        words, give or take ``leeway``, scored 0-100 by similarity; most alike first, as
        (paragraph, (first word, last word), score). With ``among``, only that many
        paragraphs are searched, those sharing most words with the remembered ones."""
        from rapidfuzz import fuzz, process

        wanted = text_key(fold(remembered))
        size = len(wanted.split())
        numbers = list(range(1, len(self.words) + 1))
        if among is not None:
            keys = {word.key for word in words_of(fold(remembered))}
            shared = Counter(n for key in keys for n in self._paragraphs_with(key))
            numbers = sorted(shared, key=lambda n: (-shared[n], n))[:among]
        found = []
        for number in numbers:
            words = self.words[number - 1]
            runs = [
                (first, min(first + length, len(words)) - 1)
                for length in range(max(1, size - leeway), size + leeway + 1)
                for first in range(max(1, len(words) - length + 1))
            ]
            texts = [self.keyed[number - 1][words[a].start : words[b].end] for a, b in runs]
            best = process.extractOne(wanted, texts, scorer=fuzz.ratio) if texts else None
            if best is not None:
                found.append((number, runs[best[2]], round(best[1])))
        found.sort(key=lambda f: (-f[2], f[0]))
        return found

    def closest(self, remembered: str, limit: int = 3) -> list[Proposal]:
        """The passages most like the remembered words (see :meth:`nearest`), one per
        paragraph, each lengthened to occur once; only the good ones when there are."""
        found = []
        for number, run, score in self.nearest(remembered):
            span = self.unique_span(number, *run)
            if span is not None:
                found.append(self.proposal(number, span, score, False))
            if len(found) == limit:
                break
        good = [p for p in found if p.score >= GOOD_SCORE]
        return good or found


def _ordered_windows(words: list[Word], keys: list[str]) -> list[tuple[int, int]]:
    """Every run of words that starts with the first wanted word and holds the others
    after it in their order, as short as it can be from that start."""
    windows = []
    for start, word in enumerate(words):
        if word.key != keys[0]:
            continue
        matched = 1
        end = start
        while matched < len(keys) and end + 1 < len(words):
            end += 1
            if words[end].key == keys[matched]:
                matched += 1
        if matched == len(keys):
            windows.append((start, end))
    return windows


def _windows(words: list[Word], wanted: Counter[str]) -> list[tuple[int, int]]:
    """Every minimal run of words holding the wanted words (in any order): for each end,
    the latest start that still holds them all."""
    have: Counter[str] = Counter()
    missing = sum(wanted.values())
    start = 0
    windows = []
    for end, word in enumerate(words):
        if word.key not in wanted:
            continue
        have[word.key] += 1
        if have[word.key] <= wanted[word.key]:
            missing -= 1
        while start <= end and (
            words[start].key not in wanted or have[words[start].key] > wanted[words[start].key]
        ):
            if words[start].key in wanted:
                have[words[start].key] -= 1
            start += 1
        if missing == 0:
            windows.append((start, end))
    return windows


def picker_for(data: Path, source: str) -> Picker:
    """A picker over one source of the data folder, read and checked as the builder reads
    it; the rest of the data is not read, so it works while other files are mid-edit."""
    from builder.load import load_source
    from builder.paragraphs import split

    file = load_source(data / "sources" / f"{source}.md", data)
    front = file.front.data
    form = front.get("format", "text") if isinstance(front, dict) else None
    if form in ("text", "markdown"):
        # The schema's one field that changes the paragraphs; the rest is for `check`, and
        # loading the schema (pydantic) would take most of the command's time.
        return Picker(source, split(file.body, form))
    from builder.validate import validate_source

    checked = validate_source(file)  # reports what is wrong with the front matter
    return Picker(checked.id, checked.paragraphs)


def known_sources(data: Path) -> list[str]:
    folder = data / "sources"
    return sorted(p.stem for p in folder.glob("*.md")) if folder.is_dir() else []


def report_text(picked: Picked, remembered: str, source: str) -> str:
    """What the quote command prints."""
    lines = []
    if picked.repeated:
        where = ", ".join(f"¶{n}" for n in picked.repeated)
        lines.append(
            f"the words are also in {where}, which the source repeats word for word "
            "elsewhere: no quote from there can occur once"
        )
    if not picked.proposals:
        if not picked.repeated:
            lines.append(f"nothing in {source} is like {remembered!r}")
        return "\n".join(lines)
    if not picked.exact:
        lines.append(f"not every word is in {source}; the closest passages:")
    for proposal in picked.proposals:
        how = "every word" if proposal.exact else f"{proposal.score}% alike"
        weak = "" if proposal.exact or proposal.score >= GOOD_SCORE else ", not close"
        lines.append(f"¶{proposal.paragraph} (body line {proposal.line}), {how}{weak}:")
        lines.append(proposal.yaml())
    return "\n".join(lines)


def report_json(picked: Picked, remembered: str, source: str) -> dict[str, object]:
    return {
        "source": source,
        "words": remembered,
        "exact": picked.exact,
        "repeated_paragraphs": picked.repeated,
        "proposals": [p.as_json() for p in picked.proposals],
    }
