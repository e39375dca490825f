"""Writing: only changed pages are rewritten, stale ones go, hand-written files stay."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from builder import write as write_module
from builder.errors import DataError
from builder.pipeline import Paths, build
from builder.write import MANIFEST, write
from tests.conftest import PROJECT, Edit


def snapshot(docs: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(docs).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(docs.rglob("*"))
        if p.is_file()
    }


def test_second_build_rewrites_nothing(tiny: Paths) -> None:
    first = build(tiny).report
    assert first.written
    assert not first.unchanged
    before = snapshot(tiny.docs)
    second = build(tiny).report
    assert second.written == []
    assert len(second.unchanged) == len(first.written)
    after = snapshot(tiny.docs)
    assert {k: v for k, v in after.items() if k != MANIFEST} == {
        k: v for k, v in before.items() if k != MANIFEST
    }


def test_one_field_change_rewrites_only_the_pages_that_show_it(tiny: Paths, edit: Edit) -> None:
    build(tiny)
    # As long as before: the data page shows briefing.json's size (rounded), which stays.
    # The home page's JSON-LD gives each participant's representatives with their roles.
    edit("people.yaml", "  role: Minister of Sudland", "  role: Governor of Sudland")
    report = build(tiny).report
    assert report.written == [
        "downloads/briefing.json",
        "index.md",
        "people/index.md",
        "people/ola-reed.md",
    ]


def test_stale_pages_are_removed(tiny: Paths, edit: Edit) -> None:
    build(tiny)
    (tiny.data / "figures.yaml").write_text("[]\n")
    report = build(tiny).report
    assert report.removed == []  # figures live on one page, which stays
    edit("initiatives.yaml", "  related: [lake-ferry]\n", "")
    text = (tiny.data / "initiatives.yaml").read_text()
    (tiny.data / "initiatives.yaml").write_text(text.split("- id: water-study")[0])
    report = build(tiny).report
    assert report.removed == ["initiatives/water-study.md"]
    assert not (tiny.docs / "initiatives" / "water-study.md").exists()


def test_a_build_interrupted_half_way_is_finished_by_the_next(
    tiny: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    # New pages are created in place; the manifest claims them first, so the files an
    # interrupted build left are the next build's own, not hand-written files in its way.
    created: list[str] = []
    real_create = write_module._create

    def create_then_fail(target: str, data: bytes) -> None:
        if len(created) == 5:
            raise KeyboardInterrupt
        real_create(target, data)
        created.append(target)

    monkeypatch.setattr(write_module, "_create", create_then_fail)
    with pytest.raises(KeyboardInterrupt):
        build(tiny)
    monkeypatch.undo()
    assert len(created) == 5
    report = build(tiny).report
    assert len(report.unchanged) == 5
    assert report.written
    assert build(tiny).report.written == []


def test_hand_written_files_are_never_touched(tiny: Paths) -> None:
    (tiny.docs / "about.md").write_text("mine")
    (tiny.docs / "countries").mkdir()
    (tiny.docs / "countries" / "notes.md").write_text("mine too")
    build(tiny)
    build(tiny)
    assert (tiny.docs / "about.md").read_text() == "mine"
    assert (tiny.docs / "countries" / "notes.md").read_text() == "mine too"


def test_hand_written_file_in_the_way_is_an_error(tiny: Paths) -> None:
    (tiny.docs / "countries").mkdir()
    (tiny.docs / "countries" / "nordmark.md").write_text("mine")
    with pytest.raises(DataError) as caught:
        build(tiny)
    assert "a hand-written file is in the way of a generated page" in str(caught.value)
    assert (tiny.docs / "countries" / "nordmark.md").read_text() == "mine"
    assert not (tiny.docs / "index.md").exists(), "nothing is written when a check fails"


def test_writes_never_follow_a_link_out_of_docs(tiny: Paths, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (tiny.docs / "countries").symlink_to(outside, target_is_directory=True)
    with pytest.raises(DataError) as caught:
        build(tiny)
    assert "leads outside the docs folder via a link" in str(caught.value)
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize(
    "name", ["../escape.md", "/etc/passwd.md", "a/../../b.md", "a\\b.md", "x" * 130 + ".md"]
)
def test_unsafe_page_paths_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(DataError, match="unsafe output path"):
        write({name: "x"}, tmp_path)


def test_pages_that_collide_by_case_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="two pages map to one file"):
        write({"a/Page.md": "x", "a/page.md": "y"}, tmp_path)


def build_with(environment: dict[str, str], tiny: Paths, docs: Path) -> dict[str, bytes]:
    subprocess.run(
        [sys.executable, "-m", "builder", "--data", str(tiny.data), "--docs", str(docs), "build"],
        cwd=PROJECT,
        check=True,
        capture_output=True,
        env={**os.environ, **environment},
    )
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


def test_output_is_identical_under_other_seeds_zones_and_locales(
    tiny: Paths, tmp_path: Path
) -> None:
    one = build_with({"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C"}, tiny, tmp_path / "a")
    two = build_with(
        {"PYTHONHASHSEED": "4242", "TZ": "Asia/Tokyo", "LC_ALL": "C.UTF-8"}, tiny, tmp_path / "b"
    )
    assert one == two
    assert len(one) > 20
