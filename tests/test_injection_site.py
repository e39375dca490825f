"""Hostile data, rendered by MkDocs itself: nothing in data becomes markup on the site."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import PROJECT, TINY, make_project, run_site_build
from tests.hostile import poison_folder

pytestmark = pytest.mark.slow

PAYLOADS = {
    "script": "<script>alert('x1')</script>",
    "handler": '<img src=x onerror="alert(2)">',
    "link": "[click me](javascript:alert(3))",
    "attrs": "plain {: onclick=alert(4) } text",
    "heading": "first\n# injected heading",
    "table": "cell | with | pipes",
    "html": '<div class="evil">raw</div>',
    "entity": "&lt;b&gt;bold&lt;/b&gt;",
    "svg": '<svg onload="alert(5)">',
    "image": "![x](javascript:alert(6))",
}


def poison(data: Path) -> None:
    """Put every payload into a different free-text field of the tiny fixture."""
    values = list(PAYLOADS.values())
    replacements = [
        ("initiatives.yaml", "title: Joint ferry service across Lake Vell", values[0]),
        (
            "initiatives.yaml",
            "summary: A ferry linking the two shores, proposed by Nordmark and supported by "
            "Sudland.",
            values[1],
        ),
        ("people.yaml", "role: Minister of Nordmark", values[2]),
        ("countries.yaml", "group: Lake state\n  leader: ada-brook", values[3]),
        ("sectors.yaml", "description: Ferries, roads and ports.", values[4]),
        ("figures.yaml", "value_text: 12 million crowns", values[5]),
        (
            "discrepancies.yaml",
            "analyst_note: Only the blog speaks of an agreement; the dated report does not.",
            values[6],
        ),
        ("glossary.yaml", "expansion: Lakes Forum", values[7]),
        (
            "projects.yaml",
            "summary: A landing stage at Port Alder, to be built by the Alder Harbour Board and "
            "paid for by Nordmark.",
            values[8],
        ),
        ("organisations.yaml", "name: Alder Harbour Board", values[9]),
    ]
    for file, old, payload in replacements:
        path = data / file
        text = path.read_text("utf-8")
        key, _, rest = old.partition(": ")
        tail = "\n  leader: ada-brook" if "leader" in rest else ""
        new = f"{key}: {_yaml_string(payload)}{tail}"
        assert old in text, old
        path.write_text(text.replace(old, new, 1), "utf-8")


def _yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    data = root / "source-data"
    shutil.copytree(TINY / "data", data)
    poison(data)
    (root / "project").mkdir()
    project = make_project(root / "project", data)
    result = run_site_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def site_html(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


class _Elements(HTMLParser):
    """Every element and attribute as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script" and not (dict(attrs).get("type") or "").endswith(
            "ld+json"
        )

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_text.append(data)


@pytest.fixture(scope="module")
def everywhere_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every free-text field hostile, the event's name included (it names the site)."""
    root = tmp_path_factory.mktemp("hostile-everywhere")
    shutil.copytree(TINY / "data", root / "source-data")
    assert poison_folder(root / "source-data") > 40
    (root / "project").mkdir()
    project = make_project(root / "project", root / "source-data")
    result = run_site_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_no_field_injects_anything_anywhere(everywhere_site: Path) -> None:
    assert_nothing_injected(everywhere_site)


def test_no_injected_element_attribute_or_link(hostile_site: Path) -> None:
    assert_nothing_injected(hostile_site)


def assert_nothing_injected(site: Path) -> None:
    for name, text in site_html(site).items():
        parser = _Elements()
        parser.feed(text)
        for tag, attrs in parser.found:
            assert not [k for k in attrs if k.startswith("on")], f"{name}: {tag} {attrs}"
            for key in ("href", "src", "action"):
                assert not attrs.get(key, "").strip().lower().startswith("javascript:"), name
            assert attrs.get("class") != "evil", name
            assert (tag, attrs.get("src")) != ("img", "x"), name
        assert "alert(" not in " ".join(parser.script_text), f"{name}: data inside a script"


def test_payloads_show_as_the_text_written(hostile_site: Path) -> None:
    pages = site_html(hostile_site)
    visible = {n: html.unescape(re.sub(r"<[^>]+>", " ", t)) for n, t in pages.items()}
    everything = " ".join(visible.values())
    everything = re.sub(r"\s+", " ", everything)
    for payload in PAYLOADS.values():
        assert re.sub(r"\s+", " ", payload) in everything, payload


def test_no_heading_or_table_break_from_data(hostile_site: Path) -> None:
    sector = (hostile_site / "sectors" / "transport" / "index.html").read_text("utf-8")
    assert "injected heading</h1>" not in sector
    figures = (hostile_site / "figures" / "index.html").read_text("utf-8")
    row = next(r for r in figures.split("<tr>") if "with | pipes" in html.unescape(r))
    assert row.count("<td") == 5, "the pipes stayed inside one cell"


def test_no_theme_feature_turns_titles_into_markup() -> None:
    """Material's content.tooltips builds every tooltip from an element's title with
    innerHTML: an escaped glossary expansion became a live <img onerror> on hover. The
    browser pass in tests/browser/test_hostile.py shows it; this keeps it out cheaply."""
    config = (PROJECT / "mkdocs.yml").read_text("utf-8")
    features = re.search(r"(?ms)^  features:\n((?:    - .*\n)+)", config)
    assert features, "mkdocs.yml lists no theme features"
    assert "content.tooltips" not in features.group(1)
