"""The README's worked example works, and its error message is what the builder prints."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from builder.pipeline import Paths
from tests.conftest import PROJECT, problems_of

README = (PROJECT / "README.md").read_text("utf-8")


def code_blocks(language: str) -> list[str]:
    blocks = re.findall(r"```" + language + r"\n(.*?)```", README, flags=re.S)
    return [re.sub(r"^   ", "", block, flags=re.M) for block in blocks]


def embedded_copy(tmp_path: Path) -> Paths:
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    return Paths(tmp_path / "data", tmp_path / "docs", PROJECT / "templates")


def test_worked_example_builds(tmp_path: Path) -> None:
    paths = embedded_copy(tmp_path)
    source, initiative = code_blocks("yaml")
    (paths.data / "sources" / "press-statement.md").write_text(source, "utf-8")
    with (paths.data / "initiatives.yaml").open("a", encoding="utf-8") as stream:
        stream.write(initiative)
    assert problems_of(paths) == []


def test_worked_example_error_is_the_real_message(tmp_path: Path) -> None:
    paths = embedded_copy(tmp_path)
    source, initiative = code_blocks("yaml")
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


def test_every_make_target_in_the_readme_exists() -> None:
    makefile = (PROJECT / "Makefile").read_text("utf-8")
    for target in set(re.findall(r"`make (\w+)`", README)):
        assert re.search(rf"^{target}:", makefile, flags=re.M), target


def test_every_builder_command_is_documented() -> None:
    from builder.cli import _parser

    usage = _parser().format_usage()
    commands = re.search(r"\{([a-z,]+)\}", usage)
    assert commands is not None
    for command in commands.group(1).split(","):
        assert f"python -m builder {command}" in README or command in ("schema", "clean"), command


def test_the_limits_bad_data_gets_are_the_builders() -> None:
    from builder import errors, load, yamlsafe

    section = README.split("## What bad data gets", 1)[1].split("\n## ", 1)[0]
    assert f"{yamlsafe.MAX_BYTES:,} bytes per YAML file" in section
    assert load.MAX_SOURCE_BYTES == yamlsafe.MAX_BYTES, "the README gives one size for both"
    assert f"{yamlsafe.MAX_DEPTH} levels" in section
    assert f"after {errors.MAX_PROBLEMS:,} problems" in section
    assert f"the first {errors.MAX_SHOWN} by place" in section
