"""`make site` does no work it has already done: the inputs' digest decides, by content.

Each kind of input the site is made from must change the digest; an edit that changes
no byte must not; and a publish whose inputs have not changed leaves the site as it is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.paths import Paths
from builder.pipeline import build
from builder.uptodate import TOOL_INPUTS, inputs_digest
from tests.conftest import PROJECT, TINY

COMMAND = ["mkdocs", "build", "--strict"]


@pytest.fixture
def copy(tmp_path: Path) -> tuple[Paths, Path]:
    """A briefing (tiny data, one hand-written page, built pages) and a copy of the tool."""
    project = tmp_path / "tool"
    for name in (*TOOL_INPUTS, "templates"):
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    paths = Paths(
        tmp_path / "briefing" / "data", tmp_path / "briefing" / "docs", project / "templates"
    )
    shutil.copytree(TINY / "data", paths.data)
    paths.docs.mkdir()
    (paths.docs / "method.md").write_text("# How this briefing was made\n", "utf-8")
    build(paths)
    return paths, project


INPUTS = {
    "a data file": "briefing/data/people.yaml",
    "a source article": "briefing/data/sources/blog-post.md",
    "a hand-written page": "briefing/docs/method.md",
    "a template": "tool/templates/person.md.j2",
    "the builder's code": "tool/builder/render.py",
    "a theme override": "tool/overrides/main.html",
    "the shared site configuration": "tool/mkdocs.yml",
    "the locked dependencies": "tool/requirements/site.lock",
}


@pytest.mark.parametrize("changed", list(INPUTS))
def test_every_kind_of_input_changes_the_digest(copy: tuple[Paths, Path], changed: str) -> None:
    paths, project = copy
    before = inputs_digest(paths, COMMAND, project)
    path = project.parent / INPUTS[changed]
    assert path.is_file(), path
    with path.open("a", encoding="utf-8") as stream:
        stream.write("\n")
    assert inputs_digest(paths, COMMAND, project) != before, changed


def test_the_command_and_the_address_change_it(
    copy: tuple[Paths, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, project = copy
    before = inputs_digest(paths, COMMAND, project)
    assert inputs_digest(paths, [*COMMAND, "--verbose"], project) != before
    monkeypatch.setenv("SITE_URL", "https://example.org/briefing/")
    assert inputs_digest(paths, COMMAND, project) != before


def test_times_and_generated_pages_do_not(copy: tuple[Paths, Path]) -> None:
    paths, project = copy
    before = inputs_digest(paths, COMMAND, project)
    for path in [*paths.data.rglob("*.yaml"), *project.joinpath("templates").rglob("*.j2")]:
        os.utime(path, (1, 1))  # a checkout or a copy: new times, same bytes
    build(paths)  # rewrites nothing: its pages follow from the inputs above
    assert inputs_digest(paths, COMMAND, project) == before


@pytest.mark.slow
def test_a_second_publish_of_the_same_inputs_changes_nothing(tmp_path: Path) -> None:
    briefing = tmp_path / "briefing"
    shutil.copytree(TINY / "data", briefing / "data")
    mkdocs = [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"]
    command = [sys.executable, "-m", "builder", "--root", str(briefing), "publish"]
    command += [str(briefing / "site"), "--", *mkdocs, "-f", str(briefing / ".briefing/mkdocs.yml")]

    def publish() -> str:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout.splitlines()[-1]

    assert publish().startswith("site built in site/")
    shown = os.path.realpath(briefing / "site")
    assert publish() == "site/ is up to date: nothing it is made from has changed"
    assert os.path.realpath(briefing / "site") == shown
    people = briefing / "data" / "people.yaml"
    people.write_text(people.read_text("utf-8").replace("Minister of Sudland", "Envoy"), "utf-8")
    assert publish().startswith("site built in site/")
    assert os.path.realpath(briefing / "site") != shown
    assert "Envoy" in (briefing / "site" / "people" / "ola-reed" / "index.html").read_text("utf-8")
