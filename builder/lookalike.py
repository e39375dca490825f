"""Letters that look alike: for finding what a reader meant, and saying what differs.

Quotes are copied from web pages, PDFs and chat messages, where a Cyrillic "С" can stand
in a Latin word and a straight apostrophe can replace a curly one. The quote check itself
stays exact; these helpers only find the near miss and name the characters.
"""

from __future__ import annotations

import re
import unicodedata

# The Cyrillic and Greek letters that print like a Latin one (from Unicode's confusables
# data, TR39, the letters of the alphabets in use). The whole TR39 table is a dependency
# of thousands of entries for these few dozen.
_LATIN_TWINS = {
    **dict(zip("АВЕЅІЈКМНОРСТХУҮԚԜ", "ABESIJKMHOPCTXYYQW", strict=True)),
    **dict(zip("аеорсухѕіјһԁԛԝӏ", "aeopcyxsijhdqwl", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
    **dict(zip("οκνρυ", "okvpu", strict=True)),
}
# Typographic forms of ASCII punctuation.
_PLAIN_PUNCTUATION = {
    **dict.fromkeys("’‘‛′", "'"),
    **dict.fromkeys("“”„‟«»″", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    **dict.fromkeys("\u00a0\u2007\u202f", " "),
}
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_WORD = re.compile(r"[^\W\d_]+")  # a run of letters


def char_key(char: str) -> str:
    """One character standing for ``char`` and everything that looks like it: no case,
    no accents, Latin for a Cyrillic or Greek twin, ASCII for typographic punctuation.
    Always one character, so that offsets in a keyed text are offsets in the text."""
    char = _LATIN_TWINS.get(char, _PLAIN_PUNCTUATION.get(char, char))
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lower = base.lower()
    return lower if len(lower) == 1 else base


class _Keys(dict[int, str]):
    """:func:`char_key` by code point, each computed once: ``str.translate`` then looks
    them up at C speed (a source of 2 MB is keyed in milliseconds, not seconds)."""

    def __missing__(self, code: int) -> str:
        key = self[code] = char_key(chr(code))
        return key


_KEYS = _Keys()


def text_key(text: str) -> str:
    """:func:`char_key` of every character: as long as ``text``."""
    return text.translate(_KEYS)


def describe(char: str) -> str:
    """``U+0421 CYRILLIC CAPITAL LETTER ES (С)``: a character an eye cannot tell apart."""
    name = unicodedata.name(char, "unnamed character")
    shown = f" ({char})" if char.isprintable() and not char.isspace() else ""
    return f"U+{ord(char):04X} {name}{shown}"


def script_of(char: str) -> str | None:
    """LATIN, CYRILLIC or GREEK for a letter of those scripts, else None."""
    first = unicodedata.name(char, "").split(" ", 1)[0]
    return first if first in _SCRIPTS else None


def mixed_script_words(text: str) -> list[tuple[int, str, list[str]]]:
    """Each word whose letters come from more than one of Latin, Cyrillic and Greek, with
    its offset and those scripts in order of appearance: almost always a look-alike typed
    or pasted into a word of the other script."""
    found = []
    for match in _WORD.finditer(text):
        scripts = list(dict.fromkeys(s for c in match.group() if (s := script_of(c))))
        if len(scripts) > 1:
            found.append((match.start(), match.group(), scripts))
    return found


def foreign_letters(word: str) -> str:
    """The letters of a mixed word that are not of its main script (the script of most
    of its letters; of the first, on a tie), described."""
    scripts = [s for c in word if (s := script_of(c))]
    main = max(dict.fromkeys(scripts), key=scripts.count)
    odd = dict.fromkeys(c for c in word if script_of(c) not in (main, None))
    return ", ".join(describe(c) for c in odd)
