"""The theme templates the site overrides, made at build time from the installed theme.

Material for MkDocs and Zensical (its successor) ship templates that differ from each
other and from one release to the next, down to the hashed names of their stylesheets and
scripts. A copy of one release's template, kept in ``overrides/``, would load another
release's assets under names that do not exist (745 broken links on Zensical). So the
overridden templates are not copies: each is the installed theme's own file with a few
named edits (``EDITS``), written into the briefing's generated theme folder
(``.briefing/theme-<renderer>/``) together with what ``overrides/`` holds by hand
(``main.html``, which only extends blocks, and the stylesheet).

Every edit must find its text in the upstream template exactly as often as it expects,
or the build stops naming the template, the theme version and the edit: an upgrade
never silently drops an accessibility fix. ``UPSTREAM`` records the hash of each edited
template in each theme version the edits were checked against; a test
(tests/test_theme_drift.py) fails when the installed theme's file is not the one recorded.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import shutil
from dataclasses import dataclass
from pathlib import Path

from builder.paths import PROJECT
from builder.write import write_file

OVERRIDES = PROJECT / "overrides"


@dataclass(frozen=True)
class Theme:
    """An installed theme: its distribution, version and templates folder."""

    distribution: str
    version: str
    templates: Path

    @property
    def label(self) -> str:
        return f"{self.distribution} {self.version}"


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` by ``new`` in one template, ``count`` times; ``themes`` names the
    distributions whose template needs it (the other has it already, or differs)."""

    why: str
    old: str
    new: str
    count: int = 1
    themes: frozenset[str] = frozenset({"mkdocs-material", "zensical"})


class ThemeDrift(Exception):
    """An edit no longer finds its text in the installed theme's template."""


_MATERIAL = frozenset({"mkdocs-material"})

EDITS: dict[str, tuple[Edit, ...]] = {
    "base.html": (
        Edit(
            "the drawer toggle loses autocomplete, which HTML allows only on text-like inputs",
            'id="__drawer" autocomplete="off">',
            'id="__drawer">',
        ),
        Edit(
            "the search toggle loses it too; the script after them does its job (Firefox "
            "would restore a ticked toggle on reload)",
            'id="__search" autocomplete="off">',
            'id="__search">\n    <script>document.getElementById("__drawer").checked = '
            'document.getElementById("__search").checked = false</script>',
        ),
        Edit(
            "the navigation sidebar goes through shared_sidebar (builder/mkdocs_hook.py), "
            "rendered once for all the pages outside the navigation in one folder, where the "
            "renderer runs the hook",
            '{% include "partials/nav.html" %}',
            "{% if shared_sidebar is defined %}"
            '{% call shared_sidebar(page, nav) %}{% include "partials/nav.html" %}{% endcall %}'
            '{% else %}{% include "partials/nav.html" %}{% endif %}',
        ),
    ),
    "partials/nav-item.html": (
        Edit(
            'tabindex is left out instead of written empty (tabindex="" is not valid HTML)',
            'tabindex="{{ tabindex }}"',
            '{% if tabindex %}tabindex="{{ tabindex }}"{% endif %}',
            count=2,
        ),
        Edit(
            "a section whose only child is its index page gives that page's link the id its "
            "<nav aria-labelledby> points to (axe: landmark-unique)",
            '<a href="{{ index.url | url }}" class="md-nav__link {{ class }}">',
            '<a href="{{ index.url | url }}" class="md-nav__link {{ class }}"'
            '{% if nav_item.children | length <= 1 %} id="{{ path }}_label"{% endif %}>',
            themes=_MATERIAL,
        ),
    ),
    "partials/search.html": (
        Edit(
            "the search dialog has a name (axe: aria-dialog-name)",
            'data-md-component="search" role="dialog">',
            'data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
            themes=_MATERIAL,
        ),
    ),
    "partials/toc.html": (
        Edit(
            "the title's label points at the __toc toggle only where one exists (pages in the "
            "navigation): a label for a missing control is not valid HTML",
            '<label class="md-nav__title" for="__toc">',
            '<label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>',
            themes=_MATERIAL,
        ),
    ),
}

# sha256 of each edited upstream template, per theme version the edits were checked
# against. After an upgrade: read the theme's new template, check each edit still does
# what its `why` says, then record the new hash here.
UPSTREAM: dict[str, dict[str, str]] = {
    "mkdocs-material 9.8.2": {
        "base.html": "a919e32d2225e09ecbdeb8076ca6ce9ca0836329760bf7871a04172569b77842",
        "partials/nav-item.html": (
            "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7"
        ),
        "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
        "partials/toc.html": "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
    },
    "zensical 0.0.73": {
        "base.html": "36503b17ee88e8f11a76fd42004d3a5c29684f7e24210931a4097394010e3cb7",
        "partials/nav-item.html": (
            "91272c069bf5d365d37bd8c1b766315353fd2602ffb79c634370d0bd3b9c5037"
        ),
    },
}


def find_theme(distribution: str, package: str, site_packages: list[Path] | None) -> Theme:
    """The theme ``distribution`` (templates in ``package/templates``) as installed in
    ``site_packages`` (default: this interpreter's path)."""
    if site_packages is None:
        found = list(importlib.metadata.distributions(name=distribution))
    else:
        search = [str(path) for path in site_packages]
        found = list(importlib.metadata.distributions(name=distribution, path=search))
    if not found:
        where = ", ".join(map(str, site_packages)) if site_packages else "this Python"
        raise FileNotFoundError(f"the theme {distribution} is not installed in {where}")
    dist = found[0]
    templates = Path(str(dist.locate_file(package))) / "templates"
    if not (templates / "base.html").is_file():
        raise FileNotFoundError(f"{distribution} {dist.version} has no {templates}/base.html")
    return Theme(distribution, dist.version, templates)


def upstream_hash(theme: Theme, template: str) -> str:
    return hashlib.sha256((theme.templates / template).read_bytes()).hexdigest()


def edits_for(theme: Theme) -> dict[str, tuple[Edit, ...]]:
    """The templates this theme needs edited, each with its edits."""
    wanted = {
        template: tuple(edit for edit in edits if theme.distribution in edit.themes)
        for template, edits in EDITS.items()
    }
    return {template: edits for template, edits in wanted.items() if edits}


def edited(theme: Theme, template: str) -> str:
    """The theme's ``template`` with its edits, under a header saying where it came from."""
    text = (theme.templates / template).read_text("utf-8")
    applied: list[str] = []
    for edit in edits_for(theme)[template]:
        found = text.count(edit.old)
        if found != edit.count:
            raise ThemeDrift(
                f"{theme.label}'s {template} has {found} of the text {edit.old!r}, not "
                f"{edit.count}: the edit '{edit.why}' no longer applies. Read the new "
                f"template and update EDITS in builder/theme.py."
            )
        text = text.replace(edit.old, edit.new)
        applied.append(f"  - {edit.why}")
    header = [
        "{#-",
        f"  Made by builder/theme.py from {theme.label}'s {template}",
        f"  (sha256 {upstream_hash(theme, template)}), with these edits:",
        *applied,
        "-#}",
    ]
    return "\n".join(header) + "\n" + text


def write_theme(theme: Theme, folder: Path) -> Path:
    """The custom theme folder of one build: ``overrides/`` and the edited templates."""
    wanted: dict[str, str | Path] = {
        path.relative_to(OVERRIDES).as_posix(): path
        for path in sorted(OVERRIDES.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
    for template in edits_for(theme):
        wanted[template] = edited(theme, template)
    for name, content in wanted.items():
        target = folder / name
        if isinstance(content, Path):
            data = content.read_bytes()
            if not target.is_file() or target.read_bytes() != data:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(content, target)
        else:
            write_file(target, content)
    for path in sorted(folder.rglob("*"), reverse=True):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return folder


def drift(theme: Theme) -> list[str]:
    """Why the edits were not checked against this theme's templates, one line each;
    [] when every edited template is byte for byte the one recorded in ``UPSTREAM``."""
    recorded = UPSTREAM.get(theme.label)
    if recorded is None:
        return [
            f"{theme.label} is not in UPSTREAM (builder/theme.py): the edits were checked "
            f"against {', '.join(UPSTREAM)}. Diff its templates against those, check every "
            "edit still does what it says, then record the new hashes."
        ]
    problems = []
    for template in edits_for(theme):
        found = upstream_hash(theme, template)
        if recorded.get(template) != found:
            problems.append(
                f"{theme.label}'s {template} is not the file the edits were checked against "
                f"(sha256 {found}, recorded {recorded.get(template) or 'nothing'}): read it, "
                "check its edits in builder/theme.py, then record the new hash in UPSTREAM"
            )
    return problems
