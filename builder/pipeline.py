"""The whole pipeline: load -> validate -> index -> render -> write.

Everything is read and rendered in memory before anything is written, so bad data or a
broken template never leaves a half-written docs folder.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from builder import escape
from builder import index as index_module
from builder.downloads import downloads
from builder.errors import DataError
from builder.index import Index
from builder.load import load
from builder.paths import Paths
from builder.render import render
from builder.validate import Briefing, validate
from builder.write import WriteReport, write

__all__ = ["Paths", "build", "prepare"]


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


def prepare(paths: Paths) -> tuple[Briefing, Index, dict[str, str]]:
    """Load, validate, index and render; raise DataError listing every problem."""
    with _collector_paused():
        return _prepare(paths)


def _forget_memos() -> None:
    """Each build starts with empty memo tables: a long `mkdocs serve` session would
    otherwise keep every title it ever escaped, and a benchmark's repeated builds would
    find the previous build's answers."""
    escape.clear_memo()
    index_module.clear_memos()


def _prepare(paths: Paths) -> tuple[Briefing, Index, dict[str, str]]:
    _forget_memos()
    raw, problems = load(paths.data)
    if problems:
        raise DataError(problems)
    briefing = validate(raw)
    index = Index(briefing)
    files = downloads(briefing)
    pages = render(index, paths.templates, files) | files
    return briefing, index, pages


def build(paths: Paths) -> WriteReport:
    _, _, pages = prepare(paths)
    return write(pages, paths.docs)
