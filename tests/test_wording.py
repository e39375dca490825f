"""The small pieces of English the pages share."""

from __future__ import annotations

import pytest

from builder.wording import article, counted, join_names, named_in, participants_phrase


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        ([], ""),
        (["A"], "A"),
        (["A", "B"], "A and B"),
        (["A", "B", "C"], "A, B and C"),
        (["A", "B", "C", "D"], "A, B, C and D"),
    ],
)
def test_join_names(names: list[str], joined: str) -> None:
    assert join_names(names) == joined


def test_counted() -> None:
    assert counted(0, "country", "countries") == "0 countries"
    assert counted(1, "country", "countries") == "1 country"
    assert counted(12, "country", "countries") == "12 countries"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lake Council", "the "),
        ("Union of Northern Lakes", "the "),
        ("LKO", ""),
        ("Lakepol", ""),
        ("The Lake Times", ""),
        ("the Lake Times", ""),
    ],
)
def test_article(name: str, expected: str) -> None:
    assert article(name) == expected


@pytest.mark.parametrize(
    ("countries", "others", "phrase"),
    [
        (0, [], "none"),
        (1, [], "1 country"),
        (5, [], "5 countries"),
        (0, ["the Lake Council"], "the Lake Council"),
        (1, ["the Lake Council"], "1 country and the Lake Council"),
        (5, ["the Lake Council"], "5 countries and the Lake Council"),
        (0, ["the Lake Council", "LKO"], "the Lake Council and LKO"),
        (1, ["the Lake Council", "LKO"], "1 country, the Lake Council and LKO"),
        (
            5,
            ["the Lake Council", "LKO", "Lakepol"],
            "5 countries, the Lake Council, LKO and Lakepol",
        ),
    ],
)
def test_participants_phrase(countries: int, others: list[str], phrase: str) -> None:
    assert participants_phrase(countries, others) == phrase


@pytest.mark.parametrize(
    ("text", "names", "place"),
    [
        ("Port Alder, Nordmark", ["Nordmark"], (12, 20)),
        ("Port Alder, NORDMARK", ["Nordmark"], (12, 20)),
        ("Port Alder (Nordmark)", ["Nordmark"], (12, 20)),
        ("Port Alder, Kingdom of Nordmark", ["Nordmark", "Kingdom of Nordmark"], (12, 31)),
        ("Port Alder, the North", ["Nordmark", "the North"], (12, 21)),
        ("Port Alder", ["Nordmark"], None),
        ("Nordmarkby", ["Nordmark"], None),  # a name inside another word is not the name
        ("Port Alder", ["", " "], None),
    ],
)
def test_named_in(text: str, names: list[str], place: tuple[int, int] | None) -> None:
    assert named_in(text, names) == place
