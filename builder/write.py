"""Stage 5, write: put the rendered pages on disk, touching nothing else.

A manifest in the docs folder records which files the builder owns. A file is only
written when its bytes change (so rebuilds keep modification times and diffs stay
meaningful); every file, new or replaced, is written to a temporary file in its folder
and renamed into place, so a reader (or a build killed half-way, or a full disk) never
leaves half a page; owned files whose entity is gone are removed; a file the builder does
not own is never overwritten or deleted, and no write follows a link out of the docs
folder.

Interrupted at any point, the next build finishes the work exactly: before the first
change, the manifest lists every file the build may leave behind, with both its old and
its new digest (``pending``); temporary files have names no page can have, and the next
build removes those it finds in the folders it writes. One build at a time writes a docs
folder: the others stop with a message naming the process that holds its lock (a file
beside the folder, ``.docs.builder-lock`` for ``docs/``).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from builder.errors import DataError, Problem
from builder.lock import locked

MANIFEST = ".builder-manifest.json"
LOCK_SUFFIX = ".builder-lock"
TEMP_PREFIX = ".builder-tmp-"
MAX_NAME = 120
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"[0-9a-f]{16}")

Owned = dict[str, frozenset[str]]  # path under docs/ -> the digests its bytes may have


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts = (len(self.written), len(self.unchanged), len(self.removed))
        return "{} written, {} unchanged, {} removed".format(*counts)


class WriteError(OSError):
    """A file could not be written or removed; names the page, not a temporary file."""

    def __init__(self, error: OSError, action: str, page: str) -> None:
        code = error.errno or 0
        super().__init__(code, error.strerror or os.strerror(code), page)
        self.action = action

    def __str__(self) -> str:
        return f"cannot {self.action} {self.filename}: {self.strerror}"


def _read(docs: Path) -> tuple[dict[str, str], dict[str, str], str]:
    """The manifest's files and pending digests, and its text ("" when there is none)."""
    path = docs / MANIFEST
    try:
        text = path.read_text("utf-8")
        data = json.loads(text)
        files = {str(k): str(v) for k, v in data.get("files", {}).items()}
        pending = {str(k): str(v) for k, v in data.get("pending", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}, {}, ""
    return files, pending, text


def made_from(docs: Path) -> str:
    """The data folder the docs folder's pages were generated from ("" when unknown)."""
    try:
        data = json.loads((docs / MANIFEST).read_text("utf-8"))
        return str(data.get("data", ""))
    except (OSError, ValueError, AttributeError):
        return ""


def read_manifest(docs: Path) -> Owned:
    """Every file the builder owns in ``docs``, with the digests its content may have."""
    files, pending, _ = _read(docs)
    owned = {name: frozenset([digest]) for name, digest in files.items()}
    for name, digest in pending.items():
        owned[name] = owned.get(name, frozenset()) | {digest}
    return owned


def _unsafe(name: str) -> bool:
    """Anything but a plain relative path of short names: no empty, '.' or '..' part
    (which also rules out a leading '/', '//' and a trailing '/'), no backslash, and no
    name a temporary file could have."""
    parts = name.split("/")
    return "\\" in name or any(
        p in ("", ".", "..") or len(p) > MAX_NAME or p.startswith(TEMP_PREFIX) for p in parts
    )


def check_paths(
    pages: dict[str, str], docs: Path, owned: Owned | dict[str, str]
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


def lock_path(docs: Path) -> Path:
    """The lock file of a docs folder: beside it, not in it, so that taking the lock
    changes nothing in the folder (`mkdocs serve` rebuilds on any change there)."""
    real = Path(os.path.realpath(docs))
    return real.parent / f".{real.name}{LOCK_SUFFIX}"


def write(pages: dict[str, str], docs: Path, data: Path | None = None) -> WriteReport:
    """Write the pages generated from the ``data`` folder (None: whichever, for clean)."""
    docs.mkdir(parents=True, exist_ok=True)
    with locked(lock_path(docs), f"writing {docs.as_posix()}"):
        source = os.path.realpath(data) if data is not None else made_from(docs)
        _check_source(docs, source)
        return _write(pages, docs, source)


def _check_source(docs: Path, source: str) -> None:
    """One docs folder holds one briefing's pages: writing another's would delete them."""
    before = made_from(docs)
    if before and source and before != source and read_manifest(docs):
        shown = (docs / MANIFEST).as_posix()
        message = f"{docs.as_posix()} holds the pages of {before}, not of {source}"
        hint = "give each briefing its own docs folder; to reuse this one, clean it first"
        raise DataError([Problem(shown, 0, 0, "", message, hint)])


def _write(pages: dict[str, str], docs: Path, source: str) -> WriteReport:
    files, pending, manifest_text = _read(docs)
    owned = read_manifest(docs)
    problems, existing = check_paths(pages, docs, owned)
    if problems:
        raise DataError(problems)
    root = os.path.realpath(docs)
    report = WriteReport()
    encoded = {name: pages[name].encode("utf-8") for name in sorted(pages)}
    digests = {name: _digest(data) for name, data in encoded.items()}
    _remove_temporary_files(root, {*owned, *pages})
    changed: list[str] = []
    for name, data in encoded.items():
        if name in existing and _holds(os.path.join(root, name), data):
            report.unchanged.append(name)
        else:
            changed.append(name)
    stale = sorted(set(owned) - set(pages))
    # Before the first change, the manifest claims every file this build may leave, with
    # the digests it may leave it with: old or new, as a rename has happened or not.
    if changed and any(digests[name] not in owned.get(name, ()) for name in changed):
        claims = {name: digests[name] for name in changed}
        _write_manifest(docs, files, pending | claims, source)
    made: set[str] = set()
    for name in changed:
        target = os.path.join(root, name)
        folder = os.path.dirname(target)
        shown = (docs / name).as_posix()
        if folder not in made:
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError as error:
                raise WriteError(error, "create the folder of", shown) from None
            made.add(folder)
        _replace(target, encoded[name], shown)
        report.written.append(name)
    for name in stale:
        target = os.path.join(root, name)
        try:
            info = os.lstat(target)
        except (FileNotFoundError, NotADirectoryError):
            # Already gone (removed by a build that was interrupted before the manifest
            # was rewritten): its folder may still need pruning.
            _prune_empty_dirs(Path(target).parent, Path(root))
            continue
        if stat.S_ISREG(info.st_mode) and _digest_of(target) in owned[name]:
            try:
                os.unlink(target)
            except OSError as error:
                raise WriteError(error, "remove", (docs / name).as_posix()) from None
            report.removed.append(name)
            _prune_empty_dirs(Path(target).parent, Path(root))
    if _manifest_text(digests, {}, source) != manifest_text:
        _write_manifest(docs, digests, {}, source)
    return report


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _digest_of(path: str) -> str:
    with open(path, "rb") as stream:
        return _digest(stream.read())


def _holds(path: str, data: bytes) -> bool:
    """Whether the regular file at ``path`` has exactly these bytes."""
    try:
        with open(path, "rb") as stream:
            return stream.read(len(data) + 1) == data
    except (IsADirectoryError, FileNotFoundError, NotADirectoryError):
        return False


def _manifest_text(files: dict[str, str], pending: dict[str, str], source: str) -> str:
    data: dict[str, object] = {"files": files}
    if pending:
        data["pending"] = pending
    if source:
        data["data"] = source
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def _write_manifest(
    docs: Path, files: dict[str, str], pending: dict[str, str], source: str
) -> None:
    shown = (docs / MANIFEST).as_posix()
    text = _manifest_text(files, pending, source)
    _replace(os.path.join(docs, MANIFEST), text.encode(), shown)


def _replace(target: str, data: bytes, shown: str) -> None:
    """Write to a temporary file beside ``target``, then rename it into place: a reader
    (or a build interrupted half-way) never sees half a file. The folder must exist.
    ``O_EXCL`` and ``O_NOFOLLOW`` refuse a link put where the temporary file goes; an
    error names ``shown``, the page, not the temporary file."""
    folder = os.path.dirname(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    temp = ""
    try:
        for _ in range(8):
            temp = os.path.join(folder, TEMP_PREFIX + secrets.token_hex(8))
            try:
                handle = os.open(temp, flags, 0o644)
                break
            except FileExistsError:
                continue
        else:
            raise OSError(errno.EEXIST, os.strerror(errno.EEXIST))
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                os.fchmod(stream.fileno(), 0o644)  # whatever the umask
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise WriteError(error, "write", shown) from None


def _remove_temporary_files(root: str, names: set[str]) -> None:
    """Temporary files a build left behind when it was killed, in the folders it writes."""
    folders = {os.path.dirname(os.path.join(root, name)) for name in names} | {root}
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if (
                name.startswith(TEMP_PREFIX)
                and _TEMP_NAME.fullmatch(name)
                and not entry.is_dir(follow_symlinks=False)
            ):
                Path(entry.path).unlink(missing_ok=True)


def _prune_empty_dirs(folder: Path, docs: Path) -> None:
    while folder != docs and docs in folder.parents:
        try:
            folder.rmdir()  # only if empty
        except FileNotFoundError:
            pass  # removed by an interrupted build; its parent may be left
        except OSError:
            return
        folder = folder.parent


def clean(docs: Path) -> list[str]:
    """Remove every generated page: exactly what :func:`write` with no pages would."""
    return write({}, docs).removed


def write_file(path: Path, text: str) -> bool:
    """One file of the builder's outside a docs folder (a briefing's site configuration):
    written atomically, and only when its bytes change; whether it was."""
    data = text.encode("utf-8")
    if _holds(str(path), data):
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteError(error, "create the folder of", path.as_posix()) from None
    _replace(str(path), data, path.as_posix())
    return True
