"""Stage 1, load: read the data folder into plain documents, keeping positions.

Nothing is validated against the schema here; this stage only turns bytes into text and
YAML into data, reporting unreadable files (encoding, byte-order mark, CRLF, front matter,
YAML syntax) with their place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder import yamlsafe
from builder.errors import DataError, Problem, display_path
from builder.kinds import SOURCES, YAML_KINDS

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
        shown = display_path(source_dir, root)
        problems.append(
            Problem(shown, 1, 1, "", "no source articles found", "add data/sources/<id>.md")
        )
    if problems:
        raise DataError(problems)
    return RawData(root, event, collections, sources)


def read_text(path: Path, shown: str, problems: list[Problem], limit: int) -> str | None:
    """UTF-8 text with LF line ends, or None with a positioned problem."""
    data = path.read_bytes()
    if len(data) > limit:
        problems.append(
            Problem(shown, 1, 1, "", f"file is {len(data):,} bytes; the limit is {limit:,}")
        )
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
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"bytes that are not UTF-8 (0x{data[error.start]:02x})"
        problems.append(Problem(shown, line, column, "", message, "save the file as UTF-8"))
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
    shown = display_path(path, root)
    if not path.is_file():
        if required:
            problems.append(Problem(shown, 1, 1, "", "file not found", f"create {shown}"))
        return None
    text = read_text(path, shown, problems, yamlsafe.MAX_BYTES)
    if text is None:
        return None
    document, found = yamlsafe.parse(text, shown)
    problems.extend(found)
    return (shown, document) if document is not None else None


def _load_source(path: Path, root: Path, problems: list[Problem]) -> SourceFile | None:
    shown = display_path(path, root)
    text = read_text(path, shown, problems, MAX_SOURCE_BYTES)
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
