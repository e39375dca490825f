"""Read the article an analyst copied from a page, as the loader will read its copy."""

from __future__ import annotations

from pathlib import Path

from builder.errors import Problem, display_path
from builder.load import MAX_SOURCE_BYTES, decode_utf8


def read_article(file: Path, problems: list[Problem]) -> str | None:
    """The article's text with LF line ends, or None with a problem."""
    shown = display_path(file)
    try:
        if file.stat().st_size > MAX_SOURCE_BYTES:
            limit = f"{MAX_SOURCE_BYTES:,}"
            problems.append(Problem(shown, 0, 0, "", f"larger than {limit} bytes", "split it"))
            return None
        data = file.read_bytes()
    except OSError as error:
        problems.append(Problem(shown, 0, 0, "", f"cannot read the file: {error.strerror}"))
        return None
    # A saved page may start with a byte-order mark; the copy is written without it.
    text = decode_utf8(data.removeprefix(b"\xef\xbb\xbf"), shown, problems)
    if text is None:
        return None
    # Web pages come with CRLF line ends; the loader reads LF only. Nothing else changes:
    # quotes are located in these very characters.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("---\n"):
        problems.append(
            Problem(
                shown,
                1,
                1,
                "",
                "already has front matter",
                "copy it into the sources folder yourself, or remove the front matter",
            )
        )
        return None
    if not text.strip():
        problems.append(Problem(shown, 0, 0, "", "the file is empty", "copy the article in"))
        return None
    return text if text.endswith("\n") else text + "\n"
