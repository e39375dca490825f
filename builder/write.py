"""Stage 5, write: put the rendered pages on disk, touching nothing else.

A manifest in the docs folder records which files the builder owns. A file is only
written when its bytes change (so rebuilds keep modification times and diffs stay
meaningful), always atomically; owned files whose entity is gone are removed; a file the
builder does not own is never overwritten or deleted, and no write follows a link out of
the docs folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from builder.errors import DataError, Problem

MANIFEST = ".builder-manifest.json"
MAX_NAME = 120


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts = (len(self.written), len(self.unchanged), len(self.removed))
        return "{} written, {} unchanged, {} removed".format(*counts)


def read_manifest(docs: Path) -> dict[str, str]:
    path = docs / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
        return {str(k): str(v) for k, v in data.get("files", {}).items()}
    except (ValueError, AttributeError):
        return {}


def check_paths(
    pages: dict[str, str], docs: Path, owned: dict[str, str]
) -> tuple[list[Problem], set[str]]:
    """Every reason the pages cannot be written safely (empty when all is well), and which
    of the pages' files exist already.

    Each target is looked at once (``lstat``) and each folder resolved once: a build of
    thousands of pages would otherwise spend much of its writing time in these checks.
    """
    problems = []
    existing: set[str] = set()
    seen: dict[str, str] = {}
    root = docs.resolve()
    folders: dict[str, Path] = {}  # folder under docs/ -> where it really is
    for name in sorted(pages):
        pure = PurePosixPath(name)
        bad = (
            pure.is_absolute()
            or ".." in pure.parts
            or "\\" in name
            or any(len(part) > MAX_NAME for part in pure.parts)
            or name != pure.as_posix()
        )
        if bad:
            problems.append(
                Problem(name, 1, 1, "", "unsafe output path", "ids must be plain slugs")
            )
            continue
        key = unicodedata.normalize("NFKC", name).casefold()
        if key in seen:
            problems.append(
                Problem(
                    name,
                    1,
                    1,
                    "",
                    f"two pages map to one file: {seen[key]!r} and {name!r}",
                )
            )
        seen[key] = name
        folder = str(pure.parent)
        if folder not in folders:
            folders[folder] = (docs / folder).resolve()
        resolved = folders[folder]
        if root != resolved and root not in resolved.parents:
            problems.append(
                Problem(
                    name,
                    1,
                    1,
                    "",
                    "output path leads outside the docs folder via a link",
                )
            )
            continue
        try:
            mode = os.lstat(docs / name).st_mode
        except FileNotFoundError:
            continue
        except NotADirectoryError:  # a file stands where a folder should be
            mode = 0
        existing.add(name)
        if stat.S_ISLNK(mode):
            problems.append(
                Problem(
                    name,
                    1,
                    1,
                    "",
                    "output path is a symbolic link; refusing to follow it",
                )
            )
        elif name not in owned:
            problems.append(
                Problem(
                    (docs / name).as_posix(),
                    1,
                    1,
                    "",
                    "a hand-written file is in the way of a generated page",
                    "move the file, or rename the entity that generates it",
                )
            )
    return problems, existing


def write(pages: dict[str, str], docs: Path) -> WriteReport:
    owned = read_manifest(docs)
    problems, existing = check_paths(pages, docs, owned)
    if problems:
        raise DataError(problems)
    report = WriteReport()
    digests: dict[str, str] = {}
    made: set[Path] = set()
    for name in sorted(pages):
        data = pages[name].encode("utf-8")
        digests[name] = _digest(data)
        target = docs / name
        if name in existing and target.is_file() and target.read_bytes() == data:
            report.unchanged.append(name)
            continue
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        _atomic_write(target, data)
        report.written.append(name)
    for name in sorted(set(owned) - set(pages)):
        target = docs / name
        if (
            target.is_file()
            and not target.is_symlink()
            and _digest(target.read_bytes()) == owned[name]
        ):
            target.unlink()
            report.removed.append(name)
            _prune_empty_dirs(target.parent, docs)
    manifest = {"files": digests}
    docs.mkdir(parents=True, exist_ok=True)
    _atomic_write(
        docs / MANIFEST,
        (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode(),
    )
    return report


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _atomic_write(target: Path, data: bytes) -> None:
    """Write to a temporary file beside ``target``, then rename it into place: a reader
    (or a build interrupted half-way) never sees half a file. The folder must exist."""
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            os.fchmod(stream.fileno(), 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _prune_empty_dirs(folder: Path, docs: Path) -> None:
    while folder != docs and docs in folder.parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def clean(docs: Path) -> list[str]:
    """Remove every generated page: exactly what :func:`write` with no pages would."""
    return write({}, docs).removed
