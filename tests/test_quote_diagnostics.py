"""Why a quote failed, exactly: the character and its column, the differing words, or the
places it occurs; and words that mix scripts, in quotes and aliases."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder import quotes
from builder.errors import DataError
from builder.load import load
from builder.paragraphs import Paragraph, fold
from builder.pipeline import Paths
from builder.quotediag import column_of
from builder.validate import validate
from tests.conftest import Edit


@dataclass(frozen=True)
class _Source:
    paragraphs: tuple[Paragraph, ...]


def messages(paths: Paths) -> list[str]:
    try:
        validate(load(paths.data))
    except DataError as error:
        return [str(p) for p in error.problems]
    return []


def warnings(paths: Paths) -> list[str]:
    return [str(p) for p in validate(load(paths.data)).warnings]


def test_a_cyrillic_letter_in_the_source_is_named_with_its_column(tiny: Paths, edit: Edit) -> None:
    """The issue's case: the source writes a Cyrillic С, the quote a Latin C."""
    edit("sources/harbour-report.md", "Lake Institute (SLI)", "Lake Institute (\u0421LI)")
    assert messages(tiny) == [
        "data/organisations.yaml:16:14: [1].citations[0].quote: quote not found in source "
        "'harbour-report': 'the Sudland Lake Institute (SLI)'\n"
        "    hint: the source has U+0421 CYRILLIC CAPITAL LETTER ES (С) at column 151 of ¶5 "
        "where the quote has U+0053 LATIN CAPITAL LETTER S (S); copy the words exactly from "
        "the source"
    ]


def test_a_one_character_difference_is_named(tiny: Paths, edit: Edit) -> None:
    edit("timeline.yaml", "quote: On 4 May the ministers", "quote: On 5 May the ministers")
    assert messages(tiny) == [
        "data/timeline.yaml:8:14: [0].citations[0].quote: quote not found in source "
        "'harbour-report': 'On 5 May the ministers'\n"
        "    hint: the source has U+0034 DIGIT FOUR (4) at column 4 of ¶1 where the quote "
        "has U+0035 DIGIT FIVE (5); copy the words exactly from the source"
    ]


def test_a_missing_letter_is_named(tiny: Paths, edit: Edit) -> None:
    edit("figures.yaml", "quote: 12 million crowns", "quote: 12 milion crowns")
    assert messages(tiny) == [
        "data/figures.yaml:10:14: [0].citations[0].quote: quote not found in source "
        "'harbour-report': '12 milion crowns'\n"
        "    hint: the source has U+006C LATIN SMALL LETTER L (l) at line 3, column 16 of ¶4 where "
        "the quote has nothing; copy the words exactly from the source"
    ]


def test_different_words_are_marked(tiny: Paths, edit: Edit) -> None:
    edit(
        "people.yaml",
        "quote: Minister Ada Brook of Nordmark",
        "quote: Minister Ada Brook of Sudland",
    )
    assert messages(tiny) == [
        "data/people.yaml:7:14: [0].citations[0].quote: quote not found in source "
        "'harbour-report': 'Minister Ada Brook of Sudland'\n"
        '    hint: ¶2 has "Minister Ada Brook of [Nordmark]" where the quote has '
        '"Minister Ada Brook of [Sudland]" (81% alike); copy the words exactly from the source'
    ]


def test_nothing_alike_keeps_the_plain_hint(tiny: Paths, edit: Edit) -> None:
    edit("timeline.yaml", "quote: On 4 May the ministers", "quote: zebra crossing at noon")
    [message] = messages(tiny)
    assert message.endswith("hint: copy the words exactly from the source text")


def test_a_quote_in_two_places_gets_longer_quotes_that_occur_once(tiny: Paths, edit: Edit) -> None:
    edit("timeline.yaml", "quote: On 4 May the ministers", "quote: Port Alder")
    assert messages(tiny) == [
        "data/timeline.yaml:8:14: [0].citations[0].quote: quote occurs 2 times in source "
        "'harbour-report' (¶1, ¶5): 'Port Alder'\n"
        '    hint: quote more words, so that it occurs once, e.g. "in Port Alder" (¶1) or '
        '"at Port Alder" (¶5)'
    ]


