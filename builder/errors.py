"""Problems found in the data, reported all at once with their place.

Every stage collects :class:`Problem` values instead of raising at the first one, so an
author sees every mistake of a data change in one run. The run is bounded all the same:
a stage stops checking a file after :data:`MAX_PROBLEMS` problems (and says where it
stopped), and a report prints the first :data:`MAX_SHOWN` problems by place, then how
many more there are.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

MAX_PROBLEMS = 1_000
MAX_SHOWN = 200
STOPPED = "stopped checking here"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def _known(self) -> int:
        return 0 if not self.line else 1 if not self.column else 2

    def __str__(self) -> str:
        # 0 for an unknown place: a template's frame knows its line only, a folder neither.
        where = self.file + "".join(f":{n}" for n in (self.line, self.column)[: self._known()])
        field = f" {self.field}:" if self.field else ""
        hint = f"\n    hint: {self.hint}" if self.hint else ""
        return f"{where}:{field} {self.message}{hint}"

    @property
    def stopped(self) -> bool:
        """Whether this says that checking stopped, so that later problems went unseen."""
        return self.message.startswith(STOPPED)


def enough(problems: list[Problem]) -> bool:
    """Whether a stage has collected as many problems as it should before stopping."""
    return len(problems) >= MAX_PROBLEMS


def stopped_at(file: str, line: int, column: int) -> Problem:
    """The problem that says checking stopped at this place."""
    return Problem(
        file,
        line,
        column,
        "",
        f"{STOPPED}, after {MAX_PROBLEMS:,} problems; the rest of this file was not checked",
        "fix the problems above and run again",
    )


def _place(problem: Problem) -> tuple[str, int, int, str, str, str]:
    # The dataclass order as a key: sorting by its generated __lt__ took 12 s for 10^6.
    p = problem
    return p.file, p.line, p.column, p.field, p.message, p.hint


class DataError(Exception):
    """Raised by a stage that found problems; carries all of them, sorted by place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=_place)
        super().__init__(f"{len(self.problems)} problems in the data")

    def __str__(self) -> str:
        return self.report()

    def report(self) -> str:
        """At most MAX_SHOWN problems, then how many more, and where checking stopped."""
        count = len(self.problems)
        shown = self.problems[:MAX_SHOWN]
        lines = [str(p) for p in shown]
        hidden = self.problems[MAX_SHOWN:]
        if hidden:
            noun = "problem" if len(hidden) == 1 else "problems"
            lines.append(f"… and {len(hidden):,} more {noun}")
            lines += [str(p) for p in hidden if p.stopped]
        noun = "problem" if count == 1 else "problems"
        more = ", and checking stopped early" if any(p.stopped for p in self.problems) else ""
        lines.append(f"{count:,} {noun}{more}; nothing was written.")
        return "\n".join(lines)


def display_path(path: Path) -> str:
    """A path as the user can open it from here, so that an editor's click-through finds
    the file: relative to the working folder when it is inside it, else as given. Links
    are named as written, not by their targets (nothing is resolved)."""
    here = Path.cwd()
    whole = path.absolute()
    return whole.relative_to(here).as_posix() if whole.is_relative_to(here) else path.as_posix()


def print_warnings(warnings: list[str]) -> None:
    """Warnings to stderr, up to as many as a report of errors shows: a briefing whose
    links are not yet grounded can have thousands, and the first ones say what to do."""
    for warning in warnings[:MAX_SHOWN]:
        print(f"warning: {warning}", file=sys.stderr)
    if len(warnings) > MAX_SHOWN:
        print(f"... and {len(warnings) - MAX_SHOWN:,} more warnings", file=sys.stderr)
