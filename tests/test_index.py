"""Relations and links derived by the index."""

from __future__ import annotations

import posixpath
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder.index import Index, relative
from builder.load import load
from builder.names import NameIndex
from builder.pictures import site_url, url_from
from builder.pipeline import Paths
from builder.validate import validate
from tests.conftest import Edit, problems_of


@pytest.mark.parametrize(
    ("target", "folder"),
    [
        ("a/b.md", "c"),
        ("a/b.md", "a"),
        ("x.md", ""),
        ("a/b/c.md", "a/d"),
        ("a.md", "a/b"),
        ("a/b.md", ""),
    ],
)
def test_relative_agrees_with_posixpath(target: str, folder: str) -> None:
    assert relative(target, folder) == posixpath.relpath(target, folder or ".")


def index_of(paths: Paths) -> Index:
    return Index(validate(load(paths.data)))


def test_relations_run_both_ways(tiny: Paths) -> None:
    index = index_of(tiny)
    ferry = index.related("lake-ferry")
    assert [e.id for e in ferry["countries"]] == ["nordmark", "sudland"]
    assert "lake-ferry" in [e.id for e in index.related("nordmark")["initiatives"]]
    assert "lake-ferry" in [e.id for e in index.related("ferry-status")["initiatives"]]
    assert index.flags_of("lake-ferry") == ["ferry-status"]


def test_support_counts_distinct_sources_and_flags_weak_ones(tiny: Paths) -> None:
    index = index_of(tiny)
    ferry, passengers = index.support("lake-ferry"), index.support("ferry-passengers")
    assert (ferry.count, ferry.total, ferry.weak) == (2, 2, False)
    assert [s.id for s in ferry.sources] == ["blog-post", "harbour-report"]
    assert (passengers.count, passengers.total, passengers.weak) == (1, 2, True), "only the blog"


def test_mentions_find_every_alias(tiny: Paths) -> None:
    index = index_of(tiny)
    found = {(m.source, m.paragraph, m.name) for m in index.mentions_of("ola-reed")}
    assert found == {("harbour-report", 3, "Ola Reed"), ("blog-post", 2, "Ola Rid")}


def test_mentions_leave_out_skipped_paragraphs(tiny: Paths, edit: Edit) -> None:
    """A menu that names a country ("More news from Nordmark") is no mention of it, as it
    is no gap in the coverage report; the same line unskipped is one."""
    edit("sources/harbour-report.md", "\nMore news", "\nMore news from Nordmark")
    menu = ("harbour-report", 6)
    skipped = {(m.source, m.paragraph) for m in index_of(tiny).mentions_of("nordmark")}
    assert menu not in skipped
    assert ("harbour-report", 1) in skipped
    edit(
        "sources/harbour-report.md",
        'skip:\n  - quote: "More news"\n    reason: navigation text\n',
        "",
    )
    assert menu in {(m.source, m.paragraph) for m in index_of(tiny).mentions_of("nordmark")}


def test_cited_by_links_each_paragraph_to_its_claims(tiny: Paths) -> None:
    index = index_of(tiny)
    assert {u.entity for u in index.cited_in("harbour-report", 3)} == {
        "lake-ferry",
        "water-study",
        "ola-reed",
        "ferry-status",
        "reed-spelling",
    }


@pytest.mark.parametrize(
    ("page", "url"),
    [
        ("index.md", ""),
        ("countries/index.md", "countries/"),
        ("countries/x.md", "countries/x/"),
        ("figures.md", "figures/"),
    ],
)
def test_site_urls_follow_directory_urls(page: str, url: str) -> None:
    assert site_url(page) == url


def test_raw_html_links_are_relative_site_urls(tiny: Paths) -> None:
    index = index_of(tiny)
    sudland = index.get("sudland")
    assert url_from("index.md", sudland) == "countries/sudland/"
    assert url_from("countries/nordmark.md", sudland) == "../sudland/"
    assert url_from("countries/sudland.md", sudland) == "./"


def test_chart_figures_must_share_a_unit(tiny: Paths, edit: Edit) -> None:
    edit("figures.yaml", "  unit: crowns\n", "  unit: crowns\n  chart: Ferry\n")
    edit(
        "figures.yaml",
        "  value_text: 900 passengers a day\n",
        "  value_text: 900 passengers a day\n  chart: Ferry\n",
    )
    assert [str(p) for p in problems_of(tiny)] == [
        "data/figures.yaml:12:3: [1].unit: chart 'Ferry' mixes units 'crowns' and None\n"
        "    hint: charts draw one unit; convert, or use another chart"
    ]


def naive_find(names: list[str], text: str) -> list[str]:
    """The specification: at each position, left to right, the longest name that stands
    there as whole words; found names do not overlap."""
    ordered = sorted(names, key=lambda n: (-len(n), n))
    found, position = [], 0
    while position < len(text):
        for name in ordered:
            end = position + len(name)
            if (
                text.startswith(name, position)
                and re.match(r"\w", name)
                and not (position > 0 and re.match(r"\w", text[position - 1]))
                and not (end < len(text) and re.match(r"\w", text[end]))
            ):
                found.append(name)
                position = end
                break
        else:
            position += 1
    return found


# A small alphabet, so that names often overlap, nest and share first words.
WORDS = st.sampled_from(["a", "b", "a-b", "ab", "ba"])


@settings(max_examples=1000, deadline=None)
@given(
    names=st.lists(st.lists(WORDS, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=6),
    text=st.lists(st.sampled_from(["a", "b", "ab", " ", " ", "-", "_", "é"]), max_size=20),
)
@example(names=["a b", "b"], text=["a", " ", "b"])  # overlapping: the longer name wins
@example(names=["b"], text=["a", "b", " ", "b", "_"])  # only whole words
def test_name_index_agrees_with_a_plain_scan(names: list[str], text: list[str]) -> None:
    joined = "".join(text)
    assert list(NameIndex(list(dict.fromkeys(names))).find(joined)) == naive_find(names, joined)


def naive_present(names: list[str], text: str) -> set[str]:
    """The specification: every name that occurs somewhere with no word character on
    either side."""
    return {
        name
        for name in names
        for start in range(len(text))
        if re.match(r"\w", name)
        and text.startswith(name, start)
        and not (start > 0 and re.match(r"\w", text[start - 1]))
        and not (start + len(name) < len(text) and re.match(r"\w", text[start + len(name)]))
    }


@settings(max_examples=1000, deadline=None)
@given(
    names=st.lists(st.lists(WORDS, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=6),
    text=st.lists(st.sampled_from(["a", "b", "ab", " ", " ", "-", "_", "é"]), max_size=20),
)
@example(names=["a b", "b"], text=["a", " ", "b"])  # inside a longer name: present too
@example(names=["b"], text=["a", "b", " ", "b", "_"])  # only whole words
def test_name_index_presence_agrees_with_a_plain_scan(names: list[str], text: list[str]) -> None:
    joined = "".join(text)
    names = list(dict.fromkeys(names))
    found = NameIndex(names).present(joined)
    assert found == naive_present(names, joined)
    assert found >= set(NameIndex(names).find(joined))
