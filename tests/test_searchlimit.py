"""A site whose search entry would stop Zensical does not publish, on any renderer."""

from __future__ import annotations

import json
from pathlib import Path

from builder.searchlimit import limit_for, oversized


def test_the_limit_halves_as_the_index_doubles() -> None:
    # Zensical 0.0.73's own figures: 64 KiB at 3,000 entities, 32 KiB for 20,340 items.
    assert limit_for(1) == limit_for(16_384) == 65_536
    assert limit_for(16_385) == limit_for(20_340) == 32_768
    assert limit_for(40_000) == 16_384


def site_with(tmp_path: Path, name: str, key: str, texts: list[str]) -> Path:
    index = tmp_path / name
    index.parent.mkdir(parents=True, exist_ok=True)
    entries = [{"location": f"page-{n}/", "text": text} for n, text in enumerate(texts)]
    index.write_text(json.dumps({key: entries}), "utf-8")
    return tmp_path


def test_an_entry_over_the_limit_is_named_in_either_renderers_index(tmp_path: Path) -> None:
    texts = ["short", "é" * 40_000]  # 80,000 bytes in UTF-8, though 40,000 characters
    mkdocs = site_with(tmp_path / "mkdocs", "search/search_index.json", "docs", texts)
    zensical = site_with(tmp_path / "zensical", "search.json", "items", texts)
    for site in (mkdocs, zensical):
        found = oversized(site)
        assert len(found) == 1
        assert found[0].startswith("search entry page-1/: 80,000 bytes of text, over the 65,536")


def test_entries_inside_the_limit_pass(tmp_path: Path) -> None:
    site = site_with(tmp_path, "search.json", "items", ["a" * 65_536, "b"])
    assert oversized(site) == []
    assert oversized(tmp_path / "no-index") == []
