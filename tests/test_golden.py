"""Golden pages: generated Markdown of the tiny fixture, compared byte for byte.

The expected files in tests/golden/tiny/ were read by a person. After an intended change
to templates or rendering, refresh them with `UPDATE_GOLDEN=1 make pytest`, then read the
diff (`git diff tests/golden`) before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder.pipeline import Paths, prepare
from tests.conftest import Edit

GOLDEN = Path(__file__).parent / "golden" / "tiny"
PAGES = [
    "index.md",
    "initiatives/lake-ferry.md",
    "sources/harbour-report.md",
    "discrepancies.md",
    "people/ola-reed.md",
    "timeline.md",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(tiny: Paths, page: str) -> None:
    pages = prepare(tiny).pages
    expected = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(pages[page], "utf-8")
    assert pages[page] == expected.read_text("utf-8")


def test_pages_define_only_the_glossary_terms_they_use(tiny: Paths, edit: Edit) -> None:
    edit("initiatives.yaml", "summary: A ferry linking", "summary: An LF ferry linking")
    pages = prepare(tiny).pages
    assert pages["initiatives/lake-ferry.md"].endswith("\n*[LF]: Lakes Forum\n")
    assert "*[LF]" not in pages["initiatives/water-study.md"]
