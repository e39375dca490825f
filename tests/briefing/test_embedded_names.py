"""The embedded briefing's names stay in its data: nothing in the code or the templates
names the first Central Asia + Japan summit, its places or its people.

This checks the briefing in this checkout's data/; an analyst who replaces data/ deletes
it or rewrites it with the new briefing's names (tests/test_site.py checks the same for
the fixture briefings' names).
"""

from __future__ import annotations

import pytest

from tests.conftest import PROJECT

SUMMIT_WORDS = ["japan", "tokyo", "uzbek", "kazakh", "mirziyoyev", "central asia", "summit"]


@pytest.mark.parametrize("folder", ["builder", "templates"])
def test_nothing_about_this_summit_lives_in_code_or_templates(folder: str) -> None:
    for path in sorted((PROJECT / folder).rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2"):
            text = path.read_text().lower()
            found = [word for word in SUMMIT_WORDS if word in text]
            assert found == [], f"{path.relative_to(PROJECT)} mentions {found}"
