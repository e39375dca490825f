"""The downloads say exactly what the data files say: the fixture briefings' data (the
tiny lake states, and bloc-summit with its Russian source)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from builder import yamlsafe
from builder.downloads import _FORMULA_START, collection_csv
from builder.kinds import KINDS, SECTORS
from builder.pipeline import Paths, prepare
from builder.validate import Briefing
from tests.conftest import BLOC_SUMMIT, PROJECT, TINY


@dataclass
class Built:
    """A fixture briefing's data folder, and what the builder made of it."""

    data: Path
    briefing: Briefing
    pages: dict[str, str]

    def yaml_of(self, name: str) -> Any:
        text = (self.data / f"{name}.yaml").read_text("utf-8")
        document, problems = yamlsafe.parse(text, name)
        assert problems == []
        assert document is not None
        return document.data


@pytest.fixture(scope="module", params=[TINY, BLOC_SUMMIT], ids=lambda folder: folder.name)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    data: Path = request.param / "data"
    prepared = prepare(Paths(data, tmp_path_factory.mktemp("docs"), PROJECT / "templates"))
    return Built(data, prepared.briefing, prepared.pages)


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


def test_json_holds_every_collection_as_written(built: Built) -> None:
    data = json.loads(built.pages["downloads/briefing.json"])
    assert contains(data["event"], built.yaml_of("event"))
    for path in sorted(built.data.glob("*.yaml")):
        if path.stem != "event":
            assert contains(data[path.stem], built.yaml_of(path.stem)), path.stem


def test_json_holds_the_sources_verbatim(built: Built) -> None:
    data = json.loads(built.pages["downloads/briefing.json"])
    by_id = {source["id"]: source for source in data["sources"]}
    for path in sorted((built.data / "sources").glob("*.md")):
        body = path.read_text("utf-8").split("\n---\n", 1)[1]
        for paragraph in by_id[path.stem]["paragraphs"]:
            assert paragraph in body


@pytest.mark.parametrize("name", [kind.name for kind in KINDS if kind.csv])
def test_csv_rows_match_the_data(built: Built, name: str) -> None:
    rows = list(csv.DictReader(io.StringIO(built.pages[f"downloads/{name}.csv"])))
    items = built.yaml_of(name)
    assert items, f"the fixture has no {name}"
    assert [row["id"] for row in rows] == [item["id"] for item in items]
    for row, item in zip(rows, items, strict=True):
        for field, value in item.items():
            if isinstance(value, str):
                assert row[field] == as_cell(value)
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                assert row[field] == "; ".join(as_cell(v) for v in value)


def as_cell(text: str) -> str:
    """Text as a CSV cell: an apostrophe before what a spreadsheet would run as a formula,
    and only then (a value that starts with an apostrophe of its own keeps it)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


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


def test_schema_downloads_are_the_published_schema(built: Built, tmp_path: Path) -> None:
    # What `make schema` (python -m builder schema) publishes into a data folder.
    data = tmp_path / "data"
    shutil.copytree(built.data, data)
    command = [sys.executable, "-m", "builder", "--data", str(data), "schema"]
    subprocess.run(command, cwd=PROJECT, check=True, capture_output=True)
    published = sorted((data / "schema").glob("*.json"))
    assert published
    downloads = sorted(name for name in built.pages if name.startswith("downloads/schema/"))
    assert downloads == [f"downloads/schema/{path.name}" for path in published]
    for path in published:
        assert built.pages[f"downloads/schema/{path.name}"] == path.read_text("utf-8"), path.name
