"""Property tests: whatever the data, a build or clear errors; text shows as written."""

from __future__ import annotations

import contextlib
import html
import re
import shutil
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from builder.errors import DataError, Problem
from builder.escape import BIDI
from builder.pipeline import Paths, prepare
from tests.conftest import PROJECT, TINY
from tests.test_escape import ATTACKS, mkdocs_extensions, visible_text

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
FILES = sorted(p.name for p in (TINY / "data").glob("*.yaml"))


def fresh_copy(tmp_path: Path, name: str) -> Paths:
    root = tmp_path / name
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(TINY / "data", root / "data")
    return Paths(root / "data", root / "docs", PROJECT / "templates")


def outcome(paths: Paths) -> dict[str, str] | list[Problem]:
    with contextlib.chdir(paths.data.parent):  # messages name files from the briefing's folder
        return _outcome(paths)


def _outcome(paths: Paths) -> dict[str, str] | list[Problem]:
    """Pages, or the problems; any other exception escapes and fails the test."""
    try:
        return prepare(paths).pages
    except DataError as error:
        return error.problems


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, int, str, int]:
    file = draw(st.sampled_from(FILES))
    size = len((TINY / "data" / file).read_text("utf-8"))
    start = draw(st.integers(0, size))
    cut = draw(st.integers(0, 12))
    insert = draw(
        st.text(alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"\n %@`,?0aZ\t")), max_size=6)
    )
    return file, start, insert, cut


@SETTINGS
@given(change=mutation())
def test_mutated_data_builds_or_fails_clearly(
    tmp_path: Path, change: tuple[str, int, str, int]
) -> None:
    file, start, insert, cut = change
    paths = fresh_copy(tmp_path, "mutated")
    path = paths.data / file
    text = path.read_text("utf-8")
    path.write_text(text[:start] + insert + text[start + cut :], "utf-8")
    result = outcome(paths)
    if isinstance(result, list):
        assert result, "a failed build names at least one problem"
        for problem in result:
            assert problem.file.startswith("data/")
            assert problem.line >= 1
            assert problem.column >= 1
            assert problem.message
            assert "Traceback" not in str(problem)


# Pieces of markup (the escaping tests' attacks, and each character Markdown or HTML
# reads) among any characters. Drawn from all of Unicode alone, a title almost never
# holds a "<", a "*" or a "[": with the escaping switched off, the test still passed.
PIECE = st.one_of(
    st.sampled_from(ATTACKS),
    st.sampled_from(list("\\`*_{}[]()<>#+-.!&|=~^:'\" \n\t")),
    st.characters(exclude_categories=["Cs"]),
)
TEXT = st.lists(PIECE, min_size=1, max_size=5).map("".join).filter(lambda s: s.strip() != "")
FERRY = "initiatives/lake-ferry.md"
FERRY_TITLE = "title: Joint ferry service across Lake Vell"
FERRY_SUMMARY = (
    "summary: A ferry linking the two shores, proposed by Nordmark and supported by Sudland."
)


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar for any text: everything but printable ASCII escaped.
    (json.dumps writes a character beyond the BMP as a surrogate pair, which YAML
    refuses: most examples with one never got past the loader.)"""
    safe = (c if " " <= c <= "~" and c not in '"\\' else f"\\U{ord(c):08x}" for c in value)
    return '"' + "".join(safe) + '"'


def body_html(page: str) -> str:
    """A generated page as MkDocs shows it: the front matter is metadata, not text."""
    if page.startswith("---\n"):
        page = page.split("\n---\n", 1)[1]
    return markdown.markdown(page, extensions=mkdocs_extensions())


def elements(fragment: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each element's tag and attribute names, in order; the glossary's <abbr>s left out
    (text may hold a glossary term), and the builder's element of a name's unaccented
    forms for the search (text may hold an accent), whose text is escaped like any other."""
    fragment = re.sub(r'<div class="search-only" hidden>[^<]*</div>', "", fragment)
    found = re.findall(r"<([a-z][a-z0-9]*)((?:\s[^>]*)?)>", fragment)
    return [
        (tag, tuple(sorted(re.findall(r"([a-z-]+)=", attributes))))
        for tag, attributes in found
        if tag != "abbr"
    ]


@pytest.fixture(scope="module")
def plain_ferry_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The page with the fixture's own title and summary; preparing writes nothing."""
    paths = Paths(TINY / "data", tmp_path_factory.mktemp("docs"), PROJECT / "templates")
    return body_html(prepare(paths).pages[FERRY])


@SETTINGS
@given(title=TEXT, summary=TEXT)
# Inline markup in the title; what starts a block at the start of a line in the summary,
# which starts one.
@example(title="*a* _b_ `c` <b>d</b> [e](f) &amp; ~~g~~", summary="# h _i_ {: .j }")
@example(title="k", summary="- l")
@example(title="m", summary="1. n")
@example(title="o", summary="> p")
def test_any_text_shows_exactly_and_never_as_markup(
    tmp_path: Path, plain_ferry_page: str, title: str, summary: str
) -> None:
    paths = fresh_copy(tmp_path, "text")
    path = paths.data / "initiatives.yaml"
    text = path.read_text("utf-8")
    assert FERRY_TITLE in text
    assert FERRY_SUMMARY in text
    text = text.replace(FERRY_TITLE, f"title: {yaml_string(title)}")
    text = text.replace(FERRY_SUMMARY, f"summary: {yaml_string(summary)}")
    path.write_text(text, "utf-8")
    result = outcome(paths)
    if "\n" in title:  # a title is one line: the one problem
        assert isinstance(result, list)
        assert [(p.file, p.field) for p in result] == [("data/initiatives.yaml", "[0].title")]
        return
    assert isinstance(result, dict), result
    page = body_html(result[FERRY])
    assert "<script" not in page
    assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", page)
    assert elements(page) == elements(plain_ferry_page), "data added or removed elements"
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert heading
    shown = [
        # Control characters, and the controls that reorder text, show as U+FFFD.
        re.sub(r"\s+", " ", re.sub(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{BIDI}]", "\ufffd", value))
        for value in (title, summary)
    ]
    assert visible_text(heading[1]) == shown[0].strip()
    assert shown[1].strip() in visible_text(page)


def test_data_is_never_evaluated_as_a_template(tmp_path: Path) -> None:
    paths = fresh_copy(tmp_path, "template")
    path = paths.data / "initiatives.yaml"
    text = path.read_text("utf-8").replace(
        "title: Joint ferry service across Lake Vell", 'title: "{{ 7 * 7 }} {% raw %}x"'
    )
    path.write_text(text, "utf-8")
    result = outcome(paths)
    assert isinstance(result, dict)
    page = markdown.markdown(result["initiatives/lake-ferry.md"], extensions=mkdocs_extensions())
    assert "{{ 7 * 7 }} {% raw %}x" in html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "49" not in page
