"""The preview's incremental site (builder/preview_site.py) gives, after an edit, exactly the
site that MkDocs' own build makes from scratch of the same pages, byte for byte.

What MkDocs itself varies from build to build is the build date (in the sitemap and in
the sitemap's gzip header): both builds are given one with SOURCE_DATE_EPOCH, and then
nothing else needs normalising. Both builds are of `serve`'s kind (drafts shown) at the
same address.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from builder.index import Index
from builder.load import load
from builder.paths import PROJECT, Paths
from builder.pipeline import build, prepare_changed
from builder.preview_site import PreviewSite, Update
from builder.validate import validate
from tests.conftest import TINY

pytestmark = pytest.mark.slow
URL = "http://127.0.0.1:8000/"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    monkeypatch.setenv("BRIEFING_PREBUILT", "1")  # the pages are the builder's, built here
    shutil.copytree(TINY / "data", tmp_path / "data")
    shutil.copytree(PROJECT / "templates", tmp_path / "templates")
    (tmp_path / "docs").mkdir()
    shutil.copy(PROJECT / "docs" / "method.md", tmp_path / "docs" / "method.md")
    paths = Paths(tmp_path / "data", tmp_path / "docs", tmp_path / "templates")
    build(paths)
    return paths


def from_scratch(paths: Paths, site_dir: Path) -> None:
    config = load_config(str(paths.config), site_dir=str(site_dir))
    config.site_url = URL
    mkdocs_build(config, serve_url=URL)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def assert_same_sites(preview: Path, scratch: Path) -> None:
    ours, theirs = tree(preview), tree(scratch)
    assert sorted(ours) == sorted(theirs)
    differing = [name for name in ours if ours[name] != theirs[name]]
    assert differing == []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new), "utf-8")


def edit_and_update(paths: Paths, site: PreviewSite, name: str, old: str, new: str) -> Update:
    edit(paths.data / name if name.endswith(".yaml") else paths.templates / name, old, new)
    build(paths)
    return site.update()


def test_an_edited_summary_re_renders_only_the_pages_that_show_it(
    project: Paths, tmp_path: Path
) -> None:
    site = PreviewSite(project.config, URL, tmp_path)
    assert site.update().full
    served = Path(site.site_dir)
    untouched = served / "glossary" / "index.html"
    before = untouched.stat()
    update = edit_and_update(
        project, site, "initiatives.yaml", "A ferry linking the two shores", "A new ferry"
    )
    assert not update.full
    assert "initiatives/lake-ferry.md" in update.rendered
    assert "glossary.md" not in update.rendered
    assert len(update.rendered) < 10, update.rendered
    assert untouched.stat().st_ino == before.st_ino
    assert untouched.stat().st_mtime_ns == before.st_mtime_ns
    assert "A new ferry" in (served / "initiatives" / "lake-ferry" / "index.html").read_text()
    assert "A new ferry" in (served / "search" / "search_index.json").read_text()
    from_scratch(project, tmp_path / "scratch")
    assert_same_sites(served, tmp_path / "scratch")


def test_an_edited_title_updates_every_page_that_shows_it(project: Paths, tmp_path: Path) -> None:
    site = PreviewSite(project.config, URL, tmp_path)
    site.update()
    old, new = "Joint ferry service across Lake Vell", "Shared ferry line on Lake Vell"
    update = edit_and_update(project, site, "initiatives.yaml", old, new)
    assert not update.full
    assert len(update.rendered) > 3, "its page, its countries', its sector's, the listings"
    served = Path(site.site_dir)
    showing = [n for n, data in tree(served).items() if new.encode() in data]
    assert "countries/nordmark/index.html" in showing
    assert "search/search_index.json" in showing
    assert not [n for n, data in tree(served).items() if old.encode() in data]
    from_scratch(project, tmp_path / "scratch")
    assert_same_sites(served, tmp_path / "scratch")


def test_a_title_in_the_navigation_makes_a_full_build(project: Paths, tmp_path: Path) -> None:
    site = PreviewSite(project.config, URL, tmp_path)
    site.update()
    first = site.site_dir
    # The collection listings' titles (in the navigation, under each section) come from
    # their front matter.
    old, new = "{% with title = name,", '{% with title = name ~ " listed",'
    update = edit_and_update(project, site, "_collection.md.j2", old, new)
    assert update.full
    assert "navigation" in update.reason
    assert site.site_dir != first
    served = Path(site.site_dir)
    # The footer of the listing before and after it in the navigation names it.
    assert b"Initiatives listed" in (served / "sectors" / "index.html").read_bytes()
    from_scratch(project, tmp_path / "scratch")
    assert_same_sites(served, tmp_path / "scratch")


def test_a_renamed_event_rebuilds_with_the_new_configuration(
    project: Paths, tmp_path: Path
) -> None:
    site = PreviewSite(project.config, URL, tmp_path)
    site.update()
    short = next(
        line.split(":", 1)[1].strip()
        for line in (project.data / "event.yaml").read_text().splitlines()
        if line.startswith("short_name:")
    )
    update = edit_and_update(
        project, site, "event.yaml", f"short_name: {short}", "short_name: Vell"
    )
    assert update.full
    assert "configuration" in update.reason
    assert b"Vell briefing" in (Path(site.site_dir) / "index.html").read_bytes()
    from_scratch(project, tmp_path / "scratch")
    assert_same_sites(Path(site.site_dir), tmp_path / "scratch")


def test_a_failed_update_keeps_the_site_and_the_next_one_is_full(
    project: Paths, tmp_path: Path
) -> None:
    site = PreviewSite(project.config, URL, tmp_path)
    site.update()
    served = site.site_dir
    page = project.docs / "method.md"
    page.write_bytes(b"\xff\xfe not UTF-8")
    with pytest.raises(UnicodeDecodeError):
        site.update()
    assert site.site_dir == served
    assert (Path(served) / "index.html").is_file()
    shutil.copy(PROJECT / "docs" / "method.md", page)
    update = site.update()
    assert update.full
    assert "failed" in update.reason


def test_pages_shown_first_from_memory_end_as_a_build_from_scratch(
    project: Paths, tmp_path: Path
) -> None:
    site = PreviewSite(project.config, URL, tmp_path)
    site.update()
    before = Index(validate(load(project.data)))
    edit(project.data / "initiatives.yaml", "A ferry linking the two shores", "A faster ferry")
    pages = prepare_changed(project, before)
    assert list(pages) == ["initiatives/lake-ferry.md"]
    assert site.show_first(pages) == ["initiatives/lake-ferry.md"]
    served = Path(site.site_dir)
    assert "A faster ferry" in (served / "initiatives" / "lake-ferry" / "index.html").read_text()
    assert "A faster ferry" not in (project.docs / "initiatives" / "lake-ferry.md").read_text()
    build(project)
    update = site.update()
    assert not update.full
    assert "initiatives/lake-ferry.md" in update.rendered
    from_scratch(project, tmp_path / "scratch")
    assert_same_sites(served, tmp_path / "scratch")


def test_nothing_is_shown_first_when_entities_come_or_go(project: Paths) -> None:
    before = Index(validate(load(project.data)))
    edit(project.data / "initiatives.yaml", "- id: water-study", "- id: water-survey")
    assert prepare_changed(project, before) == {}
