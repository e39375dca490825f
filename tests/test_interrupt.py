"""A build killed at any point and run again leaves exactly what a clean build leaves.

A real ``python -m builder build`` is killed with SIGKILL (no handler, no ``finally``,
buffered writes lost) at many points while it turns the pages of one synthetic briefing
into those of another: just before each of a spread of its changes to the docs folder
(see ``tests/killpoint.py``), and at a few moments measured from outside. Then a build
runs again, with the new data or with the old, and the docs folder must be byte for byte
(and mode for mode) the folder a clean build of that data makes: no page half-written,
empty or orphaned, no temporary file left, the same manifest.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench import synthetic
from builder.pipeline import Paths, build
from tests.conftest import PROJECT

pytestmark = pytest.mark.slow

ENTITIES = 120  # about 150 pages and downloads each; both briefings share no entity
SPREAD = 24  # kill points spread evenly over the build's changes, besides its first and last
TIMED = (0.05, 0.15, 0.3, 0.5, 0.8, 1.2)  # seconds after the build starts, from outside

Tree = dict[str, tuple[bytes, int] | None]  # path -> (bytes, mode), or None for a folder


def tree(folder: Path) -> Tree:
    found: Tree = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        info = path.lstat()
        found[name] = None if path.is_dir() else (path.read_bytes(), info.st_mode)
    return found


class Briefings:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.runs = 0
        # The analyst edits one data folder: its content is one briefing, then the other
        # (a docs folder refuses pages generated from a different data folder).
        self.data = root / "data"
        self.versions = {"old": root / "old", "new": root / "new"}
        synthetic.write(self.versions["old"], ENTITIES, seed=1)
        synthetic.write(self.versions["new"], ENTITIES, seed=2)
        self.clean = {key: self.built(key, root / f"clean-{key}") for key in self.versions}
        self.start = root / "start"  # the docs folder of the old briefing, as built
        self.built("old", self.start)

    def use(self, key: str) -> None:
        shutil.rmtree(self.data, ignore_errors=True)
        shutil.copytree(self.versions[key], self.data)

    def paths(self, key: str, docs: Path) -> Paths:
        self.use(key)
        return Paths(self.data, docs, PROJECT / "templates")

    def built(self, key: str, docs: Path) -> Tree:
        build(self.paths(key, docs))
        return tree(docs)

    def command(self, kill_at: int, docs: Path) -> list[str]:
        self.use("new")
        args = ["--data", str(self.data), "--docs", str(docs), "build"]
        return [sys.executable, "-m", "tests.killpoint", str(kill_at), str(docs), "--", *args]

    def fresh(self, name: str) -> Path:
        self.runs += 1
        docs = self.root / "runs" / f"{self.runs}-{name}"
        shutil.copytree(self.start, docs, symlinks=True)
        return docs


@pytest.fixture(scope="module")
def briefings(tmp_path_factory: pytest.TempPathFactory) -> Briefings:
    return Briefings(tmp_path_factory.mktemp("interrupt"))


def changes_of_a_whole_build(briefings: Briefings) -> int:
    docs = briefings.fresh("whole")
    result = subprocess.run(
        briefings.command(0, docs), cwd=PROJECT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert tree(docs) == briefings.clean["new"]
    return int(result.stderr.rsplit("changes: ", 1)[1])


def test_a_build_killed_at_any_point_is_recovered_exactly(briefings: Briefings) -> None:
    total = changes_of_a_whole_build(briefings)
    assert total > 300, "the build replaces, creates and removes pages"
    points = sorted(
        {*range(1, 6), *range(total - 4, total + 1)}
        | {1 + round(i * (total - 1) / (SPREAD + 1)) for i in range(1, SPREAD + 1)}
    )
    failures = []
    for number, kill_at in enumerate(points):
        docs = briefings.fresh(f"kill-{kill_at}")
        result = subprocess.run(
            briefings.command(kill_at, docs), cwd=PROJECT, capture_output=True, check=False
        )
        assert result.returncode == -signal.SIGKILL, result.stderr.decode()[-2000:]
        # Half of the reruns go on to the new briefing, half go back to the old one.
        key = "new" if number % 2 else "old"
        build(briefings.paths(key, docs))
        if tree(docs) != briefings.clean[key]:
            failures.append(describe(kill_at, key, tree(docs), briefings.clean[key]))
    assert not failures, "\n".join(failures)


def test_a_build_killed_from_outside_is_recovered_exactly(briefings: Briefings) -> None:
    failures = []
    for number, delay in enumerate(TIMED):
        docs = briefings.fresh(f"timed-{number}")
        process = subprocess.Popen(
            briefings.command(0, docs),
            cwd=PROJECT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        key = "old" if number % 2 else "new"
        build(briefings.paths(key, docs))
        if tree(docs) != briefings.clean[key]:
            failures.append(describe(delay, key, tree(docs), briefings.clean[key]))
    assert not failures, "\n".join(failures)


def describe(point: float, key: str, found: Tree, expected: Tree) -> str:
    extra = sorted(set(found) - set(expected))
    missing = sorted(set(expected) - set(found))
    differ = sorted(n for n in set(found) & set(expected) if found[n] != expected[n])
    return (
        f"killed at {point}, rebuilt with the {key} data: {len(extra)} extra {extra[:3]}, "
        f"{len(missing)} missing {missing[:3]}, {len(differ)} differ {differ[:3]}"
    )


def test_the_kill_counter_sees_every_change(briefings: Briefings, tmp_path: Path) -> None:
    # The count is the instrument of the test above: killing before change N + 1 of a
    # build of N changes must be the same as not killing at all.
    docs = briefings.fresh("counter")
    total = changes_of_a_whole_build(briefings)
    result = subprocess.run(
        briefings.command(total + 1, docs), cwd=PROJECT, capture_output=True, check=False
    )
    assert result.returncode == 0
    assert tree(docs) == briefings.clean["new"]
    assert os.path.exists(docs)
