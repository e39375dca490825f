"""The pictures as the build uses them: the participants map's errors, warnings, cache."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder import cache, pictures
from builder.index import Entity, Index
from builder.load import load
from builder.model import Sector
from builder.pictures import geodata, map_warnings, participants_map, site_url, url_from
from builder.pictures.geodata import ATTRIBUTION
from builder.pipeline import Paths
from builder.validate import validate
from tests.conftest import Edit, needs_map_data, problems_of, run_builder
from tests.test_participants import with_lake_council


@pytest.fixture
def fresh_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty build cache, and no map or boundaries remembered in memory."""
    folder = tmp_path / "cache"
    monkeypatch.setattr(cache, "FOLDER", folder)
    _forget()
    yield folder
    _forget()


def _forget() -> None:
    pictures._drawn.cache_clear()
    geodata.load_boundaries.cache_clear()
    geodata.ring_boxes.cache_clear()


def _on_the_map(edit: Edit, sudland: str | None = None) -> None:
    edit("countries.yaml", "  name: Nordmark\n", "  name: Nordmark\n  iso3: NOR\n")
    if sudland:
        edit("countries.yaml", "  name: Sudland\n", f"  name: Sudland\n  iso3: {sudland}\n")


def _index(paths: Paths) -> Index:
    return Index(validate(load(paths.data)))


@pytest.mark.usefixtures("fresh_map")
def test_missing_map_data_is_a_build_error(
    tiny: Paths, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    _on_the_map(edit)
    monkeypatch.setattr(geodata, "DATA_PACKAGE", "no_such_map_data")
    [problem] = problems_of(tiny)
    assert str(problem) == (
        "no-such-map-data:1:1: the map of the participants needs the package "
        "no-such-map-data, which is not installed\n"
        "    hint: install the locked requirements (make site)"
    )
    assert list(tiny.docs.iterdir()) == []  # nothing was written


@pytest.mark.usefixtures("fresh_map")
def test_unreadable_map_data_is_a_build_error(
    tiny: Paths, edit: Edit, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _on_the_map(edit)
    broken = tmp_path / "maps.sqlite3"
    broken.write_bytes(b"not a database, just bytes" * 100)
    monkeypatch.setattr(geodata, "_database", lambda: broken)
    [problem] = problems_of(tiny)
    assert problem.file == "pyworldatlas-mapdata-overview"
    assert problem.message.startswith("the map data in pyworldatlas-mapdata-overview is unreadable")
    assert problem.hint == "install the locked requirements (make site)"


@pytest.mark.usefixtures("fresh_map")
def test_without_codes_the_map_data_is_not_needed(
    tiny: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(geodata, "DATA_PACKAGE", "no_such_map_data")
    assert problems_of(tiny) == []


@needs_map_data
@pytest.mark.usefixtures("fresh_map")
def test_a_code_without_geometry_is_a_warning(tiny: Paths, edit: Edit) -> None:
    _on_the_map(edit, sudland="TWN")  # an ISO code the boundary data has no shape for
    index = _index(tiny)
    assert map_warnings(index) == ["no boundary data for TWN (Sudland); not drawn"]
    drawn = participants_map(index, "index.md")
    assert 'data-iso3="NOR"' in drawn
    assert 'data-iso3="TWN"' not in drawn


@needs_map_data
@pytest.mark.usefixtures("fresh_map")
def test_no_warnings_when_everything_is_drawn(tiny: Paths, edit: Edit) -> None:
    _on_the_map(edit, sudland="SWE")
    assert map_warnings(_index(tiny)) == []


@pytest.mark.usefixtures("fresh_map")
def test_no_codes_no_map_no_warnings(tiny: Paths) -> None:
    index = _index(tiny)
    assert participants_map(index, "index.md") == ""
    assert map_warnings(index) == []


@needs_map_data
@pytest.mark.usefixtures("fresh_map")
def test_nothing_drawable_is_no_figure_and_warnings(tiny: Paths, edit: Edit) -> None:
    edit("countries.yaml", "  name: Nordmark\n", "  name: Nordmark\n  iso3: TWN\n")
    index = _index(tiny)
    assert participants_map(index, "index.md") == ""
    assert map_warnings(index) == [
        "no boundary data for TWN (Nordmark); not drawn",
        "no country could be drawn; no map made",
    ]


@needs_map_data
def test_warnings_survive_the_build_cache(
    tiny: Paths, edit: Edit, fresh_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _on_the_map(edit, sudland="TWN")
    index = _index(tiny)
    figure = participants_map(index, "index.md")
    warnings = map_warnings(index)
    assert warnings == ["no boundary data for TWN (Sudland); not drawn"]
    [entry] = (fresh_map / "text").glob("*/*")
    assert json.loads(entry.read_text("utf-8"))["warnings"] == warnings

    def no_drawing(*args: object, **kwargs: object) -> None:
        raise AssertionError("the map was drawn again")

    pictures._drawn.cache_clear()
    monkeypatch.setattr(pictures, "render_map", no_drawing)
    assert map_warnings(index) == warnings
    assert participants_map(index, "index.md") == figure


@needs_map_data
def test_a_broken_cache_entry_is_drawn_again(tiny: Paths, edit: Edit, fresh_map: Path) -> None:
    _on_the_map(edit, sudland="TWN")
    index = _index(tiny)
    figure, warnings = participants_map(index, "index.md"), map_warnings(index)
    [entry] = (fresh_map / "text").glob("*/*")
    for broken in ("<svg>not json</svg>", "[]", '{"svg": 1, "warnings": []}'):
        entry.write_text(broken, "utf-8")
        pictures._drawn.cache_clear()
        assert map_warnings(index) == warnings
        assert participants_map(index, "index.md") == figure


def _caption(figure: str) -> str:
    return figure.split("<figcaption>", 1)[1].split("</figcaption>", 1)[0]


@needs_map_data
@pytest.mark.usefixtures("fresh_map")
def test_the_caption_says_who_is_not_on_the_map(tiny: Paths, edit: Edit) -> None:
    _on_the_map(edit, sudland="SWE")
    everyone = _caption(participants_map(_index(tiny), "index.md"))
    assert everyone == f"The countries taking part; select one to open its page. {ATTRIBUTION}"
    with_lake_council(edit)
    figure = participants_map(_index(tiny), "index.md")
    assert _caption(figure) == (
        "The countries taking part; select one to open its page. "
        f"Not on the map: the Lake Council (an organisation). {ATTRIBUTION}"
    )
    assert figure.count('class="map-link"') == 2
    assert map_warnings(_index(tiny)) == []


@needs_map_data
@pytest.mark.usefixtures("fresh_map")
def test_the_caption_names_countries_without_code_or_shape(tiny: Paths, edit: Edit) -> None:
    _on_the_map(edit)  # Sudland has no ISO code
    with_lake_council(edit)
    not_shown = "Not on the map: Sudland (no map code) and the Lake Council (an organisation)."
    assert not_shown in _caption(participants_map(_index(tiny), "index.md"))
    edit("countries.yaml", "  name: Sudland\n", "  name: Sudland\n  iso3: TWN\n")
    not_shown = "Not on the map: Sudland (no boundary data) and the Lake Council (an organisation)."
    assert not_shown in _caption(participants_map(_index(tiny), "index.md"))


@needs_map_data
@pytest.mark.usefixtures("fresh_map")
def test_only_participating_countries_are_drawn(tiny: Paths, edit: Edit) -> None:
    _on_the_map(edit, sudland="SWE")
    edit("event.yaml", "  - party: sudland\n    representatives: [ola-reed]\n", "")
    figure = participants_map(_index(tiny), "index.md")
    assert 'data-iso3="NOR"' in figure
    assert 'data-iso3="SWE"' not in figure
    assert "Not on the map" not in figure


PAGES = st.lists(st.sampled_from(["a", "b", "index"]), min_size=1, max_size=4).map(
    lambda parts: "/".join(parts) + ".md"
)


@given(PAGES, PAGES)
def test_url_from_is_the_relative_directory_url(page: str, target: str) -> None:
    # What posixpath.relpath gives for the two directory URLs, which url_from once used.
    here, there = site_url(page) or ".", site_url(target) or "."
    expected = posixpath.relpath(there, here)
    expected = "./" if expected == "." else expected + "/"
    entity = Entity("x", "countries", "X", target, "", Sector(id="x", name="X", description="X"))
    assert url_from(page, entity) == expected


@needs_map_data
def test_the_build_prints_the_map_warnings(tiny: Paths, edit: Edit, tmp_path: Path) -> None:
    _on_the_map(edit, sudland="TWN")
    result = run_builder(
        "--data",
        str(tiny.data),
        "--docs",
        str(tiny.docs),
        "build",
        env={"BRIEFING_CACHE": str(tmp_path / "cache")},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "warning: no boundary data for TWN (Sudland); not drawn\n"
