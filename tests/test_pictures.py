"""The pictures as the build uses them: the participants map's errors and cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from builder import cache, pictures
from builder.pictures import geodata
from builder.pipeline import Paths
from tests.conftest import Edit, problems_of


@pytest.fixture
def fresh_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty build cache, and no map or boundaries remembered in memory."""
    folder = tmp_path / "cache"
    monkeypatch.setattr(cache, "FOLDER", folder)
    _forget()
    yield folder
    _forget()


def _forget() -> None:
    pictures._map.cache_clear()
    geodata.load_boundaries.cache_clear()
    geodata.ring_boxes.cache_clear()


def _on_the_map(edit: Edit) -> None:
    edit("countries.yaml", "  name: Nordmark\n", "  name: Nordmark\n  iso3: NOR\n")


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
