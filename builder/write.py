"""Stage 5, write: put the rendered pages on disk, touching nothing else.

A manifest in the docs folder records which files the builder owns. A file is only
written when its bytes change (so rebuilds keep modification times and diffs stay
meaningful); a file that exists is replaced atomically, so a reader never sees half of
it; owned files whose entity is gone are removed; a file the builder does not own is
never overwritten or deleted, and no write follows a link out of the docs folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

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


def _unsafe(name: str) -> bool:
    """Anything but a plain relative path of short names: no empty, '.' or '..' part
    (which also rules out a leading '/', '//' and a trailing '/'), no backslash."""
    parts = name.split("/")
    return "\\" in name or any(p in ("", ".", "..") or len(p) > MAX_NAME for p in parts)


def check_paths(
    pages: dict[str, str], docs: Path, owned: dict[str, str]
) -> tuple[list[Problem], set[str]]:
    """Every reason the pages cannot be written safely (empty when all is well), and which
    of the pages' files exist already.

    Each target is looked at once (``lstat``) and each folder resolved once; paths are
    plain strings: at thousands of pages, path objects cost more than the checks.
    """
    problems = []
    existing: set[str] = set()
    seen: dict[str, str] = {}
    root = os.path.realpath(docs)
    inside: dict[str, bool] = {}  # folder under docs/ -> whether it really is inside
    for name in sorted(pages):
        if _unsafe(name):
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
        folder = name.rpartition("/")[0]
        if folder not in inside:
            resolved = os.path.realpath(os.path.join(root, folder))
            inside[folder] = resolved == root or resolved.startswith(root + os.sep)
        if not inside[folder]:
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
            mode = os.lstat(os.path.join(root, name)).st_mode
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
    docs.mkdir(parents=True, exist_ok=True)
    root = os.path.realpath(docs)
    report = WriteReport()
    encoded = {name: pages[name].encode("utf-8") for name in sorted(pages)}
    digests = {name: _digest(data) for name, data in encoded.items()}
    changed: list[str] = []
    for name, data in encoded.items():
        if name in existing and _holds(os.path.join(root, name), data):
            report.unchanged.append(name)
        else:
            changed.append(name)
    # The manifest claims the new files before any is created: a build interrupted
    # half-way leaves only files the next build knows as its own, not files "in the way".
    if any(name not in owned for name in changed):
        _write_manifest(docs, owned | {name: digests[name] for name in changed})
    made: set[str] = set()
    for name in changed:
        target = os.path.join(root, name)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        if name in existing:
            _replace(target, encoded[name])
        else:
            _create(target, encoded[name])
        report.written.append(name)
    for name in sorted(set(owned) - set(pages)):
        target_path = docs / name
        if (
            target_path.is_file()
            and not target_path.is_symlink()
            and _digest(target_path.read_bytes()) == owned[name]
        ):
            target_path.unlink()
            report.removed.append(name)
            _prune_empty_dirs(target_path.parent, docs)
    if digests != owned:
        _write_manifest(docs, digests)
    return report


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _holds(path: str, data: bytes) -> bool:
    """Whether the regular file at ``path`` has exactly these bytes."""
    try:
        with open(path, "rb") as stream:
            return stream.read(len(data) + 1) == data
    except (IsADirectoryError, FileNotFoundError, NotADirectoryError):
        return False


def _write_manifest(docs: Path, digests: dict[str, str]) -> None:
    text = json.dumps({"files": digests}, indent=1, sort_keys=True) + "\n"
    _replace(os.path.join(docs, MANIFEST), text.encode())


def _create(target: str, data: bytes) -> None:
    """A file that did not exist: nothing can be reading it yet, so it is written in place
    (creating a file is most of the cost of writing a page; a temporary file doubles it).
    ``O_EXCL`` refuses to follow a link put there since the paths were checked."""
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        os.fchmod(stream.fileno(), 0o644)  # as a replaced file gets, whatever the umask


def _replace(target: str, data: bytes) -> None:
    """Write to a temporary file beside ``target``, then rename it into place: a reader
    (or a build interrupted half-way) never sees half a file. The folder must exist."""
    handle, temp = tempfile.mkstemp(
        dir=os.path.dirname(target), prefix=".tmp-", suffix=os.path.splitext(target)[1]
    )
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
