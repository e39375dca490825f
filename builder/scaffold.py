"""`python -m builder new PATH`: a new briefing folder that builds straight away.

The folder is a copy of ``builder/starter/``: ``data/`` with an example event, one
example source and a file per collection (each with its ``$schema`` line, so an editor
completes fields while the analyst types), the JSON Schema files those lines name, and
``docs/`` with the hand-written method page. Nothing is overwritten: an existing path is
refused.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from builder.errors import DataError, Problem
from builder.kinds import YAML_KINDS
from builder.schema import write_schemas

STARTER = Path(__file__).resolve().parent / "starter"


def new_briefing(folder: Path) -> list[str]:
    """Create the briefing folder; return the files made, relative to it."""
    if folder.exists() or folder.is_symlink():
        raise DataError(
            [
                Problem(
                    folder.as_posix(),
                    0,
                    0,
                    "",
                    "already exists; a new briefing needs a folder of its own",
                    "choose a path that does not exist yet",
                )
            ]
        )
    shutil.copytree(STARTER, folder)
    write_schemas(folder / "data" / "schema", check=False)
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def missing_collections() -> list[str]:
    """Collections the starter has no file for (a test keeps this empty)."""
    return [k.data_file for k in YAML_KINDS if not (STARTER / "data" / k.data_file).is_file()]
