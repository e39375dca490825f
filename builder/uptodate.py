"""Whether a published site is still what its inputs make, judged by content.

A publish records a digest of everything the site is made from: the briefing's data, its
hand-written pages, the templates, the builder's code, the theme overrides, the shared
site configuration, the locked dependencies, and the command and address it was built
with. The next publish computes the digest again; when it is the same and the site it
published is still there, there is nothing to do (`make site` then takes a fraction of a
second instead of running MkDocs). Modification times are not trusted: a checkout, a
copy or an editor's save can change them without changing a byte, or keep them while
changing the bytes.

Only the standard library is used here: the check runs before pydantic, Jinja and MkDocs
would load.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from builder.paths import PROJECT, Paths
from builder.write import MANIFEST, read_manifest

STAMP = "published.json"
# What the site's pages and its build depend on besides the briefing's own folders.
TOOL_INPUTS = ("builder", "overrides", "mkdocs.yml", "requirements")
_SKIPPED_NAMES = {"__pycache__", ".mypy_cache", ".ruff_cache"}


def inputs_digest(paths: Paths, command: list[str], project: Path = PROJECT) -> str:
    """One digest of every input of the site, and of how it is built."""
    digest = hashlib.sha256()
    digest.update(json.dumps([command, os.environ.get("SITE_URL", "")]).encode())
    # The pages the builder writes follow from the data and the code, hashed already.
    generated = {*read_manifest(paths.docs), MANIFEST}
    for label, root in _roots(paths, project):
        for name, path in _files(root):
            if label == "docs" and (name in generated or name.startswith(".builder-tmp-")):
                continue
            digest.update(f"\0{label}/{name}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _roots(paths: Paths, project: Path) -> list[tuple[str, Path]]:
    roots = [("data", paths.data), ("docs", paths.docs), ("templates", paths.templates)]
    return roots + [(name, project / name) for name in TOOL_INPUTS]


def _files(root: Path) -> Iterator[tuple[str, Path]]:
    """Every regular file under ``root`` (or ``root`` itself), by relative name, sorted."""
    if root.is_file():
        yield root.name, root
        return
    found: list[tuple[str, Path]] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d not in _SKIPPED_NAMES)
        for name in names:
            path = Path(folder) / name
            if path.is_file() and not name.endswith(".pyc"):
                found.append((path.relative_to(root).as_posix(), path))
    yield from sorted(found)


def stamp_path(paths: Paths) -> Path:
    return paths.config.with_name(STAMP)


def is_current(paths: Paths, site: Path, digest: str) -> bool:
    """Whether ``site`` still shows the version published from inputs with ``digest``."""
    try:
        stamp = json.loads(stamp_path(paths).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    shown = os.path.realpath(site)
    return (
        isinstance(stamp, dict)
        and stamp.get("inputs") == digest
        and stamp.get("site") == shown
        and os.path.isfile(os.path.join(shown, "index.html"))
    )


def record(paths: Paths, site: Path, digest: str) -> None:
    """Remember what ``site`` now shows, for the next publish."""
    from builder.write import write_file

    text = json.dumps({"inputs": digest, "site": os.path.realpath(site)}, indent=1) + "\n"
    write_file(stamp_path(paths), text)
