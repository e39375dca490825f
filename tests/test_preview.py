"""`mkdocs serve` under bad data: the browser gets the last good pages with the positioned
error on top, at once, and the terminal shows it; a template error prints no traceback.

A real `mkdocs serve` of a copy of the tiny project, on a free port of 127.0.0.1, each
request bounded by a timeout: before, a request made while the data was broken waited
until the data was fixed (MkDocs serves nothing while its newest build has not succeeded).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CONFIG, PROJECT, TINY, interrupt, make_project, run_builder

pytestmark = pytest.mark.slow

NOTICE = "The pages were not regenerated; this is the last good version."
REQUEST_TIMEOUT = 10.0  # a request that takes longer is a hung preview
REBUILD_TIMEOUT = 90.0


class Preview:
    def __init__(self, project: Path, log: Path, process: subprocess.Popen[bytes], port: int):
        self.project, self.log, self.process, self.port = project, log, process, port

    def text(self) -> str:
        return self.log.read_text("utf-8", "replace")

    def get(self, path: str = "/") -> str:
        url = f"http://127.0.0.1:{self.port}{path}"
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:
            return str(response.read().decode("utf-8"))

    def wait_for(self, path: str, wanted: bool, builds: int) -> str:
        """The page once it shows the notice (``wanted``) or not, after at least ``builds``
        builds; fails on a request that hangs."""
        deadline = time.monotonic() + REBUILD_TIMEOUT
        page = ""
        while time.monotonic() < deadline:
            if self.text().count("Building documentation") >= builds:
                try:
                    page = self.get(path)
                except (TimeoutError, urllib.error.URLError) as error:
                    pytest.fail(f"the request to {path} hung ({error}):\n{self.text()[-3000:]}")
                if (NOTICE in page) == wanted:
                    return page
            time.sleep(0.3)
        pytest.fail(f"no {'error' if wanted else 'good'} page in time:\n{self.text()[-3000:]}")

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.project / name
        text = path.read_text("utf-8")
        assert old in text, (old, name)
        path.write_text(text.replace(old, new, 1), "utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", TINY / "data")
    port = free_port()
    log = tmp_path / "serve.log"
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_PREBUILT"}
    first_build(project)
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(mkdocs), "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}", "-f", CONFIG],
            cwd=project,
            env={**env, "NO_MKDOCS_2_WARNING": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    running = Preview(project, log, process, port)
    try:
        deadline = time.monotonic() + REBUILD_TIMEOUT
        while "Serving on" not in running.text():
            assert process.poll() is None, running.text()
            assert time.monotonic() < deadline, running.text()
            time.sleep(0.2)
        yield running
    finally:
        interrupt(process)


def first_build(project: Path) -> None:
    """What `make serve` does before MkDocs starts: a build, which writes the site's
    configuration. The project's own copy of the builder runs, so that its templates (the
    ones the tests break) are the ones the configuration names."""
    command = [sys.executable, "-m", "builder", "build"]
    subprocess.run(command, cwd=project, check=True, capture_output=True)


def builds(preview: Preview) -> int:
    return preview.text().count("Building documentation")


def test_bad_data_shows_the_error_on_the_last_good_pages(preview: Preview) -> None:
    page = preview.wait_for("/", wanted=False, builds=1)
    assert "The first Lakes Forum" in page
    before = builds(preview)
    preview.edit("data/initiatives.yaml", "  sectors: [transport]", "  sectors: [transprt]")
    page = preview.wait_for("/", wanted=True, builds=before + 1)
    expected = "data/initiatives.yaml:8:13: [0].sectors[0]: unknown sectors &#x27;transprt&#x27;"
    assert expected in page
    assert "The first Lakes Forum" in page, "the last good page, under the notice"
    assert 'role="alert"' in page
    assert "data/initiatives.yaml:8:13: [0].sectors[0]: unknown sectors 'transprt'" in (
        preview.text()
    )
    # Other pages too, and at once: nothing waits for the data to be fixed.
    assert NOTICE in preview.get("/glossary/")
    before = builds(preview)
    preview.edit("data/initiatives.yaml", "  sectors: [transprt]", "  sectors: [transport]")
    page = preview.wait_for("/", wanted=False, builds=before + 1)
    assert "Traceback" not in preview.text()


def test_a_template_error_is_positioned_without_a_traceback(preview: Preview) -> None:
    preview.wait_for("/", wanted=False, builds=1)
    template = "templates/glossary.md.j2"
    lines = (preview.project / template).read_text("utf-8").splitlines()
    before = builds(preview)
    (preview.project / template).write_text(
        "\n".join([*lines[:2], "{{ no_such_name.field }}", *lines[2:]]) + "\n", "utf-8"
    )
    page = preview.wait_for("/glossary/", wanted=True, builds=before + 1)
    where = f"{template}:3: template error while rendering the glossary listing (glossary.md)"
    assert f"{where}: &#x27;no_such_name&#x27; is undefined" in page
    log = preview.text()
    assert f"{where}: 'no_such_name' is undefined" in log
    assert "Traceback" not in log
    assert not re.search(r"^\s+File \"", log, flags=re.M)


def test_mkdocs_build_fails_on_a_template_error_with_its_place(tmp_path: Path) -> None:
    # Outside `serve`, a build that cannot regenerate the pages fails, plainly.
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", TINY / "data")
    first_build(project)
    template = project / "templates" / "glossary.md.j2"
    template.write_text("{% for x in %}\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_PREBUILT"}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-f", CONFIG],
        cwd=project,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    where = "templates/glossary.md.j2:1: template error while rendering the glossary listing"
    assert f"{where} (glossary.md): Expected an expression" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_builder_names_the_template_line_of_an_error(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(PROJECT / "templates", templates)
    lines = (templates / "glossary.md.j2").read_text("utf-8").splitlines()
    (templates / "glossary.md.j2").write_text("\n".join([*lines[:2], "{{ nope.x }}", *lines[2:]]))
    result = run_builder(
        "--data",
        str(TINY / "data"),
        "--docs",
        str(tmp_path / "docs"),
        "--templates",
        str(templates),
        "check",
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{templates}/glossary.md.j2:3: template error while rendering the glossary listing "
        "(glossary.md): 'nope' is undefined"
    )
