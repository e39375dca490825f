"""`make serve` (builder/serve.py): an edit is served at once, a bad edit leaves the last
good pages served under the positioned error, and the open browsers are told to reload.

A real server on a copy of the tiny briefing, on a free port of 127.0.0.1; every request
bounded by a timeout (a request that waits is a preview that hangs).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BUILDER_ENV, TINY, interrupt
from tests.test_preview import NOTICE, free_port

pytestmark = pytest.mark.slow
TIMEOUT = 30.0
PAGE = "/initiatives/lake-ferry/"


class Server:
    def __init__(self, root: Path, log: Path, port: int) -> None:
        self.root, self.log, self.port = root, log, port

    def text(self) -> str:
        return self.log.read_text("utf-8", "replace")

    def get(self, path: str) -> str:
        url = f"http://127.0.0.1:{self.port}{path}"
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return str(response.read().decode("utf-8"))

    def until(self, path: str, wanted: str, present: bool = True) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            page = self.get(path)
            if (wanted in page) == present:
                return page
            time.sleep(0.05)
        pytest.fail(f"{path}: {wanted!r} {'never' if present else 'still'} there:\n{self.text()}")

    def edit(self, old: str, new: str) -> None:
        path = self.root / "data" / "initiatives.yaml"
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    root = tmp_path / "briefing"
    shutil.copytree(TINY / "data", root / "data")
    (root / "docs").mkdir()
    port = free_port()
    log = tmp_path / "serve.log"
    # Run from the briefing's folder, as an author does: messages name data/… from there.
    command = [sys.executable, "-m", "builder.serve", "--dev-addr", f"127.0.0.1:{port}"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=root, env=BUILDER_ENV, stdout=out, stderr=out)
    running = Server(root, log, port)
    try:
        deadline = time.monotonic() + 120
        while "Serving on" not in running.text():
            assert process.poll() is None, running.text()
            assert time.monotonic() < deadline, running.text()
            time.sleep(0.1)
        yield running
        assert process.poll() is None, "serve keeps running"
    finally:
        interrupt(process)


def test_an_edit_is_served_and_the_browsers_told_to_reload(server: Server) -> None:
    page = server.get(PAGE)
    epoch = re.search(r"livereload\((\d+), \d+\)", page)
    assert epoch, "the live-reload script is in the page"
    server.edit("A ferry linking the two shores", "A brand-new ferry")
    started = time.monotonic()
    server.until(PAGE, "A brand-new ferry")
    assert time.monotonic() - started < 5
    # The browser's poll answers with a newer version of the site: it reloads.
    assert int(server.get(f"/livereload/{epoch.group(1)}/1")) > int(epoch.group(1))
    # Shown first from the builder's memory, then the whole update, page by page.
    assert "shown first: initiatives/lake-ferry.md" in server.text()
    deadline = time.monotonic() + TIMEOUT
    while "re-rendered" not in server.text():
        assert "full build (" not in server.text().rpartition("shown first")[2]
        assert time.monotonic() < deadline, server.text()
        time.sleep(0.05)


def test_a_bad_edit_keeps_the_last_good_site_under_the_error(server: Server) -> None:
    server.edit("  sectors: [transport]", "  sectors: [transprt]")
    page = server.until(PAGE, NOTICE)
    assert "A ferry linking the two shores" in page, "the last good page, under the notice"
    where = "data/initiatives.yaml:8:13: [0].sectors[0]: unknown sectors"
    assert f"{where} &#x27;transprt&#x27;" in page
    assert f"{where} 'transprt'" in server.text()
    assert NOTICE in server.get("/glossary/"), "every page shows it"
    server.edit("  sectors: [transprt]", "  sectors: [transport]")
    server.until(PAGE, NOTICE, present=False)
    assert "Traceback" not in server.text()
