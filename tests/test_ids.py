"""Ids proposed from titles in any script, and in the message of a refused id; glossary
terms in any script."""

from __future__ import annotations

import pytest

from builder.ids import propose_id
from builder.model import RESERVED_NAMES
from builder.pipeline import Paths, prepare
from tests.conftest import Edit, problems_of


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kyriacos Kakouris-ü", "kyriacos-kakouris-u"),
        ("Сарвения", "sarveniya"),
        ("Томаш Рейвик", "tomash-reyvik"),
        ("People’s Bank of Dorvask", "peoples-bank-of-dorvask"),
        ("  --Alvenna–Tessmar railway!! ", "alvenna-tessmar-railway"),
        ("ЕС", "es"),
        ("北京", "beijing"),
        ("", "item"),
        ("!!!", "item"),
        # Cut after a whole word, within 40 characters:
        (
            "Лидеры Аврелианского союза и государств Меридиана приняли совместное заявление",
            "lidery-avrelianskogo-soyuza-i-gosudarstv",
        ),
        ("a" * 50, "a" * 40),
    ],
)
def test_an_id_is_proposed_from_any_title(name: str, expected: str) -> None:
    assert propose_id(name) == expected


def test_a_proposed_id_avoids_reserved_and_taken_ids() -> None:
    assert "index" in RESERVED_NAMES
    assert propose_id("Index") == "index-2"
    assert propose_id("Sarvenia", taken={"sarvenia", "sarvenia-2"}) == "sarvenia-3"
    taken = {"a" * 40}
    assert propose_id("a" * 50, taken) == "a" * 38 + "-2"


def test_a_refused_id_gets_a_proposal(tiny: Paths, edit: Edit) -> None:
    edit("people.yaml", "- id: ada-brook", "- id: kyriacos-kakouris-ü")
    in_people = [str(p) for p in problems_of(tiny) if p.file.endswith("people.yaml")]
    assert in_people == [
        "data/people.yaml:1:7: [0].id: not a valid id: 'kyriacos-kakouris-ü'\n"
        "    hint: use lower-case letters, digits and single hyphens: try 'kyriacos-kakouris-u'",
    ]


def test_a_glossary_term_may_be_written_in_any_script(tiny: Paths, edit: Edit) -> None:
    edit("glossary.yaml", "- term: LF", "- term: ЕС")
    source = tiny.data / "sources" / "harbour-report.md"
    source.write_text(source.read_text("utf-8") + "Наблюдатели от ЕС.\n", "utf-8")
    pages = prepare(tiny).pages
    assert "| **ЕС** | Lakes Forum |" in pages["glossary.md"]
    assert pages["sources/harbour-report.md"].endswith("*[ЕС]: Lakes Forum\n")


@pytest.mark.parametrize("term", ["a]b", "x: y", "-EU"])
def test_a_glossary_term_that_could_break_its_definition_is_refused(
    tiny: Paths, edit: Edit, term: str
) -> None:
    edit("glossary.yaml", "- term: LF", f"- term: '{term}'")
    assert [str(p) for p in problems_of(tiny)] == [
        f"data/glossary.yaml:1:9: [0].term: not a glossary term: '{term}'\n"
        "    hint: use letters of any script, digits, + & . / - and spaces, "
        "starting with a letter or digit"
    ]
