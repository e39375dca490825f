"""The embedded briefing's checks: every test in this folder reads this checkout's data/
(the first Central Asia + Japan summit), or the site built from it, and checks what that
briefing says, not what the tool does. The tool's tests, in the rest of tests/, use
fixture briefings of their own and pass with any valid briefing in data/.

Every test collected here is marked `embedded`: `pytest -m "not embedded"` runs the
tool's tests alone. An analyst who replaces data/ with another briefing deletes this
folder, or rewrites its tests for the new briefing.

The embedded briefing's site is built once per test session (`embedded_site`, from
tests/browser/conftest.py), for the whole-site checks and the browser checks alike; the
browser checks use the fixtures of tests/browser/conftest.py with `site_dir` (and so
`base_url`, `reader`, `dark_reader`) bound to that site, and the session's one Chromium
(`browser`, in tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import base_url, dark_reader, embedded_site, reader

__all__ = ["base_url", "dark_reader", "embedded_site", "reader"]

HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder `embedded`, before -m selects on markers."""
    for item in items:
        if item.path.resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.embedded)


@pytest.fixture(scope="session")
def site_dir(embedded_site: Path) -> Path:
    """The site the browser checks here read: the embedded briefing's."""
    return embedded_site
