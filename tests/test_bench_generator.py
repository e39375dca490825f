"""The benchmark's synthetic briefings build with the real pipeline, reproducibly, and its
stage timer times that pipeline.

That a briefing about invented countries, people and sources builds with zero problems
also shows the builder is generic. (That builder/ and templates/ name nothing of this
summit is checked in test_site.py.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bench import stages, synthetic
from builder.kinds import KINDS, PEOPLE
from builder.pipeline import Paths, prepare
from tests.conftest import PROJECT, problems_of

ENTITIES = 40


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic") / "data"
    synthetic.write(folder, ENTITIES, seed=3)
    return folder


def test_a_small_synthetic_briefing_builds_with_zero_problems(data: Path, tmp_path: Path) -> None:
    paths = Paths(data, tmp_path / "docs", PROJECT / "templates")
    assert problems_of(paths) == []
    prepared = prepare(paths)
    briefing, index, pages = prepared.briefing, prepared.index, prepared.pages
    counts = {name: len(items) for name, items in briefing.collections.items()}
    assert sum(v for k, v in counts.items() if k != "glossary") + len(briefing.sources) == ENTITIES
    assert all(counts[name] for name in synthetic.SHARES if name != "sources")
    for key in briefing.sources:
        assert f"sources/{key}.md" in pages
    # Relations run both ways, and sources are read for mentions of entities by name.
    person = briefing.of(PEOPLE)[0]
    assert person.country is not None
    assert "people" in index.related(person.country)
    assert any(index.mentions_of(key) for key in index.entities)
    assert any(item.aliases for item in briefing.of(PEOPLE))


def test_the_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    synthetic.write(first, ENTITIES, seed=11)
    synthetic.write(second, ENTITIES, seed=11)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert synthetic.generate(ENTITIES, seed=12) != synthetic.generate(ENTITIES, seed=11)


def test_sizes_add_up_to_the_requested_number_of_entities() -> None:
    for entities in (40, 100, 1000, 5000):
        counts = synthetic.plan(entities)
        assert sum(counts.values()) == entities
        assert counts["people"] >= counts["countries"]


def test_the_stage_timer_times_every_stage_of_the_real_pipeline(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = PROJECT / "templates"
    assert stages.main(["--data", str(data), "--templates", str(templates), "--runs", "2"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert len(result["runs"]) == 2
    assert all(len(result[key]) == 2 for key in ("cpu", "floor", "reading", "reading_cpu"))
    for run in result["runs"]:
        assert {"load", "validate", "index", "render", "write"} <= run.keys()
        assert sum(v for k, v in run.items() if k != "total") <= run["total"]
    # The counts are those of the pages the pipeline makes (the floor, which must reproduce
    # them byte for byte, raises otherwise).
    pages = prepare(Paths(data, tmp_path / "docs", templates)).pages
    assert result["files"] == len(pages)
    assert result["pages"] == sum(1 for name in pages if name.endswith(".md")) < len(pages)


def test_every_kind_of_the_table_is_generated(data: Path) -> None:
    """A kind added to builder/kinds.py needs the generator to make some, or the benchmark
    would measure briefings without it."""
    for kind in KINDS:
        files = sorted(data.glob(kind.data_file))
        assert files, f"the synthetic briefing has no {kind.data_file}"
        if kind.from_yaml:
            assert yaml.safe_load(files[0].read_text("utf-8")), f"{kind.data_file} is empty"
