"""Names in text: what an entity is called, and where its names stand whole in a text.

The index uses these to find which paragraphs mention an entity; validation uses them to
check that an item's references are named in the paragraphs it quotes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

# Shorter names (two-letter acronyms) match too much ordinary text to count as mentions.
MIN_NAME = 3


def title_of(item: object) -> str:
    for field in ("name", "title", "label", "term"):
        value = getattr(item, field, None)
        if isinstance(value, str):
            return value
    return str(getattr(item, "id", "?"))


def names_of(item: object) -> list[str]:
    aliases: list[str] = getattr(item, "aliases", [])
    names = [title_of(item), *aliases]
    acronym = getattr(item, "acronym", None)
    return [*names, acronym] if isinstance(acronym, str) else names


class NameIndex:
    """Finds whole names in text, longest first and without overlaps.

    Each name is filed under its first word. One regular expression, the first words as a
    trie (``Ba(?:nk|y)``), finds where they stand in the text: its cost per character does
    not grow with the number of names, as an alternation of thousands does, and it builds
    no list of the text's words. Only those places are examined.
    """

    def __init__(self, names: list[str]) -> None:
        self._by_word: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for name in sorted(names, key=lambda n: (-len(n), n)):
            first = _WORD.search(name)
            if first:
                self._by_word[first.group(0)].append((name, first.start()))
        self._first_word = re.compile(_trie_pattern(self._by_word)) if self._by_word else None

    def _places(self, text: str) -> Iterator[tuple[int, str]]:
        """Where a first word stands, in reading order; :meth:`_at` checks that it is a
        whole word. The trie matches the longest word at each place, and a match inside a
        longer word cannot hide a whole word: no match spans the non-word character
        before one."""
        if self._first_word is not None:
            for match in self._first_word.finditer(text):
                yield match.start(), match.group()

    def _at(self, text: str, position: int, word: str) -> Iterator[tuple[str, int, int]]:
        """The names filed under ``word`` that stand whole in the text with that word at
        ``position``, longest first: (name, start, end)."""
        for name, offset in self._by_word[word]:
            start = position - offset
            end = start + len(name)
            if (
                start >= 0
                and text.startswith(name, start)
                and not (start > 0 and _is_word(text[start - 1]))
                and not (end < len(text) and _is_word(text[end]))
            ):
                yield name, start, end

    def find(self, text: str) -> Iterator[str]:
        taken = 0  # names do not overlap: the end of the last one found
        for position, word in self._places(text):
            for name, start, end in self._at(text, position, word):
                if start >= taken:
                    taken = end
                    yield name
                    break

    def present(self, text: str) -> set[str]:
        """Every name that stands somewhere in the text as whole words, overlaps allowed:
        a superset of what :meth:`find` yields, for when only presence matters."""
        return {
            name
            for position, word in self._places(text)
            for name, _, _ in self._at(text, position, word)
        }


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, the longest where several start
    alike: ``["Bank", "Bay", "B"]`` gives ``B(?:a(?:nk|y))?``. Words come from names, which
    are single lines of at most 300 characters: the recursion stays shallow."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, Any]) -> str:
        branches = [
            re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        ends = "" in node
        body = branches[0] if len(branches) == 1 and not ends else f"(?:{'|'.join(branches)})"
        return body + "?" if ends else body

    return pattern(trie)


_WORD = re.compile(r"\w+")


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"
