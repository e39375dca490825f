"""Whether every entry of a built site's search index stays inside Zensical's limit.

Zensical stops a build when one search entry (the text of one page section) is longer
than it allows, and what it allows halves each time the index doubles: 64 KiB for up to
16,384 entries, 32 KiB up to 32,768 (a briefing of 5,000 entities has about 20,000). A
briefing must build on every renderer, so its site is checked against that limit
whichever renderer built it: MkDocs' index (``search/search_index.json``) splits pages
at the same headings as Zensical's (``search.json``). Long listings are cut into
sections for this (builder/sections.py).
"""

from __future__ import annotations

import json
from pathlib import Path

# The limit at up to 2**14 entries; halved for every doubling past that (Zensical 0.0.73:
# "maximum 32768 bytes for 20340 items").
_LIMIT_BITS = 30
_INDEXES = (("search/search_index.json", "docs"), ("search.json", "items"))


def limit_for(entries: int) -> int:
    """The most bytes one entry's text may have in an index of ``entries`` entries."""
    return 1 << (_LIMIT_BITS - max(14, (max(entries, 1) - 1).bit_length()))


def search_entries(site: Path) -> list[dict[str, object]]:
    """The entries of the site's search index, whichever renderer wrote it; [] if none."""
    for name, key in _INDEXES:
        path = site / name
        if path.is_file():
            entries: list[dict[str, object]] = json.loads(path.read_text("utf-8"))[key]
            return entries
    return []


def oversized(site: Path) -> list[str]:
    """Each search entry of ``site`` over the limit, described; [] when none is."""
    entries = search_entries(site)
    limit = limit_for(len(entries))
    found = []
    for entry in entries:
        size = len(str(entry.get("text", "")).encode("utf-8"))
        if size > limit:
            found.append(
                f"search entry {entry.get('location', '?')}: {size:,} bytes of text, over the "
                f"{limit:,} a search index of {len(entries):,} entries allows one (Zensical "
                "stops there): give the page's long list sections (builder/sections.py)"
            )
    return found
