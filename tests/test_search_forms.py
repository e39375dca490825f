"""Accented and unaccented spellings find the same page: the search keeps "António" and
"Antonio" apart, so the builder gives each accented name its plain form too, in an element
only the search reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.model import Person
from builder.render import search_forms, unaccented
from tests.conftest import TINY, make_project, run_site_build


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("António Costa", "Antonio Costa"),
        ("Rönesans", "Ronesans"),
        ("Şavkat Mirzä", "Savkat Mirza"),
        ("Сарвения", "Сарвения"),  # another script is left as it is
        ("Аврелианский союз", "Аврелианский союз"),  # й is a letter, not и with a mark
        ("Søren Ørsted", "Søren Ørsted"),  # ø is a letter of its own, not o with a mark
    ],
)
def test_unaccented_drops_only_the_marks(text: str, plain: str) -> None:
    assert unaccented(text) == plain


def person(name: str, aliases: list[str]) -> Person:
    citation = {"source": "s", "quote": "q"}
    return Person.model_validate(
        {"id": "p", "name": name, "role": "r", "aliases": aliases, "citations": [citation]}
    )


def test_only_names_that_change_get_a_search_form() -> None:
    assert search_forms(person("Ada Brook", ["Ada Bruk"])) == ""
    forms = search_forms(person("António Costa", ["Antônio <Costa>"]))
    assert forms == (
        '<div class="search-only" hidden>Antonio &lt;Costa&gt;; Antonio Costa</div>\n\n'
    )


@pytest.mark.slow
def test_the_search_index_holds_the_plain_form(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", TINY / "data")
    people = project / "data" / "people.yaml"
    text = people.read_text("utf-8").replace("name: Ada Brook", "name: Adá Bröok", 1)
    people.write_text(text, "utf-8")
    result = run_site_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    index = json.loads((project / "site" / "search" / "search_index.json").read_text("utf-8"))
    page = [doc for doc in index["docs"] if doc["location"] == "people/ada-brook/"]
    assert page, "the person's page is in the index"
    assert "Ada Brook" in page[0]["text"]
    assert "Adá Bröok" in page[0]["title"]
    html = (project / "site" / "people" / "ada-brook" / "index.html").read_text("utf-8")
    assert '<div class="search-only" hidden>Ada Brook</div>' in html
