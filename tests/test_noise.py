"""Which lines of a copied page are proposed for skip:, and why."""

from __future__ import annotations

import pytest

from builder.authoring.noise import propose_skips
from builder.authoring.stated import guess_language, offers
from builder.paragraphs import split


def reasons(body: str) -> dict[str, str]:
    proposed, _ = propose_skips(split(body, "text"))
    return {p.paragraph.folded: p.reason for p in proposed}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Home News Sport Business Contact", "navigation: a run of 5 capitalised words"),
        ("Главная · Политика · Экономика", "navigation: 3 short items between separators"),
        ("Comments (14) | Share | Tip us off", "navigation: 3 short items between separators"),
        ("👁 1234", "no words: only numbers and symbols"),
        ("12:30", "no words: only numbers and symbols"),
        ("Read also: Ferry prices rise again this spring", "a link to another story"),
        ("Читайте также: В Тессмаре открылась ярмарка", "a link to another story"),
        ("Photo gallery", "very short: 2 words (a label, a link or a heading)"),
    ],
)
def test_a_line_with_no_substance_is_proposed_with_its_reason(line: str, reason: str) -> None:
    found = reasons(f"{line}\nThe ministers agreed on a ferry timetable for the summer.\n")
    assert list(found) == [line]
    assert found[line].startswith(reason)


@pytest.mark.parametrize(
    "line",
    [
        "Leaders agree on a Lake Ferry Timetable",  # a headline, with small words
        "The ferry will run twice a day from April, the minister said.",
        "Sudland and Nordmark sign the Lake Vell Water Accord in Port Alder",
    ],
)
def test_a_line_of_substance_is_not_proposed(line: str) -> None:
    assert reasons(f"{line}\n") == {}


def test_a_repeated_line_is_proposed_once_for_all_its_places() -> None:
    body = "Ferry talks resume on the lake\nTalks began.\nFerry talks resume on the lake\n"
    assert reasons(body) == {
        "Ferry talks resume on the lake": "printed 2 times word for word (¶1, ¶3): a headline "
        "or caption"
    }


def test_a_short_line_inside_another_paragraph_is_not_proposed() -> None:
    proposed, refused = propose_skips(split("Share\nShare your view below.\n", "text"))
    assert proposed == []
    assert [(p.paragraph.number, p.reason) for p in refused] == [(1, "its words are also in ¶2")]


def test_dates_and_bylines_are_offered_from_short_lines_only() -> None:
    body = (
        "By Jane Roe\n"
        "Alvenna, 15 May 2032\n"
        "The summit of 14 May 2032 was the first of its kind, by all accounts of the day.\n"
        "by the way\n"
    )
    assert [(o.field, o.value, o.line) for o in offers(split(body, "text"))] == [
        ("date", "2032-05-15", 2),
        ("author", "Jane Roe", 1),
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Саммит прошёл в столице, лидеры подписали заявление.", "ru"),
        ("Саміт відбувся у столиці, лідери підписали заяву.", None),  # Ukrainian: і
        ("Срещата на върха се проведе в столицата.", None),  # Bulgarian: no ы, э, ё
        ("Η σύνοδος κορυφής έγινε στην πρωτεύουσα.", "el"),
        ("首脳会議は東京で開かれた。", "ja"),
        ("The summit was held in the capital.", None),  # Latin script: many languages
    ],
)
def test_a_language_is_guessed_only_where_the_script_makes_it_plain(
    text: str, language: str | None
) -> None:
    guessed = guess_language(text)
    assert (guessed[0] if guessed else None) == language


def test_a_short_sentence_is_not_a_label() -> None:
    assert reasons("Talks failed.\nShare\n") == {
        "Share": "very short: 1 word (a label, a link or a heading)"
    }
