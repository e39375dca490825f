"""The README says what the tool does: its make targets, commands, limits and the steps
of adding a kind. (Its worked example, written against the embedded briefing's ids, is
checked in tests/briefing/test_embedded_readme.py.)"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT, TINY

README = (PROJECT / "README.md").read_text("utf-8")


def code_blocks(language: str) -> list[str]:
    blocks = re.findall(r"```" + language + r"\n(.*?)```", README, flags=re.S)
    return [re.sub(r"^   ", "", block, flags=re.M) for block in blocks]


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


def new_kind_snippets() -> dict[str, str]:
    """The README's "Adding a kind" snippets, by the file each marker names."""
    found = re.findall(r"<!-- new kind: (\S+) -->\n\s*```\w+\n(.*?)```", README, flags=re.S)
    return {name: re.sub(r"^   ", "", block, flags=re.M) for name, block in found}


def test_adding_a_kind_takes_what_the_readme_says(tmp_path: Path) -> None:
    """A model class, a row and two templates, applied to a copy of the project: the tiny
    fixture with the new data file builds, with pages of the new kind that cite, link
    and find mentions like any other."""
    snippets = new_kind_snippets()
    project = tmp_path / "project"
    for folder in ("builder", "templates"):
        shutil.copytree(PROJECT / folder, project / folder)
    shutil.copytree(TINY / "data", project / "data")
    with (project / "builder" / "model.py").open("a", encoding="utf-8") as stream:
        stream.write("\n\n" + snippets["builder/model.py"])
    kinds = (project / "builder" / "kinds.py").read_text("utf-8")
    model = re.search(r"class (\w+)\(", snippets["builder/model.py"])
    constant = re.match(r"(\w+) = Kind\(", snippets["builder/kinds.py"])
    assert model
    assert constant
    kinds = kinds.replace(
        "from builder.model import (", f"from builder.model import (\n    {model[1]},"
    )
    kinds = kinds.replace(
        "\n# The order of the site's",
        f"\n{snippets['builder/kinds.py']}\n# The order of the site's",
    )
    kinds = kinds.replace("    GLOSSARY,\n)", f"    GLOSSARY,\n    {constant[1]},\n)")
    (project / "builder" / "kinds.py").write_text(kinds, "utf-8")
    for name, text in snippets.items():
        if name.startswith("templates/"):
            (project / name).write_text(text, "utf-8")
    (project / "data" / "side-events.yaml").write_text(snippets["side-events.yaml"], "utf-8")

    command = [sys.executable, "-m", "builder", "--root", str(project), "build"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    docs = project / "docs"
    listing = (docs / "side-events" / "index.md").read_text("utf-8")
    assert "[Ministers' meeting in Port Alder](port-alder-meeting.md)" in listing
    page = (docs / "side-events" / "port-alder-meeting.md").read_text("utf-8")
    assert "../sources/harbour-report.md#p1" in page, "its citation links the paragraph"
    assert "[Nordmark](../countries/nordmark.md)" in page, "its countries are related"
    country = (docs / "countries" / "nordmark.md").read_text("utf-8")
    assert "port-alder-meeting.md" in country, "the relation runs both ways"
    assert "side-events/index.md" in (docs / "index.md").read_text("utf-8"), "home lists it"


def test_the_limits_bad_data_gets_are_the_builders() -> None:
    from builder import errors, load, yamlsafe

    section = README.split("## What bad data gets", 1)[1].split("\n## ", 1)[0]
    assert f"{yamlsafe.MAX_BYTES:,} bytes per YAML file" in section
    assert load.MAX_SOURCE_BYTES == yamlsafe.MAX_BYTES, "the README gives one size for both"
    assert f"{yamlsafe.MAX_DEPTH} levels" in section
    assert f"after {errors.MAX_PROBLEMS:,} problems" in section
    assert f"the first {errors.MAX_SHOWN} by place" in section


def test_the_readme_documents_every_field_as_the_schema_has_it() -> None:
    from builder.reference import reference, reference_markdown

    section = README.split("<!-- reference: generated", 1)[1].split("<!-- reference: end", 1)[0]
    assert reference_markdown() in section, "the README's data reference is stale: make schema"
    for doc in reference():
        for field in doc.fields:
            assert f"| `{field.name}` |" in section, f"{doc.title}.{field.name}"


def console_examples() -> list[tuple[str, list[str], str]]:
    """The README's `console` examples marked with the folder they run in: (folder, the
    command's arguments after `python -m builder`, its output)."""
    found = re.findall(r"<!-- run in: (\S+) -->\n```console\n\$ (.*?)\n(.*?)```", README, re.S)
    return [(folder, line.split()[3:], output) for folder, line, output in found]


@pytest.mark.parametrize(
    ("folder", "args", "output"),
    [example for example in console_examples() if example[0] != "."],
    ids=lambda value: value if isinstance(value, str) and "\n" not in value else "",
)
def test_the_readme_shows_the_real_output_of_the_authoring_commands(
    folder: str, args: list[str], output: str
) -> None:
    """The examples on the fixtures; those on the embedded briefing (folder ".") are
    checked in tests/briefing/test_embedded_readme.py."""
    from tests.conftest import run_builder

    result = run_builder(*args, cwd=PROJECT / folder)
    assert result.stdout == output, result.stderr


def test_the_readme_has_examples_of_the_authoring_commands() -> None:
    commands = {args[0] for _, args, _ in console_examples()}
    assert {"quote", "suggest"} <= commands


def test_the_readme_gives_the_limit_on_detailed_quote_reasons() -> None:
    from builder.quotes import MAX_EXPLAINED

    assert f"explains at most {MAX_EXPLAINED} failed quotes" in " ".join(README.split())
