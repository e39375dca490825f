"""The whole pipeline: load -> validate -> index -> render -> write.

Everything is read and rendered in memory before anything is written, so bad data or a
broken template never leaves a half-written docs folder.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from builder import escape
from builder import index as index_module
from builder.downloads import downloads
from builder.index import Index
from builder.kinds import PAGED
from builder.load import load
from builder.paths import Paths
from builder.pictures import map_warnings
from builder.render import render
from builder.siteconfig import write_site_config
from builder.validate import Briefing, validate
from builder.write import WriteReport, write

__all__ = [
    "Built",
    "Paths",
    "Prepared",
    "Superseded",
    "build",
    "changed_pages",
    "prepare",
    "prepare_changed",
]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A build allocates many objects and few reference cycles; the cyclic collector's
    repeated scans of the growing heap made time per page grow with the briefing's size."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class Prepared:
    """A briefing read, checked, indexed and rendered, not yet written."""

    briefing: Briefing
    index: Index
    pages: dict[str, str]  # path under docs/ -> text, downloads included
    warnings: list[str]  # what the build could not show; printed, not fatal


@dataclass(frozen=True)
class Built:
    prepared: Prepared
    report: WriteReport
    config: Path  # the briefing's site configuration, for `mkdocs build -f`


class Superseded(Exception):
    """A build given up because newer input is waiting (the preview's next edit)."""


Cancelled = Callable[[], bool]


def _never() -> bool:
    return False


def prepare(paths: Paths, cancelled: Cancelled = _never) -> Prepared:
    """Load, validate, index and render; raise DataError listing every problem, and
    Superseded when ``cancelled()`` says so between stages or pages."""
    with _collector_paused():
        return _prepare(paths, cancelled)


def _forget_memos() -> None:
    """Each build starts with empty memo tables: a long `mkdocs serve` session would
    otherwise keep every title it ever escaped, and a benchmark's repeated builds would
    find the previous build's answers."""
    escape.clear_memo()
    index_module.clear_memos()


def _prepare(paths: Paths, cancelled: Cancelled) -> Prepared:
    _forget_memos()
    loaded = load(paths.data)
    _check(cancelled)
    briefing = validate(loaded)
    _check(cancelled)
    index = Index(briefing)
    _check(cancelled)
    files = downloads(briefing)
    pages = render(index, paths.templates, files, stop=cancelled) | files
    _check(cancelled)
    warnings = [str(problem) for problem in briefing.warnings] + map_warnings(index)
    return Prepared(briefing, index, pages, warnings)


def _check(cancelled: Cancelled) -> None:
    if cancelled():
        raise Superseded


def build(paths: Paths, cancelled: Cancelled = _never) -> Built:
    """Prepare, write the pages, then the site configuration that names them."""
    prepared = prepare(paths, cancelled)
    report = write(prepared.pages, paths.docs, paths.data)
    write_site_config(prepared.briefing, paths)
    return Built(prepared, report, paths.config)


def changed_pages(before: Index, after: Index) -> set[str] | None:
    """The pages of the entities whose data differs between two builds; None when an
    entity was added or removed (pages come and go: only a whole build is right)."""
    pages: set[str] = set()
    for kind in PAGED:
        old = {entity.id: entity.item for entity in before.of(kind)}
        new = {entity.id: entity for entity in after.of(kind)}
        if old.keys() != new.keys():
            return None
        pages |= {entity.page for id_, entity in new.items() if entity.item != old[id_]}
    return pages


def prepare_changed(paths: Paths, before: Index) -> dict[str, str]:
    """Only the pages of the entities an edit changed, rendered from the new data: what
    the preview shows first, before every page is rendered again (``prepare``). Empty
    when no entity's own page changed or entities came or went; DataError as ``prepare``."""
    with _collector_paused():
        _forget_memos()
        briefing = validate(load(paths.data))
        index = Index(briefing)
        pages = changed_pages(before, index)
        if not pages:
            return {}
        return render(index, paths.templates, downloads(briefing), only=pages)
