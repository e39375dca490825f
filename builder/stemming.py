"""Names found in inflected text by their words' stems, one language at a time.

A Russian text writes "Москва", "Москвы", "Москве" for one city; listing every
form as an alias is the work this saves. Each word of a name and of the text is reduced
to its Snowball stem (a maintained stemmer per language), and a name stands in the text
where its words' stems do, in order, with the same characters between them.

Snowball was made for searching words, not names, and it is not always consistent with
them: it gives "Ватика" for "Ватикан" but "Ватикан" for "Ватикане". So two words
agree when one's stem begins the other's and they differ by at most two letters of
ending. Short stems stay exact: with a stem under four letters ("Мали", "Мал") nearly any
word would agree ("мало", "Мала"), so such a word must be written as the name has it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import snowballstemmer

# ISO 639-1 and -3 codes of the languages whose Snowball stemmer names are matched with.
# English is left out on purpose: its names do not inflect (a possessive's "s" is a word of
# its own here), and its stemmer would let "Bank" stand for "banking".
LANGUAGES = {
    "ar": "arabic", "ara": "arabic", "hy": "armenian", "hye": "armenian",
    "eu": "basque", "eus": "basque", "ca": "catalan", "cat": "catalan",
    "cs": "czech", "ces": "czech", "da": "danish", "dan": "danish",
    "nl": "dutch", "nld": "dutch", "eo": "esperanto", "epo": "esperanto",
    "et": "estonian", "est": "estonian", "fi": "finnish", "fin": "finnish",
    "fr": "french", "fra": "french", "de": "german", "deu": "german",
    "el": "greek", "ell": "greek", "hi": "hindi", "hin": "hindi",
    "hu": "hungarian", "hun": "hungarian", "id": "indonesian", "ind": "indonesian",
    "ga": "irish", "gle": "irish", "it": "italian", "ita": "italian",
    "lt": "lithuanian", "lit": "lithuanian", "ne": "nepali", "nep": "nepali",
    "no": "norwegian", "nor": "norwegian", "nb": "norwegian", "nob": "norwegian",
    "fa": "persian", "fas": "persian", "pl": "polish", "pol": "polish",
    "pt": "portuguese", "por": "portuguese", "ro": "romanian", "ron": "romanian",
    "ru": "russian", "rus": "russian", "sr": "serbian", "srp": "serbian",
    "st": "sesotho", "sot": "sesotho", "es": "spanish", "spa": "spanish",
    "sv": "swedish", "swe": "swedish", "ta": "tamil", "tam": "tamil",
    "tr": "turkish", "tur": "turkish", "yi": "yiddish", "yid": "yiddish",
}  # fmt: skip
SHORTEST_STEM = 4  # letters; a shorter stem matches only the word as written
LONGEST_ENDING = 2  # letters by which two agreeing stems may differ

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Word:
    text: str
    stem: str
    start: int
    end: int


@cache
def stemmer_for(language: str) -> Callable[[str], str] | None:
    """The stemmer names are matched with in a language, by its ISO 639 code, or None if
    it has none here (English, on purpose: see LANGUAGES)."""
    return _stemmer(LANGUAGES.get(language))


@cache
def word_stemmer_for(language: str) -> Callable[[str], str] | None:
    """The stemmer of a language for words in general, English included: for telling
    whether two words are forms of one (``suggest``), where "Bank" ~ "banking" is right."""
    return _stemmer(LANGUAGES.get(language) or _WORDS_ONLY.get(language))


_WORDS_ONLY = {"en": "english", "eng": "english"}


def _stemmer(algorithm: str | None) -> Callable[[str], str] | None:
    if algorithm is None:
        return None
    stemmer = snowballstemmer.stemmer(algorithm)
    return cache(stemmer.stemWord)  # names and common words recur in every paragraph


def agree(name_word: Word, text_word: Word) -> bool:
    """Whether a word of the text is a form of a word of a name (see the module's note)."""
    if name_word.text == text_word.text:
        return True
    short, long = sorted((name_word.stem, text_word.stem), key=len)
    return (
        len(short) >= SHORTEST_STEM
        and long.startswith(short)
        and len(long) - len(short) <= LONGEST_ENDING
        and text_word.text.startswith(short)
        and name_word.text.startswith(short)
    )


class StemmedNames:
    """Finds names in text of one language by their stems, longest first, no overlaps.

    A name is filed under its first word's stem, cut to the shortest stem that can agree;
    each word of the text looks up only the names filed under its own stem's cut. Stemming
    costs more than the rest together, so a word of the text is stemmed only if it begins
    as some word of a name does: any other agrees with none.
    """

    def __init__(self, names: list[str], stem: Callable[[str], str]) -> None:
        self._stem = stem
        self._names: dict[str, list[tuple[str, list[Word], list[str]]]] = defaultdict(list)
        self._beginnings: set[str] = set()
        for name in sorted(names, key=lambda n: (-len(n), n)):
            words = self._words(name)
            if words and words[0].start == 0 and words[-1].end == len(name):
                gaps = [name[a.end : b.start] for a, b in pairwise(words)]
                self._names[_key(words[0])].append((name, words, gaps))
                self._beginnings |= {_begins(w.text) for w in words} | {
                    _begins(w.stem) for w in words
                }

    def _words(self, text: str, *, only_candidates: bool = False) -> list[Word]:
        words = []
        for match in _WORD.finditer(text):
            word = match.group()
            candidate = not only_candidates or _begins(word) in self._beginnings
            words.append(Word(word, self._stem(word) if candidate else "", *match.span()))
        return words

    def find(self, text: str) -> Iterator[str]:
        for name, _ in self.forms(text):
            yield name

    def forms(self, text: str) -> Iterator[tuple[str, str]]:
        """Each name found and the form the text gives it, e.g. ("Москва", "Москве")."""
        words = self._words(text, only_candidates=True)
        position = 0
        while position < len(words):
            found = self._at(text, words, position)
            if found is None:
                position += 1
            else:
                name, length = found
                yield name, text[words[position].start : words[position + length - 1].end]
                position += length

    def _at(self, text: str, words: list[Word], position: int) -> tuple[str, int] | None:
        """The longest name whose words agree with the text's from ``position`` on."""
        for name, name_words, gaps in self._names.get(_key(words[position]), []):
            end = position + len(name_words)
            if end <= len(words) and all(
                agree(n, t) for n, t in zip(name_words, words[position:end], strict=True)
            ):
                text_gaps = [text[a.end : b.start] for a, b in pairwise(words[position:end])]
                if text_gaps == gaps:
                    return name, len(name_words)
        return None


def _begins(text: str) -> str:
    return text[:SHORTEST_STEM]


def _key(word: Word) -> str:
    """What two agreeing words share: the first letters of their stems, or a short word."""
    if len(word.stem) < SHORTEST_STEM:
        return word.text
    return word.stem[:SHORTEST_STEM]
