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
    _, _, pages = prepare(tiny)
    expected = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(pages[page], "utf-8")
    assert pages[page] == expected.read_text("utf-8")
