"""Why a quote was not found, or found more than once, in words an analyst can act on.

Only called for a quote that failed the check, so it may take its time: it finds the
place in the source the quote was most likely copied from and names what differs there,
character by character when only a few differ (a Cyrillic С for a Latin C, a straight
apostrophe for a curly one, a 4 for a 5), else word by word.
"""

from __future__ import annotations

import difflib
import re

from builder.authoring.quote import Picker, yaml_quoted
from builder.lookalike import describe
from builder.paragraphs import Paragraph

# At most this many differing places, of at most this many characters each, are told
# character by character; more is told word by word.
MAX_CHARACTER_DIFFERENCES = 3
MAX_CHARACTERS = 2
# A passage less alike than this is not offered as the one the quote was copied from.
NEAR_SCORE = 75
# Only the paragraphs sharing most words with the quote are searched for the near match,
# so that a thousand broken quotes in a long source cost seconds, not hours.
NEAR_PARAGRAPHS = 5
_NON_SPACE = re.compile(r"\S+")


def explain_missing(picker: Picker, wanted: str) -> str | None:
    """What differs between the folded quote ``wanted`` and the passage of the source
    most like it, or None when no passage is near enough to say."""
    # Same letters but for case, accents, look-alikes or typography: same offsets.
    for number, at in picker.alike(wanted, limit=NEAR_PARAGRAPHS):
        text = picker.texts[number - 1]
        told = _characters(picker.paragraphs[number - 1], at, wanted, text[at : at + len(wanted)])
        if told:
            return told
    # As many words as the quote: a word changed or left out is then marked, not cut off.
    near = picker.nearest(wanted, leeway=0, among=NEAR_PARAGRAPHS)
    if not near or near[0][2] < NEAR_SCORE:
        return None
    number, (first, last), score = near[0]
    paragraph = picker.paragraphs[number - 1]
    words = picker.words[number - 1]
    passage = picker.span(number, first, last)
    told = _characters(paragraph, words[first].start, wanted, passage)
    return told or _words(number, passage, wanted, score)


def _characters(paragraph: Paragraph, at: int, wanted: str, passage: str) -> str | None:
    """ "the source has X at column c of ¶n where the quote has Y", for each of a few
    differing places; None when there are none or too many to list."""
    matcher = difflib.SequenceMatcher(None, wanted, passage, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not changes or len(changes) > MAX_CHARACTER_DIFFERENCES:
        return None
    if any(max(b - a, d - c) > MAX_CHARACTERS for _, a, b, c, d in changes):
        return None
    told = []
    for _, quote_start, quote_end, start, end in changes:
        source_has = _chars(passage[start:end])
        quote_has = _chars(wanted[quote_start:quote_end])
        place = column_of(paragraph, at + start)
        told.append(f"the source has {source_has} at {place} where the quote has {quote_has}")
    return "; ".join(told) + "; copy the words exactly from the source"


def _chars(text: str) -> str:
    if not text:
        return "nothing"
    return describe(text) if len(text) == 1 else f'"{text}"'


def _words(number: int, passage: str, wanted: str, score: int) -> str:
    """The passage and the quote with their differing words in [brackets]."""
    source_words, quote_words = passage.split(), wanted.split()
    matcher = difflib.SequenceMatcher(None, source_words, quote_words, autojunk=False)
    source_marked: list[str] = []
    quote_marked: list[str] = []
    for op, start, end, quote_start, quote_end in matcher.get_opcodes():
        source_part = " ".join(source_words[start:end])
        quote_part = " ".join(quote_words[quote_start:quote_end])
        if op == "equal":
            source_marked.append(source_part)
            quote_marked.append(quote_part)
            continue
        if source_part:
            source_marked.append(f"[{source_part}]")
        if quote_part:
            quote_marked.append(f"[{quote_part}]")
    return (
        f'¶{number} has "{" ".join(source_marked)}" where the quote has '
        f'"{" ".join(quote_marked)}" ({score}% alike); copy the words exactly from the source'
    )


def column_of(paragraph: Paragraph, offset: int) -> str:
    """Where an offset of the paragraph's folded text stands in the paragraph as written:
    "column 14 of ¶3", or "line 2, column 5 of ¶3" in a paragraph of several lines."""
    text = paragraph.text
    folded_at = 0
    raw = len(text)
    for match in _NON_SPACE.finditer(text):
        word = match.group()
        if offset < folded_at + len(word):
            raw = match.start() + max(0, offset - folded_at)
            break
        folded_at += len(word) + 1  # a run of whitespace folds to one space
    line = text.count("\n", 0, raw)
    column = raw - (text.rfind("\n", 0, raw) + 1) + 1
    where = f"line {line + 1}, column {column}" if line else f"column {column}"
    return f"{where} of ¶{paragraph.number}"


def unique_longer(picker: Picker, hits: list[tuple[int, int]], length: int) -> list[str]:
    """For a quote found at ``hits`` (paragraph, offset), the shortest longer quotes
    around each place that occur once, written as YAML scalars, with their paragraph."""
    proposals = []
    for number, start in hits:
        words = picker.words[number - 1]
        inside = [i for i, w in enumerate(words) if w.end > start and w.start < start + length]
        if not inside:
            continue
        span = picker.unique_span(number, inside[0], inside[-1])
        if span is not None:
            proposals.append(f"{yaml_quoted(picker.span(number, *span))} (¶{number})")
    return proposals