def test_a_mixed_script_alias_gets_a_warning_of_its_own(tiny: Paths, edit: Edit) -> None:
    edit("people.yaml", "aliases: [Ola Rid]", "aliases: [\u041ela Rid]")
    assert warnings(tiny) == [
        "data/people.yaml:10:13: [1].aliases[0]: the word 'Оla' mixes Cyrillic and Latin "
        "letters: U+041E CYRILLIC CAPITAL LETTER O (О)\n"
        "    hint: retype it in one script"
    ]


def test_a_mixed_script_quote_fails_and_warns(tiny: Paths, edit: Edit) -> None:
    edit("sources/harbour-report.md", "Lake Vell.", "Lake V\u0435ll.")
    edit(
        "initiatives.yaml",
        "quote: proposed a joint ferry service across Lake Vell",
        "quote: proposed a joint ferry service across Lake V\u0435ll",
    )
    edit(
        "event.yaml",
        "quote: proposed a joint ferry service across Lake Vell",
        "quote: proposed a joint ferry service across Lake V\u0435ll",
    )
    assert warnings(tiny) == [
        "data/event.yaml:24:16: priority_areas[0].citations[0].quote: the word 'Vеll' "
        "mixes Latin and Cyrillic letters: U+0435 CYRILLIC SMALL LETTER IE (е)\n"
        "    hint: retype it in one script, or keep it if the source writes it so",
        "data/initiatives.yaml:12:14: [0].citations[0].quote: the word 'Vеll' mixes Latin "
        "and Cyrillic letters: U+0435 CYRILLIC SMALL LETTER IE (е)\n"
        "    hint: retype it in one script, or keep it if the source writes it so",
    ]


def test_a_column_in_a_paragraph_of_several_lines() -> None:
    paragraph = Paragraph(3, 10, "First  line here\n  and the second")
    folded = "First line here and the second"
    assert column_of(paragraph, folded.index("line")) == "column 8 of ¶3"
    assert column_of(paragraph, folded.index("second")) == "line 2, column 11 of ¶3"


def test_past_the_limit_failed_quotes_get_the_short_hints(
    tiny: Paths, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run tells at most MAX_EXPLAINED failures in detail: each searches the source."""
    monkeypatch.setattr(quotes, "MAX_EXPLAINED", 1)
    edit("timeline.yaml", "quote: On 4 May the ministers", "quote: On 5 May the ministers")
    edit("initiatives.yaml", "quote: supported the ferry plan", "quote: ferry")
    assert [m.split("hint: ")[1] for m in messages(tiny)] == [
        # initiatives.yaml is checked first, and told in detail; timeline.yaml is not
        'quote more words, so that it occurs once, e.g. "joint ferry" (¶2) or "the ferry" (¶3)',
        "copy the words exactly from the source text",
    ]


@given(
    st.lists(st.text("ab c", min_size=1, max_size=12).map(fold).filter(bool), max_size=6),
    st.text("ab c", min_size=1, max_size=4).map(fold).filter(bool),
)
def test_occurrences_are_those_of_each_paragraph_searched_alone(
    texts: list[str], quote: str
) -> None:
    """Differential: one search of the joined paragraphs finds what a search of each
    paragraph finds, overlapping matches included, and nothing across two paragraphs."""
    paragraphs = tuple(Paragraph(n, n, text) for n, text in enumerate(texts, 1))
    index = quotes.QuoteIndex({"s": _Source(paragraphs)})
    expected = [
        (n, at)
        for n, text in enumerate(texts, 1)
        for at in range(len(text))
        if text.startswith(quote, at)
    ]
    assert index.occurrences("s", quote) == expected
