"""Where a build reads its data and templates and writes its pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Paths:
    data: Path
    docs: Path
    templates: Path
