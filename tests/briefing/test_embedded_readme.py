"""The embedded briefing's content, not the tool: the README's worked example (a source
and an initiative added to data/, and the misspelt sector it then shows) is written
against the embedded briefing's ids (its sectors and countries), and works on it.

These check the briefing in this checkout's data/ (the first Central Asia + Japan
summit); an analyst who replaces data/ deletes them, or rewrites them together with the
README's example for the new briefing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from builder.pipeline import Paths
from tests.conftest import PROJECT, problems_of
from tests.test_readme import code_blocks


def embedded_copy(tmp_path: Path) -> Paths:
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    return Paths(tmp_path / "data", tmp_path / "docs", PROJECT / "templates")


def test_worked_example_builds(tmp_path: Path) -> None:
    paths = embedded_copy(tmp_path)
    source, initiative = code_blocks("yaml")[:2]
    (paths.data / "sources" / "press-statement.md").write_text(source, "utf-8")
    with (paths.data / "initiatives.yaml").open("a", encoding="utf-8") as stream:
        stream.write(initiative)
    assert problems_of(paths) == []


def test_worked_example_error_is_the_real_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the analyst's folder: the message names data/…
    paths = embedded_copy(tmp_path)
    source, initiative = code_blocks("yaml")[:2]
    (paths.data / "sources" / "press-statement.md").write_text(source, "utf-8")
    typo = initiative.replace("[environment-and-climate]", "[enviroment-and-climate]")
    with (paths.data / "initiatives.yaml").open("a", encoding="utf-8") as stream:
        stream.write(typo)
    [problem] = problems_of(paths)
    [shown] = [block.strip() for block in code_blocks("text") if "hint:" in block]
    message = str(problem)
    assert re.sub(r"yaml:\d+:\d+: \[\d+\]", "yaml:L:C: [N]", message) == re.sub(
        r"yaml:\d+:\d+: \[\d+\]", "yaml:L:C: [N]", shown
    )


def test_the_readme_suggest_example_is_the_real_output() -> None:
    from tests.conftest import run_builder
    from tests.test_readme import console_examples

    examples = [(args, output) for folder, args, output in console_examples() if folder == "."]
    assert examples, "the README shows an authoring command on the embedded briefing"
    for args, output in examples:
        result = run_builder(*args)
        assert result.stdout == output, result.stderr
