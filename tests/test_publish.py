"""Publishing: the site is built into a folder of its own and swapped in at once; `site/`
is never absent, two publishes never share a folder, a failed one changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from builder import publish as publish_module
from builder.lock import locked
from builder.pipeline import Paths
from builder.publish import PublishError, publish
from builder.write import lock_path
from tests.conftest import PROJECT

# Stands in for `mkdocs build --strict --site-dir DIR`: a small site whose pages link to
# each other, marked with a version; it takes a moment, as a real build does.
FAKE = """
import pathlib, sys, time
out = pathlib.Path(sys.argv[sys.argv.index("--site-dir") + 1])
version, delay, link = sys.argv[1], float(sys.argv[2]), sys.argv[3]
(out / "a").mkdir(parents=True, exist_ok=True)
(out / "index.html").write_text(f'<p id="v">{version}</p><a href="{link}">a</a>')
time.sleep(delay)
(out / "a" / "index.html").write_text('<a href="../index.html#v">home</a>')
"""


def fake(version: str, delay: float = 0.0, link: str = "a/") -> list[str]:
    return [sys.executable, "-c", FAKE, version, str(delay), link]


def versions(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob(".site-*"))


def test_site_is_never_absent_and_one_version_is_kept(tiny: Paths, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()  # a site as the previous Makefile left it: a real folder
    (site / "index.html").write_text("the old site")
    seen: list[str] = []
    missing: list[str] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                seen.append((site / "index.html").read_text())
            except OSError as error:
                missing.append(repr(error))

    reader = threading.Thread(target=read)
    reader.start()
    while not seen and not missing:  # on a loaded machine the reader may start late
        time.sleep(0.001)
    try:
        for number in range(4):
            publish(tiny, site, fake(f"v{number}", 0.05))
    finally:
        done.set()
        reader.join()
    assert missing == []
    assert seen[0] == "the old site"
    assert "v3" in seen[-1]
    assert site.is_symlink()
    assert versions(tmp_path) == [os.readlink(site)]
    assert (site / "a" / "index.html").is_file()
    assert oct((site / "index.html").stat().st_mode & 0o777) == "0o644"


def test_first_publish_without_an_atomic_exchange(
    tiny: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where renameat2 is missing, the old folder is moved aside just before the link
    # takes its place; it is removed afterwards all the same.
    monkeypatch.setattr(publish_module, "_exchange", lambda one, other: False)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    publish(tiny, site, fake("new"))
    assert "new" in (site / "index.html").read_text()
    assert versions(tmp_path) == [os.readlink(site)]


@pytest.mark.parametrize("failure", ["command fails", "broken link"])
def test_a_failed_publish_leaves_the_site_as_it_was(
    tiny: Paths, tmp_path: Path, failure: str
) -> None:
    site = tmp_path / "site"
    publish(tiny, site, fake("good"))
    shown = os.readlink(site)
    command = fake("bad", link="missing/") if failure == "broken link" else ["false"]
    with pytest.raises(PublishError):
        publish(tiny, site, command)
    assert os.readlink(site) == shown
    assert "good" in (site / "index.html").read_text()
    assert versions(tmp_path) == [shown], "the failed build's folder is removed"


def test_leftovers_of_a_killed_publish_are_removed(tiny: Paths, tmp_path: Path) -> None:
    (tmp_path / ".site-k1ll3d").mkdir()
    (tmp_path / ".site-link-0123456789abcdef").symlink_to(".site-k1ll3d")
    site = tmp_path / "site"
    publish(tiny, site, fake("v"))
    assert versions(tmp_path) == [os.readlink(site)]


def builder(tiny: Paths) -> list[str]:
    return [sys.executable, "-m", "builder", "--data", str(tiny.data), "--docs", str(tiny.docs)]


def run_publish(tiny: Paths, site: Path, *command: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*builder(tiny), "publish", str(site), "--", *command],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_publishes_at_once_one_waits_for_nothing_and_says_why(
    tiny: Paths, tmp_path: Path
) -> None:
    # The Makefile's recipe shared .site-new: the second of two `make site` removed the
    # folder the first was building into (hundreds of broken links) and left it behind.
    site = tmp_path / "site"
    first = run_publish(tiny, site, *fake("first", 2.0))
    deadline = time.monotonic() + 60
    while not versions(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.05)  # the first holds the lock once its folder exists
    second = run_publish(tiny, site, *fake("second"))
    _, second_err = second.communicate(timeout=120)
    _, first_err = first.communicate(timeout=120)
    assert first.returncode == 0, first_err
    assert second.returncode == 1
    assert second_err.startswith(f"error: process {first.pid} is publishing site (lock file ")
    assert "first" in (site / "index.html").read_text()
    assert versions(tmp_path) == [os.readlink(site)]


def test_a_build_waits_for_no_publish(tiny: Paths, tmp_path: Path) -> None:
    with locked(lock_path(tiny.docs), "publishing site"):
        result = subprocess.run(
            [*builder(tiny), "build"],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            check=False,
        )
    assert result.returncode == 1
    assert f"process {os.getpid()} is publishing site" in result.stderr


def test_the_pages_artifact_holds_the_site_not_a_link(tiny: Paths, tmp_path: Path) -> None:
    # .github/workflows/pages.yml uploads `site` with actions/upload-pages-artifact, which
    # archives it with `tar --dereference --hard-dereference --directory site ... .`.
    site = tmp_path / "site"
    publish(tiny, site, fake("v"))
    archive = tmp_path / "artifact.tar"
    # The action's step, word for word but for the paths.
    step = "tar --dereference --hard-dereference --directory {} -cvf {} --exclude=.git"
    step += " --exclude=.github ."
    subprocess.run(step.format(site, archive).split(), check=True, capture_output=True)
    listing = subprocess.run(
        ["tar", "-tvf", str(archive)], check=True, capture_output=True, text=True
    ).stdout
    assert "./index.html" in listing
    assert "./a/index.html" in listing
    assert not [line for line in listing.splitlines() if line.startswith(("l", "h"))]
