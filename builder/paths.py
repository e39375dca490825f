"""Where a build reads its data and templates and writes its pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# This checkout: the builder's package, templates, theme overrides, shared site configuration.
PROJECT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    data: Path
    docs: Path
    templates: Path

    @property
    def config(self) -> Path:
        """The briefing's generated site configuration, beside its docs folder."""
        return self.docs.parent / CONFIG_FOLDER / "mkdocs.yml"


CONFIG_FOLDER = ".briefing"
