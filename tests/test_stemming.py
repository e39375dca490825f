"""Names in inflected languages found in all their forms, without listing each."""

from __future__ import annotations

import re
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder.index import Index
from builder.load import load
from builder.stemming import StemmedNames, Word, agree, stemmer_for
from builder.validate import validate
from tests.conftest import BLOC_SUMMIT

RUSSIAN = stemmer_for("ru")
# The inflected forms the bloc-summit fixture lists by hand beside each nominative.
INFLECTED_ALIASES = ["Сарвении", "Тирмены", "Тирменой", "Велларии", "Дорваска"]
COUNTRIES = ["sarvenia", "tirmena", "vellaria", "dorvask"]


def russian(names: list[str], text: str) -> list[str]:
    assert RUSSIAN is not None
    return list(StemmedNames(names, RUSSIAN).find(text))


def mentions(data: Path) -> set[tuple[str, str, int]]:
    index = Index(validate(load(data)))
    return {(key, m.source, m.paragraph) for key in COUNTRIES for m in index.mentions_of(key)}


def without_forms(data: Path) -> None:
    countries = data / "countries.yaml"
    text = countries.read_text("utf-8")
    for alias in INFLECTED_ALIASES:
        assert f"    - {alias}\n" in text
        text = text.replace(f"    - {alias}\n", "")
    countries.write_text(text, "utf-8")


def test_every_form_is_found_without_the_inflected_aliases(tmp_path: Path) -> None:
    shutil.copytree(BLOC_SUMMIT / "data", tmp_path / "data")
    without_forms(tmp_path / "data")
    found = mentions(tmp_path / "data")
    assert found == mentions(BLOC_SUMMIT / "data")
    # The forms that only the removed aliases named before: genitive and instrumental.
    assert {
        ("sarvenia", "dorvask-inform-report", 4),  # «в столице Сарвении»
        ("tirmena", "dorvask-inform-report", 8),  # «с Тирменой»
        ("vellaria", "dorvask-inform-report", 5),  # «президент Велларии»
        ("dorvask", "dorvask-inform-report", 7),  # «Президент Дорваска»
    } <= found


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Сарвения", "в столице Сарвении"),
        ("Сарвения", "вместе с Сарвенией"),
        ("Ватикан", "в Ватикане"),  # Snowball: "Ватика" but "Ватикан"
        ("Ватикан", "из Ватикана"),
        ("Тирмена", "с Тирменой"),  # Snowball: "Тирм" but "Тирмен"
        ("Аврелианский союз", "Аврелианского союза"),
    ],
)
def test_an_inflected_form_is_the_name(name: str, text: str) -> None:
    assert russian([name], text) == [name]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Мали", "Мала, мало, малые"),  # stem "Мал": too short to stand for other words
        ("ЕС", "Есть"),
        ("Союз", "Союзник"),  # a longer word, not a form: "союзник" is "ally"
        ("Сарвения", "сарвении"),  # case matters as for names written out
        ("Аврелианский союз", "Аврелианского, союза"),  # not the same words between
        ("Аврелианский союз", "Аврелианского"),  # the name's every word must be there
    ],
)
def test_no_false_forms(name: str, text: str) -> None:
    assert russian([name], text) == []


def test_a_short_name_is_still_found_as_written() -> None:
    assert russian(["Мали", "ЕС"], "Мали и ЕС") == ["Мали", "ЕС"]


def test_the_longest_name_wins_and_names_do_not_overlap() -> None:
    names = ["Сарвения", "Республика Сарвения"]
    assert russian(names, "Республики Сарвении и Сарвении") == [
        "Республика Сарвения",
        "Сарвения",
    ]


def test_english_is_matched_as_written() -> None:
    """English names do not inflect; its stemmer would make "Bank" stand for "banking"."""
    assert stemmer_for("en") is None
    russian = stemmer_for("rus")
    assert russian is not None
    assert russian("Сарвении") == "Сарвен"


def test_stemming_follows_the_sources_language(tmp_path: Path) -> None:
    shutil.copytree(BLOC_SUMMIT / "data", tmp_path / "data")
    without_forms(tmp_path / "data")
    report = tmp_path / "data" / "sources" / "dorvask-inform-report.md"
    report.write_text(report.read_text("utf-8").replace("language: ru", "language: en"), "utf-8")
    found = mentions(tmp_path / "data")
    assert ("sarvenia", "dorvask-inform-report", 10) in found  # «Сарвения», as written
    assert ("sarvenia", "dorvask-inform-report", 4) not in found  # «Сарвении»: no stemmer


def naive_stemmed_find(names: list[str], text: str) -> list[str]:
    """The specification: word by word, left to right, the longest name whose words agree
    with the text's from there, with the same characters between them; no overlaps."""
    assert RUSSIAN is not None
    stem = RUSSIAN

    def words(value: str) -> list[Word]:
        return [Word(m[0], stem(m[0]), m.start(), m.end()) for m in re.finditer(r"\w+", value)]

    def gaps(value: str, found: list[Word]) -> list[str]:
        return [value[a.end : b.start] for a, b in pairwise(found)]

    found, position, in_text = [], 0, words(text)
    ordered = sorted(names, key=lambda n: (-len(n), n))
    while position < len(in_text):
        for name in ordered:
            wanted = words(name)
            here = in_text[position : position + len(wanted)]
            if (
                wanted
                and len(here) == len(wanted)
                and all(agree(a, b) for a, b in zip(wanted, here, strict=True))
                and gaps(name, wanted) == gaps(text, here)
            ):
                found.append(name)
                position += len(wanted)
                break
        else:
            position += 1
    return found


# Forms that agree and forms that must not: short stems, longer words, case.
RUSSIAN_WORDS = st.sampled_from(
    ["Сарвения", "Сарвении", "Ватикан", "Ватикане", "Мали", "Мала", "Союз", "Союзник", "и"]
)


@settings(max_examples=500, deadline=None)
@given(
    names=st.lists(st.lists(RUSSIAN_WORDS, min_size=1, max_size=2).map(" ".join), min_size=1),
    text=st.lists(st.one_of(RUSSIAN_WORDS, st.sampled_from([" ", ", ", "-"])), max_size=12),
)
@example(names=["Ватикан", "Ватикан и Мали"], text=["Ватикане", " ", "и", " ", "Мали"])
def test_stemmed_names_agree_with_a_plain_scan(names: list[str], text: list[str]) -> None:
    joined = "".join(text)
    names = list(dict.fromkeys(names))
    assert russian(names, joined) == naive_stemmed_find(names, joined)


def test_a_mention_shows_the_form_the_source_uses(tmp_path: Path) -> None:
    shutil.copytree(BLOC_SUMMIT / "data", tmp_path / "data")
    without_forms(tmp_path / "data")
    index = Index(validate(load(tmp_path / "data")))
    in_report = {
        (m.paragraph, m.name)
        for m in index.mentions_of("tirmena")
        if m.source == "dorvask-inform-report"
    }
    assert in_report == {(5, "Тирмены"), (8, "Тирменой")}
