"""Stage 1, load: read the data folder into plain documents, keeping positions.

Nothing is validated against the schema here; this stage only turns bytes into text and
YAML into data, reporting unreadable files (encoding, byte-order mark, CRLF, front matter,
YAML syntax) with their place.

Reading is bounded before it starts: only regular files that really are inside the data
folder are opened (a link leading out of it is refused, and nothing of its target is
read), their size is taken from the open file's ``stat`` and at most the limit is read, so
a named pipe cannot hang a build, nor ``/dev/zero`` or a sparse file of 4 GB fill memory.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from builder import yamlsafe
from builder.errors import DataError, Problem, display_path

SOURCE_SUFFIX = ".md"
MAX_SOURCE_BYTES = 2_000_000


@dataclass(frozen=True)
class SourceFile:
    path: str  # as shown in messages
    front: yamlsafe.Document
    body: str
    body_line: int  # line of the file where the body starts


@dataclass(frozen=True)
class RawData:
    root: Path
    event: tuple[str, yamlsafe.Document] | None
    collections: dict[str, tuple[str, yamlsafe.Document]]
    sources: list[SourceFile]


def load(root: Path) -> RawData:
    """The data folder's files as documents; raise DataError listing every unreadable one."""
    # Here, not above: the kinds bring the schema (pydantic), which reading one source
    # for the quote picker does without.
    from builder.kinds import SOURCES, YAML_KINDS

    if not root.is_dir():
        problem = Problem(root.as_posix(), 1, 1, "", "data folder not found", "pass --data DIR")
        raise DataError([problem])
    problems: list[Problem] = []
    event = _load_yaml(root / "event.yaml", root, problems, required=True)
    collections = {}
    for kind in YAML_KINDS:
        loaded = _load_yaml(root / kind.data_file, root, problems, required=False)
        if loaded is not None:
            collections[kind.name] = loaded
    sources = []
    source_dir = root / SOURCES.name
    for path in sorted(source_dir.glob(f"*{SOURCE_SUFFIX}")) if source_dir.is_dir() else []:
        source = _load_source(path, root, problems)
        if source is not None:
            sources.append(source)
    if not sources:
        shown = display_path(source_dir)
        problems.append(
            Problem(shown, 1, 1, "", "no source articles found", "add data/sources/<id>.md")
        )
    if problems:
        raise DataError(problems)
    return RawData(root, event, collections, sources)


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def read_bytes(
    path: Path, shown: str, problems: list[Problem], limit: int, root: Path
) -> bytes | None:
    """The bytes of ``path``, or None with a problem: when it leads outside ``root`` (the data
    folder), is not a regular file, or holds more than ``limit`` bytes. Nothing is read
    from a file refused, so no message can show any of its content."""
    real = os.path.realpath(path)
    inside = os.path.realpath(root)
    if not real.startswith(inside.rstrip(os.sep) + os.sep):
        problems.append(
            Problem(
                shown,
                1,
                1,
                "",
                f"a symbolic link leads outside the data folder (to {real}); not read",
                "copy the file into the data folder instead of linking to it",
            )
        )
        return None
    try:
        # Not blocking: opening a named pipe for reading would wait for a writer. No
        # following: the path was resolved above, so a link now would be a new one.
        handle = os.open(real, _OPEN_FLAGS)
    except OSError as error:
        problems.append(Problem(shown, 1, 1, "", f"cannot open the file: {error.strerror}"))
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
            message = f"not a regular file ({kind}); not read"
            problems.append(Problem(shown, 1, 1, "", message, "data files are ordinary files"))
            return None
        if info.st_size > limit:
            problems.append(_too_big(shown, info.st_size, limit))
            return None
        chunks, size = [], 0
        while size <= limit and (chunk := os.read(handle, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        problems.append(Problem(shown, 1, 1, "", f"cannot read the file: {error.strerror}"))
        return None
    finally:
        os.close(handle)
    if size > limit:  # it grew after it was measured
        problems.append(_too_big(shown, None, limit))
        return None
    return b"".join(chunks)


def _too_big(shown: str, size: int | None, limit: int) -> Problem:
    said = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    message = f"file is {said}; the limit is {limit:,}"
    return Problem(shown, 1, 1, "", message, "split it into smaller files")


def read_text(
    path: Path, shown: str, problems: list[Problem], limit: int, root: Path
) -> str | None:
    """UTF-8 text with LF line ends, or None with a positioned problem."""
    data = read_bytes(path, shown, problems, limit, root)
    if data is None:
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(
                shown,
                1,
                1,
                "",
                "file starts with a byte-order mark",
                "save as UTF-8 without BOM",
            )
        )
        return None
    text = decode_utf8(data, shown, problems)
    if text is None:
        return None
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        problems.append(
            Problem(
                shown,
                line,
                1,
                "",
                "CRLF or CR line ends",
                "save with LF (Unix) line ends",
            )
        )
        return None
    return text


def _load_yaml(
    path: Path, root: Path, problems: list[Problem], *, required: bool
) -> tuple[str, yamlsafe.Document] | None:
    shown = display_path(path)
    if not os.path.lexists(path):
        if required:
            problems.append(Problem(shown, 1, 1, "", "file not found", f"create {shown}"))
        return None
    text = read_text(path, shown, problems, yamlsafe.MAX_BYTES, root)
    if text is None:
        return None
    document, found = yamlsafe.parse(text, shown)
    problems.extend(found)
    return (shown, document) if document is not None else None


def load_source(path: Path, root: Path) -> SourceFile:
    """One source article of the data folder ``root``, read as :func:`load` reads it (for
    the authoring commands, which need one source and not the rest of the data)."""
    problems: list[Problem] = []
    source = _load_source(path, root, problems)
    if source is None:
        raise DataError(problems)
    return source


def _load_source(path: Path, root: Path, problems: list[Problem]) -> SourceFile | None:
    shown = display_path(path)
    text = read_text(path, shown, problems, MAX_SOURCE_BYTES, root)
    if text is None:
        return None
    if not text.startswith("---\n"):
        problems.append(
            Problem(
                shown,
                1,
                1,
                "",
                "missing front matter",
                "start the file with a '---' line, the YAML, and '---'",
            )
        )
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        problems.append(
            Problem(
                shown,
                1,
                1,
                "",
                "front matter is not closed",
                "add a line '---' after the YAML",
            )
        )
        return None
    front_text = text[4 : end + 1]
    document, found = yamlsafe.parse(front_text, shown, line_offset=1)
    problems.extend(found)
    if document is None:
        return None
    body_line = front_text.count("\n") + 3
    return SourceFile(shown, document, text[end + 5 :], body_line)


def decode_utf8(data: bytes, shown: str, problems: list[Problem]) -> str | None:
    """The text, or None with a problem placed at the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"bytes that are not UTF-8 (0x{data[error.start]:02x})"
        problems.append(Problem(shown, line, column, "", message, "save the file as UTF-8"))
        return None
