"""The overridden templates are the installed theme's own with named edits
(builder/theme.py). When a pinned theme's template changes (an upgrade), this fails and
says which template to re-read, so an upgrade never silently drops an accessibility fix."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from builder.renderers import RENDERERS
from builder.theme import EDITS, Theme, ThemeDrift, drift, edited, edits_for, upstream_hash
from tests.conftest import RENDERERS as RENDERER_NAMES


def installed(renderer: str) -> Theme:
    try:
        return RENDERERS[renderer].theme()
    except FileNotFoundError as error:
        if renderer == "mkdocs" or os.environ.get("CI"):
            raise  # make test installs every renderer first: in CI, absent is a failure
        pytest.skip(str(error))  # make quick does not install them


@pytest.mark.parametrize("renderer", RENDERER_NAMES)
def test_every_edited_template_is_the_one_the_edits_were_checked_against(renderer: str) -> None:
    theme = installed(renderer)
    assert drift(theme) == []
    for template in edits_for(theme):
        made = edited(theme, template)  # every edit finds its text, as often as it expects
        assert f"from {theme.label}'s {template}" in made
        assert upstream_hash(theme, template) in made


def copy_of(theme: Theme, root: Path) -> Theme:
    """The theme with its edited templates copied under root, to change them there."""
    for template in edits_for(theme):
        (root / "templates" / template).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(theme.templates / template, root / "templates" / template)
    return Theme(theme.distribution, theme.version, root / "templates")


def test_a_changed_upstream_template_is_named(tmp_path: Path) -> None:
    theme = copy_of(installed("mkdocs"), tmp_path)
    toc = theme.templates / "partials" / "toc.html"
    toc.write_text(toc.read_text("utf-8") + "\n<!-- a new release -->\n", "utf-8")
    problems = drift(theme)
    assert len(problems) == 1
    assert problems[0].startswith(f"{theme.label}'s partials/toc.html is not the file")


def test_an_unrecorded_version_is_named() -> None:
    theme = installed("mkdocs")
    newer = Theme(theme.distribution, "99.0.0", theme.templates)
    assert len(drift(newer)) == 1
    assert drift(newer)[0].startswith(f"{theme.distribution} 99.0.0 is not in UPSTREAM")


def test_an_edit_that_no_longer_finds_its_text_stops_the_build(tmp_path: Path) -> None:
    theme = copy_of(installed("mkdocs"), tmp_path)
    search = theme.templates / "partials" / "search.html"
    search.write_text(search.read_text("utf-8").replace('role="dialog"', 'role="region"'), "utf-8")
    with pytest.raises(ThemeDrift, match=r"partials/search.html has 0 of the text"):
        edited(theme, "partials/search.html")


def test_every_edit_says_why() -> None:
    for template, edits in EDITS.items():
        for edit in edits:
            assert edit.why, template
            assert edit.old != edit.new, template
