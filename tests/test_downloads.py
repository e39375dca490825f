"""The downloads say exactly what the data files say."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from builder import yamlsafe
from builder.downloads import collection_csv
from builder.kinds import KINDS, SECTORS
from builder.pipeline import Paths, prepare
from builder.validate import Briefing
from tests.conftest import PROJECT

DATA = PROJECT / "data"


@pytest.fixture(scope="module")
def built() -> tuple[Briefing, dict[str, str]]:
    prepared = prepare(Paths(DATA, PROJECT / "docs", PROJECT / "templates"))
    briefing, pages = prepared.briefing, prepared.pages
    return briefing, pages


def yaml_of(name: str) -> Any:
    document, problems = yamlsafe.parse((DATA / f"{name}.yaml").read_text("utf-8"), name)
    assert problems == []
    assert document is not None
    return document.data


def contains(whole: Any, part: Any) -> bool:
    """Every value the author wrote is in the download (defaults may be added)."""
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(contains(whole.get(k), v) for k, v in part.items())
    if isinstance(part, list):
        return (
            isinstance(whole, list)
            and len(whole) == len(part)
            and all(contains(w, p) for w, p in zip(whole, part, strict=True))
        )
    return bool(whole == part)


def test_json_holds_every_collection_as_written(built: tuple[Briefing, dict[str, str]]) -> None:
    data = json.loads(built[1]["downloads/briefing.json"])
    assert contains(data["event"], yaml_of("event"))
    for path in sorted(DATA.glob("*.yaml")):
        if path.stem != "event":
            assert contains(data[path.stem], yaml_of(path.stem)), path.stem


def test_json_holds_the_sources_verbatim(built: tuple[Briefing, dict[str, str]]) -> None:
    data = json.loads(built[1]["downloads/briefing.json"])
    by_id = {source["id"]: source for source in data["sources"]}
    for path in sorted((DATA / "sources").glob("*.md")):
        body = path.read_text("utf-8").split("\n---\n", 1)[1]
        for paragraph in by_id[path.stem]["paragraphs"]:
            assert paragraph in body


@pytest.mark.parametrize("name", [kind.name for kind in KINDS if kind.csv])
def test_csv_rows_match_the_data(built: tuple[Briefing, dict[str, str]], name: str) -> None:
    rows = list(csv.DictReader(io.StringIO(built[1][f"downloads/{name}.csv"])))
    items = yaml_of(name)
    assert [row["id"] for row in rows] == [item["id"] for item in items]
    for row, item in zip(rows, items, strict=True):
        for field, value in item.items():
            if isinstance(value, str):
                assert row[field].removeprefix("'") == value
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                assert row[field] == "; ".join(value)


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    from builder.model import Sector

    text = collection_csv(SECTORS, [Sector(id="x", name="=HYPERLINK(1)", description="+1 @a")])
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["name"] == "'=HYPERLINK(1)"
    assert row["description"] == "'+1 @a"
    text = collection_csv(SECTORS, [Sector(id="x", name="-2+3", description="-cmd|'/c calc'!A0")])
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["name"] == "'-2+3"
    assert row["description"] == "'-cmd|'/c calc'!A0"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (-5, "-5"),  # a number field: a spreadsheet reads a number, and it stays one
        (-2.5, "-2.5"),
        ("-5", "'-5"),  # text that looks like a number is text, and could start a formula
        ([-1, 2], "'-1; 2"),
        ("a\u202eb\u2066c\u200f", "a\ufffdb\ufffdc\ufffd"),
        ("\u202e=1", "\ufffd=1"),
    ],
)
def test_csv_cells_numbers_and_direction_controls(value: Any, cell: str) -> None:
    from builder.downloads import _cell

    assert _cell(value) == cell


def test_schema_downloads_are_the_published_schema(built: tuple[Briefing, dict[str, str]]) -> None:
    published = sorted((DATA / "schema").glob("*.json"))
    assert published
    for path in published:
        assert built[1][f"downloads/schema/{path.name}"] == path.read_text("utf-8"), path.name
