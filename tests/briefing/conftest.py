"""The embedded briefing's checks: every test in this folder reads this checkout's data/
(the first Central Asia + Japan summit), or the site built from it, and checks what that
briefing says, not what the tool does. The tool's tests, in the rest of tests/, use
fixture briefings of their own and pass with any valid briefing in data/.

Every test collected here is marked `embedded`: `pytest -m "not embedded"` runs the
tool's tests alone. When data/ holds another briefing (its event id is not the embedded
one's), these checks do not apply: they are deselected, and the run's header says so, so
`make test` passes with any valid briefing in data/. An analyst who keeps another
briefing there deletes this folder, or rewrites its tests for the new briefing.

The embedded briefing's site is built once per test session (`embedded_site`, from
tests/browser/conftest.py), for the whole-site checks and the browser checks alike; the
browser checks use the fixtures of tests/browser/conftest.py with `site_dir` (and so
`base_url`, `reader`, `dark_reader`) bound to that site, and the session's one Chromium
(`browser`, in tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.browser.conftest import base_url, dark_reader, embedded_site, reader
from tests.conftest import PROJECT

__all__ = ["base_url", "dark_reader", "embedded_site", "reader"]

HERE = Path(__file__).resolve().parent
EMBEDDED_EVENT = "first-central-asia-japan-summit"  # the id in this checkout's event.yaml


def data_event() -> str:
    """The id of the event whose briefing is in data/ ("" if none can be read)."""
    try:
        event = yaml.safe_load((PROJECT / "data" / "event.yaml").read_text("utf-8"))
    except (OSError, yaml.YAMLError):
        return ""
    return str(event.get("id", "")) if isinstance(event, dict) else ""


def pytest_report_header() -> str | None:
    found = data_event()
    if found == EMBEDDED_EVENT:
        return None
    return f"data/ holds another briefing ({found!r}): the embedded briefing's checks are left out"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test of this folder `embedded`, before -m selects on markers; leave
    them out when data/ is another briefing, which they say nothing about."""
    ours = [item for item in items if item.path.resolve().is_relative_to(HERE)]
    for item in ours:
        item.add_marker(pytest.mark.embedded)
    if ours and data_event() != EMBEDDED_EVENT:
        config.hook.pytest_deselected(items=ours)
        items[:] = [item for item in items if item not in ours]


@pytest.fixture(scope="session")
def site_dir(embedded_site: Path) -> Path:
    """The site the browser checks here read: the embedded briefing's."""
    return embedded_site
