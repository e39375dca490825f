"""The kinds table is the one place a kind is declared: the site configuration and the
ignore file must agree with it, and a build must make exactly the pages it promises."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import yaml

from builder.kinds import KINDS, PAGED
from builder.pipeline import Paths, build, prepare
from tests.conftest import PROJECT


def generated_config(paths: Paths) -> dict[str, object]:
    """The site configuration a build writes for a briefing, as YAML data."""
    build(paths)
    config: dict[str, object] = yaml.safe_load(paths.config.read_text("utf-8"))
    return config


def nav_pages(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [page for item in node for page in nav_pages(item)]
    if isinstance(node, dict):
        return [page for value in node.values() for page in nav_pages(value)]
    return []


def test_entity_pages_are_kept_out_of_the_navigation(tiny: Paths) -> None:
    lines = str(generated_config(tiny)["not_in_nav"]).split()
    assert sorted(lines) == sorted(f"/{kind.name}/*.md" for kind in PAGED)


def test_every_listing_is_in_the_navigation(tiny: Paths) -> None:
    pages = nav_pages(generated_config(tiny)["nav"])
    assert [kind.listing for kind in KINDS if kind.listing not in pages] == []
    assert all((tiny.docs / page).is_file() for page in pages), "the nav names only real pages"


def test_gitignore_lists_exactly_what_a_build_generates(tiny: Paths) -> None:
    """Every generated page sits under an ignored path, and every ignored docs/ path is
    one a build makes (from the kinds table, or the builder's own pages)."""
    ignored = [
        line.removeprefix("/docs/").rstrip("/")
        for line in (PROJECT / ".gitignore").read_text("utf-8").splitlines()
        if line.startswith("/docs/")
    ]
    generated = set(prepare(tiny).pages) | {".builder-manifest.json"}
    made = {page.split("/", 1)[0] for page in generated}
    assert sorted(made) == sorted(ignored), "update .gitignore's /docs/ lines"


def test_each_kind_has_its_templates() -> None:
    templates = PROJECT / "templates"
    for kind in KINDS:
        assert (templates / kind.listing_template).is_file(), kind.listing_template
        if kind.paged:
            assert (templates / kind.page_template).is_file(), kind.page_template


def test_names_and_pages_are_distinct() -> None:
    names = [kind.name for kind in KINDS]
    assert len(set(names)) == len(names)
    listings = [kind.listing for kind in KINDS]
    assert len(set(listings)) == len(listings)
    assert all(Path(kind.listing).suffix == ".md" for kind in KINDS)


def test_build_internals_are_under_for_authors_not_the_readers_sections(tiny: Paths) -> None:
    nav = cast("list[dict[str, Any]]", generated_config(tiny)["nav"])
    titles = [next(iter(entry)) for entry in nav]
    assert "Home" in titles[:2]  # an outcomes page may stand first
    assert titles[-1] == "About this briefing"
    about = nav[-1]["About this briefing"]
    authors = next(entry["For authors"] for entry in about if "For authors" in entry)
    assert sorted(nav_pages(authors)) == ["coverage.md", "reference.md"]
    readers = nav_pages(nav[:-1])
    assert "reference.md" not in readers
    assert "coverage.md" not in readers
