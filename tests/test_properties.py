"""Property tests: whatever the data, a build or clear errors; text shows as written."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.errors import DataError, Problem
from builder.pipeline import Paths, prepare
from tests.conftest import PROJECT, TINY
from tests.test_escape import mkdocs_extensions

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


TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip() != "")


@SETTINGS
@given(title=TEXT, summary=TEXT)
def test_any_text_shows_exactly_and_never_as_markup(
    tmp_path: Path, title: str, summary: str
) -> None:
    paths = fresh_copy(tmp_path, "text")
    path = paths.data / "initiatives.yaml"
    text = path.read_text("utf-8")
    text = text.replace(
        "title: Joint ferry service across Lake Vell", f"title: {json.dumps(title)}"
    )
    text = text.replace(
        "summary: A ferry linking the two shores, proposed by Nordmark and supported by Sudland.",
        f"summary: {json.dumps(summary)}",
    )
    path.write_text(text, "utf-8")
    result = outcome(paths)
    if isinstance(result, list):  # e.g. a control character YAML refuses: a clear problem
        assert all(p.file == "data/initiatives.yaml" for p in result)
        return
    page = markdown.markdown(result["initiatives/lake-ferry.md"], extensions=mkdocs_extensions())
    assert "<script" not in page
    assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", page)
    visible = html.unescape(re.sub(r"<[^>]+>", "", page))
    for value in (title, summary):
        shown = re.sub(r"\s+", " ", re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "\ufffd", value))
        assert shown.strip() in visible


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
