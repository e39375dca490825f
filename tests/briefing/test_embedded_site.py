"""The embedded briefing's content, not the tool: its whole site, built as `make site`
builds it, has every link resolving, the size this briefing has, and every one of its
quotes shown with a link to the paragraph that holds it.

These check the briefing in this checkout's data/ (the first Central Asia + Japan
summit); an analyst who replaces data/ deletes them or rewrites them for the new
briefing. The same properties of the tool are tested on fixture briefings in
tests/test_site.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.linkcheck import check_site
from builder.load import load
from builder.validate import validate
from tests.browser.conftest import build_site
from tests.conftest import PROJECT, RENDERERS
from tests.test_site import citations_on

pytestmark = pytest.mark.slow

# embedded_site: the site of data/, built once per session (tests/briefing/conftest.py).


def test_embedded_site_builds_strict_with_every_link_resolving(embedded_site: Path) -> None:
    report = check_site(embedded_site)
    assert report.broken == []
    assert report.pages > 100
    assert report.internal > 5000


def test_every_embedded_citation_lands_on_the_paragraph_it_quotes(embedded_site: Path) -> None:
    cited, problems = citations_on(embedded_site)
    assert problems == []
    assert cited == set(validate(load(PROJECT / "data")).locations)


@pytest.mark.parametrize("renderer", RENDERERS[1:])
def test_embedded_site_builds_on_every_renderer(renderer: str, tmp_path: Path) -> None:
    # The default renderer's site is embedded_site, checked above.
    site = build_site(tmp_path, PROJECT / "data", renderer)
    report = check_site(site)
    assert report.broken == []
    assert report.pages > 100
    cited, problems = citations_on(site)
    assert problems == []
    assert cited == set(validate(load(PROJECT / "data")).locations)
