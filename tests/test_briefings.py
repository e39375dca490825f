"""A generator, not one site: any briefing folder builds its own site, a new one starts
from `python -m builder new`, two briefings never write into each other's pages, and
nothing of the embedded briefing's event is written into the tool."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from builder.errors import DataError
from builder.pipeline import Paths, build, prepare
from builder.scaffold import missing_collections, new_briefing
from builder.write import MANIFEST, read_manifest
from tests.conftest import CONFIG, PROJECT, TINY, make_project, run_builder, run_site_build

BLOC = PROJECT / "tests" / "fixtures" / "bloc-summit" / "data"


def briefing_names(data: Path) -> set[str]:
    """The names an event's briefing would leak if the tool held any of it: the event's
    own, its countries' and its people's (read from its data, not listed here)."""
    event = yaml.safe_load((data / "event.yaml").read_text("utf-8"))
    names = {event["name"], event["short_name"], event["venue"].split(",")[0]}
    for collection in ("countries", "people"):
        for item in yaml.safe_load((data / f"{collection}.yaml").read_text("utf-8")) or []:
            names.add(item["name"])
    return {name for name in names if len(name) > 3}


def tool_files() -> list[Path]:
    """Everything of the tool that a second briefing's site is made with: the shared
    configuration, the builder, templates, overrides and the hand-written pages (docs/
    less the pages the builder generated there)."""
    generated = set(read_manifest(PROJECT / "docs")) | {MANIFEST}
    found = [PROJECT / "mkdocs.yml"]
    for folder in ("builder", "templates", "overrides", "docs"):
        for path in sorted((PROJECT / folder).rglob("*")):
            name = path.relative_to(PROJECT / folder).as_posix()
            if folder == "docs" and (name in generated or name.startswith(".")):
                continue
            if path.is_file() and path.suffix not in (".json", ".png", ".pyc"):
                found.append(path)
    return found


def test_the_tool_names_nothing_of_the_embedded_briefing() -> None:
    names = briefing_names(PROJECT / "data")
    assert len(names) > 5
    hits = [
        f"{path.relative_to(PROJECT)}: {name}"
        for path in tool_files()
        for name in names
        if name.casefold() in path.read_text("utf-8").casefold()
    ]
    assert hits == []


def test_a_new_briefing_has_every_collection_and_builds(tmp_path: Path) -> None:
    assert missing_collections() == []
    folder = tmp_path / "my-summit"
    made = new_briefing(folder)
    assert "data/event.yaml" in made
    assert "docs/method.md" in made
    assert "data/schema/event.schema.json" in made
    first_line = (folder / "data" / "countries.yaml").read_text("utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schema/countries.schema.json"
    paths = Paths(folder / "data", folder / "docs", PROJECT / "templates")
    assert prepare(paths).warnings == []
    build(paths)
    config = yaml.safe_load(paths.config.read_text("utf-8"))
    assert config["site_name"] == "Example Summit briefing"


def test_a_new_briefing_never_overwrites_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = run_builder("new", str(folder))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{folder}: already exists; a new briefing needs a folder of its own"
    )
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_messages_name_files_by_the_path_given(tmp_path: Path) -> None:
    """From the checkout, `--data ../other/data` gives `../other/data/…` messages, which
    an editor opens from there, never `data/…`, which is the embedded briefing's file."""
    shutil.copytree(TINY / "data", tmp_path / "data")
    path = tmp_path / "data" / "sectors.yaml"
    path.write_text(path.read_text("utf-8").replace("- id: water", "- id: Water"), "utf-8")
    given = os.path.relpath(tmp_path / "data", PROJECT)
    result = run_builder("--data", given, "--docs", str(tmp_path / "d"), "check")
    assert result.returncode == 1
    located = [line for line in result.stderr.splitlines() if ".yaml:" in line]
    assert len(located) == 2, result.stderr
    assert all(line.startswith(f"{given}/") for line in located), result.stderr
    assert f"{given}/sectors.yaml:4:7: [1].id: not a valid id: 'Water'" in located


