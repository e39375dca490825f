"""A broken template is reported like bad data: its file and line, and the page it was
rendering, in one `file:line: message` line; never a traceback, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.errors import DataError
from builder.pipeline import Paths, prepare
from tests.conftest import PROJECT, run_builder


def broken_templates(tmp_path: Path, name: str, old: str, new: str) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(PROJECT / "templates", folder)
    path = folder / name
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return folder


def line_of(folder: Path, name: str, text: str) -> int:
    lines = (folder / name).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_a_misspelt_attribute_names_template_line_and_page(tiny: Paths, tmp_path: Path) -> None:
    templates = broken_templates(tmp_path, "initiative.md.j2", "item.kind", "item.knd")
    with pytest.raises(DataError) as caught:
        prepare(Paths(tiny.data, tiny.docs, templates))
    [problem] = caught.value.problems
    line = line_of(templates, "initiative.md.j2", "item.knd")
    assert str(problem).splitlines()[0] == (
        f"templates/initiative.md.j2:{line}: template error while rendering initiative "
        "lake-ferry (initiatives/lake-ferry.md): 'builder.model.Initiative object' has no "
        "attribute 'knd'"
    )


def test_an_error_in_a_partial_names_the_partial(tiny: Paths, tmp_path: Path) -> None:
    templates = broken_templates(
        tmp_path, "partials/citations.md.j2", "{% for citation", "{% for citation in nowhere %}"
    )
    with pytest.raises(DataError) as caught:
        prepare(Paths(tiny.data, tiny.docs, templates))
    [problem] = caught.value.problems
    assert problem.file.endswith("partials/citations.md.j2")
    assert problem.line == line_of(templates, "partials/citations.md.j2", "in nowhere %}")


def test_a_syntax_error_is_placed_too(tiny: Paths, tmp_path: Path) -> None:
    templates = broken_templates(tmp_path, "person.md.j2", "{{ item.role }}", "{{ item.role }")
    with pytest.raises(DataError) as caught:
        prepare(Paths(tiny.data, tiny.docs, templates))
    [problem] = caught.value.problems
    assert problem.file == "templates/person.md.j2", "named from the working folder"
    assert problem.line == line_of(templates, "person.md.j2", "{{ item.role }")
    assert "(people/" in problem.message


def test_the_command_prints_it_without_a_traceback(tiny: Paths, tmp_path: Path) -> None:
    templates = broken_templates(tmp_path, "initiative.md.j2", "item.kind", "item.knd")
    result = run_builder(
        "--data", str(tiny.data), "--docs", str(tiny.docs), "--templates", str(templates), "build"
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "initiative.md.j2:" in result.stderr.splitlines()[0]
    assert list(tiny.docs.iterdir()) == []
