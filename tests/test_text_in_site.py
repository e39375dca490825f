"""Text as MkDocs shows it: glossary terms with '&', '-' or '+' get their tooltip, and no
bidirectional control from the data reaches a page, its <title>, the search index or a
download. One site of the tiny project, built as `make site` builds it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import TINY, make_project, run_site_build

pytestmark = pytest.mark.slow
# Unicode's bidirectional controls: embeddings and overrides, isolates, implicit marks.
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"

TERMS = {
    "AT&T": "American Telephone and Telegraph",
    "COVID-19": "Coronavirus disease 2019",
    "NM+SL": "Nordmark plus Sudland Liaison",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("text")
    (root / "project").mkdir()
    project = make_project(root / "project", TINY / "data")
    data = project / "data"
    with (data / "glossary.yaml").open("a", encoding="utf-8") as stream:
        for term, expansion in TERMS.items():
            stream.write(f"- term: {term}\n  expansion: {expansion}\n")
    initiatives = data / "initiatives.yaml"
    text = initiatives.read_text("utf-8")
    old = "  title: Joint ferry service across Lake Vell"
    assert old in text
    # U+202E would show the rest of the title reversed, and could hide what it says.
    initiatives.write_text(text.replace(old, f"{old}\u202e 'lleV' \u2066x\u2069\u200f"), "utf-8")
    result = run_site_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.parametrize("term", list(TERMS))
def test_a_glossary_term_gets_its_tooltip(site: Path, term: str) -> None:
    page = (site / "glossary" / "index.html").read_text("utf-8")
    shown = term.replace("&", "&amp;")
    assert f'<abbr title="{TERMS[term]}">{shown}</abbr>' in page


def test_no_bidirectional_control_reaches_the_site(site: Path) -> None:
    page = (site / "initiatives" / "lake-ferry" / "index.html").read_text("utf-8")
    assert "<title>Joint ferry service across Lake Vell\ufffd" in page
    assert "<h1" in page
    assert "\ufffd" in decoded(site / "search" / "search_index.json")
    found = []
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".md", ".xml"):
            text = decoded(path)
            found += [f"{path.relative_to(site)}: U+{ord(c):04X}" for c in BIDI if c in text]
    # The JSON download keeps the data as written; everything shown or opened as a
    # table does not.
    assert [f for f in found if not f.startswith("downloads/briefing.json")] == []


def decoded(path: Path) -> str:
    """The text of a file, with JSON's \\u escapes read."""
    text = path.read_text("utf-8")
    if path.suffix == ".json":
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return text
