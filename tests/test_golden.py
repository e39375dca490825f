"""Golden pages: generated Markdown of the tiny fixture, compared byte for byte.

Which pages are golden is derived, not listed: for every kind in ``builder.kinds.KINDS``
its listing page and, for a kind with pages of its own, the first of them (by title);
every other page the renderer makes (home, brief, coverage, matrix, data, reference…);
and the downloads, but for the JSON Schema files (tests/test_downloads.py compares those
with the published schema). A new kind therefore needs items in the tiny fixture
(tests/fixtures/tiny/data/) and its golden pages, or a test here fails.

The expected files in tests/golden/tiny/ were read by a person. After an intended change
to the templates, the rendering or the fixture, or after adding a kind, refresh them with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

(or ``UPDATE_GOLDEN=1 make pytest``), then read the diff (``git diff tests/golden``) and
every new file as a reader would, before committing them. A golden file no page needs
any more fails a test: delete it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder.downloads import FOLDER, downloads
from builder.index import Index
from builder.kinds import KINDS, PAGED, Kind
from builder.load import load
from builder.model import Strict
from builder.pipeline import Paths, prepare
from builder.render import jobs
from builder.validate import validate
from tests.conftest import PROJECT, TINY, Edit

GOLDEN = Path(__file__).parent / "golden" / "tiny"
# Golden besides the first page of their kind, for what the first one does not show: a
# source with a table, a skipped paragraph and overlapping quotes; a person with an
# alias that a source uses; an organisation with an acronym.
ALSO = [
    "sources/harbour-report.md",
    "people/ola-reed.md",
    "organisations/sudland-lake-institute.md",
]


def golden_pages() -> list[str]:
    """The pages compared with golden files, derived from the kinds table and the pages
    the renderer makes for the tiny fixture."""
    briefing = validate(load(TINY / "data"))
    index = Index(briefing)
    pages: list[str] = []
    for kind in KINDS:
        pages.append(kind.listing)
        if kind.paged and index.of(kind):
            pages.append(index.of(kind)[0].page)
    pages += ALSO
    entity_pages = {entity.page for kind in PAGED for entity in index.of(kind)}
    pages += [job.page for job in jobs(index, {}) if job.page not in entity_pages]
    pages += [name for name in downloads(briefing) if not name.startswith(f"{FOLDER}/schema/")]
    return list(dict.fromkeys(pages))


PAGES = golden_pages()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every page of the tiny fixture; preparing writes nothing, so its own data will do."""
    docs = tmp_path_factory.mktemp("docs")
    return prepare(Paths(TINY / "data", docs, PROJECT / "templates")).pages


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(rendered: dict[str, str], page: str) -> None:
    expected = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(rendered[page], "utf-8")
    assert rendered[page] == expected.read_text("utf-8")


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_the_fixture_has_items_of_every_kind(kind: Kind[Strict]) -> None:
    briefing = validate(load(TINY / "data"))
    found = Index(briefing).of(kind) if kind.has_ids else briefing.of(kind)
    assert found, f"add {kind.name} to tests/fixtures/tiny/data/, then refresh the golden pages"


def test_every_kind_has_golden_pages() -> None:
    for kind in KINDS:
        assert kind.listing in PAGES, kind.name
        own = [p for p in PAGES if p.startswith(f"{kind.name}/") and p != kind.listing]
        if kind.paged:
            assert own, f"no golden page of a {kind.singular}: the fixture has none"
        else:
            assert own == [], f"{kind.name} has no pages of its own, yet: {own}"


def test_golden_files_are_exactly_the_golden_pages() -> None:
    files = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert files == sorted(PAGES)


def test_pages_define_only_the_glossary_terms_they_use(tiny: Paths, edit: Edit) -> None:
    edit("initiatives.yaml", "summary: A ferry linking", "summary: An LF ferry linking")
    pages = prepare(tiny).pages
    assert pages["initiatives/lake-ferry.md"].endswith("\n*[LF]: Lakes Forum\n")
    assert "*[LF]" not in pages["initiatives/water-study.md"]
