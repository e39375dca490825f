"""The README's timed walkthrough, run as written: every command's output is the real one,
and the source and facts it adds build."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from tests.conftest import PROJECT, run_builder

README = (PROJECT / "README.md").read_text("utf-8")
SECTION = README.split("### Walkthrough:", 1)[1].split("\n## ", 1)[0]
STEP = re.compile(r"<!-- walkthrough: (\w+)(?: (\S+))? -->\n```\w+\n(.*?)```", re.S)
PYTHON = ".venv/bin/python -m builder "


def steps() -> list[tuple[str, str, str]]:
    return [(m[1], m[2] or "", m[3]) for m in STEP.finditer(SECTION)]


def test_the_walkthrough_has_its_steps() -> None:
    kinds = [kind for kind, _, _ in steps()]
    assert kinds.count("run") == 5
    assert kinds.count("add") == 6
    assert "quote example-summit-launches-a-water-fund" in SECTION


def test_the_walkthrough_gives_the_real_output(tmp_path: Path) -> None:
    here = tmp_path / "checkout"  # where the analyst stands: ../walk is beside it
    here.mkdir()
    for kind, target, text in steps():
        if kind == "file":
            (here / target).write_text(text, "utf-8")
        elif kind == "add":
            path = here / target
            old = path.read_text("utf-8")
            path.write_text(old.replace("[]\n", "") + text if "\n[]\n" in old else old + text)
        else:
            assert kind == "run", kind
            for command, expected in commands(text):
                result = run_builder(*shlex.split(command), cwd=here)
                assert result.stderr == "", command
                assert result.stdout == expected, command


def commands(block: str) -> list[tuple[str, str]]:
    """Each `$ .venv/bin/python -m builder …` line of a console block and what follows it."""
    found = []
    for part in block.split("$ ")[1:]:
        command, _, output = part.partition("\n")
        assert command.startswith(PYTHON), command
        found.append((command.removeprefix(PYTHON), output))
    return found
