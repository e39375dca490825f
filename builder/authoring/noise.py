"""Source paragraphs with no substance, proposed for ``skip:`` with a reason each.

Pages copied from the web bring their furniture along: menus, counters, a headline
printed twice, "Share" and "Read also". Each test here is deliberately plain, so that an
analyst reading a reason can tell at once whether it is right; the analyst decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from builder.paragraphs import Paragraph

SHORT_WORDS = 3  # a line of at most this many words states no fact on its own
MENU_ITEMS = 3  # at least this many short items between separators make a menu
MENU_WORDS = 4  # ... or a run of at least this many capitalised words, nothing else
_SEPARATORS = re.compile(r"\s+[|•·»›/]\s+|\s*\|\s*")
_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE = re.compile(r"[.,;:!?\"«»“”()]")
# How pages introduce a link to another story; such a line says nothing about this one.
_ELSEWHERE = re.compile(
    r"^(?:read also|read more|see also|related|also read|читайте также|смотрите также|"
    r"читайте нас|подробнее)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Proposal:
    paragraph: Paragraph
    reason: str


def propose_skips(paragraphs: Sequence[Paragraph]) -> tuple[list[Proposal], list[Proposal]]:
    """The paragraphs to propose for ``skip:``, and those that look like noise but cannot
    be skipped alone: a skip covers every paragraph containing its words, so a short line
    found inside a real paragraph would hide that paragraph from the coverage report."""
    candidates: list[Proposal] = []
    places: dict[str, list[int]] = {}
    for paragraph in paragraphs:
        places.setdefault(paragraph.folded, []).append(paragraph.number)
    for paragraph in paragraphs:
        reason = _reason(paragraph.folded, places[paragraph.folded])
        if reason:
            candidates.append(Proposal(paragraph, reason))
    proposed: list[Proposal] = []
    refused: list[Proposal] = []
    skipped = {p.paragraph.folded for p in candidates}
    for candidate in candidates:
        text = candidate.paragraph.folded
        hidden = [p.number for p in paragraphs if text in p.folded and p.folded not in skipped]
        if hidden:
            where = ", ".join(f"¶{n}" for n in hidden)
            refused.append(Proposal(candidate.paragraph, f"its words are also in {where}"))
        elif all(p.paragraph.folded != text for p in proposed):  # one skip covers repeats
            proposed.append(candidate)
    return proposed, refused


def _reason(text: str, places: list[int]) -> str:
    """Why a paragraph carries no fact, or "" if it may."""
    words = _WORDS.findall(text)
    if not words:
        return "no words: only numbers and symbols (a counter, a time, an icon)"
    items = [item for item in _SEPARATORS.split(text) if item.strip()]
    if len(items) >= MENU_ITEMS and all(len(_WORDS.findall(i)) <= SHORT_WORDS for i in items):
        return f"navigation: {len(items)} short items between separators (a menu or footer)"
    if (
        len(words) >= MENU_WORDS
        and all(word[0].isupper() for word in words)
        and not _SENTENCE.search(text)
        and all(len(word) <= 12 for word in words)
    ):
        return f"navigation: a run of {len(words)} capitalised words and nothing else (a menu)"
    if _ELSEWHERE.match(text):
        return "a link to another story (read also, see also), not this one's text"
    if len(places) > 1:
        where = ", ".join(f"¶{n}" for n in places)
        return f"printed {len(places)} times word for word ({where}): a headline or caption"
    # A short sentence may still state a fact ("Talks failed."); a label does not end like one.
    if len(words) <= SHORT_WORDS and not text.endswith((".", "!", "?", "…", "。")):
        counted = f"{len(words)} word{'s' if len(words) > 1 else ''}"
        if any(char.isdigit() for char in text):
            return f"very short: {counted} and numbers (a dateline, a time or a counter)"
        return f"very short: {counted} (a label, a link or a heading)"
    return ""
