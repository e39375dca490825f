"""Words that mark a fact, per language: what `suggest` looks for in a source's text.

Nothing here names an event, a country or a person; a language is added by adding its
rows. A word ending in ``*`` stands for every word that starts so (``propos*``: proposed,
proposal, proposes); any other word must match whole. Words are compared without case.
"""

from __future__ import annotations

# Verbs and nouns of proposing and deciding, each with the status (of the schema's
# status list) that it most often means; the analyst decides.
DECISION_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "propos*": "proposed",
        "suggest*": "suggested",
        "agree*": "agreed",
        "sign": "agreed",
        "signs": "agreed",
        "signed": "agreed",
        "signing": "agreed",
        "adopt*": "adopted",
        "launch*": "launched",
        "announc*": "announced",
        "unveil*": "announced",
        "pledg*": "announced",
        "approv*": "agreed",
        "endorsed": "supported",
        "supported": "supported",
        "decid*": "agreed",
        "decision*": "agreed",
        "established": "launched",
        "ratif*": "adopted",
        "plan": "planned",
        "plans": "planned",
        "planned": "planned",
    },
    "ru": {
        "предлож*": "proposed",
        "предлага*": "proposed",
        "договор*": "agreed",
        "подписа*": "agreed",
        "подпис*": "agreed",
        "соглас*": "agreed",
        "одобр*": "agreed",
        "принял*": "adopted",
        "принят*": "adopted",
        "утверд*": "adopted",
        "запуст*": "launched",
        "запуск*": "launched",
        "объяв*": "announced",
        "поддерж*": "supported",
        "намерен*": "planned",
        "планир*": "planned",
    },
}

# The months in order, each with its spellings: dates are found by them.
MONTHS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sept", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    "ru": (
        ("январ*",),
        ("феврал*",),
        ("март*",),
        ("апрел*",),
        ("май", "мая", "мае"),
        ("июн*",),
        ("июл*",),
        ("август*",),
        ("сентябр*",),
        ("октябр*",),
        ("ноябр*",),
        ("декабр*",),
    ),
}

# What follows a number to make it a figure: magnitudes, units, currencies.
UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "thousand*",
        "million*",
        "billion*",
        "trillion*",
        "bn",
        "mn",
        "mln",
        "per",
        "percent",
        "km",
        "kilomet*",
        "mile*",
        "mw",
        "gw",
        "kw",
        "twh",
        "gwh",
        "tonne*",
        "ton*",
        "kg",
        "usd",
        "eur",
        "dollar*",
        "euro*",
        "yen",
        "pound*",
        "people",
        "passenger*",
    ),
    "ru": (
        "тыс*",
        "млн",
        "млрд",
        "трлн",
        "миллион*",
        "миллиард*",
        "процент*",
        "км",
        "квт*",
        "мвт*",
        "гвт*",
        "тонн*",
        "долл*",
        "евро",
        "руб*",
        "человек",
    ),
}
CURRENCY_SIGNS = "$€£¥₽₹"

# Words that open sentences in capitals without being names: a capitalised word is a name
# only if it is not here and the briefing's texts never write it in lower case.
NOT_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "his",
        "her",
        "their",
        "our",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "but",
        "and",
        "or",
        "if",
        "when",
        "while",
        "after",
        "before",
        "according",
        "there",
        "here",
        "both",
        "each",
        "all",
        "some",
        "mr",
        "mrs",
        "ms",
        "dr",
    ),
    "ru": (
        "в",
        "во",
        "на",
        "по",
        "с",
        "со",
        "к",
        "о",
        "об",
        "от",
        "до",
        "из",
        "за",
        "как",
        "это",
        "он",
        "она",
        "они",
        "его",
        "ее",
        "её",
        "их",
        "также",
        "но",
        "и",
        "а",
        "при",
        "для",
        "после",
        "перед",
        "по",
        "же",
        "уже",
    ),
}
# Small words that may stand inside a name: "Bank of England", "House of Lords".
NAME_JOINERS: dict[str, tuple[str, ...]] = {
    "en": ("of", "the", "and", "for", "de", "du", "von", "van", "al"),
    "ru": ("и",),
}


def month_of(word: str, language: str) -> int | None:
    """The month a lower-case word names, 1-12, in the language (or in any, for a
    language without rows)."""
    tables = [MONTHS[language]] if language in MONTHS else list(MONTHS.values())
    for table in tables:
        for number, spellings in enumerate(table, 1):
            if any(matches(spelling, word) for spelling in spellings):
                return number
    return None


def rows_of(table: dict[str, tuple[str, ...]], language: str) -> tuple[str, ...]:
    """A language's words; for a language without rows, every language's."""
    if language in table:
        return table[language]
    return tuple(word for rows in table.values() for word in rows)


def decision_words(language: str) -> dict[str, str]:
    if language in DECISION_WORDS:
        return DECISION_WORDS[language]
    return {word: status for rows in DECISION_WORDS.values() for word, status in rows.items()}


def matches(pattern: str, word: str) -> bool:
    """Whether a lower-case word is what a table's word stands for."""
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern
