"""The renderers that turn the generated Markdown into the site, and how each is driven.

MkDocs 1.6.1 (the default), ProperDocs (its maintained fork) and Zensical (the successor
of Material for MkDocs) all read an ``mkdocs.yml``, but not the same way:

- MkDocs and ProperDocs run the hook (builder/mkdocs_hook.py), take ``--site-dir`` and
  resolve paths against anything; their configuration lives in ``.briefing/``.
- Zensical runs no hooks (the builder has generated the pages before it starts; without
  the shared sidebar each page renders its own, byte for byte the same), has no
  ``--site-dir`` (the folder is written into the configuration), stops with a panic on
  an absolute ``docs_dir``, and refuses a docs or site folder outside the configuration
  file's own folder: its configuration is ``.briefing-zensical.yml`` beside ``docs/``.
  Its cache goes to ``.cache/`` there.

Each renderer other than MkDocs is installed in a venv of its own (``.venv-<name>``, made
by ``make``), so its theme is found there: the overridden templates are made from that
theme's own files (builder/theme.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.paths import CONFIG_FOLDER, PROJECT, Paths
from builder.theme import Theme, find_theme


@dataclass(frozen=True)
class Renderer:
    name: str
    theme_distribution: str
    theme_package: str
    runs_hooks: bool

    @property
    def venv(self) -> Path | None:
        """Where it is installed; None: in the builder's own environment."""
        return None if self.name == "mkdocs" else PROJECT / f".venv-{self.name}"

    def theme(self) -> Theme:
        return find_theme(self.theme_distribution, self.theme_package, self.site_packages())

    def site_packages(self) -> list[Path] | None:
        if self.venv is None:
            return None
        found = sorted(self.venv.glob("lib/python3*/site-packages"))
        if not found:
            raise FileNotFoundError(
                f"{self.name} is not installed: {self.venv} has no site-packages "
                f"(make site RENDERER={self.name} creates it)"
            )
        return found

    def config(self, paths: Paths) -> Path:
        """The briefing's configuration for this renderer."""
        if self.runs_hooks:
            return paths.docs.parent / CONFIG_FOLDER / f"{self.name}.yml"
        return paths.docs.parent / f"{CONFIG_FOLDER}-{self.name}.yml"

    def theme_folder(self, paths: Paths) -> Path:
        return paths.docs.parent / CONFIG_FOLDER / f"theme-{self.name}"

    def arguments(self, config: Path, site: Path) -> list[str]:
        """What the build command is given besides its own options."""
        if self.runs_hooks:
            return ["-f", str(config), "--site-dir", str(site)]
        return ["-f", str(config)]  # the site folder is in the configuration


RENDERERS = {
    renderer.name: renderer
    for renderer in (
        Renderer("mkdocs", "mkdocs-material", "material", runs_hooks=True),
        Renderer("properdocs", "mkdocs-material", "material", runs_hooks=True),
        Renderer("zensical", "zensical", "zensical", runs_hooks=False),
    )
}
DEFAULT = RENDERERS["mkdocs"]
