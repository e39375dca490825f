"""The embedded briefing's content, not the tool: the JSON Schema files published in its
data folder (data/schema/, for editors) are the ones its site offers as downloads.

This checks the briefing in this checkout's data/ (the first Central Asia + Japan
summit); an analyst who replaces data/ deletes it or rewrites it for the new briefing
(`make schema` writes the files, `make check` says when they are out of date). The
downloads themselves are tested on fixture briefings in tests/test_downloads.py.
"""

from __future__ import annotations

from pathlib import Path

from builder.pipeline import Paths, prepare
from tests.conftest import PROJECT

DATA = PROJECT / "data"


def test_the_published_schema_is_the_download(tmp_path: Path) -> None:
    pages = prepare(Paths(DATA, tmp_path / "docs", PROJECT / "templates")).pages
    published = sorted((DATA / "schema").glob("*.json"))
    assert published
    downloads = sorted(name for name in pages if name.startswith("downloads/schema/"))
    assert downloads == [f"downloads/schema/{path.name}" for path in published]
    for path in published:
        assert pages[f"downloads/schema/{path.name}"] == path.read_text("utf-8"), path.name