def test_a_docs_folder_refuses_another_briefings_pages(tmp_path: Path) -> None:
    """The incident: a second briefing's build wrote the embedded briefing's pages into
    its docs folder and deleted its own. Now the writer refuses, and nothing changes."""
    first = Paths(tmp_path / "first", tmp_path / "docs", PROJECT / "templates")
    shutil.copytree(TINY / "data", first.data)
    build(first)
    before = {p: p.read_bytes() for p in sorted(first.docs.rglob("*")) if p.is_file()}
    other = Paths(tmp_path / "other", first.docs, PROJECT / "templates")
    shutil.copytree(BLOC, other.data)
    with pytest.raises(DataError) as caught:
        build(other)
    [problem] = caught.value.problems
    assert problem.file == (first.docs / MANIFEST).as_posix()
    assert problem.message == (
        f"{first.docs.as_posix()} holds the pages of {first.data.resolve()}, "
        f"not of {other.data.resolve()}"
    )
    after = {p: p.read_bytes() for p in sorted(first.docs.rglob("*")) if p.is_file()}
    assert after == before


@pytest.mark.slow
def test_the_hook_of_one_briefing_cannot_write_into_another(tmp_path: Path) -> None:
    """`mkdocs build` on a configuration that names one briefing's data and another's
    docs folder (a hand-edited copy, say) fails plainly, and the pages stay."""
    ours = tmp_path / "ours"
    shutil.copytree(BLOC, ours / "data")
    theirs = tmp_path / "theirs"
    shutil.copytree(TINY / "data", theirs / "data")
    for folder in (ours, theirs):
        build(Paths(folder / "data", folder / "docs", PROJECT / "templates"))
    before = {p: p.read_bytes() for p in sorted((ours / "docs").rglob("*")) if p.is_file()}
    config = (ours / CONFIG).read_text("utf-8")
    crossed = config.replace(f'"{(ours / "data").resolve()}"', f'"{(theirs / "data").resolve()}"')
    assert crossed != config
    (ours / CONFIG).write_text(crossed, "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_PREBUILT"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ours / CONFIG)],
        cwd=tmp_path,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "holds the pages of" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in sorted((ours / "docs").rglob("*")) if p.is_file()}
    assert after == before


@pytest.mark.slow
def test_make_site_builds_a_briefing_outside_the_checkout(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere" / "my-summit"
    folder.parent.mkdir()
    new = subprocess.run(["make", "new", f"BRIEFING={folder}"], cwd=PROJECT, check=False)
    assert new.returncode == 0
    site = subprocess.run(
        ["make", "site", f"BRIEFING={folder}"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert site.returncode == 0, site.stdout + site.stderr
    home = (folder / "site" / "index.html").read_text("utf-8")
    assert "<title>Example Summit - Example Summit briefing</title>" in home
    assert (
        not (PROJECT / "site").is_symlink()
        or (PROJECT / "site").resolve() != (folder / "site").resolve()
    )


@pytest.mark.slow
def test_the_second_example_builds_its_own_site(tmp_path: Path) -> None:
    """The shipped bloc-summit example: a bloc with two representatives, a source in
    Russian, a discrepancy. Its own name on every page, nothing of the embedded briefing,
    every link resolving (run_site_build checks them), Russian in the search languages."""
    from builder.linkcheck import check_site

    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", BLOC)
    result = run_site_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    report = check_site(site)
    assert report.broken == []
    pages = {p: p.read_text("utf-8") for p in site.rglob("*.html")}
    assert len(pages) > 50
    name = yaml.safe_load((project / CONFIG).read_text("utf-8"))["site_name"]
    assert name == "Aurelian Union – Meridian States Summit briefing"
    untitled = [p for p, text in pages.items() if f"{name}</title>" not in text]
    assert untitled == [site / "404.html"] or untitled == []
    leaked = {n for n in briefing_names(PROJECT / "data") for t in pages.values() if n in t}
    assert leaked == set()
    home = pages[site / "index.html"]
    assert "4 countries and the" in home, "the bloc is named among the participants"
    config = yaml.safe_load((project / CONFIG).read_text("utf-8"))
    assert config["plugins"][0]["search"]["lang"] == ["en", "ru"]
