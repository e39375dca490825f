"""The tool's tests pass whatever valid briefing data/ holds: a copy of this checkout with
another briefing (the bloc-summit fixture's data) in data/ and nothing regenerated runs
the quick tool tests, which must all pass. Only tests/briefing/ (marker `embedded`)
checks the embedded briefing's content."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BLOC_SUMMIT, PROJECT

pytestmark = pytest.mark.slow

TOOL_TESTS = "not embedded and not browser and not slow"


def tracked_files() -> list[str]:
    """The checkout's tracked files, as `git ls-files` names them."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=PROJECT, capture_output=True, check=False
        )
    except FileNotFoundError:
        pytest.skip("git is not installed: the checkout's tracked files cannot be listed")
    if listed.returncode:
        pytest.skip(f"not a git checkout: {listed.stderr.decode(errors='replace').strip()}")
    return [name for name in listed.stdout.decode("utf-8").split("\0") if name]


def copy_checkout(target: Path) -> None:
    """The tracked files as they are in the work tree (a deleted one is left out)."""
    for name in tracked_files():
        source = PROJECT / name
        if not source.exists() and not source.is_symlink():
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name, follow_symlinks=False)


def test_the_tool_tests_pass_with_another_briefing_in_data(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    copy_checkout(checkout)
    for venv in PROJECT.glob(".venv-*"):  # the other renderers' environments, as installed
        (checkout / venv.name).symlink_to(venv, target_is_directory=True)
    assert (checkout / "tests" / "conftest.py").is_file()
    shutil.rmtree(checkout / "data")
    shutil.copytree(BLOC_SUMMIT / "data", checkout / "data")
    assert (checkout / "data" / "event.yaml").read_bytes() == (
        BLOC_SUMMIT / "data" / "event.yaml"
    ).read_bytes()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "BRIEFING_"))}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    result = subprocess.run(
        [*command, "-m", TOOL_TESTS],
        cwd=checkout,
        env={**env, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    summary = result.stdout.strip().splitlines()[-1]
    assert " passed" in summary, summary
    assert int(summary.split(" passed")[0].split()[-1]) > 400, summary
