"""The whole pipeline: load -> validate -> index -> render -> write.

Everything is read and rendered in memory before anything is written, so bad data or a
broken template never leaves a half-written docs folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.downloads import downloads
from builder.errors import DataError
from builder.index import Index
from builder.load import load
from builder.render import render
from builder.validate import Briefing, validate
from builder.write import WriteReport, write


@dataclass(frozen=True)
class Paths:
    data: Path
    docs: Path
    templates: Path

    @classmethod
    def at(cls, root: Path) -> Paths:
        return cls(root / "data", root / "docs", root / "templates")


def prepare(paths: Paths) -> tuple[Briefing, Index, dict[str, str]]:
    """Load, validate, index and render; raise DataError listing every problem."""
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
