"""Whole sites: the embedded briefing and a second, unrelated event, built as `make site`
builds them (strict MkDocs), then every internal link and anchor checked in the HTML."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from builder.linkcheck import _LINK_ATTRS, _Page, check_site
from builder.pipeline import Paths, prepare
from tests.conftest import PROJECT, TINY, make_project, run_site_build

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def embedded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("embedded"), PROJECT / "data")
    result = run_site_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_embedded_site_builds_strict_with_every_link_resolving(embedded_site: Path) -> None:
    report = check_site(embedded_site)
    assert report.broken == []
    assert report.pages > 100
    assert report.internal > 5000


def test_every_citation_lands_on_an_existing_paragraph(embedded_site: Path) -> None:
    page = (embedded_site / "initiatives" / "ca-japan-digital-hub" / "index.html").read_text()
    targets = re.findall(r'href="(\.\./\.\./sources/[a-z0-9-]+/#p\d+)"', page)
    assert targets, "an initiative page cites its sources by paragraph"
    report = check_site(embedded_site)
    assert not [b for b in report.broken if "#p" in b]


def test_no_page_loads_anything_from_another_host(embedded_site: Path) -> None:
    for page in embedded_site.rglob("*.html"):
        text = page.read_text()
        for url in re.findall(r'(?:src|href)="(https?:[^"]+)"', text):
            assert not re.search(r"\.(css|js|woff2?|ttf)(\?|$)", url), f"{page}: {url}"
        assert "fonts.googleapis" not in text
        assert "fonts.gstatic" not in text


def test_a_second_event_builds_with_the_same_code(tmp_path: Path) -> None:
    project = make_project(tmp_path, TINY / "data")
    result = run_site_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    report = check_site(project / "site")
    assert report.broken == []
    home = (project / "site" / "index.html").read_text()
    assert "The first Lakes Forum" in home


SUMMIT_WORDS = ["japan", "tokyo", "uzbek", "kazakh", "mirziyoyev", "central asia", "summit"]


@pytest.mark.parametrize("folder", ["builder", "templates"])
def test_nothing_about_this_summit_lives_in_code_or_templates(folder: str) -> None:
    for path in sorted((PROJECT / folder).rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2"):
            text = path.read_text().lower()
            found = [word for word in SUMMIT_WORDS if word in text]
            assert found == [], f"{path.relative_to(PROJECT)} mentions {found}"


def test_generated_links_point_at_generated_or_hand_written_pages(tiny: Paths) -> None:
    """Reads the generated Markdown back with markdown-it, as MkDocs will read it."""
    pages = prepare(tiny).pages
    hand_written = {
        p.relative_to(PROJECT / "docs").as_posix() for p in (PROJECT / "docs").rglob("*.md")
    }
    parser = MarkdownIt("commonmark").enable("table")
    for name, text in pages.items():
        for token in parser.parse(text):
            for child in token.children or []:
                href = str(child.attrs.get("href", ""))
                if child.type != "link_open" or href.startswith(("#", "http")):
                    continue
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), href))
                target = target.split("#")[0]
                assert target in pages or target in hand_written, f"{name}: {href}"


class _Reference(HTMLParser):
    """The standard library's parser, as the reference for the link check's extraction."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (name == "id" or (tag == "a" and name == "name")):
                self.ids.add(value)
            elif value is not None and (tag, name) in _LINK_ATTRS:
                self.links.append(value)


def test_link_check_reads_pages_as_an_html_parser_does(embedded_site: Path) -> None:
    for page in sorted(embedded_site.rglob("*.html")):
        text = page.read_text("utf-8")
        reference = _Reference()
        reference.feed(text)
        fast = _Page.parse(text)
        assert (fast.ids, fast.links) == (reference.ids, reference.links), page


def test_a_warning_fails_the_site_build(tmp_path: Path) -> None:
    # `mkdocs build --strict --quiet` succeeds whatever MkDocs warns about: --quiet raises
    # its log level above warnings before strict mode counts them. `make site` must fail.
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", TINY / "data")
    page = project / "docs" / "method.md"
    page.write_text(page.read_text("utf-8") + "\nSee [the appendix](appendix.md).\n", "utf-8")
    result = run_site_build(project)
    assert result.returncode != 0
    assert "appendix.md" in result.stdout + result.stderr


def test_mkdocs_alone_generates_the_pages_through_its_hook(tmp_path: Path) -> None:
    # What `make serve` relies on: MkDocs' own command, started from anywhere, runs the
    # builder before each build. (Its hook is loaded by file path; the builder package
    # must still be found when the hook runs.)
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", PROJECT / "data")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_PREBUILT"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "-f", str(project / "mkdocs.yml")],
        cwd=elsewhere,
        env={**env, "PYTHONPATH": "", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "docs" / "index.md").is_file()
    assert (project / "site" / "countries" / "index.html").is_file()


def test_a_shared_sidebar_is_the_sidebar_each_page_would_render(
    embedded_site: Path, tmp_path: Path
) -> None:
    # The hook renders the navigation sidebar once per folder for the pages outside the
    # navigation; without the hook the theme renders each page's own. Same bytes, or a
    # page would show another folder's links.
    project = embedded_site.parent
    config = (project / "mkdocs.yml").read_text("utf-8")
    plain = re.sub(r"(?m)^hooks:\n(?:[ \t]+-.*\n)+", "", config)
    assert plain != config
    (project / "mkdocs-plain.yml").write_text(plain, "utf-8")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    plain_site = tmp_path / "plain"
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "-f", "mkdocs-plain.yml", "-d", str(plain_site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_PREBUILT": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted(p.relative_to(embedded_site) for p in embedded_site.rglob("*.html"))
    assert len(pages) > 100
    assert pages == sorted(p.relative_to(plain_site) for p in plain_site.rglob("*.html"))
    for page in pages:
        assert (embedded_site / page).read_bytes() == (plain_site / page).read_bytes(), page
