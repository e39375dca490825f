"""The preview's MkDocs site, kept in memory between edits, re-rendering only what changed.

``mkdocs serve`` rebuilds the whole site after every save (about 8 ms a page: 8 s at
1,000 entities), and ``--dirty`` skips pages whose own file did not change but leaves the
navigation titles and the search index wrong. Here the configuration, the theme's
environment, the files, the navigation and every page stay loaded in one process; an
update finds which docs files changed (by their size, modification time and inode: the
builder replaces a page by renaming a new file into place, and leaves unchanged pages
untouched), reads and renders those pages again with MkDocs' own functions, and writes
their HTML and the search index (kept per page and joined in MkDocs' order).

Anything an update cannot follow page by page makes it a full build into a new folder,
served only once it is complete: a changed configuration or theme override, a file added
or removed, a navigation title that changed (every page's sidebar shows it), a plugin
other than the search and the builder's hook (it may read across pages), or a failure of
the previous update. A full build follows ``mkdocs.commands.build.build`` step by step,
and a test compares the output of an update with MkDocs' own build of the same pages.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import (
    _build_extra_template,
    _build_theme_template,
    _populate_page,
    get_context,
)
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Link, Navigation, Section, get_navigation
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.preview")

# Plugins whose work is per page (or, for the search, kept per page here): any other may
# read across pages, and then only a full build is right.
KNOWN_PLUGINS = {"search", "material/search"}
Signature = tuple[int, int, int]  # size, modification time (ns), inode


@dataclass
class Update:
    """What one update did."""

    full: bool  # a full build into a new folder
    rendered: list[str] = field(default_factory=list)  # pages re-rendered (src URIs)
    copied: list[str] = field(default_factory=list)  # other files copied again
    reason: str = ""  # why a full build

    def summary(self) -> str:
        if self.full:
            return f"full build ({self.reason}): {len(self.rendered)} pages"
        if not self.rendered and not self.copied:
            return "nothing changed"
        return f"{_count(self.rendered, 'page')} re-rendered, {_count(self.copied, 'file')} copied"


class PreviewSite:
    """One briefing's site under ``mkdocs serve``'s conditions (drafts shown, ``site_url``
    the preview's address), built into folders under ``work``."""

    def __init__(self, config_file: Path, site_url: str, work: Path) -> None:
        self.config_file = config_file
        self.site_url = site_url
        self.work = work
        self.site_dir = ""  # the folder served; empty until a build succeeds
        self._retired = ""  # the folder served before the last full build
        self._needs_full = "first build"
        self._loaded: _Loaded | None = None
        self._seen: dict[str, Signature] = {}  # docs file -> its signature when last read
        self._inputs: dict[str, Signature] = {}  # configuration and theme files
        self._search: dict[str, list[dict[str, Any]]] = {}  # src URI -> its search entries
        self._from_memory: set[str] = set()  # pages shown from text not (yet) in the docs folder

    # -- the two kinds of build ------------------------------------------------------------

    def update(self) -> Update:
        """Bring the served site up to date with the docs folder; raise on a failure (the
        folder served is then as it was, and the next update is a full build)."""
        reason = self._needs_full or self._inputs_changed()
        if not reason:
            try:
                return self._incremental()
            except _FullBuildNeeded as needed:
                reason = str(needed)
            except Exception:
                self._needs_full = "the previous update failed"
                raise
        return self._full(reason)

    def _full(self, reason: str) -> Update:
        self._needs_full = reason
        site_dir = tempfile.mkdtemp(prefix="site-", dir=self.work)
        try:
            rendered = self._build_everything(site_dir)
        except BaseException:
            shutil.rmtree(site_dir, ignore_errors=True)
            raise
        # The folder served until now goes at the next full build, not now: the server
        # may be answering a request from it.
        if self._retired:
            shutil.rmtree(self._retired, ignore_errors=True)
        self._retired, self.site_dir = self.site_dir, site_dir
        self._needs_full = ""
        return Update(True, rendered, reason=reason)

    def _build_everything(self, site_dir: str) -> list[str]:
        """``mkdocs.commands.build.build`` for ``serve``, keeping what it gathers."""
        config = load_config(str(self.config_file), site_dir=site_dir)
        config.site_url = self.site_url
        seen = _scan(config.docs_dir)  # before reading: an edit made meanwhile is found next
        config.plugins.on_startup(command="serve", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        for file in _pages(files):
            if file.page is None and file.inclusion.is_not_in_nav():  # type: ignore[no-untyped-call]
                Page(None, file, config)
            _populate_page(_page(file), config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=InclusionLevel.is_in_serve)
        for template in config.theme.static_templates:
            _build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)
        loaded = self._loaded = _Loaded(config, files, nav, env)
        self._search = {}
        rendered = [file.src_uri for file in _pages(files)]
        _write(self._render(loaded, rendered))
        self._finish(loaded)
        self._seen = seen
        self._from_memory = set()
        self._inputs = self._input_signatures(loaded.config)
        return rendered

    def _incremental(self) -> Update:
        loaded = self._loaded
        if loaded is None:
            raise _FullBuildNeeded("nothing built yet")
        config, files = loaded.config, loaded.files
        if set(config.plugins) - KNOWN_PLUGINS - {_hook_name(config)}:
            raise _FullBuildNeeded("a plugin that may read across pages")
        now = _scan(config.docs_dir)
        if now.keys() != self._seen.keys():
            raise _FullBuildNeeded("files added or removed")
        by_uri = files.src_uris
        changed = [
            uri
            for uri, seen in now.items()
            if uri in by_uri and (self._seen[uri] != seen or uri in self._from_memory)
        ]
        update = Update(False)
        if not changed:
            return update
        before = _nav_signature(loaded.nav)
        pages = [uri for uri in changed if by_uri[uri].is_documentation_page()]
        for uri in pages:
            _populate_page(_page(by_uri[uri]), config, files)
        if _nav_signature(loaded.nav) != before:
            raise _FullBuildNeeded("a title in the navigation changed")
        # A new memo for the builder's shared sidebar, as every build starts with.
        loaded.env = config.plugins.on_env(loaded.env, config=config, files=files)
        _write(self._render(loaded, pages))
        for uri in changed:
            if not by_uri[uri].is_documentation_page():
                by_uri[uri].copy_file()
                update.copied.append(uri)
        self._finish(loaded)
        self._seen = now
        self._from_memory = set()
        update.rendered = pages
        return update

    def show_first(self, pages: dict[str, str]) -> list[str]:
        """Re-render pages from Markdown given here rather than read from the docs folder:
        the pages an edit is about, shown before the builder has rendered every page again
        and written them. Only pages outside the navigation (whose titles no other page
        shows), and not the search index: the update that follows redoes them all from
        the docs folder. Which pages it re-rendered (none when it cannot)."""
        loaded = self._loaded
        if loaded is None or self._needs_full:
            return []
        config, files = loaded.config, loaded.files
        by_uri = files.src_uris
        in_nav = {page.file.src_uri for page in loaded.nav.pages}
        if any(uri not in by_uri or uri in in_nav for uri in pages):
            return []
        try:
            for uri, text in pages.items():
                file = by_uri[uri]
                source = file.abs_src_path
                file.content_string = text  # forgets the file's path: put back below
                try:
                    _populate_page(_page(file), config, files)
                finally:
                    file._content = None  # MkDocs' setter takes text only
                    file.abs_src_path = source
            search = dict(self._search)
            _write(self._render(loaded, list(pages)))
            self._search = search  # the search index stays as the docs folder's pages make it
        except Exception:
            self._needs_full = "the previous update failed"
            raise
        self._from_memory |= set(pages)  # the next update renders them from the docs folder
        return list(pages)

    # -- pages -----------------------------------------------------------------------------

    def _render(self, loaded: _Loaded, uris: list[str]) -> dict[str, bytes]:
        """Each page's HTML, as ``_build_page`` makes it, and its search entries."""
        config, files, nav, env = loaded.config, loaded.files, loaded.nav, loaded.env
        search = _SearchIndex(config)
        doc_files = _pages(files)
        out: dict[str, bytes] = {}
        for uri in uris:
            page = _page(files.src_uris[uri])
            config._current_page = page
            try:
                page.active = True
                context = get_context(nav, doc_files, config, page)
                template = env.get_template(page.meta.get("template", "main.html"))
                with search.capture() as entries:
                    context = config.plugins.on_page_context(
                        context, page=page, config=config, nav=nav
                    )
                self._search[uri] = entries
                output = template.render(context)
                output = config.plugins.on_post_page(output, page=page, config=config)
            finally:
                page.active = False
                config._current_page = None
            if output.strip():
                out[page.file.abs_dest_path] = output.encode("utf-8", errors="xmlcharrefreplace")
            else:
                log.info(f"Page skipped: '{uri}'. Generated empty output.")
        return out

    def _finish(self, loaded: _Loaded) -> None:
        """The search index in MkDocs' page order, anchors checked, post-build events."""
        config, files = loaded.config, loaded.files
        order = [file.src_uri for file in _pages(files)]
        entries = [entry for uri in order for entry in self._search.get(uri, [])]
        _SearchIndex(config).install(entries)
        level = config.validation.links.anchors
        for file in _pages(files):
            _page(file).validate_anchor_links(files=files, log_level=level)
        config.plugins.on_post_build(config=config)

    # -- what a full build depends on besides the docs folder -------------------------------

    def _input_signatures(self, config: MkDocsConfig) -> dict[str, Signature]:
        """The configuration files (with those they inherit) and the theme's own folders."""
        paths = [Path(self.config_file)]
        inherited = _inherited(Path(self.config_file))
        paths += inherited
        for folder in config.theme.dirs:
            if config.theme.custom_dir and os.path.samefile(folder, config.theme.custom_dir):
                paths += [p for p in Path(folder).rglob("*") if p.is_file()]
        return {str(p): _signature(str(p)) for p in paths}

    def _inputs_changed(self) -> str:
        if self._loaded is None or self._input_signatures(self._loaded.config) != self._inputs:
            return "the site configuration or theme overrides changed"
        return ""

    def close(self) -> None:
        for folder in (self.site_dir, self._retired):
            if folder:
                shutil.rmtree(folder, ignore_errors=True)
        self.site_dir = self._retired = ""


class _FullBuildNeeded(Exception):
    pass


@dataclass
class _Loaded:
    """What a full build gathers, kept for the updates after it."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Any  # the theme's Jinja environment


def _page(file: File) -> Page:
    if file.page is None:
        raise RuntimeError(f"{file.src_uri}: a page MkDocs did not read")
    return file.page


def _write(outputs: dict[str, bytes]) -> None:
    """Only after every page rendered (a failing page leaves the others as they were),
    and each by a rename: the server may be serving the folder meanwhile."""
    for path, data in outputs.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = f"{path}.preview-tmp"
        with open(temporary, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)


class _SearchIndex:
    """The search plugin's index, one page's entries at a time. Material's plugin keeps
    them in ``search_index.entries``, MkDocs' own in ``search_index._entries``; each page
    is indexed in its ``page_context`` event, and the file written in ``post_build``."""

    def __init__(self, config: MkDocsConfig) -> None:
        plugins = config.plugins
        self.plugin: Any = plugins.get("material/search") or plugins.get("search")

    def _fresh(self) -> Any:
        return type(self.plugin.search_index)(**self.plugin.config)

    @staticmethod
    def _entries(index: Any) -> list[dict[str, Any]]:
        return index.entries if hasattr(index, "entries") else index._entries  # type: ignore[no-any-return]

    def capture(self) -> _Capture:
        return _Capture(self)

    def install(self, entries: list[dict[str, Any]]) -> None:
        if self.plugin is None or not hasattr(self.plugin, "search_index"):
            return
        index = self._fresh()
        self._entries(index)[:] = entries
        self.plugin.search_index = index


class _Capture:
    def __init__(self, search: _SearchIndex) -> None:
        self.search = search
        self.entries: list[dict[str, Any]] = []

    def __enter__(self) -> list[dict[str, Any]]:
        plugin = self.search.plugin
        if plugin is not None and hasattr(plugin, "search_index"):
            plugin.search_index = self.search._fresh()
        return self.entries

    def __exit__(self, *_: object) -> None:
        plugin = self.search.plugin
        if plugin is not None and hasattr(plugin, "search_index"):
            self.entries.extend(self.search._entries(plugin.search_index))


def _pages(files: Files) -> list[File]:
    return list(files.documentation_pages(inclusion=InclusionLevel.is_in_serve))


def _hook_name(config: MkDocsConfig) -> str:
    """The builder's hook, as MkDocs names a hook plugin (its path as written)."""
    names = [name for name in config.plugins if name.endswith("mkdocs_hook.py")]
    return names[0] if names else ""


def _scan(docs_dir: str) -> dict[str, Signature]:
    """Every file of the docs folder by its path there, as MkDocs names it, but for the
    hidden ones (which MkDocs leaves out: the builder's manifest, its temporary files)."""
    found: dict[str, Signature] = {}
    for folder, dirs, names in os.walk(docs_dir, followlinks=True):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        relative = os.path.relpath(folder, docs_dir)
        for name in names:
            if not name.startswith("."):
                uri = name if relative == "." else f"{relative}/{name}".replace(os.sep, "/")
                found[uri] = _signature(os.path.join(folder, name))
    return found


def _signature(path: str) -> Signature:
    try:
        info = os.stat(path)
    except OSError:
        return (-1, -1, -1)
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def _nav_signature(nav: Navigation) -> list[Any]:
    """Every title and address the navigation shows (every page's sidebar and footer)."""

    def walk(items: list[Any]) -> Iterator[Any]:
        for item in items:
            if isinstance(item, Section):
                yield ("section", item.title, list(walk(item.children)))
            elif isinstance(item, Link):
                yield ("link", item.title, item.url)
            else:
                yield ("page", item.title, item.url)

    return list(walk(nav.items))


def _inherited(config_file: Path) -> list[Path]:
    """The files a configuration inherits (``INHERIT:``), nearest first."""
    found: list[Path] = []
    current = config_file
    while True:
        inherit = ""
        for line in current.read_text("utf-8").splitlines():
            if line.startswith("INHERIT:"):
                inherit = line.split(":", 1)[1].strip().strip("'\"")
        if not inherit:
            return found
        current = (current.parent / inherit).resolve()
        if current in found:
            return found
        found.append(current)


def _count(items: list[str], noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"
