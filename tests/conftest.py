"""Shared fixtures: a copy of the tiny fixture project, built with the real pipeline.

The tests of the tool read only the fixture briefings under tests/fixtures/; the checks
of the embedded briefing's content (this checkout's data/) live in tests/briefing/.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from builder.errors import DataError, Problem
from builder.load import load
from builder.pictures import geodata
from builder.pipeline import Paths, prepare
from builder.validate import validate

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PROJECT = Path(__file__).resolve().parent.parent
TINY = PROJECT / "tests" / "fixtures" / "tiny"
# A richer invented briefing: a bloc as a participant, a source in Russian, variant
# spellings (see its README.md). Tests of the tool use these fixtures, never data/.
BLOC_SUMMIT = PROJECT / "tests" / "fixtures" / "bloc-summit"

# Locally a missing map data package skips the tests that draw maps; under CI it must be
# installed, so they fail.
needs_map_data = pytest.mark.skipif(
    importlib.util.find_spec(geodata.DATA_PACKAGE) is None and os.environ.get("CI") != "true",
    reason="pyworldatlas-mapdata-overview (the map's boundary data) is not installed",
)


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """A writable copy of the tiny fixture project: data/ plus an empty docs/. The test
    runs in its folder, as an analyst runs the builder in theirs: messages name files as
    `data/…`, relative to the working folder."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(TINY / "data", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    return Paths(tmp_path / "data", tmp_path / "docs", PROJECT / "templates")


# `python -m builder` started from a briefing's folder rather than this checkout's.
BUILDER_ENV = {**os.environ, "PYTHONPATH": str(PROJECT)}


def run_builder(
    *args: str, cwd: Path = PROJECT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m builder ARGS` as a user runs it, from ``cwd`` (this checkout, or a
    briefing's folder), its output captured; never raises on a non-zero exit."""
    return subprocess.run(
        [sys.executable, "-m", "builder", *args],
        cwd=cwd,
        env={**BUILDER_ENV, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def problems_of(paths: Paths) -> list[Problem]:
    """Every problem the pipeline reports for this data, or [] when it builds."""
    try:
        validate(load(paths.data))
        prepare(paths)
    except DataError as error:
        return error.problems
    return []


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Chromium for the browser tests of tests/browser/ and tests/briefing/: one for the
    whole session (Playwright's sync API runs one at a time), started on first use."""
    from tests.browser.conftest import chromium

    with chromium() as launched:
        yield launched


Edit = Callable[[str, str, str], None]


@pytest.fixture
def edit(tiny: Paths) -> Edit:
    """Replace text in one of the fixture's data files; the old text must be there."""

    def replace(file: str, old: str, new: str) -> None:
        path = tiny.data / file
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), "utf-8")

    return replace


def make_project(root: Path, data: Path) -> Path:
    """A project folder for MkDocs: this project's config, docs and templates, other data."""
    for name in ("mkdocs.yml", "overrides", "docs", "templates", "builder"):
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=_generated_pages)
        else:
            shutil.copy(source, root / name)
    shutil.copytree(data, root / "data")
    return root


def _generated_pages(folder: str, names: list[str]) -> list[str]:
    # Only hand-written files are copied: a fresh project has no generated pages.
    manifest = PROJECT / "docs" / ".builder-manifest.json"
    if Path(folder) != PROJECT / "docs" or not manifest.is_file():
        return [n for n in names if n == "__pycache__"]
    import json

    owned = {p.split("/", 1)[0] for p in json.loads(manifest.read_text())["files"]}
    return [n for n in names if n in owned or n == ".builder-manifest.json"]


def site_recipe_mkdocs_options() -> list[str]:
    """What `make site` passes to the renderer's build, read from the Makefile's site
    recipe, so that the tests build with exactly its options (`builder publish` adds the
    configuration and the site folder)."""
    makefile = (PROJECT / "Makefile").read_text("utf-8")
    recipe = re.search(r"(?m)^site:.*\n((?:\t.*\n)+)", makefile)
    assert recipe, "the Makefile has no site recipe"
    line = next(line for line in recipe.group(1).splitlines() if " publish " in line)
    words = shlex.split(line.split("/bin/$(RENDERER)", 1)[1])
    assert words[0] == "build", line
    return words[1:]


# Every renderer `make site RENDERER=…` can use; the first is the default.
RENDERERS = ("mkdocs", "properdocs", "zensical")


def renderer_command(renderer: str) -> list[str]:
    """The renderer's build command as `make site RENDERER=renderer` runs it."""
    venv_bin = (
        Path(sys.executable).parent
        if renderer == "mkdocs"
        else PROJECT / f".venv-{renderer}" / "bin"
    )
    if not (venv_bin / renderer).is_file():
        message = f"{renderer} is not installed in {venv_bin.parent} (make renderers)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return [str(venv_bin / renderer), "build", *site_recipe_mkdocs_options()]


def run_publish(project: Path, renderer: str) -> subprocess.CompletedProcess[str]:
    """`make site RENDERER=renderer` for a project folder: `python -m builder publish`,
    which builds the pages, runs the renderer, checks every link and swaps in site/."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    return subprocess.run(
        [
            *(sys.executable, "-m", "builder", "--root", str(project), "publish"),
            *("--renderer", renderer, str(project / "site"), "--", *renderer_command(renderer)),
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
    )


# The site configuration a build writes beside a briefing's docs folder.
CONFIG = ".briefing/mkdocs.yml"


def run_site_build(project: Path, renderer: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    """`python -m builder build` then `mkdocs build` with the options `make site` uses;
    with another renderer, as `make site RENDERER=…` builds (see run_publish)."""
    if renderer != "mkdocs":
        return run_publish(project, renderer)
    env_python = sys.executable
    build = subprocess.run(
        [env_python, "-m", "builder", "--root", str(project), "build"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    if build.returncode:
        return build
    options = site_recipe_mkdocs_options()
    return subprocess.run(
        [env_python, "-m", "mkdocs", "build", *options, "-f", str(project / CONFIG)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(env_python).parent)},
    )


def interrupt(process: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """Stop a server as Ctrl-C would, and kill it if it does not stop in time."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
