"""The Outcomes picture: a grid of stage by sector whose every mark links to its
initiative, named for screen readers, escaped, and placed inside its cell."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from builder.index import Index
from builder.kinds import INITIATIVES
from builder.load import load
from builder.outcomes import outcomes
from builder.pictures.outcomes import Mark, Row, grid_picture, outcomes_picture
from builder.validate import validate
from tests.conftest import BLOC_SUMMIT

SVG = "{http://www.w3.org/2000/svg}"
NS = {"svg": SVG[1:-1]}


def parse(svg: str) -> ET.Element:
    """Parse the module's own output (trusted: no entities, no DTD)."""
    return ET.fromstring(svg)  # noqa: S314


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(validate(load(BLOC_SUMMIT / "data")))


def picture_root(index: Index, page: str) -> ET.Element:
    figure = str(outcomes_picture(index, page, outcomes(index)))
    return parse(figure.split("\n", 1)[1].rsplit("\n", 2)[0])


def test_one_linked_mark_per_initiative_and_sector(index: Index) -> None:
    root = picture_root(index, "outcomes/index.md")
    links = root.findall(".//svg:a", NS)
    expected = sum(len(e.item.sectors) for e in index.of(INITIATIVES))
    assert len(links) == expected
    hrefs = {a.get("href") for a in links}
    assert "../initiatives/ministerial-dialogue/" in hrefs
    assert all(a.find("svg:circle", NS) is not None for a in links)


def test_marks_are_named_and_outcomes_filled(index: Index) -> None:
    root = picture_root(index, "outcomes/index.md")
    names = {a.get("aria-label"): a for a in root.findall(".//svg:a", NS)}
    roadmap = names["Joint Roadmap for the Partnership 2032–2037 (adopted)"]
    assert roadmap.findtext("svg:title", namespaces=NS) == roadmap.get("aria-label")
    filled = "outcomes-outcome" in (roadmap.find("svg:circle", NS).get("class") or "")  # type: ignore[union-attr]
    assert filled
    compact = names["Kessa Basin Water Compact (proposed)"].find("svg:circle", NS)
    assert compact is not None
    assert "outcomes-outcome" not in (compact.get("class") or "")


def test_root_is_a_named_group_with_every_stage_as_a_column(index: Index) -> None:
    root = picture_root(index, "outcomes/index.md")
    assert root.get("role") == "group"
    title = root.find("svg:title", NS)
    assert title is not None
    assert root.get("aria-labelledby") == title.get("id")
    columns = [
        " ".join(t.itertext())
        for t in root.iter(f"{SVG}text")
        if t.get("class") == "outcomes-column"
    ]
    assert columns == [
        "Decided",
        "Announced",
        "Proposed",
        "Earlier and background",
        "Suggestions and unconfirmed claims",
    ]


def test_marks_sit_inside_their_cells() -> None:
    marks = tuple(Mark(f"item {i}", f"../i{i}/", i % 2 == 0) for i in range(11))
    root = parse(grid_picture("t", "d", ["A", "B"], [Row("Water", (marks, ()))], width=320))
    cell = next(r for r in root.iter(f"{SVG}rect") if r.get("class") == "outcomes-cell")
    x0, y0 = float(cell.get("x") or 0), float(cell.get("y") or 0)
    x1, y1 = x0 + float(cell.get("width") or 0), y0 + float(cell.get("height") or 0)
    for circle in root.iter(f"{SVG}circle"):
        cx, cy, r = (float(circle.get(k) or 0) for k in ("cx", "cy", "r"))
        assert x0 <= cx - r, "a mark spills out of its cell on the left"
        assert cx + r <= x1, "a mark spills out of its cell on the right"
        assert y0 <= cy - r, "a mark spills out of its cell at the top"
        assert cy + r <= y1, "a mark spills out of its cell at the bottom"


def test_text_from_data_is_escaped() -> None:
    hostile = '<script>alert(1)</script> & "quotes"'
    svg = grid_picture(
        hostile, hostile, [hostile], [Row(hostile, ((Mark(hostile, "../x/", True),),))]
    )
    root = parse(svg)  # parses: nothing broke out
    assert root.findtext("svg:title", namespaces=NS) == hostile
    assert "<script>" not in svg


def test_bad_grids_and_links_are_refused() -> None:
    with pytest.raises(ValueError, match="2 cells for 1 columns"):
        grid_picture("t", "d", ["A"], [Row("Water", ((), ()))])
    with pytest.raises(ValueError, match="unsafe outcomes picture link"):
        grid_picture("t", "d", ["A"], [Row("Water", ((Mark("x", "javascript:alert(1)", True),),))])
    with pytest.raises(ValueError, match="at least one row"):
        grid_picture("t", "d", ["A"], [])
