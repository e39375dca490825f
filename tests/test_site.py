"""Whole sites of the fixture briefings (bloc-summit, and the tiny lake states), built as
`make site` builds them (strict MkDocs), then every internal link and anchor checked in
the HTML. The embedded briefing's own site is checked in tests/briefing/."""

from __future__ import annotations

import html
import os
import posixpath
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from builder.kinds import KINDS
from builder.linkcheck import _LINK_ATTRS, _Page, check_site
from builder.load import load
from builder.pipeline import Paths, prepare
from builder.searchlimit import search_entries
from builder.validate import validate
from tests.conftest import (
    BLOC_SUMMIT,
    CONFIG,
    PROJECT,
    RENDERERS,
    TINY,
    make_project,
    run_site_build,
)

pytestmark = pytest.mark.slow

_bloc_sites: dict[str, Path] = {}


def _bloc_site(renderer: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bloc-summit fixture's site: every kind of page, a source in Russian; built once
    per renderer (publish, as make site does, for the renderers other than MkDocs)."""
    if renderer not in _bloc_sites:
        folder = tmp_path_factory.mktemp(f"bloc-summit-{renderer}")
        project = make_project(folder, BLOC_SUMMIT / "data")
        result = run_site_build(project, renderer)
        assert result.returncode == 0, result.stdout + result.stderr
        _bloc_sites[renderer] = project / "site"
    return _bloc_sites[renderer]


@pytest.fixture(scope="module", params=RENDERERS)
def bloc_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bloc-summit site as each renderer builds it: the HTML checks run on each."""
    return _bloc_site(str(request.param), tmp_path_factory)


@pytest.fixture(scope="module")
def mkdocs_bloc_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _bloc_site("mkdocs", tmp_path_factory)


def test_a_site_builds_strict_with_every_link_resolving(bloc_site: Path) -> None:
    report = check_site(bloc_site)
    assert report.broken == []
    assert report.pages == len(list(bloc_site.rglob("*.html"))) > 60
    assert report.internal > 3000


# Elements that start a new run of text: a citation's quote is the text of its block
# (list item, cell, paragraph) before its link.
_BLOCKS = {"p", "li", "td", "th", "tr", "table", "ul", "ol", "div", "dd", "dt", "blockquote"}
_BLOCKS |= {"details", "summary", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6"}


class _Citations(HTMLParser):
    """A built page, read for its source paragraphs and the links into them.

    A source paragraph runs from its anchor (an element with the class source-paragraph)
    to the claims that cite it (class cited-by), the next paragraph or the next section:
    a table paragraph's anchor sits just before its table. Each link keeps the text of
    its block before it, where a citation prints its quote: “quote” — [title, ¶N](…#pN).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: dict[str, list[str]] = {}
        self.links: list[tuple[str, str, str]] = []  # href, block text before it, its text
        self.marks: dict[str, list[str]] = {}  # a quote's <mark> by its anchor: its text
        self._mark: list[str] | None = None
        self._paragraph: list[str] | None = None
        self._block: list[str] = []
        self._link: tuple[str, str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if "source-paragraph" in classes and values.get("id"):
            self._paragraph = self.paragraphs.setdefault(str(values["id"]), [])
        elif "cited-by" in classes or tag == "h2":
            self._paragraph = None
        if tag in _BLOCKS:
            self._block = []
            self._space()
        if tag == "a" and values.get("href"):
            self._link = (str(values["href"]), "".join(self._block), [])
        if tag == "mark" and values.get("id"):
            self._mark = self.marks.setdefault(str(values["id"]), [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            href, before, text = self._link
            self.links.append((href, before, "".join(text)))
            self._link = None
        if tag == "mark":
            self._mark = None
        if tag in _BLOCKS:
            self._space()
        if tag == "article":
            self._paragraph = None

    def handle_data(self, data: str) -> None:
        self._block.append(data)
        if self._paragraph is not None:
            self._paragraph.append(data)
        if self._link is not None:
            self._link[2].append(data)
        if self._mark is not None:
            self._mark.append(data)

    def _space(self) -> None:
        if self._paragraph is not None:
            self._paragraph.append(" ")


def _fold(text: str) -> str:
    return " ".join(text.split())


def _quote(before: str) -> str | None:
    """The quote of a citation from the text before its link: “quote” — , or in the
    discrepancy register **reading** — “quote” — (a reading may hold quotation marks)."""
    text = _fold(before)
    if not text.endswith("” —"):
        return None
    text = text.removesuffix("” —")
    start = text.rfind("— “")
    if start >= 0:
        return text[start + 3 :]
    return text[1:] if text.startswith("“") else None


def starts_in(quote: str, mark: str) -> bool:
    """Whether a quote starts in a mark: a mark holds a whole quote, part of one (the rest
    of a quote running on past another's mark), or a quote's beginning."""
    if not mark:
        return False
    if quote in mark or mark in quote:
        return True
    return any(mark.endswith(quote[:size]) for size in range(min(3, len(quote)), len(quote)))


def citations_on(site: Path) -> tuple[set[tuple[str, str]], list[str]]:
    """Every link to a source paragraph (``…/sources/<id>/#pN``, or ``#pN-qK`` to the mark
    of a quote in it) in the built site: the (source, quote) pairs of the citations among
    them, and the problems: a link whose anchor is not a paragraph of that source (or a
    mark in it), whose label names another paragraph, whose quote is not in the paragraph
    it links to, or not in the mark."""
    pages: dict[str, _Citations] = {}
    for file in sorted(site.rglob("*.html")):
        pages[file.relative_to(site).as_posix()] = parsed = _Citations()
        parsed.feed(file.read_text("utf-8"))
    cited: set[tuple[str, str]] = set()
    problems: list[str] = []
    for name, page in pages.items():
        for href, before, text in page.links:
            path, _, anchor = href.partition("#")
            if not re.fullmatch(r"p\d+(-q\d+)?", anchor):
                continue
            fragment = anchor.split("-q")[0]
            if not path:
                target = name  # a paragraph's link to itself, on its source's page
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
                target += "/index.html" if path.endswith("/") else ""
            source = re.fullmatch(r"sources/([a-z0-9-]+)/index\.html", target)
            if not source:
                continue
            paragraphs = pages[target].paragraphs if target in pages else {}
            if fragment not in paragraphs:
                problems.append(f"{name}: {href}: not a paragraph of {target}")
                continue
            label = re.search(r"¶(\d+)$", text)
            if label and f"p{label[1]}" != fragment:
                problems.append(f"{name}: {href}: labelled {text!r}")
            quote = _quote(before)
            if quote is not None:
                cited.add((source[1], quote))
                if quote not in _fold("".join(paragraphs[fragment])):
                    problems.append(f"{name}: “{quote}” is not in {target}#{fragment}")
                if anchor != fragment:
                    mark = _fold("".join(pages[target].marks.get(anchor, [])))
                    if not starts_in(quote, mark):
                        problems.append(f"{name}: “{quote}” does not start in {target}#{anchor}")
    return cited, problems


def test_every_citation_lands_on_the_paragraph_it_quotes(bloc_site: Path) -> None:
    # The link check only asks that the anchor exists; this asks that it is the paragraph
    # holding the quote, and that every quote in the data is shown with its link.
    cited, problems = citations_on(bloc_site)
    assert problems == []
    assert cited == set(validate(load(BLOC_SUMMIT / "data")).locations)


def test_no_page_loads_anything_from_another_host(bloc_site: Path) -> None:
    for page in bloc_site.rglob("*.html"):
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
    cited, problems = citations_on(project / "site")
    assert problems == []
    assert cited == set(validate(load(TINY / "data")).locations)


# Names from the fixture briefings: code written around a fixture would pass its tests.
# (tests/briefing/ checks the same for the embedded briefing's names.)
FIXTURE_WORDS = ["nordmark", "sudland", "lakes forum", "port alder", "lake vell"]
FIXTURE_WORDS += ["aurelian", "meridian states", "sarvenia", "tirmena", "alvenna", "reyvik"]


@pytest.mark.parametrize("folder", ["builder", "templates"])
def test_nothing_about_a_fixture_event_lives_in_code_or_templates(folder: str) -> None:
    for path in sorted((PROJECT / folder).rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2"):
            text = path.read_text().lower()
            found = [word for word in FIXTURE_WORDS if word in text]
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


def test_link_check_reads_pages_as_an_html_parser_does(bloc_site: Path) -> None:
    for page in sorted(bloc_site.rglob("*.html")):
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
    project = make_project(tmp_path / "project", TINY / "data")
    # A first build writes the site's configuration; clean leaves it and removes the pages.
    for command in ("build", "clean"):
        subprocess.run([sys.executable, "-m", "builder", command], cwd=project, check=True)
    assert not (project / "docs" / "index.md").exists()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_PREBUILT"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "-f", str(project / CONFIG)],
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
    mkdocs_bloc_site: Path, tmp_path: Path
) -> None:
    # The hook renders the navigation sidebar once per folder for the pages outside the
    # navigation; without the hook the theme renders each page's own. Same bytes, or a
    # page would show another folder's links.
    bloc_site = mkdocs_bloc_site
    project = bloc_site.parent
    config = (project / CONFIG).read_text("utf-8")
    plain = re.sub(r"(?m)^hooks:\n(?:[ \t]+-.*\n)+", "", config)
    assert plain != config
    plain_config = (project / CONFIG).with_name("mkdocs-plain.yml")
    plain_config.write_text(plain, "utf-8")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    plain_site = tmp_path / "plain"
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "-f", str(plain_config), "-d", str(plain_site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_PREBUILT": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted(p.relative_to(bloc_site) for p in bloc_site.rglob("*.html"))
    assert len(pages) > 60
    # Every folder of entity pages shares one sidebar among several of them.
    shared = Counter(page.parts[0] for page in pages if len(page.parts) == 3)
    assert set(shared) == {kind.name for kind in KINDS if kind.paged}
    assert min(shared.values()) >= 4, shared
    assert pages == sorted(p.relative_to(plain_site) for p in plain_site.rglob("*.html"))
    for page in pages:
        assert (bloc_site / page).read_bytes() == (plain_site / page).read_bytes(), page


class _Controls(HTMLParser):
    """A page's ids, and the attributes the theme edits fix (builder/theme.py)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.pointers: list[tuple[str, str]] = []  # (attribute, the id it names)
        self.invalid: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "label" and values.get("for"):
            self.pointers.append(("label for", str(values["for"])))
        for name in str(values.get("aria-labelledby") or "").split():
            self.pointers.append(("aria-labelledby", name))
        if "tabindex" in values and not values["tabindex"]:
            self.invalid.append(f'<{tag} tabindex="">')
        if tag == "input" and values.get("type") == "checkbox" and "autocomplete" in values:
            self.invalid.append(f"<input type=checkbox id={values.get('id')} autocomplete>")
        if values.get("role") == "dialog" and not (
            values.get("aria-label") or values.get("aria-labelledby")
        ):
            self.invalid.append(f"<{tag} role=dialog> without a name")


def test_the_theme_fixes_hold_on_every_renderer(bloc_site: Path) -> None:
    # What the edited theme templates are for: every label and aria-labelledby names an
    # element of the page, no empty tabindex, no autocomplete on a checkbox, every dialog
    # named. Checked on each renderer's own HTML.
    problems = []
    for page in sorted(bloc_site.rglob("*.html")):
        controls = _Controls()
        controls.feed(page.read_text("utf-8"))
        name = page.relative_to(bloc_site).as_posix()
        problems += [f"{name}: {what}" for what in controls.invalid]
        problems += [
            f"{name}: {attribute}={target!r} names nothing"
            for attribute, target in controls.pointers
            if target not in controls.ids
        ]
    assert problems == []


def test_the_theme_fix_check_sees_what_the_stock_theme_does() -> None:
    # Material's own markup, before the edits: each is reported.
    controls = _Controls()
    controls.feed(
        '<input type="checkbox" id="__drawer" autocomplete="off">'
        '<div class="md-search" role="dialog"></div><label tabindex="" for="__toc"></label>'
    )
    assert len(controls.invalid) == 3
    assert ("label for", "__toc") in controls.pointers
    assert "__toc" not in controls.ids


def test_the_search_index_has_no_chart_tick_labels(bloc_site: Path) -> None:
    # Ticks such as "5 bn" are drawn for the eye; indexed, a search for a number would
    # find every chart whose axis passes it.
    figures = (bloc_site / "figures" / "index.html").read_text("utf-8")
    ticks = set(re.findall(r'class="chart-tick"[^>]*>([^<]+)<', figures)) - {"0"}
    assert any(tick.endswith(" bn") for tick in ticks), ticks
    texts = [
        str(entry["text"])
        for entry in search_entries(bloc_site)
        if str(entry["location"]).startswith("figures/")
    ]
    assert texts
    found = {
        tick
        for tick in ticks
        for text in texts
        if re.search(rf"(?<![\d.,]){re.escape(tick)}", text)
    }
    assert found == set(), found


def test_the_search_index_has_no_outcomes_picture_text(bloc_site: Path) -> None:
    # Each dot of the picture is named "<initiative> (<status>)"; indexed, the page's first
    # entry would grow with every initiative (75 KB at 5,000 entities, over Zensical's limit).
    page = (bloc_site / "outcomes" / "index.html").read_text("utf-8")
    dots = re.findall(r"<title>([^<]+ \([a-z]+\))</title>", page)
    assert len(dots) > 5, dots
    texts = [
        str(entry["text"])
        for entry in search_entries(bloc_site)
        if str(entry["location"]).startswith("outcomes/")
    ]
    assert texts
    assert [dot for dot in dots if any(html.unescape(dot) in text for text in texts)] == []
