"""MkDocs hook: regenerate the pages before each build, so `mkdocs serve` follows edits.

A convenience only: `make site` runs the builder itself first, and the generated pages
are plain Markdown that any MkDocs-compatible tool can render without this hook.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent


def on_pre_build(config: Any, **_: Any) -> None:
    if os.environ.get("BRIEFING_PREBUILT") == "1":  # `make site` has just run the builder
        return
    # MkDocs loads hooks by file path, not as a package, and puts sys.path back as it was
    # once the file is loaded: the builder package is found from here on.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    # Imported here, not above: `make site` loads this hook only to skip it, and the
    # builder's imports (pydantic, the validators) would cost it a third of a second.
    from builder.errors import DataError
    from builder.pipeline import Paths, build

    root = Path(config.config_file_path).resolve().parent
    try:
        build(Paths(root / "data", Path(config.docs_dir), root / "templates"))
    except DataError as error:
        raise PluginError("briefing data has problems:\n" + error.report()) from None
