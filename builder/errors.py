"""Problems found in the data, reported all at once with their place.

Every stage collects :class:`Problem` values instead of raising at the first one, so an
author sees every mistake of a data change in one run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        hint = f"\n    hint: {self.hint}" if self.hint else ""
        return f"{where}:{field} {self.message}{hint}"


class DataError(Exception):
    """Raised by a stage that found problems; carries all of them, sorted by place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} {noun} in the data; nothing was written.")
        return "\n".join(lines)


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as an author would type it: relative to the data root's parent when possible."""
    if root is not None:
        try:
            # The folder resolved, not the file: a link is named as written, not its target.
            where = path.parent.resolve() / path.name
            return where.relative_to(root.resolve().parent).as_posix()
        except ValueError:
            pass
    return path.as_posix()
